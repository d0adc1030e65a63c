// A program using bindings made by an installed pyhpp; its translation unit needs no Python.h.
#include <py/inventory.hpp>
#include <pyhpp/pyhpp.hpp>

#ifdef Py_PYTHON_H
#error "Python.h reached a user's translation unit through the generated or runtime headers"
#endif

#include <iostream>

int main() {
    pyhpp::interpreter python;
    std::cout << "label: " << py::inventory::label("pear", 3) << "\n";
    std::cout << "total: " << py::inventory::total({1, 2, 3, 4}) << "\n";
    return 0;
}

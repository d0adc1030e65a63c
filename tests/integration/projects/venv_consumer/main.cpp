// Prints where the embedded interpreter found `venvonly`: it must be the venv's site-packages.
#include <py/venvonly.hpp>
#include <pyhpp/pyhpp.hpp>

#include <iostream>

int main() {
    pyhpp::interpreter python;
    std::cout << "greeting: " << py::venvonly::greet("venv") << "\n";
    std::cout << "file: " << pyhpp::import("venvonly").attr("__file__").str() << "\n";
    std::cout << "prefix: " << pyhpp::import("sys").attr("prefix").str() << "\n";
    return 0;
}

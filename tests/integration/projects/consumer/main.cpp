// The consumer program: prints the results of calls through the generated wrappers of `shop`.
#include <py/shop.hpp>
#include <pyhpp/pyhpp.hpp>

#include <iostream>

int main() {
    pyhpp::interpreter python;
    std::cout << "price(20) = " << py::shop::price(20) << "\n";
    // @EXTRA@ (the tests put a call of a new function here)
    return 0;
}

// The invoice sample: a typed Python package called from C++ through generated wrappers.
#include <py/invoice.hpp>

#include <iostream>

namespace invoice = py::invoice;

int main() {
    pyhpp::interpreter python; // finds the interpreter and sys.path the bindings were made with

    // Typed arguments and results; omitted arguments take Python's own defaults.
    std::cout << "total with 20% tax:        " << invoice::total({10.0, 5.5}) << "\n";
    std::cout << "total at 5% less 1.5:      "
              << invoice::total({10.0, 5.5}, 0.05, invoice::kw::discount = 1.5) << "\n";

    auto [family, number] = invoice::parse_sku("APL-0042");
    std::cout << "SKU APL-0042:              family " << family << ", number " << number << "\n";

    std::cout << "below minimum stock of 3: ";
    for (const auto &name : invoice::stock_report({{"apple", 5}, {"pear", 0}, {"melon", 2}}, 3))
        std::cout << " " << name;
    std::cout << "\n";

    std::optional<double> kiwi = invoice::find_price("kiwi");
    std::cout << "price of melon:            " << invoice::find_price("melon").value_or(-1) << "\n";
    std::cout << "price of kiwi:             " << (kiwi ? "sold" : "not sold") << "\n";
    std::cout << "tags:                      "
              << invoice::tags({"fresh", "local"}, invoice::kw::sep = " | ") << "\n";

    // A Python exception arrives as the matching C++ exception class, with its traceback.
    try {
        invoice::parse_sku("nonsense");
    } catch (const pyhpp::value_error &e) {
        std::cout << "caught pyhpp::value_error: " << e.what() << "\n";
    }
    return 0;
}

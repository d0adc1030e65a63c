// The stdlib sample: wrappers of a standard-library module (json) that has no annotations of its
// own. Its types come from typeshed's stubs: dumps() returns a std::string, loads() takes one;
// the JSON value itself is `Any`, a pyhpp::object. Keyword-only arguments are passed by name.
#include <py/json.hpp>

#include <iostream>
#include <map>

namespace json = py::json;

int main() {
    pyhpp::interpreter python;

    std::map<std::string, pyhpp::object> order{{"item", "pear"}, {"count", 3}, {"price", 0.75}};
    std::string text = json::dumps(order, json::kw::sort_keys = true, json::kw::indent = 2);
    std::cout << text << "\n";

    pyhpp::object back = json::loads(text);
    std::cout << "count read back: " << back.item("count").cast<std::int64_t>() << "\n";

    try {
        json::loads("{not json");
    } catch (const pyhpp::value_error &e) { // json.JSONDecodeError derives from ValueError
        std::cout << "caught " << e.type_name() << ": " << e.message() << "\n";
    }
    return 0;
}

// Helpers of the corpus programs: the same call made through Python's generic object API, whose
// result each test compares with what the generated wrapper returns.
#pragma once

#include <pyhpp/pyhpp.hpp>

#include <string>
#include <vector>

namespace corpus {

/// `eval(expression, {})`: a Python value written as Python writes it. (Without a globals
/// dict, eval() looks for the calling Python frame, and a call from C++ has none.)
inline pyhpp::object eval(const std::string &expression) {
    pyhpp::object builtins = pyhpp::import("builtins");
    return builtins.attr("eval")(expression, builtins.attr("dict")());
}

/// Executes `code` in a fresh namespace and returns what it assigned to `result`.
inline pyhpp::object run(const std::string &code) {
    pyhpp::object builtins = pyhpp::import("builtins");
    pyhpp::object ns = builtins.attr("dict")();
    builtins.attr("exec")(code, ns);
    return ns.item("result");
}

/// The exception `statement` raises, as Python describes it: its class as
/// "module.QualName" (just the name for builtins) and str(exception).
struct python_exception {
    std::string type_name;
    std::string message;
};
inline python_exception raised_by(const std::string &imports, const std::string &statement) {
    pyhpp::object caught = run(imports + "\ntry:\n    " + statement +
                               "\n    result = None\n"
                               "except BaseException as e:\n"
                               "    t = type(e)\n"
                               "    name = t.__qualname__ if t.__module__ == 'builtins' "
                               "else t.__module__ + '.' + t.__qualname__\n"
                               "    result = (name, str(e))\n");
    if (caught.is_none())
        return {"", ""};
    auto items = caught.cast<std::vector<pyhpp::object>>();
    return {items.at(0).cast<std::string>(), items.at(1).cast<std::string>()};
}

/// Python's `a == b`.
inline bool equal(const pyhpp::object &a, const pyhpp::object &b) {
    return pyhpp::import("operator").attr("eq")(a, b).cast<bool>();
}

/// `list(iterable)`, each item converted to a std::string (it must be a str).
inline std::vector<std::string> strings(const pyhpp::object &iterable) {
    std::vector<std::string> out;
    for (const pyhpp::object &item :
         pyhpp::import("builtins").attr("list")(iterable).cast<std::vector<pyhpp::object>>())
        out.push_back(item.cast<std::string>());
    return out;
}

} // namespace corpus

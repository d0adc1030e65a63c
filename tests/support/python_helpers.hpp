// Helpers shared by the C++ suites: run Python source, read reference counts.
#pragma once

#include <pyhpp/pyhpp.hpp>

#include <string>

namespace pyhpp_test {

/// Executes `code` in a fresh namespace and returns that namespace (a dict).
inline pyhpp::object run(const std::string &code) {
    pyhpp::object builtins = pyhpp::import("builtins");
    pyhpp::object ns = builtins.attr("dict")();
    builtins.attr("exec")(code, ns);
    return ns;
}

/// sys.getrefcount(o), less the reference the call itself holds.
inline std::int64_t refcount(const pyhpp::object &o) {
    static const pyhpp::object getrefcount = pyhpp::import("sys").attr("getrefcount");
    return getrefcount(o).cast<std::int64_t>() - 1;
}

} // namespace pyhpp_test

// Helpers of the codec tests: Python values from expressions, and conversions both ways through
// the same boundaries generated code uses. PRECONDITION of all: The GIL must be held (each test
// case holds a pyhpp::gil_acquire).
#pragma once

#include "../support/python_helpers.hpp"

#include <pyhpp/detail/call.hpp>
#include <pyhpp/detail/codecs.hpp>
#include <pyhpp/detail/errors.hpp>

#include <map>
#include <string>

namespace codec_test {

namespace codec = pyhpp::detail::codec;
using pyhpp::detail::failure;

/// The namespace expressions are evaluated in: datetime, enum, pathlib and codec_values's names.
inline pyhpp::object scope() {
    static const pyhpp::object ns = pyhpp_test::run("import sys\n"
                                                    "sys.path.insert(0, '" PYHPP_FIXTURES_DIR "')\n"
                                                    "import enum, os, pathlib\n"
                                                    "from codec_values import *\n"
                                                    "from datetime import *\n");
    return ns;
}

/// The value of a Python expression.
inline pyhpp::object eval(const std::string &expr) {
    static const pyhpp::object builtin_eval = pyhpp::import("builtins").attr("eval");
    return builtin_eval(expr, scope());
}

/// A class of the fixture module, as enumeration's `Class::get()` wants it (borrowed).
inline PyObject *fixture_class(const std::string &name) {
    static std::map<std::string, pyhpp::object> classes;
    auto &cls = classes[name];
    if (!cls)
        cls = eval(name);
    return cls.ptr();
}

/// C++ -> Python; throws the pending Python error as its pyhpp exception.
template <class C> pyhpp::object to_py(const typename C::type &value) {
    PyObject *o = C::to_python(value);
    if (!o)
        pyhpp::detail::throw_python_error();
    REQUIRE_FALSE(PyErr_Occurred());
    return pyhpp::object::steal(o);
}

/// Python -> C++ as a result of the function "m.f()" annotated `expected`: a failure throws
/// what a wrapper would throw.
template <class C> typename C::type from_py(const pyhpp::object &o, const char *expected = "T") {
    Py_INCREF(o.ptr());
    return pyhpp::detail::take_result<C>(o.ptr(), "m.f()", expected);
}
template <class C> typename C::type from_py(const char *expr, const char *expected = "T") {
    return from_py<C>(eval(expr), expected);
}

/// Python -> C++ directly: whether it converted, with the failure left in `f`.
template <class C> bool convert(const std::string &expr, typename C::type &out, failure &f) {
    pyhpp::object o = eval(expr);
    return C::from_python(o.ptr(), out, f);
}

/// Whether codec C sees the value of `expr` as exactly its type.
template <class C> bool exact(const std::string &expr) { return C::exact(eval(expr).ptr()); }

/// Python's `a == eval(expr) and type(a) is type(eval(expr))`.
inline bool same(const pyhpp::object &a, const std::string &expr) {
    pyhpp::object b = eval(expr);
    int eq = PyObject_RichCompareBool(a.ptr(), b.ptr(), Py_EQ);
    if (eq < 0)
        pyhpp::detail::throw_python_error();
    return eq == 1 && Py_TYPE(a.ptr()) == Py_TYPE(b.ptr());
}

} // namespace codec_test

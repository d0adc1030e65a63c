// The out-of-line parts of the call path: keyword tuples and argument errors.
#include <pyhpp/detail/call.hpp>
#include <pyhpp/detail/convert.hpp>

#include <string>

namespace pyhpp::detail {

PyObject *keyword_tuple(keyword_names *names, std::uint64_t mask, PyObject *extra_names) {
    PyObject *base = mask ? names->tuple_for(mask) : PyTuple_New(0);
    if (!base || !extra_names)
        return base;
    PyObject *extra = PyList_AsTuple(extra_names);
    PyObject *all = extra ? PySequence_Concat(base, extra) : nullptr;
    Py_XDECREF(extra);
    Py_DECREF(base);
    return all;
}

bool append_extra_name(PyObject *&extra_names, std::string_view name) {
    if (!extra_names && !(extra_names = PyList_New(0)))
        return false;
    PyObject *text =
        PyUnicode_DecodeUTF8(name.data(), static_cast<Py_ssize_t>(name.size()), "strict");
    if (!text)
        return false;
    PyUnicode_InternInPlace(&text);
    int rc = PyList_Append(extra_names, text);
    Py_DECREF(text);
    return rc == 0;
}

void throw_argument_misuse(const char *function, const char *param, const char *why) {
    throw type_error("TypeError", std::string(function) + ": argument '" + param + "' " + why);
}

void throw_argument_error(const char *function, const char *param) {
    if (!PyErr_Occurred())
        PyErr_SetString(PyExc_SystemError, "argument conversion failed without an error");
    throw_python_error(std::string(function) + ": argument '" + param + "'");
}

void throw_result_error(PyObject *result, const char *function, const char *expected,
                        const failure &f) {
    std::string outer = Py_TYPE(result)->tp_name;
    Py_DECREF(result);
    if (f.what == failure::kind::python) {
        if (!PyErr_Occurred())
            PyErr_SetString(PyExc_SystemError, "result conversion failed without an error");
        throw_python_error(std::string(function) + " result");
    }
    std::string where = f.path().empty() ? "" : " (at " + f.path() + ")";
    if (f.what == failure::kind::overflow)
        throw overflow_error("OverflowError", std::string(function) + " returned " + f.actual() +
                                                  where + ", which does not fit in " + f.cpp_type);
    std::string message = std::string(function) + " returned " + outer + ", expected " + expected;
    if (!f.path().empty())
        message += ": item " + f.path() + " is " + f.actual();
    throw type_error("TypeError", message);
}

} // namespace pyhpp::detail

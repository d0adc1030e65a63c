// The out-of-line parts of the call path: keyword tuples and argument errors.
#include <pyhpp/cast.hpp>
#include <pyhpp/detail/call.hpp>
#include <pyhpp/detail/codec_callable.hpp>
#include <pyhpp/detail/codec_instance.hpp>
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

void throw_null_self(const char *method) {
    throw value_error("ValueError", std::string(method) + " called on a null handle");
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
    if (f.what == failure::kind::value)
        throw value_error("ValueError", std::string(function) + " returned " + f.actual() + where +
                                            ", which is not one of " + f.allowed());
    std::string message = std::string(function) + " returned " + outer + ", expected " + expected;
    if (!f.path().empty())
        message += ": item " + f.path() + " is " + f.actual();
    throw type_error("TypeError", message);
}

} // namespace pyhpp::detail

namespace pyhpp::detail {

namespace {
PyObject *self_of(const pyhpp::object &self, const char *what) {
    if (!self)
        throw_null_self(what);
    return self.ptr();
}
} // namespace

PyObject *get_attribute(PyObject *owner, PyObject *name, const char *what) {
    PyObject *value = PyObject_GetAttr(owner, name);
    if (!value)
        throw_python_error(std::string(what));
    return value;
}

PyObject *get_attribute(const pyhpp::object &self, PyObject *name, const char *what) {
    return get_attribute(self_of(self, what), name, what);
}

void set_attribute(const pyhpp::object &self, PyObject *name, PyObject *value, const char *what) {
    if (!value)
        throw_argument_error(what, "value");
    PyObject *target = self.ptr();
    int rc = target ? PyObject_SetAttr(target, name, value) : 0;
    Py_DECREF(value);
    if (!target)
        throw_null_self(what);
    if (rc != 0)
        throw_python_error(std::string(what));
}

bool compare(const pyhpp::object &self, PyObject *other, int op, const char *what) {
    if (!other)
        throw_argument_error(what, "other");
    PyObject *target = self.ptr();
    int rc = target ? PyObject_RichCompareBool(target, other, op) : 0;
    Py_DECREF(other);
    if (!target)
        throw_null_self(what);
    if (rc < 0)
        throw_python_error();
    return rc == 1;
}

bool truth(const pyhpp::object &self, const char *what) {
    int rc = PyObject_IsTrue(self_of(self, what));
    if (rc < 0)
        throw_python_error();
    return rc == 1;
}

std::int64_t hash(const pyhpp::object &self, const char *what) {
    Py_hash_t h = PyObject_Hash(self_of(self, what));
    if (h == -1 && PyErr_Occurred())
        throw_python_error();
    return static_cast<std::int64_t>(h);
}

PyObject *call_class(PyObject *(*get)(), PyObject *const *args, std::size_t n) noexcept {
    PyObject *result = nullptr;
    bool complete = true;
    for (std::size_t i = 0; i < n; ++i)
        complete = complete && args[i] != nullptr;
    if (complete) {
        try {
            result = PYHPP_VECTORCALL(get(), args, n, nullptr);
        } catch (const std::exception &e) {
            PyErr_SetString(PyExc_RuntimeError, e.what());
        }
    }
    for (std::size_t i = 0; i < n; ++i)
        Py_XDECREF(args[i]);
    return result;
}

bool set_item(PyObject *dict, const char *key, PyObject *value) noexcept {
    if (!value)
        return false;
    int rc = PyDict_SetItemString(dict, key, value);
    Py_DECREF(value);
    return rc == 0;
}

namespace {
/// Holds stolen operands until the end of a protocol call.
struct operands {
    PyObject *a = nullptr;
    PyObject *b = nullptr;
    ~operands() {
        Py_XDECREF(a);
        Py_XDECREF(b);
    }
};

PyObject *checked_result(PyObject *result) {
    if (!result)
        throw_python_error();
    return result;
}
} // namespace

std::int64_t length(const pyhpp::object &self, const char *what) {
    Py_ssize_t n = PyObject_Size(self_of(self, what));
    if (n < 0)
        throw_python_error();
    return static_cast<std::int64_t>(n);
}

bool contains(const pyhpp::object &self, PyObject *item, const char *what) {
    operands held{item};
    if (!item)
        throw_argument_error(what, "item");
    int rc = PySequence_Contains(self_of(self, what), item);
    if (rc < 0)
        throw_python_error();
    return rc == 1;
}

PyObject *get_item(const pyhpp::object &self, PyObject *key, const char *what) {
    operands held{key};
    if (!key)
        throw_argument_error(what, "key");
    return checked_result(PyObject_GetItem(self_of(self, what), key));
}

void set_item_of(const pyhpp::object &self, PyObject *key, PyObject *value, const char *what) {
    operands held{key, value};
    if (!key || !value)
        throw_argument_error(what, key ? "value" : "key");
    if (PyObject_SetItem(self_of(self, what), key, value) != 0)
        throw_python_error();
}

void del_item(const pyhpp::object &self, PyObject *key, const char *what) {
    operands held{key};
    if (!key)
        throw_argument_error(what, "key");
    if (PyObject_DelItem(self_of(self, what), key) != 0)
        throw_python_error();
}

PyObject *binary(PyObject *(*op)(PyObject *, PyObject *), const pyhpp::object &self,
                 PyObject *other, const char *what) {
    operands held{other};
    if (!other)
        throw_argument_error(what, "other");
    return checked_result(op(self_of(self, what), other));
}

PyObject *unary(PyObject *(*op)(PyObject *), const pyhpp::object &self, const char *what) {
    return checked_result(op(self_of(self, what)));
}

bool exit_context(const pyhpp::object &self, bool failed, const char *what) {
    PyObject *target = self_of(self, what);
    PyObject *type = Py_None, *value = Py_None, *traceback = Py_None;
    PyObject *exception = nullptr;
    if (failed) {
        raise_current_exception(); // the C++ exception as a Python one (the original if any)
        exception = fetch_exception();
        if (exception) {
            type = reinterpret_cast<PyObject *>(Py_TYPE(exception));
            value = exception;
            PyObject *tb = PyException_GetTraceback(exception);
            traceback = tb ? tb : Py_None;
            Py_XDECREF(tb); // the exception keeps it alive
        }
    }
    PyObject *result = PyObject_CallMethod(target, "__exit__", "OOO", type, value, traceback);
    Py_XDECREF(exception);
    if (!result)
        throw_python_error();
    int suppress = PyObject_IsTrue(result);
    Py_DECREF(result);
    if (suppress < 0)
        throw_python_error();
    return failed && suppress == 1;
}

void check_instance(const pyhpp::object &o, PyObject *cls, const char *name) {
    if (!o)
        throw value_error("ValueError", std::string("cannot cast a null handle to ") + name);
    int ok = is_instance(o.ptr(), cls);
    if (ok < 0)
        throw_python_error();
    if (!ok) {
        // Inside a conversion (a std::vector of wrappers, say): reported with its position.
        if (cast_failure *sink = hook_capture::current()) {
            sink->type_mismatch(o, name);
            throw hook_failed{};
        }
        throw type_error("TypeError",
                         std::string("cannot cast ") + Py_TYPE(o.ptr())->tp_name + " to " + name);
    }
}

bool has_members(PyObject *o, const char *const *names, std::size_t count) noexcept {
    for (std::size_t i = 0; i < count; ++i) {
        // PyObject_HasAttrString clears any error the lookup raises: a missing member.
        if (!PyObject_HasAttrString(o, names[i]))
            return false;
    }
    return true;
}

void check_members(const pyhpp::object &o, const char *const *names, std::size_t count,
                   const char *name) {
    if (!o)
        throw value_error("ValueError", std::string("cannot cast a null handle to ") + name);
    for (std::size_t i = 0; i < count; ++i) {
        if (!PyObject_HasAttrString(o.ptr(), names[i]))
            throw type_error("TypeError", std::string("cannot cast ") + Py_TYPE(o.ptr())->tp_name +
                                              " to " + name + ": it has no member '" + names[i] +
                                              "'");
    }
}

} // namespace pyhpp::detail

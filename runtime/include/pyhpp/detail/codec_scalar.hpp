// Codecs of scalars: int, float, bool, str, bytes, object. PRECONDITION: The GIL must be held.
#pragma once

#include <pyhpp/detail/convert.hpp>
#include <pyhpp/object.hpp>

#include <cstdint>
#include <string>

namespace pyhpp::detail::codec {

// Each codec has `type` (the C++ type), `to_python` (a new reference, or null with a Python
// error set), `from_python` (true, or false with `failure` filled) and `exact` (whether a Python
// object is exactly of the codec's Python type: a union tries those alternatives first).

struct int_ {
    using type = std::int64_t;
    static PyObject *to_python(type value) noexcept { return PyLong_FromLongLong(value); }
    /// An int, not a bool (nor an IntEnum member): so `bool | int` keeps True a bool.
    static bool exact(PyObject *o) noexcept { return PyLong_CheckExact(o); }
    static bool from_python(PyObject *o, type &out, failure &f) {
        if (PYHPP_UNLIKELY(!PyLong_Check(o)))
            return f.type_mismatch(o);
        long long v = PyLong_AsLongLong(o);
        // -1 is also a valid value; only then is the error indicator worth a look.
        if (PYHPP_UNLIKELY(v == -1) && PyErr_Occurred()) {
            PyErr_Clear(); // an OverflowError: reported as ours, with the value's repr
            return f.overflow(o, "std::int64_t");
        }
        out = v;
        return true;
    }
};

struct float_ {
    using type = double;
    static PyObject *to_python(type value) noexcept { return PyFloat_FromDouble(value); }
    static bool exact(PyObject *o) noexcept { return PyFloat_Check(o); }
    static bool from_python(PyObject *o, type &out, failure &f) {
        if (PYHPP_LIKELY(PyFloat_Check(o))) {
            out = PyFloat_AS_DOUBLE(o);
            return true;
        }
        // PEP 484: an int is acceptable where a float is expected.
        if (PyLong_Check(o)) {
            double v = PyLong_AsDouble(o);
            if (v == -1.0 && PyErr_Occurred()) {
                PyErr_Clear();
                return f.overflow(o, "double");
            }
            out = v;
            return true;
        }
        return f.type_mismatch(o);
    }
};

struct bool_ {
    using type = bool;
    static PyObject *to_python(type value) noexcept { return PyBool_FromLong(value ? 1 : 0); }
    static bool exact(PyObject *o) noexcept { return PyBool_Check(o); }
    static bool from_python(PyObject *o, type &out, failure &f) {
        if (o == Py_True) {
            out = true;
            return true;
        }
        if (o == Py_False) {
            out = false;
            return true;
        }
        return f.type_mismatch(o);
    }
};

struct str_ {
    using type = std::string;
    /// Invalid UTF-8 raises UnicodeDecodeError (pyhpp::unicode_decode_error).
    static PyObject *to_python(const type &value) noexcept {
        return PyUnicode_DecodeUTF8(value.data(), static_cast<Py_ssize_t>(value.size()), "strict");
    }
    /// A str, not a subclass: so `str | Color` keeps a member of a str-valued enum a Color.
    static bool exact(PyObject *o) noexcept { return PyUnicode_CheckExact(o); }
    static bool from_python(PyObject *o, type &out, failure &f) {
        if (PYHPP_UNLIKELY(!PyUnicode_Check(o)))
            return f.type_mismatch(o);
        Py_ssize_t size = 0;
        const char *data = PyUnicode_AsUTF8AndSize(o, &size);
        if (PYHPP_UNLIKELY(!data))
            return f.python_error();
        out.assign(data, static_cast<std::size_t>(size));
        return true;
    }
};

struct bytes_ {
    using type = pyhpp::bytes;
    static PyObject *to_python(const type &value) noexcept {
        return PyBytes_FromStringAndSize(reinterpret_cast<const char *>(value.data()),
                                         static_cast<Py_ssize_t>(value.size()));
    }
    static bool exact(PyObject *o) noexcept { return PyBytes_Check(o); }
    static bool from_python(PyObject *o, type &out, failure &f) {
        const char *data = nullptr;
        Py_ssize_t size = 0;
        if (PyBytes_Check(o)) {
            data = PyBytes_AS_STRING(o);
            size = PyBytes_GET_SIZE(o);
        } else if (PyByteArray_Check(o)) {
            data = PyByteArray_AS_STRING(o);
            size = PyByteArray_GET_SIZE(o);
        } else {
            return f.type_mismatch(o);
        }
        const auto *begin = reinterpret_cast<const std::uint8_t *>(data);
        out.assign(begin, begin + size);
        return true;
    }
};

struct object_ {
    using type = pyhpp::object;
    /// A null handle is sent as None.
    static PyObject *to_python(const type &value) noexcept {
        PyObject *p = value.ptr() ? value.ptr() : Py_None;
        Py_INCREF(p);
        return p;
    }
    /// Never exact: in a union it is the last resort, whatever its position.
    static bool exact(PyObject *) noexcept { return false; }
    static bool from_python(PyObject *o, type &out, failure &) noexcept {
        out = pyhpp::object::borrow(o);
        return true;
    }
};

/// type[X] <-> pyhpp::type_object: any class (whether it derives from X is Python's to check).
struct type_object {
    using type = pyhpp::type_object;
    /// A null handle is sent as None.
    static PyObject *to_python(const type &value) noexcept { return object_::to_python(value); }
    static bool exact(PyObject *o) noexcept { return PyType_Check(o); }
    static bool from_python(PyObject *o, type &out, failure &f) noexcept {
        if (PYHPP_UNLIKELY(!PyType_Check(o)))
            return f.type_mismatch(o);
        out = pyhpp::type_object(unchecked, pyhpp::object::borrow(o));
        return true;
    }
};

/// pyhpp::other: any object, as the last alternative of a variant (see pyhpp::other).
struct other {
    using type = pyhpp::other;
    static PyObject *to_python(const type &value) noexcept { return object_::to_python(value); }
    static bool exact(PyObject *) noexcept { return false; }
    static bool from_python(PyObject *o, type &out, failure &) noexcept {
        out = pyhpp::other(unchecked, pyhpp::object::borrow(o));
        return true;
    }
};

} // namespace pyhpp::detail::codec

// Codecs of Literal[...] values, filesystem paths and complex numbers.
// PRECONDITION: The GIL must be held.
#pragma once

#include <pyhpp/detail/codec_scalar.hpp>
#include <pyhpp/detail/convert.hpp>

#include <complex>
#include <filesystem>
#include <string>

namespace pyhpp::detail::codec {

/// `Literal[v1, v2, ...]`: the values of codec C that `Allowed` allows. Allowed has
/// `static bool contains(const typename C::type &)` and `static constexpr const char *text`
/// (e.g. "Literal['r', 'g']"). Sending another value raises ValueError; receiving one is a
/// value mismatch (pyhpp::value_error naming the allowed values).
template <class C, class Allowed> struct literal {
    using type = typename C::type;
    static PyObject *to_python(const type &value) {
        PyObject *o = C::to_python(value);
        if (!o || Allowed::contains(value))
            return o;
        PyErr_Format(PyExc_ValueError, "%R is not one of %s", o, Allowed::text);
        Py_DECREF(o);
        return nullptr;
    }
    static bool from_python(PyObject *o, type &out, failure &f) {
        if (!C::from_python(o, out, f))
            return false;
        return Allowed::contains(out) || f.value_mismatch(o, Allowed::text);
    }
    /// The type only: in a union, a value of the right type but not allowed falls through to
    /// the next alternative.
    static bool exact(PyObject *o) noexcept { return C::exact(o); }
};

/// `os.PathLike`, `pathlib.Path` <-> std::filesystem::path. Sent as a pathlib.Path; received
/// through os.fspath() from a str, bytes or any os.PathLike. Names are decoded and encoded with
/// the file system encoding and its error handler (UTF-8 and surrogateescape on POSIX), so any
/// byte string survives the round trip.
struct path {
    using type = std::filesystem::path;
    static PyObject *to_python(const type &value) {
        const auto &native = value.native();
#ifdef _WIN32
        PyObject *text =
            PyUnicode_FromWideChar(native.data(), static_cast<Py_ssize_t>(native.size()));
#else
        PyObject *text =
            PyUnicode_DecodeFSDefaultAndSize(native.data(), static_cast<Py_ssize_t>(native.size()));
#endif
        if (!text)
            return nullptr;
        // Paths are rare next to the file system work they stand for: a plain import will do.
        PyObject *pathlib = PyImport_ImportModule("pathlib");
        PyObject *cls = pathlib ? PyObject_GetAttrString(pathlib, "Path") : nullptr;
        PyObject *result = cls ? PyObject_CallFunctionObjArgs(cls, text, nullptr) : nullptr;
        Py_XDECREF(cls);
        Py_XDECREF(pathlib);
        Py_DECREF(text);
        return result;
    }
    static bool from_python(PyObject *o, type &out, failure &f) {
        if (!PyUnicode_Check(o) && !PyBytes_Check(o) && !is_path_like(o))
            return f.type_mismatch(o);
        PyObject *fs = PyOS_FSPath(o); // a str or bytes
        if (!fs)
            return f.python_error();
        bool done = PyBytes_Check(fs) ? assign_bytes(fs, out) : assign_str(fs, out);
        Py_DECREF(fs);
        return done || f.python_error();
    }
    /// An os.PathLike (pathlib.Path, os.DirEntry, ...), not a plain str or bytes.
    static bool exact(PyObject *o) noexcept {
        return !PyUnicode_Check(o) && !PyBytes_Check(o) && is_path_like(o);
    }

  private:
    static bool is_path_like(PyObject *o) noexcept {
        return PyObject_HasAttrString(reinterpret_cast<PyObject *>(Py_TYPE(o)), "__fspath__");
    }
    static bool assign_bytes(PyObject *b, type &out) {
#ifdef _WIN32
        PyObject *text =
            PyUnicode_DecodeFSDefaultAndSize(PyBytes_AS_STRING(b), PyBytes_GET_SIZE(b));
        if (!text)
            return false;
        bool done = assign_str(text, out);
        Py_DECREF(text);
        return done;
#else
        out = std::string(PyBytes_AS_STRING(b), static_cast<std::size_t>(PyBytes_GET_SIZE(b)));
        return true;
#endif
    }
    static bool assign_str(PyObject *s, type &out) {
#ifdef _WIN32
        Py_ssize_t size = 0;
        wchar_t *wide = PyUnicode_AsWideCharString(s, &size);
        if (!wide)
            return false;
        out = std::wstring(wide, static_cast<std::size_t>(size));
        PyMem_Free(wide);
        return true;
#else
        PyObject *encoded = PyUnicode_EncodeFSDefault(s);
        if (!encoded)
            return false;
        bool done = assign_bytes(encoded, out);
        Py_DECREF(encoded);
        return done;
#endif
    }
};

/// `complex` <-> std::complex<double>. From Python, a float or an int is a complex too (PEP
/// 484's numeric tower).
struct complex {
    using type = std::complex<double>;
    static PyObject *to_python(const type &value) noexcept {
        return PyComplex_FromDoubles(value.real(), value.imag());
    }
    static bool from_python(PyObject *o, type &out, failure &f) {
        if (PyComplex_Check(o)) {
            Py_complex c = PyComplex_AsCComplex(o); // reads a complex (or subclass) directly
            out = type(c.real, c.imag);
            return true;
        }
        double real = 0.0;
        if (!float_::from_python(o, real, f))
            return false;
        out = type(real, 0.0);
        return true;
    }
    static bool exact(PyObject *o) noexcept { return PyComplex_Check(o); }
};

} // namespace pyhpp::detail::codec

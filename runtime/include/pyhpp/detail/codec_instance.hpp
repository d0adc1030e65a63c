// Codec of generated class wrappers: a Python instance <-> a handle of its C++ wrapper class.
// PRECONDITION: The GIL must be held.
#pragma once

#include <pyhpp/detail/convert.hpp>
#include <pyhpp/object.hpp>

#include <cstddef>
#include <type_traits>

namespace pyhpp::detail {

/// isinstance(o, cls) with the exact-type fast path; -1 with a Python error set on failure.
inline int is_instance(PyObject *o, PyObject *cls) {
    if (reinterpret_cast<PyObject *>(Py_TYPE(o)) == cls)
        return 1;
    return PyObject_IsInstance(o, cls);
}

/// Raises pyhpp::type_error unless `o` is an instance of `cls` (named `name` in the message).
void check_instance(const pyhpp::object &o, PyObject *cls, const char *name);

/// Whether `o` has every attribute of `names` (the `count` first): the instance check of
/// structural wrappers, which have no Python class. Never raises.
bool has_members(PyObject *o, const char *const *names, std::size_t count) noexcept;

/// Raises pyhpp::type_error, naming the first missing member, unless `o` has every one of
/// `names` (a structural wrapper named `name`).
void check_members(const pyhpp::object &o, const char *const *names, std::size_t count,
                   const char *name);

namespace codec {

/// A Python instance of the class `Class::get()` <-> the C++ wrapper W (which derives from
/// pyhpp::object and has the constructor W(detail::unchecked_t, pyhpp::object)).
template <class W, class Class> struct instance {
    using type = W;
    static PyObject *to_python(const W &value) noexcept {
        // Through the base class: a Python method named `ptr` would hide it in W.
        PyObject *p = static_cast<const pyhpp::object &>(value).ptr();
        if (!p) {
            PyErr_SetString(PyExc_ValueError, "a null handle cannot be sent to Python");
            return nullptr;
        }
        Py_INCREF(p);
        return p;
    }
    static bool from_python(PyObject *o, W &out, failure &f) {
        int ok = is_instance(o, Class::get());
        if (ok < 0)
            return f.python_error();
        if (!ok)
            return f.type_mismatch(o);
        out = W(unchecked, pyhpp::object::borrow(o));
        return true;
    }
    static bool exact(PyObject *o) noexcept {
        try {
            return reinterpret_cast<PyObject *>(Py_TYPE(o)) == Class::get();
        } catch (...) {
            return false; // the class cannot even be looked up: nothing is exactly of it
        }
    }
};

/// A Python object <-> the structural wrapper W of a class only a stub describes: any object
/// for which `W::pyhpp_matches` holds (it has the members W calls). No object is exactly of
/// such a class, so in a std::variant the other alternatives' exact types win.
template <class W> struct structural {
    using type = W;
    static PyObject *to_python(const W &value) noexcept {
        return instance<W, void>::to_python(value);
    }
    static bool from_python(PyObject *o, W &out, failure &f) {
        if (!W::pyhpp_matches(pyhpp::object::borrow(o)))
            return f.type_mismatch(o);
        out = W(unchecked, pyhpp::object::borrow(o));
        return true;
    }
    static bool exact(PyObject *) noexcept { return false; }
};

} // namespace codec
} // namespace pyhpp::detail

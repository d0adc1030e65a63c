// Codecs of the live containers: a Python list, dict or set shared (not copied) as a
// pyhpp::list, pyhpp::dict or pyhpp::set. PRECONDITION: The GIL must be held.
#pragma once

#include <pyhpp/containers.hpp>
#include <pyhpp/detail/codec_callable.hpp>
#include <pyhpp/detail/convert.hpp>
#include <pyhpp/object.hpp>

#include <string>

namespace pyhpp::detail::codec {

namespace refs {
/// The same object, as a new reference; a null handle raises ValueError.
inline ::PyObject *same_object(const pyhpp::object &value) noexcept {
    ::PyObject *p = value.ptr();
    if (!p) {
        PyErr_SetString(PyExc_ValueError, "a null handle cannot be sent to Python");
        return nullptr;
    }
    Py_INCREF(p);
    return p;
}
} // namespace refs

/// `list[T]` <-> pyhpp::list<T>: the same list object, whose items C converts on access.
template <class C> struct list_ref {
    using type = pyhpp::list<typename C::type>;
    static std::string python_name() { return "list[" + names_of<C>() + "]"; }
    static ::PyObject *to_python(const type &value) noexcept { return refs::same_object(value); }
    static bool exact(::PyObject *o) noexcept { return PyList_CheckExact(o); }
    static bool from_python(::PyObject *o, type &out, failure &f) {
        if (!PyList_Check(o))
            return f.type_mismatch(o);
        out = type(unchecked, pyhpp::object::borrow(o));
        return true;
    }
};

/// `dict[K, V]` <-> pyhpp::dict<K, V>: the same dict object.
template <class KC, class VC> struct dict_ref {
    using type = pyhpp::dict<typename KC::type, typename VC::type>;
    static std::string python_name() { return "dict[" + names_of<KC, VC>() + "]"; }
    static ::PyObject *to_python(const type &value) noexcept { return refs::same_object(value); }
    static bool exact(::PyObject *o) noexcept { return PyDict_CheckExact(o); }
    static bool from_python(::PyObject *o, type &out, failure &f) {
        if (!PyDict_Check(o))
            return f.type_mismatch(o);
        out = type(unchecked, pyhpp::object::borrow(o));
        return true;
    }
};

/// `set[T]` <-> pyhpp::set<T>: the same set object. A frozenset is refused: it cannot change,
/// so a live handle to it makes no sense (codec::frozenset copies it into a std::set).
template <class C> struct set_ref {
    using type = pyhpp::set<typename C::type>;
    static std::string python_name() { return "set[" + names_of<C>() + "]"; }
    static ::PyObject *to_python(const type &value) noexcept { return refs::same_object(value); }
    static bool exact(::PyObject *o) noexcept { return PySet_CheckExact(o); }
    static bool from_python(::PyObject *o, type &out, failure &f) {
        if (!PySet_Check(o))
            return f.type_mismatch(o);
        out = type(unchecked, pyhpp::object::borrow(o));
        return true;
    }
};

} // namespace pyhpp::detail::codec

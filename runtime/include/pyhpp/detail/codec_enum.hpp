// Codec of Python enum.Enum subclasses as C++ `enum class`es. PRECONDITION: The GIL must be held.
#pragma once

#include <pyhpp/detail/codec_instance.hpp>
#include <pyhpp/detail/convert.hpp>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <type_traits>

namespace pyhpp::detail::codec {

/// A member of the Python enum class `Class::get()` <-> the C++ enumeration E.
///
/// `Class::get()` returns the class as a borrowed reference and may throw a pyhpp exception
/// (the module failed to import, say): `to_python` and `from_python` let it propagate, an
/// exception to the rule that codecs never throw; `exact` answers false instead.
///
/// Traits::by_value is true when every member's value is an int (IntEnum, IntFlag, Flag, an
/// Enum of ints): E's underlying type is then std::int64_t and its enumerators have the Python
/// values, so Flag combinations such as `R | W` convert by value both ways. Otherwise E's
/// enumerators are numbered 0..count-1 in member order, and Traits has
/// `static constexpr const char *names[]` (the Python member names, in that order) and
/// `static constexpr std::size_t count`: members are matched by name.
///
/// From Python, an instance of the class is taken as is; anything else goes through `Class(o)`
/// (so 2 becomes a member of an IntEnum, 'red' one of a str-valued Enum), whose ValueError for
/// a value that is no member is reported as a Python error.
template <class E, class Class, class Traits> struct enumeration {
    static_assert(std::is_enum_v<E>, "enumeration<E, ...>: E must be an enumeration");
    using type = E;

    /// Sends Class(value) (by value) or Class[name] (by name); a value that is no member raises
    /// ValueError. May throw what Class::get() throws.
    static PyObject *to_python(type value) {
        PyObject *cls = Class::get();
        if constexpr (Traits::by_value) {
            static_assert(std::is_same_v<std::underlying_type_t<E>, std::int64_t>,
                          "an enumeration mapped by value has std::int64_t as underlying type");
            PyObject *number = PyLong_FromLongLong(static_cast<long long>(value));
            if (!number)
                return nullptr;
            PyObject *member = PyObject_CallFunctionObjArgs(cls, number, nullptr);
            Py_DECREF(number);
            return member;
        } else {
            static_assert(std::size(Traits::names) == Traits::count,
                          "Traits::count must be the number of Traits::names");
            auto index = static_cast<long long>(value);
            if (index < 0 || static_cast<unsigned long long>(index) >= Traits::count) {
                PyErr_Format(PyExc_ValueError, "%lld is not a member of %s", index,
                             reinterpret_cast<PyTypeObject *>(cls)->tp_name);
                return nullptr;
            }
            // Class[name] rather than getattr: a member may be called `name` or `value`.
            PyObject *key = PyUnicode_FromString(Traits::names[index]);
            if (!key)
                return nullptr;
            PyObject *member = PyObject_GetItem(cls, key);
            Py_DECREF(key);
            return member;
        }
    }

    /// May throw what Class::get() throws.
    static bool from_python(PyObject *o, type &out, failure &f) {
        PyObject *cls = Class::get();
        int ok = is_instance(o, cls);
        if (ok < 0)
            return f.python_error();
        if (ok)
            return read_member(o, o, out, f);
        PyObject *member = PyObject_CallFunctionObjArgs(cls, o, nullptr);
        if (!member)
            return f.python_error();
        bool done = read_member(member, o, out, f);
        Py_DECREF(member);
        return done;
    }

    /// A member of exactly this class (Flag combinations included).
    static bool exact(PyObject *o) noexcept {
        try {
            return reinterpret_cast<PyObject *>(Py_TYPE(o)) == Class::get();
        } catch (...) {
            return false; // the class cannot even be looked up: nothing is exactly of it
        }
    }

  private:
    /// Reads a member of the class; `original` is what the caller passed, for messages.
    static bool read_member(PyObject *member, PyObject *original, type &out, failure &f) {
        if constexpr (Traits::by_value) {
            // IntEnum and IntFlag members are ints themselves; others carry an int `.value`.
            PyObject *value = member;
            if (PyLong_Check(member))
                Py_INCREF(value);
            else if (!(value = PyObject_GetAttrString(member, "value")))
                return f.python_error();
            bool done = PyLong_Check(value);
            if (!done) {
                f.type_mismatch(value);
            } else {
                long long v = PyLong_AsLongLong(value);
                if (v == -1 && PyErr_Occurred()) {
                    PyErr_Clear();
                    done = f.overflow(value, "std::int64_t");
                } else {
                    out = static_cast<E>(v);
                }
            }
            Py_DECREF(value);
            return done;
        } else {
            PyObject *name = PyObject_GetAttrString(member, "name");
            if (!name)
                return f.python_error();
            const char *utf8 = PyUnicode_Check(name) ? PyUnicode_AsUTF8(name) : nullptr;
            std::size_t index = Traits::count;
            for (std::size_t i = 0; utf8 && i < Traits::count; ++i)
                if (std::strcmp(utf8, Traits::names[i]) == 0)
                    index = i;
            Py_DECREF(name);
            PyErr_Clear(); // a name that is no str (or no UTF-8) is just not one of ours
            if (index == Traits::count)
                // The Python enum has gained a member since the bindings were generated.
                return f.value_mismatch(original, "the members known when the bindings were "
                                                  "generated");
            out = static_cast<E>(index);
            return true;
        }
    }
};

} // namespace pyhpp::detail::codec

// Codec of Iterator[T], Iterable[T], Generator[T, ...] <-> pyhpp::iterator_range<T>.
// PRECONDITION: The GIL must be held.
#pragma once

#include <pyhpp/detail/codec_callable.hpp>
#include <pyhpp/detail/codec_instance.hpp>
#include <pyhpp/detail/convert.hpp>
#include <pyhpp/iterator.hpp>

#include <optional>
#include <string>

namespace pyhpp::detail {

/// Raises pyhpp::type_error (or overflow_error, value_error) for an item of `iterator` that
/// its codec rejected, naming the expected item type; releases `item`.
/// PRECONDITION: The GIL must be held.
[[noreturn]] PYHPP_NOINLINE void throw_item_error(PyObject *item, PyObject *iterator,
                                                  const char *expected, const failure &f);

/// The next item of a Python iterator, converted with codec C: iterator_range's next_function.
/// PRECONDITION: The GIL must be held.
template <class C> bool next_item(_object *iterator, std::optional<typename C::type> &out) {
    PyObject *item = PyIter_Next(iterator);
    if (!item) {
        if (PYHPP_UNLIKELY(PyErr_Occurred()))
            throw_python_error();
        return false;
    }
    if (!out)
        out.emplace(blank<typename C::type>());
    // Converted in place: the previous item's storage (a string's, a vector's) is reused.
    failure f;
    if (PYHPP_UNLIKELY(!C::from_python(item, *out, f)))
        throw_item_error(item, iterator, codec::name_of<C>(), f);
    Py_DECREF(item);
    return true;
}

namespace codec {

/// `Iterator[T]`, `Iterable[T]`, `Generator[T, ...]` <-> pyhpp::iterator_range<T>, lazy: each
/// item is converted when C++ asks for it.
template <class C> struct iterator {
    using type = pyhpp::iterator_range<typename C::type>;

    /// The Python iterator itself; an empty range is sent as an empty iterator.
    static PyObject *to_python(const type &range) noexcept {
        if (PyObject *o = range.python_iterator().ptr()) {
            Py_INCREF(o);
            return o;
        }
        PyObject *empty = PyTuple_New(0);
        if (!empty)
            return nullptr;
        PyObject *it = PyObject_GetIter(empty);
        Py_DECREF(empty);
        return it;
    }

    /// Anything iter() accepts (an iterator gives itself).
    static bool from_python(PyObject *o, type &out, failure &f) {
        PyObject *it = PyObject_GetIter(o);
        if (!it) {
            if (!PyErr_ExceptionMatches(PyExc_TypeError))
                return f.python_error();
            PyErr_Clear(); // "object is not iterable"
            return f.type_mismatch(o);
        }
        out = type(pyhpp::object::steal(it), &next_item<C>);
        return true;
    }

    /// An iterator (a generator, say), not merely an iterable.
    static bool exact(PyObject *o) noexcept { return PyIter_Check(o) != 0; }

    static std::string python_name() { return "Iterator[" + names_of<C>() + "]"; }
};

} // namespace codec
} // namespace pyhpp::detail

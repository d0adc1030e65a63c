// Codec of unions (Union[A, B], A | B) as std::variant. PRECONDITION: The GIL must be held.
#pragma once

#include <pyhpp/detail/codec_instance.hpp>
#include <pyhpp/detail/convert.hpp>

#include <cstddef>
#include <utility>
#include <variant>

namespace pyhpp::detail::codec {

/// `A | B | ...` <-> std::variant<A, B, ...>.
///
/// From Python, the alternatives whose Python type the value has exactly are tried first, in
/// order, then every alternative in order with its usual leniency: so for `int | float`, 3 is
/// an int and 3.5 a float; for `bool | int`, True is a bool; for `float | str`, 3 is a float.
/// A value no alternative takes is a type mismatch of the whole union. Alternatives are told
/// apart by index, so two with the same C++ type (`list[int] | tuple[int, ...]`) are fine.
template <class... C> struct variant {
    static_assert(sizeof...(C) > 0, "a union needs at least one alternative");
    using type = std::variant<typename C::type...>;

    static PyObject *to_python(const type &value) {
        PyObject *result = nullptr;
        if (!to_python_at(value, result, std::index_sequence_for<C...>{}))
            PyErr_SetString(PyExc_ValueError, "a valueless std::variant cannot be sent to Python");
        return result;
    }

    static bool from_python(PyObject *o, type &out, failure &f) {
        constexpr std::size_t n = sizeof...(C);
        // Which alternatives have exactly the value's type; computed once, tried first.
        const bool exact_of[n] = {C::exact(o)...};
        bool tried[n] = {};
        bool done = try_each(o, out, exact_of, tried, std::index_sequence_for<C...>{});
        if (!done) {
            const bool all[n] = {(static_cast<void>(sizeof(C)), true)...};
            done = try_each(o, out, all, tried, std::index_sequence_for<C...>{});
        }
        return done || f.type_mismatch(o);
    }

    static bool exact(PyObject *o) noexcept { return (C::exact(o) || ...); }

  private:
    template <std::size_t... I>
    static bool to_python_at(const type &value, PyObject *&result, std::index_sequence<I...>) {
        return ((value.index() == I && (result = C::to_python(std::get<I>(value)), true)) || ...);
    }

    /// Tries alternative I once; a failed attempt leaves no Python error behind.
    template <std::size_t I, class Alt>
    static bool try_one(PyObject *o, type &out, const bool *wanted, bool *tried) {
        if (!wanted[I] || tried[I])
            return false;
        tried[I] = true;
        auto value = blank<typename Alt::type>();
        failure attempt;
        if (Alt::from_python(o, value, attempt)) {
            out.template emplace<I>(std::move(value));
            return true;
        }
        if (attempt.what == failure::kind::python)
            PyErr_Clear();
        return false;
    }

    template <std::size_t... I>
    static bool try_each(PyObject *o, type &out, const bool *wanted, bool *tried,
                         std::index_sequence<I...>) {
        return (try_one<I, C>(o, out, wanted, tried) || ...);
    }
};

} // namespace pyhpp::detail::codec

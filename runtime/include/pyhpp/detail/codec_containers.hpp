// Codecs of containers: optional, list/Sequence, tuple, dict/Mapping, set/frozenset, nested at
// will. PRECONDITION: The GIL must be held.
#pragma once

#include <pyhpp/detail/convert.hpp>

#include <cstddef>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

namespace pyhpp::detail::codec {

/// `T | None` <-> std::optional<T>.
template <class C> struct optional {
    using type = std::optional<typename C::type>;
    static PyObject *to_python(const type &value) {
        if (!value) {
            Py_INCREF(Py_None);
            return Py_None;
        }
        return C::to_python(*value);
    }
    static bool exact(PyObject *o) noexcept { return o == Py_None || C::exact(o); }
    static bool from_python(PyObject *o, type &out, failure &f) {
        if (o == Py_None) {
            out.reset();
            return true;
        }
        auto inner = blank<typename C::type>();
        if (!C::from_python(o, inner, f))
            return false;
        out = std::move(inner);
        return true;
    }
};

namespace sequence {
/// Builds a list (or tuple) from a range of C++ values.
template <class C, class Range> PyObject *to_python(const Range &values, bool as_tuple) {
    auto n = static_cast<Py_ssize_t>(values.size());
    PyObject *seq = as_tuple ? PyTuple_New(n) : PyList_New(n);
    if (!seq)
        return nullptr;
    Py_ssize_t i = 0;
    for (const auto &v : values) {
        PyObject *item = C::to_python(v);
        if (!item) {
            Py_DECREF(seq);
            return nullptr;
        }
        // Steals `item` into a freshly made container: nothing else can see it yet.
        if (as_tuple)
            PyTuple_SET_ITEM(seq, i++, item);
        else
            PyList_SET_ITEM(seq, i++, item);
    }
    return seq;
}

/// Reads any sequence except str/bytes; lists and tuples take the fast path.
template <class C> bool from_python(PyObject *o, std::vector<typename C::type> &out, failure &f) {
    if (PyUnicode_Check(o) || PyBytes_Check(o) || PyByteArray_Check(o) || !PySequence_Check(o))
        return f.type_mismatch(o);
    PyObject *fast = PySequence_Fast(o, "expected a sequence");
    if (!fast)
        return f.python_error();
    Py_ssize_t n = PySequence_Fast_GET_SIZE(fast);
    PyObject **items = PySequence_Fast_ITEMS(fast);
    out.clear();
    out.reserve(static_cast<std::size_t>(n));
    for (Py_ssize_t i = 0; i < n; ++i) {
        auto v = blank<typename C::type>();
        if (!C::from_python(items[i], v, f)) {
            Py_DECREF(fast);
            return f.at("[" + std::to_string(i) + "]");
        }
        out.push_back(std::move(v));
    }
    Py_DECREF(fast);
    return true;
}
} // namespace sequence

/// list[T], Sequence[T] <-> std::vector<T> (sent as a list).
template <class C> struct list {
    using type = std::vector<typename C::type>;
    static PyObject *to_python(const type &values) { return sequence::to_python<C>(values, false); }
    static bool exact(PyObject *o) noexcept { return PyList_Check(o); }
    static bool from_python(PyObject *o, type &out, failure &f) {
        return sequence::from_python<C>(o, out, f);
    }
};

/// tuple[T, ...] <-> std::vector<T> (sent as a tuple).
template <class C> struct tuple_var {
    using type = std::vector<typename C::type>;
    static PyObject *to_python(const type &values) { return sequence::to_python<C>(values, true); }
    static bool exact(PyObject *o) noexcept { return PyTuple_Check(o); }
    static bool from_python(PyObject *o, type &out, failure &f) {
        return sequence::from_python<C>(o, out, f);
    }
};

/// tuple[A, B, ...] <-> std::tuple<A, B, ...>; reading back needs a tuple of that length.
template <class... C> struct tuple {
    using type = std::tuple<typename C::type...>;
    static PyObject *to_python(const type &value) {
        return to_python_impl(value, std::index_sequence_for<C...>{});
    }
    static bool exact(PyObject *o) noexcept {
        return PyTuple_Check(o) && PyTuple_GET_SIZE(o) == static_cast<Py_ssize_t>(sizeof...(C));
    }
    static bool from_python(PyObject *o, type &out, failure &f) {
        if (!PyTuple_Check(o) || PyTuple_GET_SIZE(o) != static_cast<Py_ssize_t>(sizeof...(C)))
            return f.type_mismatch(o);
        return from_python_impl(o, out, f, std::index_sequence_for<C...>{});
    }

  private:
    template <std::size_t... I>
    static PyObject *to_python_impl(const type &value, std::index_sequence<I...>) {
        PyObject *items[] = {C::to_python(std::get<I>(value))..., nullptr};
        PyObject *t = nullptr;
        bool ok = ((items[I] != nullptr) && ...);
        if (ok)
            t = PyTuple_New(static_cast<Py_ssize_t>(sizeof...(C)));
        if (!t) {
            for (PyObject *item : items)
                Py_XDECREF(item);
            return nullptr;
        }
        // Steals each item into the fresh tuple.
        (PyTuple_SET_ITEM(t, static_cast<Py_ssize_t>(I), items[I]), ...);
        return t;
    }
    template <std::size_t... I>
    static bool from_python_impl(PyObject *o, type &out, failure &f, std::index_sequence<I...>) {
        std::size_t failed = sizeof...(C);
        bool ok = ((C::from_python(PyTuple_GET_ITEM(o, static_cast<Py_ssize_t>(I)),
                                   std::get<I>(out), f) ||
                    (failed = I, false)) &&
                   ...);
        if (!ok)
            return f.at("[" + std::to_string(failed) + "]");
        return true;
    }
};

/// dict[K, V], Mapping[K, V] <-> std::map<K, V> (sent as a dict).
template <class K, class V> struct dict {
    using type = std::map<typename K::type, typename V::type>;
    static bool exact(PyObject *o) noexcept { return PyDict_Check(o); }
    static PyObject *to_python(const type &values) {
        PyObject *d = PyDict_New();
        if (!d)
            return nullptr;
        for (const auto &[key, value] : values) {
            PyObject *k = K::to_python(key);
            PyObject *v = k ? V::to_python(value) : nullptr;
            int rc = v ? PyDict_SetItem(d, k, v) : -1;
            Py_XDECREF(k);
            Py_XDECREF(v);
            if (rc != 0) {
                Py_DECREF(d);
                return nullptr;
            }
        }
        return d;
    }
    static bool from_python(PyObject *o, type &out, failure &f) {
        if (PyDict_Check(o))
            return from_items(o, out, f);
        if (!PyMapping_Check(o) || PySequence_Check(o))
            return f.type_mismatch(o);
        PyObject *d = PyDict_New();
        if (!d || PyDict_Update(d, o) != 0) {
            Py_XDECREF(d);
            return f.python_error();
        }
        bool ok = from_items(d, out, f);
        Py_DECREF(d);
        return ok;
    }

  private:
    static bool from_items(PyObject *d, type &out, failure &f) {
        out.clear();
        Py_ssize_t pos = 0;
        PyObject *k = nullptr;
        PyObject *v = nullptr;
        while (PyDict_Next(d, &pos, &k, &v)) {
            auto key = blank<typename K::type>();
            if (!K::from_python(k, key, f))
                return f.at("[key]");
            auto value = blank<typename V::type>();
            if (!V::from_python(v, value, f)) {
                PyObject *r = PyObject_Repr(k);
                const char *text = r ? PyUnicode_AsUTF8(r) : nullptr;
                std::string where = "[" + std::string(text ? text : "?") + "]";
                Py_XDECREF(r);
                PyErr_Clear();
                return f.at(where);
            }
            out.insert_or_assign(std::move(key), std::move(value));
        }
        return true;
    }
};

namespace set_impl {
template <class C> PyObject *to_python(const std::set<typename C::type> &values, bool frozen) {
    PyObject *s = frozen ? PyFrozenSet_New(nullptr) : PySet_New(nullptr);
    if (!s)
        return nullptr;
    for (const auto &value : values) {
        PyObject *item = C::to_python(value);
        // PySet_Add also fills a brand-new frozenset, as documented.
        int rc = item ? PySet_Add(s, item) : -1;
        Py_XDECREF(item);
        if (rc != 0) {
            Py_DECREF(s);
            return nullptr;
        }
    }
    return s;
}
template <class C> bool from_python(PyObject *o, std::set<typename C::type> &out, failure &f) {
    if (!PyAnySet_Check(o))
        return f.type_mismatch(o);
    out.clear();
    PyObject *it = PyObject_GetIter(o);
    if (!it)
        return f.python_error();
    while (PyObject *item = PyIter_Next(it)) {
        auto v = blank<typename C::type>();
        bool ok = C::from_python(item, v, f);
        Py_DECREF(item);
        if (!ok) {
            Py_DECREF(it);
            return f.at("{item}");
        }
        out.insert(std::move(v));
    }
    Py_DECREF(it);
    return !PyErr_Occurred() || f.python_error();
}
} // namespace set_impl

/// set[T] <-> std::set<T>.
template <class C> struct set {
    using type = std::set<typename C::type>;
    static PyObject *to_python(const type &values) { return set_impl::to_python<C>(values, false); }
    static bool exact(PyObject *o) noexcept { return PySet_Check(o); }
    static bool from_python(PyObject *o, type &out, failure &f) {
        return set_impl::from_python<C>(o, out, f);
    }
};

/// frozenset[T] <-> std::set<T> (sent as a frozenset).
template <class C> struct frozenset {
    using type = std::set<typename C::type>;
    static PyObject *to_python(const type &values) { return set_impl::to_python<C>(values, true); }
    static bool exact(PyObject *o) noexcept { return PyFrozenSet_Check(o); }
    static bool from_python(PyObject *o, type &out, failure &f) {
        return set_impl::from_python<C>(o, out, f);
    }
};

} // namespace pyhpp::detail::codec

// The call path of generated wrappers: take the GIL, collect arguments, vectorcall, convert back.
#pragma once

#include <pyhpp/detail/cache.hpp>
#include <pyhpp/detail/errors.hpp>
#include <pyhpp/detail/python.hpp>
#include <pyhpp/gil.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace pyhpp::detail {

/// Takes the GIL for one wrapper call unless a pyhpp::gil_acquire block already holds it.
class gil_scope {
  public:
    explicit gil_scope(const char *function) {
        if (PYHPP_LIKELY(gil_depth != 0))
            return;
        if (PYHPP_UNLIKELY(!Py_IsInitialized()))
            throw_not_running(function);
        m_state = PyGILState_Ensure();
        m_taken = true;
    }
    ~gil_scope() {
        if (m_taken)
            PyGILState_Release(m_state);
    }
    gil_scope(const gil_scope &) = delete;
    gil_scope &operator=(const gil_scope &) = delete;

  private:
    PyGILState_STATE m_state{};
    bool m_taken = false;
};

/// Raises pyhpp::value_error for a method called on a null handle.
[[noreturn]] PYHPP_NOINLINE void throw_null_self(const char *method);

/// `args[0].name(*args[1:nargs], **kwnames)`; args[-1] is writable (vectorcall's offset slot).
inline PyObject *vectorcall_method(PyObject *name, PyObject *const *args, std::size_t nargs,
                                   PyObject *kwnames) {
#if PY_VERSION_HEX >= 0x03090000
    return PyObject_VectorcallMethod(name, args, nargs | PY_VECTORCALL_ARGUMENTS_OFFSET, kwnames);
#else
    PyObject *method = PyObject_GetAttr(args[0], name);
    if (!method)
        return nullptr;
    PyObject *result = PYHPP_VECTORCALL(method, args + 1, nargs - 1, kwnames);
    Py_DECREF(method);
    return result;
#endif
}

/// A new reference to the object behind a class wrapper, for use as `self`; a null handle
/// raises pyhpp::value_error naming the method.
inline PyObject *self_reference(const pyhpp::object &self, const char *method) {
    PyObject *p = self.ptr();
    if (PYHPP_UNLIKELY(!p))
        throw_null_self(method);
    Py_INCREF(p);
    return p;
}

/// `getattr(owner, name)` as a new reference, or throws. PRECONDITION: The GIL must be held.
PyObject *get_attribute(PyObject *owner, PyObject *name, const char *what);
PyObject *get_attribute(const pyhpp::object &self, PyObject *name, const char *what);
/// `setattr(self, name, value)`, stealing `value` (null: its conversion failed). PRECONDITION:
/// The GIL must be held.
void set_attribute(const pyhpp::object &self, PyObject *name, PyObject *value, const char *what);
/// `self <op> other` as a bool, stealing `other` (null: its conversion failed).
/// PRECONDITION: The GIL must be held.
bool compare(const pyhpp::object &self, PyObject *other, int op, const char *what);
/// `bool(self)`. PRECONDITION: The GIL must be held.
bool truth(const pyhpp::object &self, const char *what);
/// `hash(self)`. PRECONDITION: The GIL must be held.
std::int64_t hash(const pyhpp::object &self, const char *what);

/// Python's protocols behind special members; each steals the operands it is given (a null one
/// means its conversion failed with a Python error set) and throws on error.
/// PRECONDITION: The GIL must be held.
std::int64_t length(const pyhpp::object &self, const char *what);
bool contains(const pyhpp::object &self, PyObject *item, const char *what);
PyObject *get_item(const pyhpp::object &self, PyObject *key, const char *what);
void set_item_of(const pyhpp::object &self, PyObject *key, PyObject *value, const char *what);
void del_item(const pyhpp::object &self, PyObject *key, const char *what);
PyObject *binary(PyObject *(*op)(PyObject *, PyObject *), const pyhpp::object &self,
                 PyObject *other, const char *what);
PyObject *unary(PyObject *(*op)(PyObject *), const pyhpp::object &self, const char *what);

/// Calls `self.__exit__(...)` for a `with` block: with the C++ exception being handled (it must
/// be called inside a catch block) when `failed`, else with three Nones; returns whether
/// __exit__ suppresses the exception. PRECONDITION: The GIL must be held.
bool exit_context(const pyhpp::object &self, bool failed, const char *what);

/// `cls(*args)` for a class getter, stealing the n arguments (a null one means its conversion
/// failed with a Python error set: nothing is called). Never throws: a failure to get the
/// class becomes a Python error. PRECONDITION: The GIL must be held.
PyObject *call_class(PyObject *(*get)(), PyObject *const *args, std::size_t n) noexcept;
/// `dict[key] = value`, stealing `value` (null: its conversion failed); false on error.
/// PRECONDITION: The GIL must be held.
bool set_item(PyObject *dict, const char *key, PyObject *value) noexcept;

// Python's macros for generated code, which expands them in the user's namespace: the macros
// name `PyObject` unqualified, and a class there may be called so (pydantic has one).
// PRECONDITION: The GIL must be held.

/// Py_CLEAR.
inline void clear(PyObject *&reference) noexcept {
    Py_XDECREF(reference);
    reference = nullptr;
}
/// PyDict_Check.
inline bool is_dict(PyObject *o) noexcept { return PyDict_Check(o); }
/// A tuple of `size` items.
inline bool is_tuple_of_size(PyObject *o, Py_ssize_t size) noexcept {
    return PyTuple_Check(o) && PyTuple_GET_SIZE(o) == size;
}
/// PyTuple_GET_ITEM. PRECONDITION: `o` is a tuple with more than `index` items.
inline PyObject *tuple_item(PyObject *o, Py_ssize_t index) noexcept {
    return PyTuple_GET_ITEM(o, index);
}

/// Raises pyhpp::type_error for an argument that cannot be sent (positional-only after an
/// omitted one, for instance).
[[noreturn]] PYHPP_NOINLINE void throw_argument_misuse(const char *function, const char *param,
                                                       const char *why);
/// Raises the pending conversion error of an argument, naming the function and parameter.
[[noreturn]] PYHPP_NOINLINE void throw_argument_error(const char *function, const char *param);

/// The arguments of one call, in vectorcall layout: positionals, then keyword values, with a
/// spare slot in front (PY_VECTORCALL_ARGUMENTS_OFFSET). `N` slots live on the stack; calls
/// with *args or **kwargs reserve more. Owns the references it holds.
///
/// An omitted optional argument leaves a gap: later positional-or-keyword arguments are then
/// sent by keyword, and a later positional-only argument cannot be sent at all.
/// PRECONDITION: The GIL must be held for the whole life of the object.
template <std::size_t N> class arguments {
  public:
    explicit arguments(const char *function) noexcept : m_function(function) {}
    ~arguments() {
        for (std::size_t i = 1; i <= m_count; ++i)
            Py_DECREF(m_slots[i]);
        Py_XDECREF(m_extra_names);
    }
    arguments(const arguments &) = delete;
    arguments &operator=(const arguments &) = delete;

    /// Makes room for `total` arguments (for *args and **kwargs); call before adding any.
    void reserve(std::size_t total) {
        if (total > N) {
            m_heap.resize(total + 1);
            m_slots = m_heap.data();
        }
    }

    /// A parameter that takes no keyword: positional-only or an element of *args.
    void positional(PyObject *value, const char *param) {
        check(value, param);
        if (PYHPP_UNLIKELY(m_gap)) {
            Py_DECREF(value);
            throw_argument_misuse(m_function, param,
                                  "is positional-only and an earlier optional argument was "
                                  "omitted");
        }
        m_slots[++m_count] = value;
        ++m_positional;
    }

    /// A positional-or-keyword parameter: positional until a gap, by keyword after it.
    void positional_or_keyword(PyObject *value, const char *param, std::size_t keyword_index) {
        if (!m_gap) {
            check(value, param);
            m_slots[++m_count] = value;
            ++m_positional;
        } else {
            keyword(value, param, keyword_index);
        }
    }

    /// An optional positional-or-keyword parameter, which the caller gave by position (`value`),
    /// by name (`named`: the field of the keyword struct) or not at all; both is an error.
    /// O is a pyhpp::opt, C the codec of its value.
    template <class C, class O>
    void optional(const O &value, const O &named, const char *param, std::size_t keyword_index) {
        if (value) {
            if (PYHPP_UNLIKELY(static_cast<bool>(named)))
                throw_argument_misuse(m_function, param,
                                      "is given both by position and by keyword");
            positional_or_keyword(C::to_python(*value), param, keyword_index);
        } else {
            omit();
            if (named)
                keyword(C::to_python(*named), param, keyword_index);
        }
    }

    /// A keyword-only parameter (or one sent by keyword after a gap).
    void keyword(PyObject *value, const char *param, std::size_t keyword_index) {
        check(value, param);
        m_slots[++m_count] = value;
        m_mask |= std::uint64_t{1} << keyword_index;
    }

    /// An entry of **kwargs.
    void extra_keyword(PyObject *value, std::string_view name);

    /// An optional parameter left out: not sent.
    void omit() noexcept { m_gap = true; }
    /// Whether *args may still be sent (no gap before it).
    void check_var_positional(std::size_t count) const {
        if (PYHPP_UNLIKELY(m_gap && count != 0))
            throw_argument_misuse(m_function, "*args",
                                  "cannot be sent after an omitted optional argument");
    }

    /// Calls method `name` of the first argument (self) with the others.
    PyObject *call_method(PyObject *name, keyword_names *names) {
        PyObject *kwnames = nullptr;
        if (m_mask != 0 || m_extra_names) {
            kwnames = keyword_tuple(names);
        }
        PyObject *result = vectorcall_method(name, m_slots + 1, m_positional, kwnames);
        Py_XDECREF(kwnames);
        if (PYHPP_UNLIKELY(!result))
            throw_python_error();
        return result;
    }

    /// Calls `callable`; returns the new reference to the result or throws its exception.
    PyObject *call(PyObject *callable, keyword_names *names) {
        PyObject *kwnames = nullptr;
        if (m_mask != 0 || m_extra_names) {
            kwnames = keyword_tuple(names);
        }
        PyObject *result = PYHPP_VECTORCALL(callable, m_slots + 1,
                                            m_positional | PY_VECTORCALL_ARGUMENTS_OFFSET, kwnames);
        Py_XDECREF(kwnames);
        if (PYHPP_UNLIKELY(!result))
            throw_python_error();
        return result;
    }

  private:
    void check(PyObject *value, const char *param) {
        if (PYHPP_UNLIKELY(!value))
            throw_argument_error(m_function, param);
    }
    PyObject *keyword_tuple(keyword_names *names);

    PyObject *m_inline[N + 1];
    std::vector<PyObject *> m_heap;
    PyObject **m_slots = m_inline;
    std::size_t m_count = 0;
    std::size_t m_positional = 0;
    std::uint64_t m_mask = 0;
    PyObject *m_extra_names = nullptr; // a list of **kwargs names, or null
    const char *m_function;
    bool m_gap = false;
};

/// The arguments of a call whose parameters are all required and positional (no defaults, no
/// keyword-only, no *args or **kwargs): exactly N, set in order, in vectorcall layout with a
/// spare slot in front. The common case, so it carries none of arguments<N>'s state, and no
/// destructor: set<I>() releases the earlier arguments if argument I fails, call() releases all.
/// PRECONDITION: The GIL must be held. Nothing between the first set<>() and call() may throw
/// (generated code looks the callable up first; to_python conversions do not throw).
template <std::size_t N> class positional_arguments {
  public:
    explicit positional_arguments(const char *function) noexcept : m_function(function) {}
    positional_arguments(const positional_arguments &) = delete;
    positional_arguments &operator=(const positional_arguments &) = delete;

    /// Argument I (a new reference, or null with a Python error set).
    template <std::size_t I> void set(PyObject *value, const char *param) {
        static_assert(I < N, "argument index out of range");
        if (PYHPP_UNLIKELY(!value)) {
            release(I);
            throw_argument_error(m_function, param);
        }
        m_slots[I + 1] = value;
    }

    /// Calls method `name` of argument 0 (self) with the others, and releases them.
    PyObject *call_method(PyObject *name) {
        PyObject *result = vectorcall_method(name, m_slots + 1, N, nullptr);
        release(N);
        if (PYHPP_UNLIKELY(!result))
            throw_python_error();
        return result;
    }

    /// Calls `callable` with the N arguments and releases them; returns the new reference to
    /// the result or throws its exception.
    PyObject *call(PyObject *callable) {
        PyObject *result =
            PYHPP_VECTORCALL(callable, m_slots + 1, N | PY_VECTORCALL_ARGUMENTS_OFFSET, nullptr);
        release(N);
        if (PYHPP_UNLIKELY(!result))
            throw_python_error();
        return result;
    }

  private:
    void release(std::size_t count) noexcept {
        for (std::size_t i = 1; i <= count; ++i)
            Py_DECREF(m_slots[i]);
    }
    PyObject *m_slots[N + 1];
    const char *m_function;
};

/// Builds the keyword-names tuple for the mask plus any **kwargs names (a new reference).
PyObject *keyword_tuple(keyword_names *names, std::uint64_t mask, PyObject *extra_names);
/// Appends `name` to the **kwargs names list (created on first use); returns false on error.
bool append_extra_name(PyObject *&extra_names, std::string_view name);

template <std::size_t N> PyObject *arguments<N>::keyword_tuple(keyword_names *names) {
    PyObject *tuple = detail::keyword_tuple(names, m_mask, m_extra_names);
    if (!tuple)
        throw_python_error();
    return tuple;
}

template <std::size_t N> void arguments<N>::extra_keyword(PyObject *value, std::string_view name) {
    check(value, "**kwargs");
    m_slots[++m_count] = value;
    if (!append_extra_name(m_extra_names, name))
        throw_argument_error(m_function, "**kwargs");
}

} // namespace pyhpp::detail

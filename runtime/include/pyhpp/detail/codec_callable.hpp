// Codec of Callable[[A, B], R] <-> std::function<R(A, B)>, the Python spelling of codec types
// for messages, and the crossing of C++ exceptions through Python frames.
#pragma once

#include <pyhpp/detail/cache.hpp>
#include <pyhpp/detail/call.hpp>
#include <pyhpp/detail/codec_containers.hpp>
#include <pyhpp/detail/codec_instance.hpp>
#include <pyhpp/detail/codec_scalar.hpp>
#include <pyhpp/detail/codec_variant.hpp>
#include <pyhpp/detail/convert.hpp>
#include <pyhpp/function.hpp>

#include <cstddef>
#include <cstdint>
#include <exception>
#include <functional>
#include <string>
#include <tuple>
#include <type_traits>
#include <typeinfo>
#include <utility>
#include <vector>

namespace pyhpp::detail {

// ---------------------------------------------------------------------------------------------
// How a codec's type is spelled in Python ("list[int]"), for messages about callables and
// iterators, which have no annotation text from the generator at hand.
// ---------------------------------------------------------------------------------------------

/// The C++ type `type`, demangled where the compiler allows ("py::shop::Item").
std::string cpp_type_name(const std::type_info &type);

namespace codec {
/// `name()`: the Python spelling of codec C. A codec may provide `static std::string
/// python_name()`; codecs without one are named after their C++ type (a Literal of str: "str").
template <class C, class = void> struct python_name {
    static std::string name() {
        using T = typename C::type;
        if constexpr (std::is_same_v<T, bool>)
            return "bool";
        else if constexpr (std::is_same_v<T, std::int64_t>)
            return "int";
        else if constexpr (std::is_same_v<T, double>)
            return "float";
        else if constexpr (std::is_same_v<T, std::string>)
            return "str";
        else
            return cpp_type_name(typeid(T));
    }
};
template <class C> struct python_name<C, std::void_t<decltype(C::python_name())>> {
    static std::string name() { return C::python_name(); }
};

/// The Python spelling of codec C, made once. Thread-safe.
template <class C> const char *name_of() {
    static const std::string name = python_name<C>::name();
    return name.c_str();
}

/// Names of codecs, comma-separated: "int, str".
template <class... C> std::string names_of() {
    std::string out;
    ((out += (out.empty() ? "" : ", ") + std::string(name_of<C>())), ...);
    return out;
}

#define PYHPP_PYTHON_NAME(codec, text)                                                             \
    template <> struct python_name<codec, void> {                                                  \
        static std::string name() { return text; }                                                 \
    }
PYHPP_PYTHON_NAME(int_, "int");
PYHPP_PYTHON_NAME(float_, "float");
PYHPP_PYTHON_NAME(bool_, "bool");
PYHPP_PYTHON_NAME(str_, "str");
PYHPP_PYTHON_NAME(bytes_, "bytes");
PYHPP_PYTHON_NAME(object_, "object");
PYHPP_PYTHON_NAME(type_object, "type");
#undef PYHPP_PYTHON_NAME

template <class C> struct python_name<optional<C>, void> {
    static std::string name() { return std::string(name_of<C>()) + " | None"; }
};
template <class C> struct python_name<list<C>, void> {
    static std::string name() { return "list[" + names_of<C>() + "]"; }
};
template <class C> struct python_name<tuple_var<C>, void> {
    static std::string name() { return "tuple[" + names_of<C>() + ", ...]"; }
};
template <class... C> struct python_name<tuple<C...>, void> {
    static std::string name() {
        return sizeof...(C) == 0 ? "tuple[()]" : "tuple[" + names_of<C...>() + "]";
    }
};
template <class K, class V> struct python_name<dict<K, V>, void> {
    static std::string name() { return "dict[" + names_of<K, V>() + "]"; }
};
template <class C> struct python_name<set<C>, void> {
    static std::string name() { return "set[" + names_of<C>() + "]"; }
};
template <class C> struct python_name<frozenset<C>, void> {
    static std::string name() { return "frozenset[" + names_of<C>() + "]"; }
};
template <class... C> struct python_name<variant<C...>, void> {
    static std::string name() {
        std::string out;
        ((out += (out.empty() ? "" : " | ") + std::string(name_of<C>())), ...);
        return out;
    }
};
} // namespace codec

// ---------------------------------------------------------------------------------------------
// C++ exceptions through Python frames. PRECONDITION (all): The GIL must be held.
// ---------------------------------------------------------------------------------------------

/// Inside a `catch` block: raises the exception being handled in Python. A pyhpp exception
/// that came from Python is re-raised as the original Python exception; anything else becomes
/// a `pyhpp.CppException` (a RuntimeError whose message is `what()`) carrying the
/// std::exception_ptr. Returns null, for `return raise_current_exception();`.
PyObject *raise_current_exception() noexcept;

/// The C++ exception a `pyhpp.CppException` carries; null for any other exception. Leaves no
/// Python error set.
std::exception_ptr cpp_exception_of(PyObject *exception) noexcept;

// ---------------------------------------------------------------------------------------------
// C++ callables sent to Python.
// ---------------------------------------------------------------------------------------------

/// The C++ side of a C++ callable sent to Python; owned by the Python callable.
class cpp_callable {
  public:
    virtual ~cpp_callable() = default;
    /// Converts the arguments, calls, converts the result: a new reference, or null with a
    /// Python exception set. PRECONDITION: The GIL must be held.
    virtual PyObject *call(PyObject *const *args, Py_ssize_t nargs) noexcept = 0;
};

/// A Python callable (a builtin function) that owns `callable` and forwards its calls to it: a
/// new reference, or null with a Python error set (and `callable` deleted).
/// PRECONDITION: The GIL must be held.
PyObject *make_python_callable(cpp_callable *callable) noexcept;

/// The cpp_callable behind a Python callable made by make_python_callable, else null.
/// PRECONDITION: The GIL must be held.
cpp_callable *cpp_callable_of(PyObject *o) noexcept;

/// Raises TypeError for a call of a C++ callback with the wrong number of arguments; returns
/// null. PRECONDITION: The GIL must be held.
PyObject *raise_arity_error(const char *signature, std::size_t expected, Py_ssize_t given) noexcept;

/// Raises the error for argument `index` (0-based, of Python type `expected`) that its codec
/// rejected: TypeError, OverflowError or ValueError naming the callback's signature, or the
/// pending Python error. Returns null. PRECONDITION: The GIL must be held.
PyObject *raise_callback_argument_error(const char *signature, std::size_t index,
                                        const char *expected, PyObject *arg,
                                        const failure &f) noexcept;

// ---------------------------------------------------------------------------------------------
// Python callables received by C++.
// ---------------------------------------------------------------------------------------------

/// Raises pyhpp::interpreter_error for a Python callable called after its interpreter ended.
[[noreturn]] PYHPP_NOINLINE void throw_stale_callable();
/// Raises the pending conversion error of argument `index` (0-based) of a Python callable.
/// PRECONDITION: The GIL must be held.
[[noreturn]] PYHPP_NOINLINE void throw_callable_argument_error(PyObject *callable,
                                                               std::size_t index);
/// Raises pyhpp::type_error (or overflow_error, value_error) for a result of a Python callable
/// that its codec rejected; releases `result`. PRECONDITION: The GIL must be held.
[[noreturn]] PYHPP_NOINLINE void throw_callable_result_error(PyObject *result, PyObject *callable,
                                                             const char *expected,
                                                             const failure &f);

namespace codec {
/// The result codec of a callable typed `-> None`: C++ `void`.
struct void_result {
    using type = void;
    static std::string python_name() { return "None"; }
};

template <class R, class... C> struct callable;
} // namespace codec

/// The C++ value of `result`, the new reference (or null, with a Python error set) a call of
/// `callable` returned, by codec R; releases `result`. PRECONDITION: The GIL must be held.
template <class R> typename R::type callable_result(PyObject *result, PyObject *callable) {
    if (PYHPP_UNLIKELY(!result))
        throw_python_error();
    if constexpr (std::is_void_v<typename R::type>) {
        // As Python does with a `Callable[..., None]`: whatever it returns is ignored.
        Py_DECREF(result);
    } else {
        auto out = blank<typename R::type>();
        failure f;
        if (PYHPP_UNLIKELY(!R::from_python(result, out, f)))
            throw_callable_result_error(result, callable, codec::name_of<R>(), f);
        Py_DECREF(result);
        return out;
    }
}

/// What a Python callable becomes in C++: the target of the std::function.
template <class R, class... C> class python_function {
  public:
    using result_type = typename R::type;

    explicit python_function(pyhpp::object callable) noexcept
        : m_callable(std::move(callable)), m_generation(interpreter_generation) {}

    result_type operator()(const typename C::type &...args) const {
        // Reading the generation without the GIL is fine: it changes only while no wrapper,
        // and no handle of an older interpreter, can run.
        if (PYHPP_UNLIKELY(m_generation != interpreter_generation))
            throw_stale_callable();
        gil_scope gil("a Python callable");
        return call(std::index_sequence_for<C...>{}, args...);
    }

    /// The Python callable.
    const pyhpp::object &python() const noexcept { return m_callable; }
    /// Whether it belongs to the running interpreter.
    bool fresh() const noexcept { return m_generation == interpreter_generation; }

  private:
    template <std::size_t... I>
    result_type call(std::index_sequence<I...>, const typename C::type &...args) const {
        // Slot 0 is spare: the callee may use it (PY_VECTORCALL_ARGUMENTS_OFFSET).
        PyObject *slots[sizeof...(C) + 1] = {};
        std::size_t converted = 0;
        // In order, stopping at the first failure (its Python error is then pending).
        bool ok = false;
        try {
            ok = (((slots[I + 1] = C::to_python(args)) != nullptr && ++converted) && ...);
        } catch (...) {
            release(slots, converted); // a codec that may throw (an enum's class lookup)
            throw;
        }
        if (PYHPP_UNLIKELY(!ok)) {
            release(slots, converted);
            throw_callable_argument_error(m_callable.ptr(), converted);
        }
        PyObject *result = PYHPP_VECTORCALL(m_callable.ptr(), slots + 1,
                                            sizeof...(C) | PY_VECTORCALL_ARGUMENTS_OFFSET, nullptr);
        release(slots, sizeof...(C));
        return callable_result<R>(result, m_callable.ptr());
    }
    static void release(PyObject *const *slots, std::size_t count) noexcept {
        for (std::size_t i = 1; i <= count; ++i)
            Py_DECREF(slots[i]);
    }
    pyhpp::object m_callable;
    std::uint64_t m_generation;
};

/// What a Python callable typed `Callable[..., R]` becomes in C++: called with any number of
/// arguments, each a pyhpp::object (a null handle is sent as None).
template <class R> class python_function_any {
  public:
    using result_type = typename R::type;

    explicit python_function_any(pyhpp::object callable) noexcept
        : m_callable(std::move(callable)), m_generation(interpreter_generation) {}

    result_type operator()(const std::vector<pyhpp::object> &args) const {
        if (PYHPP_UNLIKELY(m_generation != interpreter_generation))
            throw_stale_callable();
        gil_scope gil("a Python callable");
        // Borrowed: `args` keeps them alive. Slot 0 is spare, as in python_function.
        std::vector<PyObject *> slots(args.size() + 1);
        for (std::size_t i = 0; i < args.size(); ++i)
            slots[i + 1] = args[i].ptr() ? args[i].ptr() : Py_None;
        PyObject *result = PYHPP_VECTORCALL(
            m_callable.ptr(), slots.data() + 1,
            static_cast<std::size_t>(args.size()) | PY_VECTORCALL_ARGUMENTS_OFFSET, nullptr);
        return callable_result<R>(result, m_callable.ptr());
    }

    const pyhpp::object &python() const noexcept { return m_callable; }
    bool fresh() const noexcept { return m_generation == interpreter_generation; }

  private:
    pyhpp::object m_callable;
    std::uint64_t m_generation;
};

/// What a C++ callable becomes in Python: converts, calls, converts back.
template <class R, class... C> class callable_adapter final : public cpp_callable {
  public:
    using function_type = std::function<typename R::type(typename C::type...)>;

    explicit callable_adapter(function_type function) : m_function(std::move(function)) {}

    PyObject *call(PyObject *const *args, Py_ssize_t nargs) noexcept override {
        try {
            if (PYHPP_UNLIKELY(nargs != static_cast<Py_ssize_t>(sizeof...(C))))
                return raise_arity_error(signature(), sizeof...(C), nargs);
            return invoke(args, std::index_sequence_for<C...>{});
        } catch (...) {
            // A C++ exception must not unwind through CPython's frames.
            return raise_current_exception();
        }
    }

    const function_type &function() const noexcept { return m_function; }

  private:
    static const char *signature() { return codec::name_of<codec::callable<R, C...>>(); }

    template <std::size_t... I> PyObject *invoke(PyObject *const *args, std::index_sequence<I...>) {
        std::tuple<typename C::type...> values{blank<typename C::type>()...};
        failure f;
        std::size_t failed = 0;
        bool ok = ((C::from_python(args[I], std::get<I>(values), f) || (failed = I, false)) && ...);
        if (PYHPP_UNLIKELY(!ok)) {
            const char *expected[] = {codec::name_of<C>()..., nullptr};
            return raise_callback_argument_error(signature(), failed, expected[failed],
                                                 args[failed], f);
        }
        if constexpr (std::is_void_v<typename R::type>) {
            std::apply(m_function, std::move(values));
            Py_INCREF(Py_None);
            return Py_None;
        } else {
            return R::to_python(std::apply(m_function, std::move(values)));
        }
    }

    function_type m_function;
};

/// What a C++ callable typed `Callable[..., R]` becomes in Python: takes any positional
/// arguments, as pyhpp::object.
template <class R> class callable_any_adapter final : public cpp_callable {
  public:
    using function_type = std::function<typename R::type(const std::vector<pyhpp::object> &)>;

    explicit callable_any_adapter(function_type function) : m_function(std::move(function)) {}

    PyObject *call(PyObject *const *args, Py_ssize_t nargs) noexcept override {
        try {
            std::vector<pyhpp::object> values;
            values.reserve(static_cast<std::size_t>(nargs));
            for (Py_ssize_t i = 0; i < nargs; ++i)
                values.push_back(pyhpp::object::borrow(args[i]));
            if constexpr (std::is_void_v<typename R::type>) {
                m_function(values);
                Py_INCREF(Py_None);
                return Py_None;
            } else {
                return R::to_python(m_function(values));
            }
        } catch (...) {
            return raise_current_exception();
        }
    }

    const function_type &function() const noexcept { return m_function; }

  private:
    function_type m_function;
};

namespace codec {

/// Sends `function` to Python: None when empty, the original Python object when it came from
/// Python (a `From` target), else a new Python callable owning an `Adapter` of it.
template <class Adapter, class From, class F>
PyObject *function_to_python(const F &function) noexcept {
    if (!function) {
        Py_INCREF(Py_None);
        return Py_None;
    }
    if (const auto *p = function.template target<From>(); p && p->fresh()) {
        PyObject *o = p->python().ptr();
        Py_INCREF(o);
        return o;
    }
    cpp_callable *adapter = nullptr;
    try {
        adapter = new Adapter(function);
    } catch (...) {
        return raise_current_exception(); // copying the target threw (bad_alloc, say)
    }
    return make_python_callable(adapter);
}

/// Receives any Python callable as `F`: a C++ callable that came from C++ as an `Adapter` gives
/// back the original std::function, anything else becomes a `From`.
template <class Adapter, class From, class F>
bool function_from_python(PyObject *o, F &out, failure &f) {
    if (PYHPP_UNLIKELY(!PyCallable_Check(o)))
        return f.type_mismatch(o);
    if (auto *adapter = dynamic_cast<Adapter *>(cpp_callable_of(o))) {
        out = adapter->function();
        return true;
    }
    out = From(pyhpp::object::borrow(o));
    return true;
}

/// `Callable[..., R]` <-> `std::function<R(const std::vector<pyhpp::object> &)>`: any
/// positional arguments, as objects; the result checked at each call.
template <class R> struct callable_any {
    using type = std::function<typename R::type(const std::vector<pyhpp::object> &)>;

    static PyObject *to_python(const type &function) noexcept {
        return function_to_python<callable_any_adapter<R>, python_function_any<R>>(function);
    }
    static bool from_python(PyObject *o, type &out, failure &f) {
        return function_from_python<callable_any_adapter<R>, python_function_any<R>>(o, out, f);
    }
    static bool exact(PyObject *o) noexcept { return PyCallable_Check(o) != 0; }
    static std::string python_name() { return "Callable[..., " + std::string(name_of<R>()) + "]"; }
};

/// `Callable[[A, B], R]` <-> `std::function<R(A, B)>` (R = void_result for `-> None`).
template <class R, class... C> struct callable {
    using type = std::function<typename R::type(typename C::type...)>;

    /// A Python callable that calls `function`; an empty function is sent as None, and a
    /// function that came from Python as the original Python object.
    static PyObject *to_python(const type &function) noexcept {
        return function_to_python<callable_adapter<R, C...>, python_function<R, C...>>(function);
    }

    /// Any callable; a C++ callable that came from C++ with this very signature gives back the
    /// original std::function. The arguments and result are checked at each call.
    static bool from_python(PyObject *o, type &out, failure &f) {
        return function_from_python<callable_adapter<R, C...>, python_function<R, C...>>(o, out, f);
    }

    static bool exact(PyObject *o) noexcept { return PyCallable_Check(o) != 0; }

    static std::string python_name() {
        return "Callable[[" + names_of<C...>() + "], " + name_of<R>() + "]";
    }
};

} // namespace codec
} // namespace pyhpp::detail

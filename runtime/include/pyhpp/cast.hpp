// pyhpp::to_object and object::cast<T> for every C++ type a generated signature can use.
#pragma once

#include <pyhpp/chrono.hpp>
#include <pyhpp/object.hpp>

#include <complex>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <type_traits>
#include <typeinfo>
#include <utility>
#include <variant>
#include <vector>

/// \file
/// `pyhpp::to_object(value)` and `object.cast<T>()` convert, nested at will: bool,
/// std::int64_t, int, double, std::string, pyhpp::bytes, pyhpp::object, std::complex<double>,
/// pyhpp::datetime, pyhpp::date, std::chrono::microseconds (a timedelta; pyhpp::time_of_day is
/// the same C++ type: a datetime.time converts to it too, and it is sent as a timedelta),
/// std::filesystem::path, std::optional<T> (None), std::vector<T> (list; from any sequence but
/// str and bytes), std::tuple<T...>, std::map<K, V> (dict), std::set<T> (set; from a set or
/// frozenset), std::variant<T...>, std::function<R(A...)>, generated class wrappers, the live
/// containers of <pyhpp/containers.hpp>, and generated enums and value structs.
///
/// Conversions follow the codecs of generated code exactly. A failure raises
/// pyhpp::type_error ("TypeError: cannot cast str to std::int64_t (at [2])"), overflow_error
/// for a number that does not fit, value_error for a value that is not one of those allowed.
///
/// Generated enums and value structs join through two functions found by argument-dependent
/// lookup, declared next to the type T in its namespace (see detail/cast_hooks.hpp):
/// ```
/// pyhpp::object pyhpp_to_object(const T &value);
/// T pyhpp_from_object(pyhpp::type_tag<T>, const pyhpp::object &value);
/// ```

namespace pyhpp {

/// Names a type in an overload; pyhpp_from_object hooks take one.
template <class T> struct type_tag { explicit type_tag() = default; };

/// The Python value of a C++ value. Takes the GIL itself.
template <class T> object to_object(const T &value);

namespace detail {

/// Why a Python value did not convert. Conversions fill it and return false; it is thrown once,
/// by the outermost conversion (throw_cast_failure).
struct cast_failure {
    enum class kind { none, type, overflow, value, python } what = kind::none;
    std::string actual;   // the Python type name (type) or the value's repr (overflow, value)
    std::string expected; // the C++ type that refused it
    std::string allowed;  // value: the values allowed
    std::string path;     // where inside containers, e.g. "['a'][2]"; built inside out
    std::string context;  // put in front of the message, e.g. "C++ callback ...: argument 1"

    bool at(const std::string &where) {
        path.insert(0, where);
        return false;
    }
    /// PRECONDITION: The GIL must be held.
    bool type_mismatch(const object &value, std::string expected_type);
};

// Primitives the conversions are composed of, compiled in runtime/src/cast.cpp.
// PRECONDITION (all but cast_gil): The GIL must be held.

/// Holds the GIL for one conversion (and the calls it makes) unless this thread holds it in a
/// pyhpp scope already; raises pyhpp::interpreter_error when no interpreter is running.
class cast_gil {
  public:
    explicit cast_gil(const char *what);
    ~cast_gil();
    cast_gil(const cast_gil &) = delete;
    cast_gil &operator=(const cast_gil &) = delete;

  private:
    int m_state = 0;
    bool m_taken = false;
};

/// Raises the failure as pyhpp::type_error, overflow_error or value_error, or the pending
/// Python error (kind python).
[[noreturn]] void throw_cast_failure(const cast_failure &f);
/// Raises pyhpp::value_error with `message` (a null handle where a value is needed).
[[noreturn]] void throw_null_handle(const std::string &message);
/// Clears the pending Python error, if any.
void clear_python_error() noexcept;
/// The demangled name of a C++ type.
std::string cpp_type_name(const std::type_info &type);
/// `repr(o)`, or "?" when repr fails (leaving no error set).
std::string repr_or_unknown(const object &o) noexcept;

// Leaves: the codecs of the scalars, with their `exact` rule.
bool leaf_from(const object &o, bool &out, cast_failure &f);
bool leaf_from(const object &o, std::int64_t &out, cast_failure &f);
bool leaf_from(const object &o, int &out, cast_failure &f);
bool leaf_from(const object &o, double &out, cast_failure &f);
bool leaf_from(const object &o, std::string &out, cast_failure &f);
bool leaf_from(const object &o, bytes &out, cast_failure &f);
bool leaf_from(const object &o, std::complex<double> &out, cast_failure &f);
bool leaf_from(const object &o, datetime &out, cast_failure &f);
bool leaf_from(const object &o, date &out, cast_failure &f);
/// A timedelta, or a datetime.time (microseconds since midnight: pyhpp::time_of_day).
bool leaf_from(const object &o, std::chrono::microseconds &out, cast_failure &f);
bool leaf_from(const object &o, std::filesystem::path &out, cast_failure &f);

bool leaf_exact(const object &o, type_tag<bool>) noexcept;
bool leaf_exact(const object &o, type_tag<std::int64_t>) noexcept;
bool leaf_exact(const object &o, type_tag<int>) noexcept;
bool leaf_exact(const object &o, type_tag<double>) noexcept;
bool leaf_exact(const object &o, type_tag<std::string>) noexcept;
bool leaf_exact(const object &o, type_tag<bytes>) noexcept;
bool leaf_exact(const object &o, type_tag<std::complex<double>>) noexcept;
bool leaf_exact(const object &o, type_tag<datetime>) noexcept;
bool leaf_exact(const object &o, type_tag<date>) noexcept;
bool leaf_exact(const object &o, type_tag<std::chrono::microseconds>) noexcept;
bool leaf_exact(const object &o, type_tag<std::filesystem::path>) noexcept;

object leaf_to(bool value);
object leaf_to(std::int64_t value);
object leaf_to(int value);
object leaf_to(double value);
object leaf_to(const std::string &value);
object leaf_to(const bytes &value);
object leaf_to(std::complex<double> value);
object leaf_to(datetime value);
object leaf_to(date value);
object leaf_to(std::chrono::microseconds value);
object leaf_to(const std::filesystem::path &value);

/// Python types the containers check for.
enum class py_kind { list, tuple, dict, set, frozenset, any_set, callable, type };
/// isinstance(o, kind) (callable: callable(o)).
bool is_kind(const object &o, py_kind kind) noexcept;
/// type(o) is exactly the kind's type.
bool is_exactly(const object &o, py_kind kind) noexcept;
/// A tuple of exactly `size` items.
bool is_tuple_of(const object &o, std::size_t size) noexcept;
/// Raises pyhpp::type_error "cannot cast <type> to <expected>" unless is_kind(o, kind); inside a
/// conversion (a hook_capture) it reports a type mismatch instead.
void check_kind(const object &o, py_kind kind, const char *expected);

/// The items of any sequence but str, bytes and bytearray (as the sequence codec reads them).
bool sequence_items(const object &o, std::vector<object> &out, cast_failure &f,
                    const std::string &expected);
/// The items of a tuple of exactly `size` items.
bool tuple_items(const object &o, std::size_t size, std::vector<object> &out, cast_failure &f,
                 const std::string &expected);
/// The items of a dict, or of any mapping that is not a sequence (through a dict copy).
bool dict_items(const object &o, std::vector<std::pair<object, object>> &out, cast_failure &f,
                const std::string &expected);
/// The items of a set or frozenset.
bool set_items(const object &o, std::vector<object> &out, cast_failure &f,
               const std::string &expected);

object make_list(const std::vector<object> &items);
object make_tuple(const std::vector<object> &items);
object make_dict(const std::vector<std::pair<object, object>> &items);
object make_set(const std::vector<object> &items, bool frozen);

/// The arity of make_function for a function that takes any number of arguments.
inline constexpr std::size_t any_arity = static_cast<std::size_t>(-1);

/// A Python callable that calls `function` with its arguments (after checking there are
/// `arity` of them, unless `arity` is any_arity). A pyhpp::type_error, overflow_error or
/// value_error raised by pyhpp itself becomes the Python TypeError, OverflowError or ValueError;
/// other exceptions cross as pyhpp.CppException (see <pyhpp/function.hpp>).
object make_function(std::function<object(const std::vector<object> &)> function, std::size_t arity,
                     const std::string &signature);

/// Thrown by a pyhpp_from_object hook or a class wrapper's pyhpp_check inside a conversion
/// (while a hook_capture is active), after it has filled the capture's failure: so the failure
/// gets its position, and a union tries its next alternative.
struct hook_failed {};

/// Makes hooks called in its lifetime on this thread report into `f` (see hook_failed).
class hook_capture {
  public:
    explicit hook_capture(cast_failure &f) noexcept;
    ~hook_capture();
    hook_capture(const hook_capture &) = delete;
    hook_capture &operator=(const hook_capture &) = delete;
    /// The failure of the innermost active capture on this thread, or null.
    static cast_failure *current() noexcept;

  private:
    cast_failure *m_previous;
};

// ---------------------------------------------------------------------------------------------
// Detection of the hooks and of class wrappers.
// ---------------------------------------------------------------------------------------------

template <class T, class = void> struct has_to_hook : std::false_type {};
template <class T>
struct has_to_hook<T, std::void_t<decltype(pyhpp_to_object(std::declval<const T &>()))>>
    : std::is_convertible<decltype(pyhpp_to_object(std::declval<const T &>())), object> {};

template <class T, class = void> struct has_from_hook : std::false_type {};
template <class T>
struct has_from_hook<
    T, std::void_t<decltype(pyhpp_from_object(type_tag<T>{}, std::declval<const object &>()))>>
    : std::is_convertible<
          decltype(pyhpp_from_object(type_tag<T>{}, std::declval<const object &>())), T> {};

template <class T>
inline constexpr bool is_wrapper_v = std::is_base_of_v<object, T> && !std::is_same_v<T, object>;

template <class T, class = void> struct has_exact : std::false_type {};
template <class T>
struct has_exact<T, std::void_t<decltype(T::pyhpp_exact(std::declval<const object &>()))>>
    : std::true_type {};

template <class T> struct always_false : std::false_type {};

// ---------------------------------------------------------------------------------------------
// converter<T>: name(), from(o, optional<T>&, failure&) (false with the failure filled),
// exact(o) (the union rule), to(value). PRECONDITION (all): The GIL must be held.
// ---------------------------------------------------------------------------------------------

template <class T, class = void> struct converter {
    static_assert(has_from_hook<T>::value || has_to_hook<T>::value || is_wrapper_v<T>,
                  "pyhpp::to_object / object::cast<T>: T must be bool, std::int64_t, int, double, "
                  "std::string, pyhpp::bytes, pyhpp::object, std::complex<double>, "
                  "pyhpp::datetime, pyhpp::date, std::chrono::microseconds, "
                  "std::filesystem::path, std::optional, std::vector, std::tuple, std::map, "
                  "std::set, std::variant or std::function of those, a generated class wrapper, "
                  "a pyhpp::list/dict/set, or a generated enum or value struct (a type with "
                  "pyhpp_to_object / pyhpp_from_object found by argument-dependent lookup)");

    static std::string name() { return cpp_type_name(typeid(T)); }

    static bool from(const object &o, std::optional<T> &out, cast_failure &f) {
        if constexpr (is_wrapper_v<T>) {
            hook_capture capture(f);
            try {
                T::pyhpp_check(o);
            } catch (const hook_failed &) {
                return false;
            }
            out.emplace(unchecked, o);
            return true;
        } else if constexpr (has_from_hook<T>::value) {
            hook_capture capture(f);
            try {
                out.emplace(pyhpp_from_object(type_tag<T>{}, o));
            } catch (const hook_failed &) {
                return false;
            }
            return true;
        } else {
            static_assert(always_false<T>::value,
                          "object::cast<T>: T has pyhpp_to_object but no pyhpp_from_object");
            return false;
        }
    }

    /// Class wrappers and hooked types have no exact-type test (but a pyhpp_exact member): in a
    /// union they are tried in order, after the alternatives of exactly the value's type.
    static bool exact(const object &o) {
        if constexpr (has_exact<T>::value)
            return T::pyhpp_exact(o);
        else
            return false;
    }

    static object to(const T &value) {
        if constexpr (is_wrapper_v<T>) {
            const object &self = value; // through the base: a Python method may be named `ptr`
            if (!self)
                throw_null_handle("a null " + name() + " cannot be sent to Python");
            return self;
        } else if constexpr (has_to_hook<T>::value) {
            return pyhpp_to_object(value);
        } else {
            static_assert(always_false<T>::value,
                          "pyhpp::to_object: T has pyhpp_from_object but no pyhpp_to_object");
            return {};
        }
    }
};

/// The scalars, through their codecs.
template <class T, const char *Name> struct leaf_converter {
    static std::string name() { return Name; }
    static bool from(const object &o, std::optional<T> &out, cast_failure &f) {
        T value{};
        if (!leaf_from(o, value, f)) {
            if (f.expected.empty())
                f.expected = Name;
            return false;
        }
        out.emplace(std::move(value));
        return true;
    }
    static bool exact(const object &o) { return leaf_exact(o, type_tag<T>{}); }
    static object to(const T &value) { return leaf_to(value); }
};

namespace names {
inline constexpr char bool_[] = "bool";
inline constexpr char int64[] = "std::int64_t";
inline constexpr char int_[] = "int";
inline constexpr char double_[] = "double";
inline constexpr char string[] = "std::string";
inline constexpr char bytes[] = "pyhpp::bytes";
inline constexpr char complex[] = "std::complex<double>";
inline constexpr char datetime[] = "pyhpp::datetime";
inline constexpr char date[] = "pyhpp::date";
inline constexpr char microseconds[] = "std::chrono::microseconds";
inline constexpr char path[] = "std::filesystem::path";
} // namespace names

template <> struct converter<bool> : leaf_converter<bool, names::bool_> {};
template <> struct converter<std::int64_t> : leaf_converter<std::int64_t, names::int64> {};
template <> struct converter<int> : leaf_converter<int, names::int_> {};
template <> struct converter<double> : leaf_converter<double, names::double_> {};
template <> struct converter<std::string> : leaf_converter<std::string, names::string> {};
template <> struct converter<bytes> : leaf_converter<bytes, names::bytes> {};
template <>
struct converter<std::complex<double>> : leaf_converter<std::complex<double>, names::complex> {};
template <> struct converter<datetime> : leaf_converter<datetime, names::datetime> {};
template <> struct converter<date> : leaf_converter<date, names::date> {};
template <>
struct converter<std::chrono::microseconds>
    : leaf_converter<std::chrono::microseconds, names::microseconds> {};
template <>
struct converter<std::filesystem::path> : leaf_converter<std::filesystem::path, names::path> {};

/// Any Python object, shared; a null handle is sent as None.
template <> struct converter<object> {
    static std::string name() { return "pyhpp::object"; }
    static bool from(const object &o, std::optional<object> &out, cast_failure &) {
        out.emplace(o);
        return true;
    }
    static bool exact(const object &) { return false; } // the last resort of a union
    static object to(const object &value) { return value ? value : none(); }
};

/// Converts `o` to T or throws the failure, `where` (e.g. "[2]") giving its position.
template <class T> T convert_or_throw(const object &o, const std::string &where = {}) {
    std::optional<T> out;
    cast_failure f;
    if (!converter<T>::from(o, out, f)) {
        f.at(where);
        throw_cast_failure(f);
    }
    return std::move(*out);
}

template <class T> struct converter<std::optional<T>> {
    static std::string name() { return "std::optional<" + converter<T>::name() + ">"; }
    static bool from(const object &o, std::optional<std::optional<T>> &out, cast_failure &f) {
        if (o.is_none()) {
            out.emplace(std::nullopt);
            return true;
        }
        std::optional<T> inner;
        if (!converter<T>::from(o, inner, f))
            return false;
        out.emplace(std::move(inner));
        return true;
    }
    static bool exact(const object &o) { return o.is_none() || converter<T>::exact(o); }
    static object to(const std::optional<T> &value) {
        return value ? converter<T>::to(*value) : none();
    }
};

template <class T> struct converter<std::vector<T>> {
    static std::string name() { return "std::vector<" + converter<T>::name() + ">"; }
    static bool from(const object &o, std::optional<std::vector<T>> &out, cast_failure &f) {
        std::vector<object> items;
        if (!sequence_items(o, items, f, name()))
            return false;
        std::vector<T> values;
        values.reserve(items.size());
        for (std::size_t i = 0; i < items.size(); ++i) {
            std::optional<T> value;
            if (!converter<T>::from(items[i], value, f))
                return f.at("[" + std::to_string(i) + "]");
            values.push_back(std::move(*value));
        }
        out.emplace(std::move(values));
        return true;
    }
    static bool exact(const object &o) { return is_kind(o, py_kind::list); }
    static object to(const std::vector<T> &values) {
        std::vector<object> items;
        items.reserve(values.size());
        for (const auto &value : values)
            items.push_back(converter<T>::to(value));
        return make_list(items);
    }
};

template <class... T> struct converter<std::tuple<T...>> {
    static std::string name() {
        std::string out;
        ((out += (out.empty() ? "" : ", ") + converter<T>::name()), ...);
        return "std::tuple<" + out + ">";
    }
    static bool from(const object &o, std::optional<std::tuple<T...>> &out, cast_failure &f) {
        std::vector<object> items;
        if (!tuple_items(o, sizeof...(T), items, f, name()))
            return false;
        return from_items(items, out, f, std::index_sequence_for<T...>{});
    }
    static bool exact(const object &o) { return is_tuple_of(o, sizeof...(T)); }
    static object to(const std::tuple<T...> &value) {
        return std::apply(
            [](const T &...v) {
                return detail::make_tuple(std::vector<object>{converter<T>::to(v)...});
            },
            value);
    }

  private:
    template <std::size_t... I>
    static bool from_items(const std::vector<object> &items, std::optional<std::tuple<T...>> &out,
                           cast_failure &f, std::index_sequence<I...>) {
        std::tuple<std::optional<T>...> values;
        std::size_t failed = 0;
        bool ok =
            ((converter<T>::from(items[I], std::get<I>(values), f) || (failed = I, false)) && ...);
        if (!ok)
            return f.at("[" + std::to_string(failed) + "]");
        out.emplace(std::move(*std::get<I>(values))...);
        return true;
    }
};

template <class K, class V> struct converter<std::map<K, V>> {
    static std::string name() {
        return "std::map<" + converter<K>::name() + ", " + converter<V>::name() + ">";
    }
    static bool from(const object &o, std::optional<std::map<K, V>> &out, cast_failure &f) {
        std::vector<std::pair<object, object>> items;
        if (!dict_items(o, items, f, name()))
            return false;
        std::map<K, V> values;
        for (const auto &[k, v] : items) {
            std::optional<K> key;
            if (!converter<K>::from(k, key, f))
                return f.at("[key]");
            std::optional<V> value;
            if (!converter<V>::from(v, value, f))
                return f.at("[" + repr_or_unknown(k) + "]");
            values.insert_or_assign(std::move(*key), std::move(*value));
        }
        out.emplace(std::move(values));
        return true;
    }
    static bool exact(const object &o) { return is_kind(o, py_kind::dict); }
    static object to(const std::map<K, V> &values) {
        std::vector<std::pair<object, object>> items;
        items.reserve(values.size());
        for (const auto &[key, value] : values)
            items.emplace_back(converter<K>::to(key), converter<V>::to(value));
        return make_dict(items);
    }
};

template <class T> struct converter<std::set<T>> {
    static std::string name() { return "std::set<" + converter<T>::name() + ">"; }
    static bool from(const object &o, std::optional<std::set<T>> &out, cast_failure &f) {
        std::vector<object> items;
        if (!set_items(o, items, f, name()))
            return false;
        std::set<T> values;
        for (const auto &item : items) {
            std::optional<T> value;
            if (!converter<T>::from(item, value, f))
                return f.at("{item}");
            values.insert(std::move(*value));
        }
        out.emplace(std::move(values));
        return true;
    }
    static bool exact(const object &o) { return is_kind(o, py_kind::set); }
    static object to(const std::set<T> &values) {
        std::vector<object> items;
        items.reserve(values.size());
        for (const auto &value : values)
            items.push_back(converter<T>::to(value));
        return make_set(items, false);
    }
};

/// The rule of codec::variant: the alternatives whose Python type the value has exactly, in
/// order, then every alternative in order; failed attempts leave no Python error behind.
template <class... T> struct converter<std::variant<T...>> {
    static_assert(sizeof...(T) > 0, "a std::variant needs at least one alternative");
    using type = std::variant<T...>;

    static std::string name() {
        std::string out;
        ((out += (out.empty() ? "" : ", ") + converter<T>::name()), ...);
        return "std::variant<" + out + ">";
    }
    static bool from(const object &o, std::optional<type> &out, cast_failure &f) {
        constexpr std::size_t n = sizeof...(T);
        const bool exact_of[n] = {converter<T>::exact(o)...};
        bool tried[n] = {};
        if (try_each(o, out, exact_of, tried, std::index_sequence_for<T...>{}))
            return true;
        const bool all[n] = {(static_cast<void>(sizeof(T)), true)...};
        if (try_each(o, out, all, tried, std::index_sequence_for<T...>{}))
            return true;
        return f.type_mismatch(o, name());
    }
    static bool exact(const object &o) { return (converter<T>::exact(o) || ...); }
    static object to(const type &value) {
        if (value.valueless_by_exception())
            throw_null_handle("a valueless " + name() + " cannot be sent to Python");
        return std::visit([](const auto &v) { return converter<std::decay_t<decltype(v)>>::to(v); },
                          value);
    }

  private:
    template <std::size_t I, class Alt>
    static bool try_one(const object &o, std::optional<type> &out, const bool *wanted,
                        bool *tried) {
        if (!wanted[I] || tried[I])
            return false;
        tried[I] = true;
        std::optional<Alt> value;
        cast_failure attempt;
        if (converter<Alt>::from(o, value, attempt)) {
            out.emplace(std::in_place_index<I>, std::move(*value));
            return true;
        }
        if (attempt.what == cast_failure::kind::python)
            clear_python_error();
        return false;
    }
    template <std::size_t... I>
    static bool try_each(const object &o, std::optional<type> &out, const bool *wanted, bool *tried,
                         std::index_sequence<I...>) {
        return (try_one<I, T>(o, out, wanted, tried) || ...);
    }
};

/// What a Python callable becomes in C++: the target of the std::function. Callable from any
/// thread (it takes the GIL); copies share the Python callable.
template <class R, class... A> class python_callable {
  public:
    explicit python_callable(object callable) noexcept : m_callable(std::move(callable)) {}

    R operator()(A... args) const {
        cast_gil gil("a Python callable");
        object result =
            m_callable.call(std::vector<object>{converter<std::decay_t<A>>::to(args)...});
        if constexpr (std::is_void_v<R>)
            static_cast<void>(result); // as Python does with `-> None`: the result is ignored
        else
            return convert_or_throw<R>(result);
    }
    const object &python() const noexcept { return m_callable; }

  private:
    object m_callable;
};

template <class R> struct result_name {
    static std::string get() { return converter<R>::name(); }
};
template <> struct result_name<void> {
    static std::string get() { return "void"; }
};

template <class R, class... A> struct converter<std::function<R(A...)>> {
    using type = std::function<R(A...)>;

    static std::string name() {
        std::string args;
        ((args += (args.empty() ? "" : ", ") + converter<std::decay_t<A>>::name()), ...);
        return "std::function<" + result_name<R>::get() + "(" + args + ")>";
    }
    /// Any callable; its arguments and result are converted at each call.
    static bool from(const object &o, std::optional<type> &out, cast_failure &f) {
        if (!is_kind(o, py_kind::callable))
            return f.type_mismatch(o, name());
        out.emplace(python_callable<R, A...>(o));
        return true;
    }
    static bool exact(const object &o) { return is_kind(o, py_kind::callable); }
    /// A Python callable; an empty function is sent as None, one that came from Python as the
    /// original Python object.
    static object to(const type &function) {
        if (!function)
            return none();
        if (const auto *p = function.template target<python_callable<R, A...>>())
            return p->python();
        return make_function(
            [function](const std::vector<object> &args) {
                return invoke(function, args, std::index_sequence_for<A...>{});
            },
            sizeof...(A), name());
    }

  private:
    template <std::size_t... I>
    static object invoke(const type &function, const std::vector<object> &args,
                         std::index_sequence<I...>) {
        cast_gil gil("a C++ callback");
        std::tuple<std::optional<std::decay_t<A>>...> values;
        cast_failure f;
        std::size_t failed = 0;
        bool ok = ((converter<std::decay_t<A>>::from(args[I], std::get<I>(values), f) ||
                    (failed = I, false)) &&
                   ...);
        if (!ok) {
            f.context = "C++ callback " + name() + ": argument " + std::to_string(failed + 1);
            throw_cast_failure(f);
        }
        if constexpr (std::is_void_v<R>) {
            function(std::move(*std::get<I>(values))...);
            return none();
        } else {
            return converter<R>::to(function(std::move(*std::get<I>(values))...));
        }
    }
};

/// What a Python callable typed `Callable[..., R]` becomes in C++: called with any number of
/// arguments, as objects.
template <class R> class python_callable_any {
  public:
    explicit python_callable_any(object callable) noexcept : m_callable(std::move(callable)) {}

    R operator()(const std::vector<object> &args) const {
        cast_gil gil("a Python callable");
        object result = m_callable.call(args);
        if constexpr (std::is_void_v<R>)
            static_cast<void>(result);
        else
            return convert_or_throw<R>(result);
    }
    const object &python() const noexcept { return m_callable; }

  private:
    object m_callable;
};

/// `Callable[..., R]`: any positional arguments, as objects (more specialized than the
/// converter of std::function<R(A...)>, which would take one list argument).
template <class R> struct converter<std::function<R(const std::vector<object> &)>> {
    using type = std::function<R(const std::vector<object> &)>;

    static std::string name() {
        return "std::function<" + result_name<R>::get() + "(const std::vector<pyhpp::object> &)>";
    }
    static bool from(const object &o, std::optional<type> &out, cast_failure &f) {
        if (!is_kind(o, py_kind::callable))
            return f.type_mismatch(o, name());
        out.emplace(python_callable_any<R>(o));
        return true;
    }
    static bool exact(const object &o) { return is_kind(o, py_kind::callable); }
    static object to(const type &function) {
        if (!function)
            return none();
        if (const auto *p = function.template target<python_callable_any<R>>())
            return p->python();
        return make_function(
            [function](const std::vector<object> &args) {
                cast_gil gil("a C++ callback");
                if constexpr (std::is_void_v<R>) {
                    function(args);
                    return none();
                } else {
                    return converter<R>::to(function(args));
                }
            },
            any_arity, name());
    }
};

/// object::cast<T>: one GIL hold, one boundary.
template <class T> struct cast_entry {
    static T cast(const object &o) {
        cast_gil gil("pyhpp::object::cast");
        if (!o && !std::is_same_v<T, object>)
            throw_null_handle("cannot cast a null handle to " + converter<T>::name());
        return convert_or_throw<T>(o);
    }
};

} // namespace detail

template <class T> object to_object(const T &value) {
    detail::cast_gil gil("pyhpp::to_object");
    return detail::converter<T>::to(value);
}

/// `value` as another C++ type, through its Python value: a `std::vector<std::int64_t>` as a
/// `std::vector<pyhpp::object>`, a `pyhpp::list<T>` as the `pyhpp::list<pyhpp::object>` that
/// shares its list. Raises what object::cast<To> raises. Takes the GIL itself.
template <class To, class From> To convert(const From &value) {
    detail::cast_gil gil("pyhpp::convert");
    return detail::convert_or_throw<To>(detail::converter<From>::to(value));
}

namespace detail {
template <class T> struct identity { using type = T; };
} // namespace detail

/// T where it must not take part in template argument deduction: in `void push(const
/// pyhpp::list<T> &, const pyhpp::non_deduced<T> &)`, the list alone decides T, so `push(ints, 5)`
/// takes the int literal as a std::int64_t.
template <class T> using non_deduced = typename detail::identity<T>::type;

} // namespace pyhpp

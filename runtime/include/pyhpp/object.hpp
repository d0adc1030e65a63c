// pyhpp::object: an owning, reference-counted handle to any Python object.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

// CPython's object struct, declared so handles can be passed without including Python.h.
struct _object; // NOLINT(bugprone-reserved-identifier): CPython's own name

namespace pyhpp {

/// The byte container `bytes` maps to.
using bytes = std::vector<std::uint8_t>;

class object;

namespace detail {
/// The interpreter generation an object belongs to; see detail/cache.hpp.
std::uint64_t current_generation() noexcept;
/// Drops one reference from any thread: takes the GIL when needed, and does nothing when the
/// interpreter the reference belongs to has been finalised.
void release_reference(_object *ptr, std::uint64_t generation) noexcept;
/// Adds one reference; takes the GIL when needed.
void add_reference(_object *ptr, std::uint64_t generation) noexcept;

/// Tag of the constructor by which a class wrapper adopts an object it knows is an instance.
struct unchecked_t {
    explicit unchecked_t() = default;
};
inline constexpr unchecked_t unchecked{};

/// How object::cast<T> converts; defined in <pyhpp/cast.hpp>, which <pyhpp/pyhpp.hpp> includes.
template <class T> struct cast_entry;
} // namespace detail

/// An owning handle to a Python object. Copies share the object (as Python names do).
///
/// Every member takes the GIL itself. Destruction is safe from any thread, without the GIL,
/// and after the interpreter has been finalised (the reference is then simply forgotten).
class object {
  public:
    /// A null handle (not `None`): `bool(o)` is false.
    object() noexcept = default;
    object(const object &other) noexcept : m_ptr(other.m_ptr), m_generation(other.m_generation) {
        if (m_ptr)
            detail::add_reference(m_ptr, m_generation);
    }
    object(object &&other) noexcept
        : m_ptr(std::exchange(other.m_ptr, nullptr)), m_generation(other.m_generation) {}
    object &operator=(object other) noexcept {
        swap(other);
        return *this;
    }
    ~object() {
        if (m_ptr)
            detail::release_reference(m_ptr, m_generation);
    }

    /// Python values from C++ values.
    object(std::nullptr_t) = delete;
    object(bool value);
    object(int value) : object(static_cast<long long>(value)) {}
    object(long value) : object(static_cast<long long>(value)) {}
    object(long long value);
    object(unsigned value) : object(static_cast<unsigned long long>(value)) {}
    object(unsigned long value) : object(static_cast<unsigned long long>(value)) {}
    object(unsigned long long value);
    object(double value);
    /// A `str` from UTF-8 text; invalid UTF-8 raises pyhpp::unicode_decode_error.
    object(const char *utf8);
    object(std::string_view utf8);
    object(const std::string &utf8) : object(std::string_view(utf8)) {}
    object(const bytes &data);
    /// A `list` of the given objects.
    object(const std::vector<object> &items);
    /// A `dict` with `str` keys.
    object(const std::map<std::string, object> &items);

    /// Takes over a new reference. PRECONDITION: the GIL is held if `ptr` is not null.
    static object steal(_object *ptr) noexcept { return object(ptr, steal_tag{}); }
    /// Adds a reference to a borrowed one. PRECONDITION: the GIL is held if `ptr` is not null.
    static object borrow(_object *ptr) noexcept;

    /// The raw pointer, still owned by this handle.
    _object *ptr() const noexcept { return m_ptr; }
    /// Gives up ownership of the reference; the handle becomes null.
    _object *release() noexcept { return std::exchange(m_ptr, nullptr); }
    explicit operator bool() const noexcept { return m_ptr != nullptr; }
    void swap(object &other) noexcept {
        std::swap(m_ptr, other.m_ptr);
        std::swap(m_generation, other.m_generation);
    }

    /// `self is other`.
    bool is(const object &other) const noexcept { return m_ptr == other.m_ptr; }
    bool is_none() const;
    /// `type(self).__qualname__`, prefixed with its module unless builtin (e.g.
    /// "json.JSONDecoder").
    std::string type_name() const;
    std::string repr() const;
    std::string str() const;

    object attr(std::string_view name) const;
    bool has_attr(std::string_view name) const;
    void set_attr(std::string_view name, const object &value) const;
    object item(const object &key) const;

    /// `self(*args, **kwargs)`.
    object call(const std::vector<object> &args,
                const std::map<std::string, object> &kwargs = {}) const;
    template <class... Args> object operator()(Args &&...args) const {
        return call(std::vector<object>{object(std::forward<Args>(args))...});
    }

    /// Converts to a C++ value: any type pyhpp::to_object takes (see <pyhpp/cast.hpp>), class
    /// wrappers and live containers included. Raises pyhpp::type_error naming the expected C++
    /// type, the actual Python type and, inside containers, the position; overflow_error for a
    /// number that does not fit. Needs <pyhpp/cast.hpp> (included by <pyhpp/pyhpp.hpp>).
    template <class T> T cast() const { return detail::cast_entry<T>::cast(*this); }

  private:
    struct steal_tag {};
    object(_object *ptr, steal_tag) noexcept
        : m_ptr(ptr), m_generation(detail::current_generation()) {}

    _object *m_ptr = nullptr;
    std::uint64_t m_generation = 0;
};

/// The alternative of a std::variant that stands for the members of a Python union C++ has no
/// type for (`numbers.Real` in `int | float | numbers.Real`): any Python object. Unlike
/// pyhpp::object it is made from a pyhpp::object (or a class wrapper) only, so a string literal
/// or a number given to the variant picks its std::string or std::int64_t.
class other : public object {
  public:
    other() noexcept = default;
    other(const object &value) : object(value) {}
    other(detail::unchecked_t, object value) noexcept : object(std::move(value)) {}
    /// Any object is one.
    static void pyhpp_check(const object &) noexcept {}
};

/// A Python class (`type[X]`, `type` in an annotation): an object that is a type. Made from a
/// pyhpp::object explicitly, and checked: `pyhpp::type_object(pyhpp::import("json").attr(
/// "JSONEncoder"))`; anything but a class raises pyhpp::type_error. Calling it makes an
/// instance, as in Python.
class type_object : public object {
  public:
    type_object() noexcept = default;
    explicit type_object(const object &value);
    type_object(detail::unchecked_t, object value) noexcept : object(std::move(value)) {}

    /// `type(instance)`.
    static type_object of(const object &instance);
    /// `issubclass(self, base)`.
    bool is_subclass_of(const type_object &base) const;
    /// The class's name, prefixed with its module unless builtin (e.g. "json.JSONEncoder").
    std::string name() const;

    /// Raises pyhpp::type_error unless `value` is a class. PRECONDITION: The GIL must be held.
    static void pyhpp_check(const object &value);
    /// Whether `value` is a class, the exact match of a union. PRECONDITION: The GIL must be held.
    static bool pyhpp_exact(const object &value) noexcept;
};

/// Python's `None`.
object none();

/// `import name`: raises pyhpp::module_not_found_error (with the traceback) when it fails.
object import(std::string_view name);

} // namespace pyhpp

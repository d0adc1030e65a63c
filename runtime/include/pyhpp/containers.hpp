// pyhpp::list<T>, pyhpp::dict<K, V>, pyhpp::set<T>: typed handles that share a Python container.
#pragma once

#include <pyhpp/cast.hpp>
#include <pyhpp/object.hpp>

#include <cstddef>
#include <initializer_list>
#include <iterator>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

/// \file
/// Unlike std::vector, std::map and std::set, which copy a Python container, these handles
/// share it: a change made through the handle is seen by Python and the other way round. They
/// derive from pyhpp::object; elements are converted on access with pyhpp::to_object and
/// object::cast<T>, so T may be any type cast takes (pyhpp::object included). Every member
/// takes the GIL itself; destruction is safe from any thread, as for pyhpp::object.
///
/// Iteration (`for (T x : list)`) walks a snapshot of the items taken by begin(), converting
/// each one as it is reached: an item that does not convert raises pyhpp::type_error naming
/// its position.

namespace pyhpp {

namespace detail {

/// Whether a container of T may share one of U: T is U with some types replaced by
/// pyhpp::object, which any item is (and never U itself, which the copy constructor takes).
template <class T, class U> struct is_view_of : std::is_same<T, object> {};
template <class T> struct is_view_of<T, T> : std::true_type {};
template <class K, class V, class K2, class V2>
struct is_view_of<std::pair<K, V>, std::pair<K2, V2>>
    : std::bool_constant<is_view_of<K, K2>::value && is_view_of<V, V2>::value> {};
template <class K, class V> struct is_view_of<std::pair<K, V>, std::pair<K, V>> : std::true_type {};
template <class T, class U>
inline constexpr bool is_view_of_v = is_view_of<T, U>::value && !std::is_same_v<T, U>;
// Primitives of the live containers, compiled in runtime/src/containers.cpp.
// PRECONDITION (all): The GIL must be held.

object new_container(py_kind kind);
/// `len(o)`.
std::size_t container_size(const object &o);
/// `item in o`.
bool container_contains(const object &o, const object &item);
/// The items of a list, or the keys and values (flattened: k0, v0, k1, v1, ...) of a dict, or
/// the items of a set, as they are now.
std::shared_ptr<const std::vector<object>> container_snapshot(const object &o, py_kind kind);

/// `o[index]`, negative indices as Python's; IndexError as pyhpp::index_error.
object list_get(const object &o, std::ptrdiff_t index);
void list_set(const object &o, std::ptrdiff_t index, const object &value);
void list_append(const object &o, const object &value);
void list_insert(const object &o, std::ptrdiff_t index, const object &value);
/// `o.pop()` (no index) or `o.pop(index)`.
object list_pop(const object &o, const std::ptrdiff_t *index);
void container_clear(const object &o);

/// `o.get(key)`: a null handle when the key is missing.
object dict_get(const object &o, const object &key);
/// `o[key]`; KeyError as pyhpp::key_error.
object dict_at(const object &o, const object &key);
void dict_set(const object &o, const object &key, const object &value);
/// `del o[key]`; false when the key is missing.
bool dict_erase(const object &o, const object &key);

void set_add(const object &o, const object &item);
void set_discard(const object &o, const object &item);

/// Converts an item of a container, `where` giving its position for the message.
/// PRECONDITION: The GIL must be held.
template <class T> T convert_item(const object &item, const std::string &where) {
    return convert_or_throw<T>(item, where);
}

/// An input iterator over a snapshot of a container's items, converting each as it is reached.
template <class V> class snapshot_iterator {
  public:
    using iterator_category = std::input_iterator_tag;
    using value_type = V;
    using difference_type = std::ptrdiff_t;
    using pointer = const V *;
    using reference = const V &;
    /// Converts the item at `index` (of `stride` objects from `first`). Takes the GIL.
    using convert_function = V (*)(const object *first, std::size_t index);

    /// The end iterator.
    snapshot_iterator() noexcept = default;
    snapshot_iterator(std::shared_ptr<const std::vector<object>> items, std::size_t stride,
                      convert_function convert)
        : m_items(std::move(items)), m_stride(stride), m_convert(convert) {
        load();
    }

    const V &operator*() const noexcept { return *m_value; }
    const V *operator->() const noexcept { return &*m_value; }
    snapshot_iterator &operator++() {
        ++m_index;
        load();
        return *this;
    }
    snapshot_iterator operator++(int) {
        snapshot_iterator old = *this;
        ++*this;
        return old;
    }
    friend bool operator==(const snapshot_iterator &a, const snapshot_iterator &b) noexcept {
        return a.m_items == b.m_items && a.m_index == b.m_index;
    }
    friend bool operator!=(const snapshot_iterator &a, const snapshot_iterator &b) noexcept {
        return !(a == b);
    }

  private:
    void load() {
        m_value.reset();
        if (!m_items || m_index * m_stride >= m_items->size()) {
            m_items.reset(); // the end
            m_index = 0;
            return;
        }
        try {
            m_value.emplace(m_convert(m_items->data() + m_index * m_stride, m_index));
        } catch (...) {
            m_items.reset(); // after a failed item, the iterator is the end
            m_index = 0;
            throw;
        }
    }

    std::shared_ptr<const std::vector<object>> m_items;
    std::size_t m_stride = 1;
    convert_function m_convert = nullptr;
    std::size_t m_index = 0;
    std::optional<V> m_value;
};
} // namespace detail

/// A Python `list` whose items are T: `list[T]` shared with Python.
template <class T> class list : public object {
  public:
    using value_type = T;
    using iterator = detail::snapshot_iterator<T>;

    /// A new, empty list.
    list() : object(make(detail::py_kind::list)) {}
    /// A new list holding copies of `values`. Explicit so that a named std::vector never
    /// silently becomes a temporary list whose changes are lost.
    explicit list(const std::vector<T> &values) : object(to_object(values)) {}
    /// A new list from a temporary vector or a braced list (`heapify({3, 1, 2})`): nothing else
    /// could see it change, so the conversion is implicit.
    list(std::vector<T> &&values) : object(to_object(values)) {}
    list(std::initializer_list<T> values) : list(std::vector<T>(values)) {}
    /// The same list, its items seen as pyhpp::object (what a parameter `MutableSequence[Any]`
    /// takes): shares it.
    template <class U, std::enable_if_t<detail::is_view_of_v<T, U>, int> = 0>
    list(const list<U> &other) : object(other) {}
    /// Adopts an object known to be a list (as class wrappers do).
    list(detail::unchecked_t, object o) noexcept : object(std::move(o)) {}

    /// Shares `o`; pyhpp::type_error unless it is a list. Items are converted on access.
    static list from(const object &o) { return o.cast<list>(); }

    std::size_t size() const {
        detail::cast_gil gil("pyhpp::list::size");
        return detail::container_size(*this);
    }
    bool empty() const { return size() == 0; }

    /// `self[index]` (negative from the end); pyhpp::index_error when out of range.
    T at(std::ptrdiff_t index) const {
        detail::cast_gil gil("pyhpp::list::at");
        return detail::convert_item<T>(detail::list_get(*this, index),
                                       "[" + std::to_string(index) + "]");
    }
    T operator[](std::ptrdiff_t index) const { return at(index); }
    /// `self[index] = value`.
    void set(std::ptrdiff_t index, const T &value) const {
        detail::cast_gil gil("pyhpp::list::set");
        detail::list_set(*this, index, detail::converter<T>::to(value));
    }
    void append(const T &value) const {
        detail::cast_gil gil("pyhpp::list::append");
        detail::list_append(*this, detail::converter<T>::to(value));
    }
    /// `self.insert(index, value)`.
    void insert(std::ptrdiff_t index, const T &value) const {
        detail::cast_gil gil("pyhpp::list::insert");
        detail::list_insert(*this, index, detail::converter<T>::to(value));
    }
    /// `self.pop()`; pyhpp::index_error when empty.
    T pop() const {
        detail::cast_gil gil("pyhpp::list::pop");
        return detail::convert_item<T>(detail::list_pop(*this, nullptr), "[-1]");
    }
    /// `self.pop(index)`; pyhpp::index_error when out of range.
    T pop(std::ptrdiff_t index) const {
        detail::cast_gil gil("pyhpp::list::pop");
        return detail::convert_item<T>(detail::list_pop(*this, &index),
                                       "[" + std::to_string(index) + "]");
    }
    void clear() const {
        detail::cast_gil gil("pyhpp::list::clear");
        detail::container_clear(*this);
    }
    /// `value in self`.
    bool contains(const T &value) const {
        detail::cast_gil gil("pyhpp::list::contains");
        return detail::container_contains(*this, detail::converter<T>::to(value));
    }
    /// A copy of the items.
    std::vector<T> to_vector() const { return cast<std::vector<T>>(); }

    iterator begin() const {
        detail::cast_gil gil("pyhpp::list::begin");
        return iterator(detail::container_snapshot(*this, detail::py_kind::list), 1, &convert_at);
    }
    iterator end() const noexcept { return iterator(); }

    /// For object::cast<list<T>>: a list (or subclass).
    static void pyhpp_check(const object &o) {
        detail::check_kind(o, detail::py_kind::list, "pyhpp::list");
    }
    static bool pyhpp_exact(const object &o) {
        return detail::is_exactly(o, detail::py_kind::list);
    }

  private:
    static object make(detail::py_kind kind) {
        detail::cast_gil gil("pyhpp::list");
        return detail::new_container(kind);
    }
    static T convert_at(const object *item, std::size_t index) {
        detail::cast_gil gil("pyhpp::list::iterator");
        return detail::convert_item<T>(*item, "[" + std::to_string(index) + "]");
    }
};

/// A Python `dict` whose keys are K and values V: `dict[K, V]` shared with Python.
template <class K, class V> class dict : public object {
  public:
    using key_type = K;
    using mapped_type = V;
    using value_type = std::pair<K, V>;
    using iterator = detail::snapshot_iterator<value_type>;

    /// A new, empty dict.
    dict() : object(make()) {}
    /// A new dict holding copies of `values` (explicit: see pyhpp::list); from a temporary map
    /// or a braced list, implicit.
    explicit dict(const std::map<K, V> &values) : object(to_object(values)) {}
    dict(std::map<K, V> &&values) : object(to_object(values)) {}
    dict(std::initializer_list<std::pair<const K, V>> values) : dict(std::map<K, V>(values)) {}
    /// The same dict, its keys or values seen as pyhpp::object: shares it.
    template <class K2, class V2,
              std::enable_if_t<detail::is_view_of_v<std::pair<K, V>, std::pair<K2, V2>>, int> = 0>
    dict(const dict<K2, V2> &other) : object(other) {}
    dict(detail::unchecked_t, object o) noexcept : object(std::move(o)) {}

    /// Shares `o`; pyhpp::type_error unless it is a dict.
    static dict from(const object &o) { return o.cast<dict>(); }

    std::size_t size() const {
        detail::cast_gil gil("pyhpp::dict::size");
        return detail::container_size(*this);
    }
    bool empty() const { return size() == 0; }
    bool contains(const K &key) const {
        detail::cast_gil gil("pyhpp::dict::contains");
        return detail::container_contains(*this, detail::converter<K>::to(key));
    }
    /// `self.get(key)`: std::nullopt when the key is missing.
    std::optional<V> get(const K &key) const {
        detail::cast_gil gil("pyhpp::dict::get");
        object k = detail::converter<K>::to(key);
        object value = detail::dict_get(*this, k);
        if (!value)
            return std::nullopt;
        return detail::convert_item<V>(value, "[" + detail::repr_or_unknown(k) + "]");
    }
    /// `self[key]`; pyhpp::key_error when the key is missing.
    V at(const K &key) const {
        detail::cast_gil gil("pyhpp::dict::at");
        object k = detail::converter<K>::to(key);
        return detail::convert_item<V>(detail::dict_at(*this, k),
                                       "[" + detail::repr_or_unknown(k) + "]");
    }
    V operator[](const K &key) const { return at(key); }
    /// `self[key] = value`.
    void set(const K &key, const V &value) const {
        detail::cast_gil gil("pyhpp::dict::set");
        detail::dict_set(*this, detail::converter<K>::to(key), detail::converter<V>::to(value));
    }
    /// `del self[key]`; false when the key was missing.
    bool erase(const K &key) const {
        detail::cast_gil gil("pyhpp::dict::erase");
        return detail::dict_erase(*this, detail::converter<K>::to(key));
    }
    void clear() const {
        detail::cast_gil gil("pyhpp::dict::clear");
        detail::container_clear(*this);
    }
    /// The keys, in the dict's order.
    std::vector<K> keys() const {
        detail::cast_gil gil("pyhpp::dict::keys");
        auto items = detail::container_snapshot(*this, detail::py_kind::dict);
        std::vector<K> out;
        out.reserve(items->size() / 2);
        for (std::size_t i = 0; i < items->size(); i += 2)
            out.push_back(detail::convert_item<K>((*items)[i], "[key]"));
        return out;
    }
    /// A copy of the items.
    std::map<K, V> to_map() const { return cast<std::map<K, V>>(); }

    /// Iterates (key, value) pairs.
    iterator begin() const {
        detail::cast_gil gil("pyhpp::dict::begin");
        return iterator(detail::container_snapshot(*this, detail::py_kind::dict), 2, &convert_at);
    }
    iterator end() const noexcept { return iterator(); }

    static void pyhpp_check(const object &o) {
        detail::check_kind(o, detail::py_kind::dict, "pyhpp::dict");
    }
    static bool pyhpp_exact(const object &o) {
        return detail::is_exactly(o, detail::py_kind::dict);
    }

  private:
    static object make() {
        detail::cast_gil gil("pyhpp::dict");
        return detail::new_container(detail::py_kind::dict);
    }
    static value_type convert_at(const object *item, std::size_t) {
        detail::cast_gil gil("pyhpp::dict::iterator");
        K key = detail::convert_item<K>(item[0], "[key]");
        V value = detail::convert_item<V>(item[1], "[" + detail::repr_or_unknown(item[0]) + "]");
        return value_type(std::move(key), std::move(value));
    }
};

/// A Python `set` whose items are T: `set[T]` shared with Python.
template <class T> class set : public object {
  public:
    using value_type = T;
    using iterator = detail::snapshot_iterator<T>;

    /// A new, empty set.
    set() : object(make()) {}
    /// A new set holding copies of `values` (explicit: see pyhpp::list); from a temporary set
    /// or a braced list, implicit.
    explicit set(const std::set<T> &values) : object(to_object(values)) {}
    set(std::set<T> &&values) : object(to_object(values)) {}
    set(std::initializer_list<T> values) : set(std::set<T>(values)) {}
    /// The same set, its items seen as pyhpp::object: shares it.
    template <class U, std::enable_if_t<detail::is_view_of_v<T, U>, int> = 0>
    set(const set<U> &other) : object(other) {}
    set(detail::unchecked_t, object o) noexcept : object(std::move(o)) {}

    /// Shares `o`; pyhpp::type_error unless it is a set (a frozenset cannot change: use
    /// cast<std::set<T>>() for one).
    static set from(const object &o) { return o.cast<set>(); }

    std::size_t size() const {
        detail::cast_gil gil("pyhpp::set::size");
        return detail::container_size(*this);
    }
    bool empty() const { return size() == 0; }
    bool contains(const T &value) const {
        detail::cast_gil gil("pyhpp::set::contains");
        return detail::container_contains(*this, detail::converter<T>::to(value));
    }
    void add(const T &value) const {
        detail::cast_gil gil("pyhpp::set::add");
        detail::set_add(*this, detail::converter<T>::to(value));
    }
    /// Removes `value` if present.
    void discard(const T &value) const {
        detail::cast_gil gil("pyhpp::set::discard");
        detail::set_discard(*this, detail::converter<T>::to(value));
    }
    void clear() const {
        detail::cast_gil gil("pyhpp::set::clear");
        detail::container_clear(*this);
    }
    /// A copy of the items.
    std::set<T> to_set() const { return cast<std::set<T>>(); }

    iterator begin() const {
        detail::cast_gil gil("pyhpp::set::begin");
        return iterator(detail::container_snapshot(*this, detail::py_kind::set), 1, &convert_at);
    }
    iterator end() const noexcept { return iterator(); }

    static void pyhpp_check(const object &o) {
        detail::check_kind(o, detail::py_kind::set, "pyhpp::set");
    }
    static bool pyhpp_exact(const object &o) { return detail::is_exactly(o, detail::py_kind::set); }

  private:
    static object make() {
        detail::cast_gil gil("pyhpp::set");
        return detail::new_container(detail::py_kind::set);
    }
    static T convert_at(const object *item, std::size_t) {
        detail::cast_gil gil("pyhpp::set::iterator");
        return detail::convert_item<T>(*item, "{item}");
    }
};

namespace detail {
// Shared, not copied; named after their item types in messages. PRECONDITION: The GIL must be
// held.
template <class T> struct converter<pyhpp::list<T>> {
    using type = pyhpp::list<T>;
    static std::string name() { return "pyhpp::list<" + converter<T>::name() + ">"; }
    static bool from(const object &o, std::optional<type> &out, cast_failure &f) {
        if (!is_kind(o, py_kind::list))
            return f.type_mismatch(o, name());
        out.emplace(unchecked, o);
        return true;
    }
    static bool exact(const object &o) { return is_exactly(o, py_kind::list); }
    static object to(const type &value) { return converter<object>::to(value); }
};
template <class K, class V> struct converter<pyhpp::dict<K, V>> {
    using type = pyhpp::dict<K, V>;
    static std::string name() {
        return "pyhpp::dict<" + converter<K>::name() + ", " + converter<V>::name() + ">";
    }
    static bool from(const object &o, std::optional<type> &out, cast_failure &f) {
        if (!is_kind(o, py_kind::dict))
            return f.type_mismatch(o, name());
        out.emplace(unchecked, o);
        return true;
    }
    static bool exact(const object &o) { return is_exactly(o, py_kind::dict); }
    static object to(const type &value) { return converter<object>::to(value); }
};
template <class T> struct converter<pyhpp::set<T>> {
    using type = pyhpp::set<T>;
    static std::string name() { return "pyhpp::set<" + converter<T>::name() + ">"; }
    static bool from(const object &o, std::optional<type> &out, cast_failure &f) {
        if (!is_kind(o, py_kind::set))
            return f.type_mismatch(o, name());
        out.emplace(unchecked, o);
        return true;
    }
    static bool exact(const object &o) { return is_exactly(o, py_kind::set); }
    static object to(const type &value) { return converter<object>::to(value); }
};
} // namespace detail

} // namespace pyhpp

// Optional and keyword arguments of generated wrappers: pyhpp::opt<T> and pyhpp::keyword.
#pragma once

#include <memory>
#include <optional>
#include <type_traits>
#include <utility>

namespace pyhpp {

/// Tag for `opt<T, boxed>`: the value lives on the heap, so the opt is a complete type, and
/// `= {}` a valid default, even where T is only declared. Generated headers use it when T holds
/// a class wrapper: modules that import each other (`ctx: Optional[Context] = None` in one,
/// `Context` defined in the other) cannot both see the other's classes complete.
struct boxed {};

namespace detail {
template <class T> class boxed_value {
  public:
    boxed_value() noexcept = default;
    template <class... A>
    explicit boxed_value(std::in_place_t, A &&...args)
        : m_value(std::make_shared<const T>(std::forward<A>(args)...)) {}

    bool has_value() const noexcept { return m_value != nullptr; }
    const T &operator*() const noexcept { return *m_value; }

  private:
    std::shared_ptr<const T> m_value;
};

template <class T, class Boxing> struct opt_storage { using type = std::optional<T>; };
template <class T> struct opt_storage<T, boxed> { using type = boxed_value<T>; };

// Whether opt<T, Boxing> takes a U. A boxed opt does not ask std::is_constructible: T may be a
// class wrapper whose constructor takes this very opt (`parent: Optional[Self] = None`), and
// asking would need std::optional<Self> while Self's own copy constructor is being worked
// out. A U that does not fit fails inside the constructor instead.
template <class T, class U, class Boxing> struct opt_accepts : std::is_constructible<T, U &&> {};
template <class T, class U> struct opt_accepts<T, U, boxed> : std::true_type {};
} // namespace detail

/// A parameter that has a default in Python. Left out (`{}` or not written), it is not sent
/// at all, so Python applies its own default; pyhpp never copies default values into C++.
template <class T, class Boxing = void> class opt {
  public:
    opt() noexcept = default;
    template <class U,
              std::enable_if_t<std::conjunction_v<std::negation<std::is_same<std::decay_t<U>, opt>>,
                                                  detail::opt_accepts<T, U, Boxing>>,
                               int> = 0>
    opt(U &&value) : m_value(std::in_place, std::forward<U>(value)) {}

    bool has_value() const noexcept { return m_value.has_value(); }
    explicit operator bool() const noexcept { return m_value.has_value(); }
    const T &operator*() const noexcept { return *m_value; }
    const T *operator->() const noexcept { return &*m_value; }

  private:
    typename detail::opt_storage<T, Boxing>::type m_value;
};

/// A value given for a keyword argument: what `kw::name = value` makes.
template <class Tag, class V> struct keyword_argument { V value; };

/// A keyword-argument name. Generated headers declare one per name in `<module>::kw`, so a
/// call reads `f(1, kw::scale = 2.0, kw::mode = "fast")`.
template <class Tag> struct keyword {
    template <class V> constexpr keyword_argument<Tag, std::decay_t<V>> operator=(V &&value) const {
        return {std::forward<V>(value)};
    }
};

namespace detail {
template <class T> struct is_keyword_argument : std::false_type {};
template <class Tag, class V>
struct is_keyword_argument<keyword_argument<Tag, V>> : std::true_type {};
template <class... K>
inline constexpr bool all_keyword_arguments = sizeof...(K) > 0 &&
                                              (is_keyword_argument<std::decay_t<K>>::value && ...);

/// The keyword-argument struct S filled from `kw::name = value` arguments.
template <class S, class... K> S make_keywords(K &&...arguments) {
    S keywords;
    (keywords.pyhpp_set(std::forward<K>(arguments)), ...);
    return keywords;
}
} // namespace detail

} // namespace pyhpp

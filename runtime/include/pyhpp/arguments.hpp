// Optional and keyword arguments of generated wrappers: pyhpp::opt<T> and pyhpp::keyword.
#pragma once

#include <optional>
#include <type_traits>
#include <utility>

namespace pyhpp {

/// A parameter that has a default in Python. Left out (`{}` or not written), it is not sent
/// at all, so Python applies its own default; pyhpp never copies default values into C++.
template <class T> class opt {
  public:
    opt() noexcept = default;
    template <class U, std::enable_if_t<!std::is_same_v<std::decay_t<U>, opt> &&
                                            std::is_constructible_v<T, U &&>,
                                        int> = 0>
    opt(U &&value) : m_value(std::in_place, std::forward<U>(value)) {}

    bool has_value() const noexcept { return m_value.has_value(); }
    explicit operator bool() const noexcept { return m_value.has_value(); }
    const T &operator*() const noexcept { return *m_value; }
    const T *operator->() const noexcept { return &*m_value; }

  private:
    std::optional<T> m_value;
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

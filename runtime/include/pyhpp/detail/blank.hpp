// A value to convert into before a conversion fills it.
#pragma once

#include <pyhpp/object.hpp>

#include <tuple>
#include <type_traits>
#include <utility>
#include <variant>

namespace pyhpp::detail {

template <class T> struct blank_of {
    static T make() {
        // A class wrapper's default constructor (if any) would call Python: a null handle.
        if constexpr (std::is_base_of_v<pyhpp::object, T> && !std::is_same_v<T, pyhpp::object>)
            return T(unchecked, pyhpp::object());
        else
            return T{};
    }
};
template <class... T> struct blank_of<std::tuple<T...>> {
    static std::tuple<T...> make() { return std::tuple<T...>(blank_of<T>::make()...); }
};
template <class T0, class... T> struct blank_of<std::variant<T0, T...>> {
    static std::variant<T0, T...> make() {
        return std::variant<T0, T...>(std::in_place_index<0>, blank_of<T0>::make());
    }
};

/// `T{}`, or a null handle for class wrappers (also inside tuples and variants).
template <class T> T blank() { return blank_of<T>::make(); }

} // namespace pyhpp::detail

// What generated sources define pyhpp_to_object / pyhpp_from_object with, for their enums and
// value structs: a codec's conversion behind object::cast<T> and pyhpp::to_object.
#pragma once

#include <pyhpp/cast.hpp>
#include <pyhpp/detail/blank.hpp>
#include <pyhpp/detail/call.hpp>
#include <pyhpp/detail/convert.hpp>
#include <pyhpp/detail/errors.hpp>

namespace pyhpp::detail {

/// Raises the failure of codec conversion of `value` to the C++ type `expected` as cast does;
/// inside a conversion (a hook_capture) reports it there and throws hook_failed instead, with
/// a Python error left pending for a failure of kind python. PRECONDITION: The GIL must be held.
[[noreturn]] PYHPP_NOINLINE void throw_hook_failure(const failure &f, const char *expected);

/// `Codec::to_python(value)` as a handle; takes the GIL, throws the Python error on failure.
template <class Codec> pyhpp::object to_object_with(const typename Codec::type &value) {
    gil_scope gil("pyhpp::to_object");
    ::PyObject *p = Codec::to_python(value);
    if (!p)
        throw_python_error();
    return pyhpp::object::steal(p);
}

/// `Codec::from_python(value)`; takes the GIL, throws what object::cast<T> throws, naming the
/// C++ type `expected` (e.g. "N::T").
template <class Codec>
typename Codec::type from_object_with(const pyhpp::object &value, const char *expected) {
    gil_scope gil("pyhpp::object::cast");
    if (!value)
        throw_null_handle(std::string("cannot cast a null handle to ") + expected);
    auto out = blank<typename Codec::type>();
    failure f;
    if (!Codec::from_python(value.ptr(), out, f))
        throw_hook_failure(f, expected);
    return out;
}

} // namespace pyhpp::detail

// Helpers of the callable and iterator tests: conversions both ways through the codecs, each
// taking the GIL itself, and a deadline for code that could deadlock.
#pragma once

#include "../support/python_helpers.hpp"

#include <pyhpp/detail/codecs.hpp>
#include <pyhpp/detail/errors.hpp>

#include <catch2/catch.hpp>

#include <chrono>
#include <future>
#include <utility>

namespace callable_test {

namespace codec = pyhpp::detail::codec;

/// C++ -> Python with codec C; throws the pending Python error as its pyhpp exception.
template <class C> pyhpp::object to_py(const typename C::type &value) {
    pyhpp::gil_acquire gil;
    PyObject *o = C::to_python(value);
    if (!o)
        pyhpp::detail::throw_python_error();
    return pyhpp::object::steal(o);
}

/// Python -> C++ with codec C, as the result of "m.f()" annotated `expected`: a failure throws
/// what a wrapper would throw.
template <class C> typename C::type from_py(const pyhpp::object &o, const char *expected = "T") {
    pyhpp::gil_acquire gil;
    Py_INCREF(o.ptr());
    return pyhpp::detail::take_result<C>(o.ptr(), "m.f()", expected);
}

/// Runs `f` on another thread and fails the test if it has not finished within `limit`.
template <class F> void finishes_within(std::chrono::seconds limit, F f) {
    auto done = std::async(std::launch::async, std::move(f));
    REQUIRE(done.wait_for(limit) == std::future_status::ready);
    done.get();
}

} // namespace callable_test

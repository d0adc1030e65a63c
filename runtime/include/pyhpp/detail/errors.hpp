// Turning the pending Python exception into the matching pyhpp C++ exception (one boundary).
#pragma once

#include <pyhpp/detail/python.hpp>
#include <pyhpp/error.hpp>

#include <exception>
#include <memory>
#include <string>

namespace pyhpp::detail {

/// Throws the pending Python exception as its pyhpp class (the nearest mapped base class of its
/// type), clearing it. PRECONDITION: The GIL must be held and an exception must be set.
[[noreturn]] PYHPP_NOINLINE void throw_python_error();

/// Same, with `context` put in front of the message ("samplepkg.f(): argument 'name': ...").
[[noreturn]] PYHPP_NOINLINE void throw_python_error(const std::string &context);

/// Takes the pending Python exception (normalised, with its traceback) as a new reference, or
/// null if none is pending. PRECONDITION: The GIL must be held.
PyObject *fetch_exception() noexcept;

/// Builds the pyhpp exception for an exception object without throwing it.
/// PRECONDITION: The GIL must be held.
std::shared_ptr<const error> make_error(PyObject *exception);

/// Raises `pyhpp::interpreter_error` for a wrapper called while no interpreter is running.
[[noreturn]] PYHPP_NOINLINE void throw_not_running(const char *what);

/// How to make and throw the C++ class of one Python exception class.
struct error_class {
    std::shared_ptr<const error> (*make)(std::shared_ptr<const error_state> state);
    void (*raise)(std::shared_ptr<const error_state> state); // always throws
};

// NOLINTNEXTLINE(bugprone-exception-escape): only the lambdas allocate, when they are called.
template <class E> error_class error_class_of() noexcept {
    return {[](std::shared_ptr<const error_state> state) -> std::shared_ptr<const error> {
                return std::make_shared<E>(std::move(state));
            },
            [](std::shared_ptr<const error_state> state) { throw E(std::move(state)); }};
}

/// Maps the Python exception class `module`.`qualname` (and its subclasses, unless mapped
/// themselves) to a C++ class, by name: generated exception classes register this way during
/// static initialisation, before any interpreter runs. Touches no Python object.
bool register_error_name(const char *module, const char *qualname, error_class cls) noexcept;

} // namespace pyhpp::detail

// C++ exception classes for Python exceptions, mirroring Python's built-in hierarchy.
#pragma once

#include <exception>
#include <memory>
#include <string>

#include <pyhpp/object.hpp>

namespace pyhpp {

class error;

namespace detail {
/// What an error carries; shared so that copying an exception never throws.
struct error_state {
    std::string type_name; // "ValueError", or "module.QualName" for non-builtin classes
    std::string message;   // str(exception)
    std::string what;      // "ValueError: message", as Python prints it
    std::string traceback; // the formatted traceback, as Python prints it; may be empty
    std::shared_ptr<const error> cause; // __cause__, or __context__ unless suppressed
    object value;                       // the Python exception object; null if not from Python
};
} // namespace detail

/// Base of every pyhpp exception; stands for Python's `BaseException`.
///
/// `what()` reads as Python prints the exception (`ValueError: bad value`); `traceback()` is
/// the formatted traceback, `cause()` the chained exception, `value()` the original object.
class error : public std::exception {
  public:
    /// An error raised by pyhpp itself (not from Python).
    error(std::string type_name, std::string message);
    explicit error(std::shared_ptr<const detail::error_state> state) noexcept
        : m_state(std::move(state)) {}

    const char *what() const noexcept override { return m_state->what.c_str(); }
    const std::string &type_name() const noexcept { return m_state->type_name; }
    const std::string &message() const noexcept { return m_state->message; }
    const std::string &traceback() const noexcept { return m_state->traceback; }
    /// The exception this one was raised from or while handling; null if none.
    const std::shared_ptr<const error> &cause() const noexcept { return m_state->cause; }
    /// The Python exception object (a null handle for errors raised by pyhpp itself).
    const object &value() const noexcept { return m_state->value; }

  private:
    std::shared_ptr<const detail::error_state> m_state;
};

// NOLINTBEGIN(bugprone-macro-parentheses): a class name and a base cannot be parenthesised.
#define PYHPP_DECLARE_ERROR(name, base)                                                            \
    class name : public base {                                                                     \
      public:                                                                                      \
        using base::base;                                                                          \
    }
// NOLINTEND(bugprone-macro-parentheses)

/// Misuse of the embedding itself: no interpreter running, a misconfigured interpreter.
PYHPP_DECLARE_ERROR(interpreter_error, error);

PYHPP_DECLARE_ERROR(keyboard_interrupt, error);
PYHPP_DECLARE_ERROR(system_exit, error);
PYHPP_DECLARE_ERROR(generator_exit, error);
/// Python's `Exception`: everything below except keyboard_interrupt, system_exit, generator_exit.
PYHPP_DECLARE_ERROR(exception, error);

PYHPP_DECLARE_ERROR(arithmetic_error, exception);
PYHPP_DECLARE_ERROR(zero_division_error, arithmetic_error);
PYHPP_DECLARE_ERROR(overflow_error, arithmetic_error);
PYHPP_DECLARE_ERROR(floating_point_error, arithmetic_error);
PYHPP_DECLARE_ERROR(assertion_error, exception);
PYHPP_DECLARE_ERROR(attribute_error, exception);
PYHPP_DECLARE_ERROR(buffer_error, exception);
PYHPP_DECLARE_ERROR(eof_error, exception);
PYHPP_DECLARE_ERROR(import_error, exception);
PYHPP_DECLARE_ERROR(module_not_found_error, import_error);
PYHPP_DECLARE_ERROR(lookup_error, exception);
PYHPP_DECLARE_ERROR(key_error, lookup_error);
PYHPP_DECLARE_ERROR(index_error, lookup_error);
PYHPP_DECLARE_ERROR(memory_error, exception);
PYHPP_DECLARE_ERROR(name_error, exception);
PYHPP_DECLARE_ERROR(unbound_local_error, name_error);
PYHPP_DECLARE_ERROR(os_error, exception);
PYHPP_DECLARE_ERROR(file_not_found_error, os_error);
PYHPP_DECLARE_ERROR(file_exists_error, os_error);
PYHPP_DECLARE_ERROR(permission_error, os_error);
PYHPP_DECLARE_ERROR(is_a_directory_error, os_error);
PYHPP_DECLARE_ERROR(not_a_directory_error, os_error);
PYHPP_DECLARE_ERROR(timeout_error, os_error);
PYHPP_DECLARE_ERROR(runtime_error, exception);
PYHPP_DECLARE_ERROR(not_implemented_error, runtime_error);
PYHPP_DECLARE_ERROR(recursion_error, runtime_error);
PYHPP_DECLARE_ERROR(stop_iteration, exception);
PYHPP_DECLARE_ERROR(type_error, exception);
PYHPP_DECLARE_ERROR(value_error, exception);
PYHPP_DECLARE_ERROR(unicode_error, value_error);
PYHPP_DECLARE_ERROR(unicode_decode_error, unicode_error);
PYHPP_DECLARE_ERROR(unicode_encode_error, unicode_error);

} // namespace pyhpp

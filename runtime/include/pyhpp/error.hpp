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

// One class per Python built-in exception, in Python's hierarchy (pyhpp::exception stands for
// `Exception`, pyhpp::key_error for `KeyError`, ...).
#define PYHPP_ROOT_EXCEPTION(python_name, cpp_class)
#define PYHPP_EXCEPTION(python_name, cpp_class, cpp_base) PYHPP_DECLARE_ERROR(cpp_class, cpp_base);
#include <pyhpp/detail/exceptions.def>
#undef PYHPP_EXCEPTION
#undef PYHPP_ROOT_EXCEPTION

} // namespace pyhpp

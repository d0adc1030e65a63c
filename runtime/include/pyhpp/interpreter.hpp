// pyhpp::interpreter: starts (or attaches to) the embedded CPython and stops it.
#pragma once

#include <string>
#include <vector>

namespace pyhpp {

/// How to start the interpreter. The defaults come from the bindings linked into the program:
/// the Python the bindings were generated with and their PYTHONPATH directories.
struct interpreter_options {
    /// The Python executable whose standard library and site-packages are used (a venv's
    /// bin/python works). Empty: $PYHPP_PYTHON if set, else the one the bindings were
    /// generated with, else CPython's own search.
    std::string python;
    /// Directories put in front of sys.path, before the bindings' own directories.
    std::vector<std::string> paths;
    /// Let Python install its signal handlers (SIGINT -> KeyboardInterrupt). Off by default:
    /// the C++ program owns its signals.
    bool install_signal_handlers = false;
};

/// RAII owner of the embedded interpreter. Construct one (typically first thing in main) before
/// calling any wrapper; destroying it finalises Python. Inside a process where Python already
/// runs (C++ loaded as an extension module), it attaches and neither initialises nor finalises.
///
/// The constructing thread does not keep the GIL, so any thread may call wrappers.
/// Misconfiguration raises pyhpp::interpreter_error with one clear message.
class interpreter {
  public:
    interpreter();
    explicit interpreter(const interpreter_options &options);
    ~interpreter();
    interpreter(const interpreter &) = delete;
    interpreter &operator=(const interpreter &) = delete;

    /// False when this object attached to an interpreter someone else started.
    bool owns() const noexcept { return m_owns; }
    /// Whether a Python interpreter is initialised in this process.
    static bool running() noexcept;

  private:
    void *m_main_thread_state = nullptr;
    bool m_owns = false;
};

namespace detail {
/// Called by the configuration unit of a bindings target (made by pyhpp_add_bindings): the
/// Python the bindings were generated with, its "major.minor" version, and sys.path entries.
/// `paths` is a null-terminated array.
bool register_bindings(const char *python_executable, const char *python_version,
                       const char *const *paths) noexcept;
} // namespace detail

} // namespace pyhpp

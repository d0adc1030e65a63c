// pyhpp::interpreter: PEP 587 start-up that finds the generation-time Python's site-packages.
#include <pyhpp/detail/cache.hpp>
#include <pyhpp/detail/errors.hpp>
#include <pyhpp/detail/python.hpp>
#include <pyhpp/interpreter.hpp>

#include <cstdlib>
#include <mutex>
#include <string>
#include <sys/stat.h>
#include <vector>

namespace pyhpp {
namespace {

/// What the bindings linked into this program asked for (see detail::register_bindings).
struct registration {
    std::mutex mutex;
    std::string python;
    std::string version;
    std::string conflict; // a second, different interpreter asked for: reported at start-up
    std::vector<std::string> paths;
};

registration &registered() {
    static registration r; // function-local: registrations run during static initialisation
    return r;
}

[[noreturn]] void fail(const std::string &message) {
    throw interpreter_error("pyhpp.InterpreterError", message);
}

bool is_file(const std::string &path) {
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

std::string compiled_version() {
    return std::to_string(PY_MAJOR_VERSION) + "." + std::to_string(PY_MINOR_VERSION);
}

/// Puts `paths` in front of sys.path, in order, skipping entries already there.
/// PRECONDITION: The GIL must be held.
void prepend_paths(const std::vector<std::string> &paths) {
    PyObject *sys_path = PySys_GetObject("path"); // borrowed
    if (!sys_path || !PyList_Check(sys_path))
        fail("sys.path is not a list");
    Py_ssize_t at = 0;
    for (const auto &p : paths) {
        PyObject *entry =
            PyUnicode_DecodeFSDefaultAndSize(p.data(), static_cast<Py_ssize_t>(p.size()));
        if (!entry)
            detail::throw_python_error();
        int present = PySequence_Contains(sys_path, entry);
        if (present == 0 && PyList_Insert(sys_path, at++, entry) != 0)
            present = -1;
        Py_DECREF(entry);
        if (present < 0)
            detail::throw_python_error();
    }
}

} // namespace

namespace detail {
bool register_bindings(const char *python_executable, const char *python_version,
                       const char *const *paths) noexcept {
    try {
        auto &r = registered();
        std::lock_guard<std::mutex> lock(r.mutex);
        std::string exe = python_executable ? python_executable : "";
        if (r.python.empty()) {
            r.python = exe;
            r.version = python_version ? python_version : "";
        } else if (!exe.empty() && exe != r.python && r.conflict.empty()) {
            r.conflict = exe;
        }
        for (; paths && *paths; ++paths)
            r.paths.emplace_back(*paths);
        return true;
    } catch (...) {
        return false;
    }
}
} // namespace detail

bool interpreter::running() noexcept { return Py_IsInitialized() != 0; }

interpreter::interpreter() : interpreter(interpreter_options{}) {}

interpreter::interpreter(const interpreter_options &options) {
    auto &r = registered();
    std::vector<std::string> paths = options.paths;
    std::string python = options.python;
    std::string source = "interpreter_options::python";
    {
        std::lock_guard<std::mutex> lock(r.mutex);
        paths.insert(paths.end(), r.paths.begin(), r.paths.end());
        if (python.empty()) {
            if (const char *env = std::getenv("PYHPP_PYTHON"); env && *env) {
                python = env;
                source = "$PYHPP_PYTHON";
            } else if (!r.python.empty()) {
                if (!r.conflict.empty())
                    fail("the bindings linked into this program were generated with different "
                         "Pythons ('" +
                         r.python + "' and '" + r.conflict +
                         "'); set interpreter_options::python or $PYHPP_PYTHON");
                if (!r.version.empty() && r.version != compiled_version())
                    fail("the bindings were generated with Python " + r.version + " ('" + r.python +
                         "') but this program is linked against Python " + compiled_version() +
                         "; configure both with the same interpreter");
                python = r.python;
                source = "the bindings";
            }
        }
    }

    if (Py_IsInitialized()) {
        // Loaded into a running Python: attach, make the bindings importable, own nothing.
        PyGILState_STATE state = PyGILState_Ensure();
        try {
            prepend_paths(paths);
        } catch (...) {
            PyGILState_Release(state);
            throw;
        }
        PyGILState_Release(state);
        return;
    }

    if (!python.empty() && !is_file(python))
        fail("the Python executable '" + python + "' (from " + source + ") does not exist");

    PyConfig config;
    PyConfig_InitPythonConfig(&config);
    config.install_signal_handlers = options.install_signal_handlers ? 1 : 0;
    config.parse_argv = 0;
    PyStatus status = PyStatus_Ok();
    if (!python.empty()) {
        // The program name decides sys.prefix: a venv's python gives that venv's site-packages.
        status = PyConfig_SetBytesString(&config, &config.program_name, python.c_str());
    }
    if (!PyStatus_Exception(status))
        status = Py_InitializeFromConfig(&config);
    PyConfig_Clear(&config);
    if (PyStatus_Exception(status)) {
        std::string why = status.err_msg ? status.err_msg : "unknown error";
        if (status.func)
            why = std::string(status.func) + ": " + why;
        fail("cannot start Python" + (python.empty() ? "" : " as '" + python + "'") + ": " + why);
    }
    ++detail::interpreter_generation;
    try {
        prepend_paths(paths);
    } catch (...) {
        detail::cache_entry::clear_all();
        Py_FinalizeEx();
        throw;
    }
    m_owns = true;
    // Let other threads take the GIL: this thread keeps none between calls.
    m_main_thread_state = PyEval_SaveThread();
}

interpreter::~interpreter() {
    if (!m_owns)
        return;
    PyEval_RestoreThread(static_cast<PyThreadState *>(m_main_thread_state));
    // References cached by wrappers must go before the objects they point to do.
    detail::cache_entry::clear_all();
    Py_FinalizeEx();
}

} // namespace pyhpp

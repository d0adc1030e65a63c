// Python exception -> pyhpp exception: the one place where Python errors cross into C++.
#include <pyhpp/detail/codec_callable.hpp>
#include <pyhpp/detail/errors.hpp>

#include <utility>
#include <vector>

namespace pyhpp {

namespace {
std::shared_ptr<const detail::error_state> make_state(std::string type_name, std::string message) {
    auto state = std::make_shared<detail::error_state>();
    state->what = message.empty() ? type_name : type_name + ": " + message;
    state->type_name = std::move(type_name);
    state->message = std::move(message);
    return state;
}
} // namespace

error::error(std::string type_name, std::string message)
    : m_state(make_state(std::move(type_name), std::move(message))) {}

namespace detail {
namespace {

struct registered {
    PyObject *type; // a built-in exception class: a static of libpython, stable across restarts
    error_class cls;
};

/// The built-in classes mapped to C++ (generated classes register by name, below).
/// PRECONDITION: The GIL must be held.
std::vector<registered> &registry() {
    static std::vector<registered> table = [] {
        std::vector<registered> t;
        auto add = [&t](PyObject *type, error_class cls) { t.push_back({type, cls}); };
#define PYHPP_ROOT_EXCEPTION(python_name, cpp_class)                                               \
    add(PyExc_##python_name, error_class_of<cpp_class>());
#define PYHPP_EXCEPTION(python_name, cpp_class, cpp_base)                                          \
    PYHPP_ROOT_EXCEPTION(python_name, cpp_class)
#include <pyhpp/detail/exceptions.def>
#undef PYHPP_EXCEPTION
#undef PYHPP_ROOT_EXCEPTION
        return t;
    }();
    return table;
}

struct registered_name {
    std::string module;
    std::string qualname;
    error_class cls;
};

/// Generated exception classes, by Python name. Filled during static initialisation.
std::vector<registered_name> &named_registry() {
    static std::vector<registered_name> table;
    return table;
}

std::string attribute_text(PyObject *o, const char *name) {
    std::string out;
    if (PyObject *value = PyObject_GetAttrString(o, name)) {
        if (PyUnicode_Check(value))
            if (const char *text = PyUnicode_AsUTF8(value))
                out = text;
        Py_DECREF(value);
    }
    PyErr_Clear();
    return out;
}

/// The class registered by name for `type` itself, if any. PRECONDITION: The GIL must be held.
const error_class *named_class(PyObject *type) {
    auto &names = named_registry();
    if (names.empty() ||
        !PyType_HasFeature(reinterpret_cast<PyTypeObject *>(type), Py_TPFLAGS_HEAPTYPE))
        return nullptr;
    std::string module = attribute_text(type, "__module__");
    std::string qualname = attribute_text(type, "__qualname__");
    for (auto it = names.rbegin(); it != names.rend(); ++it)
        if (it->module == module && it->qualname == qualname)
            return &it->cls;
    return nullptr;
}

/// The registered class nearest to `type` along its MRO. PRECONDITION: The GIL must be held.
error_class class_for(PyTypeObject *type) {
    auto &table = registry();
    PyObject *mro = type->tp_mro;
    Py_ssize_t n = mro ? PyTuple_GET_SIZE(mro) : 0;
    for (Py_ssize_t i = 0; i < n; ++i) {
        PyObject *base = PyTuple_GET_ITEM(mro, i);
        if (const error_class *named = named_class(base))
            return *named;
        for (const auto &entry : table)
            if (entry.type == base)
                return entry.cls;
    }
    return error_class_of<error>();
}

std::string text_of(PyObject *o, PyObject *(*convert)(PyObject *)) {
    std::string out;
    if (PyObject *s = convert(o)) {
        Py_ssize_t size = 0;
        if (const char *data = PyUnicode_AsUTF8AndSize(s, &size))
            out.assign(data, static_cast<std::size_t>(size));
        Py_DECREF(s);
    }
    if (PyErr_Occurred()) {
        PyErr_Clear();
        out = "<unprintable " + std::string(Py_TYPE(o)->tp_name) + ">";
    }
    return out;
}

std::string qualified_type_name(PyTypeObject *type) {
    auto *t = reinterpret_cast<PyObject *>(type);
    std::string name = type->tp_name;
    if (PyObject *qualname = PyObject_GetAttrString(t, "__qualname__")) {
        if (PyUnicode_Check(qualname))
            name = PyUnicode_AsUTF8(qualname);
        Py_DECREF(qualname);
    }
    if (PyObject *module = PyObject_GetAttrString(t, "__module__")) {
        if (PyUnicode_Check(module)) {
            std::string m = PyUnicode_AsUTF8(module);
            if (m != "builtins" && m != "__main__")
                name = m + "." + name;
        }
        Py_DECREF(module);
    }
    PyErr_Clear();
    return name;
}

std::string format_traceback(PyObject *exc) {
    std::string out;
    PyObject *tb = PyException_GetTraceback(exc);
    if (!tb)
        return out;
    PyObject *module = PyImport_ImportModule("traceback");
    PyObject *lines = module ? PyObject_CallMethod(module, "format_tb", "O", tb) : nullptr;
    if (lines && PyList_Check(lines)) {
        out = "Traceback (most recent call last):\n";
        for (Py_ssize_t i = 0; i < PyList_GET_SIZE(lines); ++i)
            if (const char *line = PyUnicode_AsUTF8(PyList_GET_ITEM(lines, i)))
                out += line;
    }
    Py_XDECREF(lines);
    Py_XDECREF(module);
    Py_DECREF(tb);
    PyErr_Clear();
    return out;
}

std::shared_ptr<const error> make_error_at_depth(PyObject *exc, int depth);

std::shared_ptr<error_state> build_state(PyObject *exc, int depth, const std::string *context) {
    auto state = std::make_shared<error_state>();
    state->type_name = qualified_type_name(Py_TYPE(exc));
    state->message = text_of(exc, PyObject_Str);
    if (context)
        state->message = *context + ": " + state->message;
    state->what =
        state->message.empty() ? state->type_name : state->type_name + ": " + state->message;
    state->traceback = format_traceback(exc);
    if (!state->traceback.empty())
        state->traceback += state->what + "\n";
    state->value = object::borrow(exc);
    // Chained exceptions, as Python prints them: __cause__, else __context__ unless suppressed.
    PyObject *cause = PyException_GetCause(exc);
    if (!cause) {
        PyObject *suppress = PyObject_GetAttrString(exc, "__suppress_context__");
        bool suppressed = suppress && PyObject_IsTrue(suppress) == 1;
        Py_XDECREF(suppress);
        PyErr_Clear();
        if (!suppressed)
            cause = PyException_GetContext(exc);
    }
    if (cause && depth < 16)
        state->cause = make_error_at_depth(cause, depth + 1);
    Py_XDECREF(cause);
    return state;
}

std::shared_ptr<const error> make_error_at_depth(PyObject *exc, int depth) {
    return class_for(Py_TYPE(exc)).make(build_state(exc, depth, nullptr));
}

[[noreturn]] void throw_fetched(const std::string *context) {
    PyObject *exc = fetch_exception();
    if (!exc)
        throw error("SystemError", "a Python call failed without setting an exception");
    // A C++ exception that left a C++ callback and crossed Python frames: the original again.
    if (std::exception_ptr original = cpp_exception_of(exc)) {
        Py_DECREF(exc);
        std::rethrow_exception(original);
    }
    std::shared_ptr<error_state> state;
    error_class cls{};
    try {
        state = build_state(exc, 0, context);
        cls = class_for(Py_TYPE(exc));
    } catch (...) {
        Py_DECREF(exc);
        throw;
    }
    Py_DECREF(exc);
    cls.raise(std::move(state));
    std::terminate(); // unreachable: raise always throws
}

} // namespace

/// Takes the pending exception (normalised, with its traceback) as a new reference.
PyObject *fetch_exception() noexcept {
#if PY_VERSION_HEX >= 0x030C0000
    return PyErr_GetRaisedException();
#else
    PyObject *type = nullptr, *value = nullptr, *tb = nullptr;
    PyErr_Fetch(&type, &value, &tb);
    PyErr_NormalizeException(&type, &value, &tb);
    if (value && tb)
        PyException_SetTraceback(value, tb);
    Py_XDECREF(type);
    Py_XDECREF(tb);
    return value;
#endif
}

bool register_error_name(const char *module, const char *qualname, error_class cls) noexcept {
    try {
        named_registry().push_back({module, qualname, cls});
        return true;
    } catch (...) {
        return false;
    }
}

std::shared_ptr<const error> make_error(PyObject *exception) {
    return make_error_at_depth(exception, 0);
}

void throw_python_error() { throw_fetched(nullptr); }

void throw_python_error(const std::string &context) { throw_fetched(&context); }

void throw_not_running(const char *what) {
    throw interpreter_error("pyhpp.InterpreterError",
                            std::string("no Python interpreter is running: create a "
                                        "pyhpp::interpreter before calling ") +
                                what);
}

} // namespace detail
} // namespace pyhpp

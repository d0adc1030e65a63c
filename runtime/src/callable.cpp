// The compiled part of callables and iterators: the Python object behind a C++ callable, the
// pyhpp.CppException class that carries C++ exceptions through Python, and the GIL-taking step
// of iterator_range.
#include <pyhpp/detail/call.hpp>
#include <pyhpp/detail/codec_callable.hpp>
#include <pyhpp/detail/codec_iterator.hpp>

#include <cstdlib>
#include <cstring>
#include <new>
#include <string>

#if defined(__GNUG__)
#include <cxxabi.h>
#endif

namespace pyhpp::detail {

std::string cpp_type_name(const std::type_info &type) {
#if defined(__GNUG__)
    int status = 0;
    char *name = abi::__cxa_demangle(type.name(), nullptr, nullptr, &status);
    if (status == 0 && name) {
        std::string out(name);
        std::free(name);
        return out;
    }
    std::free(name);
#endif
    return type.name();
}

namespace {

// ---------------------------------------------------------------------------------------------
// pyhpp.CppException
// ---------------------------------------------------------------------------------------------

constexpr const char *exception_capsule = "pyhpp.exception_ptr";
constexpr const char *exception_attribute = "_pyhpp_exception";

/// The class pyhpp.CppException, created once per interpreter.
class exception_class : public cache_entry {
  public:
    /// A borrowed reference, or null with a Python error set. PRECONDITION: The GIL must be held.
    PyObject *get() noexcept {
        if (PYHPP_LIKELY(fresh()))
            return m_value;
        PyObject *cls = PyErr_NewExceptionWithDoc(
            "pyhpp.CppException",
            "A C++ exception raised by a C++ callable that Python called. str() is the C++ "
            "what(); when it propagates back to C++, the original C++ exception is rethrown.",
            PyExc_RuntimeError, nullptr);
        if (cls)
            store(cls);
        return cls;
    }
    /// The class if this interpreter has made it, else null. PRECONDITION: The GIL must be held.
    PyObject *peek() const noexcept { return fresh() ? m_value : nullptr; }
};

exception_class cpp_exception_class;

void destroy_exception_ptr(PyObject *capsule) {
    delete static_cast<std::exception_ptr *>(PyCapsule_GetPointer(capsule, exception_capsule));
}

/// Sets `value` (a Python exception object) as the pending exception, with its traceback.
void restore_exception(PyObject *value) noexcept {
    Py_INCREF(value);
#if PY_VERSION_HEX >= 0x030C0000
    PyErr_SetRaisedException(value);
#else
    auto *type = reinterpret_cast<PyObject *>(Py_TYPE(value));
    Py_INCREF(type);
    PyErr_Restore(type, value, PyException_GetTraceback(value));
#endif
}

/// The pending exception, put aside while a message is built, and put back.
class saved_exception {
  public:
    saved_exception() noexcept {
#if PY_VERSION_HEX >= 0x030C0000
        m_value = PyErr_GetRaisedException();
#else
        PyErr_Fetch(&m_type, &m_value, &m_traceback);
#endif
    }
    ~saved_exception() {
#if PY_VERSION_HEX >= 0x030C0000
        if (m_value)
            PyErr_SetRaisedException(m_value);
#else
        if (m_type)
            PyErr_Restore(m_type, m_value, m_traceback);
#endif
    }
    saved_exception(const saved_exception &) = delete;
    saved_exception &operator=(const saved_exception &) = delete;

  private:
#if PY_VERSION_HEX < 0x030C0000
    PyObject *m_type = nullptr;
    PyObject *m_traceback = nullptr;
#endif
    PyObject *m_value = nullptr;
};

// ---------------------------------------------------------------------------------------------
// The Python callable behind a C++ callable: a builtin function whose self is a capsule that
// owns the cpp_callable. No type object of our own, so nothing to re-create per interpreter.
// ---------------------------------------------------------------------------------------------

constexpr const char *callable_capsule = "pyhpp.cpp_callable";

PyObject *call_cpp(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    auto *callable = static_cast<cpp_callable *>(PyCapsule_GetPointer(self, callable_capsule));
    if (!callable)
        return nullptr;
    // Python holds the GIL here: wrappers called by the C++ code need not take it again.
    ++gil_depth;
    PyObject *result = callable->call(args, nargs);
    --gil_depth;
    return result;
}

void destroy_callable(PyObject *capsule) {
    delete static_cast<cpp_callable *>(PyCapsule_GetPointer(capsule, callable_capsule));
}

// Static: a builtin function keeps a pointer to its PyMethodDef for its whole life.
PyMethodDef cpp_function_def = {
    "cpp_function",
    // METH_FASTCALL functions are stored as PyCFunction; the detour through void(*)() says the
    // cast is deliberate (-Wcast-function-type).
    reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(&call_cpp)),
    METH_FASTCALL,
    "A C++ callable passed to Python by pyhpp.",
};

/// How a Python callable is named in messages: its __qualname__, else its type's name.
std::string callable_name(PyObject *callable) {
    saved_exception saved;
    std::string name;
    if (PyObject *qualname = PyObject_GetAttrString(callable, "__qualname__")) {
        if (PyUnicode_Check(qualname))
            if (const char *text = PyUnicode_AsUTF8(qualname))
                name = text;
        Py_DECREF(qualname);
    }
    PyErr_Clear();
    if (name.empty())
        name = Py_TYPE(callable)->tp_name;
    return "Python callable '" + name + "'";
}

std::string ordinal_text(std::size_t index) { return "argument " + std::to_string(index + 1); }

} // namespace

// ---------------------------------------------------------------------------------------------
// C++ exceptions through Python frames.
// ---------------------------------------------------------------------------------------------

PyObject *raise_current_exception() noexcept {
    std::exception_ptr current = std::current_exception();
    // Points into the exception object, which `current` keeps alive.
    const char *what = "unknown C++ exception";
    try {
        if (current)
            std::rethrow_exception(current);
    } catch (const error &e) {
        if (PyObject *value = e.value().ptr()) {
            // It came from Python: Python code sees its real class again.
            restore_exception(value);
            return nullptr;
        }
        what = e.what();
    } catch (const std::exception &e) {
        what = e.what();
    } catch (...) {
    }
    PyObject *cls = cpp_exception_class.get();
    if (!cls)
        return nullptr;
    PyObject *text =
        PyUnicode_DecodeUTF8(what, static_cast<Py_ssize_t>(std::strlen(what)), "replace");
    PyObject *exception = text ? PyObject_CallFunctionObjArgs(cls, text, nullptr) : nullptr;
    Py_XDECREF(text);
    if (!exception)
        return nullptr;
    auto *holder = new (std::nothrow) std::exception_ptr(current);
    PyObject *capsule = holder ? PyCapsule_New(holder, exception_capsule, &destroy_exception_ptr)
                               : PyErr_NoMemory();
    if (!capsule) {
        delete holder;
        Py_DECREF(exception);
        return nullptr;
    }
    int rc = PyObject_SetAttrString(exception, exception_attribute, capsule);
    Py_DECREF(capsule);
    if (rc == 0)
        PyErr_SetObject(cls, exception);
    Py_DECREF(exception);
    return nullptr;
}

std::exception_ptr cpp_exception_of(PyObject *exception) noexcept {
    PyObject *cls = cpp_exception_class.peek();
    if (!cls || !PyObject_TypeCheck(exception, reinterpret_cast<PyTypeObject *>(cls)))
        return nullptr;
    std::exception_ptr out;
    PyObject *capsule = PyObject_GetAttrString(exception, exception_attribute);
    if (!capsule) {
        PyErr_Clear(); // raised by Python code itself: an ordinary RuntimeError
        return out;
    }
    if (auto *p =
            static_cast<std::exception_ptr *>(PyCapsule_GetPointer(capsule, exception_capsule)))
        out = *p;
    else
        PyErr_Clear();
    Py_DECREF(capsule);
    return out;
}

// ---------------------------------------------------------------------------------------------
// C++ callables sent to Python.
// ---------------------------------------------------------------------------------------------

PyObject *make_python_callable(cpp_callable *callable) noexcept {
    PyObject *capsule = PyCapsule_New(callable, callable_capsule, &destroy_callable);
    if (!capsule) {
        delete callable;
        return nullptr;
    }
    PyObject *function = PyCFunction_NewEx(&cpp_function_def, capsule, nullptr);
    Py_DECREF(capsule); // the function holds it (or, on failure, it is gone with `callable`)
    return function;
}

cpp_callable *cpp_callable_of(PyObject *o) noexcept {
    if (!PyCFunction_Check(o) || PyCFunction_GetFunction(o) != cpp_function_def.ml_meth)
        return nullptr;
    PyObject *self = PyCFunction_GetSelf(o); // borrowed
    if (!self || !PyCapsule_IsValid(self, callable_capsule))
        return nullptr;
    return static_cast<cpp_callable *>(PyCapsule_GetPointer(self, callable_capsule));
}

PyObject *raise_arity_error(const char *signature, std::size_t expected,
                            Py_ssize_t given) noexcept {
    PyErr_Format(PyExc_TypeError, "C++ callback %s takes %zu argument%s (%zd given)", signature,
                 expected, expected == 1 ? "" : "s", given);
    return nullptr;
}

PyObject *raise_callback_argument_error(const char *signature, std::size_t index,
                                        const char *expected, PyObject *arg,
                                        const failure &f) noexcept {
    try {
        if (f.what == failure::kind::python) {
            if (!PyErr_Occurred())
                PyErr_SetString(PyExc_SystemError, "argument conversion failed without an error");
            return nullptr;
        }
        std::string where = f.path().empty() ? "" : " (at " + f.path() + ")";
        std::string head = "C++ callback " + std::string(signature) + ": " + ordinal_text(index);
        if (f.what == failure::kind::overflow) {
            std::string message =
                head + " is " + f.actual() + where + ", which does not fit in " + f.cpp_type;
            PyErr_SetString(PyExc_OverflowError, message.c_str());
        } else if (f.what == failure::kind::value) {
            std::string message =
                head + " is " + f.actual() + where + ", which is not one of " + f.allowed();
            PyErr_SetString(PyExc_ValueError, message.c_str());
        } else {
            std::string message = head + " is " + Py_TYPE(arg)->tp_name + ", expected " + expected;
            if (!f.path().empty())
                message += ": item " + f.path() + " is " + f.actual();
            PyErr_SetString(PyExc_TypeError, message.c_str());
        }
    } catch (...) {
        PyErr_NoMemory();
    }
    return nullptr;
}

// ---------------------------------------------------------------------------------------------
// Python callables received by C++.
// ---------------------------------------------------------------------------------------------

void throw_stale_callable() {
    throw interpreter_error("pyhpp.InterpreterError",
                            "a Python callable was called after the interpreter it came from "
                            "was finalised");
}

void throw_callable_argument_error(PyObject *callable, std::size_t index) {
    if (!PyErr_Occurred())
        PyErr_SetString(PyExc_SystemError, "argument conversion failed without an error");
    throw_python_error(callable_name(callable) + ": " + ordinal_text(index));
}

void throw_callable_result_error(PyObject *result, PyObject *callable, const char *expected,
                                 const failure &f) {
    std::string function;
    try {
        function = callable_name(callable);
    } catch (...) {
        Py_DECREF(result);
        throw;
    }
    throw_result_error(result, function.c_str(), expected, f);
}

// ---------------------------------------------------------------------------------------------
// Iterators.
// ---------------------------------------------------------------------------------------------

bool iterate(_object *iterator, std::uint64_t generation,
             bool (*next)(_object *iterator, void *context), void *context) {
    if (PYHPP_UNLIKELY(generation != interpreter_generation))
        throw interpreter_error("pyhpp.InterpreterError",
                                "a pyhpp::iterator_range was used after the interpreter it came "
                                "from was finalised");
    gil_scope gil("pyhpp::iterator_range");
    return next(iterator, context);
}

void throw_item_error(PyObject *item, PyObject *iterator, const char *expected, const failure &f) {
    std::string function;
    try {
        function = std::string("next() on a Python ") + Py_TYPE(iterator)->tp_name;
    } catch (...) {
        Py_DECREF(item);
        throw;
    }
    throw_result_error(item, function.c_str(), expected, f);
}

} // namespace pyhpp::detail

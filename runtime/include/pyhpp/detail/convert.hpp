// Shared pieces of the codecs: how a conversion from Python reports failure, and the boundary
// where a failed result conversion becomes one pyhpp exception.
#pragma once

#include <pyhpp/detail/errors.hpp>
#include <pyhpp/detail/python.hpp>

#include <memory>
#include <string>

namespace pyhpp::detail {

/// Why a Python value could not be converted. Codecs fill it and return false; they never throw
/// in the middle of a conversion.
struct failure {
    enum class kind { none, type, overflow, python } what = kind::none;
    const char *cpp_type = nullptr; // for overflow: the C++ type that could not hold it

    bool type_mismatch(PyObject *value) {
        what = kind::type;
        text().actual = Py_TYPE(value)->tp_name;
        return false;
    }
    bool overflow(PyObject *value, const char *cpp) {
        what = kind::overflow;
        cpp_type = cpp;
        if (PyObject *r = PyObject_Repr(value)) {
            if (const char *utf8 = PyUnicode_AsUTF8(r))
                text().actual = utf8;
            Py_DECREF(r);
        }
        PyErr_Clear();
        return false;
    }
    /// A Python exception is pending (e.g. a str with lone surrogates).
    bool python_error() noexcept {
        what = kind::python;
        return false;
    }
    bool at(const std::string &where) {
        text().path.insert(0, where);
        return false;
    }
    /// The offending value's type name (or repr, for overflow).
    const std::string &actual() const noexcept { return m_text ? m_text->actual : empty(); }
    /// Where in a container, e.g. "[2]['key']"; built inside out.
    const std::string &path() const noexcept { return m_text ? m_text->path : empty(); }

  private:
    struct texts {
        std::string actual;
        std::string path;
    };
    texts &text() {
        if (!m_text)
            m_text.reset(new texts);
        return *m_text;
    }
    static const std::string &empty() noexcept {
        static const std::string none;
        return none;
    }
    // Allocated on the first failure only: a successful conversion sets up and tears down a
    // failure with one store and one test.
    std::unique_ptr<texts> m_text;
};

/// Throws for a result that does not match its annotation: pyhpp::type_error naming the
/// function, the expected type and the actual type (overflow_error for an int that does not
/// fit). Releases `result`. PRECONDITION: The GIL must be held.
[[noreturn]] PYHPP_NOINLINE void throw_result_error(PyObject *result, const char *function,
                                                    const char *expected, const failure &f);

/// Converts and releases a call's result. PRECONDITION: The GIL must be held.
template <class Codec>
PYHPP_ALWAYS_INLINE typename Codec::type take_result(PyObject *result, const char *function,
                                                     const char *expected) {
    typename Codec::type out{};
    failure f;
    if (PYHPP_UNLIKELY(!Codec::from_python(result, out, f)))
        throw_result_error(result, function, expected, f);
    Py_DECREF(result);
    return out;
}

/// The result of a function annotated `-> None`. PRECONDITION: The GIL must be held.
inline void take_none_result(PyObject *result, const char *function) {
    if (PYHPP_UNLIKELY(result != Py_None)) {
        failure f;
        f.type_mismatch(result);
        throw_result_error(result, function, "None", f);
    }
    Py_DECREF(result);
}

} // namespace pyhpp::detail

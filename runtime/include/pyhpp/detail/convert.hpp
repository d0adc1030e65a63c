// Shared pieces of the codecs: how a conversion from Python reports failure, and the boundary
// where a failed result conversion becomes one pyhpp exception.
#pragma once

#include <pyhpp/detail/blank.hpp>
#include <pyhpp/detail/errors.hpp>
#include <pyhpp/detail/python.hpp>

#include <memory>
#include <string>

namespace pyhpp::detail {

/// Why a Python value could not be converted. Codecs fill it and return false; they never throw
/// in the middle of a conversion.
struct failure {
    enum class kind { none, type, overflow, value, python } what = kind::none;
    const char *cpp_type = nullptr; // for overflow: the C++ type that could not hold it

    bool type_mismatch(PyObject *value) {
        what = kind::type;
        text().actual = Py_TYPE(value)->tp_name;
        return false;
    }
    bool overflow(PyObject *value, const char *cpp) {
        what = kind::overflow;
        cpp_type = cpp;
        set_repr(value);
        return false;
    }
    /// The right type, but not one of the values allowed (a Literal's, say); `allowed` is a
    /// static string such as "Literal['r', 'g']".
    /// A mapping without a required key (a TypedDict).
    bool missing_key(PyObject *value, const char *key) {
        type_mismatch(value);
        text().actual = "missing";
        return at(std::string("['") + key + "']");
    }
    bool value_mismatch(PyObject *value, const char *allowed) {
        what = kind::value;
        text().allowed = allowed;
        set_repr(value);
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
    /// The offending value's type name (or repr, for overflow and value).
    const std::string &actual() const noexcept { return m_text ? m_text->actual : empty(); }
    /// Where in a container, e.g. "[2]['key']"; built inside out.
    const std::string &path() const noexcept { return m_text ? m_text->path : empty(); }
    /// For value: the allowed values.
    const char *allowed() const noexcept {
        return m_text && m_text->allowed ? m_text->allowed : "";
    }

  private:
    struct texts {
        std::string actual;
        std::string path;
        const char *allowed = nullptr;
    };
    texts &text() {
        if (!m_text)
            m_text = std::make_unique<texts>();
        return *m_text;
    }
    void set_repr(PyObject *value) {
        if (PyObject *r = PyObject_Repr(value)) {
            if (const char *utf8 = PyUnicode_AsUTF8(r))
                text().actual = utf8;
            Py_DECREF(r);
        }
        PyErr_Clear();
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
/// fit, value_error for a value outside a Literal or enum). Releases `result`. PRECONDITION: The
/// GIL must be held.
[[noreturn]] PYHPP_NOINLINE void throw_result_error(PyObject *result, const char *function,
                                                    const char *expected, const failure &f);

/// Converts and releases a call's result. PRECONDITION: The GIL must be held.
template <class Codec>
PYHPP_ALWAYS_INLINE typename Codec::type take_result(PyObject *result, const char *function,
                                                     const char *expected) {
    auto out = blank<typename Codec::type>();
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

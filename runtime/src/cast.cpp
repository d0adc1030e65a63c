// The compiled primitives of pyhpp::to_object and object::cast<T>: scalars through the codecs,
// container items, container construction, the GIL hold and the one error boundary.
#include <pyhpp/cast.hpp>
#include <pyhpp/detail/call.hpp>
#include <pyhpp/detail/cast_hooks.hpp>
#include <pyhpp/detail/codecs.hpp>
#include <pyhpp/detail/errors.hpp>

#include <limits>

namespace pyhpp::detail {

namespace {
/// The failure of the innermost hook_capture on this thread.
thread_local cast_failure *capture_sink = nullptr;

/// Copies a codec's failure. PRECONDITION: The GIL must be held.
bool report(const failure &from, cast_failure &to, const char *expected) {
    switch (from.what) {
    case failure::kind::type:
        to.what = cast_failure::kind::type;
        break;
    case failure::kind::overflow:
        to.what = cast_failure::kind::overflow;
        break;
    case failure::kind::value:
        to.what = cast_failure::kind::value;
        break;
    default:
        to.what = cast_failure::kind::python;
        break;
    }
    to.actual = from.actual();
    to.allowed = from.allowed();
    to.path = from.path();
    to.expected = expected;
    return false;
}

/// Reads `o` with codec C. PRECONDITION: The GIL must be held.
template <class C>
bool read(const object &o, typename C::type &out, cast_failure &f, const char *expected) {
    failure codec_failure;
    return C::from_python(o.ptr(), out, codec_failure) || report(codec_failure, f, expected);
}

/// A new reference from a codec, or the pending Python error thrown.
object take(PyObject *p) {
    if (!p)
        throw_python_error();
    return object::steal(p);
}
} // namespace

bool cast_failure::type_mismatch(const object &value, std::string expected_type) {
    what = kind::type;
    actual = Py_TYPE(value.ptr())->tp_name;
    expected = std::move(expected_type);
    return false;
}

cast_gil::cast_gil(const char *what) {
    if (gil_depth != 0)
        return;
    if (!Py_IsInitialized())
        throw_not_running(what);
    m_state = static_cast<int>(PyGILState_Ensure());
    m_taken = true;
    // Nested conversions and the handles they copy then skip their own acquire.
    ++gil_depth;
}

cast_gil::~cast_gil() {
    if (m_taken) {
        --gil_depth;
        PyGILState_Release(static_cast<PyGILState_STATE>(m_state));
    }
}

void throw_cast_failure(const cast_failure &f) {
    std::string head = f.context.empty() ? "" : f.context + ": ";
    std::string where = f.path.empty() ? "" : " (at " + f.path + ")";
    switch (f.what) {
    case cast_failure::kind::python:
        if (!PyErr_Occurred())
            PyErr_SetString(PyExc_SystemError, "a conversion failed without an error");
        throw_python_error(head + "pyhpp::object::cast to " + f.expected + where);
    case cast_failure::kind::overflow:
        throw overflow_error("OverflowError", head + "cannot cast " + f.actual + " to " +
                                                  f.expected + where + ": it does not fit");
    case cast_failure::kind::value:
        throw value_error("ValueError", head + "cannot cast " + f.actual + " to " + f.expected +
                                            where + ": it is not one of " + f.allowed);
    default:
        throw type_error("TypeError",
                         head + "cannot cast " + f.actual + " to " + f.expected + where);
    }
}

void throw_null_handle(const std::string &message) { throw value_error("ValueError", message); }

void clear_python_error() noexcept { PyErr_Clear(); }

std::string repr_or_unknown(const object &o) noexcept {
    try {
        std::string out = "?";
        if (PyObject *r = PyObject_Repr(o.ptr())) {
            if (const char *utf8 = PyUnicode_AsUTF8(r))
                out = utf8;
            Py_DECREF(r);
        }
        PyErr_Clear();
        return out;
    } catch (...) {
        PyErr_Clear();
        return "?";
    }
}

// --- leaves -----------------------------------------------------------------------------------

bool leaf_from(const object &o, bool &out, cast_failure &f) {
    return read<codec::bool_>(o, out, f, "bool");
}
bool leaf_from(const object &o, std::int64_t &out, cast_failure &f) {
    return read<codec::int_>(o, out, f, "std::int64_t");
}
bool leaf_from(const object &o, int &out, cast_failure &f) {
    std::int64_t wide = 0;
    if (!read<codec::int_>(o, wide, f, "int"))
        return false;
    if (wide < std::numeric_limits<int>::min() || wide > std::numeric_limits<int>::max()) {
        f.what = cast_failure::kind::overflow;
        f.actual = std::to_string(wide);
        f.expected = "int";
        return false;
    }
    out = static_cast<int>(wide);
    return true;
}
bool leaf_from(const object &o, double &out, cast_failure &f) {
    return read<codec::float_>(o, out, f, "double");
}
bool leaf_from(const object &o, std::string &out, cast_failure &f) {
    return read<codec::str_>(o, out, f, "std::string");
}
bool leaf_from(const object &o, bytes &out, cast_failure &f) {
    return read<codec::bytes_>(o, out, f, "pyhpp::bytes");
}
bool leaf_from(const object &o, std::complex<double> &out, cast_failure &f) {
    return read<codec::complex>(o, out, f, "std::complex<double>");
}
bool leaf_from(const object &o, datetime &out, cast_failure &f) {
    return read<codec::datetime>(o, out, f, "pyhpp::datetime");
}
bool leaf_from(const object &o, date &out, cast_failure &f) {
    return read<codec::date>(o, out, f, "pyhpp::date");
}
bool leaf_from(const object &o, std::chrono::microseconds &out, cast_failure &f) {
    // pyhpp::timedelta and pyhpp::time_of_day are one C++ type: a time is read as well.
    if (codec::time::exact(o.ptr()))
        return read<codec::time>(o, out, f, "std::chrono::microseconds");
    return read<codec::timedelta>(o, out, f, "std::chrono::microseconds");
}
bool leaf_from(const object &o, std::filesystem::path &out, cast_failure &f) {
    return read<codec::path>(o, out, f, "std::filesystem::path");
}

bool leaf_exact(const object &o, type_tag<bool>) noexcept { return codec::bool_::exact(o.ptr()); }
bool leaf_exact(const object &o, type_tag<std::int64_t>) noexcept {
    return codec::int_::exact(o.ptr());
}
bool leaf_exact(const object &o, type_tag<int>) noexcept { return codec::int_::exact(o.ptr()); }
bool leaf_exact(const object &o, type_tag<double>) noexcept {
    return codec::float_::exact(o.ptr());
}
bool leaf_exact(const object &o, type_tag<std::string>) noexcept {
    return codec::str_::exact(o.ptr());
}
bool leaf_exact(const object &o, type_tag<bytes>) noexcept { return codec::bytes_::exact(o.ptr()); }
bool leaf_exact(const object &o, type_tag<std::complex<double>>) noexcept {
    return codec::complex::exact(o.ptr());
}
bool leaf_exact(const object &o, type_tag<datetime>) noexcept {
    return codec::datetime::exact(o.ptr());
}
bool leaf_exact(const object &o, type_tag<date>) noexcept { return codec::date::exact(o.ptr()); }
bool leaf_exact(const object &o, type_tag<std::chrono::microseconds>) noexcept {
    return codec::timedelta::exact(o.ptr());
}
bool leaf_exact(const object &o, type_tag<std::filesystem::path>) noexcept {
    return codec::path::exact(o.ptr());
}

object leaf_to(bool value) { return take(codec::bool_::to_python(value)); }
object leaf_to(std::int64_t value) { return take(codec::int_::to_python(value)); }
object leaf_to(int value) { return take(codec::int_::to_python(value)); }
object leaf_to(double value) { return take(codec::float_::to_python(value)); }
object leaf_to(const std::string &value) { return take(codec::str_::to_python(value)); }
object leaf_to(const bytes &value) { return take(codec::bytes_::to_python(value)); }
object leaf_to(std::complex<double> value) { return take(codec::complex::to_python(value)); }
object leaf_to(datetime value) { return take(codec::datetime::to_python(value)); }
object leaf_to(date value) { return take(codec::date::to_python(value)); }
object leaf_to(std::chrono::microseconds value) { return take(codec::timedelta::to_python(value)); }
object leaf_to(const std::filesystem::path &value) { return take(codec::path::to_python(value)); }

// --- containers -------------------------------------------------------------------------------

bool is_kind(const object &o, py_kind kind) noexcept {
    PyObject *p = o.ptr();
    switch (kind) {
    case py_kind::list:
        return PyList_Check(p);
    case py_kind::tuple:
        return PyTuple_Check(p);
    case py_kind::dict:
        return PyDict_Check(p);
    case py_kind::set:
        return PySet_Check(p);
    case py_kind::frozenset:
        return PyFrozenSet_Check(p);
    case py_kind::any_set:
        return PyAnySet_Check(p);
    case py_kind::callable:
        return PyCallable_Check(p) != 0;
    case py_kind::type:
        return PyType_Check(p);
    }
    return false;
}

bool is_exactly(const object &o, py_kind kind) noexcept {
    PyObject *p = o.ptr();
    switch (kind) {
    case py_kind::list:
        return PyList_CheckExact(p);
    case py_kind::tuple:
        return PyTuple_CheckExact(p);
    case py_kind::dict:
        return PyDict_CheckExact(p);
    case py_kind::set:
        return PySet_CheckExact(p);
    case py_kind::frozenset:
        return PyFrozenSet_CheckExact(p);
    case py_kind::any_set:
        return PyAnySet_CheckExact(p);
    case py_kind::callable:
        return PyCallable_Check(p) != 0;
    case py_kind::type:
        return PyType_CheckExact(p);
    }
    return false;
}

bool is_tuple_of(const object &o, std::size_t size) noexcept {
    return PyTuple_Check(o.ptr()) && PyTuple_GET_SIZE(o.ptr()) == static_cast<Py_ssize_t>(size);
}

void check_kind(const object &o, py_kind kind, const char *expected) {
    if (!o)
        throw value_error("ValueError", std::string("cannot cast a null handle to ") + expected);
    if (is_kind(o, kind))
        return;
    if (cast_failure *sink = hook_capture::current()) {
        sink->type_mismatch(o, expected);
        throw hook_failed{};
    }
    throw type_error("TypeError",
                     std::string("cannot cast ") + Py_TYPE(o.ptr())->tp_name + " to " + expected);
}

bool sequence_items(const object &o, std::vector<object> &out, cast_failure &f,
                    const std::string &expected) {
    PyObject *p = o.ptr();
    if (PyUnicode_Check(p) || PyBytes_Check(p) || PyByteArray_Check(p) || !PySequence_Check(p))
        return f.type_mismatch(o, expected);
    object fast = object::steal(PySequence_Fast(p, "expected a sequence"));
    if (!fast) {
        f.what = cast_failure::kind::python;
        f.expected = expected;
        return false;
    }
    Py_ssize_t n = PySequence_Fast_GET_SIZE(fast.ptr());
    PyObject **items = PySequence_Fast_ITEMS(fast.ptr());
    out.clear();
    out.reserve(static_cast<std::size_t>(n));
    for (Py_ssize_t i = 0; i < n; ++i)
        out.push_back(object::borrow(items[i]));
    return true;
}

bool tuple_items(const object &o, std::size_t size, std::vector<object> &out, cast_failure &f,
                 const std::string &expected) {
    if (!is_tuple_of(o, size))
        return f.type_mismatch(o, expected);
    out.clear();
    out.reserve(size);
    for (std::size_t i = 0; i < size; ++i)
        out.push_back(object::borrow(PyTuple_GET_ITEM(o.ptr(), static_cast<Py_ssize_t>(i))));
    return true;
}

bool dict_items(const object &o, std::vector<std::pair<object, object>> &out, cast_failure &f,
                const std::string &expected) {
    PyObject *p = o.ptr();
    object copy;
    if (!PyDict_Check(p)) {
        if (!PyMapping_Check(p) || PySequence_Check(p))
            return f.type_mismatch(o, expected);
        copy = object::steal(PyDict_New());
        if (!copy || PyDict_Update(copy.ptr(), p) != 0) {
            f.what = cast_failure::kind::python;
            f.expected = expected;
            return false;
        }
        p = copy.ptr();
    }
    out.clear();
    out.reserve(static_cast<std::size_t>(PyDict_Size(p)));
    Py_ssize_t pos = 0;
    PyObject *k = nullptr;
    PyObject *v = nullptr;
    while (PyDict_Next(p, &pos, &k, &v))
        out.emplace_back(object::borrow(k), object::borrow(v));
    return true;
}

bool set_items(const object &o, std::vector<object> &out, cast_failure &f,
               const std::string &expected) {
    if (!PyAnySet_Check(o.ptr()))
        return f.type_mismatch(o, expected);
    out.clear();
    out.reserve(static_cast<std::size_t>(PySet_GET_SIZE(o.ptr())));
    object it = object::steal(PyObject_GetIter(o.ptr()));
    while (PyObject *item = it ? PyIter_Next(it.ptr()) : nullptr)
        out.push_back(object::steal(item));
    if (!it || PyErr_Occurred()) {
        f.what = cast_failure::kind::python;
        f.expected = expected;
        return false;
    }
    return true;
}

object make_list(const std::vector<object> &items) {
    return take(codec::list<codec::object_>::to_python(items));
}

object make_tuple(const std::vector<object> &items) {
    return take(codec::tuple_var<codec::object_>::to_python(items));
}

object make_dict(const std::vector<std::pair<object, object>> &items) {
    object d = take(PyDict_New());
    for (const auto &[key, value] : items)
        if (PyDict_SetItem(d.ptr(), key.ptr(), value.ptr()) != 0)
            throw_python_error();
    return d;
}

object make_set(const std::vector<object> &items, bool frozen) {
    object s = take(frozen ? PyFrozenSet_New(nullptr) : PySet_New(nullptr));
    for (const auto &item : items)
        if (PySet_Add(s.ptr(), item.ptr()) != 0) // also fills a brand-new frozenset
            throw_python_error();
    return s;
}

// --- C++ callables ------------------------------------------------------------------------------

namespace {
/// A std::function of any signature, behind make_function.
class generic_callable final : public cpp_callable {
  public:
    generic_callable(std::function<object(const std::vector<object> &)> function, std::size_t arity,
                     std::string signature)
        : m_function(std::move(function)), m_arity(arity), m_signature(std::move(signature)) {}

    PyObject *call(PyObject *const *args, Py_ssize_t nargs) noexcept override {
        try {
            if (m_arity != any_arity && nargs != static_cast<Py_ssize_t>(m_arity))
                return raise_arity_error(m_signature.c_str(), m_arity, nargs);
            std::vector<object> values;
            values.reserve(static_cast<std::size_t>(nargs));
            for (Py_ssize_t i = 0; i < nargs; ++i)
                values.push_back(object::borrow(args[i]));
            return m_function(values).release();
        } catch (const error &e) {
            // A conversion refused by pyhpp itself is raised as Python's own exception class.
            if (!e.value()) {
                PyObject *cls = nullptr;
                if (dynamic_cast<const type_error *>(&e))
                    cls = PyExc_TypeError;
                else if (dynamic_cast<const overflow_error *>(&e))
                    cls = PyExc_OverflowError;
                else if (dynamic_cast<const value_error *>(&e))
                    cls = PyExc_ValueError;
                if (cls) {
                    PyErr_SetString(cls, e.message().c_str());
                    return nullptr;
                }
            }
            return raise_current_exception();
        } catch (...) {
            return raise_current_exception();
        }
    }

  private:
    std::function<object(const std::vector<object> &)> m_function;
    std::size_t m_arity;
    std::string m_signature;
};
} // namespace

object make_function(std::function<object(const std::vector<object> &)> function, std::size_t arity,
                     const std::string &signature) {
    auto *callable = new generic_callable(std::move(function), arity, signature);
    return take(make_python_callable(callable)); // owns `callable`, even on failure
}

// --- hooks ------------------------------------------------------------------------------------

hook_capture::hook_capture(cast_failure &f) noexcept : m_previous(capture_sink) {
    capture_sink = &f;
}
hook_capture::~hook_capture() { capture_sink = m_previous; }
cast_failure *hook_capture::current() noexcept { return capture_sink; }

void throw_hook_failure(const failure &f, const char *expected) {
    cast_failure out;
    report(f, out, expected);
    if (cast_failure *sink = capture_sink) {
        *sink = std::move(out);
        throw hook_failed{};
    }
    throw_cast_failure(out);
}

} // namespace pyhpp::detail

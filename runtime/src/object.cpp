// pyhpp::object: reference counting from any thread, attribute access and calls.
#include <pyhpp/cast.hpp>
#include <pyhpp/detail/call.hpp>
#include <pyhpp/detail/codecs.hpp>
#include <pyhpp/object.hpp>

namespace pyhpp {
namespace detail {

std::uint64_t current_generation() noexcept { return interpreter_generation; }

namespace {
/// Whether this thread may touch reference counts right now without taking the GIL.
bool holds_gil() noexcept { return gil_depth != 0 || PyGILState_Check(); }
} // namespace
} // namespace detail

namespace {
/// The pointer of a handle an operation needs, or a clear error for a null handle.
_object *require(const object &o, const char *operation) {
    if (!o)
        throw value_error("ValueError",
                          std::string("pyhpp::object::") + operation + " on a null handle");
    return o.ptr();
}
} // namespace

namespace detail {
namespace {
/// Takes a new reference built under the GIL, or throws the pending Python error.
object checked(PyObject *p) {
    if (!p)
        throw_python_error();
    return object::steal(p);
}
} // namespace

void release_reference(_object *ptr, std::uint64_t generation) noexcept {
    // After finalisation (or from an earlier interpreter) the object is gone already.
    if (generation != interpreter_generation || !Py_IsInitialized())
        return;
    if (holds_gil()) {
        Py_DECREF(ptr);
        return;
    }
    PyGILState_STATE state = PyGILState_Ensure();
    Py_DECREF(ptr);
    PyGILState_Release(state);
}

void add_reference(_object *ptr, std::uint64_t generation) noexcept {
    if (generation != interpreter_generation || !Py_IsInitialized())
        return;
    if (holds_gil()) {
        Py_INCREF(ptr);
        return;
    }
    PyGILState_STATE state = PyGILState_Ensure();
    Py_INCREF(ptr);
    PyGILState_Release(state);
}

} // namespace detail

using detail::checked;
using detail::gil_scope;

object object::borrow(_object *ptr) noexcept {
    Py_XINCREF(ptr);
    return steal(ptr);
}

object::object(bool value) {
    gil_scope gil("pyhpp::object");
    *this = checked(PyBool_FromLong(value ? 1 : 0));
}
object::object(long long value) {
    gil_scope gil("pyhpp::object");
    *this = checked(PyLong_FromLongLong(value));
}
object::object(unsigned long long value) {
    gil_scope gil("pyhpp::object");
    *this = checked(PyLong_FromUnsignedLongLong(value));
}
object::object(double value) {
    gil_scope gil("pyhpp::object");
    *this = checked(PyFloat_FromDouble(value));
}
object::object(const char *utf8) : object(std::string_view(utf8)) {}
object::object(std::string_view utf8) {
    gil_scope gil("pyhpp::object");
    *this =
        checked(PyUnicode_DecodeUTF8(utf8.data(), static_cast<Py_ssize_t>(utf8.size()), "strict"));
}
object::object(const bytes &data) {
    gil_scope gil("pyhpp::object");
    *this = checked(detail::codec::bytes_::to_python(data));
}
object::object(const std::vector<object> &items) {
    gil_scope gil("pyhpp::object");
    *this = checked(detail::codec::list<detail::codec::object_>::to_python(items));
}
object::object(const std::map<std::string, object> &items) {
    gil_scope gil("pyhpp::object");
    *this =
        checked(detail::codec::dict<detail::codec::str_, detail::codec::object_>::to_python(items));
}

bool object::is_none() const { return m_ptr == Py_None; }

std::string object::type_name() const {
    gil_scope gil("pyhpp::object::type_name");
    if (!m_ptr)
        return "<null>";
    object t = borrow(reinterpret_cast<PyObject *>(Py_TYPE(m_ptr)));
    auto name = t.attr("__qualname__").cast<std::string>();
    auto module = t.attr("__module__").cast<std::string>();
    return module == "builtins" ? name : module + "." + name;
}

std::string object::repr() const {
    gil_scope gil("pyhpp::object::repr");
    return checked(PyObject_Repr(require(*this, "repr"))).cast<std::string>();
}

std::string object::str() const {
    gil_scope gil("pyhpp::object::str");
    return checked(PyObject_Str(require(*this, "str"))).cast<std::string>();
}

object object::attr(std::string_view name) const {
    gil_scope gil("pyhpp::object::attr");
    object key(name);
    return checked(PyObject_GetAttr(require(*this, "attr"), key.ptr()));
}

bool object::has_attr(std::string_view name) const {
    gil_scope gil("pyhpp::object::has_attr");
    object key(name);
    PyObject *value = PyObject_GetAttr(require(*this, "has_attr"), key.ptr());
    if (value) {
        Py_DECREF(value);
        return true;
    }
    if (PyErr_ExceptionMatches(PyExc_AttributeError)) {
        PyErr_Clear();
        return false;
    }
    detail::throw_python_error();
}

void object::set_attr(std::string_view name, const object &value) const {
    gil_scope gil("pyhpp::object::set_attr");
    object key(name);
    if (PyObject_SetAttr(require(*this, "set_attr"), key.ptr(),
                         value.ptr() ? value.ptr() : Py_None) != 0)
        detail::throw_python_error();
}

object object::item(const object &key) const {
    gil_scope gil("pyhpp::object::item");
    return checked(PyObject_GetItem(require(*this, "item"), key.ptr() ? key.ptr() : Py_None));
}

object object::call(const std::vector<object> &args,
                    const std::map<std::string, object> &kwargs) const {
    gil_scope gil("pyhpp::object::call");
    object tuple = checked(detail::codec::tuple_var<detail::codec::object_>::to_python(args));
    object dict;
    if (!kwargs.empty())
        dict = object(kwargs);
    return checked(PyObject_Call(require(*this, "call"), tuple.ptr(), dict.ptr()));
}

type_object::type_object(const object &value) : object(value) {
    gil_scope gil("pyhpp::type_object");
    pyhpp_check(*this);
}

type_object type_object::of(const object &instance) {
    if (!instance)
        throw value_error("ValueError", "pyhpp::type_object::of: a null handle has no type");
    gil_scope gil("pyhpp::type_object::of");
    return {detail::unchecked, borrow(reinterpret_cast<PyObject *>(Py_TYPE(instance.ptr())))};
}

bool type_object::is_subclass_of(const type_object &base) const {
    gil_scope gil("pyhpp::type_object::is_subclass_of");
    if (!ptr() || !base.ptr())
        throw value_error("ValueError", "pyhpp::type_object::is_subclass_of: a null handle");
    int found = PyObject_IsSubclass(ptr(), base.ptr());
    if (found < 0)
        detail::throw_python_error();
    return found != 0;
}

std::string type_object::name() const {
    gil_scope gil("pyhpp::type_object::name");
    if (!ptr())
        return "<null>";
    auto name = attr("__qualname__").cast<std::string>();
    auto module = attr("__module__").cast<std::string>();
    return module == "builtins" ? name : module + "." + name;
}

void type_object::pyhpp_check(const object &value) {
    detail::check_kind(value, detail::py_kind::type, "pyhpp::type_object");
}

bool type_object::pyhpp_exact(const object &value) noexcept {
    return value.ptr() && PyType_Check(value.ptr());
}

object none() {
    gil_scope gil("pyhpp::none");
    return object::borrow(Py_None);
}

object import(std::string_view name) {
    gil_scope gil("pyhpp::import");
    object text(name);
    return checked(PyImport_Import(text.ptr()));
}

} // namespace pyhpp

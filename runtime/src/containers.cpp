// The compiled primitives of pyhpp::list, pyhpp::dict and pyhpp::set.
#include <pyhpp/containers.hpp>
#include <pyhpp/detail/errors.hpp>
#include <pyhpp/detail/python.hpp>

namespace pyhpp::detail {

namespace {
/// A new reference, or the pending Python error thrown.
object take(PyObject *p) {
    if (!p)
        throw_python_error();
    return object::steal(p);
}
void check(int rc) {
    if (rc != 0)
        throw_python_error();
}
} // namespace

object new_container(py_kind kind) {
    switch (kind) {
    case py_kind::list:
        return take(PyList_New(0));
    case py_kind::dict:
        return take(PyDict_New());
    default:
        return take(PySet_New(nullptr));
    }
}

std::size_t container_size(const object &o) {
    Py_ssize_t n = PyObject_Size(o.ptr());
    if (n < 0)
        throw_python_error();
    return static_cast<std::size_t>(n);
}

bool container_contains(const object &o, const object &item) {
    int rc = PySequence_Contains(o.ptr(), item.ptr());
    if (rc < 0)
        throw_python_error();
    return rc == 1;
}

std::shared_ptr<const std::vector<object>> container_snapshot(const object &o, py_kind kind) {
    auto items = std::make_shared<std::vector<object>>();
    PyObject *p = o.ptr();
    if (kind == py_kind::list) {
        Py_ssize_t n = PyList_GET_SIZE(p);
        items->reserve(static_cast<std::size_t>(n));
        for (Py_ssize_t i = 0; i < n; ++i)
            items->push_back(object::borrow(PyList_GET_ITEM(p, i)));
    } else if (kind == py_kind::dict) {
        items->reserve(2 * static_cast<std::size_t>(PyDict_Size(p)));
        Py_ssize_t pos = 0;
        PyObject *k = nullptr;
        PyObject *v = nullptr;
        while (PyDict_Next(p, &pos, &k, &v)) {
            items->push_back(object::borrow(k));
            items->push_back(object::borrow(v));
        }
    } else {
        cast_failure f;
        if (!set_items(o, *items, f, "pyhpp::set"))
            throw_cast_failure(f);
    }
    return items;
}

object list_get(const object &o, std::ptrdiff_t index) {
    // PySequence_GetItem counts a negative index from the end, as Python does.
    return take(PySequence_GetItem(o.ptr(), static_cast<Py_ssize_t>(index)));
}

void list_set(const object &o, std::ptrdiff_t index, const object &value) {
    check(PySequence_SetItem(o.ptr(), static_cast<Py_ssize_t>(index), value.ptr()));
}

void list_append(const object &o, const object &value) {
    check(PyList_Append(o.ptr(), value.ptr()));
}

void list_insert(const object &o, std::ptrdiff_t index, const object &value) {
    check(PyList_Insert(o.ptr(), static_cast<Py_ssize_t>(index), value.ptr()));
}

object list_pop(const object &o, const std::ptrdiff_t *index) {
    object name = take(PyUnicode_InternFromString("pop"));
    if (!index)
        return take(PyObject_CallMethodObjArgs(o.ptr(), name.ptr(), nullptr));
    object i = take(PyLong_FromSsize_t(static_cast<Py_ssize_t>(*index)));
    return take(PyObject_CallMethodObjArgs(o.ptr(), name.ptr(), i.ptr(), nullptr));
}

void container_clear(const object &o) {
    PyObject *p = o.ptr();
    if (PyList_Check(p))
        check(PyList_SetSlice(p, 0, PyList_GET_SIZE(p), nullptr));
    else if (PyDict_Check(p))
        PyDict_Clear(p);
    else
        check(PySet_Clear(p));
}

object dict_get(const object &o, const object &key) {
    PyObject *value = PyDict_GetItemWithError(o.ptr(), key.ptr()); // borrowed
    if (!value && PyErr_Occurred())
        throw_python_error();
    return object::borrow(value);
}

object dict_at(const object &o, const object &key) {
    object value = dict_get(o, key);
    if (!value) {
        // As Python raises it: KeyError(key), whose str() is the key's repr.
        PyErr_SetObject(PyExc_KeyError, key.ptr());
        throw_python_error();
    }
    return value;
}

void dict_set(const object &o, const object &key, const object &value) {
    check(PyDict_SetItem(o.ptr(), key.ptr(), value.ptr()));
}

bool dict_erase(const object &o, const object &key) {
    if (PyDict_DelItem(o.ptr(), key.ptr()) == 0)
        return true;
    if (!PyErr_ExceptionMatches(PyExc_KeyError))
        throw_python_error();
    PyErr_Clear();
    return false;
}

void set_add(const object &o, const object &item) { check(PySet_Add(o.ptr(), item.ptr())); }

void set_discard(const object &o, const object &item) {
    if (PySet_Discard(o.ptr(), item.ptr()) < 0)
        throw_python_error();
}

} // namespace pyhpp::detail

// Per-interpreter caches of modules, attributes and keyword-name tuples.
#include <pyhpp/detail/cache.hpp>
#include <pyhpp/detail/errors.hpp>

#include <cstring>
#include <string>

namespace pyhpp::detail {

std::uint64_t interpreter_generation = 1;

namespace {
// Filled entries, so they can be released before the interpreter finalises. Changed only with
// the GIL held.
cache_entry *filled_head = nullptr;
} // namespace

void cache_entry::store(PyObject *value) noexcept {
    Py_XDECREF(m_value);
    m_value = value;
    m_generation = interpreter_generation;
    if (!m_linked) {
        m_next = filled_head;
        filled_head = this;
        m_linked = true;
    }
}

void cache_entry::clear_all() noexcept {
    cache_entry *entry = filled_head;
    filled_head = nullptr;
    while (entry) {
        cache_entry *next = entry->m_next;
        if (entry->m_generation == interpreter_generation)
            Py_XDECREF(entry->m_value);
        entry->m_value = nullptr;
        entry->m_generation = 0;
        entry->m_next = nullptr;
        entry->m_linked = false;
        entry = next;
    }
}

PyObject *cached_module::fill() {
    PyObject *module = PyImport_ImportModule(m_name);
    if (!module)
        throw_python_error();
    store(module);
    return module;
}

PyObject *cached_attr::fill() {
    PyObject *attr = PyObject_GetAttrString(m_parent_get(m_parent), m_name);
    if (!attr)
        throw_python_error();
    store(attr);
    return attr;
}

PyObject *cached_name::fill() {
    PyObject *name = PyUnicode_InternFromString(m_name);
    if (!name)
        throw_python_error();
    store(name);
    return name;
}

PyObject *keyword_names::tuple_for(std::uint64_t mask) {
    if (!fresh()) {
        PyObject *dict = PyDict_New();
        if (!dict)
            return nullptr;
        store(dict);
    }
    PyObject *key = PyLong_FromUnsignedLongLong(mask);
    if (!key)
        return nullptr;
    PyObject *tuple = PyDict_GetItemWithError(m_value, key);
    if (tuple) {
        Py_INCREF(tuple);
        Py_DECREF(key);
        return tuple;
    }
    if (PyErr_Occurred()) {
        Py_DECREF(key);
        return nullptr;
    }
    Py_ssize_t n = 0;
    for (std::size_t i = 0; i < m_count; ++i)
        n += static_cast<Py_ssize_t>((mask >> i) & 1U);
    tuple = PyTuple_New(n);
    Py_ssize_t at = 0;
    const char *name = m_names;
    for (std::size_t i = 0; tuple && i < m_count; ++i) {
        const char *end = std::strchr(name, ',');
        std::size_t length = end ? static_cast<std::size_t>(end - name) : std::strlen(name);
        if ((mask >> i) & 1U) {
            // Interned, so CPython matches keywords by identity, the fast path.
            PyObject *text = PyUnicode_FromStringAndSize(name, static_cast<Py_ssize_t>(length));
            if (!text) {
                Py_CLEAR(tuple);
                break;
            }
            PyUnicode_InternInPlace(&text);
            PyTuple_SET_ITEM(tuple, at++, text); // steals into the fresh tuple
        }
        name += length + 1;
    }
    if (tuple && PyDict_SetItem(m_value, key, tuple) != 0)
        Py_CLEAR(tuple);
    Py_DECREF(key);
    return tuple;
}

} // namespace pyhpp::detail

// Per-interpreter caches of imported modules and looked-up callables (filled once, under the GIL).
#pragma once

#include <pyhpp/detail/python.hpp>

#include <cstdint>

namespace pyhpp::detail {

/// Bumped each time pyhpp starts an interpreter; a cache entry filled under another generation
/// is stale. Starts at 1 so an interpreter started by someone else (attach mode) is valid too.
extern std::uint64_t interpreter_generation;

/// A cached new reference, valid for one interpreter generation. Entries are constant-
/// initialised statics; filled entries are chained so the interpreter can drop them before it
/// finalises (a reference must never be released after Py_FinalizeEx).
class cache_entry {
  public:
    constexpr cache_entry() noexcept = default;
    cache_entry(const cache_entry &) = delete;
    cache_entry &operator=(const cache_entry &) = delete;

    /// Releases every filled entry. PRECONDITION: The GIL must be held.
    static void clear_all() noexcept;

  protected:
    bool fresh() const noexcept { return m_generation == interpreter_generation; }
    /// Stores a new reference for this generation. PRECONDITION: The GIL must be held.
    void store(PyObject *value) noexcept;

    PyObject *m_value = nullptr;

  private:
    std::uint64_t m_generation = 0;
    cache_entry *m_next = nullptr;
    bool m_linked = false;
};

/// `import name`, once per interpreter.
class cached_module : public cache_entry {
  public:
    constexpr explicit cached_module(const char *name) noexcept : m_name(name) {}
    /// A borrowed reference; throws the import error. PRECONDITION: The GIL must be held.
    PyObject *get() {
        if (PYHPP_LIKELY(fresh()))
            return m_value;
        return fill();
    }

  private:
    PyObject *fill();
    const char *m_name;
};

/// `getattr(module, name)` or `getattr(cls, name)`, once per interpreter.
class cached_attr : public cache_entry {
  public:
    constexpr cached_attr(cached_module &module, const char *name) noexcept
        : m_parent(&module), m_parent_get(&get_module), m_name(name) {}
    /// An attribute of a cached attribute (a class's classmethod, say).
    constexpr cached_attr(cached_attr &owner, const char *name) noexcept
        : m_parent(&owner), m_parent_get(&get_attr), m_name(name) {}
    /// A borrowed reference; throws the lookup error. PRECONDITION: The GIL must be held.
    PyObject *get() {
        if (PYHPP_LIKELY(fresh()))
            return m_value;
        return fill();
    }

  private:
    static PyObject *get_module(cache_entry *e) { return static_cast<cached_module *>(e)->get(); }
    static PyObject *get_attr(cache_entry *e) { return static_cast<cached_attr *>(e)->get(); }
    PyObject *fill();
    cache_entry *m_parent;
    PyObject *(*m_parent_get)(cache_entry *);
    const char *m_name;
};

/// An interned attribute name (for method calls and attribute access), once per interpreter.
class cached_name : public cache_entry {
  public:
    constexpr explicit cached_name(const char *name) noexcept : m_name(name) {}
    /// A borrowed reference. PRECONDITION: The GIL must be held.
    PyObject *get() {
        if (PYHPP_LIKELY(fresh()))
            return m_value;
        return fill();
    }

  private:
    PyObject *fill();
    const char *m_name;
};

/// The names of a function's keyword-capable parameters, and the keyword-names tuples of the
/// combinations actually used, so calls pass keywords without building a tuple or a dict.
class keyword_names : public cache_entry {
  public:
    /// `names` is a comma-separated list: "a,b,c".
    constexpr explicit keyword_names(const char *names) noexcept
        : m_names(names), m_count(count(names)) {}
    /// The tuple of the names whose bits are set in `mask`, in order, as a new reference.
    /// PRECONDITION: The GIL must be held.
    PyObject *tuple_for(std::uint64_t mask);

  private:
    static constexpr std::size_t count(const char *names) noexcept {
        std::size_t n = *names ? 1 : 0;
        for (; *names; ++names)
            n += *names == ',';
        return n;
    }
    const char *m_names;
    std::size_t m_count;
    // m_value holds a dict {mask: tuple of interned names}.
};

} // namespace pyhpp::detail

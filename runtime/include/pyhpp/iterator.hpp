// pyhpp::iterator_range: a lazy, typed C++ input range over a Python iterator.
#pragma once

#include <pyhpp/object.hpp>

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <memory>
#include <optional>
#include <utility>

namespace pyhpp {

namespace detail {
/// Calls `next(iterator, context)` with the GIL held, taking it unless this thread holds it
/// already; what `next` throws propagates once the GIL is released. Throws
/// pyhpp::interpreter_error when no interpreter is running, or when `generation` (that of the
/// iterator) is not the running interpreter's.
bool iterate(_object *iterator, std::uint64_t generation,
             bool (*next)(_object *iterator, void *context), void *context);
} // namespace detail

/// The C++ side of a result annotated `Iterator[T]`, `Iterable[T]` or `Generator[T, ...]`: a
/// single-pass input range that pulls each item from Python only when it is needed.
///
/// ```
/// for (const std::int64_t &n : py::mod::numbers())   // a Python generator of ints
///     total += n;
/// ```
///
/// `begin()` and `operator++` take the GIL themselves (like wrappers) and pull the next item:
/// so calling `begin()` again continues where iteration stopped, as a second `for` loop over
/// the same iterator does in Python. A Python exception raised by the iterator arrives from
/// `begin()` or `operator++` as its pyhpp exception class (the items before it were delivered);
/// an item that does not convert to T raises pyhpp::type_error naming the expected item type.
/// After either, the iterators compare equal to `end()`.
///
/// Copies share the Python iterator (as two Python names for one iterator do). Moving or
/// destroying a range invalidates its iterators. Destruction is safe from any thread, without
/// the GIL, and after the interpreter has been finalised.
template <class T> class iterator_range {
  public:
    /// Pulls the next item into `out` (emplacing it if empty): true, or false when the iterator
    /// is exhausted; throws a Python error or a conversion error. PRECONDITION: The GIL must be
    /// held. Supplied by the codec (detail::next_item), so this header needs no Python.h.
    using next_function = bool (*)(_object *iterator, std::optional<T> &out);

    class iterator {
      public:
        using iterator_category = std::input_iterator_tag;
        using value_type = T;
        using difference_type = std::ptrdiff_t;
        using pointer = const T *;
        using reference = const T &;

        /// The end iterator.
        iterator() noexcept = default;

        /// The current item. PRECONDITION: `*this != end()`.
        const T &operator*() const noexcept { return *m_range->m_current; }
        const T *operator->() const noexcept { return &*m_range->m_current; }
        /// Pulls the next item.
        iterator &operator++() {
            m_range->pull();
            return *this;
        }
        /// Pulls the next item; `*it++` is the item before it.
        auto operator++(int) {
            struct previous {
                T value;
                const T &operator*() const noexcept { return value; }
            };
            previous old{**this};
            ++*this;
            return old;
        }

        friend bool operator==(const iterator &a, const iterator &b) noexcept {
            bool a_end = a.at_end();
            bool b_end = b.at_end();
            return a_end || b_end ? a_end == b_end : a.m_range == b.m_range;
        }
        friend bool operator!=(const iterator &a, const iterator &b) noexcept { return !(a == b); }

      private:
        friend class iterator_range;
        explicit iterator(iterator_range *range) noexcept : m_range(range) {}
        bool at_end() const noexcept { return !m_range || !m_range->m_current; }
        iterator_range *m_range = nullptr;
    };

    /// An empty range.
    iterator_range() noexcept = default;
    /// A range over `python_iterator` (the result of `iter()`), converting items with `next`.
    iterator_range(object python_iterator, next_function next) noexcept
        : m_iterator(std::move(python_iterator)), m_next(next),
          m_generation(detail::current_generation()) {}

    /// Pulls the next item and returns an iterator to it (or `end()` when there is none).
    iterator begin() {
        pull();
        return iterator(this);
    }
    iterator end() const noexcept { return iterator(); }

    /// The Python iterator (a null handle for an empty range).
    const object &python_iterator() const noexcept { return m_iterator; }

  private:
    void pull() {
        if (m_exhausted || !m_iterator) {
            m_current.reset();
            return;
        }
        bool more = false;
        try {
            more = detail::iterate(m_iterator.ptr(), m_generation, &call_next, this);
        } catch (...) {
            // A half-converted item must not be seen; the Python iterator decides whether a
            // later begin() yields more.
            m_current.reset();
            throw;
        }
        if (!more) {
            m_exhausted = true;
            m_current.reset();
        }
    }
    static bool call_next(_object *python_iterator, void *self) {
        auto *range = static_cast<iterator_range *>(self);
        return range->m_next(python_iterator, range->m_current);
    }

    object m_iterator;
    next_function m_next = nullptr;
    std::uint64_t m_generation = 0;
    std::optional<T> m_current;
    bool m_exhausted = false;
};

/// An input iterator that owns its range: what `begin()` of a class wrapper with `__iter__`
/// returns, so `for (const T &item : object)` works on the wrapper itself.
template <class T> class owning_iterator {
  public:
    using iterator_category = std::input_iterator_tag;
    using value_type = T;
    using difference_type = std::ptrdiff_t;
    using pointer = const T *;
    using reference = const T &;

    /// The end iterator.
    owning_iterator() noexcept = default;
    /// Starts iterating `range` (pulls its first item).
    explicit owning_iterator(iterator_range<T> range)
        : m_range(std::make_shared<iterator_range<T>>(std::move(range))),
          m_position(m_range->begin()) {}

    const T &operator*() const noexcept { return *m_position; }
    const T *operator->() const noexcept { return &*m_position; }
    owning_iterator &operator++() {
        ++m_position;
        return *this;
    }
    void operator++(int) { ++*this; }
    friend bool operator==(const owning_iterator &a, const owning_iterator &b) noexcept {
        return a.m_position == b.m_position;
    }
    friend bool operator!=(const owning_iterator &a, const owning_iterator &b) noexcept {
        return !(a == b);
    }

  private:
    std::shared_ptr<iterator_range<T>> m_range; // shared: copies of the iterator advance together
    typename iterator_range<T>::iterator m_position;
};

} // namespace pyhpp

// Scoped control of Python's global interpreter lock (GIL) from C++.
#pragma once

namespace pyhpp {

namespace detail {
/// How many pyhpp::gil_acquire scopes this thread is inside (with the GIL held). Wrappers skip
/// their own acquire when it is not zero, so calls inside a gil_acquire block are cheap.
inline thread_local int gil_depth = 0;
} // namespace detail

/// Holds the GIL for its lifetime. Wrappers take the GIL themselves, so this is only needed to
/// make a block of calls cheaper. Nests; safe on any thread once an interpreter is running.
class gil_acquire {
  public:
    gil_acquire();
    ~gil_acquire();
    gil_acquire(const gil_acquire &) = delete;
    gil_acquire &operator=(const gil_acquire &) = delete;

  private:
    int m_state;
};

/// Releases the GIL for its lifetime, around long C++ work inside a gil_acquire block (or a
/// callback from Python). Does nothing if this thread does not hold the GIL.
class gil_release {
  public:
    gil_release() noexcept;
    ~gil_release();
    gil_release(const gil_release &) = delete;
    gil_release &operator=(const gil_release &) = delete;

  private:
    void *m_thread_state = nullptr;
    int m_saved_depth;
};

} // namespace pyhpp

// pyhpp::gil_acquire and pyhpp::gil_release.
#include <pyhpp/detail/errors.hpp>
#include <pyhpp/detail/python.hpp>
#include <pyhpp/gil.hpp>

namespace pyhpp {

gil_acquire::gil_acquire() {
    if (!Py_IsInitialized())
        detail::throw_not_running("pyhpp::gil_acquire");
    m_state = static_cast<int>(PyGILState_Ensure());
    ++detail::gil_depth;
}

gil_acquire::~gil_acquire() {
    --detail::gil_depth;
    PyGILState_Release(static_cast<PyGILState_STATE>(m_state));
}

gil_release::gil_release() noexcept : m_saved_depth(detail::gil_depth) {
    if (Py_IsInitialized() && PyGILState_Check()) {
        m_thread_state = PyEval_SaveThread();
        // Wrappers called inside this scope must take the GIL again themselves.
        detail::gil_depth = 0;
    }
}

gil_release::~gil_release() {
    if (m_thread_state) {
        PyEval_RestoreThread(static_cast<PyThreadState *>(m_thread_state));
        detail::gil_depth = m_saved_depth;
    }
}

} // namespace pyhpp

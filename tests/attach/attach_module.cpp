// Extension module `pyhpp_attach`: uses the pyhpp runtime from inside a running Python.
#include <pyhpp/detail/python.hpp>
#include <pyhpp/pyhpp.hpp>

#include <string>
#include <thread>

namespace {
PyObject *run(PyObject *, PyObject *) {
    try {
        pyhpp::interpreter python; // attaches: Python is already running
        if (python.owns())
            return PyUnicode_FromString("initialised a second interpreter");
        std::string result = "attached ";
        result += pyhpp::import("json")
                      .attr("dumps")(std::vector<pyhpp::object>{1, 2})
                      .cast<std::string>();
        std::string from_thread;
        {
            // This thread holds the GIL (Python called us): release it so another can call.
            pyhpp::gil_release released;
            std::thread([&] { from_thread = pyhpp::object(5).repr(); }).join();
        }
        result += " " + from_thread;
        return PyUnicode_FromStringAndSize(result.data(), static_cast<Py_ssize_t>(result.size()));
    } catch (const pyhpp::error &e) {
        PyErr_SetString(PyExc_RuntimeError, e.what());
        return nullptr;
    }
}

PyMethodDef methods[] = {{"run", run, METH_NOARGS, "Uses pyhpp from inside Python."},
                         {nullptr, nullptr, 0, nullptr}};
PyModuleDef module = {PyModuleDef_HEAD_INIT,
                      "pyhpp_attach",
                      nullptr,
                      -1,
                      methods,
                      nullptr,
                      nullptr,
                      nullptr,
                      nullptr};
} // namespace

PyMODINIT_FUNC PyInit_pyhpp_attach() { return PyModule_Create(&module); }

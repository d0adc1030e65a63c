// Without a running interpreter, and with a misconfigured one, pyhpp gives one clear error.
#include <pyhpp/pyhpp.hpp>

#include <cstdlib>
#include <iostream>
#include <string>

namespace {
int expect_error(void (*f)(), const std::string &fragment) {
    try {
        f();
    } catch (const pyhpp::interpreter_error &e) {
        if (std::string(e.what()).find(fragment) != std::string::npos)
            return 0;
        std::cerr << "FAILED: unexpected message: " << e.what() << "\n";
        return 1;
    }
    std::cerr << "FAILED: no interpreter_error for " << fragment << "\n";
    return 1;
}
} // namespace

int main() {
    int failures = 0;
    failures += expect_error([] { pyhpp::import("json"); },
                             "pyhpp.InterpreterError: no Python interpreter is running: create a "
                             "pyhpp::interpreter before calling pyhpp::import");
    failures += expect_error([] { pyhpp::gil_acquire gil; }, "no Python interpreter is running");
    failures += expect_error(
        [] {
            pyhpp::interpreter_options options;
            options.python = "/nonexistent/bin/python3";
            pyhpp::interpreter python(options);
        },
        "the Python executable '/nonexistent/bin/python3' (from interpreter_options::python) "
        "does not exist");
    failures += expect_error(
        [] {
            ::setenv("PYHPP_PYTHON", "/nonexistent/env/python3", 1);
            pyhpp::interpreter python;
        },
        "the Python executable '/nonexistent/env/python3' (from $PYHPP_PYTHON) does not exist");
    ::unsetenv("PYHPP_PYTHON");
    static const char *const no_paths[] = {nullptr};
    pyhpp::detail::register_bindings("/usr/bin/python2.7", "2.7", no_paths);
    failures += expect_error([] { pyhpp::interpreter python; },
                             "the bindings were generated with Python 2.7 ('/usr/bin/python2.7') "
                             "but this program is linked against Python ");
    if (failures == 0)
        std::cout << "no-interpreter errors ok\n";
    return failures;
}

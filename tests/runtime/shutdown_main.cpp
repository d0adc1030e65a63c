// Handles that outlive the interpreter must not crash the process: a static handle destroyed
// at exit, handles copied and dropped after finalisation, and a second interpreter's start.
#include <pyhpp/pyhpp.hpp>

#include <iostream>
#include <thread>

namespace {
pyhpp::object g_static_handle; // destroyed after main returns, long after finalisation

int check(bool ok, const char *what) {
    if (!ok)
        std::cerr << "FAILED: " << what << "\n";
    return ok ? 0 : 1;
}
} // namespace

int main() {
    int failures = 0;
    pyhpp::object survivor;
    {
        pyhpp::interpreter python;
        g_static_handle = pyhpp::import("json").attr("dumps");
        survivor = pyhpp::object(std::vector<pyhpp::object>{1, 2, 3});
        failures += check(g_static_handle(1).cast<std::string>() == "1", "call before finalise");
    }
    failures += check(!pyhpp::interpreter::running(), "finalised");
    {
        pyhpp::object copy = survivor; // copied and dropped after finalisation: ignored
        std::thread([c = copy]() mutable { c = pyhpp::object(); }).join();
    }
    {
        // A new interpreter: stale handles stay inert, fresh calls work.
        pyhpp::interpreter python;
        failures += check(pyhpp::import("json").attr("dumps")(2).cast<std::string>() == "2",
                          "call in a second interpreter");
        survivor = pyhpp::object(); // a handle of the first interpreter, released safely
    }
    if (failures == 0)
        std::cout << "shutdown ok\n";
    return failures;
}

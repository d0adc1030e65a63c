// Catch2 main of the C++ suites: one embedded interpreter for the whole run, started only when
// tests actually run (catch_discover_tests lists tests at build time without Python).
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include <pyhpp/pyhpp.hpp>

#include <memory>

int main(int argc, char *argv[]) {
    Catch::Session session;
    if (int rc = session.applyCommandLine(argc, argv); rc != 0)
        return rc;
    const auto &config = session.configData();
    bool listing = config.listTests || config.listTestNamesOnly || config.listTags ||
                   config.listReporters || config.showHelp;
    std::unique_ptr<pyhpp::interpreter> python;
    if (!listing)
        python = std::make_unique<pyhpp::interpreter>();
    int result = session.run();
    python.reset(); // finalise before static destructors run
    return result;
}

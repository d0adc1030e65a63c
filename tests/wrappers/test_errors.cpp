// Generated wrappers: Python exceptions become pyhpp exceptions with traceback and cause.
#include <catch2/catch.hpp>

#include <py/wrapped_functions/errors.hpp>

namespace errors = py::wrapped_functions::errors;

TEST_CASE("errors: exceptions raised by wrapped functions", "[wrappers][errors]") {
    CHECK_THROWS_AS(errors::raise_builtin("ValueError", "bad value"), pyhpp::value_error);
    CHECK_THROWS_WITH(errors::raise_builtin("ValueError", "bad value"), "ValueError: bad value");
    CHECK_THROWS_AS(errors::raise_builtin("IndexError", "i"), pyhpp::lookup_error);
    CHECK_THROWS_AS(errors::raise_builtin("ZeroDivisionError", "z"), pyhpp::arithmetic_error);
}

TEST_CASE("errors: a user exception class is caught as its nearest mapped base",
          "[wrappers][errors]") {
    try {
        errors::raise_ledger();
        FAIL("no exception");
    } catch (const pyhpp::key_error &e) {
        CHECK(e.type_name() == "wrapped_functions.errors.LedgerError");
        CHECK(std::string(e.what()) == "wrapped_functions.errors.LedgerError: 'account 7'");
        CHECK_THAT(e.traceback(), Catch::Contains("errors.py") && Catch::Contains("raise_ledger"));
    }
}

TEST_CASE("errors: chained exceptions keep their cause", "[wrappers][errors]") {
    try {
        errors::raise_chained();
        FAIL("no exception");
    } catch (const pyhpp::runtime_error &e) {
        CHECK(std::string(e.what()) == "RuntimeError: lookup failed");
        REQUIRE(e.cause());
        CHECK(dynamic_cast<const pyhpp::key_error *>(e.cause().get()));
    }
    try {
        errors::raise_in_handler();
        FAIL("no exception");
    } catch (const pyhpp::value_error &e) {
        REQUIRE(e.cause());
        CHECK(dynamic_cast<const pyhpp::zero_division_error *>(e.cause().get()));
    }
}

TEST_CASE("errors: a missing module gives module_not_found_error with the traceback",
          "[wrappers][errors]") {
    try {
        errors::missing_dependency();
        FAIL("no exception");
    } catch (const pyhpp::module_not_found_error &e) {
        CHECK(std::string(e.what()) ==
              "ModuleNotFoundError: No module named 'wrapped_functions_no_such_dependency'");
        CHECK_THAT(e.traceback(), Catch::Contains("errors.py") &&
                                      Catch::Contains("in missing_dependency") &&
                                      Catch::EndsWith("ModuleNotFoundError: No module named "
                                                      "'wrapped_functions_no_such_dependency'\n"));
    }
}

TEST_CASE("errors: SystemExit does not end the C++ program", "[wrappers][errors]") {
    CHECK_THROWS_AS(errors::exit_code(3), pyhpp::system_exit);
}

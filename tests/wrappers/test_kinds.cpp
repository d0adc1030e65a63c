// Generated wrappers: every parameter kind; omitted arguments are not sent.
#include <catch2/catch.hpp>

#include <py/wrapped_functions/kinds.hpp>

#ifdef Py_PYTHON_H
#error "a generated header must not need Python.h"
#endif

namespace kinds = py::wrapped_functions::kinds;
using namespace std::string_literals;

TEST_CASE("kinds: positional-only with an omitted default", "[wrappers][kinds]") {
    CHECK(kinds::positional_only(1) == "a=1,b=missing");
    CHECK(kinds::positional_only(1, 2) == "a=1,b=2");
}

TEST_CASE("kinds: mixed kinds, keyword-only by name", "[wrappers][kinds]") {
    CHECK(kinds::mixed(1) == "a=1,b=missing,c=missing,d=missing,e=missing");
    CHECK(kinds::mixed(1, "x", 2.5) == "a=1,b='x',c=2.5,d=missing,e=missing");
    CHECK(kinds::mixed(1, kinds::kw::e = "E") == "a=1,b=missing,c=missing,d=missing,e='E'");
    CHECK(kinds::mixed(1, "x", kinds::kw::d = true, kinds::kw::e = "E") ==
          "a=1,b='x',c=missing,d=True,e='E'");
    kinds::keywords::mixed options;
    options.d = false;
    CHECK(kinds::mixed(1, {}, 3.0, options) == "a=1,b=missing,c=3.0,d=False,e=missing");
}

TEST_CASE("kinds: a parameter with a default is named as Python callers name it",
          "[wrappers][kinds]") {
    // Positional-or-keyword parameters with a default take kw:: too, in any order.
    CHECK(kinds::skip_middle(kinds::kw::c = 3) == "a=missing,b=missing,c=3");
    CHECK(kinds::skip_middle(1, kinds::kw::c = 3, kinds::kw::b = 2) == "a=1,b=2,c=3");
    CHECK(kinds::mixed(1, "x", kinds::kw::c = 0.5, kinds::kw::e = "E") ==
          "a=1,b='x',c=0.5,d=missing,e='E'");
    kinds::keywords::skip_middle named;
    named.b = 2;
    CHECK(kinds::skip_middle(1, {}, {}, named) == "a=1,b=2,c=missing");
    // Given both ways: refused before Python is called.
    CHECK_THROWS_WITH(
        kinds::skip_middle(1, 2, {}, named),
        "TypeError: wrapped_functions.kinds.skip_middle(): argument 'b' is given both by "
        "position and by keyword");
}

TEST_CASE("kinds: an omitted middle argument sends later ones by keyword", "[wrappers][kinds]") {
    CHECK(kinds::skip_middle() == "a=missing,b=missing,c=missing");
    CHECK(kinds::skip_middle(1, {}, 3) == "a=1,b=missing,c=3");
    CHECK(kinds::skip_middle({}, 2) == "a=missing,b=2,c=missing");
}

TEST_CASE("kinds: a positional-only argument after an omitted one cannot be sent",
          "[wrappers][kinds]") {
    CHECK(kinds::mixed(1, {}, 2.0) == "a=1,b=missing,c=2.0,d=missing,e=missing");
    CHECK(kinds::two_positional_only({}, {}) == "a=missing,b=missing");
    CHECK_THROWS_AS(kinds::two_positional_only({}, 2), pyhpp::type_error);
    CHECK_THROWS_WITH(kinds::two_positional_only({}, 2),
                      "TypeError: wrapped_functions.kinds.two_positional_only(): argument 'b' is "
                      "positional-only and an earlier optional argument was omitted");
}

TEST_CASE("kinds: required keyword-only parameters are ordinary C++ parameters",
          "[wrappers][kinds]") {
    CHECK(kinds::required_keyword(1, "k") == "x=1,key='k',flag=missing");
    CHECK(kinds::required_keyword(1, "k", kinds::kw::flag = true) == "x=1,key='k',flag=True");
}

TEST_CASE("kinds: *args and **kwargs", "[wrappers][kinds]") {
    CHECK(kinds::star_args("n") == "n:");
    CHECK(kinds::star_args("n", {1, 2, 3}) == "n:1,2,3");
    CHECK(kinds::star_args("n", {1, 2}, kinds::kw::sep = "+") == "n:1+2");
    CHECK(kinds::star_kwargs("p:") == "p:");
    CHECK(kinds::star_kwargs("p:", {{"b", 2}, {"a", 1}}) == "p:a=1;b=2");
}

TEST_CASE("kinds: unannotated parameters and results are pyhpp::object", "[wrappers][kinds]") {
    pyhpp::object result =
        kinds::everything(1, "b", "c", {2, 3}, std::map<std::string, pyhpp::object>{{"z", 26}});
    CHECK(result.repr() == "[1, 'b', [2, 3], 'c', {'z': 26}]");
}

TEST_CASE("kinds: Python names C++ cannot take are renamed predictably", "[wrappers][kinds]") {
    CHECK(kinds::class_(2) == 6);
    CHECK(kinds::class_(2, 5) == 10);
}

TEST_CASE("kinds: None results", "[wrappers][kinds]") {
    kinds::nothing();
    CHECK_THROWS_WITH(kinds::not_none(),
                      "TypeError: wrapped_functions.kinds.not_none() returned int, expected None");
}

TEST_CASE("kinds: an async def raises not_implemented_error instead of returning a coroutine",
          "[wrappers][kinds]") {
    REQUIRE_THROWS_AS(kinds::later(1), pyhpp::not_implemented_error);
    REQUIRE_THROWS_WITH(
        kinds::later(1, kinds::kw::delay = 0.5),
        Catch::Matchers::Contains("wrapped_functions.kinds.later() is a coroutine function"));
}

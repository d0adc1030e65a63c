// Generated wrappers: every mapped type both ways, and results that do not match.
#include <catch2/catch.hpp>

#include "../support/python_helpers.hpp"

#include <py/wrapped_functions/types.hpp>

#include <cstdint>
#include <limits>

namespace types = py::wrapped_functions::types;

TEST_CASE("types: scalars", "[wrappers][types]") {
    CHECK(types::ident_int(std::numeric_limits<std::int64_t>::max()) ==
          std::numeric_limits<std::int64_t>::max());
    CHECK(types::ident_int(std::numeric_limits<std::int64_t>::min()) ==
          std::numeric_limits<std::int64_t>::min());
    CHECK(types::int_min() == std::numeric_limits<std::int64_t>::min());
    CHECK(types::ident_float(-0.25) == -0.25);
    CHECK(types::ident_bool(true) == true);
    CHECK(types::ident_bool(false) == false);
    CHECK(types::ident_str("\xe2\x82\xac 5") == "\xe2\x82\xac 5");
    CHECK(types::ident_str(std::string("a\0b", 3)) == std::string("a\0b", 3));
    CHECK(types::ident_bytes({0, 1, 255}) == pyhpp::bytes{0, 1, 255});
    CHECK(types::int_as_float() == 3.0);
}

TEST_CASE("types: Python receives the Python types the annotations name", "[wrappers][types]") {
    CHECK(types::type_name(pyhpp::object(1)) == "int");
    CHECK(types::ident_var_tuple({1, 2}) == std::vector<std::int64_t>{1, 2}); // asserts tuple
    CHECK(types::ident_frozenset({"a"}) == std::set<std::string>{"a"});       // asserts frozenset
}

TEST_CASE("types: optional", "[wrappers][types]") {
    CHECK(types::ident_optional(std::nullopt) == std::nullopt);
    CHECK(types::ident_optional(5) == 5);
}

TEST_CASE("types: containers", "[wrappers][types]") {
    CHECK(types::ident_list({"x", "y"}) == std::vector<std::string>{"x", "y"});
    CHECK(types::ident_sequence({1.5, 2.5}) == std::vector<double>{1.5, 2.5});
    CHECK(types::ident_tuple({1, "two", 3.0}) ==
          std::tuple<std::int64_t, std::string, double>{1, "two", 3.0});
    std::map<std::string, std::vector<std::int64_t>> d{{"a", {1, 2}}, {"b", {}}};
    CHECK(types::ident_dict(d) == d);
    CHECK(types::ident_mapping({{"pi", 3.14}}) == std::map<std::string, double>{{"pi", 3.14}});
    CHECK(types::ident_set({3, 1, 2}) == std::set<std::int64_t>{1, 2, 3});
    std::map<std::string, std::vector<std::tuple<std::int64_t, std::optional<std::string>>>> n{
        {"k", {{1, "one"}, {2, std::nullopt}}}};
    CHECK(types::nested(n) == n);
}

TEST_CASE("types: a result of the wrong type raises type_error naming function and types",
          "[wrappers][types]") {
    CHECK_THROWS_AS(types::wrong_result(), pyhpp::type_error);
    CHECK_THROWS_WITH(
        types::wrong_result(),
        "TypeError: wrapped_functions.types.wrong_result() returned str, expected int");
    CHECK_THROWS_WITH(types::wrong_item(),
                      "TypeError: wrapped_functions.types.wrong_item() returned list, "
                      "expected list[int]: item [2] is str");
    CHECK_THROWS_WITH(
        types::bool_is_not_int(),
        "TypeError: wrapped_functions.types.bool_is_not_int() returned int, expected bool");
}

TEST_CASE("types: an int that does not fit raises overflow_error, never truncates",
          "[wrappers][types]") {
    CHECK_THROWS_AS(types::big(), pyhpp::overflow_error);
    CHECK_THROWS_WITH(types::big(), "OverflowError: wrapped_functions.types.big() returned "
                                    "1180591620717411303424, which does not fit in std::int64_t");
    CHECK_THROWS_AS(types::negative_big(), pyhpp::overflow_error);
    CHECK_THROWS_WITH(
        types::big_item(),
        "OverflowError: wrapped_functions.types.big_item() returned 18446744073709551616 "
        "(at ['huge']), which does not fit in std::int64_t");
}

TEST_CASE("types: invalid UTF-8 from C++ raises unicode_decode_error", "[wrappers][types]") {
    CHECK_THROWS_AS(types::ident_str("ok \xff"), pyhpp::unicode_decode_error);
    CHECK_THROWS_AS(types::ident_str("ok \xff"), pyhpp::value_error);
    CHECK_THROWS_WITH(
        types::ident_str("ok \xff"),
        Catch::StartsWith("UnicodeDecodeError: wrapped_functions.types.ident_str(): argument "
                          "'x': 'utf-8' codec can't decode byte 0xff"));
    CHECK_THROWS_AS(types::ident_list({"fine", "\xc3"}), pyhpp::unicode_decode_error);
}

TEST_CASE("types: a str that is not valid UTF-8 coming back raises", "[wrappers][types]") {
    CHECK_THROWS_AS(types::surrogate(), pyhpp::unicode_encode_error);
}

TEST_CASE("types: reference counts stay balanced over many calls", "[wrappers][refcount]") {
    pyhpp::object shared = types::shared();
    std::int64_t base = pyhpp_test::refcount(shared);
    std::int64_t seen_by_python = types::refcount(shared); // an argument passed through a wrapper
    for (int i = 0; i < 1000; ++i) {
        (void)types::shared();
        types::keep(shared);
        (void)types::type_name(shared);
        (void)types::refcount(shared);
    }
    CHECK(pyhpp_test::refcount(shared) == base);
    CHECK(types::refcount(shared) == seen_by_python);
}

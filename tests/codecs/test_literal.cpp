// Literal[...]: allowed values pass both ways; others are ValueError (to Python) or a value
// mismatch reported as pyhpp::value_error at the boundary (from Python).
#include <catch2/catch.hpp>

#include "codec_helpers.hpp"

using namespace codec_test;

namespace {
struct rg {
    static bool contains(const std::string &s) { return s == "r" || s == "g"; }
    static constexpr const char *text = "Literal['r', 'g']";
};
using rg_codec = codec::literal<codec::str_, rg>;

struct small {
    static bool contains(std::int64_t v) { return v >= 1 && v <= 3; }
    static constexpr const char *text = "Literal[1, 2, 3]";
};
using small_codec = codec::literal<codec::int_, small>;
} // namespace

TEST_CASE("literal: allowed values round-trip", "[literal]") {
    pyhpp::gil_acquire gil;
    CHECK(to_py<rg_codec>("r").repr() == "'r'");
    CHECK(from_py<rg_codec>("'g'") == "g");
    CHECK(to_py<small_codec>(2).repr() == "2");
    CHECK(from_py<small_codec>("3") == 3);
    using many = codec::list<small_codec>;
    CHECK(from_py<many>("[1, 2, 3]") == std::vector<std::int64_t>{1, 2, 3});
}

TEST_CASE("literal: other values are ValueError to Python", "[literal]") {
    pyhpp::gil_acquire gil;
    CHECK_THROWS_AS(to_py<rg_codec>("b"), pyhpp::value_error);
    CHECK_THROWS_WITH(to_py<rg_codec>("b"), "ValueError: 'b' is not one of Literal['r', 'g']");
    CHECK_THROWS_WITH(to_py<small_codec>(7), "ValueError: 7 is not one of Literal[1, 2, 3]");
    using many = codec::list<small_codec>;
    CHECK_THROWS_WITH(to_py<many>({1, 9}), "ValueError: 9 is not one of Literal[1, 2, 3]");
    CHECK_FALSE(PyErr_Occurred());
}

TEST_CASE("literal: other values from Python are a value_error naming the allowed values",
          "[literal]") {
    pyhpp::gil_acquire gil;
    CHECK_THROWS_AS(from_py<rg_codec>("'b'", "Literal['r', 'g']"), pyhpp::value_error);
    CHECK_THROWS_WITH(from_py<rg_codec>("'b'", "Literal['r', 'g']"),
                      "ValueError: m.f() returned 'b', which is not one of Literal['r', 'g']");
    using many = codec::list<small_codec>;
    CHECK_THROWS_WITH(from_py<many>("[1, 5]", "list[Literal[1, 2, 3]]"),
                      "ValueError: m.f() returned 5 (at [1]), which is not one of "
                      "Literal[1, 2, 3]");
    // The wrong type is still a type error.
    CHECK_THROWS_AS(from_py<rg_codec>("1", "Literal['r', 'g']"), pyhpp::type_error);
    CHECK_THROWS_WITH(from_py<rg_codec>("1", "Literal['r', 'g']"),
                      "TypeError: m.f() returned int, expected Literal['r', 'g']");
    failure f;
    std::string out;
    CHECK_FALSE(convert<rg_codec>("'b'", out, f));
    CHECK(f.what == failure::kind::value);
    CHECK(f.actual() == "'b'");
    CHECK(std::string(f.allowed()) == "Literal['r', 'g']");
    CHECK_FALSE(PyErr_Occurred());
}

TEST_CASE("literal: reference counts balance", "[literal][refcount]") {
    pyhpp::gil_acquire gil;
    pyhpp::object b = eval("'b'");
    std::int64_t before = pyhpp_test::refcount(b);
    for (int i = 0; i < 100; ++i) {
        CHECK_THROWS_AS(from_py<rg_codec>(b), pyhpp::value_error);
        CHECK_THROWS_AS(to_py<rg_codec>("b"), pyhpp::value_error);
    }
    CHECK(pyhpp_test::refcount(b) == before);
}

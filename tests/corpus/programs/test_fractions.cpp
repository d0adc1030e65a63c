// fractions.Fraction through its generated wrapper (constructors, operators, hash), compared
// with the same operations done by Python.
#include <py/fractions.hpp>

#include "corpus_helpers.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <functional>
#include <string>
#include <variant>

using py::fractions::Fraction;

TEST_CASE("Fraction arithmetic gives Python's fractions") {
    Fraction a(3, 4);
    Fraction b(1, 6);
    CHECK(a.str() ==
          corpus::eval("str(__import__('fractions').Fraction(3, 4))").cast<std::string>());

    // Fraction + (int | Fraction) is a Fraction, + float a float, + complex a complex: the
    // union of the stub's overloads.
    auto any_sum = a + b;
    REQUIRE(std::holds_alternative<Fraction>(any_sum));
    Fraction sum = std::get<Fraction>(any_sum);
    CHECK(std::get<double>(a + 0.25) == 1.0);
    pyhpp::object expected = corpus::run("from fractions import Fraction as F\n"
                                         "result = F(3, 4) + F(1, 6)\n");
    CHECK(sum.str() == expected.str());
    CHECK(sum == expected);
    // Typed from typeshed's stubs: numerator and denominator are ints.
    CHECK(sum.numerator() == expected.attr("numerator").cast<std::int64_t>());
    CHECK(sum.denominator() == expected.attr("denominator").cast<std::int64_t>());

    CHECK(std::get<Fraction>(a * b).str() == corpus::run("from fractions import Fraction as F\n"
                                                         "result = str(F(3, 4) * F(1, 6))\n")
                                                 .cast<std::string>());
    CHECK(std::get<Fraction>(a / b).str() == corpus::run("from fractions import Fraction as F\n"
                                                         "result = str(F(3, 4) / F(1, 6))\n")
                                                 .cast<std::string>());
    CHECK((-a).str() == "-" + a.str());
}

TEST_CASE("Fraction comparisons and hash agree with Python") {
    Fraction half(1, 2);
    CHECK(half == Fraction(2, 4));
    CHECK(half < Fraction(2, 3));
    CHECK(half != Fraction(1, 3));
    // b: int | float | Decimal | numbers.Real: a std::int64_t, a double, or any other object.
    CHECK(half < std::int64_t{1});
    CHECK(half < 0.75);
    CHECK_FALSE(half < 0.25);
    CHECK(half < pyhpp::import("decimal").attr("Decimal")("0.6"));
    CHECK(bool(Fraction(0)) == false);
    CHECK(std::hash<Fraction>{}(half) ==
          static_cast<std::size_t>(
              corpus::eval("hash(__import__('fractions').Fraction(1, 2))").cast<std::int64_t>()));
}

TEST_CASE("Fraction from a string, limit_denominator, from_float") {
    Fraction pi("3.141592653589793");
    pyhpp::object python = pyhpp::import("fractions").attr("Fraction")("3.141592653589793");
    CHECK(pi.limit_denominator(100).str() == python.attr("limit_denominator")(100).str());
    CHECK(Fraction::from_float(0.1).str() ==
          pyhpp::import("fractions").attr("Fraction").attr("from_float")(0.1).str());
    auto expected = corpus::raised_by("from fractions import Fraction", "Fraction(1, 0)");
    try {
        Fraction infinite(1, 0);
        FAIL("Fraction(1, 0) did not throw");
    } catch (const pyhpp::zero_division_error &e) {
        CHECK(e.message() == expected.message);
    }
}

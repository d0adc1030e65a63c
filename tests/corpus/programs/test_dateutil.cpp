// dateutil.parser through its generated wrapper, compared with the same calls made through
// Python.
#include <py/dateutil/parser.hpp>

#include "corpus_helpers.hpp"

#include <catch2/catch.hpp>

#include <string>

namespace parser = py::dateutil::parser;

TEST_CASE("dateutil.parser.parse reads dates as Python does") {
    pyhpp::object python = pyhpp::import("dateutil.parser");
    for (const char *text : {"2003-09-25T10:49:41.5-03:00", "Thu Sep 25 10:36:28 2003",
                             "25/09/2003", "10 Jan 2023 5pm"}) {
        pyhpp::object when = parser::parse(text);
        pyhpp::object expected = python.attr("parse")(text);
        CHECK(when.attr("isoformat")().cast<std::string>() ==
              expected.attr("isoformat")().cast<std::string>());
        CHECK(corpus::equal(when, expected));
    }
    // Keyword arguments through **kwargs, the parserinfo left out.
    const char *text = "01/02/03";
    pyhpp::object dayfirst = parser::parse(text, {}, {{"dayfirst", true}});
    CHECK(corpus::equal(dayfirst, python.attr("parse").call({text}, {{"dayfirst", true}})));
    CHECK(corpus::equal(parser::isoparse("2023-01-10T17:00:00Z"),
                        python.attr("isoparse")("2023-01-10T17:00:00Z")));
}

TEST_CASE("an unknown date format throws ParserError with Python's message") {
    auto expected =
        corpus::raised_by("import dateutil.parser", "dateutil.parser.parse('not a date')");
    REQUIRE(expected.type_name == "dateutil.parser._parser.ParserError");
    try {
        parser::parse("not a date");
        FAIL("parse accepted 'not a date'");
    } catch (const parser::ParserError &e) {
        CHECK(e.message() == expected.message);
    }
}

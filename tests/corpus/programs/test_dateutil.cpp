// dateutil.parser through its generated wrapper, compared with the same calls made through
// Python.
#include <py/dateutil/parser.hpp>

#include "corpus_helpers.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <string>

namespace parser = py::dateutil::parser;

namespace {
/// Microseconds since 1970-01-01 UTC of a Python datetime (a naive one taken as UTC, as
/// pyhpp::datetime takes it).
std::int64_t python_micros(const pyhpp::object &when) {
    pyhpp::object f =
        corpus::run("import datetime as d\n"
                    "def result(x):\n"
                    "    if x.tzinfo is None:\n"
                    "        x = x.replace(tzinfo=d.timezone.utc)\n"
                    "    return (x - d.datetime(1970, 1, 1, tzinfo=d.timezone.utc)) // "
                    "d.timedelta(microseconds=1)\n");
    return f(when).cast<std::int64_t>();
}
} // namespace

TEST_CASE("dateutil.parser.parse reads dates as Python does") {
    pyhpp::object python = pyhpp::import("dateutil.parser");
    for (const char *text : {"2003-09-25T10:49:41.5-03:00", "Thu Sep 25 10:36:28 2003",
                             "25/09/2003", "10 Jan 2023 5pm"}) {
        // Typed from typeshed's stubs: a pyhpp::datetime (a std::chrono time point, UTC).
        pyhpp::datetime when = parser::parse(text);
        CHECK(when.time_since_epoch().count() == python_micros(python.attr("parse")(text)));
    }
    // Keyword arguments through **kwargs, the parserinfo and the keywords struct left out.
    const char *text = "01/02/03";
    pyhpp::datetime dayfirst = parser::parse(text, {}, {}, {{"dayfirst", true}});
    CHECK(dayfirst.time_since_epoch().count() ==
          python_micros(python.attr("parse").call({text}, {{"dayfirst", true}})));
    CHECK(parser::isoparse("2023-01-10T17:00:00Z").time_since_epoch().count() ==
          python_micros(python.attr("isoparse")("2023-01-10T17:00:00Z")));
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

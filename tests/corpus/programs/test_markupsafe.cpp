// markupsafe through its generated wrapper (a C function, the Markup str subclass and its
// operators), compared with the same calls made through Python.
#include <py/markupsafe.hpp>

#include "corpus_helpers.hpp"

#include <catch2/catch.hpp>

#include <string>

namespace markupsafe = py::markupsafe;

namespace {
const std::string html = "<a href=\"/x?a=1&b=2\">Tom & 'Jerry'</a>";
} // namespace

TEST_CASE("markupsafe.escape escapes as Python does and returns Markup") {
    pyhpp::object python = pyhpp::import("markupsafe");
    // escape() is a C function without a text signature: its one argument goes in a braced
    // list, which also reads right if its signature becomes known.
    pyhpp::object escaped = markupsafe::escape({pyhpp::object(html)});
    pyhpp::object expected = python.attr("escape")(html);
    CHECK(escaped.str() == expected.str());
    CHECK(escaped.type_name() == "markupsafe.Markup");
    auto markup = escaped.cast<markupsafe::Markup>();
    CHECK(markup.unescape() == expected.attr("unescape")().cast<std::string>());
    CHECK(markupsafe::Markup::escape(html).str() == expected.str());
}

TEST_CASE("Markup operators escape their other operand") {
    pyhpp::object python = pyhpp::import("markupsafe").attr("Markup");
    markupsafe::Markup bold("<b>%s</b>");
    CHECK((bold % "<i>").str() == python("<b>%s</b>").attr("__mod__")("<i>").str());
    markupsafe::Markup em("<em>hi</em>");
    CHECK((em + "<br>").str() == python("<em>hi</em>").attr("__add__")("<br>").str());
    CHECK(markupsafe::Markup("<p>a  <b>b</b></p>").striptags() ==
          python("<p>a  <b>b</b></p>").attr("striptags")().cast<std::string>());
}

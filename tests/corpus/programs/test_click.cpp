// click through its generated wrapper: options named as Python callers name them.
#include <py/click.hpp>

#include "corpus_helpers.hpp"

#include <catch2/catch.hpp>

#include <string>

namespace click = py::click;

TEST_CASE("click.style takes its options by name, in any order, as Python's callers write them") {
    pyhpp::object python = pyhpp::import("click");
    // fg, bg and bold are positional-or-keyword parameters with defaults.
    std::string styled = click::style("hi", click::kw::fg = "red", click::kw::bold = true);
    CHECK(styled ==
          python.attr("style").call({"hi"}, {{"fg", "red"}, {"bold", true}}).cast<std::string>());
    CHECK(styled != "hi");
    std::string underlined =
        click::style("x", click::kw::underline = true, click::kw::bg = std::int64_t{4});
    CHECK(underlined ==
          python.attr("style").call({"x"}, {{"underline", true}, {"bg", 4}}).cast<std::string>());
    // By position, as before.
    CHECK(click::style("hi", "red") == python.attr("style")("hi", "red").cast<std::string>());
    // Both ways at once is refused.
    click::keywords::style named;
    named.fg = "blue";
    CHECK_THROWS_AS(click::style("hi", "red", {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, named),
                    pyhpp::type_error);
}

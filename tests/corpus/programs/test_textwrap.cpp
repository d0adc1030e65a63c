// textwrap through its generated wrapper, compared with the same calls made through Python.
#include <py/textwrap.hpp>

#include "corpus_helpers.hpp"

#include <catch2/catch.hpp>

#include <string>

namespace textwrap = py::textwrap;

namespace {
const std::string text =
    "The quick brown fox jumps over the lazy dog; pack my box with five dozen liquor jugs. "
    "Sphinx of black quartz, judge my vow: supercalifragilisticexpialidocious words wrap too.";
} // namespace

TEST_CASE("textwrap.wrap and fill break lines where Python breaks them") {
    pyhpp::object python = pyhpp::import("textwrap");
    // Typed from typeshed's stubs: wrap() gives a std::vector<std::string>.
    CHECK(textwrap::wrap(text, 20) == corpus::strings(python.attr("wrap")(text, 20)));
    // A positional-or-keyword parameter with a default, by name.
    CHECK(textwrap::wrap(text, textwrap::kw::width = 20) ==
          corpus::strings(python.attr("wrap")(text, 20)));
    // Keyword-only arguments, by name.
    std::string filled = textwrap::fill(text, 30, textwrap::kw::initial_indent = "> ",
                                        textwrap::kw::subsequent_indent = "  ");
    CHECK(filled == python.attr("fill")
                        .call({text, 30}, {{"initial_indent", "> "}, {"subsequent_indent", "  "}})
                        .cast<std::string>());
    std::string short_text = textwrap::shorten(text, 40, textwrap::kw::placeholder = " [...]");
    CHECK(short_text ==
          python.attr("shorten").call({text, 40}, {{"placeholder", " [...]"}}).cast<std::string>());
}

TEST_CASE("textwrap.dedent and indent") {
    pyhpp::object python = pyhpp::import("textwrap");
    const std::string block = "    def f():\n        return 1\n\n    f()\n";
    std::string dedented = textwrap::dedent(block);
    CHECK(dedented == python.attr("dedent")(block).cast<std::string>());
    CHECK(textwrap::indent(dedented, "# ") ==
          python.attr("indent")(dedented, "# ").cast<std::string>());
}

TEST_CASE("a TextWrapper object, with arguments left out and later ones given") {
    // TextWrapper(width=15, break_long_words=False): the arguments in between are left out.
    textwrap::TextWrapper wrapper(15, {}, {}, {}, {}, {}, false);
    pyhpp::object python_wrapper = pyhpp::import("textwrap")
                                       .attr("TextWrapper")
                                       .call({}, {{"width", 15}, {"break_long_words", false}});
    CHECK(wrapper.wrap(text) == corpus::strings(python_wrapper.attr("wrap")(text)));
    CHECK(wrapper.fill(text) == python_wrapper.attr("fill")(text).cast<std::string>());
}

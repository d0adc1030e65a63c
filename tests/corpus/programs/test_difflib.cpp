// difflib through its generated wrapper, compared with the same calls made through Python.
#include <py/difflib.hpp>

#include "corpus_helpers.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

namespace difflib = py::difflib;

namespace {
/// A string as a sequence of one-character Python strings (what Python iterates a str into).
std::vector<pyhpp::object> chars(const std::string &text) {
    std::vector<pyhpp::object> out;
    for (char c : text)
        out.emplace_back(std::string(1, c));
    return out;
}

/// A string as the one-character strings Python iterates it into, as a Sequence[str].
std::vector<std::string> words(const std::string &text) {
    std::vector<std::string> out;
    for (char c : text)
        out.emplace_back(1, c);
    return out;
}

/// The Python text of opcodes, "tag i1 i2 j1 j2;..." (as test Python code formats them too).
std::string
text_of(const std::vector<
        std::tuple<std::string, std::int64_t, std::int64_t, std::int64_t, std::int64_t>> &opcodes) {
    std::string out;
    for (const auto &[tag, i1, i2, j1, j2] : opcodes)
        out += tag + " " + std::to_string(i1) + " " + std::to_string(i2) + " " +
               std::to_string(j1) + " " + std::to_string(j2) + ";";
    return out;
}

const char *const opcodes_text =
    "result = ''.join(f'{t} {a} {b} {c} {d};' for t, a, b, c, d in m.get_opcodes())";
} // namespace

TEST_CASE("SequenceMatcher(...).ratio() is Python's ratio") {
    pyhpp::object python = pyhpp::import("difflib").attr("SequenceMatcher");
    for (auto [a, b] : {std::pair<std::string, std::string>{"abcd", "bcde"},
                        {"private Thread currentThread;", "private volatile Thread currentThread;"},
                        {"", "x"}}) {
        // The constructor takes what any of its stub's overloads takes: here Sequence[str].
        difflib::SequenceMatcher matcher({}, words(a), words(b));
        pyhpp::object expected = python(pyhpp::none(), a, b);
        // Typed from typeshed's stubs: ratio() is a double, get_opcodes() a vector of tuples.
        CHECK(matcher.ratio() == expected.attr("ratio")().cast<double>());
        CHECK(matcher.quick_ratio() == expected.attr("quick_ratio")().cast<double>());
        CHECK(text_of(matcher.get_opcodes()) ==
              corpus::run("import difflib\nm = difflib.SequenceMatcher(None, " +
                          pyhpp::object(a).repr() + ", " + pyhpp::object(b).repr() + ")\n" +
                          opcodes_text)
                  .cast<std::string>());
    }
}

TEST_CASE("a SequenceMatcher with its sequences set later") {
    difflib::SequenceMatcher matcher;
    matcher.set_seqs(chars("qabxcd"), chars("abycdf"));
    pyhpp::object expected =
        pyhpp::import("difflib").attr("SequenceMatcher")(pyhpp::none(), "qabxcd", "abycdf");
    std::vector<difflib::Match> blocks = matcher.get_matching_blocks();
    std::vector<pyhpp::object> python_blocks =
        expected.attr("get_matching_blocks")().cast<std::vector<pyhpp::object>>();
    REQUIRE(blocks.size() == python_blocks.size());
    for (std::size_t i = 0; i < blocks.size(); ++i) {
        CHECK(blocks[i].a == python_blocks[i].attr("a").cast<std::int64_t>());
        CHECK(blocks[i].b == python_blocks[i].attr("b").cast<std::int64_t>());
        CHECK(blocks[i].size == python_blocks[i].attr("size").cast<std::int64_t>());
    }
    difflib::Match longest = matcher.find_longest_match(0, 6, 0, 6);
    pyhpp::object python_longest = expected.attr("find_longest_match")(0, 6, 0, 6);
    CHECK(longest.a == python_longest.attr("a").cast<std::int64_t>());
    CHECK(longest.size == python_longest.attr("size").cast<std::int64_t>());
}

TEST_CASE("unified_diff and get_close_matches") {
    pyhpp::object python = pyhpp::import("difflib");
    std::vector<std::string> before{"one\n", "two\n", "three\n"};
    std::vector<std::string> after{"one\n", "tree\n", "three\n", "four\n"};
    std::vector<std::string> lines;
    for (const std::string &line : difflib::unified_diff(before, after, "a.txt", "b.txt"))
        lines.push_back(line);
    CHECK(lines ==
          corpus::strings(python.attr("unified_diff")(
              corpus::eval("['one\\n', 'two\\n', 'three\\n']"),
              corpus::eval("['one\\n', 'tree\\n', 'three\\n', 'four\\n']"), "a.txt", "b.txt")));
    std::vector<std::string> words{"ape", "apple", "peach", "puppy"};
    CHECK(difflib::get_close_matches("appel", words) ==
          corpus::strings(python.attr("get_close_matches")(
              "appel", corpus::eval("['ape', 'apple', 'peach', 'puppy']"))));
}

// difflib through its generated wrapper, compared with the same calls made through Python.
#include <py/difflib.hpp>

#include "corpus_helpers.hpp"

#include <catch2/catch.hpp>

#include <string>

namespace difflib = py::difflib;

TEST_CASE("SequenceMatcher(...).ratio() is Python's ratio") {
    pyhpp::object python = pyhpp::import("difflib").attr("SequenceMatcher");
    for (auto [a, b] : {std::pair<std::string, std::string>{"abcd", "bcde"},
                        {"private Thread currentThread;", "private volatile Thread currentThread;"},
                        {"", "x"}}) {
        difflib::SequenceMatcher matcher(pyhpp::none(), a, b);
        pyhpp::object expected = python(pyhpp::none(), a, b);
        CHECK(matcher.ratio().cast<double>() == expected.attr("ratio")().cast<double>());
        CHECK(matcher.quick_ratio().cast<double>() ==
              expected.attr("quick_ratio")().cast<double>());
        CHECK(corpus::equal(matcher.get_opcodes(), expected.attr("get_opcodes")()));
    }
}

TEST_CASE("a SequenceMatcher with its sequences set later") {
    difflib::SequenceMatcher matcher;
    matcher.set_seqs("qabxcd", "abycdf");
    pyhpp::object expected =
        pyhpp::import("difflib").attr("SequenceMatcher")(pyhpp::none(), "qabxcd", "abycdf");
    CHECK(corpus::equal(matcher.get_matching_blocks(), expected.attr("get_matching_blocks")()));
    CHECK(corpus::equal(matcher.find_longest_match(0, 6, 0, 6),
                        expected.attr("find_longest_match")(0, 6, 0, 6)));
}

TEST_CASE("unified_diff and get_close_matches") {
    pyhpp::object python = pyhpp::import("difflib");
    pyhpp::object before = corpus::eval("['one\\n', 'two\\n', 'three\\n']");
    pyhpp::object after = corpus::eval("['one\\n', 'tree\\n', 'three\\n', 'four\\n']");
    CHECK(corpus::strings(difflib::unified_diff(before, after, "a.txt", "b.txt")) ==
          corpus::strings(python.attr("unified_diff")(before, after, "a.txt", "b.txt")));
    pyhpp::object words = corpus::eval("['ape', 'apple', 'peach', 'puppy']");
    CHECK(corpus::strings(difflib::get_close_matches("appel", words)) ==
          corpus::strings(python.attr("get_close_matches")("appel", words)));
}

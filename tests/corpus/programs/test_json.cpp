// json through its generated wrapper, compared with the same calls made through Python.
#include <py/json.hpp>

#include "corpus_helpers.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <tuple>

namespace json = py::json;

namespace {
const char *const document = "{'name': 'caf\\u00e9', 'sizes': [1, 2.5, None, True], "
                             "'nested': {'b': 1, 'a': []}}";
} // namespace

TEST_CASE("json.dumps writes what Python writes, and json.loads reads it back") {
    pyhpp::object value = corpus::eval(document);
    pyhpp::object python = pyhpp::import("json");

    // Typed from typeshed's stubs: dumps() returns a std::string.
    std::string text = json::dumps(value, json::kw::sort_keys = true);
    CHECK(text == python.attr("dumps").call({value}, {{"sort_keys", true}}).cast<std::string>());
    CHECK(corpus::equal(json::loads(text), value));

    std::string pretty = json::dumps(value, json::kw::indent = 2, json::kw::ensure_ascii = false);
    CHECK(pretty == python.attr("dumps")
                        .call({value}, {{"indent", 2}, {"ensure_ascii", false}})
                        .cast<std::string>());
    CHECK(corpus::equal(json::loads(pretty), value));
}

TEST_CASE("json.loads of bad JSON throws JSONDecodeError with Python's message") {
    auto expected = corpus::raised_by("import json", "json.loads('{\"a\": [1, 2,')");
    REQUIRE(expected.type_name == "json.decoder.JSONDecodeError");
    try {
        json::loads("{\"a\": [1, 2,");
        FAIL("json::loads accepted bad JSON");
    } catch (const json::JSONDecodeError &e) {
        CHECK(e.message() == expected.message);
        CHECK(e.type_name() == expected.type_name);
    }
}

TEST_CASE("JSONEncoder and JSONDecoder objects behave as Python's") {
    pyhpp::object value = corpus::eval(document);
    pyhpp::object separators = corpus::eval("(',', ':')");
    json::JSONEncoder encoder(json::kw::sort_keys = true,
                              json::kw::separators =
                                  std::tuple<std::string, std::string>(",", ":"));
    pyhpp::object python_encoder = pyhpp::import("json")
                                       .attr("JSONEncoder")
                                       .call({}, {{"sort_keys", true}, {"separators", separators}});
    std::string compact = encoder.encode(value);
    CHECK(compact == python_encoder.attr("encode")(value).cast<std::string>());

    json::JSONDecoder decoder;
    CHECK(corpus::equal(decoder.decode(compact), value));
    // raw_decode stops at the end of the first document: (value, index).
    std::string two = compact + " [1]";
    auto [decoded, end] = decoder.raw_decode(two); // tuple[Any, int]
    pyhpp::object expected = pyhpp::import("json").attr("JSONDecoder")().attr("raw_decode")(two);
    CHECK(corpus::equal(decoded, expected.item(0)));
    CHECK(end == expected.item(1).cast<std::int64_t>());
}

// PyYAML through its generated wrapper, compared with the same calls made through Python.
#include <py/yaml.hpp>

#include "corpus_helpers.hpp"

#include <catch2/catch.hpp>

#include <string>

namespace yaml = py::yaml;

namespace {
const char *const data = "{'name': 'pyhpp', 'versions': [3.8, 3.11], "
                         "'nested': {'ok': True, 'none': None, 'text': 'multi\\nline'}}";
} // namespace

TEST_CASE("yaml.safe_dump writes what Python writes, and safe_load reads it back") {
    pyhpp::object value = corpus::eval(data);
    pyhpp::object python = pyhpp::import("yaml");
    std::string text = yaml::safe_dump(value).cast<std::string>();
    CHECK(text == python.attr("safe_dump")(value).cast<std::string>());
    CHECK(corpus::equal(yaml::safe_load(text), value));

    // Keyword-only arguments of the stub (yaml-stubs), by name.
    std::string flow =
        yaml::safe_dump(value, yaml::kw::default_flow_style = true, yaml::kw::sort_keys = false)
            .cast<std::string>();
    CHECK(flow == python.attr("safe_dump")
                      .call({value}, {{"default_flow_style", true}, {"sort_keys", false}})
                      .cast<std::string>());
    CHECK(corpus::equal(yaml::safe_load(flow), value));
}

TEST_CASE("yaml.safe_load of bad YAML throws a YAMLError with Python's message") {
    auto expected = corpus::raised_by("import yaml", "yaml.safe_load('a: [1, 2')");
    try {
        yaml::safe_load("a: [1, 2");
        FAIL("safe_load accepted bad YAML");
    } catch (const yaml::YAMLError &e) {
        CHECK(e.message() == expected.message);
        CHECK(e.type_name() == expected.type_name);
    }
}

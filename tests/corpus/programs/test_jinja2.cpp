// Jinja2 through its generated wrapper (classes the package re-exports from its submodules),
// compared with the same calls made through Python.
#include <py/jinja2.hpp>

#include "corpus_helpers.hpp"

#include <catch2/catch.hpp>

#include <string>

namespace jinja2 = py::jinja2;

TEST_CASE("jinja2.Template renders what Python renders") {
    pyhpp::object python = pyhpp::import("jinja2").attr("Template");
    jinja2::Template hello("Hello {{ name }}!");
    CHECK(hello.render({}, {{"name", "World"}}) == python("Hello {{ name }}!")
                                                       .attr("render")
                                                       .call({}, {{"name", "World"}})
                                                       .cast<std::string>());

    const char *const loop = "{% for x in items %}{{ loop.index }}:{{ x|upper }} {% endfor %}";
    pyhpp::object items = corpus::eval("['a', 'b<c', 'd']");
    CHECK(jinja2::Template(loop).render({}, {{"items", items}}) ==
          python(loop).attr("render").call({}, {{"items", items}}).cast<std::string>());
}

TEST_CASE("an Environment compiles templates from strings") {
    jinja2::Environment environment;
    jinja2::Template page = environment.from_string("{{ title|title }}: {{ n * 2 }}");
    pyhpp::object python = pyhpp::import("jinja2").attr("Environment")().attr("from_string")(
        "{{ title|title }}: {{ n * 2 }}");
    CHECK(page.render({}, {{"title", "the answer"}, {"n", 21}}) ==
          python.attr("render").call({}, {{"title", "the answer"}, {"n", 21}}).cast<std::string>());
}

TEST_CASE("a template syntax error throws TemplateSyntaxError with Python's message") {
    auto expected = corpus::raised_by("import jinja2", "jinja2.Template('{% if %}')");
    REQUIRE(expected.type_name == "jinja2.exceptions.TemplateSyntaxError");
    try {
        jinja2::Template broken("{% if %}");
        FAIL("Template accepted '{% if %}'");
    } catch (const jinja2::TemplateSyntaxError &e) {
        CHECK(e.message() == expected.message);
    }
}

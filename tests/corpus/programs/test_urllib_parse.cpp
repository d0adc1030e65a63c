// urllib.parse through its generated wrapper, compared with the same calls made through Python.
#include <py/urllib/parse.hpp>

#include "corpus_helpers.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

namespace parse = py::urllib::parse;

namespace {
const std::string url = "https://user:pw@Example.com:8080/a/b;p?q=1&r=two+words#frag";
} // namespace

TEST_CASE("urlsplit gives Python's parts") {
    pyhpp::object python = pyhpp::import("urllib.parse");
    // A NamedTuple: a value struct of its fields (AnyStr in the stub, so pyhpp::object); its
    // properties (port, hostname) are Python's to compute.
    parse::SplitResult parts = parse::urlsplit(url);
    pyhpp::object expected = python.attr("urlsplit")(url);
    CHECK(parts.scheme.cast<std::string>() == expected.attr("scheme").cast<std::string>());
    CHECK(parts.netloc.cast<std::string>() == expected.attr("netloc").cast<std::string>());
    CHECK(parts.path.cast<std::string>() == expected.attr("path").cast<std::string>());
    CHECK(parts.query.cast<std::string>() == expected.attr("query").cast<std::string>());
    CHECK(parts.fragment.cast<std::string>() == expected.attr("fragment").cast<std::string>());
    std::vector<std::optional<std::string>> components{
        parts.scheme.cast<std::string>(), parts.netloc.cast<std::string>(),
        parts.path.cast<std::string>(), parts.query.cast<std::string>(),
        parts.fragment.cast<std::string>()};
    CHECK(parse::urlunsplit(components) == python.attr("urlunsplit")(expected).cast<std::string>());
}

TEST_CASE("quoting, query strings, joining") {
    pyhpp::object python = pyhpp::import("urllib.parse");
    const std::string raw = "a b&c/d\xc3\xa9";
    // Typed from typeshed's stubs: strings in, strings out.
    CHECK(parse::quote(raw) == python.attr("quote")(raw).cast<std::string>());
    CHECK(parse::quote_plus(raw) == python.attr("quote_plus")(raw).cast<std::string>());
    CHECK(parse::unquote(std::string("caf%C3%A9%20au%20lait")) == "caf\xc3\xa9 au lait");

    pyhpp::object query = corpus::eval("{'q': 'c++ & python', 'page': 2}");
    CHECK(parse::urlencode(query) == python.attr("urlencode")(query).cast<std::string>());
    using lists = std::map<std::string, std::vector<std::string>>;
    CHECK(parse::parse_qs(std::string("a=1&a=2&b=three")) ==
          lists{{"a", {"1", "2"}}, {"b", {"three"}}});
    CHECK(corpus::equal(python.attr("parse_qs")("a=1&a=2&b=three"),
                        corpus::eval("{'a': ['1', '2'], 'b': ['three']}")));
    using pairs = std::vector<std::tuple<std::string, std::string>>;
    CHECK(parse::parse_qsl(std::string("a=1&b=&c"), true) ==
          pairs{{"a", "1"}, {"b", ""}, {"c", ""}});
    CHECK(corpus::equal(python.attr("parse_qsl")("a=1&b=&c", true),
                        corpus::eval("[('a', '1'), ('b', ''), ('c', '')]")));
    CHECK(parse::urljoin("http://a/b/c/d;p?q", std::string("../g")) ==
          python.attr("urljoin")("http://a/b/c/d;p?q", "../g").cast<std::string>());
}

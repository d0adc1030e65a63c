// urllib.parse through its generated wrapper, compared with the same calls made through Python.
#include <py/urllib/parse.hpp>

#include "corpus_helpers.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <string>

namespace parse = py::urllib::parse;

namespace {
const std::string url = "https://user:pw@Example.com:8080/a/b;p?q=1&r=two+words#frag";
} // namespace

TEST_CASE("urlsplit gives Python's parts") {
    pyhpp::object python = pyhpp::import("urllib.parse");
    pyhpp::object parts = parse::urlsplit(url);
    pyhpp::object expected = python.attr("urlsplit")(url);
    CHECK(corpus::equal(parts, expected));
    for (const char *field :
         {"scheme", "netloc", "path", "query", "fragment", "username", "password", "hostname"})
        CHECK(parts.attr(field).cast<std::string>() == expected.attr(field).cast<std::string>());
    CHECK(parts.attr("port").cast<std::int64_t>() == expected.attr("port").cast<std::int64_t>());
    CHECK(parse::urlunsplit(parts).cast<std::string>() ==
          python.attr("urlunsplit")(expected).cast<std::string>());
}

TEST_CASE("quoting, query strings, joining") {
    pyhpp::object python = pyhpp::import("urllib.parse");
    const std::string raw = "a b&c/d\xc3\xa9";
    CHECK(parse::quote(raw).cast<std::string>() == python.attr("quote")(raw).cast<std::string>());
    CHECK(parse::quote_plus(raw).cast<std::string>() ==
          python.attr("quote_plus")(raw).cast<std::string>());
    CHECK(parse::unquote("caf%C3%A9%20au%20lait").cast<std::string>() == "caf\xc3\xa9 au lait");

    pyhpp::object query = corpus::eval("{'q': 'c++ & python', 'page': 2}");
    CHECK(parse::urlencode(query).cast<std::string>() ==
          python.attr("urlencode")(query).cast<std::string>());
    CHECK(corpus::equal(parse::parse_qs("a=1&a=2&b=three"),
                        python.attr("parse_qs")("a=1&a=2&b=three")));
    CHECK(corpus::equal(parse::parse_qsl("a=1&b=&c", true),
                        python.attr("parse_qsl")("a=1&b=&c", true)));
    CHECK(parse::urljoin("http://a/b/c/d;p?q", "../g").cast<std::string>() ==
          python.attr("urljoin")("http://a/b/c/d;p?q", "../g").cast<std::string>());
}

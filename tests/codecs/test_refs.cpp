// The live-container codecs: list_ref, dict_ref, set_ref borrow the very object (no copy).
#include <catch2/catch.hpp>

#include "codec_helpers.hpp"

using namespace codec_test;

namespace {
using int_list = codec::list_ref<codec::int_>;
using str_int_dict = codec::dict_ref<codec::str_, codec::int_>;
using str_set = codec::set_ref<codec::str_>;
} // namespace

TEST_CASE("refs: from Python, the same object; to Python, the same object again", "[refs]") {
    pyhpp::gil_acquire gil;
    pyhpp::object l = eval("[1, 2]");
    pyhpp::list<std::int64_t> lr = from_py<int_list>(l);
    CHECK(lr.is(l));
    lr.append(3);
    CHECK(l.repr() == "[1, 2, 3]");
    CHECK(to_py<int_list>(lr).is(l));

    pyhpp::object d = eval("{'a': 1}");
    auto dr = from_py<str_int_dict>(d);
    CHECK(dr.is(d));
    CHECK(dr.at("a") == 1);
    CHECK(to_py<str_int_dict>(dr).is(d));

    pyhpp::object s = eval("{'x'}");
    auto sr = from_py<str_set>(s);
    CHECK(sr.is(s));
    sr.add("y");
    CHECK(s.cast<std::set<std::string>>() == std::set<std::string>{"x", "y"});
    CHECK(to_py<str_set>(sr).is(s));
}

TEST_CASE("refs: other types are a type mismatch; frozenset is no set_ref", "[refs]") {
    pyhpp::gil_acquire gil;
    CHECK_THROWS_AS(from_py<int_list>("(1, 2)", "list[int]"), pyhpp::type_error);
    CHECK_THROWS_WITH(from_py<int_list>("(1, 2)", "list[int]"),
                      "TypeError: m.f() returned tuple, expected list[int]");
    CHECK_THROWS_WITH(from_py<str_int_dict>("[]", "dict[str, int]"),
                      "TypeError: m.f() returned list, expected dict[str, int]");
    CHECK_THROWS_WITH(from_py<str_set>("frozenset()", "set[str]"),
                      "TypeError: m.f() returned frozenset, expected set[str]");
    // Items are not checked on the way in: they are converted when read.
    auto lazy = from_py<int_list>("['no']");
    CHECK_THROWS_WITH(lazy.at(0), "TypeError: cannot cast str to std::int64_t (at [0])");
    CHECK(codec::name_of<int_list>() == std::string("list[int]"));
    CHECK(codec::name_of<str_int_dict>() == std::string("dict[str, int]"));
    CHECK(codec::name_of<str_set>() == std::string("set[str]"));
}

TEST_CASE("refs: exact means exactly list, dict, set", "[refs]") {
    pyhpp::gil_acquire gil;
    CHECK(exact<int_list>("[]"));
    CHECK_FALSE(exact<int_list>("()"));
    CHECK_FALSE(exact<int_list>("type('L', (list,), {})()"));
    CHECK(exact<str_int_dict>("{}"));
    CHECK_FALSE(exact<str_int_dict>("__import__('collections').OrderedDict()"));
    CHECK(exact<str_set>("set()"));
    CHECK_FALSE(exact<str_set>("frozenset()"));
    // Subclasses are accepted (isinstance), and a union prefers the exact alternative.
    auto sub = from_py<int_list>("type('L', (list,), {})([1])");
    CHECK(sub.size() == 1);
    using ref_or_tuple = codec::variant<codec::tuple_var<codec::int_>, int_list>;
    CHECK(from_py<ref_or_tuple>("[1]").index() == 1);
    CHECK(from_py<ref_or_tuple>("(1,)").index() == 0);
}

TEST_CASE("refs: reference counts balance, a null handle is refused", "[refs][refcount]") {
    pyhpp::gil_acquire gil;
    pyhpp::object l = eval("[1]");
    std::int64_t before = pyhpp_test::refcount(l);
    for (int i = 0; i < 100; ++i) {
        auto r = from_py<int_list>(l);
        CHECK(to_py<int_list>(r).is(l));
    }
    CHECK(pyhpp_test::refcount(l) == before);
    pyhpp::list<std::int64_t> null(pyhpp::detail::unchecked, pyhpp::object());
    CHECK(int_list::to_python(null) == nullptr);
    CHECK(PyErr_ExceptionMatches(PyExc_ValueError));
    PyErr_Clear();
}

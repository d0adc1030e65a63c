// Unions: exact types first, then each alternative's leniency; failures; exact() of every codec.
#include <catch2/catch.hpp>

#include "codec_helpers.hpp"

using namespace codec_test;

namespace {
struct rg {
    static bool contains(const std::string &s) { return s == "r" || s == "g"; }
    static constexpr const char *text = "Literal['r', 'g']";
};

/// A value whose copy throws, to make a valueless std::variant.
struct fragile {
    fragile() = default;
    fragile(const fragile &) { throw 1; }
    fragile &operator=(const fragile &) = default;
};
struct fragile_codec {
    using type = fragile;
    static PyObject *to_python(const fragile &) {
        Py_INCREF(Py_None);
        return Py_None;
    }
    static bool from_python(PyObject *o, fragile &, failure &f) { return f.type_mismatch(o); }
    static bool exact(PyObject *) noexcept { return false; }
};
} // namespace

TEST_CASE("variant: an exact type wins over an earlier lenient alternative", "[variant]") {
    pyhpp::gil_acquire gil;
    using int_float = codec::variant<codec::int_, codec::float_>;
    using float_int = codec::variant<codec::float_, codec::int_>;
    CHECK(from_py<int_float>("3") == int_float::type(std::int64_t{3}));
    CHECK(from_py<int_float>("3.5") == int_float::type(3.5));
    CHECK(from_py<float_int>("3").index() == 1); // not 3.0: int is exact
    CHECK(from_py<float_int>("3.5") == float_int::type(3.5));

    using bool_int = codec::variant<codec::bool_, codec::int_>;
    using int_bool = codec::variant<codec::int_, codec::bool_>;
    CHECK(from_py<bool_int>("True") == bool_int::type(true));
    CHECK(from_py<int_bool>("True") == int_bool::type(true)); // a bool is not exactly an int
    CHECK(from_py<int_bool>("False") == int_bool::type(false));
    CHECK(from_py<int_bool>("7") == int_bool::type(std::int64_t{7}));
}

TEST_CASE("variant: with no exact alternative, the first lenient one takes it", "[variant]") {
    pyhpp::gil_acquire gil;
    using float_str = codec::variant<codec::float_, codec::str_>;
    CHECK(from_py<float_str>("3") == float_str::type(3.0));
    CHECK(from_py<float_str>("'x'") == float_str::type(std::string("x")));
    // A bytearray is not exactly bytes, but bytes_ accepts it.
    using int_bytes = codec::variant<codec::int_, codec::bytes_>;
    CHECK(from_py<int_bytes>("bytearray(b'ab')") == int_bytes::type(pyhpp::bytes{'a', 'b'}));
    // object_ is never exact: it takes only what nothing else does.
    using any_int = codec::variant<codec::object_, codec::int_>;
    CHECK(from_py<any_int>("4").index() == 1);
    CHECK(from_py<any_int>("'s'").index() == 0);
}

TEST_CASE("variant: round trips by index, also for alternatives of the same C++ type",
          "[variant]") {
    pyhpp::gil_acquire gil;
    using seqs = codec::variant<codec::list<codec::int_>, codec::tuple_var<codec::int_>>;
    seqs::type as_list(std::in_place_index<0>, std::vector<std::int64_t>{1, 2});
    seqs::type as_tuple(std::in_place_index<1>, std::vector<std::int64_t>{1, 2});
    CHECK(to_py<seqs>(as_list).repr() == "[1, 2]");
    CHECK(to_py<seqs>(as_tuple).repr() == "(1, 2)");
    CHECK(from_py<seqs>("(1, 2)") == as_tuple);
    CHECK(from_py<seqs>("[1, 2]") == as_list);
    CHECK(from_py<seqs>("range(1, 3)") == as_list); // any sequence: the first lenient one

    using int_str = codec::variant<codec::int_, codec::str_>;
    CHECK(to_py<int_str>(std::int64_t{5}).repr() == "5");
    CHECK(to_py<int_str>(std::string("five")).repr() == "'five'");

    using maybe = codec::optional<codec::variant<codec::int_, codec::str_>>;
    CHECK_FALSE(from_py<maybe>("None").has_value());
    CHECK(from_py<maybe>("'a'") == maybe::type(int_str::type(std::string("a"))));
    CHECK(to_py<maybe>(std::nullopt).is_none());

    using nested =
        codec::variant<codec::int_, codec::list<codec::variant<codec::int_, codec::str_>>>;
    auto v = from_py<nested>("[1, 'a']");
    REQUIRE(v.index() == 1);
    CHECK(std::get<1>(v) == std::vector<int_str::type>{std::int64_t{1}, std::string("a")});
}

TEST_CASE("variant: a value no alternative takes is a type mismatch of the union", "[variant]") {
    pyhpp::gil_acquire gil;
    using int_str = codec::variant<codec::int_, codec::str_>;
    CHECK_THROWS_AS(from_py<int_str>("[1]", "int | str"), pyhpp::type_error);
    CHECK_THROWS_WITH(from_py<int_str>("[1]", "int | str"),
                      "TypeError: m.f() returned list, expected int | str");
    // Inside a container, the path leads to it.
    using many = codec::list<int_str>;
    CHECK_THROWS_WITH(from_py<many>("[1, 'a', 2.5]", "list[int | str]"),
                      "TypeError: m.f() returned list, expected list[int | str]: item [2] is "
                      "float");
    // A literal alternative that does not allow the value lets the next one try.
    using lit_int = codec::variant<codec::literal<codec::str_, rg>, codec::int_>;
    CHECK_THROWS_WITH(from_py<lit_int>("'b'", "Literal['r', 'g'] | int"),
                      "TypeError: m.f() returned str, expected Literal['r', 'g'] | int");
    using lit_str = codec::variant<codec::literal<codec::str_, rg>, codec::str_>;
    CHECK(from_py<lit_str>("'r'").index() == 0);
    CHECK(from_py<lit_str>("'b'").index() == 1);
}

TEST_CASE("variant: a failed attempt leaves no Python error behind", "[variant]") {
    pyhpp::gil_acquire gil;
    // A lone surrogate: str_ fails with UnicodeEncodeError pending; int_ does not match.
    using str_int = codec::variant<codec::str_, codec::int_>;
    str_int::type out;
    failure f;
    CHECK_FALSE(convert<str_int>("'\\ud800'", out, f));
    CHECK(f.what == failure::kind::type);
    CHECK(f.actual() == "str");
    CHECK_FALSE(PyErr_Occurred());
    // ... and the next alternative is still tried.
    using str_any = codec::variant<codec::str_, codec::object_>;
    str_any::type any;
    failure g;
    REQUIRE(convert<str_any>("'\\ud800'", any, g));
    CHECK(any.index() == 1);
    CHECK_FALSE(PyErr_Occurred());
}

TEST_CASE("variant: a valueless variant is not sent", "[variant]") {
    pyhpp::gil_acquire gil;
    using both = codec::variant<codec::int_, fragile_codec>;
    both::type v(std::int64_t{1});
    fragile source;
    CHECK_THROWS_AS(v.emplace<1>(source), int); // the copy throws: v is left valueless
    REQUIRE(v.valueless_by_exception());
    CHECK(both::to_python(v) == nullptr);
    CHECK(PyErr_ExceptionMatches(PyExc_ValueError));
    PyErr_Clear();
}

TEST_CASE("variant: reference counts balance", "[variant][refcount]") {
    pyhpp::gil_acquire gil;
    using any_int = codec::variant<codec::int_, codec::object_>;
    pyhpp::object held = eval("object()");
    std::int64_t before = pyhpp_test::refcount(held);
    for (int i = 0; i < 100; ++i) {
        auto v = from_py<any_int>(held);
        pyhpp::object back = to_py<any_int>(v);
        CHECK(back.ptr() == held.ptr());
    }
    CHECK(pyhpp_test::refcount(held) == before);
    pyhpp::object text = eval("'unchanged by failed attempts'");
    before = pyhpp_test::refcount(text);
    using int_float = codec::variant<codec::int_, codec::float_>;
    for (int i = 0; i < 100; ++i) {
        int_float::type out;
        failure f;
        CHECK_FALSE(int_float::from_python(text.ptr(), out, f));
    }
    CHECK(pyhpp_test::refcount(text) == before);
}

TEST_CASE("exact: every codec's own Python type, and nothing else", "[variant][exact]") {
    pyhpp::gil_acquire gil;
    CHECK(exact<codec::int_>("3"));
    CHECK_FALSE(exact<codec::int_>("True"));
    CHECK_FALSE(exact<codec::int_>("Level.HIGH"));
    CHECK(exact<codec::float_>("3.5"));
    CHECK_FALSE(exact<codec::float_>("3"));
    CHECK(exact<codec::bool_>("False"));
    CHECK_FALSE(exact<codec::bool_>("0"));
    CHECK(exact<codec::str_>("'s'"));
    CHECK_FALSE(exact<codec::str_>("Shade.DARK"));
    CHECK(exact<codec::bytes_>("b'x'"));
    CHECK_FALSE(exact<codec::bytes_>("bytearray(b'x')"));
    CHECK_FALSE(exact<codec::object_>("None"));
    CHECK(exact<codec::optional<codec::int_>>("None"));
    CHECK(exact<codec::optional<codec::int_>>("1"));
    CHECK_FALSE(exact<codec::optional<codec::int_>>("1.0"));
    CHECK(exact<codec::list<codec::int_>>("[]"));
    CHECK_FALSE(exact<codec::list<codec::int_>>("()"));
    CHECK(exact<codec::tuple_var<codec::int_>>("()"));
    CHECK_FALSE(exact<codec::tuple_var<codec::int_>>("[]"));
    CHECK(exact<codec::tuple<codec::int_, codec::str_>>("(1, 'a')"));
    CHECK_FALSE(exact<codec::tuple<codec::int_, codec::str_>>("(1,)"));
    CHECK(exact<codec::dict<codec::str_, codec::int_>>("{}"));
    CHECK_FALSE(exact<codec::dict<codec::str_, codec::int_>>("[]"));
    CHECK(exact<codec::set<codec::int_>>("set()"));
    CHECK_FALSE(exact<codec::set<codec::int_>>("frozenset()"));
    CHECK(exact<codec::frozenset<codec::int_>>("frozenset()"));
    CHECK_FALSE(exact<codec::frozenset<codec::int_>>("set()"));
    CHECK(exact<codec::variant<codec::int_, codec::str_>>("'a'"));
    CHECK_FALSE(exact<codec::variant<codec::int_, codec::str_>>("1.5"));
    CHECK(exact<codec::literal<codec::str_, rg>>("'zzz'")); // the type only
    CHECK(exact<codec::complex>("1j"));
    CHECK_FALSE(exact<codec::complex>("1.0"));
    CHECK(exact<codec::path>("pathlib.Path('a')"));
    CHECK(exact<codec::path>("Dir('a')"));
    CHECK_FALSE(exact<codec::path>("'a'"));
    CHECK_FALSE(exact<codec::path>("b'a'"));
    CHECK(exact<codec::datetime>("datetime(2000, 1, 1)"));
    CHECK_FALSE(exact<codec::datetime>("date(2000, 1, 1)"));
    CHECK(exact<codec::date>("date(2000, 1, 1)"));
    CHECK_FALSE(exact<codec::date>("datetime(2000, 1, 1)"));
    CHECK(exact<codec::time>("time(1)"));
    CHECK(exact<codec::timedelta>("timedelta(1)"));
    CHECK_FALSE(exact<codec::timedelta>("1"));
    CHECK_FALSE(PyErr_Occurred());
}

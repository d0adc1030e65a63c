// pyhpp::to_object and object::cast<T>: every type, nested; errors with positions; the hooks of
// generated enums and value structs; class wrappers inside containers.
#include <catch2/catch.hpp>

#include "../support/python_helpers.hpp"

#include <pyhpp/detail/cast_hooks.hpp>
#include <pyhpp/detail/codecs.hpp>

#include <complex>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <type_traits>
#include <variant>
#include <vector>

using Catch::Matchers::Contains;
using pyhpp_test::refcount;
using pyhpp_test::run;

namespace {
/// The value of a Python expression (with datetime, enum, fractions and pathlib imported).
pyhpp::object eval(const std::string &expr) {
    static const pyhpp::object ns = run("import datetime, enum, fractions, pathlib\n"
                                        "from datetime import date, time, timedelta, timezone\n"
                                        "class Level(enum.IntEnum):\n    LOW = 1\n    HIGH = 10\n");
    static const pyhpp::object builtin_eval = pyhpp::import("builtins").attr("eval");
    return builtin_eval(expr, ns);
}
/// Python's `a == eval(expr) and type(a) is type(eval(expr))`.
bool same(const pyhpp::object &a, const std::string &expr) {
    pyhpp::object ns = run("def same(a, b):\n    return a == b and type(a) is type(b)\n");
    return ns.item("same")(a, eval(expr)).cast<bool>();
}
} // namespace

// A generated enum and a generated value struct, with the hooks the generator emits.
namespace hooktest {
enum class level : std::int64_t { low = 1, high = 10 };
pyhpp::object pyhpp_to_object(const level &value);
level pyhpp_from_object(pyhpp::type_tag<level>, const pyhpp::object &value);

struct meters {
    std::int64_t value;
    bool operator<(const meters &other) const { return value < other.value; }
    bool operator==(const meters &other) const { return value == other.value; }
};
pyhpp::object pyhpp_to_object(const meters &value);
meters pyhpp_from_object(pyhpp::type_tag<meters>, const pyhpp::object &value);

/// A class wrapper of fractions.Fraction, as generated.
class fraction : public pyhpp::object {
  public:
    fraction(pyhpp::detail::unchecked_t, pyhpp::object o) : pyhpp::object(std::move(o)) {}
    static void pyhpp_check(const pyhpp::object &o);
};
} // namespace hooktest

namespace hooktest {
namespace {
struct level_class {
    static ::PyObject *get() {
        static const pyhpp::object cls = eval("Level");
        return cls.ptr();
    }
};
struct level_traits {
    static constexpr bool by_value = true;
};
using level_codec = pyhpp::detail::codec::enumeration<level, level_class, level_traits>;

/// A value struct holding one int.
struct meters_codec {
    using type = meters;
    static ::PyObject *to_python(const meters &m) noexcept {
        return pyhpp::detail::codec::int_::to_python(m.value);
    }
    static bool from_python(::PyObject *o, meters &out, pyhpp::detail::failure &f) {
        return pyhpp::detail::codec::int_::from_python(o, out.value, f);
    }
    static bool exact(::PyObject *o) noexcept { return pyhpp::detail::codec::int_::exact(o); }
};
int hook_calls = 0;
} // namespace

pyhpp::object pyhpp_to_object(const level &value) {
    ++hook_calls;
    return pyhpp::detail::to_object_with<level_codec>(value);
}
level pyhpp_from_object(pyhpp::type_tag<level>, const pyhpp::object &value) {
    ++hook_calls;
    return pyhpp::detail::from_object_with<level_codec>(value, "hooktest::level");
}
pyhpp::object pyhpp_to_object(const meters &value) {
    return pyhpp::detail::to_object_with<meters_codec>(value);
}
meters pyhpp_from_object(pyhpp::type_tag<meters>, const pyhpp::object &value) {
    return pyhpp::detail::from_object_with<meters_codec>(value, "hooktest::meters");
}
void fraction::pyhpp_check(const pyhpp::object &o) {
    static const pyhpp::object cls = eval("fractions.Fraction");
    pyhpp::detail::gil_scope gil("hooktest::fraction");
    pyhpp::detail::check_instance(o, cls.ptr(), "hooktest::fraction");
}
} // namespace hooktest

TEST_CASE("cast: scalars round-trip with their Python types", "[cast]") {
    CHECK(same(pyhpp::to_object(true), "True"));
    CHECK(same(pyhpp::to_object(std::int64_t{-5}), "-5"));
    CHECK(same(pyhpp::to_object(7), "7"));
    CHECK(same(pyhpp::to_object(2.5), "2.5"));
    CHECK(same(pyhpp::to_object(std::string("h\xc3\xa9")), "'h\\xe9'"));
    CHECK(same(pyhpp::to_object(pyhpp::bytes{1, 2}), "b'\\x01\\x02'"));
    CHECK(same(pyhpp::to_object(std::complex<double>(1, -2)), "1-2j"));
    CHECK(eval("3-4j").cast<std::complex<double>>() == std::complex<double>(3, -4));
    CHECK(eval("2").cast<std::complex<double>>() == std::complex<double>(2, 0));
    CHECK(eval("2").cast<double>() == 2.0);
    pyhpp::object obj = eval("object()");
    CHECK(pyhpp::to_object(obj).is(obj));
    CHECK(obj.cast<pyhpp::object>().is(obj));
    CHECK(pyhpp::to_object(pyhpp::object()).is_none());
}

TEST_CASE("cast: chrono types and paths", "[cast]") {
    pyhpp::date d = pyhpp::make_date(2024, 2, 29);
    CHECK(same(pyhpp::to_object(d), "date(2024, 2, 29)"));
    CHECK(eval("date(2024, 2, 29)").cast<pyhpp::date>() == d);
    pyhpp::datetime dt = pyhpp::datetime(d.time_since_epoch()) + std::chrono::hours(1);
    CHECK(same(pyhpp::to_object(dt), "datetime.datetime(2024, 2, 29, 1, 0, tzinfo=timezone.utc)"));
    CHECK(eval("datetime.datetime(2024, 2, 29, 1, 0)").cast<pyhpp::datetime>() == dt);
    CHECK(same(pyhpp::to_object(std::chrono::microseconds(1500000)),
               "timedelta(seconds=1, microseconds=500000)"));
    CHECK(eval("timedelta(days=-1)").cast<std::chrono::microseconds>() == std::chrono::hours(-24));
    // pyhpp::time_of_day is std::chrono::microseconds: a datetime.time converts to it too.
    CHECK(eval("time(1, 2, 3)").cast<pyhpp::time_of_day>() ==
          std::chrono::hours(1) + std::chrono::minutes(2) + std::chrono::seconds(3));
    CHECK(same(pyhpp::to_object(std::filesystem::path("/tmp/x")), "pathlib.Path('/tmp/x')"));
    CHECK(eval("pathlib.Path('/a/b')").cast<std::filesystem::path>() == "/a/b");
    CHECK(eval("'/c'").cast<std::filesystem::path>() == "/c");
    CHECK_THROWS_WITH(eval("3").cast<std::filesystem::path>(),
                      "TypeError: cannot cast int to std::filesystem::path");
    CHECK_THROWS_WITH(eval("3").cast<pyhpp::date>(), "TypeError: cannot cast int to pyhpp::date");
}

TEST_CASE("cast: nested containers round-trip", "[cast]") {
    using nested = std::map<std::string, std::vector<std::optional<std::int64_t>>>;
    nested value{{"a", {1, std::nullopt, 3}}, {"b", {}}};
    pyhpp::object o = pyhpp::to_object(value);
    CHECK(o.repr() == "{'a': [1, None, 3], 'b': []}");
    CHECK(o.cast<nested>() == value);
    CHECK(eval("{'x': (1, None)}").cast<nested>() == nested{{"x", {1, std::nullopt}}});

    using row = std::tuple<std::string, double, std::set<std::int64_t>>;
    row r{"r", 0.5, {3, 1}};
    pyhpp::object t = pyhpp::to_object(r);
    CHECK(t.repr() == "('r', 0.5, {1, 3})");
    CHECK(t.cast<row>() == r);
    CHECK(eval("('r', 1, frozenset({2}))").cast<row>() == row{"r", 1.0, {2}});

    std::map<std::int64_t, std::set<std::string>> by_int{{2, {"b", "a"}}};
    std::string text = pyhpp::to_object(by_int).repr();
    CHECK((text == "{2: {'a', 'b'}}" || text == "{2: {'b', 'a'}}"));
    CHECK(pyhpp::to_object(by_int).cast<decltype(by_int)>() == by_int);
    std::map<std::tuple<std::int64_t, std::int64_t>, bool> by_pair{{{1, 2}, true}};
    CHECK(pyhpp::to_object(by_pair).repr() == "{(1, 2): True}");
    CHECK(pyhpp::to_object(by_pair).cast<decltype(by_pair)>() == by_pair);
    CHECK(eval("b'ab'").cast<pyhpp::bytes>() == pyhpp::bytes{'a', 'b'});
    CHECK(eval("range(3)").cast<std::vector<int>>() == std::vector<int>{0, 1, 2});
    CHECK(pyhpp::to_object(std::vector<pyhpp::object>{1, "a"}).repr() == "[1, 'a']");
}

TEST_CASE("cast: errors name the C++ type, the Python type and the position", "[cast]") {
    CHECK_THROWS_AS(eval("[1, 2, 'x']").cast<std::vector<std::int64_t>>(), pyhpp::type_error);
    CHECK_THROWS_WITH(eval("[1, 2, 'x']").cast<std::vector<std::int64_t>>(),
                      "TypeError: cannot cast str to std::int64_t (at [2])");
    using nested = std::map<std::string, std::vector<std::optional<std::int64_t>>>;
    CHECK_THROWS_WITH(eval("{'a': [1, None], 'b': [2, 2.5]}").cast<nested>(),
                      "TypeError: cannot cast float to std::int64_t (at ['b'][1])");
    CHECK_THROWS_WITH(eval("{1: []}").cast<nested>(),
                      "TypeError: cannot cast int to std::string (at [key])");
    CHECK_THROWS_WITH(eval("'abc'").cast<std::vector<std::string>>(),
                      "TypeError: cannot cast str to std::vector<std::string>");
    CHECK_THROWS_WITH(eval("(1, 2)").cast<std::tuple<std::int64_t>>(),
                      "TypeError: cannot cast tuple to std::tuple<std::int64_t>");
    CHECK_THROWS_WITH((eval("(1, 'a')").cast<std::tuple<std::int64_t, std::int64_t>>()),
                      "TypeError: cannot cast str to std::int64_t (at [1])");
    CHECK_THROWS_WITH(eval("[1]").cast<std::set<std::int64_t>>(),
                      "TypeError: cannot cast list to std::set<std::int64_t>");
    CHECK_THROWS_WITH(eval("{1, 'a'}").cast<std::set<std::int64_t>>(),
                      "TypeError: cannot cast str to std::int64_t (at {item})");
    CHECK_THROWS_WITH(eval("1").cast<std::optional<std::string>>(),
                      "TypeError: cannot cast int to std::string");
    CHECK_THROWS_WITH(pyhpp::object().cast<std::int64_t>(),
                      "ValueError: cannot cast a null handle to std::int64_t");
}

TEST_CASE("cast: overflow and bool are refused as the codecs refuse them", "[cast]") {
    CHECK_THROWS_AS(eval("[0, 2**70]").cast<std::vector<std::int64_t>>(), pyhpp::overflow_error);
    CHECK_THROWS_WITH(eval("[0, 2**70]").cast<std::vector<std::int64_t>>(),
                      "OverflowError: cannot cast 1180591620717411303424 to std::int64_t (at "
                      "[1]): it does not fit");
    CHECK_THROWS_WITH(eval("2**40").cast<int>(),
                      "OverflowError: cannot cast 1099511627776 to int: it does not fit");
    CHECK_THROWS_WITH(eval("[1]").cast<std::vector<bool>>(),
                      "TypeError: cannot cast int to bool (at [0])");
    CHECK(eval("[True]").cast<std::vector<std::int64_t>>() == std::vector<std::int64_t>{1});
    CHECK_THROWS_AS(eval("10**400").cast<double>(), pyhpp::overflow_error);
}

TEST_CASE("cast: variants choose the exact type first, then the first that converts",
          "[cast][variant]") {
    using bool_int = std::variant<bool, std::int64_t>;
    CHECK(eval("True").cast<bool_int>() == bool_int(true));
    CHECK(eval("1").cast<bool_int>() == bool_int(std::int64_t{1}));
    using int_bool = std::variant<std::int64_t, bool>;
    CHECK(eval("True").cast<int_bool>().index() == 1);
    using int_float = std::variant<std::int64_t, double>;
    CHECK(eval("3").cast<int_float>().index() == 0);
    CHECK(eval("3.5").cast<int_float>().index() == 1);
    using float_str = std::variant<double, std::string>;
    CHECK(eval("3").cast<float_str>() == float_str(3.0));
    using list_or_tuple = std::variant<std::vector<std::int64_t>, std::tuple<std::int64_t>>;
    CHECK(eval("(1,)").cast<list_or_tuple>().index() == 1);
    CHECK(eval("(1, 2)").cast<list_or_tuple>().index() == 0);
    using opt = std::variant<std::optional<std::string>, std::int64_t>;
    CHECK(eval("None").cast<opt>().index() == 0);
    CHECK_THROWS_WITH(eval("[2.5]").cast<std::vector<int_bool>>(),
                      "TypeError: cannot cast float to std::variant<std::int64_t, bool> (at [0])");
    // A str with lone surrogates fails with a Python error; the next alternative is tried.
    using str_obj = std::variant<std::string, pyhpp::object>;
    CHECK(eval("'\\udc80'").cast<str_obj>().index() == 1);
    CHECK(same(pyhpp::to_object(int_float(2.5)), "2.5"));
    CHECK(same(pyhpp::to_object(bool_int(false)), "False"));
}

TEST_CASE("cast: std::function both ways", "[cast][function]") {
    std::function<std::int64_t(std::int64_t, const std::string &)> add = [](std::int64_t a,
                                                                            const std::string &b) {
        return a + static_cast<std::int64_t>(b.size());
    };
    pyhpp::object f = pyhpp::to_object(add);
    CHECK(f(40, "ab").cast<std::int64_t>() == 42);
    CHECK_THROWS_AS(f("x", "ab"), pyhpp::type_error);
    CHECK_THROWS_WITH(f("x", "ab"),
                      Contains("C++ callback std::function<std::int64_t(std::int64_t, "
                               "std::string)>: argument 1: cannot cast str to std::int64_t"));
    CHECK_THROWS_WITH(f(1), Contains("takes 2 arguments (1 given)"));
    pyhpp::object ns = run("def apply(f):\n    return f(40, 'ab')\n"
                           "def twice(x):\n    return [x, x]\n"
                           "def bad(x):\n    return 'no'\n");
    CHECK(ns.item("apply")(f).cast<std::int64_t>() == 42);

    auto twice = ns.item("twice").cast<std::function<std::vector<std::string>(std::string)>>();
    CHECK(twice("a") == std::vector<std::string>{"a", "a"});
    auto bad = ns.item("bad").cast<std::function<std::int64_t(std::int64_t)>>();
    CHECK_THROWS_WITH(bad(1), "TypeError: cannot cast str to std::int64_t");
    // Back to Python: the original object.
    CHECK(pyhpp::to_object(twice).is(ns.item("twice")));
    std::function<void(std::int64_t)> sink = [](std::int64_t) {};
    CHECK(pyhpp::to_object(sink)(1).is_none());
    CHECK(pyhpp::to_object(std::function<void()>()).is_none());
    CHECK_THROWS_WITH(eval("3").cast<std::function<void()>>(),
                      "TypeError: cannot cast int to std::function<void()>");
}

TEST_CASE("cast: std::function of any positional arguments both ways", "[cast][function]") {
    // Callable[..., R]: the arguments are objects, as many as the caller passes.
    using any_int = std::function<std::int64_t(const std::vector<pyhpp::object> &)>;
    any_int count = [](const std::vector<pyhpp::object> &args) {
        return static_cast<std::int64_t>(args.size());
    };
    pyhpp::object f = pyhpp::to_object(count);
    CHECK(f().cast<std::int64_t>() == 0);
    CHECK(f(1, "two", 3.0).cast<std::int64_t>() == 3);
    pyhpp::object ns = run("def total(*xs):\n    return sum(xs)\n"
                           "def text(*xs):\n    return 'no'\n");
    auto total = ns.item("total").cast<any_int>();
    CHECK(total({pyhpp::object(40), pyhpp::object(2)}) == 42);
    CHECK(total({}) == 0);
    CHECK_THROWS_WITH(ns.item("text").cast<any_int>()({}),
                      "TypeError: cannot cast str to std::int64_t");
    CHECK(pyhpp::to_object(total).is(ns.item("total")));
    std::function<void(const std::vector<pyhpp::object> &)> sink =
        [](const std::vector<pyhpp::object> &) {};
    CHECK(pyhpp::to_object(sink)(1, 2).is_none());
    CHECK_THROWS_WITH(eval("3").cast<any_int>(),
                      "TypeError: cannot cast int to std::function<std::int64_t(const "
                      "std::vector<pyhpp::object> &)>");
}

TEST_CASE("cast: generated enums and value structs go through their ADL hooks", "[cast][hook]") {
    hooktest::hook_calls = 0;
    auto levels = eval("[Level.LOW, 10]").cast<std::vector<hooktest::level>>();
    CHECK(levels == std::vector<hooktest::level>{hooktest::level::low, hooktest::level::high});
    CHECK(hooktest::hook_calls == 2);
    pyhpp::object m = pyhpp::to_object(std::map<std::string, hooktest::level>{
        {"a", hooktest::level::high}, {"b", hooktest::level::low}});
    CHECK(m.repr() == "{'a': <Level.HIGH: 10>, 'b': <Level.LOW: 1>}");
    CHECK(hooktest::hook_calls == 4);
    CHECK_THROWS_AS(eval("[1, 5]").cast<std::vector<hooktest::level>>(), pyhpp::value_error);
    CHECK_THROWS_WITH(eval("[1, 5]").cast<std::vector<hooktest::level>>(),
                      Contains("hooktest::level (at [1])") && Contains("5 is not a valid Level"));

    CHECK(eval("{2: 3}").cast<std::map<hooktest::meters, std::int64_t>>() ==
          std::map<hooktest::meters, std::int64_t>{{hooktest::meters{2}, 3}});
    CHECK_THROWS_AS(eval("[1, 'x']").cast<std::vector<hooktest::meters>>(), pyhpp::type_error);
    CHECK_THROWS_WITH(eval("[1, 'x']").cast<std::vector<hooktest::meters>>(),
                      "TypeError: cannot cast str to hooktest::meters (at [1])");
    CHECK_THROWS_WITH(eval("'x'").cast<hooktest::meters>(),
                      "TypeError: cannot cast str to hooktest::meters");
    CHECK_THROWS_WITH(eval("[2**64]").cast<std::vector<hooktest::meters>>(),
                      Contains("OverflowError") && Contains("(at [0])"));
    using str_or_meters = std::variant<std::string, hooktest::meters>;
    CHECK(std::get<1>(eval("3").cast<str_or_meters>()).value == 3);
    CHECK(eval("'m'").cast<str_or_meters>().index() == 0);
    CHECK(pyhpp::to_object(std::vector<hooktest::meters>{{4}}).repr() == "[4]");
}

TEST_CASE("cast: class wrappers inside containers", "[cast][wrapper]") {
    auto fs = eval("[fractions.Fraction(1, 2)]").cast<std::vector<hooktest::fraction>>();
    REQUIRE(fs.size() == 1);
    CHECK(fs[0].repr() == "Fraction(1, 2)");
    CHECK(pyhpp::to_object(fs).repr() == "[Fraction(1, 2)]");
    CHECK_THROWS_WITH(eval("[fractions.Fraction(1, 2), 3]").cast<std::vector<hooktest::fraction>>(),
                      "TypeError: cannot cast int to hooktest::fraction (at [1])");
    CHECK_THROWS_WITH(eval("3").cast<hooktest::fraction>(),
                      "TypeError: cannot cast int to hooktest::fraction");
    using frac_or_int = std::variant<hooktest::fraction, std::int64_t>;
    CHECK(eval("3").cast<frac_or_int>().index() == 1);
}

TEST_CASE("cast: reference counts balance", "[cast][refcount]") {
    pyhpp::object item = eval("'shared-item'");
    pyhpp::object list = pyhpp::to_object(std::vector<pyhpp::object>{item, item});
    std::int64_t item_before = refcount(item);
    std::int64_t list_before = refcount(list);
    for (int i = 0; i < 200; ++i) {
        CHECK(list.cast<std::vector<std::string>>().size() == 2);
        CHECK(list.cast<std::vector<pyhpp::object>>().size() == 2);
        CHECK_THROWS(list.cast<std::vector<std::int64_t>>());
        CHECK(pyhpp::to_object(std::map<std::string, pyhpp::object>{{"k", item}}).repr() ==
              "{'k': 'shared-item'}");
    }
    CHECK(refcount(item) == item_before);
    CHECK(refcount(list) == list_before);
}

// pyhpp::other: a variant's alternative for what C++ cannot name. A string literal or a number
// picks the variant's own alternative (pyhpp::object would make both conversions ambiguous).
static_assert(std::is_constructible_v<std::variant<std::string, pyhpp::other>, const char *>);
static_assert(std::is_constructible_v<std::variant<std::int64_t, pyhpp::other>, std::int64_t>);
static_assert(!std::is_convertible_v<const char *, pyhpp::other>);

TEST_CASE("cast: pyhpp::other takes any object, after the variant's own alternatives", "[cast]") {
    using either = std::variant<std::string, pyhpp::other>;
    either text = pyhpp::object("x").cast<either>();
    REQUIRE(std::holds_alternative<std::string>(text));
    CHECK(std::get<std::string>(text) == "x");
    pyhpp::object seven(7);
    either number = seven.cast<either>();
    REQUIRE(std::holds_alternative<pyhpp::other>(number));
    CHECK(std::get<pyhpp::other>(number).is(seven));
    either given = pyhpp::other(seven);
    CHECK(pyhpp::to_object(given).is(seven));
    CHECK(pyhpp::to_object(either("y")).cast<std::string>() == "y");
}

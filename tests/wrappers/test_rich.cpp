// Generated wrappers of rich types: unions, literals, dates, paths, complex numbers,
// callbacks both ways, lazy iterators, dataclasses and cross-module classes.
#include <catch2/catch.hpp>

#include <py/wrapped_classes/rich.hpp>

#include <stdexcept>
#include <thread>

namespace rich = py::wrapped_classes::rich;
namespace shapes = py::wrapped_classes::shapes;
using namespace std::chrono_literals;

TEST_CASE("rich: unions match exact types first", "[rich]") {
    CHECK(rich::kind(std::int64_t{3}) == "int");
    CHECK(rich::kind(2.5) == "float");
    CHECK(rich::kind(true) == "bool");
    CHECK(rich::kind(std::string("s")) == "str");
    CHECK(std::get<std::int64_t>(*rich::echo_union(std::int64_t{7})) == 7);
    CHECK(std::get<std::string>(*rich::echo_union(std::string("x"))) == "x");
    CHECK_FALSE(rich::echo_union(std::nullopt).has_value());
}

TEST_CASE("rich: literals are checked both ways", "[rich]") {
    CHECK(rich::direction("up") == "up");
    CHECK_THROWS_AS(rich::direction("left"), pyhpp::value_error);
    CHECK(rich::level(2) == 20);
    CHECK_THROWS_AS(rich::level(4), pyhpp::value_error);
}

TEST_CASE("rich: dates, paths and complex numbers", "[rich]") {
    pyhpp::datetime t{std::chrono::seconds(1700000000) + 250us};
    CHECK(rich::next_day(t) - t == std::chrono::hours(24));
    pyhpp::date monday = pyhpp::make_date(2023, 11, 13);
    CHECK(rich::weekday(monday) == 0);
    CHECK(rich::span(-5s, 2s) == -3s);
    CHECK(rich::suffix("/tmp/report.pdf") == ".pdf");
    CHECK(rich::home("ana") == std::filesystem::path("/home/ana"));
    CHECK(rich::conjugate({1.0, 2.0}) == std::complex<double>(1.0, -2.0));
}

TEST_CASE("rich: a C++ callable passed to Python", "[rich][callables]") {
    CHECK(rich::apply([](std::int64_t a, std::int64_t b) { return a * b; }, 6, 7) == 42);
}

TEST_CASE("rich: Callable[..., R] takes any positional arguments, as objects",
          "[rich][callables]") {
    std::vector<std::size_t> counts;
    auto sum = [&counts](const std::vector<pyhpp::object> &args) {
        counts.push_back(args.size());
        std::int64_t total = 0;
        for (const auto &a : args)
            total += a.cast<std::int64_t>();
        return total;
    };
    CHECK(rich::spread(sum, {1, 2, 39}) == 42);
    CHECK(rich::spread(sum) == 0);
    CHECK(counts == std::vector<std::size_t>{3, 0});
    auto summer = rich::summer();
    CHECK(summer({pyhpp::object(40), pyhpp::object(2)}) == 42);
    CHECK_THROWS_AS(summer({pyhpp::object("a"), pyhpp::object(1)}), pyhpp::type_error);
    // Back to Python as the original object: spread calls it directly.
    CHECK(rich::spread(summer, {5, 6}) == 11);
}

namespace {
struct ledger_error : std::runtime_error {
    using std::runtime_error::runtime_error;
};
} // namespace

TEST_CASE("rich: a C++ exception thrown in a callback arrives as itself", "[rich][callables]") {
    auto throwing = [](std::int64_t) -> std::int64_t { throw ledger_error("from C++"); };
    CHECK_THROWS_AS(rich::apply_guarded(throwing, 1), ledger_error);
    CHECK_THROWS_WITH(rich::apply_guarded(throwing, 1), "from C++");
}

TEST_CASE("rich: a Python callable returned to C++", "[rich][callables]") {
    auto add5 = rich::adder(5);
    CHECK(add5(10) == 15);
    std::int64_t from_thread = 0;
    std::thread([&] { from_thread = add5(1); }).join();
    CHECK(from_thread == 6);
    auto fail = rich::failing_callable();
    CHECK_THROWS_AS(fail(), pyhpp::key_error);
}

TEST_CASE("rich: iterators are lazy typed ranges", "[rich][iterators]") {
    std::vector<std::int64_t> seen;
    for (std::int64_t n : rich::countdown(3))
        seen.push_back(n);
    CHECK(seen == std::vector<std::int64_t>{3, 2, 1});
    std::vector<std::string> words;
    for (const auto &w : rich::words("a bc d"))
        words.push_back(w);
    CHECK(words == std::vector<std::string>{"a", "bc", "d"});
}

TEST_CASE("rich: an iterator that raises halfway", "[rich][iterators]") {
    std::vector<std::int64_t> seen;
    auto run = [&] {
        for (std::int64_t n : rich::explode_after(2))
            seen.push_back(n);
    };
    CHECK_THROWS_AS(run(), pyhpp::runtime_error);
    CHECK(seen == std::vector<std::int64_t>{0, 1});
}

TEST_CASE("rich: generic functions take and give objects", "[rich]") {
    CHECK(rich::first({pyhpp::object("a"), pyhpp::object(2)}).cast<std::string>() == "a");
}

TEST_CASE("rich: dataclasses and classes of other modules of the target", "[rich][classes]") {
    rich::Order order("pen");
    CHECK(order.item() == "pen");
    CHECK(order.quantity() == 1);
    order.set_quantity(3);
    CHECK(order.quantity() == 3);
    CHECK_FALSE(order.shape().has_value());
    rich::Order made = rich::make_order("box", shapes::Square(2.0));
    CHECK(made.quantity() == 2);
    CHECK(made.shape()->area() == 4.0);
    // A class-typed default: pyhpp::opt<std::optional<Shape>, pyhpp::boxed>, given a value.
    shapes::Square square(3.0);
    rich::Order given("cup", std::int64_t{2}, square);
    REQUIRE(given.shape().has_value());
    CHECK(given.shape()->ptr() == square.ptr());
    CHECK(given.shape()->area() == 9.0);
    rich::Point p = rich::origin();
    CHECK(p.x() == 0.0);
    CHECK_THROWS_AS(pyhpp::object(p).set_attr("x", 1.0), pyhpp::attribute_error); // frozen
}

TEST_CASE("rich: @typing.overload sets become C++ overloads", "[rich]") {
    CHECK(rich::twice(21) == 42);
    CHECK(rich::twice("ab") == "abab");
    CHECK(rich::twice("ab", rich::kw::sep = "-") == "ab-ab");
}

TEST_CASE("rich: NamedTuple and TypedDict are value structs", "[rich][structs]") {
    rich::Money m = rich::double_({21, "USD"});
    CHECK(m.amount == 42);
    CHECK(m.currency == "USD");
    rich::Contact c{"Ana", {"vip", "eu"}, {std::nullopt, 1010}};
    CHECK(rich::greet(c) == "Ana (vip,eu) 1010");
    rich::Contact back = rich::contact("Bo");
    CHECK(back.name == "Bo");
    CHECK(back.tags == std::vector<std::string>{"new"});
    CHECK(back.address.street == "Main St");
    CHECK_FALSE(back.address.zip.has_value());
    CHECK_THROWS_WITH(rich::broken_contact(),
                      "TypeError: wrapped_classes.rich.broken_contact() returned dict, expected "
                      "wrapped_classes.rich.Contact: "
                      "item ['address'] is missing");
}

TEST_CASE("rich: type[X] is a pyhpp::type_object", "[rich][type]") {
    pyhpp::type_object shape_class = rich::class_of(shapes::Shape("square"));
    CHECK(shape_class.name() == "wrapped_classes.shapes.Shape");
    shapes::Shape made = rich::make(shape_class, "circle");
    CHECK(made.attr("name").cast<std::string>() == "circle");
    // A class that does not make a Shape: the result's check says so.
    CHECK_THROWS_AS(rich::make(rich::class_of(pyhpp::object(1)), "7"), pyhpp::type_error);
    CHECK(rich::class_of(pyhpp::object("s")).name() == "str");
    auto key_error = rich::exception_class("KeyError");
    REQUIRE(key_error.has_value());
    CHECK(key_error->name() == "KeyError");
    CHECK(key_error->is_subclass_of(*rich::exception_class("LookupError")));
    CHECK_FALSE(rich::exception_class("no_such_name").has_value());
    // A builtin that is not a class is refused as a result.
    CHECK_THROWS_AS(rich::exception_class("len"), pyhpp::type_error);
}

// Generated class wrappers: constructors, methods, properties, inheritance, special members,
// enums, exception classes and constants.
#include <catch2/catch.hpp>

#include "../support/python_helpers.hpp"

#include <py/wrapped_classes/shapes.hpp>

#include <sstream>
#include <stdexcept>
#include <unordered_set>

#ifdef Py_PYTHON_H
#error "a generated header must not need Python.h"
#endif

namespace shapes = py::wrapped_classes::shapes;

TEST_CASE("classes: constructors follow __init__, keyword-only by name", "[classes]") {
    shapes::Shape plain("disc");
    CHECK(plain.describe() == "disc x1");
    shapes::Shape scaled("disc", shapes::kw::scale = 2.5, shapes::kw::color = shapes::Color::BLUE);
    CHECK(scaled.describe() == "disc x2.5");
    CHECK(scaled.describe("a ", shapes::kw::loud = true) == "A DISC X2.5");
    CHECK(scaled.attr("color").repr() == "<Color.BLUE: 3>");
}

TEST_CASE("classes: handles share the Python object", "[classes]") {
    shapes::Shape a("one");
    shapes::Shape b = a;
    b.rename("two");
    CHECK(a.describe() == "two x1");
    CHECK(a.is(b));
}

TEST_CASE("classes: class and static methods, properties and attributes", "[classes]") {
    CHECK(shapes::Shape::unit().describe() == "unit x1");
    CHECK(shapes::Shape::total_area({shapes::Square(2.0), shapes::Square(3.0)}) == 13.0);
    shapes::Shape s("Box");
    CHECK(s.label() == "<Box>");
    CHECK(s.tag() == "box");
    s.set_tag("Crate");
    CHECK(s.label() == "<Crate>");
    CHECK(s.sides() == 0);
    s.set_sides(4);
    CHECK(s.sides() == 4);
}

TEST_CASE("classes: an inherited classmethod is looked up on the subclass", "[classes]") {
    shapes::Labelled l = shapes::Labelled::unit(); // Shape.unit is `cls("unit")`
    CHECK(l.type_name() == "wrapped_classes.shapes.Labelled");
    CHECK(l.shout() == "UNIT");
}

TEST_CASE("classes: inheritance is mirrored", "[classes]") {
    shapes::Square sq(3.0);
    CHECK(sq.area() == 9.0);
    const shapes::Shape &as_base = sq; // a Square is usable wherever a Shape is
    CHECK(as_base.area() == 9.0);      // and calls dispatch in Python
    CHECK(shapes::largest({shapes::Shape("x"), sq})->area() == 9.0);
}

TEST_CASE("classes: instances of Python subclasses C++ has never seen are accepted", "[classes]") {
    shapes::Shape t = shapes::triangle();
    CHECK(t.area() == 0.5);
    CHECK(t.describe() == "triangle x1");
    CHECK(shapes::Shape::total_area({t, shapes::Circle(1.0)}) == 3.5);
}

TEST_CASE("classes: a result that is not an instance raises type_error", "[classes]") {
    CHECK_THROWS_AS(shapes::not_a_shape(), pyhpp::type_error);
    CHECK_THROWS_WITH(shapes::not_a_shape(),
                      "TypeError: wrapped_classes.shapes.not_a_shape() returned str, expected "
                      "wrapped_classes.shapes.Shape");
    CHECK_THROWS_WITH(pyhpp::object(3).cast<shapes::Shape>(),
                      "TypeError: cannot cast int to wrapped_classes.shapes.Shape");
    pyhpp::object o = shapes::Square(2.0);
    CHECK(o.cast<shapes::Shape>().area() == 4.0);
    CHECK_THROWS_AS(o.cast<shapes::Circle>(), pyhpp::type_error);
}

TEST_CASE("classes: special methods become C++ idioms", "[classes]") {
    shapes::Shape s("abc");
    CHECK(s.size() == 3);
    CHECK(s.contains("b"));
    CHECK_FALSE(s.contains("z"));
    CHECK(s[1] == "b");
    CHECK_THROWS_AS(s[10], pyhpp::index_error);
    CHECK(s(2) == "abcabc");
    CHECK((s + shapes::Shape("d")).describe() == "abc+d x1");
    shapes::Shape grown("g");
    shapes::Shape alias = grown;
    grown += shapes::Shape("h"); // __iadd__ mutates in place here, so the alias sees it
    CHECK(grown.describe() == "g&h x1");
    CHECK(alias.describe() == "g&h x1");
    CHECK(s == shapes::Shape("abc"));
    CHECK_FALSE(s == shapes::Shape("abd"));
    CHECK(shapes::Shape("small") < shapes::Square(1.0));
    CHECK(static_cast<bool>(s));
    CHECK_FALSE(static_cast<bool>(shapes::Shape("")));
    std::ostringstream out;
    out << s;
    CHECK(out.str() == "Shape(abc)");
    std::string letters;
    for (const std::string &letter : s) // __iter__: range-for over the object itself
        letters += letter + ".";
    CHECK(letters == "a.b.c.");
    std::unordered_set<shapes::Shape> set{shapes::Shape("p"), shapes::Shape("p"),
                                          shapes::Shape("q")};
    CHECK(set.size() == 2);
}

TEST_CASE("classes: a null handle raises instead of crashing", "[classes]") {
    shapes::Shape null(pyhpp::detail::unchecked, pyhpp::object());
    CHECK_THROWS_WITH(null.area(),
                      "ValueError: wrapped_classes.shapes.Shape.area() called on a null handle");
}

TEST_CASE("enums: conversion by value both ways", "[enums]") {
    shapes::Shape s("e");
    CHECK(shapes::paint(s, shapes::Color::GREEN) == shapes::Color::GREEN);
    CHECK(shapes::finish_of("gloss") == shapes::Finish::GLOSS);
    CHECK_THROWS_AS(shapes::finish_of("satin"), pyhpp::value_error);
    CHECK_THROWS_AS(shapes::bad_color(), pyhpp::value_error);
    CHECK_THROWS_AS(shapes::paint(s, static_cast<shapes::Color>(99)), pyhpp::value_error);
}

TEST_CASE("enums: flags get bitwise operators", "[enums]") {
    shapes::Perm p = shapes::Perm::WRITE | shapes::Perm::EXEC;
    CHECK(static_cast<int>(p) == 3);
    CHECK(shapes::permissions(p) ==
          (shapes::Perm::READ | shapes::Perm::WRITE | shapes::Perm::EXEC));
    CHECK((shapes::permissions(shapes::Perm::EXEC) & shapes::Perm::READ) == shapes::Perm::READ);
}

TEST_CASE("exceptions: module exception classes keep their hierarchy", "[exceptions]") {
    shapes::Shape s("x");
    CHECK_THROWS_AS(shapes::shrink(s, 0), shapes::NegativeSize);
    CHECK_THROWS_AS(shapes::shrink(s, 0), shapes::ShapeError);
    CHECK_THROWS_AS(shapes::shrink(s, 0), pyhpp::value_error);
    try {
        shapes::Shape bad("y", shapes::kw::scale = -1.0);
        FAIL("no exception");
    } catch (const shapes::ShapeError &e) {
        CHECK(dynamic_cast<const shapes::NegativeSize *>(&e) != nullptr);
        CHECK(std::string(e.what()) ==
              "wrapped_classes.shapes.NegativeSize: scale must be positive, got -1.0");
    }
}

TEST_CASE("constants: typed accessors read the current value", "[constants]") {
    CHECK(shapes::DEFAULT_COLOR() == shapes::Color::GREEN);
    CHECK(shapes::MAX_SIDES() == 12);
    CHECK(shapes::registry_size() == 0);
    pyhpp::import("wrapped_classes.shapes").set_attr("registry_size", 5);
    CHECK(shapes::registry_size() == 5);
}

namespace {
struct cpp_failure : std::runtime_error {
    using std::runtime_error::runtime_error;
};
} // namespace

TEST_CASE("classes: __enter__/__exit__ become a with() block", "[classes]") {
    shapes::Session session(std::vector<std::string>{});
    pyhpp::object actual_log = session.attr("log");
    session.with([](const shapes::Session &s) { s.note("body"); });
    // A Python exception leaving the block reaches __exit__, which suppresses KeyError.
    session.with([](const shapes::Session &) { shapes::fail_with_key_error(); });
    // A C++ exception reaches __exit__ as pyhpp.CppException and is rethrown as itself.
    CHECK_THROWS_AS(session.with([](const shapes::Session &) { throw cpp_failure("c++"); }),
                    cpp_failure);
    CHECK(actual_log.repr() == "['enter', 'body', 'exit clean', 'enter', 'exit KeyError', "
                               "'enter', 'exit CppException']");
}

TEST_CASE("classes: @typing.overload methods become C++ overloads", "[classes]") {
    shapes::Scaler scaler;
    CHECK(scaler.apply(5) == 15);
    CHECK(scaler.apply("ab") == "abab");
    CHECK(scaler.apply("ab", shapes::kw::times = 3) == "ababab");
}

// pyhpp::object: conversions, attribute access, calls, reference counts, cross-thread release.
#include <catch2/catch.hpp>

#include "../support/python_helpers.hpp"

#include <thread>

using pyhpp_test::refcount;
using pyhpp_test::run;

TEST_CASE("object: values round-trip through Python", "[object]") {
    CHECK(pyhpp::object(42).cast<std::int64_t>() == 42);
    CHECK(pyhpp::object(-7).cast<int>() == -7);
    CHECK(pyhpp::object(2.5).cast<double>() == 2.5);
    CHECK(pyhpp::object(true).cast<bool>() == true);
    CHECK(pyhpp::object("h\xc3\xa9llo").cast<std::string>() == "h\xc3\xa9llo");
    CHECK(pyhpp::object(pyhpp::bytes{0, 255, 7}).cast<pyhpp::bytes>() == pyhpp::bytes{0, 255, 7});
    CHECK(pyhpp::object(std::vector<pyhpp::object>{1, "a"}).repr() == "[1, 'a']");
    CHECK(pyhpp::object(std::map<std::string, pyhpp::object>{{"k", 1}}).repr() == "{'k': 1}");
    CHECK(pyhpp::none().is_none());
    CHECK(pyhpp::object(3).type_name() == "int");
    CHECK(pyhpp::import("json").attr("JSONDecoder")().type_name() == "json.decoder.JSONDecoder");
}

TEST_CASE("object: a null handle is not None and refuses operations", "[object]") {
    pyhpp::object null;
    CHECK_FALSE(null);
    CHECK_FALSE(null.is_none());
    CHECK_THROWS_WITH(null.attr("x"), "ValueError: pyhpp::object::attr on a null handle");
}

TEST_CASE("object: casts that do not fit raise type_error or overflow_error", "[object]") {
    CHECK_THROWS_AS(pyhpp::object("x").cast<std::int64_t>(), pyhpp::type_error);
    CHECK_THROWS_WITH(pyhpp::object("x").cast<std::int64_t>(),
                      "TypeError: cannot cast str to std::int64_t");
    pyhpp::object huge = run("x = 2**64").item("x");
    CHECK_THROWS_AS(huge.cast<std::int64_t>(), pyhpp::overflow_error);
    CHECK_THROWS_AS(pyhpp::object(1LL << 40).cast<int>(), pyhpp::overflow_error);
    CHECK_THROWS_AS(pyhpp::object(1).cast<bool>(), pyhpp::type_error);
    CHECK_THROWS_AS(pyhpp::object("\xff"), pyhpp::unicode_decode_error);
}

TEST_CASE("object: attributes, items and calls with keywords", "[object]") {
    pyhpp::object ns = run("def f(a, b=2, *, c=3):\n    return a * 100 + b * 10 + c\n"
                           "class C: pass\n");
    pyhpp::object f = ns.item("f");
    CHECK(f(1).cast<int>() == 123);
    CHECK(f.call({1, 5}, {{"c", 9}}).cast<int>() == 159);
    pyhpp::object c = ns.item("C")();
    CHECK_FALSE(c.has_attr("value"));
    c.set_attr("value", 5);
    CHECK(c.attr("value").cast<int>() == 5);
    CHECK_THROWS_AS(c.attr("missing"), pyhpp::attribute_error);
    CHECK_THROWS_AS(ns.item("nope"), pyhpp::key_error);
}

TEST_CASE("object: copies share the object and reference counts balance", "[object][refcount]") {
    pyhpp::object list = run("x = []").item("x");
    std::int64_t base = refcount(list);
    {
        pyhpp::object copy = list;
        CHECK(copy.is(list));
        CHECK(refcount(list) == base + 1);
        pyhpp::object moved = std::move(copy);
        CHECK(refcount(list) == base + 1);
    }
    CHECK(refcount(list) == base);
    for (int i = 0; i < 1000; ++i)
        (void)list.attr("append");
    CHECK(refcount(list) == base);
}

TEST_CASE("object: destroyed on another thread without the GIL", "[object][threads]") {
    pyhpp::object list = run("x = []").item("x");
    std::int64_t base = refcount(list);
    std::vector<std::thread> threads;
    for (int i = 0; i < 4; ++i) {
        pyhpp::object copy = list;
        threads.emplace_back([owned = std::move(copy)]() mutable {
            pyhpp::object local = owned; // a copy made and dropped off the main thread
            owned = pyhpp::object();
        });
    }
    for (auto &t : threads)
        t.join();
    CHECK(refcount(list) == base);
}

TEST_CASE("object: import of a missing module raises module_not_found_error", "[object]") {
    try {
        pyhpp::import("pyhpp_no_such_module");
        FAIL("no exception");
    } catch (const pyhpp::import_error &e) {
        CHECK(dynamic_cast<const pyhpp::module_not_found_error *>(&e) != nullptr);
        CHECK(std::string(e.what()) ==
              "ModuleNotFoundError: No module named 'pyhpp_no_such_module'");
    }
}

TEST_CASE("object: type_object is a checked handle to a class", "[object]") {
    pyhpp::object json = pyhpp::import("json");
    pyhpp::type_object encoder(json.attr("JSONEncoder"));
    CHECK(encoder.name() == "json.encoder.JSONEncoder");
    CHECK(pyhpp::type_object(pyhpp::object(3).attr("__class__")).name() == "int");
    // Anything but a class is refused, with the type it was.
    CHECK_THROWS_AS(pyhpp::type_object(pyhpp::object(3)), pyhpp::type_error);
    CHECK_THROWS_WITH(pyhpp::type_object(pyhpp::object("x")),
                      "TypeError: cannot cast str to pyhpp::type_object");
    // type(instance), issubclass, and calling it makes an instance.
    pyhpp::object made = encoder();
    CHECK(pyhpp::type_object::of(made).is(encoder));
    pyhpp::type_object object_class(pyhpp::object(1).attr("__class__").attr("__base__"));
    CHECK(encoder.is_subclass_of(object_class));
    CHECK_FALSE(object_class.is_subclass_of(encoder));
    CHECK_THROWS_AS(pyhpp::type_object::of(pyhpp::object()), pyhpp::value_error);
    // object::cast and to_object know it; a union takes a class as it.
    CHECK(json.attr("JSONDecoder").cast<pyhpp::type_object>().name() == "json.decoder.JSONDecoder");
    CHECK_THROWS_WITH(pyhpp::object(2.5).cast<pyhpp::type_object>(),
                      "TypeError: cannot cast float to pyhpp::type_object");
    CHECK(pyhpp::to_object(encoder).is(encoder));
    using cls_or_str = std::variant<std::string, pyhpp::type_object>;
    CHECK(json.attr("JSONEncoder").cast<cls_or_str>().index() == 1);
    CHECK(pyhpp::object("s").cast<cls_or_str>().index() == 0);
}

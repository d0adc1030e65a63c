// pyhpp::list, pyhpp::dict, pyhpp::set: shared with Python, typed, with Python's errors.
#include <catch2/catch.hpp>

#include "../support/python_helpers.hpp"

#include <map>
#include <optional>
#include <set>
#include <string>
#include <type_traits>
#include <vector>

using Catch::Matchers::Contains;
using pyhpp_test::refcount;
using pyhpp_test::run;

TEST_CASE("list: shared with Python both ways", "[containers][list]") {
    pyhpp::list<std::int64_t> heap;
    CHECK(heap.repr() == "[]");
    heap.append(5);
    heap.append(1);
    pyhpp::object heappush = pyhpp::import("heapq").attr("heappush");
    pyhpp::object heapify = pyhpp::import("heapq").attr("heapify");
    heapify(heap);
    heappush(heap, 3);
    CHECK(heap.to_vector() == std::vector<std::int64_t>{1, 5, 3});
    CHECK(heap.size() == 3);
    heap.set(0, 9);
    CHECK(heap.repr() == "[9, 5, 3]");
    // A copy of the handle is the same list.
    pyhpp::list<std::int64_t> alias = heap;
    alias.clear();
    CHECK(heap.empty());
    CHECK(heap.is(alias));
}

TEST_CASE("list: members, negative indices and Python's errors", "[containers][list]") {
    pyhpp::list<std::string> l(std::vector<std::string>{"a", "b", "c"});
    CHECK(l.at(0) == "a");
    CHECK(l[-1] == "c");
    CHECK(l[-3] == "a");
    CHECK_THROWS_AS(l[3], pyhpp::index_error);
    CHECK_THROWS_WITH(l[3], "IndexError: list index out of range");
    CHECK_THROWS_AS(l[-4], pyhpp::index_error);
    CHECK_THROWS_WITH(l.set(5, "x"), "IndexError: list assignment index out of range");
    l.set(-1, "z");
    l.insert(0, "first");
    l.insert(-1, "before-last");
    CHECK(l.repr() == "['first', 'a', 'b', 'before-last', 'z']");
    CHECK(l.pop() == "z");
    CHECK(l.pop(0) == "first");
    CHECK(l.pop(-2) == "b");
    CHECK_THROWS_WITH(l.pop(7), "IndexError: pop index out of range");
    CHECK(l.contains("a"));
    CHECK_FALSE(l.contains("zz"));
    std::vector<std::string> seen;
    for (const std::string &s : l)
        seen.push_back(s);
    CHECK(seen == std::vector<std::string>{"a", "before-last"});
    l.clear();
    CHECK_THROWS_WITH(l.pop(), "IndexError: pop from empty list");
}

TEST_CASE("list: element conversion errors name the index", "[containers][list]") {
    pyhpp::object raw = run("x = [1, 'two', 3]").item("x");
    auto l = pyhpp::list<std::int64_t>::from(raw); // converted lazily: no error yet
    CHECK(l.at(0) == 1);
    CHECK_THROWS_AS(l.at(1), pyhpp::type_error);
    CHECK_THROWS_WITH(l.at(1), "TypeError: cannot cast str to std::int64_t (at [1])");
    CHECK_THROWS_WITH(l[-2], "TypeError: cannot cast str to std::int64_t (at [-2])");
    CHECK_THROWS_WITH(l.to_vector(), "TypeError: cannot cast str to std::int64_t (at [1])");
    std::vector<std::int64_t> seen;
    auto it = l.begin();
    seen.push_back(*it);
    CHECK_THROWS_WITH(++it, "TypeError: cannot cast str to std::int64_t (at [1])");
    CHECK(it == l.end());
    CHECK(seen == std::vector<std::int64_t>{1});
    CHECK_THROWS_AS(pyhpp::list<std::int64_t>::from(run("x = (1,)").item("x")), pyhpp::type_error);
    CHECK_THROWS_WITH(pyhpp::list<std::int64_t>::from(run("x = (1,)").item("x")),
                      "TypeError: cannot cast tuple to pyhpp::list<std::int64_t>");
    CHECK_THROWS_WITH(pyhpp::object(3).cast<pyhpp::list<pyhpp::object>>(),
                      "TypeError: cannot cast int to pyhpp::list<pyhpp::object>");
    // Nested: a list of live lists, each sharing the inner Python list.
    pyhpp::object grid = run("x = [[1], [2, 3]]").item("x");
    auto rows = grid.cast<std::vector<pyhpp::list<std::int64_t>>>();
    rows[1].append(4);
    CHECK(grid.repr() == "[[1], [2, 3, 4]]");
}

TEST_CASE("dict: shared, typed, with KeyError", "[containers][dict]") {
    pyhpp::object ns = run("d = {'a': 1}\ndef bump(d, k):\n    d[k] = d.get(k, 0) + 10\n");
    auto d = pyhpp::dict<std::string, std::int64_t>::from(ns.item("d"));
    ns.item("bump")(d, "b");
    CHECK(d.at("b") == 10);
    d.set("c", 3);
    CHECK(ns.item("d").repr() == "{'a': 1, 'b': 10, 'c': 3}");
    CHECK(d.size() == 3);
    CHECK(d.contains("a"));
    CHECK_FALSE(d.contains("zz"));
    CHECK(d.get("a") == std::optional<std::int64_t>(1));
    CHECK(d.get("zz") == std::nullopt);
    CHECK(d["c"] == 3);
    CHECK_THROWS_AS(d.at("zz"), pyhpp::key_error);
    CHECK_THROWS_WITH(d.at("zz"), "KeyError: 'zz'");
    CHECK(d.erase("a"));
    CHECK_FALSE(d.erase("a"));
    CHECK(d.keys() == std::vector<std::string>{"b", "c"});
    CHECK(d.to_map() == std::map<std::string, std::int64_t>{{"b", 10}, {"c", 3}});
    std::vector<std::pair<std::string, std::int64_t>> items;
    for (const auto &[k, v] : d)
        items.emplace_back(k, v);
    CHECK(items == std::vector<std::pair<std::string, std::int64_t>>{{"b", 10}, {"c", 3}});
    d.clear();
    CHECK(d.empty());
    CHECK(ns.item("d").repr() == "{}");

    pyhpp::dict<std::int64_t, pyhpp::object> fresh(std::map<std::int64_t, pyhpp::object>{{1, "x"}});
    CHECK(fresh.repr() == "{1: 'x'}");
    CHECK(pyhpp::dict<std::string, std::string>().repr() == "{}");
}

TEST_CASE("dict: conversion errors and wrong types", "[containers][dict]") {
    pyhpp::object raw = run("x = {'a': 1, 'b': 'no', 3: 4}").item("x");
    auto d = pyhpp::dict<std::string, std::int64_t>::from(raw);
    CHECK(d.at("a") == 1);
    CHECK_THROWS_WITH(d.at("b"), "TypeError: cannot cast str to std::int64_t (at ['b'])");
    CHECK_THROWS_WITH(d.get("b"), "TypeError: cannot cast str to std::int64_t (at ['b'])");
    CHECK_THROWS_WITH(d.keys(), "TypeError: cannot cast int to std::string (at [key])");
    CHECK_THROWS_WITH(d.to_map(), "TypeError: cannot cast str to std::int64_t (at ['b'])");
    CHECK_THROWS_WITH((pyhpp::dict<std::string, std::int64_t>::from(pyhpp::object(1))),
                      "TypeError: cannot cast int to pyhpp::dict<std::string, std::int64_t>");
}

TEST_CASE("set: shared, typed", "[containers][set]") {
    pyhpp::object ns = run("s = {1, 2}\ndef grow(s):\n    s.add(7)\n");
    auto s = pyhpp::set<std::int64_t>::from(ns.item("s"));
    ns.item("grow")(s);
    CHECK(s.contains(7));
    s.add(8);
    s.discard(1);
    s.discard(100); // absent: no error
    CHECK(ns.item("s").cast<std::set<std::int64_t>>() == std::set<std::int64_t>{2, 7, 8});
    CHECK(s.size() == 3);
    std::set<std::int64_t> seen;
    for (std::int64_t v : s)
        seen.insert(v);
    CHECK(seen == std::set<std::int64_t>{2, 7, 8});
    CHECK(s.to_set() == seen);
    s.clear();
    CHECK(s.empty());
    CHECK(pyhpp::set<std::string>(std::set<std::string>{"a"}).repr() == "{'a'}");
    CHECK(pyhpp::set<std::string>().repr() == "set()");
    CHECK_THROWS_WITH(pyhpp::set<std::int64_t>::from(run("x = frozenset()").item("x")),
                      "TypeError: cannot cast frozenset to pyhpp::set<std::int64_t>");
    auto bad = pyhpp::set<std::int64_t>::from(run("x = {'a'}").item("x"));
    CHECK_THROWS_WITH(bad.to_set(), "TypeError: cannot cast str to std::int64_t (at {item})");
    CHECK_THROWS_WITH(bad.begin(), "TypeError: cannot cast str to std::int64_t (at {item})");
}

TEST_CASE("containers: reference counts balance", "[containers][refcount]") {
    pyhpp::object item = run("x = 'item-xyz'").item("x");
    pyhpp::list<pyhpp::object> l;
    l.append(item);
    pyhpp::dict<std::string, pyhpp::object> d;
    d.set("k", item);
    pyhpp::set<std::string> s;
    std::int64_t item_before = refcount(item);
    std::int64_t list_before = refcount(l);
    for (int i = 0; i < 200; ++i) {
        CHECK(l.at(0).is(item));
        l.set(0, item);
        CHECK(d.at("k").is(item));
        d.set("k", item);
        CHECK(d.get("k")->is(item));
        for (const pyhpp::object &o : l)
            CHECK(o.is(item));
        for (const auto &kv : d)
            CHECK(kv.second.is(item));
        l.append(item);
        CHECK(l.pop().is(item));
        CHECK(l.contains(item));
        s.add("a");
        s.discard("a");
        CHECK_THROWS(l.at(5));
        CHECK_THROWS(d.at("missing"));
    }
    CHECK(refcount(item) == item_before);
    CHECK(refcount(l) == list_before);
}

// A named std::vector never becomes a temporary list silently (its changes would be lost); a
// temporary or a braced list does. A typed handle converts to the pyhpp::object view of the same
// container, never to another item type.
static_assert(!std::is_convertible_v<std::vector<std::int64_t> &, pyhpp::list<std::int64_t>>);
static_assert(std::is_convertible_v<std::vector<std::int64_t> &&, pyhpp::list<std::int64_t>>);
static_assert(std::is_convertible_v<pyhpp::list<std::int64_t>, pyhpp::list<pyhpp::object>>);
static_assert(!std::is_convertible_v<pyhpp::list<pyhpp::object>, pyhpp::list<std::int64_t>>);
static_assert(!std::is_convertible_v<pyhpp::list<std::string>, pyhpp::list<std::int64_t>>);
static_assert(!std::is_convertible_v<std::map<std::string, std::int64_t> &,
                                     pyhpp::dict<std::string, std::int64_t>>);
static_assert(std::is_convertible_v<pyhpp::dict<std::string, std::int64_t>,
                                    pyhpp::dict<std::string, pyhpp::object>>);
static_assert(!std::is_convertible_v<pyhpp::dict<std::string, std::int64_t>,
                                     pyhpp::dict<std::int64_t, pyhpp::object>>);
static_assert(std::is_convertible_v<pyhpp::set<std::int64_t>, pyhpp::set<pyhpp::object>>);

namespace {
std::size_t appended_through_object_view(const pyhpp::list<pyhpp::object> &items) {
    items.append(pyhpp::object("x"));
    return items.size();
}
std::int64_t sum_of(const pyhpp::dict<std::string, std::int64_t> &table) {
    std::int64_t total = 0;
    for (const auto &[key, value] : table)
        total += value;
    return total;
}
} // namespace

TEST_CASE("containers: braced lists, temporaries and pyhpp::object views share", "[containers]") {
    pyhpp::list<std::int64_t> numbers{3, 1, 2};
    CHECK(numbers.repr() == "[3, 1, 2]");
    // The pyhpp::object view is the same list: what it appends, the typed handle sees.
    CHECK(appended_through_object_view(numbers) == 4);
    CHECK(numbers.size() == 4);
    CHECK_THROWS_WITH(numbers[3], "TypeError: cannot cast str to std::int64_t (at [3])");
    CHECK(sum_of({{"a", 1}, {"b", 2}}) == 3);
    pyhpp::set<std::string> words = std::set<std::string>{"b", "a"};
    CHECK(words.to_set() == std::set<std::string>{"a", "b"});
    pyhpp::set<pyhpp::object> any = words;
    any.add(pyhpp::object("c"));
    CHECK(words.contains("c"));
}

TEST_CASE("convert: another C++ type through the Python value", "[containers][cast]") {
    std::vector<pyhpp::object> objects =
        pyhpp::convert<std::vector<pyhpp::object>>(std::vector<std::int64_t>{1, 2});
    REQUIRE(objects.size() == 2);
    CHECK(objects[1].cast<std::int64_t>() == 2);
    pyhpp::list<std::int64_t> numbers{1, 2};
    auto view = pyhpp::convert<pyhpp::list<pyhpp::object>>(numbers);
    CHECK(view.is(numbers));
    CHECK(pyhpp::convert<std::int64_t>(pyhpp::object(7)) == 7);
    CHECK_THROWS_WITH(pyhpp::convert<std::vector<std::string>>(std::vector<std::int64_t>{1}),
                      "TypeError: cannot cast int to std::string (at [0])");
}

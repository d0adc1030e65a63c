// Lazy iterators: Python generators and iterables consumed by C++ range-for, one item at a time,
// with exceptions arriving at the item that raised them.
#include "callable_helpers.hpp"

#include <algorithm>
#include <iterator>
#include <string>
#include <thread>
#include <type_traits>
#include <vector>
#if __cplusplus >= 202002L
#include <ranges>
#endif

using callable_test::finishes_within;
using callable_test::from_py;
using callable_test::to_py;
using pyhpp_test::refcount;
using pyhpp_test::run;
namespace codec = pyhpp::detail::codec;

namespace {

using ints = codec::iterator<codec::int_>;
using strs = codec::iterator<codec::str_>;

pyhpp::object generators() {
    static const pyhpp::object ns = run("pulled = []\n"
                                        "closed = []\n"
                                        "def squares(n):\n"
                                        "    for i in range(n):\n"
                                        "        pulled.append(i)\n"
                                        "        yield i * i\n"
                                        "def fails_at_three():\n"
                                        "    yield 1\n"
                                        "    yield 2\n"
                                        "    raise ValueError('third item')\n"
                                        "def watched():\n"
                                        "    try:\n"
                                        "        for i in range(100):\n"
                                        "            yield i\n"
                                        "    finally:\n"
                                        "        closed.append(True)\n");
    return ns;
}

pyhpp::object call(const char *name) { return generators().item(name)(); }

using range_of_ints = pyhpp::iterator_range<std::int64_t>;
static_assert(std::is_same_v<std::iterator_traits<range_of_ints::iterator>::iterator_category,
                             std::input_iterator_tag>);
#if __cplusplus >= 202002L
static_assert(std::input_iterator<range_of_ints::iterator>);
static_assert(std::ranges::input_range<range_of_ints>);
#endif

} // namespace

TEST_CASE("iterator: a generator of ints consumed with range-for, lazily", "[iterators]") {
    pyhpp::object pulled = generators().item("pulled");
    pulled.attr("clear")();
    auto range = from_py<ints>(generators().item("squares")(5), "Iterator[int]");
    // Nothing is pulled before C++ asks.
    CHECK(pulled.repr() == "[]");
    std::vector<std::int64_t> seen;
    for (const std::int64_t &v : range) {
        seen.push_back(v);
        // One item at a time: the generator has run exactly as far as this item.
        CHECK(pulled.attr("__len__")().cast<std::int64_t>() ==
              static_cast<std::int64_t>(seen.size()));
    }
    CHECK(seen == std::vector<std::int64_t>{0, 1, 4, 9, 16});
    // Exhausted: iterating again gives nothing.
    CHECK(range.begin() == range.end());
}

TEST_CASE("iterator: a list iterated as Iterable[str]", "[iterators]") {
    pyhpp::object list = run("words = ['alpha', 'beta', 'gamma']\n").item("words");
    auto range = from_py<strs>(list, "Iterable[str]");
    std::vector<std::string> words(range.begin(), range.end());
    CHECK(words == std::vector<std::string>{"alpha", "beta", "gamma"});
    // The list itself was not consumed: a new range sees it all again.
    auto again = from_py<strs>(list, "Iterable[str]");
    CHECK(std::distance(again.begin(), again.end()) == 3);

    // Other iterables: a dict gives its keys, a str its characters.
    auto keys = from_py<strs>(run("d = {'k1': 1, 'k2': 2}\n").item("d"));
    CHECK(std::vector<std::string>(keys.begin(), keys.end()) ==
          std::vector<std::string>{"k1", "k2"});
    auto chars = from_py<strs>(pyhpp::object("ab"));
    CHECK(std::vector<std::string>(chars.begin(), chars.end()) ==
          std::vector<std::string>{"a", "b"});
}

TEST_CASE("iterator: single pass: begin() again continues where iteration stopped", "[iterators]") {
    auto range = from_py<ints>(generators().item("squares")(6));
    std::vector<std::int64_t> first;
    for (std::int64_t v : range) {
        first.push_back(v);
        if (v == 4)
            break;
    }
    std::vector<std::int64_t> rest;
    for (std::int64_t v : range)
        rest.push_back(v);
    CHECK(first == std::vector<std::int64_t>{0, 1, 4});
    CHECK(rest == std::vector<std::int64_t>{9, 16, 25});

    // Post-increment yields the item before it.
    auto numbers = from_py<ints>(generators().item("squares")(3));
    auto it = numbers.begin();
    CHECK(*it++ == 0);
    CHECK(*it == 1);
}

TEST_CASE("iterator: an exception raised halfway arrives at the item that raised it",
          "[iterators][errors]") {
    auto range = from_py<ints>(call("fails_at_three"));
    std::vector<std::int64_t> seen;
    try {
        for (std::int64_t v : range)
            seen.push_back(v);
        FAIL("no exception");
    } catch (const pyhpp::value_error &e) {
        CHECK(std::string(e.what()) == "ValueError: third item");
        CHECK(e.traceback().find("fails_at_three") != std::string::npos);
    }
    CHECK(seen == std::vector<std::int64_t>{1, 2});
    // A generator that raised is finished.
    CHECK(range.begin() == range.end());

    // The first item can fail too: begin() throws.
    auto at_once = from_py<ints>(run("def g():\n"
                                     "    raise KeyError('first')\n"
                                     "    yield 1\n")
                                     .item("g")());
    CHECK_THROWS_AS(at_once.begin(), pyhpp::key_error);
}

TEST_CASE("iterator: an item of the wrong type raises type_error naming the item type",
          "[iterators][errors]") {
    auto range = from_py<ints>(run("items = [1, 2, 'three', 4]\n").item("items"));
    std::vector<std::int64_t> seen;
    auto it = range.begin();
    seen.push_back(*it);
    ++it;
    seen.push_back(*it);
    CHECK_THROWS_AS(++it, pyhpp::type_error);
    CHECK(seen == std::vector<std::int64_t>{1, 2});
    CHECK(it == range.end());
    // A list iterator goes on after a bad item: the next begin() gives 4.
    CHECK(*range.begin() == 4);

    auto nested = from_py<codec::iterator<codec::list<codec::int_>>>(
        run("rows = [[1], [2, 'x']]\n").item("rows"));
    auto row = nested.begin();
    CHECK(*row == std::vector<std::int64_t>{1});
    CHECK_THROWS_WITH(++row, "TypeError: next() on a Python list_iterator returned list, "
                             "expected list[int]: item [1] is str");

    auto words = from_py<strs>(run("def g():\n    yield 'a'\n    yield 5\n").item("g")());
    CHECK(*words.begin() == "a");
    CHECK_THROWS_WITH(words.begin(),
                      "TypeError: next() on a Python generator returned int, expected str");

    // Not iterable at all: the result boundary reports it.
    CHECK_THROWS_WITH(from_py<ints>(pyhpp::object(5), "Iterator[int]"),
                      "TypeError: m.f() returned int, expected Iterator[int]");
}

TEST_CASE("iterator: a half-consumed range destroyed on another thread without the GIL",
          "[iterators][threads]") {
    pyhpp::object closed = generators().item("closed");
    closed.attr("clear")();
    pyhpp::object gen = call("watched");
    auto range = from_py<ints>(gen);
    gen = pyhpp::object(); // the range holds the last reference
    auto it = range.begin();
    ++it;
    CHECK(*it == 1);
    CHECK(closed.repr() == "[]");
    finishes_within(std::chrono::seconds(30), [&range] {
        // Destroyed on a thread that never held the GIL.
        std::thread t([&range] { auto dropped = std::move(range); });
        t.join();
    });
    // Destroying the last reference closed the generator: its finally block ran.
    CHECK(closed.repr() == "[True]");
}

TEST_CASE("iterator: ranges pulled from other threads", "[iterators][threads]") {
    auto range = from_py<ints>(generators().item("squares")(100));
    std::int64_t total = 0;
    finishes_within(std::chrono::seconds(30), [&] {
        std::thread t([&] {
            for (std::int64_t v : range)
                total += v;
        });
        t.join();
    });
    std::int64_t expected = 0;
    for (std::int64_t i = 0; i < 100; ++i)
        expected += i * i;
    CHECK(total == expected);
}

TEST_CASE("iterator: sent back to Python, and reference counts", "[iterators][refcount]") {
    pyhpp::object gen = generators().item("squares")(4);
    auto range = from_py<ints>(gen);
    CHECK(*range.begin() == 0);
    // The same iterator object: Python continues after the item C++ took.
    pyhpp::object back = to_py<ints>(range);
    CHECK(back.is(gen));
    CHECK(pyhpp::import("builtins").attr("list")(back).repr() == "[1, 4, 9]");
    // An empty range is an empty iterator.
    CHECK(pyhpp::import("builtins").attr("list")(to_py<ints>(ints::type())).repr() == "[]");

    pyhpp::object sentinel = run("class S: pass\ns = S()\n").item("s");
    std::int64_t before = refcount(sentinel);
    pyhpp::object repeated =
        run("import itertools\ndef f(o):\n    return itertools.repeat(o, 1000)\n").item("f");
    {
        auto objects = from_py<codec::iterator<codec::object_>>(repeated(sentinel));
        std::int64_t n = 0;
        for (const pyhpp::object &o : objects)
            n += o.is(sentinel) ? 1 : 0;
        CHECK(n == 1000);
    }
    CHECK(refcount(sentinel) == before);
    // Half consumed, then dropped.
    {
        auto objects = from_py<codec::iterator<codec::object_>>(repeated(sentinel));
        auto it = objects.begin();
        ++it;
        ++it;
    }
    CHECK(refcount(sentinel) == before);
}

// Standard-library functions that mutate the list they are given (heapq, bisect, random), called
// on live pyhpp::list handles: the caller's list changes as it does in Python, compared with the
// same calls made through Python; and functions generic in a TypeVar (heapq, statistics) called
// through their function templates.
#include <py/bisect.hpp>
#include <py/heapq.hpp>
#include <py/random.hpp>
#include <py/statistics.hpp>

#include "corpus_helpers.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <type_traits>
#include <vector>

namespace bisect = py::bisect;
namespace heapq = py::heapq;
namespace pyrandom = py::random; // `random` is also POSIX random()
namespace statistics = py::statistics;

// A named std::vector never becomes a temporary list whose mutation would be lost: sharing is
// spelled out (a temporary vector converts, since nothing could see its mutation anyway).
static_assert(!std::is_convertible_v<std::vector<std::int64_t> &, pyhpp::list<std::int64_t>>);
static_assert(std::is_convertible_v<std::vector<std::int64_t> &&, pyhpp::list<std::int64_t>>);

TEST_CASE("heapq.heappush and heappop keep the heap in the caller's list") {
    pyhpp::list<std::int64_t> heap;
    for (std::int64_t value : {5, 1, 4, 2, 3})
        heapq::heappush(heap, value);
    pyhpp::object expected = corpus::run("import heapq\n"
                                         "result = []\n"
                                         "for v in [5, 1, 4, 2, 3]:\n"
                                         "    heapq.heappush(result, v)\n");
    CHECK(heap.size() == 5);
    CHECK(heap.to_vector() == expected.cast<std::vector<std::int64_t>>());
    // heappop is generic in the item type: a list of int64 gives an int64.
    std::vector<std::int64_t> popped;
    while (!heap.empty())
        popped.push_back(heapq::heappop(heap));
    CHECK(popped == std::vector<std::int64_t>{1, 2, 3, 4, 5});
    CHECK(heap.size() == 0);
}

TEST_CASE("heapq.heapify and heapreplace rearrange a list made from a std::vector") {
    pyhpp::list<std::string> words(std::vector<std::string>{"pear", "fig", "apple", "kiwi"});
    heapq::heapify(words);
    CHECK(words[0] == "apple");
    std::string smallest = heapq::heapreplace(words, "banana");
    pyhpp::object expected = corpus::run("import heapq\n"
                                         "result = ['pear', 'fig', 'apple', 'kiwi']\n"
                                         "heapq.heapify(result)\n"
                                         "heapq.heapreplace(result, 'banana')\n");
    CHECK(smallest == "apple");
    CHECK(words.to_vector() == expected.cast<std::vector<std::string>>());
    // The handle shares Python's list: Python sees what C++ did.
    CHECK(corpus::equal(words, expected));
}

TEST_CASE("bisect.insort inserts into the caller's list, in order") {
    pyhpp::list<std::int64_t> sorted{1, 3, 5};
    bisect::insort(sorted, 4);
    bisect::insort(sorted, 0);
    CHECK(sorted.to_vector() == std::vector<std::int64_t>{0, 1, 3, 4, 5});
}

TEST_CASE("bisect searches a C++ vector of its own element type, with lo and hi") {
    std::vector<std::int64_t> numbers{1, 2, 2, 2, 5};
    std::vector<std::int64_t> found{
        bisect::bisect_left(numbers, 2), bisect::bisect_right(numbers, 2),
        bisect::bisect_left(numbers, 2, 2), bisect::bisect_right(numbers, 2, 0, 3),
        bisect::bisect(numbers, 9, 1, std::optional<std::int64_t>{})};
    pyhpp::object expected = corpus::run("import bisect\n"
                                         "n = [1, 2, 2, 2, 5]\n"
                                         "result = [bisect.bisect_left(n, 2),\n"
                                         "          bisect.bisect_right(n, 2),\n"
                                         "          bisect.bisect_left(n, 2, 2),\n"
                                         "          bisect.bisect_right(n, 2, 0, 3),\n"
                                         "          bisect.bisect(n, 9, 1, None)]\n");
    CHECK(found == expected.cast<std::vector<std::int64_t>>());
    CHECK(found == std::vector<std::int64_t>{1, 4, 2, 3, 5});
    std::vector<std::string> words{"apple", "cherry"};
    CHECK(bisect::bisect_left(words, "banana") == 1);
}

TEST_CASE("random.Random.shuffle permutes the caller's list as Python's does") {
    pyhpp::list<std::int64_t> numbers(std::vector<std::int64_t>{1, 2, 3, 4, 5, 6, 7, 8});
    pyrandom::Random(42).shuffle(numbers);
    pyhpp::object expected = corpus::run("import random\n"
                                         "result = [1, 2, 3, 4, 5, 6, 7, 8]\n"
                                         "random.Random(42).shuffle(result)\n");
    CHECK(numbers.to_vector() == expected.cast<std::vector<std::int64_t>>());
    CHECK(numbers.to_vector() != std::vector<std::int64_t>{1, 2, 3, 4, 5, 6, 7, 8});
}

TEST_CASE("random.shuffle, a method of random's own instance, permutes the caller's list") {
    pyhpp::list<std::string> words(std::vector<std::string>{"a", "b", "c", "d", "e", "f"});
    pyrandom::seed(
        std::int64_t{7}); // an int literal would fit the variant's int64 and double alike
    pyrandom::shuffle(words);
    pyhpp::object expected = corpus::run("import random\n"
                                         "result = ['a', 'b', 'c', 'd', 'e', 'f']\n"
                                         "random.seed(7)\n"
                                         "random.shuffle(result)\n");
    CHECK(words.to_vector() == expected.cast<std::vector<std::string>>());
    CHECK(words.size() == 6);
}

TEST_CASE("statistics.median_high of a std::vector gives its item type back") {
    // median_high(data: Iterable[SupportsRichComparisonT]) -> SupportsRichComparisonT
    std::int64_t high = statistics::median_high(std::vector<std::int64_t>{7, 1, 3, 5});
    CHECK(high ==
          corpus::eval("__import__('statistics').median_high([7, 1, 3, 5])").cast<std::int64_t>());
    std::string word = statistics::median_low(std::vector<std::string>{"pear", "fig", "kiwi"});
    CHECK(word == corpus::eval("__import__('statistics').median_low(['pear', 'fig', 'kiwi'])")
                      .cast<std::string>());
    // Python's exception arrives as the module's exception class.
    CHECK_THROWS_AS(statistics::median_high(std::vector<std::string>{}),
                    statistics::StatisticsError);
}

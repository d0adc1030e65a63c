// The GIL: any thread may call; gil_acquire holds it across calls; gil_release drops it.
#include <catch2/catch.hpp>

#include "../support/python_helpers.hpp"

#include <atomic>
#include <chrono>
#include <future>
#include <thread>

using pyhpp_test::run;

namespace {
/// Runs `f` on another thread and fails (instead of hanging) if it does not finish in time.
template <class F> void finishes_within(std::chrono::seconds limit, F f) {
    auto done = std::async(std::launch::async, std::move(f));
    REQUIRE(done.wait_for(limit) == std::future_status::ready);
    done.get();
}
} // namespace

TEST_CASE("gil: many threads call Python at once", "[gil][threads]") {
    pyhpp::object add = run("def add(a, b):\n    return a + b\n").item("add");
    std::atomic<long> total{0};
    finishes_within(std::chrono::seconds(60), [&] {
        std::vector<std::thread> threads;
        for (int t = 0; t < 8; ++t)
            threads.emplace_back([&, t] {
                for (int i = 0; i < 500; ++i)
                    total += add(t, i).cast<std::int64_t>();
            });
        for (auto &th : threads)
            th.join();
    });
    long expected = 0;
    for (int t = 0; t < 8; ++t)
        for (int i = 0; i < 500; ++i)
            expected += t + i;
    CHECK(total == expected);
}

TEST_CASE("gil: gil_acquire nests and leaves the GIL free afterwards", "[gil]") {
    {
        pyhpp::gil_acquire outer;
        CHECK(pyhpp::detail::gil_depth == 1);
        {
            pyhpp::gil_acquire inner;
            CHECK(pyhpp::detail::gil_depth == 2);
            CHECK(pyhpp::object(1).cast<int>() == 1);
        }
        CHECK(pyhpp::detail::gil_depth == 1);
    }
    CHECK(pyhpp::detail::gil_depth == 0);
    // Another thread can take the GIL now.
    finishes_within(std::chrono::seconds(30), [] { CHECK(pyhpp::object(2).cast<int>() == 2); });
}

TEST_CASE("gil: gil_release inside gil_acquire lets other threads run", "[gil][threads]") {
    pyhpp::gil_acquire held;
    pyhpp::object value(41);
    {
        pyhpp::gil_release released;
        CHECK(pyhpp::detail::gil_depth == 0);
        finishes_within(std::chrono::seconds(30),
                        [&] { CHECK(pyhpp::object(value.cast<int>() + 1).cast<int>() == 42); });
    }
    CHECK(pyhpp::detail::gil_depth == 1);
}

TEST_CASE("gil: a second interpreter object attaches without owning", "[gil][interpreter]") {
    pyhpp::interpreter again;
    CHECK_FALSE(again.owns());
    CHECK(pyhpp::interpreter::running());
}

// Generated wrappers from many threads: each takes the GIL itself; nothing deadlocks.
#include <catch2/catch.hpp>

#include <py/wrapped_functions/errors.hpp>
#include <py/wrapped_functions/types.hpp>

#include <atomic>
#include <chrono>
#include <future>
#include <thread>

namespace {
template <class F> void finishes_within(std::chrono::seconds limit, F f) {
    auto done = std::async(std::launch::async, std::move(f));
    REQUIRE(done.wait_for(limit) == std::future_status::ready);
    done.get();
}
} // namespace

TEST_CASE("threads: wrappers called from several std::threads", "[wrappers][threads]") {
    std::atomic<std::int64_t> sum{0};
    std::atomic<int> errors_seen{0};
    finishes_within(std::chrono::seconds(90), [&] {
        std::vector<std::thread> threads;
        for (int t = 0; t < 6; ++t)
            threads.emplace_back([&, t] {
                for (int i = 0; i < 200; ++i) {
                    sum += py::wrapped_functions::errors::slow_add(t, i);
                    try {
                        py::wrapped_functions::types::wrong_result();
                    } catch (const pyhpp::type_error &) {
                        ++errors_seen;
                    }
                }
            });
        for (auto &th : threads)
            th.join();
    });
    std::int64_t expected = 0;
    for (int t = 0; t < 6; ++t)
        for (int i = 0; i < 200; ++i)
            expected += t + i;
    CHECK(sum == expected);
    CHECK(errors_seen == 1200);
}

TEST_CASE("threads: calls inside gil_acquire, and other threads under gil_release",
          "[wrappers][threads]") {
    pyhpp::gil_acquire held;
    CHECK(py::wrapped_functions::types::ident_int(7) == 7);
    {
        pyhpp::gil_release released;
        finishes_within(std::chrono::seconds(30),
                        [] { CHECK(py::wrapped_functions::errors::slow_add(1, 2) == 3); });
    }
    CHECK(py::wrapped_functions::types::ident_int(8) == 8);
}

TEST_CASE("threads: the first call of a wrapper can come from any thread", "[wrappers][threads]") {
    // Starts several threads at once on a wrapper none of them has called yet.
    std::vector<std::future<std::int64_t>> results;
    for (int i = 0; i < 4; ++i)
        results.push_back(std::async(std::launch::async, [i] {
            return py::wrapped_functions::types::ident_int(i) +
                   py::wrapped_functions::types::int_min();
        }));
    for (int i = 0; i < 4; ++i)
        CHECK(results[i].get() == i + std::numeric_limits<std::int64_t>::min());
}

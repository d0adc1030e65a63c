// The datetime family: instants in UTC, dates before 1970, times of day, negative durations.
#include <catch2/catch.hpp>

#include "codec_helpers.hpp"

#include <limits>

using namespace codec_test;
using namespace std::chrono_literals;
using pyhpp::make_date;

// The calendar helpers are constexpr.
static_assert(make_date(1970, 1, 1).time_since_epoch().count() == 0);
static_assert(make_date(1969, 12, 31).time_since_epoch().count() == -1);
static_assert(make_date(2000, 3, 1).time_since_epoch().count() == 11017);
static_assert(pyhpp::to_civil(pyhpp::date(pyhpp::days(-719162))).year == 1);

TEST_CASE("chrono: make_date and to_civil agree with Python's calendar", "[time]") {
    pyhpp::gil_acquire gil;
    // 0001-01-01 is day -719162; 9999-12-31 is day 2932896.
    for (std::int32_t n = -719162; n <= 2932896; n += 997) {
        pyhpp::civil_date c = pyhpp::to_civil(pyhpp::date(pyhpp::days(n)));
        REQUIRE(make_date(c.year, c.month, c.day).time_since_epoch().count() == n);
    }
    pyhpp::object fromordinal = eval("lambda n: date.fromordinal(n + 719163)");
    for (std::int32_t n : {-719162, -1, 0, 59, 11016, 11017, 2932896}) {
        pyhpp::civil_date c = pyhpp::to_civil(pyhpp::date(pyhpp::days(n)));
        pyhpp::object d = fromordinal(std::int64_t{n});
        CHECK(d.attr("year").cast<int>() == c.year);
        CHECK(d.attr("month").cast<int>() == static_cast<int>(c.month));
        CHECK(d.attr("day").cast<int>() == static_cast<int>(c.day));
    }
}

TEST_CASE("datetime: aware datetimes become their UTC instant", "[time]") {
    pyhpp::gil_acquire gil;
    const pyhpp::datetime new_year = make_date(2024, 1, 1);
    CHECK(from_py<codec::datetime>("datetime(2024, 1, 1, 5, 30, tzinfo=PLUS_0530)") == new_year);
    CHECK(from_py<codec::datetime>("datetime(2023, 12, 31, 16, tzinfo=MINUS_0800)") == new_year);
    CHECK(from_py<codec::datetime>("datetime(2024, 1, 1, tzinfo=timezone.utc)") == new_year);
    CHECK(from_py<codec::datetime>("datetime(2024, 1, 1, 0, 0, 0, 1, tzinfo=PLUS_0530)") ==
          new_year - 5h - 30min + 1us);
}

TEST_CASE("datetime: naive datetimes are taken as UTC", "[time]") {
    pyhpp::gil_acquire gil;
    CHECK(from_py<codec::datetime>("datetime(2024, 2, 29, 12, 0, 0, 123456)") ==
          make_date(2024, 2, 29) + 12h + 123456us);
    CHECK(from_py<codec::datetime>("datetime(2024, 2, 29, 12, tzinfo=NoOffset())") ==
          make_date(2024, 2, 29) + 12h);
}

TEST_CASE("datetime: sent as aware UTC datetimes, microseconds and years before 1970 intact",
          "[time]") {
    pyhpp::gil_acquire gil;
    CHECK(to_py<codec::datetime>(make_date(2024, 2, 29) + 1h + 2min + 3s + 4us).repr() ==
          "datetime.datetime(2024, 2, 29, 1, 2, 3, 4, tzinfo=datetime.timezone.utc)");
    CHECK(to_py<codec::datetime>(pyhpp::datetime(-1us)).repr() ==
          "datetime.datetime(1969, 12, 31, 23, 59, 59, 999999, tzinfo=datetime.timezone.utc)");
    CHECK(from_py<codec::datetime>("datetime(1969, 12, 31, 23, 59, 59, 999999)") ==
          pyhpp::datetime(-1us));
    for (const char *expr : {"datetime(1, 1, 1, tzinfo=timezone.utc)",
                             "datetime(9999, 12, 31, 23, 59, 59, 999999, tzinfo=timezone.utc)",
                             "datetime(1900, 3, 1, 0, 0, 0, 7, tzinfo=timezone.utc)"}) {
        pyhpp::object o = eval(expr);
        CHECK(same(to_py<codec::datetime>(from_py<codec::datetime>(o)), expr));
    }
}

TEST_CASE("datetime: wrong types and years out of range", "[time]") {
    pyhpp::gil_acquire gil;
    CHECK_THROWS_WITH(from_py<codec::datetime>("date(2024, 1, 1)", "datetime.datetime"),
                      "TypeError: m.f() returned datetime.date, expected datetime.datetime");
    CHECK_THROWS_AS(from_py<codec::datetime>("'2024-01-01'"), pyhpp::type_error);
    CHECK_THROWS_AS(to_py<codec::datetime>(make_date(10000, 1, 1)), pyhpp::value_error);
    CHECK_THROWS_AS(to_py<codec::datetime>(make_date(0, 12, 31)), pyhpp::value_error);
    CHECK_FALSE(PyErr_Occurred());
}

TEST_CASE("date: days since 1970, before it too, and a datetime gives its date", "[time]") {
    pyhpp::gil_acquire gil;
    CHECK(from_py<codec::date>("date(1969, 12, 31)") == pyhpp::date(pyhpp::days(-1)));
    CHECK(from_py<codec::date>("date(1, 1, 1)") == make_date(1, 1, 1));
    CHECK(to_py<codec::date>(make_date(1900, 2, 28)).repr() == "datetime.date(1900, 2, 28)");
    CHECK(to_py<codec::date>(make_date(9999, 12, 31)).repr() == "datetime.date(9999, 12, 31)");
    CHECK(from_py<codec::date>("datetime(2024, 5, 6, 23, 59)") == make_date(2024, 5, 6));
    CHECK_THROWS_AS(to_py<codec::date>(make_date(10000, 1, 1)), pyhpp::value_error);
    CHECK_THROWS_WITH(from_py<codec::date>("time(1)", "datetime.date"),
                      "TypeError: m.f() returned datetime.time, expected datetime.date");
    using either = codec::variant<codec::date, codec::datetime>;
    CHECK(from_py<either>("datetime(2024, 5, 6)").index() == 1);
    CHECK(from_py<either>("date(2024, 5, 6)").index() == 0);
}

TEST_CASE("time: microseconds since midnight, tzinfo dropped", "[time]") {
    pyhpp::gil_acquire gil;
    CHECK(from_py<codec::time>("time(23, 59, 59, 999999)") == 24h - 1us);
    CHECK(from_py<codec::time>("time(0)") == 0us);
    CHECK(from_py<codec::time>("time(12, 30, tzinfo=PLUS_0530)") == 12h + 30min);
    CHECK(to_py<codec::time>(1h + 2min + 3s + 4us).repr() == "datetime.time(1, 2, 3, 4)");
    CHECK_THROWS_WITH(to_py<codec::time>(-1us), "ValueError: a time of day must be in [0, 24h), "
                                                "not -1 microseconds after midnight");
    CHECK_THROWS_AS(to_py<codec::time>(24h), pyhpp::value_error);
    CHECK_THROWS_AS(from_py<codec::time>("timedelta(1)"), pyhpp::type_error);
}

TEST_CASE("timedelta: signed microseconds, negative ones included", "[time]") {
    pyhpp::gil_acquire gil;
    CHECK(from_py<codec::timedelta>("timedelta(microseconds=-1)") == -1us);
    CHECK(from_py<codec::timedelta>("timedelta(days=-3, hours=5)") == -72h + 5h);
    CHECK(to_py<codec::timedelta>(-1us).repr() ==
          "datetime.timedelta(days=-1, seconds=86399, microseconds=999999)");
    CHECK(same(to_py<codec::timedelta>(-90min), "timedelta(minutes=-90)"));
    CHECK(same(to_py<codec::timedelta>(0us), "timedelta(0)"));
    constexpr auto lo = std::numeric_limits<std::int64_t>::min();
    constexpr auto hi = std::numeric_limits<std::int64_t>::max();
    for (std::int64_t n : {lo, lo + 1, std::int64_t{-86400000001}, std::int64_t{123}, hi - 1, hi}) {
        std::chrono::microseconds d(n);
        CHECK(from_py<codec::timedelta>(to_py<codec::timedelta>(d)) == d);
    }
}

TEST_CASE("timedelta: beyond 64 bits of microseconds is an overflow", "[time]") {
    pyhpp::gil_acquire gil;
    CHECK_THROWS_AS(from_py<codec::timedelta>("timedelta.max"), pyhpp::overflow_error);
    CHECK_THROWS_WITH(
        from_py<codec::timedelta>("timedelta(microseconds=-2**63 - 1)", "datetime.timedelta"),
        "OverflowError: m.f() returned datetime.timedelta(days=-106751992, "
        "seconds=71945, microseconds=224191), which does not fit in "
        "std::chrono::microseconds");
    CHECK_THROWS_AS(from_py<codec::timedelta>("timedelta(microseconds=2**63)"),
                    pyhpp::overflow_error);
    CHECK(from_py<codec::timedelta>("timedelta(microseconds=-2**63)").count() ==
          std::numeric_limits<std::int64_t>::min());
}

TEST_CASE("datetime family: reference counts balance", "[time][refcount]") {
    pyhpp::gil_acquire gil;
    pyhpp::object utc = eval("timezone.utc");
    pyhpp::object plus = eval("PLUS_0530");
    pyhpp::object aware = eval("datetime(2024, 1, 1, tzinfo=PLUS_0530)");
    pyhpp::object delta = eval("timedelta(-1)");
    std::int64_t utc_before = pyhpp_test::refcount(utc);
    std::int64_t plus_before = pyhpp_test::refcount(plus);
    std::int64_t aware_before = pyhpp_test::refcount(aware);
    std::int64_t delta_before = pyhpp_test::refcount(delta);
    for (int i = 0; i < 100; ++i) {
        pyhpp::datetime t = from_py<codec::datetime>(aware);
        CHECK(to_py<codec::datetime>(t).attr("tzinfo").ptr() == utc.ptr());
        CHECK(from_py<codec::timedelta>(delta) == -24h);
        CHECK_THROWS(to_py<codec::datetime>(make_date(10000, 1, 1)));
    }
    CHECK(pyhpp_test::refcount(utc) == utc_before);
    CHECK(pyhpp_test::refcount(plus) == plus_before);
    CHECK(pyhpp_test::refcount(aware) == aware_before);
    CHECK(pyhpp_test::refcount(delta) == delta_before);
}

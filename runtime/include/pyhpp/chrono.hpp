// The C++ types of Python's datetime values (datetime, date, time, timedelta), and calendar
// helpers C++17 lacks.
#pragma once

#include <chrono>
#include <cstdint>
#include <ratio>

namespace pyhpp {

/// Whole days (C++20's std::chrono::days, with a 32-bit count).
using days = std::chrono::duration<std::int32_t, std::ratio<86400>>;

/// `datetime.datetime`: an instant, in microseconds since 1970-01-01 00:00 UTC.
///
/// An aware datetime becomes the UTC instant it denotes; a naive one is taken as UTC (its
/// fields are read as they are, no local time zone is applied). Sent to Python as an aware
/// datetime in UTC (tzinfo=datetime.timezone.utc), which must lie in years 1..9999.
using datetime = std::chrono::time_point<std::chrono::system_clock, std::chrono::microseconds>;

/// `datetime.date`: days since 1970-01-01 (C++20's std::chrono::sys_days).
using date = std::chrono::time_point<std::chrono::system_clock, days>;

/// `datetime.time`: microseconds since midnight, in [0, 24h); a tzinfo is dropped.
using time_of_day = std::chrono::microseconds;

/// `datetime.timedelta`: a signed duration in microseconds.
using timedelta = std::chrono::microseconds;

/// A date of the proleptic Gregorian calendar, as Python's datetime.date has it.
struct civil_date {
    int year;
    unsigned month; // 1..12
    unsigned day;   // 1..31
};

/// The date of a calendar day, e.g. make_date(2024, 2, 29). Any year; days count back from
/// 1970-01-01 for earlier dates.
constexpr date make_date(int year, unsigned month, unsigned day) noexcept {
    // H. Hinnant's days_from_civil: years start on March 1st so the leap day comes last.
    year -= month <= 2 ? 1 : 0;
    const int era = (year >= 0 ? year : year - 399) / 400;
    const auto yoe = static_cast<unsigned>(year - era * 400);
    const unsigned doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return date(days(era * 146097 + static_cast<int>(doe) - 719468));
}

/// The calendar day of a date (the inverse of make_date).
constexpr civil_date to_civil(date d) noexcept {
    // H. Hinnant's civil_from_days.
    const int z = d.time_since_epoch().count() + 719468;
    const int era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned month = mp < 10 ? mp + 3 : mp - 9;
    const int year = static_cast<int>(yoe) + era * 400 + (month <= 2 ? 1 : 0);
    return {year, month, doy - (153 * mp + 2) / 5 + 1};
}

} // namespace pyhpp

// The datetime family's conversions, on the datetime C API loaded once per interpreter.
#include <pyhpp/detail/cache.hpp>
#include <pyhpp/detail/codec_time.hpp>

// Defines this translation unit's `PyDateTimeAPI` (a static): the one API pointer of pyhpp.
#include <datetime.h>

#include <cstdint>
#include <limits>

namespace pyhpp::detail::time_codec {

namespace {

constexpr std::int64_t micros_per_second = 1000000;
constexpr std::int64_t micros_per_day = 86400 * micros_per_second;

/// The interpreter generation PyDateTimeAPI was loaded for: the capsule of an earlier
/// interpreter points into a module that has been finalised.
std::uint64_t api_generation = 0;

/// Loads the datetime C API for the running interpreter; false with ImportError set.
/// PRECONDITION: The GIL must be held.
bool load() noexcept {
    if (PYHPP_LIKELY(api_generation == interpreter_generation && PyDateTimeAPI))
        return true;
    PyDateTime_IMPORT;
    if (!PyDateTimeAPI)
        return false;
    api_generation = interpreter_generation;
    return true;
}

/// For exact(): the API or nothing, leaving no error behind.
bool load_quietly() noexcept {
    if (load())
        return true;
    PyErr_Clear();
    return false;
}

/// A day and the microseconds into it, for any instant (floor division: works before 1970).
struct day_and_micros {
    civil_date day;
    std::int64_t micros; // [0, micros_per_day)
};
day_and_micros split(std::chrono::microseconds since_epoch) {
    std::int64_t us = since_epoch.count();
    std::int64_t d = us / micros_per_day;
    std::int64_t rest = us % micros_per_day;
    if (rest < 0) {
        rest += micros_per_day;
        --d;
    }
    return {to_civil(pyhpp::date(days(static_cast<std::int32_t>(d)))), rest};
}

/// The fields of a time of day.
struct clock_fields {
    int hour, minute, second, micro;
};
clock_fields clock_of(std::int64_t micros) {
    auto seconds = micros / micros_per_second;
    return {static_cast<int>(seconds / 3600), static_cast<int>(seconds / 60 % 60),
            static_cast<int>(seconds % 60), static_cast<int>(micros % micros_per_second)};
}

std::int64_t micros_of(int hour, int minute, int second, int micro) {
    return ((std::int64_t{hour} * 60 + minute) * 60 + second) * micros_per_second + micro;
}

std::int64_t days_since_epoch(int year, int month, int day) {
    return make_date(year, static_cast<unsigned>(month), static_cast<unsigned>(day))
        .time_since_epoch()
        .count();
}

/// A timedelta's value in microseconds; false if it does not fit in 64 bits.
bool delta_micros(PyObject *delta, std::int64_t &out) {
    // days * 86400 + seconds is at most ~8.7e13: no overflow. Then seconds * 1e6 + micros.
    std::int64_t seconds = std::int64_t{PyDateTime_DELTA_GET_DAYS(delta)} * 86400 +
                           PyDateTime_DELTA_GET_SECONDS(delta);
    std::int64_t micros = PyDateTime_DELTA_GET_MICROSECONDS(delta); // [0, 1e6)
    constexpr std::int64_t max = std::numeric_limits<std::int64_t>::max();
    constexpr std::int64_t min = std::numeric_limits<std::int64_t>::min();
    constexpr std::int64_t hi = max / micros_per_second, hi_rem = max % micros_per_second;
    constexpr std::int64_t lo = min / micros_per_second, lo_rem = min % micros_per_second;
    if (seconds > hi || (seconds == hi && micros > hi_rem))
        return false;
    if (seconds < lo - 1 || (seconds == lo - 1 && micros < micros_per_second + lo_rem))
        return false;
    // For negative seconds, step one second towards zero first so no product overflows.
    out = seconds >= 0 ? seconds * micros_per_second + micros
                       : (seconds + 1) * micros_per_second + (micros - micros_per_second);
    return true;
}

} // namespace

PyObject *datetime_to_python(pyhpp::datetime value) noexcept {
    if (!load())
        return nullptr;
    day_and_micros at = split(value.time_since_epoch());
    clock_fields c = clock_of(at.micros);
    // Range errors (years outside 1..9999) are raised by the constructor as ValueError.
    return PyDateTimeAPI->DateTime_FromDateAndTime(
        at.day.year, static_cast<int>(at.day.month), static_cast<int>(at.day.day), c.hour, c.minute,
        c.second, c.micro, PyDateTime_TimeZone_UTC, PyDateTimeAPI->DateTimeType);
}

bool datetime_from_python(PyObject *o, pyhpp::datetime &out, failure &f) {
    if (!load())
        return f.python_error();
    if (!PyDateTime_Check(o))
        return f.type_mismatch(o);
    std::int64_t micros =
        days_since_epoch(PyDateTime_GET_YEAR(o), PyDateTime_GET_MONTH(o), PyDateTime_GET_DAY(o)) *
            micros_per_day +
        micros_of(PyDateTime_DATE_GET_HOUR(o), PyDateTime_DATE_GET_MINUTE(o),
                  PyDateTime_DATE_GET_SECOND(o), PyDateTime_DATE_GET_MICROSECOND(o));
    // Aware: subtract utcoffset() (which also honours fold). A tzinfo whose utcoffset() is None
    // leaves the datetime naive, taken as UTC like any naive one.
    // _PyDateTime_HAS_TZINFO(o), which 3.8 and 3.9 do not define yet.
    if (reinterpret_cast<_PyDateTime_BaseTZInfo *>(o)->hastzinfo) {
        PyObject *offset = PyObject_CallMethod(o, "utcoffset", nullptr);
        if (!offset)
            return f.python_error();
        std::int64_t offset_micros = 0;
        if (offset != Py_None && PyDelta_Check(offset))
            delta_micros(offset, offset_micros); // strictly within a day: always fits
        Py_DECREF(offset);
        micros -= offset_micros;
    }
    out = pyhpp::datetime(std::chrono::microseconds(micros));
    return true;
}

bool datetime_exact(PyObject *o) noexcept { return load_quietly() && PyDateTime_Check(o); }

PyObject *date_to_python(pyhpp::date value) noexcept {
    if (!load())
        return nullptr;
    civil_date d = to_civil(value);
    return PyDateTimeAPI->Date_FromDate(d.year, static_cast<int>(d.month), static_cast<int>(d.day),
                                        PyDateTimeAPI->DateType);
}

bool date_from_python(PyObject *o, pyhpp::date &out, failure &f) {
    if (!load())
        return f.python_error();
    if (!PyDate_Check(o))
        return f.type_mismatch(o);
    auto n =
        days_since_epoch(PyDateTime_GET_YEAR(o), PyDateTime_GET_MONTH(o), PyDateTime_GET_DAY(o));
    out = pyhpp::date(days(static_cast<std::int32_t>(n)));
    return true;
}

bool date_exact(PyObject *o) noexcept {
    return load_quietly() && PyDate_Check(o) && !PyDateTime_Check(o);
}

PyObject *time_to_python(pyhpp::time_of_day value) noexcept {
    if (!load())
        return nullptr;
    std::int64_t micros = value.count();
    if (micros < 0 || micros >= micros_per_day) {
        PyErr_Format(PyExc_ValueError,
                     "a time of day must be in [0, 24h), not %lld microseconds after midnight",
                     static_cast<long long>(micros));
        return nullptr;
    }
    clock_fields c = clock_of(micros);
    return PyDateTimeAPI->Time_FromTime(c.hour, c.minute, c.second, c.micro, Py_None,
                                        PyDateTimeAPI->TimeType);
}

bool time_from_python(PyObject *o, pyhpp::time_of_day &out, failure &f) {
    if (!load())
        return f.python_error();
    if (!PyTime_Check(o))
        return f.type_mismatch(o);
    out = std::chrono::microseconds(
        micros_of(PyDateTime_TIME_GET_HOUR(o), PyDateTime_TIME_GET_MINUTE(o),
                  PyDateTime_TIME_GET_SECOND(o), PyDateTime_TIME_GET_MICROSECOND(o)));
    return true;
}

bool time_exact(PyObject *o) noexcept { return load_quietly() && PyTime_Check(o); }

PyObject *timedelta_to_python(pyhpp::timedelta value) noexcept {
    if (!load())
        return nullptr;
    std::int64_t us = value.count();
    std::int64_t d = us / micros_per_day;
    std::int64_t rest = us % micros_per_day;
    if (rest < 0) {
        rest += micros_per_day;
        --d;
    }
    // |d| <= 106,751,992: within timedelta's +-999,999,999 days. Normalised like Python's.
    return PyDateTimeAPI->Delta_FromDelta(
        static_cast<int>(d), static_cast<int>(rest / micros_per_second),
        static_cast<int>(rest % micros_per_second), 1, PyDateTimeAPI->DeltaType);
}

bool timedelta_from_python(PyObject *o, pyhpp::timedelta &out, failure &f) {
    if (!load())
        return f.python_error();
    if (!PyDelta_Check(o))
        return f.type_mismatch(o);
    std::int64_t micros = 0;
    if (!delta_micros(o, micros))
        return f.overflow(o, "std::chrono::microseconds");
    out = std::chrono::microseconds(micros);
    return true;
}

bool timedelta_exact(PyObject *o) noexcept { return load_quietly() && PyDelta_Check(o); }

} // namespace pyhpp::detail::time_codec

// Codecs of the datetime family: datetime, date, time, timedelta (see pyhpp/chrono.hpp).
// PRECONDITION: The GIL must be held.
#pragma once

#include <pyhpp/chrono.hpp>
#include <pyhpp/detail/convert.hpp>

namespace pyhpp::detail {

// Out of line in runtime/src/codec_time.cpp, the one translation unit that sees <datetime.h>
// and holds the datetime C API, loaded once per interpreter.
namespace time_codec {
PyObject *datetime_to_python(pyhpp::datetime value) noexcept;
bool datetime_from_python(PyObject *o, pyhpp::datetime &out, failure &f);
bool datetime_exact(PyObject *o) noexcept;

PyObject *date_to_python(pyhpp::date value) noexcept;
bool date_from_python(PyObject *o, pyhpp::date &out, failure &f);
bool date_exact(PyObject *o) noexcept;

PyObject *time_to_python(pyhpp::time_of_day value) noexcept;
bool time_from_python(PyObject *o, pyhpp::time_of_day &out, failure &f);
bool time_exact(PyObject *o) noexcept;

PyObject *timedelta_to_python(pyhpp::timedelta value) noexcept;
bool timedelta_from_python(PyObject *o, pyhpp::timedelta &out, failure &f);
bool timedelta_exact(PyObject *o) noexcept;
} // namespace time_codec

namespace codec {

/// datetime.datetime <-> pyhpp::datetime: an aware datetime becomes its UTC instant, a naive
/// one is taken as UTC; sent as an aware datetime in UTC. Outside years 1..9999: ValueError.
struct datetime {
    using type = pyhpp::datetime;
    static PyObject *to_python(type value) noexcept {
        return time_codec::datetime_to_python(value);
    }
    static bool from_python(PyObject *o, type &out, failure &f) {
        return time_codec::datetime_from_python(o, out, f);
    }
    static bool exact(PyObject *o) noexcept { return time_codec::datetime_exact(o); }
};

/// datetime.date <-> pyhpp::date. A datetime, which is a date too, gives its own date fields
/// (as `.date()` would) but is not an exact match: `date | datetime` keeps it a datetime.
struct date {
    using type = pyhpp::date;
    static PyObject *to_python(type value) noexcept { return time_codec::date_to_python(value); }
    static bool from_python(PyObject *o, type &out, failure &f) {
        return time_codec::date_from_python(o, out, f);
    }
    static bool exact(PyObject *o) noexcept { return time_codec::date_exact(o); }
};

/// datetime.time <-> pyhpp::time_of_day (microseconds since midnight; tzinfo and fold are
/// dropped). A value outside [0, 24h) raises ValueError.
struct time {
    using type = pyhpp::time_of_day;
    static PyObject *to_python(type value) noexcept { return time_codec::time_to_python(value); }
    static bool from_python(PyObject *o, type &out, failure &f) {
        return time_codec::time_from_python(o, out, f);
    }
    static bool exact(PyObject *o) noexcept { return time_codec::time_exact(o); }
};

/// datetime.timedelta <-> pyhpp::timedelta (microseconds). A timedelta beyond about 292,000
/// years does not fit: an overflow failure.
struct timedelta {
    using type = pyhpp::timedelta;
    static PyObject *to_python(type value) noexcept {
        return time_codec::timedelta_to_python(value);
    }
    static bool from_python(PyObject *o, type &out, failure &f) {
        return time_codec::timedelta_from_python(o, out, f);
    }
    static bool exact(PyObject *o) noexcept { return time_codec::timedelta_exact(o); }
};

} // namespace codec
} // namespace pyhpp::detail

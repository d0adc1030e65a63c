// Call overhead of generated wrappers (a function, a method) against hand-written C API, naive C
// API and pybind11.
//
//   call_overhead [Google Benchmark flags]   timed runs, then a table of ratios from this run
//   call_overhead --list                     the case names
//   call_overhead --count N --only NAME      N calls of one case, no timing (for callgrind.sh)
//   call_overhead --table NAME=VALUE...      the ratio table for values measured elsewhere
//
// Every case computes bench_fixture.add(1000, 2000), or the method call
// bench_fixture.Counter().add(1000, 2000) on an instance made once, and converts the result to
// std::int64_t.
// "gil_held" cases run their loop with the GIL taken once outside it; "gil_per_call" cases take
// and drop the GIL on every call, as a program that does not manage the GIL itself would.

// Python.h first, as CPython asks; only the hand-written baselines use it.
#include <pyhpp/detail/python.hpp>

#if defined(PYHPP_BENCH_PYBIND11)
#include <pybind11/pybind11.h>
#endif

#include <py/bench_fixture.hpp>

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#if defined(__GNUC__) || defined(__clang__)
#define BENCH_NOINLINE __attribute__((noinline))
#else
#define BENCH_NOINLINE
#endif

namespace {

#if defined(PYHPP_BENCH_PYBIND11)
namespace pb = pybind11;
#endif

constexpr std::int64_t first = 1000;
constexpr std::int64_t second = 2000;

// ---------------------------------------------------------------------------------------------
// What the baselines look up once. Filled and released with the GIL held, while the
// interpreter runs (a reference must not outlive Py_FinalizeEx).

struct fixture {
    PyObject *module = nullptr;
    PyObject *add = nullptr;
    PyObject *counter = nullptr;  // a bench_fixture.Counter instance
    PyObject *add_name = nullptr; // the interned "add", as the generated wrapper caches it
    std::optional<py::bench_fixture::Counter> generated_counter;
#if defined(PYHPP_BENCH_PYBIND11)
    std::optional<pb::object> pybind11_add;
    std::optional<pb::object> pybind11_counter;
#endif
};
fixture fx;

[[noreturn]] void fail(const char *what) {
    if (PyErr_Occurred())
        PyErr_Print();
    std::fprintf(stderr, "call_overhead: %s\n", what);
    std::exit(2);
}

// PRECONDITION: The GIL must be held.
void load_fixture() {
    fx.module = PyImport_ImportModule("bench_fixture");
    if (!fx.module)
        fail("cannot import bench_fixture");
    fx.add = PyObject_GetAttrString(fx.module, "add");
    if (!fx.add)
        fail("bench_fixture has no add");
    PyObject *counter_class = PyObject_GetAttrString(fx.module, "Counter");
    if (!counter_class)
        fail("bench_fixture has no Counter");
    fx.counter = PyObject_CallObject(counter_class, nullptr);
    Py_DECREF(counter_class);
    if (!fx.counter)
        fail("bench_fixture.Counter() raised");
    fx.add_name = PyUnicode_InternFromString("add");
    if (!fx.add_name)
        fail("cannot intern \"add\"");
    fx.generated_counter.emplace();
#if defined(PYHPP_BENCH_PYBIND11)
    pb::module_ module = pb::module_::import("bench_fixture");
    fx.pybind11_add = module.attr("add");
    fx.pybind11_counter = module.attr("Counter")();
#endif
}

// PRECONDITION: The GIL must be held.
void release_fixture() {
#if defined(PYHPP_BENCH_PYBIND11)
    fx.pybind11_counter.reset();
    fx.pybind11_add.reset();
#endif
    fx.generated_counter.reset();
    Py_CLEAR(fx.add_name);
    Py_CLEAR(fx.counter);
    Py_CLEAR(fx.add);
    Py_CLEAR(fx.module);
}

// ---------------------------------------------------------------------------------------------
// The calls. Each is out of line, like the generated wrapper, so they compare like for like and
// show up as one function each in callgrind_annotate.

// The generated wrapper. It takes the GIL itself unless a pyhpp::gil_acquire block holds it.
BENCH_NOINLINE std::int64_t generated(std::int64_t a, std::int64_t b) {
    return py::bench_fixture::add(a, b);
}

// Hand-written: cached callable, vectorcall, no argument tuple.
// PRECONDITION: The GIL must be held.
BENCH_NOINLINE std::int64_t c_api(std::int64_t a, std::int64_t b) {
    // Slot 0 is scratch space the callee may use (PY_VECTORCALL_ARGUMENTS_OFFSET).
    PyObject *args[3] = {nullptr, PyLong_FromLongLong(a), PyLong_FromLongLong(b)};
    if (!args[1] || !args[2])
        fail("PyLong_FromLongLong failed");
    PyObject *result =
        PYHPP_VECTORCALL(fx.add, args + 1, 2 | PY_VECTORCALL_ARGUMENTS_OFFSET, nullptr);
    Py_DECREF(args[1]);
    Py_DECREF(args[2]);
    if (!result)
        fail("add raised");
    long long value = PyLong_AsLongLong(result);
    Py_DECREF(result);
    if (value == -1 && PyErr_Occurred())
        fail("add returned no int");
    return value;
}

BENCH_NOINLINE std::int64_t c_api_gil(std::int64_t a, std::int64_t b) {
    PyGILState_STATE state = PyGILState_Ensure();
    std::int64_t value = c_api(a, b);
    PyGILState_Release(state);
    return value;
}

// Naive C API: look the function up by a C string and build an argument tuple from a format on
// every call. PRECONDITION: The GIL must be held.
BENCH_NOINLINE std::int64_t naive(std::int64_t a, std::int64_t b) {
    PyObject *fn = PyObject_GetAttrString(fx.module, "add");
    if (!fn)
        fail("bench_fixture has no add");
    PyObject *result =
        PyObject_CallFunction(fn, "LL", static_cast<long long>(a), static_cast<long long>(b));
    Py_DECREF(fn);
    if (!result)
        fail("add raised");
    long long value = PyLong_AsLongLong(result);
    Py_DECREF(result);
    if (value == -1 && PyErr_Occurred())
        fail("add returned no int");
    return value;
}

BENCH_NOINLINE std::int64_t naive_gil(std::int64_t a, std::int64_t b) {
    PyGILState_STATE state = PyGILState_Ensure();
    std::int64_t value = naive(a, b);
    PyGILState_Release(state);
    return value;
}

// The generated method wrapper, on an instance made once. It takes the GIL itself unless a
// pyhpp::gil_acquire block holds it.
BENCH_NOINLINE std::int64_t generated_method(std::int64_t a, std::int64_t b) {
    return fx.generated_counter->add(a, b);
}

// Hand-written method call: the interned name, PyObject_VectorcallMethod (3.9+; on 3.8 getattr
// and vectorcall the bound method), self borrowed. PRECONDITION: The GIL must be held.
BENCH_NOINLINE std::int64_t c_api_method(std::int64_t a, std::int64_t b) {
    // Slot 0 is scratch space the callee may use (PY_VECTORCALL_ARGUMENTS_OFFSET).
    PyObject *args[4] = {nullptr, fx.counter, PyLong_FromLongLong(a), PyLong_FromLongLong(b)};
    if (!args[2] || !args[3])
        fail("PyLong_FromLongLong failed");
#if PY_VERSION_HEX >= 0x03090000
    PyObject *result = PyObject_VectorcallMethod(fx.add_name, args + 1,
                                                 3 | PY_VECTORCALL_ARGUMENTS_OFFSET, nullptr);
#else
    PyObject *result = nullptr;
    if (PyObject *method = PyObject_GetAttr(fx.counter, fx.add_name)) {
        result = PYHPP_VECTORCALL(method, args + 2, 2 | PY_VECTORCALL_ARGUMENTS_OFFSET, nullptr);
        Py_DECREF(method);
    }
#endif
    Py_DECREF(args[2]);
    Py_DECREF(args[3]);
    if (!result)
        fail("Counter.add raised");
    long long value = PyLong_AsLongLong(result);
    Py_DECREF(result);
    if (value == -1 && PyErr_Occurred())
        fail("Counter.add returned no int");
    return value;
}

BENCH_NOINLINE std::int64_t c_api_method_gil(std::int64_t a, std::int64_t b) {
    PyGILState_STATE state = PyGILState_Ensure();
    std::int64_t value = c_api_method(a, b);
    PyGILState_Release(state);
    return value;
}

#if defined(PYHPP_BENCH_PYBIND11)
// pybind11 with the callable cached in a py::object. PRECONDITION: The GIL must be held.
BENCH_NOINLINE std::int64_t pybind11_call(std::int64_t a, std::int64_t b) {
    return (*fx.pybind11_add)(a, b).cast<std::int64_t>();
}

// As a pybind11 user would write it: pybind11's own GIL guard.
BENCH_NOINLINE std::int64_t pybind11_gil(std::int64_t a, std::int64_t b) {
    pb::gil_scoped_acquire gil;
    return pybind11_call(a, b);
}

// A pybind11 method call as a pybind11 user writes it, on an instance cached in a py::object.
// PRECONDITION: The GIL must be held.
BENCH_NOINLINE std::int64_t pybind11_method(std::int64_t a, std::int64_t b) {
    return fx.pybind11_counter->attr("add")(a, b).cast<std::int64_t>();
}

BENCH_NOINLINE std::int64_t pybind11_method_gil(std::int64_t a, std::int64_t b) {
    pb::gil_scoped_acquire gil;
    return pybind11_method(a, b);
}
#endif

// ---------------------------------------------------------------------------------------------
// The cases: a call, and who holds the GIL around the loop.

using call_fn = std::int64_t (*)(std::int64_t, std::int64_t);

enum class holder {
    none,          // the call takes the GIL itself
    pyhpp_acquire, // a pyhpp::gil_acquire block around the loop
    gil_state,     // PyGILState_Ensure once before the loop
};

// Runs `body` with the GIL held as `how` says.
template <class Body> void with_gil(holder how, Body &&body) {
    switch (how) {
    case holder::none:
        body();
        return;
    case holder::pyhpp_acquire: {
        pyhpp::gil_acquire gil;
        body();
        return;
    }
    case holder::gil_state: {
        PyGILState_STATE state = PyGILState_Ensure();
        body();
        PyGILState_Release(state);
        return;
    }
    }
}

// N calls. A template per call, so the call is direct; callgrind.sh counts instructions inside
// this function only (--toggle-collect), so process start-up does not blur the result.
template <call_fn Call> BENCH_NOINLINE void measured_loop(std::int64_t count) {
    std::int64_t a = first;
    std::int64_t b = second;
    for (std::int64_t i = 0; i < count; ++i) {
        benchmark::DoNotOptimize(a);
        benchmark::DoNotOptimize(b);
        std::int64_t r = Call(a, b);
        benchmark::DoNotOptimize(r);
    }
}

template <call_fn Call> void timed_loop(benchmark::State &state) {
    std::int64_t a = first;
    std::int64_t b = second;
    for (auto _ : state) {
        benchmark::DoNotOptimize(a);
        benchmark::DoNotOptimize(b);
        std::int64_t r = Call(a, b);
        benchmark::DoNotOptimize(r);
    }
}

struct bench_case {
    const char *name;
    holder gil;
    call_fn call;
    void (*counted)(std::int64_t);
    void (*timed)(benchmark::State &);
};

template <call_fn Call> constexpr bench_case make_case(const char *name, holder gil) {
    return {name, gil, Call, &measured_loop<Call>, &timed_loop<Call>};
}

const bench_case cases[] = {
    make_case<generated>("generated/gil_held", holder::pyhpp_acquire),
    make_case<c_api>("hand_written/gil_held", holder::gil_state),
    make_case<naive>("naive/gil_held", holder::gil_state),
#if defined(PYHPP_BENCH_PYBIND11)
    make_case<pybind11_call>("pybind11/gil_held", holder::gil_state),
#endif
    make_case<generated>("generated/gil_per_call", holder::none),
    make_case<c_api_gil>("hand_written/gil_per_call", holder::none),
    make_case<naive_gil>("naive/gil_per_call", holder::none),
#if defined(PYHPP_BENCH_PYBIND11)
    make_case<pybind11_gil>("pybind11/gil_per_call", holder::none),
#endif
    make_case<generated_method>("generated_method/gil_held", holder::pyhpp_acquire),
    make_case<c_api_method>("hand_written_method/gil_held", holder::gil_state),
#if defined(PYHPP_BENCH_PYBIND11)
    make_case<pybind11_method>("pybind11_method/gil_held", holder::gil_state),
#endif
    make_case<generated_method>("generated_method/gil_per_call", holder::none),
    make_case<c_api_method_gil>("hand_written_method/gil_per_call", holder::none),
#if defined(PYHPP_BENCH_PYBIND11)
    make_case<pybind11_method_gil>("pybind11_method/gil_per_call", holder::none),
#endif
};

const bench_case *find_case(const std::string &name) {
    for (const bench_case &c : cases)
        if (name == c.name)
            return &c;
    return nullptr;
}

// A case must compute the right value before it is measured. The calls also fill the caches
// and let CPython specialise add's bytecode, so no measurement pays for warming up. Not through
// measured_loop, which callgrind.sh counts.
void check_and_warm_up(const bench_case &c) {
    std::int64_t value = 0;
    with_gil(c.gil, [&] {
        for (int i = 0; i < 1000; ++i)
            value = c.call(first, second);
    });
    if (value != first + second) {
        std::fprintf(stderr, "call_overhead: %s returned %lld, expected %lld\n", c.name,
                     static_cast<long long>(value), static_cast<long long>(first + second));
        std::exit(2);
    }
}

// ---------------------------------------------------------------------------------------------
// The ratio table, from timings of this run or from instruction counts given on the command line.

struct ratio_row {
    const char *label;
    const char *measured;
    const char *baseline;
    bool goal; // the generated wrapper's target: within 1.05x
};

const ratio_row ratio_rows[] = {
    {"generated / hand-written, GIL held", "generated/gil_held", "hand_written/gil_held", true},
    {"generated / hand-written, GIL per call", "generated/gil_per_call",
     "hand_written/gil_per_call", true},
    {"naive / hand-written, GIL held", "naive/gil_held", "hand_written/gil_held", false},
    {"naive / hand-written, GIL per call", "naive/gil_per_call", "hand_written/gil_per_call",
     false},
    {"pybind11 / hand-written, GIL held", "pybind11/gil_held", "hand_written/gil_held", false},
    {"pybind11 / hand-written, GIL per call", "pybind11/gil_per_call", "hand_written/gil_per_call",
     false},
    {"generated method / hand-written method, GIL held", "generated_method/gil_held",
     "hand_written_method/gil_held", true},
    {"generated method / hand-written method, GIL per call", "generated_method/gil_per_call",
     "hand_written_method/gil_per_call", true},
    {"pybind11 method / hand-written method, GIL held", "pybind11_method/gil_held",
     "hand_written_method/gil_held", false},
    {"pybind11 method / hand-written method, GIL per call", "pybind11_method/gil_per_call",
     "hand_written_method/gil_per_call", false},
};

constexpr double goal_ratio = 1.05;

void print_table(const std::map<std::string, double> &values, const char *unit) {
    std::printf("\n%-34s %14s\n", "case", unit);
    for (const bench_case &c : cases) {
        auto it = values.find(c.name);
        if (it != values.end())
            std::printf("%-34s %14.1f\n", c.name, it->second);
    }
    std::printf("\n%-54s %8s\n", "ratio", "x");
    bool all_met = true;
    for (const ratio_row &row : ratio_rows) {
        auto m = values.find(row.measured);
        auto b = values.find(row.baseline);
        if (m == values.end() || b == values.end() || b->second <= 0)
            continue;
        double ratio = m->second / b->second;
        std::printf("%-54s %8.3f", row.label, ratio);
        if (row.goal) {
            bool met = ratio <= goal_ratio;
            all_met = all_met && met;
            std::printf("   %s", met ? "meets goal" : "MISSES goal");
        }
        std::printf("\n");
    }
    std::printf("\ngoal: generated within %.2fx of hand-written: %s\n", goal_ratio,
                all_met ? "met" : "NOT met");
}

// Records each case's real time per call while the console report prints as usual: the minimum
// over repetitions. Other processes only ever add time, so on a shared machine the fastest
// repetition is the best estimate of a call's own cost (and the least noisy one).
class recording_reporter : public benchmark::ConsoleReporter {
  public:
    void ReportRuns(const std::vector<Run> &runs) override {
        ConsoleReporter::ReportRuns(runs);
        for (const Run &run : runs) {
            if (run.error_occurred)
                continue;
            bool single = run.run_type == Run::RT_Iteration;
            if (!single && run.aggregate_name != "min")
                continue;
            double t = run.GetAdjustedRealTime();
            auto [it, inserted] = m_times.emplace(run.run_name.function_name, t);
            if (!inserted)
                it->second = std::min(it->second, t);
        }
    }
    const std::map<std::string, double> &results() const { return m_times; }

  private:
    std::map<std::string, double> m_times;
};

int run_benchmarks(int argc, char **argv) {
    for (const bench_case &c : cases) {
        benchmark::RegisterBenchmark(
            c.name, [&c](benchmark::State &state) { with_gil(c.gil, [&] { c.timed(state); }); })
            ->Unit(benchmark::kNanosecond)
            ->ComputeStatistics("min", [](const std::vector<double> &v) {
                return *std::min_element(v.begin(), v.end());
            });
    }
    // Defaults that make a ratio within a few percent meaningful: repetitions, in random order
    // so drift (other processes, clock frequency) hits every case alike. Flags given on the
    // command line come later and win.
    std::vector<char *> args(argv, argv + argc);
    char repetitions[] = "--benchmark_repetitions=10";
    char interleave[] = "--benchmark_enable_random_interleaving=true";
    char aggregates[] = "--benchmark_display_aggregates_only=true";
    args.insert(args.begin() + 1, {repetitions, interleave, aggregates});
    int count = static_cast<int>(args.size());
    benchmark::Initialize(&count, args.data());
    if (benchmark::ReportUnrecognizedArguments(count, args.data()))
        return 1;
    recording_reporter reporter;
    benchmark::RunSpecifiedBenchmarks(&reporter);
    benchmark::Shutdown();
    print_table(reporter.results(), "real ns/call");
    return 0;
}

int run_counted(const bench_case &c, std::int64_t count) {
    with_gil(c.gil, [&] { c.counted(count); });
    std::printf("%s: %lld calls\n", c.name, static_cast<long long>(count));
    return 0;
}

int print_given_table(int argc, char **argv) {
    std::map<std::string, double> values;
    for (int i = 2; i < argc; ++i) {
        const char *eq = std::strchr(argv[i], '=');
        if (!eq) {
            std::fprintf(stderr, "call_overhead: --table expects NAME=VALUE, got '%s'\n", argv[i]);
            return 1;
        }
        values[std::string(argv[i], static_cast<std::size_t>(eq - argv[i]))] =
            std::strtod(eq + 1, nullptr);
    }
    print_table(values, "instr/call");
    return 0;
}

int usage() {
    std::fprintf(stderr, "usage: call_overhead [benchmark flags] | --list | --count N --only NAME"
                         " | --table NAME=VALUE...\n");
    return 1;
}

} // namespace

int main(int argc, char **argv) {
    std::optional<std::int64_t> count;
    std::string only;
    if (argc > 1 && std::strcmp(argv[1], "--list") == 0) {
        for (const bench_case &c : cases)
            std::printf("%s\n", c.name);
        return 0;
    }
    if (argc > 1 && std::strcmp(argv[1], "--table") == 0)
        return print_given_table(argc, argv);
    if (argc > 1 && std::strcmp(argv[1], "--count") == 0) {
        if (argc != 5 || std::strcmp(argv[3], "--only") != 0)
            return usage();
        count = std::strtoll(argv[2], nullptr, 10);
        only = argv[4];
        if (!find_case(only)) {
            std::fprintf(stderr, "call_overhead: no case '%s' (see --list)\n", only.c_str());
            return 1;
        }
    }

    pyhpp::interpreter python; // this thread does not hold the GIL after this
    with_gil(holder::gil_state, load_fixture);
    for (const bench_case &c : cases)
        if (!count || only == c.name)
            check_and_warm_up(c);
    int rc = count ? run_counted(*find_case(only), *count) : run_benchmarks(argc, argv);
    with_gil(holder::gil_state, release_fixture);
    return rc;
}

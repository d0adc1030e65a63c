// Callables both ways: C++ lambdas called by Python, Python callables called by C++ (from any
// thread), and exceptions of both languages crossing the other's frames with their own types.
#include "callable_helpers.hpp"

#include <atomic>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

using callable_test::finishes_within;
using callable_test::from_py;
using callable_test::to_py;
using pyhpp_test::refcount;
using pyhpp_test::run;
namespace codec = pyhpp::detail::codec;

namespace {

/// A user's own exception type: it must come back as itself, with its data.
struct my_error : std::runtime_error {
    explicit my_error(int c) : std::runtime_error("my_error " + std::to_string(c)), code(c) {}
    int code;
};

/// Python functions that call the callables they are given.
pyhpp::object callers() {
    static const pyhpp::object ns = run("log = []\n"
                                        "def apply(f, *args):\n"
                                        "    return f(*args)\n"
                                        "def each(f, items):\n"
                                        "    for item in items:\n"
                                        "        f(item)\n"
                                        "def guarded(f, *args):\n"
                                        "    try:\n"
                                        "        return f(*args)\n"
                                        "    finally:\n"
                                        "        log.append('finally ran')\n"
                                        "def catching(f):\n"
                                        "    try:\n"
                                        "        f()\n"
                                        "    except RuntimeError as e:\n"
                                        "        t = type(e)\n"
                                        "        return f'{t.__module__}.{t.__qualname__}: {e}'\n"
                                        "    return 'nothing raised'\n"
                                        "def type_error_of(f, *args, **kwargs):\n"
                                        "    try:\n"
                                        "        f(*args, **kwargs)\n"
                                        "    except TypeError as e:\n"
                                        "        return str(e)\n"
                                        "    return 'nothing raised'\n"
                                        "def repeat(f, o, n):\n"
                                        "    for _ in range(n):\n"
                                        "        r = f(o)\n"
                                        "    return r is o\n"
                                        "def identity(o):\n"
                                        "    return o\n");
    return ns;
}

pyhpp::object fn(const char *name) { return callers().item(name); }

/// A codec with no Python spelling of its own.
struct my_codec {
    using type = my_error;
};

using int_to_str = codec::callable<codec::str_, codec::int_, codec::str_>;

} // namespace

TEST_CASE("function: a C++ lambda passed to Python is called with converted values",
          "[callables]") {
    int calls = 0;
    std::function<std::string(std::int64_t, std::string)> repeat = [&calls](std::int64_t n,
                                                                            std::string s) {
        ++calls;
        std::string out;
        for (std::int64_t i = 0; i < n; ++i)
            out += s;
        return out;
    };
    pyhpp::object cb = to_py<int_to_str>(repeat);
    CHECK(fn("apply")(cb, 3, "ab").cast<std::string>() == "ababab");
    CHECK(fn("apply")(cb, 0, "ab").cast<std::string>() == "");
    CHECK(calls == 2);
    CHECK(cb.type_name() == "builtin_function_or_method");

    // `-> None`: Python gets None; containers convert too.
    std::vector<std::int64_t> seen;
    std::function<void(std::vector<std::int64_t>)> collect = [&seen](std::vector<std::int64_t> v) {
        seen.insert(seen.end(), v.begin(), v.end());
    };
    pyhpp::object sink =
        to_py<codec::callable<codec::void_result, codec::list<codec::int_>>>(collect);
    CHECK(fn("apply")(sink, std::vector<pyhpp::object>{1, 2}).is_none());
    fn("each")(sink, run("items = [[3], (4, 5)]\n").item("items"));
    CHECK(seen == std::vector<std::int64_t>{1, 2, 3, 4, 5});
}

TEST_CASE("function: a callback given wrong arguments raises TypeError in Python", "[callables]") {
    int calls = 0;
    std::function<std::string(std::int64_t, std::string)> f = [&calls](std::int64_t,
                                                                       std::string s) {
        ++calls;
        return s;
    };
    pyhpp::object cb = to_py<int_to_str>(f);
    pyhpp::object type_error_of = fn("type_error_of");
    CHECK(type_error_of(cb, "x", "y").cast<std::string>() ==
          "C++ callback Callable[[int, str], str]: argument 1 is str, expected int");
    CHECK(type_error_of(cb, 1, 2).cast<std::string>() ==
          "C++ callback Callable[[int, str], str]: argument 2 is int, expected str");
    CHECK(type_error_of(cb, 1).cast<std::string>() ==
          "C++ callback Callable[[int, str], str] takes 2 arguments (1 given)");
    CHECK(type_error_of(cb, 1, "a", "b").cast<std::string>() ==
          "C++ callback Callable[[int, str], str] takes 2 arguments (3 given)");
    pyhpp::object keyword = run("def f(cb):\n    return cb(1, s='a')\n").item("f");
    CHECK_THROWS_AS(keyword(cb), pyhpp::type_error);

    // A nested mismatch names the item; an int too large is an OverflowError.
    std::function<void(std::vector<std::int64_t>)> take_list = [](std::vector<std::int64_t>) {};
    pyhpp::object list_cb =
        to_py<codec::callable<codec::void_result, codec::list<codec::int_>>>(take_list);
    CHECK(type_error_of(list_cb, std::vector<pyhpp::object>{1, "two"}).cast<std::string>() ==
          "C++ callback Callable[[list[int]], None]: argument 1 is list, expected list[int]: "
          "item [1] is str");
    pyhpp::object big = run("big = 10**30\n").item("big");
    CHECK_THROWS_WITH(fn("apply")(cb, big, "s"),
                      "OverflowError: C++ callback Callable[[int, str], str]: argument 1 is "
                      "1000000000000000000000000000000, which does not fit in std::int64_t");
    CHECK(calls == 0);
}

TEST_CASE("function: a Python callable returned to C++ is called with converted values",
          "[callables]") {
    pyhpp::object ns = run("def make_adder(n):\n"
                           "    return lambda x: x + n\n"
                           "def greet(name, times):\n"
                           "    return ['hi ' + name] * times\n");
    auto add = from_py<codec::callable<codec::int_, codec::int_>>(ns.item("make_adder")(10));
    CHECK(add(5) == 15);
    CHECK(add(-10) == 0);

    auto greet = from_py<codec::callable<codec::list<codec::str_>, codec::str_, codec::int_>>(
        ns.item("greet"));
    CHECK(greet("bob", 2) == std::vector<std::string>{"hi bob", "hi bob"});

    // Zero arguments, and `-> None` whose result is ignored.
    auto pop = from_py<codec::callable<codec::void_result>>(
        run("items = [1, 2]\nf = items.pop\n").item("f"));
    pop();
    pop();
    CHECK_THROWS_AS(pop(), pyhpp::index_error);

    // Copies share the Python object and outlive the handle they came from.
    std::function<std::int64_t(std::int64_t)> copy = add;
    add = nullptr;
    CHECK(copy(1) == 11);
}

TEST_CASE("function: a Python callable is called from other threads", "[callables][threads]") {
    auto add = from_py<codec::callable<codec::int_, codec::int_>>(
        run("def add1(x):\n    return x + 1\n").item("add1"));
    std::int64_t from_thread = 0;
    finishes_within(std::chrono::seconds(30), [&] {
        std::thread t([&] { from_thread = add(41); });
        t.join();
    });
    CHECK(from_thread == 42);

    std::atomic<std::int64_t> sum{0};
    finishes_within(std::chrono::seconds(60), [&] {
        std::vector<std::thread> threads;
        for (int t = 0; t < 4; ++t)
            threads.emplace_back([&, t] {
                auto mine = add; // copied without the GIL
                for (int i = 0; i < 200; ++i)
                    sum += mine(t * 1000 + i);
            });
        for (auto &th : threads)
            th.join();
    });
    std::int64_t expected = 0;
    for (int t = 0; t < 4; ++t)
        for (int i = 0; i < 200; ++i)
            expected += t * 1000 + i + 1;
    CHECK(sum == expected);
}

TEST_CASE("function: C++ callbacks called by Python threads", "[callables][threads]") {
    std::atomic<int> calls{0};
    std::function<std::int64_t(std::int64_t)> twice = [&calls](std::int64_t x) {
        ++calls;
        return 2 * x;
    };
    pyhpp::object cb = to_py<codec::callable<codec::int_, codec::int_>>(twice);
    pyhpp::object run_threads = run("import threading\n"
                                    "def f(cb):\n"
                                    "    out = []\n"
                                    "    def work(i):\n"
                                    "        for _ in range(50):\n"
                                    "            out.append(cb(i))\n"
                                    "    ts = [threading.Thread(target=work, args=(i,))\n"
                                    "          for i in range(4)]\n"
                                    "    for t in ts: t.start()\n"
                                    "    for t in ts: t.join()\n"
                                    "    return sum(out)\n")
                                    .item("f");
    std::int64_t total = 0;
    finishes_within(std::chrono::seconds(60),
                    [&] { total = run_threads(cb).cast<std::int64_t>(); });
    CHECK(total == 2 * 50 * (0 + 1 + 2 + 3));
    CHECK(calls == 200);
}

TEST_CASE("function: a callback may release the GIL for other threads", "[callables][threads]") {
    auto add1 = from_py<codec::callable<codec::int_, codec::int_>>(
        run("def add1(x):\n    return x + 1\n").item("add1"));
    // Python calls the callback, which lets another thread call Python meanwhile.
    std::function<std::int64_t(std::int64_t)> outer = [&add1](std::int64_t x) {
        std::int64_t from_thread = 0;
        {
            pyhpp::gil_release released;
            std::thread t([&] { from_thread = add1(x); });
            t.join();
        }
        return add1(from_thread); // the GIL is held again
    };
    pyhpp::object cb = to_py<codec::callable<codec::int_, codec::int_>>(outer);
    std::int64_t result = 0;
    finishes_within(std::chrono::seconds(30),
                    [&] { result = fn("apply")(cb, 40).cast<std::int64_t>(); });
    CHECK(result == 42);
}

TEST_CASE("function: a Python exception inside a Python callable arrives as its pyhpp class",
          "[callables][errors]") {
    pyhpp::object ns = run("def bad(x):\n"
                           "    raise KeyError(x)\n"
                           "def wrong(x):\n"
                           "    return str(x)\n");
    auto bad = from_py<codec::callable<codec::int_, codec::int_>>(ns.item("bad"));
    CHECK_THROWS_AS(bad(3), pyhpp::key_error);
    CHECK_THROWS_WITH(bad(3), "KeyError: 3");

    auto wrong = from_py<codec::callable<codec::int_, codec::int_>>(ns.item("wrong"));
    CHECK_THROWS_AS(wrong(3), pyhpp::type_error);
    CHECK_THROWS_WITH(wrong(3), "TypeError: Python callable 'wrong' returned str, expected int");

    // Not callable: the result boundary reports it.
    CHECK_THROWS_WITH((from_py<codec::callable<codec::int_, codec::int_>>(pyhpp::object(5),
                                                                          "Callable[[int], int]")),
                      "TypeError: m.f() returned int, expected Callable[[int], int]");
}

TEST_CASE("function: a C++ exception thrown in a callback comes back as itself",
          "[callables][errors]") {
    std::function<std::int64_t(std::int64_t)> thrower = [](std::int64_t x) -> std::int64_t {
        throw my_error(static_cast<int>(x));
    };
    pyhpp::object cb = to_py<codec::callable<codec::int_, codec::int_>>(thrower);

    SECTION("straight through a Python frame") {
        try {
            fn("apply")(cb, 42);
            FAIL("no exception");
        } catch (const my_error &e) {
            CHECK(e.code == 42);
            CHECK(std::string(e.what()) == "my_error 42");
        }
    }
    SECTION("through a Python try/finally") {
        pyhpp::object log = callers().item("log");
        log.attr("clear")();
        try {
            fn("guarded")(cb, 7);
            FAIL("no exception");
        } catch (const my_error &e) {
            CHECK(e.code == 7);
        }
        CHECK(log.repr() == "['finally ran']");
    }
    SECTION("through a Python callable called by C++") {
        // C++ -> std::function -> Python lambda -> C++ callback: throws across both.
        auto via_python = from_py<codec::callable<codec::int_, codec::int_>>(
            run("def make(cb):\n    return lambda x: cb(x) + 1\n").item("make")(cb));
        CHECK_THROWS_AS(via_python(5), my_error);
    }
    SECTION("through two levels of callbacks") {
        // The outer callback calls Python, which calls the throwing callback: the exception
        // crosses Python twice and keeps its type.
        pyhpp::object apply = fn("apply");
        std::function<std::int64_t(std::int64_t)> outer = [&](std::int64_t x) {
            return apply(cb, x).cast<std::int64_t>();
        };
        pyhpp::object outer_cb = to_py<codec::callable<codec::int_, codec::int_>>(outer);
        try {
            fn("guarded")(outer_cb, 9);
            FAIL("no exception");
        } catch (const my_error &e) {
            CHECK(e.code == 9);
        }
    }
    SECTION("a pyhpp error that came from Python is re-raised as the original object") {
        pyhpp::object ns = run("last = None\n"
                               "def raiser():\n"
                               "    global last\n"
                               "    last = ValueError('original')\n"
                               "    raise last\n"
                               "def catch_value_error(f):\n"
                               "    try:\n"
                               "        f()\n"
                               "    except ValueError as e:\n"
                               "        return e is last\n"
                               "    return False\n");
        pyhpp::object raiser = ns.item("raiser");
        std::function<void()> calls_python = [&] { raiser(); };
        pyhpp::object py_cb = to_py<codec::callable<codec::void_result>>(calls_python);
        CHECK(ns.item("catch_value_error")(py_cb).cast<bool>());
        CHECK_THROWS_AS(fn("apply")(py_cb), pyhpp::value_error);
        CHECK_THROWS_WITH(fn("apply")(py_cb), "ValueError: original");
    }
}

TEST_CASE("function: Python sees a C++ exception as RuntimeError with the C++ message",
          "[callables][errors]") {
    std::function<void()> thrower = [] { throw my_error(3); };
    std::function<void()> throws_int = [] { throw 5; };
    std::function<void()> pyhpp_own = [] { throw pyhpp::type_error("TypeError", "made in C++"); };
    auto send = [](const std::function<void()> &f) {
        return to_py<codec::callable<codec::void_result>>(f);
    };
    pyhpp::object catching = fn("catching");
    CHECK(catching(send(thrower)).cast<std::string>() == "pyhpp.CppException: my_error 3");
    CHECK(catching(send(throws_int)).cast<std::string>() ==
          "pyhpp.CppException: unknown C++ exception");
    CHECK(catching(send(pyhpp_own)).cast<std::string>() ==
          "pyhpp.CppException: TypeError: made in C++");
    // ... and back in C++ each is itself again.
    CHECK_THROWS_AS(fn("apply")(send(throws_int)), int);
    CHECK_THROWS_AS(fn("apply")(send(pyhpp_own)), pyhpp::type_error);

    // Python code that re-raises something else: the chain is Python's, the C++ type is not
    // resurrected.
    pyhpp::object convert = run("def f(cb):\n"
                                "    try:\n"
                                "        cb()\n"
                                "    except RuntimeError as e:\n"
                                "        raise ValueError('converted') from e\n")
                                .item("f");
    try {
        convert(send(thrower));
        FAIL("no exception");
    } catch (const pyhpp::value_error &e) {
        REQUIRE(e.cause());
        CHECK(std::string(e.cause()->what()) == "pyhpp.CppException: my_error 3");
        CHECK(dynamic_cast<const pyhpp::runtime_error *>(e.cause().get()));
    }
}

TEST_CASE("function: round trips give back the original", "[callables]") {
    // Python -> C++ -> Python: the same object.
    pyhpp::object identity = fn("identity");
    auto f = from_py<codec::callable<codec::object_, codec::object_>>(identity);
    CHECK(to_py<codec::callable<codec::object_, codec::object_>>(f).is(identity));

    // C++ -> Python -> C++: the original std::function, not a detour through Python.
    int calls = 0;
    std::function<std::int64_t(std::int64_t)> square = [&calls](std::int64_t x) {
        ++calls;
        return x * x;
    };
    using sig = codec::callable<codec::int_, codec::int_>;
    auto back = from_py<sig>(to_py<sig>(square));
    CHECK(back.target<pyhpp::detail::python_function<codec::int_, codec::int_>>() == nullptr);
    CHECK(back(4) == 16);
    CHECK(calls == 1);
    // With another signature it is called through Python, with conversions.
    auto as_float = from_py<codec::callable<codec::float_, codec::int_>>(to_py<sig>(square));
    CHECK(as_float(3) == 9.0);

    // An empty std::function is None.
    CHECK(to_py<sig>(sig::type()).is_none());
    auto none = from_py<codec::optional<sig>>(pyhpp::none());
    CHECK_FALSE(none.has_value());
}

TEST_CASE("function: reference counts stay balanced", "[callables][refcount]") {
    pyhpp::object sentinel = run("class S: pass\ns = S()\n").item("s");
    std::int64_t before = refcount(sentinel);

    // A C++ callback called 1000 times by Python, taking and returning the object.
    std::function<pyhpp::object(pyhpp::object)> same = [](pyhpp::object o) { return o; };
    using obj_sig = codec::callable<codec::object_, codec::object_>;
    {
        pyhpp::object cb = to_py<obj_sig>(same);
        CHECK(fn("repeat")(cb, sentinel, 1000).cast<bool>());
    }
    CHECK(refcount(sentinel) == before);

    // A Python callable called 1000 times by C++.
    {
        auto identity = from_py<obj_sig>(fn("identity"));
        for (int i = 0; i < 1000; ++i)
            CHECK(identity(sentinel).is(sentinel));
    }
    CHECK(refcount(sentinel) == before);

    // Callbacks capturing the object, made and dropped 1000 times: the capture goes with them.
    for (int i = 0; i < 1000; ++i) {
        std::function<pyhpp::object()> captured = [sentinel] { return sentinel; };
        pyhpp::object cb = to_py<codec::callable<codec::object_>>(captured);
    }
    CHECK(refcount(sentinel) == before);

    // Exceptions that cross: no leaked exception objects holding references.
    std::function<void(pyhpp::object)> thrower = [](pyhpp::object) { throw my_error(1); };
    pyhpp::object cb = to_py<codec::callable<codec::void_result, codec::object_>>(thrower);
    for (int i = 0; i < 200; ++i)
        CHECK_THROWS_AS(fn("guarded")(cb, sentinel), my_error);
    CHECK(refcount(sentinel) == before);
}

TEST_CASE("function: the Python spelling of signatures", "[callables]") {
    using namespace pyhpp::detail::codec;
    CHECK(std::string(name_of<callable<optional<int_>, list<str_>, dict<str_, float_>>>()) ==
          "Callable[[list[str], dict[str, float]], int | None]");
    CHECK(std::string(name_of<callable<void_result>>()) == "Callable[[], None]");
    CHECK(std::string(name_of<iterator<tuple<int_, bytes_>>>()) == "Iterator[tuple[int, bytes]]");
    CHECK(std::string(name_of<variant<int_, set<bool_>>>()) == "int | set[bool]");
    // A codec without a Python spelling is named after its C++ type.
    CHECK(std::string(name_of<my_codec>()) == "(anonymous namespace)::my_error");
    CHECK(std::string(name_of<list<my_codec>>()) == "list[(anonymous namespace)::my_error]");
}

TEST_CASE("function: Callable[..., R] takes any positional arguments, as objects", "[callables]") {
    using any_int = codec::callable_any<codec::int_>;
    using args = std::vector<pyhpp::object>;
    CHECK(std::string(codec::name_of<any_int>()) == "Callable[..., int]");
    CHECK(std::string(codec::name_of<codec::callable_any<codec::void_result>>()) ==
          "Callable[..., None]");

    // C++ -> Python: called with any number of arguments; the result is converted back.
    std::vector<std::size_t> counts;
    std::function<std::int64_t(const args &)> total = [&counts](const args &values) {
        counts.push_back(values.size());
        std::int64_t sum = 0;
        for (const auto &v : values)
            sum += v.cast<std::int64_t>();
        return sum;
    };
    pyhpp::object cb = to_py<any_int>(total);
    CHECK(fn("apply")(cb).cast<std::int64_t>() == 0);
    CHECK(fn("apply")(cb, 1, 2, 39).cast<std::int64_t>() == 42);
    CHECK(counts == std::vector<std::size_t>{0, 3});
    // Keywords have no place in the C++ signature: TypeError, and the callback is not called.
    CHECK(fn("type_error_of")
              .call({cb, pyhpp::object(1)}, {{"x", pyhpp::object(2)}})
              .cast<std::string>()
              .find("keyword arguments") != std::string::npos);
    CHECK(counts.size() == 2);
    // A C++ exception inside comes back as itself.
    std::function<std::int64_t(const args &)> fails = [](const args &) -> std::int64_t {
        throw my_error(7);
    };
    CHECK_THROWS_AS(fn("apply")(to_py<any_int>(fails), 1), my_error);

    // Python -> C++: the arguments are sent as they are (a null handle as None), the result is
    // checked against R.
    pyhpp::object ns = run("def describe(*xs):\n"
                           "    return len(xs) if None not in xs else -1\n"
                           "def text(*xs):\n"
                           "    return 'not an int'\n");
    auto describe = from_py<any_int>(ns.item("describe"));
    CHECK(describe(args{}) == 0);
    CHECK(describe(args{pyhpp::object(1), pyhpp::object("a")}) == 2);
    CHECK(describe(args{pyhpp::object()}) == -1);
    auto text = from_py<any_int>(ns.item("text"));
    CHECK_THROWS_AS(text(args{}), pyhpp::type_error);

    // Round trips give back the original, both ways.
    CHECK(to_py<any_int>(describe).is(ns.item("describe")));
    auto back = from_py<any_int>(cb);
    CHECK(back.target<pyhpp::detail::python_function_any<codec::int_>>() == nullptr);
    CHECK(back(args{pyhpp::object(5)}) == 5);
    CHECK(counts.size() == 3);
    // Not callable: rejected.
    CHECK_THROWS_AS(from_py<any_int>(pyhpp::object(3)), pyhpp::type_error);

    // Reference counts stay balanced across calls both ways.
    pyhpp::object sentinel = run("class S: pass\ns = S()\n").item("s");
    std::int64_t before = refcount(sentinel);
    std::function<void(const args &)> keep = [](const args &) {};
    pyhpp::object sink = to_py<codec::callable_any<codec::void_result>>(keep);
    for (int i = 0; i < 100; ++i) {
        fn("apply")(sink, sentinel, sentinel);
        describe(args{sentinel});
    }
    CHECK(refcount(sentinel) == before);
}

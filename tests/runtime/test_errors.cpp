// Python exceptions arrive as pyhpp exception classes that follow Python's hierarchy.
#include <catch2/catch.hpp>

#include "../support/python_helpers.hpp"

#include <map>
#include <string>
#include <typeinfo>

using pyhpp_test::run;

namespace {
pyhpp::object raiser() {
    static const pyhpp::object f = run("import builtins\n"
                                       "def f(name, message):\n"
                                       "    raise getattr(builtins, name)(message)\n")
                                       .item("f");
    return f;
}

template <class E, class Base>
void check_raises(const char *name, const std::string &message = "boom") {
    INFO(name);
    CHECK_THROWS_AS(raiser()(name, "boom"), E);
    CHECK_THROWS_AS(raiser()(name, "boom"), Base);
    CHECK_THROWS_AS(raiser()(name, "boom"), pyhpp::error);
    CHECK_THROWS_WITH(raiser()(name, "boom"), std::string(name) + ": " + message);
}

/// Raises builtins.`name`, made without calling __init__ (UnicodeDecodeError's takes five
/// arguments).
pyhpp::object bare_raiser() {
    static const pyhpp::object f = run("import builtins\n"
                                       "def f(name):\n"
                                       "    cls = getattr(builtins, name)\n"
                                       "    raise cls.__new__(cls)\n")
                                       .item("f");
    return f;
}

/// Expects builtins.`name` to arrive as exactly `E`, named as in Python.
template <class E> void check_thrown_as(const char *name) {
    INFO(name);
    try {
        bare_raiser()(name);
        FAIL("no exception");
    } catch (const pyhpp::error &e) {
        CHECK(typeid(e) == typeid(E));
        CHECK(e.type_name() == name);
    }
}

/// The name of the direct base of builtins.`name`.
std::string python_base(const char *name) {
    static const pyhpp::object base =
        run("import builtins\n"
            "def f(name):\n"
            "    return getattr(builtins, name).__bases__[0].__name__\n")
            .item("f");
    return base(name).cast<std::string>();
}
} // namespace

TEST_CASE("errors: each class of the table is thrown for its Python class, with its Python base",
          "[errors]") {
    const std::map<std::string, std::string> python_name_of = {
#define PYHPP_ROOT_EXCEPTION(python_name, cpp_class) {#cpp_class, #python_name},
#define PYHPP_EXCEPTION(python_name, cpp_class, cpp_base) {#cpp_class, #python_name},
#include <pyhpp/detail/exceptions.def>
#undef PYHPP_EXCEPTION
#undef PYHPP_ROOT_EXCEPTION
    };
    CHECK(python_name_of.size() == 37);
#define PYHPP_ROOT_EXCEPTION(python_name, cpp_class)                                               \
    check_thrown_as<pyhpp::cpp_class>(#python_name);
#define PYHPP_EXCEPTION(python_name, cpp_class, cpp_base)                                          \
    check_thrown_as<pyhpp::cpp_class>(#python_name);                                               \
    CHECK(python_base(#python_name) == python_name_of.at(#cpp_base));
#include <pyhpp/detail/exceptions.def>
#undef PYHPP_EXCEPTION
#undef PYHPP_ROOT_EXCEPTION
}

TEST_CASE("errors: built-in exceptions map to classes deriving as in Python", "[errors]") {
    check_raises<pyhpp::value_error, pyhpp::exception>("ValueError");
    check_raises<pyhpp::type_error, pyhpp::exception>("TypeError");
    check_raises<pyhpp::key_error, pyhpp::lookup_error>("KeyError", "'boom'");
    check_raises<pyhpp::index_error, pyhpp::lookup_error>("IndexError");
    check_raises<pyhpp::attribute_error, pyhpp::exception>("AttributeError");
    check_raises<pyhpp::module_not_found_error, pyhpp::import_error>("ModuleNotFoundError");
    check_raises<pyhpp::file_not_found_error, pyhpp::os_error>("FileNotFoundError");
    check_raises<pyhpp::not_implemented_error, pyhpp::runtime_error>("NotImplementedError");
    check_raises<pyhpp::zero_division_error, pyhpp::arithmetic_error>("ZeroDivisionError");
    check_raises<pyhpp::overflow_error, pyhpp::arithmetic_error>("OverflowError");
    check_raises<pyhpp::stop_iteration, pyhpp::exception>("StopIteration");
    check_raises<pyhpp::keyboard_interrupt, pyhpp::error>("KeyboardInterrupt");
    check_raises<pyhpp::system_exit, pyhpp::error>("SystemExit");
    check_raises<pyhpp::recursion_error, pyhpp::runtime_error>("RecursionError");
    check_raises<pyhpp::permission_error, pyhpp::os_error>("PermissionError");
}

TEST_CASE("errors: KeyboardInterrupt and SystemExit are not pyhpp::exception", "[errors]") {
    bool caught_as_exception = false;
    try {
        raiser()("KeyboardInterrupt", "x");
    } catch (const pyhpp::exception &) {
        caught_as_exception = true;
    } catch (const pyhpp::error &) {
    }
    CHECK_FALSE(caught_as_exception);
}

TEST_CASE("errors: an unknown class is caught as its nearest mapped base", "[errors]") {
    pyhpp::object ns = run("class AppError(KeyError): pass\n"
                           "class Deeper(AppError): pass\n"
                           "def f():\n    raise Deeper('deep')\n");
    try {
        ns.item("f")();
        FAIL("no exception");
    } catch (const pyhpp::key_error &e) {
        CHECK(e.type_name() == "Deeper");
        CHECK(e.message() == "'deep'");
        CHECK(std::string(e.what()) == "Deeper: 'deep'");
        CHECK(e.value().type_name() == "Deeper");
        CHECK(e.value().attr("args").repr() == "('deep',)");
    }
}

TEST_CASE("errors: the traceback and the chained cause are kept", "[errors]") {
    pyhpp::object ns = run("def inner():\n"
                           "    raise KeyError('k')\n"
                           "def outer():\n"
                           "    try:\n"
                           "        inner()\n"
                           "    except KeyError as e:\n"
                           "        raise ValueError('outer failed') from e\n"
                           "def context():\n"
                           "    try:\n"
                           "        1 / 0\n"
                           "    except ZeroDivisionError:\n"
                           "        raise TypeError('while handling')\n"
                           "def suppressed():\n"
                           "    try:\n"
                           "        1 / 0\n"
                           "    except ZeroDivisionError:\n"
                           "        raise TypeError('clean') from None\n");
    try {
        ns.item("outer")();
        FAIL("no exception");
    } catch (const pyhpp::value_error &e) {
        CHECK(std::string(e.what()) == "ValueError: outer failed");
        CHECK_THAT(e.traceback(), Catch::Contains("Traceback (most recent call last):") &&
                                      Catch::Contains("in outer") &&
                                      Catch::EndsWith("ValueError: outer failed\n"));
        REQUIRE(e.cause() != nullptr);
        CHECK(dynamic_cast<const pyhpp::key_error *>(e.cause().get()) != nullptr);
        CHECK(std::string(e.cause()->what()) == "KeyError: 'k'");
        CHECK_THAT(e.cause()->traceback(), Catch::Contains("in inner"));
    }
    try {
        ns.item("context")();
        FAIL("no exception");
    } catch (const pyhpp::type_error &e) {
        REQUIRE(e.cause() != nullptr);
        CHECK(dynamic_cast<const pyhpp::zero_division_error *>(e.cause().get()) != nullptr);
    }
    try {
        ns.item("suppressed")();
        FAIL("no exception");
    } catch (const pyhpp::type_error &e) {
        CHECK(e.cause() == nullptr);
    }
}

TEST_CASE("errors: exceptions copy cheaply and outlive the GIL", "[errors]") {
    pyhpp::error copy("X", "y");
    try {
        raiser()("ValueError", "kept");
    } catch (const pyhpp::error &e) {
        copy = e;
    }
    CHECK(std::string(copy.what()) == "ValueError: kept");
    CHECK(copy.value().attr("args").repr() == "('kept',)");
}

// Enums: by value (IntEnum, Flag, IntFlag, Enum of ints) and by name (str and mixed values).
#include <catch2/catch.hpp>

#include "codec_helpers.hpp"

using namespace codec_test;
using Catch::Matchers::Contains;

namespace {

struct int_values {
    static constexpr bool by_value = true;
};

enum class level : std::int64_t { low = 1, high = 10, neg = -5 };
struct level_class {
    static PyObject *get() { return fixture_class("Level"); }
};
using level_codec = codec::enumeration<level, level_class, int_values>;

enum class plain : std::int64_t { a = 1, b = 2 };
struct plain_class {
    static PyObject *get() { return fixture_class("Plain"); }
};
using plain_codec = codec::enumeration<plain, plain_class, int_values>;

enum class perm : std::int64_t { r = 4, w = 2, x = 1 };
struct perm_class {
    static PyObject *get() { return fixture_class("Perm"); }
};
using perm_codec = codec::enumeration<perm, perm_class, int_values>;

enum class mode : std::int64_t { a = 1, b = 2, c = 16 };
struct mode_class {
    static PyObject *get() { return fixture_class("Mode"); }
};
using mode_codec = codec::enumeration<mode, mode_class, int_values>;

enum class color { red, green, blue };
struct color_class {
    static PyObject *get() { return fixture_class("Color"); }
};
struct color_traits {
    static constexpr bool by_value = false;
    static constexpr const char *names[] = {"RED", "GREEN", "BLUE"};
    static constexpr std::size_t count = 3;
};
using color_codec = codec::enumeration<color, color_class, color_traits>;

enum class shade { dark, light };
struct shade_class {
    static PyObject *get() { return fixture_class("Shade"); }
};
struct shade_traits {
    static constexpr bool by_value = false;
    static constexpr const char *names[] = {"DARK", "LIGHT"};
    static constexpr std::size_t count = 2;
};
using shade_codec = codec::enumeration<shade, shade_class, shade_traits>;

enum class mixed { one, two, pair };
struct mixed_class {
    static PyObject *get() { return fixture_class("Mixed"); }
};
struct mixed_traits {
    static constexpr bool by_value = false;
    static constexpr const char *names[] = {"ONE", "TWO", "PAIR"};
    static constexpr std::size_t count = 3;
};
using mixed_codec = codec::enumeration<mixed, mixed_class, mixed_traits>;

enum class grown { x, y };
struct grown_class {
    static PyObject *get() { return fixture_class("Grown"); }
};
struct grown_traits {
    static constexpr bool by_value = false;
    static constexpr const char *names[] = {"X", "Y"};
    static constexpr std::size_t count = 2;
};
using grown_codec = codec::enumeration<grown, grown_class, grown_traits>;

/// A class whose lookup fails: its module does not exist.
struct missing_class {
    static PyObject *get() { return pyhpp::import("codec_values_no_such_module").ptr(); }
};
using missing_codec = codec::enumeration<color, missing_class, color_traits>;

constexpr perm operator|(perm a, perm b) {
    return static_cast<perm>(static_cast<std::int64_t>(a) | static_cast<std::int64_t>(b));
}
constexpr mode operator|(mode a, mode b) {
    return static_cast<mode>(static_cast<std::int64_t>(a) | static_cast<std::int64_t>(b));
}

} // namespace

TEST_CASE("enum by value: IntEnum and Enum of ints, both ways", "[enum]") {
    pyhpp::gil_acquire gil;
    CHECK(to_py<level_codec>(level::high).ptr() == eval("Level.HIGH").ptr());
    CHECK(to_py<level_codec>(level::neg).ptr() == eval("Level.NEG").ptr());
    CHECK(from_py<level_codec>("Level.LOW") == level::low);
    CHECK(from_py<level_codec>("Level.NEG") == level::neg);
    CHECK(from_py<level_codec>("10") == level::high); // Level(10)
    CHECK(to_py<plain_codec>(plain::b).ptr() == eval("Plain.B").ptr());
    CHECK(from_py<plain_codec>("Plain.A") == plain::a); // through .value
    CHECK(from_py<plain_codec>("2") == plain::b);
}

TEST_CASE("enum by value: Flag and IntFlag combinations", "[enum]") {
    pyhpp::gil_acquire gil;
    CHECK(same(to_py<perm_codec>(perm::r | perm::w), "Perm.R | Perm.W"));
    CHECK(from_py<perm_codec>("Perm.R | Perm.X") == (perm::r | perm::x));
    CHECK(from_py<perm_codec>("Perm(0)") == perm{});
    CHECK(same(to_py<mode_codec>(mode::a | mode::c), "Mode.A | Mode.C"));
    CHECK(from_py<mode_codec>("Mode.A | Mode.B") == (mode::a | mode::b));
    CHECK(from_py<mode_codec>("17") == (mode::a | mode::c));
}

TEST_CASE("enum by value: an unknown value raises ValueError", "[enum]") {
    pyhpp::gil_acquire gil;
    CHECK_THROWS_AS(to_py<level_codec>(static_cast<level>(3)), pyhpp::value_error);
    CHECK_THROWS_WITH(to_py<level_codec>(static_cast<level>(3)),
                      Contains("3 is not a valid Level"));
    // Whether a Flag accepts bits outside its members changed within 3.11 (3.11.2 gives
    // `<Perm: 0>`, 3.11.7 raises): the codec does what the running Python does.
    bool python_rejects = false;
    try {
        eval("Perm(8)");
    } catch (const pyhpp::value_error &) {
        python_rejects = true;
    }
    if (python_rejects)
        CHECK_THROWS_AS(to_py<perm_codec>(static_cast<perm>(8)), pyhpp::value_error);
    else
        CHECK(same(to_py<perm_codec>(static_cast<perm>(8)), "Perm(8)"));
    CHECK_THROWS_AS(from_py<level_codec>("3"), pyhpp::value_error);
    CHECK_THROWS_WITH(from_py<level_codec>("3"),
                      Contains("m.f() result") && Contains("3 is not a valid Level"));
    CHECK_THROWS_AS(from_py<plain_codec>("'A'"), pyhpp::value_error);
    CHECK_FALSE(PyErr_Occurred());
}

TEST_CASE("enum by name: str and mixed values, both ways", "[enum]") {
    pyhpp::gil_acquire gil;
    CHECK(to_py<color_codec>(color::green).ptr() == eval("Color.GREEN").ptr());
    CHECK(from_py<color_codec>("Color.BLUE") == color::blue);
    CHECK(from_py<color_codec>("'red'") == color::red); // Color('red')
    CHECK(to_py<mixed_codec>(mixed::pair).ptr() == eval("Mixed.PAIR").ptr());
    CHECK(from_py<mixed_codec>("(1, 2)") == mixed::pair);
    CHECK(from_py<mixed_codec>("'two'") == mixed::two);
    CHECK(from_py<mixed_codec>("Mixed.ONE") == mixed::one);
    CHECK(from_py<shade_codec>("Shade.LIGHT") == shade::light);
    CHECK(from_py<shade_codec>("'dark'") == shade::dark);
}

TEST_CASE("enum by name: unknown values and members", "[enum]") {
    pyhpp::gil_acquire gil;
    CHECK_THROWS_AS(to_py<color_codec>(static_cast<color>(7)), pyhpp::value_error);
    CHECK_THROWS_WITH(to_py<color_codec>(static_cast<color>(7)),
                      "ValueError: 7 is not a member of Color");
    CHECK_THROWS_WITH(to_py<color_codec>(static_cast<color>(-1)),
                      "ValueError: -1 is not a member of Color");
    CHECK_THROWS_AS(from_py<color_codec>("'purple'"), pyhpp::value_error);
    CHECK_THROWS_WITH(from_py<color_codec>("'purple'"), Contains("'purple' is not a valid Color"));
    // A member the C++ side does not know: a value mismatch at the boundary.
    CHECK(from_py<grown_codec>("Grown.Y") == grown::y);
    CHECK_THROWS_AS(from_py<grown_codec>("Grown.Z", "Grown"), pyhpp::value_error);
    CHECK_THROWS_WITH(from_py<grown_codec>("Grown.Z", "Grown"),
                      "ValueError: m.f() returned <Grown.Z: 'z'>, which is not one of the "
                      "members known when the bindings were generated");
    CHECK_FALSE(PyErr_Occurred());
}

TEST_CASE("enum: in unions, members are exact and plain values go to their own type",
          "[enum][variant]") {
    pyhpp::gil_acquire gil;
    using level_int = codec::variant<codec::int_, level_codec>;
    CHECK(from_py<level_int>("10") == level_int::type(std::int64_t{10}));
    CHECK(from_py<level_int>("Level.HIGH") == level_int::type(level::high));
    using str_shade = codec::variant<codec::str_, shade_codec>;
    CHECK(from_py<str_shade>("Shade.DARK") == str_shade::type(shade::dark));
    CHECK(from_py<str_shade>("'dark'") == str_shade::type(std::string("dark")));
    using color_int = codec::variant<color_codec, codec::int_>;
    CHECK(from_py<color_int>("3") == color_int::type(std::int64_t{3})); // Color(3) failed quietly
    CHECK(from_py<color_int>("'red'") == color_int::type(color::red));  // lenient: Color('red')
    CHECK_FALSE(PyErr_Occurred());
}

TEST_CASE("enum: a class that cannot be looked up throws from conversions only", "[enum]") {
    pyhpp::gil_acquire gil;
    pyhpp::object red = eval("Color.RED");
    CHECK_FALSE(missing_codec::exact(red.ptr()));
    CHECK_FALSE(PyErr_Occurred());
    color out{};
    failure f;
    CHECK_THROWS_AS(missing_codec::from_python(red.ptr(), out, f), pyhpp::module_not_found_error);
    CHECK_THROWS_AS(missing_codec::to_python(color::red), pyhpp::module_not_found_error);
    CHECK_FALSE(PyErr_Occurred());
}

TEST_CASE("enum: reference counts balance", "[enum][refcount]") {
    pyhpp::gil_acquire gil;
    pyhpp::object high = eval("Level.HIGH");
    pyhpp::object blue = eval("Color.BLUE");
    pyhpp::object flags = eval("Perm.R | Perm.W");
    pyhpp::object cls = eval("Color");
    to_py<color_codec>(color::red); // caches the class, as generated code would
    std::int64_t high_before = pyhpp_test::refcount(high);
    std::int64_t blue_before = pyhpp_test::refcount(blue);
    std::int64_t cls_before = pyhpp_test::refcount(cls);
    for (int i = 0; i < 100; ++i) {
        CHECK(from_py<level_codec>(high) == level::high);
        CHECK(to_py<level_codec>(level::high).ptr() == high.ptr());
        CHECK(from_py<color_codec>(blue) == color::blue);
        CHECK(to_py<color_codec>(color::blue).ptr() == blue.ptr());
        CHECK(from_py<perm_codec>(flags) == (perm::r | perm::w));
        CHECK_THROWS(from_py<color_codec>("'nope'"));
    }
    eval("__import__('gc').collect()"); // failed lookups leave exception/frame cycles behind
    CHECK(pyhpp_test::refcount(high) == high_before);
    CHECK(pyhpp_test::refcount(blue) == blue_before);
    CHECK(pyhpp_test::refcount(cls) == cls_before);
}

// Paths (str, bytes, pathlib.Path, any os.PathLike) and complex numbers.
#include <catch2/catch.hpp>

#include "codec_helpers.hpp"

using namespace codec_test;
using Catch::Matchers::Contains;

TEST_CASE("path: sent as pathlib.Path", "[path]") {
    pyhpp::gil_acquire gil;
    pyhpp::object p = to_py<codec::path>(std::filesystem::path("/tmp/a b/c.txt"));
    CHECK(p.repr() == "PosixPath('/tmp/a b/c.txt')");
    CHECK(same(p, "pathlib.Path('/tmp/a b/c.txt')"));
    CHECK(to_py<codec::path>(std::filesystem::path("caf\xc3\xa9")).repr() == "PosixPath('café')");
}

TEST_CASE("path: received from str, bytes, pathlib.Path and any os.PathLike", "[path]") {
    pyhpp::gil_acquire gil;
    CHECK(from_py<codec::path>("'/etc/hosts'").native() == "/etc/hosts");
    CHECK(from_py<codec::path>("b'/etc/hosts'").native() == "/etc/hosts");
    CHECK(from_py<codec::path>("pathlib.PurePosixPath('x') / 'y'").native() == "x/y");
    CHECK(from_py<codec::path>("pathlib.Path('caf\\xe9')").native() == "caf\xc3\xa9");
    CHECK(from_py<codec::path>("Dir('rel/dir')").native() == "rel/dir");
    CHECK(from_py<codec::path>("Dir(b'raw')").native() == "raw");
}

TEST_CASE("path: bytes that are not UTF-8 survive both ways", "[path]") {
    pyhpp::gil_acquire gil;
    std::filesystem::path raw(std::string("bad\xff"));
    pyhpp::object p = to_py<codec::path>(raw);
    CHECK(same(p, "pathlib.Path(os.fsdecode(b'bad\\xff'))") == true);
    CHECK(from_py<codec::path>(p) == raw);
    CHECK(from_py<codec::path>("b'bad\\xff'") == raw);
}

TEST_CASE("path: other types are a type mismatch, a bad __fspath__ a Python error", "[path]") {
    pyhpp::gil_acquire gil;
    CHECK_THROWS_AS(from_py<codec::path>("3", "pathlib.Path"), pyhpp::type_error);
    CHECK_THROWS_WITH(from_py<codec::path>("3", "pathlib.Path"),
                      "TypeError: m.f() returned int, expected pathlib.Path");
    CHECK_THROWS_AS(from_py<codec::path>("BadPath()"), pyhpp::type_error);
    CHECK_THROWS_WITH(from_py<codec::path>("BadPath()"),
                      Contains("m.f() result") && Contains("__fspath__"));
    CHECK_FALSE(PyErr_Occurred());
    using str_path = codec::variant<codec::str_, codec::path>;
    CHECK(from_py<str_path>("'a'").index() == 0);
    CHECK(from_py<str_path>("pathlib.Path('a')").index() == 1);
    using path_int = codec::variant<codec::path, codec::int_>;
    CHECK(from_py<path_int>("'a'").index() == 0); // lenient: a str is a path
}

TEST_CASE("path: reference counts balance", "[path][refcount]") {
    pyhpp::gil_acquire gil;
    pyhpp::object cls = eval("pathlib.Path");
    pyhpp::object p = eval("pathlib.Path('/x')");
    std::int64_t cls_before = pyhpp_test::refcount(cls);
    std::int64_t p_before = pyhpp_test::refcount(p);
    for (int i = 0; i < 100; ++i) {
        CHECK(from_py<codec::path>(p).native() == "/x");
        CHECK(to_py<codec::path>(std::filesystem::path("/y")).repr() == "PosixPath('/y')");
    }
    CHECK(pyhpp_test::refcount(cls) == cls_before);
    CHECK(pyhpp_test::refcount(p) == p_before);
}

TEST_CASE("complex: both ways, and ints and floats are complex too", "[complex]") {
    pyhpp::gil_acquire gil;
    CHECK(to_py<codec::complex>({1.0, 2.0}).repr() == "(1+2j)");
    CHECK(to_py<codec::complex>({0.0, -0.5}).repr() == "-0.5j");
    CHECK(from_py<codec::complex>("3 - 4j") == std::complex<double>(3.0, -4.0));
    CHECK(from_py<codec::complex>("2.5") == std::complex<double>(2.5, 0.0));
    CHECK(from_py<codec::complex>("7") == std::complex<double>(7.0, 0.0));
    CHECK_THROWS_WITH(from_py<codec::complex>("'1j'", "complex"),
                      "TypeError: m.f() returned str, expected complex");
    CHECK_THROWS_AS(from_py<codec::complex>("10**400"), pyhpp::overflow_error);
    using float_complex = codec::variant<codec::float_, codec::complex>;
    CHECK(from_py<float_complex>("1j").index() == 1);
    CHECK(from_py<float_complex>("1.5").index() == 0);
    CHECK(from_py<float_complex>("2").index() == 0);
}

TEST_CASE("type: type[X] is any class, checked both ways", "[type]") {
    pyhpp::gil_acquire gil;
    pyhpp::type_object cls = from_py<codec::type_object>("pathlib.PurePosixPath", "type[Path]");
    CHECK(cls.name() == "pathlib.PurePosixPath");
    CHECK(to_py<codec::type_object>(cls).is(cls));
    CHECK(from_py<codec::type_object>("int").name() == "int");
    CHECK_THROWS_WITH(from_py<codec::type_object>("3", "type[int]"),
                      "TypeError: m.f() returned int, expected type[int]");
    CHECK(exact<codec::type_object>("str"));
    CHECK_FALSE(exact<codec::type_object>("'str'"));
    // In a union, a class picks the type alternative, anything else the others.
    using cls_or_str = codec::variant<codec::str_, codec::type_object>;
    CHECK(from_py<cls_or_str>("str").index() == 1);
    CHECK(from_py<cls_or_str>("'str'").index() == 0);
    CHECK(std::string(codec::name_of<codec::optional<codec::type_object>>()) == "type | None");
    // A null handle is sent as None.
    CHECK(to_py<codec::type_object>(pyhpp::type_object()).is_none());
    CHECK_FALSE(PyErr_Occurred());
}

// Standard-library modules typed from typeshed's stubs (json, re, pathlib, datetime, subprocess,
// hashlib: none has annotations of its own), called with C++ types and compared with the same calls
// made through Python.
#include <py/datetime.hpp>
#include <py/hashlib.hpp>
#include <py/json.hpp>
#include <py/pathlib.hpp>
#include <py/re.hpp>
#include <py/subprocess.hpp>

#include "corpus_helpers.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <variant>
#include <vector>

namespace datetime = py::datetime;
namespace hashlib = py::hashlib;
namespace json = py::json;
namespace pathlib = py::pathlib;
namespace re = py::re;
namespace subprocess = py::subprocess;

TEST_CASE("json.dumps with keyword arguments returns the std::string Python returns") {
    std::map<std::string, pyhpp::object> order{{"item", "pear"}, {"count", 3}};
    std::string text = json::dumps(order, json::kw::sort_keys = true, json::kw::indent = 2);
    pyhpp::object python = pyhpp::import("json");
    CHECK(text == python.attr("dumps")
                      .call({corpus::eval("{'item': 'pear', 'count': 3}")},
                            {{"sort_keys", true}, {"indent", 2}})
                      .cast<std::string>());
    std::string compact =
        json::dumps(order, json::kw::separators = std::tuple<std::string, std::string>(",", ":"));
    CHECK(compact == python.attr("dumps")
                         .call({corpus::eval("{'count': 3, 'item': 'pear'}")},
                               {{"separators", corpus::eval("(',', ':')")}})
                         .cast<std::string>());
}

TEST_CASE("re.match gives a Match whose methods answer as Python's") {
    const std::string pattern = R"((?P<key>\w+)=(?P<value>\d+))";
    const std::string text = "width=640 height=480";
    std::optional<re::Match> found = re::match(pattern, text);
    REQUIRE(found.has_value());
    pyhpp::object expected = pyhpp::import("re").attr("match")(pattern, text);
    auto [start, end] = found->span();
    CHECK(start == expected.attr("start")().cast<std::int64_t>());
    CHECK(end == expected.attr("end")().cast<std::int64_t>());
    CHECK(found->end(std::string("value")) == expected.attr("end")("value").cast<std::int64_t>());
    // group() is AnyStr of a Match[str]: a str or a bytes.
    CHECK(std::get<std::string>(found->group()) == expected.attr("group")().cast<std::string>());
    // Data of the C class Match.
    CHECK(found->pos() == expected.attr("pos").cast<std::int64_t>());
    CHECK(std::get<std::string>(found->string()) == text);
    std::map<std::string, pyhpp::object> groups = found->groupdict();
    CHECK(groups.at("key").cast<std::string>() == "width");
    CHECK(corpus::equal(groups.at("value"), expected.attr("group")("value")));
    CHECK(found->expand(R"(\g<value>x\g<key>)") ==
          expected.attr("expand")(R"(\g<value>x\g<key>)").cast<std::string>());
    // No match: std::nullopt, as Python gives None.
    CHECK_FALSE(re::match(std::string("\\d+"), text).has_value());
    // A compiled Pattern, and sub() with a string replacement.
    re::Pattern compiled = re::compile(pattern);
    std::optional<re::Match> later = compiled.search(std::string("size: depth=3"));
    REQUIRE(later.has_value());
    CHECK(std::get<0>(later->span()) == pyhpp::import("re")
                                            .attr("compile")(pattern)
                                            .attr("search")("size: depth=3")
                                            .attr("start")()
                                            .cast<std::int64_t>());
    CHECK(
        re::sub(pattern, std::string("\\g<key>:\\g<value>"), text) ==
        pyhpp::import("re").attr("sub")(pattern, "\\g<key>:\\g<value>", text).cast<std::string>());
}

TEST_CASE("pathlib paths: parts, suffixes, parents as Python has them") {
    pathlib::PurePosixPath path({"srv", "data", "report.tar.gz"});
    pyhpp::object expected =
        pyhpp::import("pathlib").attr("PurePosixPath")("srv", "data", "report.tar.gz");
    CHECK(path.name() == expected.attr("name").cast<std::string>());
    CHECK(path.suffix() == expected.attr("suffix").cast<std::string>());
    CHECK(path.suffixes() == corpus::strings(expected.attr("suffixes")));
    CHECK(path.parts() == corpus::strings(expected.attr("parts")));
    CHECK(path.with_suffix(".zip").as_posix() ==
          expected.attr("with_suffix")(".zip").attr("as_posix")().cast<std::string>());
    CHECK((path.parent() / "old").as_posix() == "srv/data/old");
    CHECK(
        path.parents().size() ==
        static_cast<std::size_t>(
            pyhpp::import("builtins").attr("len")(expected.attr("parents")).cast<std::int64_t>()));
    CHECK(path.match("*.gz"));
}

TEST_CASE("datetime arithmetic gives Python's dates") {
    datetime::date day(2024, 2, 28);
    datetime::date later = day + datetime::timedelta(2);
    pyhpp::object expected = corpus::run("import datetime as d\n"
                                         "result = d.date(2024, 2, 28) + d.timedelta(2)\n");
    CHECK(later.isoformat() == expected.attr("isoformat")().cast<std::string>());
    CHECK(later.weekday() == expected.attr("weekday")().cast<std::int64_t>());
    CHECK(day < later);
    CHECK(datetime::date::fromisoformat("2024-03-01") == later);
    CHECK(datetime::date::fromordinal(later.toordinal()) == later);
    // date - date is a timedelta, date - timedelta a date: the union of the stub's overloads.
    auto between = later - day;
    REQUIRE(std::holds_alternative<datetime::timedelta>(between));
    CHECK(std::get<datetime::timedelta>(between).days() == 2);
    auto before = later - datetime::timedelta(2);
    REQUIRE(std::holds_alternative<datetime::date>(before));
    CHECK(std::get<datetime::date>(before) == day);
}

TEST_CASE("subprocess.run with capture_output gives Python's CompletedProcess") {
    // The child is the embedded interpreter's own Python, wherever it is installed.
    std::filesystem::path python = pyhpp::import("sys").attr("executable").cast<std::string>();
    std::vector<std::filesystem::path> command{python, "-c",
                                               "import sys; print(6 * 7); sys.exit(3)"};
    subprocess::CompletedProcess done =
        subprocess::run(command, true, subprocess::kw::capture_output = true);
    CHECK(done.returncode() == 3);
    CHECK(done.stdout_().cast<std::string>() == "42\n");
    try {
        done.check_returncode();
        FAIL("check_returncode() accepted exit status 3");
    } catch (const subprocess::CalledProcessError &e) {
        auto expected = corpus::raised_by(
            "import subprocess", "subprocess.CompletedProcess(['x'], 3).check_returncode()");
        CHECK(e.type_name() == expected.type_name);
    }
}

TEST_CASE("hashlib.sha256 gives a structural Hash wrapper whose calls answer as Python's") {
    // hashlib._Hash exists only in the stub: the wrapper calls its members by name.
    const pyhpp::bytes data{'p', 'e', 'a', 'r'};
    hashlib::Hash hash = hashlib::sha256(data);
    pyhpp::object expected = pyhpp::import("hashlib").attr("sha256")(data);
    CHECK(hash.hexdigest() == expected.attr("hexdigest")().cast<std::string>());
    CHECK(hash.digest_size() == 32);
    hash.update(pyhpp::bytes{'s'});
    expected.attr("update")(pyhpp::bytes{'s'});
    hashlib::Hash copy = hash.copy();
    CHECK(copy.hexdigest() == expected.attr("hexdigest")().cast<std::string>());
    CHECK(hashlib::new_("sha1", data).name() == "sha1");
    // An object without the members is refused, naming the first one missing.
    CHECK_THROWS_WITH(pyhpp::object(3).cast<hashlib::Hash>(),
                      Catch::Contains("has no member 'copy'"));
}

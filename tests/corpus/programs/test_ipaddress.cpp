// ipaddress through its generated wrapper (factory functions, classes, properties, operators),
// compared with the same calls made through Python.
#include <py/ipaddress.hpp>

#include "corpus_helpers.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <variant>

namespace ipaddress = py::ipaddress;

TEST_CASE("ip_address returns Python's address objects") {
    pyhpp::object python = pyhpp::import("ipaddress");
    for (const char *text : {"192.168.1.20", "8.8.8.8", "2001:db8::1", "::ffff:10.0.0.1"}) {
        // Typed from typeshed's stubs: std::variant<IPv4Address, IPv6Address>.
        pyhpp::object address =
            std::visit([](const auto &a) { return static_cast<const pyhpp::object &>(a); },
                       ipaddress::ip_address(text));
        pyhpp::object expected = python.attr("ip_address")(text);
        CHECK(address.type_name() == expected.type_name());
        CHECK(address.str() == expected.str());
        CHECK(corpus::equal(address, expected));
    }
    auto v4 = std::get<ipaddress::IPv4Address>(ipaddress::ip_address("192.168.1.20"));
    pyhpp::object expected = python.attr("ip_address")("192.168.1.20");
    CHECK(v4.is_private() == expected.attr("is_private").cast<bool>());
    CHECK(v4.exploded() == expected.attr("exploded").cast<std::string>());
    CHECK(v4.version() == 4);
    auto v6 = std::get<ipaddress::IPv6Address>(ipaddress::ip_address("2001:db8::1"));
    CHECK(v6.exploded() ==
          python.attr("ip_address")("2001:db8::1").attr("exploded").cast<std::string>());
}

TEST_CASE("networks: membership, size, ordering") {
    pyhpp::object python = pyhpp::import("ipaddress");
    ipaddress::IPv4Network network("192.168.0.0/16");
    ipaddress::IPv4Address inside("192.168.200.1");
    ipaddress::IPv4Address outside("10.0.0.1");
    pyhpp::object expected = python.attr("IPv4Network")("192.168.0.0/16");
    CHECK(network.contains(inside) ==
          expected.attr("__contains__")(python.attr("IPv4Address")("192.168.200.1")).cast<bool>());
    CHECK_FALSE(network.contains(outside));
    CHECK(network.num_addresses() == expected.attr("num_addresses").cast<std::int64_t>());
    CHECK(outside < inside);
    CHECK(ipaddress::IPv4Address("10.0.0.1") == outside);
    CHECK((outside + 5).str() == (python.attr("IPv4Address")("10.0.0.1").attr("__add__")(5)).str());
}

TEST_CASE("bad addresses throw what Python raises") {
    auto expected = corpus::raised_by("import ipaddress", "ipaddress.ip_address('300.1.1.1')");
    try {
        ipaddress::ip_address("300.1.1.1");
        FAIL("ip_address accepted 300.1.1.1");
    } catch (const pyhpp::value_error &e) {
        CHECK(e.message() == expected.message);
    }
    auto strict = corpus::raised_by("import ipaddress", "ipaddress.IPv4Address('1.2.3')");
    REQUIRE(strict.type_name == "ipaddress.AddressValueError");
    try {
        ipaddress::IPv4Address address("1.2.3");
        FAIL("IPv4Address accepted 1.2.3");
    } catch (const ipaddress::AddressValueError &e) {
        CHECK(e.message() == strict.message);
    }
}

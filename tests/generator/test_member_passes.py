"""Tests for the passes that shape C++ members (passes/overloads.py, passes/members.py) and for
the declaration order of a header (render/order.py): pure functions of the IR."""

from __future__ import annotations

import dataclasses
import types
from typing import List, Optional, Sequence

from pyhpp.diagnostics import Diagnostic
from pyhpp.ir.model import (
    Api,
    Attribute,
    Class,
    CppType,
    Function,
    LiteralValue,
    Location,
    Module,
    NamedType,
    Parameter,
)
from pyhpp.passes import members, overloads


def order() -> types.ModuleType:
    """pyhpp.render.order, imported when a test runs: importing pyhpp.render imports Jinja2,
    whose typing.Union objects would then be shared with the introspection tests' fixtures."""
    from pyhpp.render import order as module

    return module


def cpp(kind: str, *args: CppType, **fields: object) -> CppType:
    return CppType(kind, tuple(args), **fields)  # type: ignore[arg-type]


INT, STR, BYTES, BOOL, OBJECT, NONE = (cpp(k) for k in ("int", "str", "bytes", "bool", "object",
                                                        "none"))


def literal(base: CppType, *values: object) -> CppType:
    return CppType("literal", (base,), values=tuple(values))  # type: ignore[arg-type]


def param(name: str, t: CppType, kind: str = "positional_or_keyword",
          default: bool = False) -> Parameter:
    return Parameter(name, kind, default, cpp_name=name, cpp_type=t)


def signature(returns: CppType, *parameters: Parameter) -> Function:
    return Function("f", parameters=parameters, cpp_name="f", cpp_returns=returns)


def overload_set(*variants: Function) -> Function:
    return Function("f", cpp_name="f", cpp_returns=OBJECT, overloads=variants)


def merged(*variants: Function) -> Sequence[Function]:
    api = Api("3.11", (Module("m", functions=(overload_set(*variants),)),))
    return overloads.run(api).modules[0].functions[0].overloads


# -- overloads: unions of results -----------------------------------------------------------------


def test_union_of_equal_results_is_that_result() -> None:
    assert overloads.union([STR, STR]) == STR


def test_union_with_object_is_object() -> None:
    assert overloads.union([STR, OBJECT, cpp("list", INT)]) == OBJECT


def test_union_flattens_and_deduplicates_variants() -> None:
    assert overloads.union([cpp("variant", STR, INT), cpp("variant", INT, BYTES), STR]) == cpp(
        "variant", STR, INT, BYTES)


def test_union_with_none_or_optional_is_optional() -> None:
    assert overloads.union([STR, NONE]) == cpp("optional", STR)
    assert overloads.union([cpp("optional", STR), INT]) == cpp("optional", cpp("variant", STR, INT))
    assert overloads.union([NONE, NONE]) == NONE


def test_union_merges_literals_and_types_cpp_spells_alike() -> None:
    # Two alternatives spelled alike would make std::variant<std::string, std::string>.
    assert overloads.union([literal(STR, "a"), literal(STR, "b")]) == literal(STR, "a", "b")
    assert overloads.union([literal(STR, "a"), STR]) == STR
    assert overloads.union([cpp("list", INT), cpp("tuple_var", INT)]) == cpp("list", INT)


# -- overloads: merging signatures ----------------------------------------------------------------


def test_signatures_with_one_cpp_parameter_list_merge() -> None:
    """`raw: Literal[True]` and `raw: Literal[False]` are both `bool` in C++."""
    (only,) = merged(signature(BYTES, param("raw", literal(BOOL, True), default=True)),
                     signature(STR, param("raw", literal(BOOL, False), default=True)))
    assert only.cpp_returns == cpp("variant", BYTES, STR)
    assert only.parameters[0].cpp_type == literal(BOOL, True, False)  # accepts both


def test_merged_python_annotations_show_both() -> None:
    def flag(value: bool, returns: str) -> Function:
        raw = Parameter("raw", "positional_or_keyword", type=NamedType(
            "typing.Literal", (LiteralValue(value),)), cpp_name="raw",
            cpp_type=literal(BOOL, value))
        return dataclasses.replace(signature(OBJECT, raw), returns=NamedType(returns))

    (only,) = merged(flag(True, "builtins.bytes"), flag(False, "builtins.str"))
    assert only.parameters[0].type == NamedType("typing.Literal", (LiteralValue(True),
                                                                   LiteralValue(False)))
    assert only.returns == NamedType("typing.Union", (NamedType("builtins.bytes"),
                                                      NamedType("builtins.str")))


def test_signatures_cpp_tells_apart_stay() -> None:
    variants = (signature(STR, param("key", STR)),
                signature(INT, param("key", STR), param("default", INT)),
                signature(BYTES, param("key", INT)),
                signature(BOOL, param("key", STR, default=True)))
    assert merged(*variants) == variants


def test_keyword_only_names_keep_signatures_apart_until_cpp_sees_the_same_call() -> None:
    # Distinct keyword structs, but the same positional C++ parameters: `f(x)` would name both.
    a = signature(STR, param("x", INT), param("a", INT, "keyword_only", True))
    b = signature(BYTES, param("x", INT), param("b", STR, "keyword_only", True))
    (only,) = merged(a, b)
    assert only.parameters == a.parameters  # the first stays, with both results
    assert only.cpp_returns == cpp("variant", STR, BYTES)


def test_signature_differing_in_kinds_cpp_does_not_see_is_dropped_into_the_first() -> None:
    a = signature(INT, param("text", STR, "positional_only"))
    b = signature(cpp("float"), param("text", STR))
    c = signature(STR, param("text", INT))
    assert [(o.parameters, o.cpp_returns) for o in merged(a, b, c)] == [
        (a.parameters, cpp("variant", INT, cpp("float"))), (c.parameters, STR)]


def test_methods_are_merged_too() -> None:
    method = Function("m", binding="method", cpp_name="m", cpp_returns=OBJECT, overloads=(
        signature(BYTES, param("raw", literal(BOOL, True))),
        signature(STR, param("raw", literal(BOOL, False)))))
    cls = Class("C", "class", methods=(method,), cpp_name="C")
    api = overloads.run(Api("3.11", (Module("m", classes=(cls,)),)))
    assert len(api.modules[0].classes[0].methods[0].overloads) == 1


# -- members: special methods ---------------------------------------------------------------------


def special(name: str, *parameters: Parameter, binding: str = "method") -> Function:
    return Function(name, location=Location("m.py", 1), parameters=parameters, binding=binding,
                    cpp_name=name, cpp_returns=OBJECT)


def spelled(*methods: Function, attributes: Sequence[Attribute] = ()) -> tuple:
    diagnostics: List[Diagnostic] = []
    cls = Class("C", "class", location=Location("m.py", 1), methods=methods,
                attributes=tuple(attributes), cpp_name="C")
    api = members.run(Api("3.11", (Module("m", classes=(cls,)),)), diagnostics)
    result = api.modules[0].classes[0]
    return {f.name: f.cpp_name for f in result.methods}, [str(d) for d in diagnostics]


def test_fitting_special_methods_are_operators() -> None:
    names, diagnostics = spelled(
        special("__add__", param("other", OBJECT)), special("__neg__"),
        special("__getitem__", param("key", INT, "positional_only")),
        special("__call__", param("a", INT, default=True), param("rest", INT, "var_positional")))
    assert names == {"__add__": "operator+", "__neg__": "operator-", "__getitem__": "operator[]",
                     "__call__": "operator()"}
    assert diagnostics == []


def test_special_methods_no_operator_can_declare_are_named_members() -> None:
    names, diagnostics = spelled(
        special("__truediv__", param("other", OBJECT, "var_positional")),
        special("__getitem__", param("indices", OBJECT), param("kw", OBJECT, "var_keyword")),
        special("__sub__", param("other", OBJECT, default=True)),
        special("__mul__", param("other", OBJECT), param("scale", INT, "keyword_only", True)),
        special("__neg__", param("extra", OBJECT)),
        special("__and__"),
        special("__call__", binding="staticmethod"))
    assert names == {"__truediv__": "truediv", "__getitem__": "getitem", "__sub__": "sub",
                     "__mul__": "mul", "__neg__": "neg", "__and__": "and_", "__call__": "call"}
    assert diagnostics == []


def test_a_taken_fallback_name_gets_an_underscore_and_a_warning() -> None:
    truediv = Function("truediv", binding="method", cpp_name="truediv", cpp_returns=OBJECT)
    names, diagnostics = spelled(
        truediv, special("__truediv__", param("other", OBJECT, "var_positional")),
        attributes=[Attribute("truediv_", cpp_name="truediv_", readonly=True)])
    assert names == {"truediv": "truediv", "__truediv__": "truediv_2"}
    assert diagnostics == [
        "m.py:1: warning: class m.C: special method '__truediv__' cannot be a C++ operator and "
        "becomes the member function 'truediv_2' because 'truediv' is taken by another member"]


def test_a_member_named_like_a_protocol_member_wins_over_the_special_method() -> None:
    size = Function("size", binding="method", cpp_name="size", cpp_returns=INT)
    names, diagnostics = spelled(size, special("__len__"), special("__contains__", param("x", INT)))
    assert names == {"size": "size", "__len__": "", "__contains__": "contains"}
    assert diagnostics == []


def test_an_attribute_listed_as_a_method_too_is_the_attribute() -> None:
    """`json_loads: Callable[[str], Any] = json.loads` is one member, not two."""
    loads = Function("json_loads", binding="method", cpp_name="json_loads", cpp_returns=OBJECT)
    names, _ = spelled(loads, attributes=[Attribute("json_loads", cpp_name="json_loads")])
    assert names == {}


def test_fits_needs_required_positionals_of_the_operators_arity() -> None:
    assert members.fits(special("__setitem__", param("k", INT), param("v", INT)))
    assert not members.fits(special("__setitem__", param("k", INT)))
    assert not members.fits(special("__len__", param("k", INT, "keyword_only")))
    assert not members.fits(special("__len__", binding="classmethod"))


# -- the declaration order of a header ------------------------------------------------------------


def arrange(names: str, hard: Optional[dict] = None, soft: Optional[dict] = None,
            conversions: Optional[dict] = None) -> tuple:
    items = [(n, n) for n in names.split()]
    placed, late = order().declaration_order(items, hard or {}, soft or {}, conversions or {})
    return " ".join(placed), late


def test_items_come_after_what_they_need() -> None:
    assert arrange("A B C", hard={"A": {"B"}}, soft={"B": {"C"}}) == ("C B A", {})


def test_a_soft_need_that_closes_a_cycle_of_hard_needs_is_given_up() -> None:
    """Base's member defaults need Derived; Derived derives from Base."""
    assert arrange("Base Derived", hard={"Derived": {"Base"}}, soft={"Base": {"Derived"}}) == (
        "Base Derived", {"Base": {"Derived"}})


def test_a_cycle_of_soft_needs_gives_up_one() -> None:
    placed, late = arrange("A B", soft={"A": {"B"}, "B": {"A"}})
    assert placed == "B A" and late == {"B": {"A"}}


def test_needing_a_class_needs_what_converting_to_it_looks_at() -> None:
    """Transport's default needs Proxy, whose constructor takes Address | str."""
    assert arrange("Transport Proxy Address", soft={"Transport": {"Proxy"}},
                   conversions={"Proxy": {"Address"}}) == ("Proxy Address Transport", {})


def test_late_conversions_make_the_need_late() -> None:
    placed, late = arrange("Transport Proxy Address", soft={"Transport": {"Proxy"}},
                           hard={"Address": {"Transport"}}, conversions={"Proxy": {"Address"}})
    assert placed == "Proxy Transport Address"
    assert late == {"Transport": {"Proxy"}}


def test_names_outside_the_items_and_self_needs_are_ignored() -> None:
    assert arrange("A", hard={"A": {"A", "other.X"}}, soft={"A": {"A"}}) == ("A", {})


def test_post_order_puts_needs_first() -> None:
    assert order().post_order(["A", "B", "C"], {"A": {"C"}, "C": {"B"}}) == ["B", "C", "A"]


def test_signatures_agreeing_on_their_first_parameters_do_not_make_calls_ambiguous() -> None:
    # urlencode(query, doseq=..., quote_via=<str callback>) and the same with a bytes callback:
    # urlencode(query) would match both. The second requires its parameters up to quote_via.
    str_callback = cpp("callable", STR, STR)
    bytes_callback = cpp("callable", BYTES, BYTES)
    first = signature(STR, param("query", OBJECT), param("doseq", BOOL, default=True),
                      param("quote_via", str_callback, default=True))
    second = signature(STR, param("query", OBJECT), param("doseq", BOOL, default=True),
                       param("quote_via", bytes_callback, default=True))
    a, b = merged(first, second)
    assert [p.has_default for p in a.parameters] == [False, True, True]
    assert [p.has_default for p in b.parameters] == [False, False, False]
    # A shorter signature that is a prefix of a longer one: the longer one gives way.
    short = signature(STR, param("x", INT))
    long = signature(STR, param("x", INT), param("y", STR, default=True))
    c, d = merged(long, short)
    assert [p.has_default for p in c.parameters] == [False, False]
    assert [p.has_default for p in d.parameters] == [False]


def test_signatures_whose_optional_parameters_start_anothers_are_one() -> None:
    # check_output(args, *, text: bool, bufsize=..., cwd=...) and
    # check_output(args, *, universal_newlines: bool, bufsize=...): both declare
    # f(args, bool) and f(args, bool, bufsize), so the shorter joins the longer.
    longer = signature(STR, param("args", STR), param("bufsize", INT, default=True),
                       param("cwd", STR, default=True), param("text", BOOL, "keyword_only"))
    shorter = signature(BYTES, param("args", STR), param("bufsize", INT, default=True),
                        param("universal_newlines", BOOL, "keyword_only"))
    [only] = merged(shorter, longer)
    assert [p.name for p in only.parameters] == ["args", "bufsize", "cwd", "text"]
    assert only.cpp_returns == cpp("variant", BYTES, STR)


def test_signatures_cpp_declares_alike_are_one() -> None:
    # item(*args: int) and item(args: tuple[int, ...]) are both item(const std::vector<...> &).
    variadic = signature(STR, param("args", INT, "var_positional"))
    tupled = signature(BYTES, param("args", cpp("tuple_var", INT)))
    [only] = merged(variadic, tupled)
    assert only.parameters[0].kind == "var_positional"
    assert only.cpp_returns == cpp("variant", STR, BYTES)


def test_defaulted_parameters_another_signature_takes_are_left_out() -> None:
    # re.Match.group(group: Literal[0] = 0) -> str and group(group: str | int) -> object: group(1)
    # would convert to pyhpp::opt<std::int64_t> and to the variant alike (ambiguous in C++).
    zero = signature(STR, param("group", literal(INT, 0), "positional_only", default=True))
    named_or_index = signature(OBJECT, param("group", cpp("variant", STR, INT),
                                             "positional_only"))
    assert [[p.name for p in o.parameters] for o in merged(zero, named_or_index)] == [
        [], ["group"]]
    # An object takes anything: the same.
    anything = signature(OBJECT, param("x", INT), param("y", OBJECT))
    defaulted = signature(STR, param("x", INT), param("y", STR, default=True),
                          param("z", STR, default=True))
    assert [[p.name for p in o.parameters] for o in merged(defaulted, anything)] == [
        ["x"], ["x", "y"]]
    # Types no argument converts to both: both signatures keep their parameters.
    text = signature(STR, param("x", STR, default=True))
    number = signature(INT, param("x", INT))
    assert [[p.name for p in o.parameters] for o in merged(text, number)] == [["x"], ["x"]]

"""Tests for pyhpp.introspect on classes, enums and constants: the exact IR of class_forms.

The same IR is expected from every interpreter 3.8 to 3.13 except for these documented
differences: Function.overloads is empty before 3.11 (no typing.get_overloads), and
class_forms.modern (StrEnum, NotRequired, typing.Self) exists from 3.11 on.
"""

from __future__ import annotations

import dataclasses
import os
import sys
from typing import Any, Dict, Iterator, List, Optional, Tuple

import pytest

from pyhpp.diagnostics import Diagnostic
from pyhpp.introspect.collect import introspect_modules
from pyhpp.introspect.launch import run_introspection
from pyhpp.ir.model import (
    Attribute,
    Class,
    EnumMember,
    Function,
    ListOfTypes,
    Location,
    Module,
    NamedType,
    NoneType,
    Other,
    Parameter,
    PyType,
    TypeSource,
    TypeVarType,
)
from discovery import FIXTURES, MINORS, missing, python_for

MODULES = ["class_forms.shapes", "class_forms.models"]
HAS_OVERLOADS = sys.version_info >= (3, 11)


def named(qualname: str, *args: PyType) -> NamedType:
    return NamedType(qualname, tuple(args))


INT, FLOAT, BOOL = named("builtins.int"), named("builtins.float"), named("builtins.bool")
STR, BYTES, OBJECT = named("builtins.str"), named("builtins.bytes"), named("builtins.object")
SHAPE, SQUARE = named("class_forms.shapes.Shape"), named("class_forms.shapes.Square")
POINT = named("class_forms.shapes.Point")
ACCOUNT, MONEY = named("class_forms.models.Account"), named("class_forms.models.Money")
POK, KW, VAR = "positional_or_keyword", "keyword_only", "var_positional"


def identity(qualname: str) -> Dict[str, str]:
    """Class fields naming a class its module defines, at top level: Python's names are ours."""
    module, _, name = qualname.rpartition(".")
    return {"qualname": qualname, "runtime_module": module, "runtime_qualname": name}


def evaluated(text: str) -> TypeSource:
    return TypeSource("annotation", text)


def written(text: str) -> TypeSource:
    return TypeSource("string", text)


def at(module_file: str, text: str) -> Location:
    """The location of the line where `text` (possibly several lines) starts in a fixture."""
    with open(os.path.join(FIXTURES, "class_forms", module_file), encoding="utf-8") as source:
        content = source.read()
    assert content.count(text) == 1, f"{text!r} must occur exactly once in {module_file}"
    return Location(f"class_forms/{module_file}", content[:content.index(text)].count("\n") + 1)


def param(name: str, pytype: Optional[PyType], source: TypeSource, kind: str = POK,
          default: bool = False) -> Parameter:
    return Parameter(name, kind, default, pytype, source)


def method(name: str, location: Location, parameters: Tuple[Parameter, ...],
           returns: Optional[PyType], returns_source: TypeSource, binding: str = "method",
           doc: str = "", overloads: Tuple[Function, ...] = ()) -> Function:
    return Function(name, location, doc, parameters, returns, returns_source, True, binding,
                    overloads if HAS_OVERLOADS else ())


def init(location: Location, *parameters: Parameter) -> Function:
    return Function("__init__", location, parameters=parameters, binding="method")


def attribute(name: str, pytype: Optional[PyType], source: TypeSource, location: Location,
              readonly: bool = False, has_default: bool = False, required: bool = True,
              doc: str = "") -> Attribute:
    return Attribute(name, pytype, source, location, doc, readonly, has_default, required)


@pytest.fixture(scope="module")
def modules() -> Iterator[Tuple[Dict[str, Module], List[Diagnostic]]]:
    sys.path.insert(0, FIXTURES)
    try:
        names = MODULES + (["class_forms.modern"] if HAS_OVERLOADS else [])
        api, _, diagnostics = introspect_modules(names)
        yield {module.name: module for module in api.modules}, diagnostics
    finally:
        sys.path.remove(FIXTURES)


def classes(module: Module) -> Dict[str, Class]:
    return {item.name: item for item in module.classes}


# -- class_forms.shapes: evaluated annotations -----------------------------------------------------


def expected_shape() -> Class:
    def sh(text: str) -> Location:
        return at("shapes.py", text)
    return Class(
        "Shape", "class", sh("class Shape:"), "A shape.\n\nSecond paragraph.", (),
        init(sh("def __init__(self, name"), param("name", STR, evaluated("str"), default=True)),
        (method("scaled", sh("def scaled("), (param("factor", FLOAT, evaluated("float")),),
                SHAPE, written("Shape"), doc="A scaled copy."),
         method("unit", sh("@classmethod"), (), SHAPE, written("Shape"), "classmethod"),
         method("describe", sh("@staticmethod"),
                (param("shape", SHAPE, written("Shape")),
                 param("verbose", BOOL, evaluated("bool"), KW, default=True)),
                STR, evaluated("str"), "staticmethod"),
         method("__repr__", sh("def __repr__("), (), STR, evaluated("str")),
         method("__eq__", sh("def __eq__("), (param("other", OBJECT, evaluated("object")),),
                BOOL, evaluated("bool")),
         method("__lt__", sh("def __lt__("), (param("other", SHAPE, written("Shape")),),
                BOOL, evaluated("bool")),
         method("__contains__", sh("def __contains__("),
                (param("point", POINT, written("Point")),), BOOL, evaluated("bool"))),
        (attribute("name", STR, evaluated("str"), sh("    name: str")),
         attribute("tag", STR, evaluated("typing.Final[str]"), sh("    tag: Final"),
                   readonly=True, has_default=True),
         attribute("area", FLOAT, evaluated("float"), sh("@property\n    def area(self) -> float:"
                                                         '\n        """The area'),
                   readonly=True, doc="The area."),
         attribute("label", STR, evaluated("str"), sh("@property\n    def label"))),
        **identity("class_forms.shapes.Shape"))


def inherited(base: Class, *names: str) -> Tuple[Any, ...]:
    """The members `names` of `base` as a subclass lists them: defined in `base`."""
    members = {m.name: m for m in base.methods + base.attributes}
    return tuple(dataclasses.replace(members[name], defined_in=base.qualname) for name in names)


def expected_square() -> Class:
    def sq(text: str) -> Location:
        return at("shapes.py", text)

    def unary(name: str, returns: PyType, source: TypeSource) -> Function:
        return method(name, sq(f"def {name}("), (), returns, source)
    resize_overloads = (
        method("resize", sq("@overload\n    def resize(self, side"),
               (param("side", FLOAT, evaluated("float")),), SQUARE, written("Square")),
        method("resize", sq("@overload\n    def resize(self, width"),
               (param("width", FLOAT, evaluated("float")),
                param("height", FLOAT, evaluated("float"))), SHAPE,
               evaluated("class_forms.shapes.Shape")))
    return Class(
        "Square", "class", sq("class Square(Shape):"), "", ("class_forms.shapes.Shape",),
        init(sq("def __init__(self, side"), param("side", FLOAT, evaluated("float"))),
        (unary("__len__", INT, evaluated("int")),
         unary("__iter__", named("collections.abc.Iterator", POINT),
               evaluated("typing.Iterator['Point']")),
         method("__getitem__", sq("def __getitem__("), (param("index", INT, evaluated("int")),),
                POINT, written("Point")),
         method("__call__", sq("def __call__("),
                (param("scale", FLOAT, evaluated("float"), default=True),),
                SQUARE, written("Square")),
         method("__add__", sq("def __add__("), (param("other", SQUARE, written("Square")),),
                SQUARE, written("Square")),
         unary("__neg__", SQUARE, written("Square")),
         method("__iadd__", sq("def __iadd__("), (param("other", FLOAT, evaluated("float")),),
                SQUARE, written("Square")),
         unary("__bool__", BOOL, evaluated("bool")),
         unary("__enter__", SQUARE, written("Square")),
         method("__exit__", sq("def __exit__("),
                (param("exc", OBJECT, evaluated("object"), VAR),), NoneType(),
                evaluated("None")),
         method("resize", sq("def resize(self, side_or_width"),
                (param("side_or_width", FLOAT, evaluated("float")),
                 param("height", named("typing.Union", FLOAT, NoneType()),
                       evaluated("typing.Optional[float]"), default=True)),
                SHAPE, evaluated("class_forms.shapes.Shape"),
                doc="Resizes the square, or makes a rectangle.", overloads=resize_overloads))
        # Shape's methods that Square does not override, as Python resolves them.
        + inherited(expected_shape(), "scaled", "unit", "describe", "__repr__", "__eq__",
                    "__lt__", "__contains__"),
        # The overriding property has no docstring: Shape.area's is not inherited.
        (attribute("area", FLOAT, evaluated("float"),
                   sq("@property\n    def area(self) -> float:\n        return"), readonly=True),)
        + inherited(expected_shape(), "label"),
        **identity("class_forms.shapes.Square"))


def test_plain_classes_bases_methods_and_properties(modules: Any) -> None:
    shapes = classes(modules[0]["class_forms.shapes"])
    # Quad is Square under another name: described where it is exported (passes/exports.py
    # makes it an alias of the one wrapper).
    assert list(shapes) == ["Shape", "Square", "Point", "Drawing", "Crate", "Quad"]
    assert shapes["Shape"] == expected_shape()
    assert shapes["Square"] == expected_square()
    assert shapes["Quad"] == dataclasses.replace(expected_square(), name="Quad")


def expected_point() -> Class:
    def pt(text: str) -> Location:
        return at("shapes.py", text)
    return Class(
        "Point", "class", pt("class Point:"), "A point without a constructor of its own.", (),
        init(pt("class Point:")),  # object's: no parameters
        (method("clone", pt("def clone("), (), POINT, written("Point")),
         method("moved", pt("def moved("),
                (param("dx", FLOAT, evaluated("float"), default=True),
                 param("dy", FLOAT, evaluated("float"), default=True)),
                POINT, written("Point"))),
        (attribute("x", FLOAT, evaluated("float"), pt("    x: float"), has_default=True),
         attribute("y", FLOAT, evaluated("float"), pt("    y: float"), has_default=True)),
        **identity("class_forms.shapes.Point"))


def test_class_without_constructor_and_self_references(modules: Any) -> None:
    assert classes(modules[0]["class_forms.shapes"])["Point"] == expected_point()


def test_generic_class_and_cached_property(modules: Any) -> None:
    crate = classes(modules[0]["class_forms.shapes"])["Crate"]
    assert crate == Class(  # typing.Generic is not listed as a base
        "Crate", "class", at("shapes.py", "class Crate("),
        "Generic, without a constructor of its own (typing.Generic's __new__ is not one).", (),
        init(at("shapes.py", "class Crate(")),
        (method("put", at("shapes.py", "def put("),
                (param("item", TypeVarType("T"), evaluated("T")),), NoneType(),
                evaluated("None")),),
        (attribute("weight", FLOAT, evaluated("float"),
                   at("shapes.py", "@functools.cached_property"), readonly=True),),
        **identity("class_forms.shapes.Crate"))


def test_standard_library_types_have_canonical_names(modules: Any) -> None:
    drawing = classes(modules[0]["class_forms.shapes"])["Drawing"]
    signatures = {item.name: ([p.type for p in item.parameters], item.returns)
                  for item in (drawing.constructor,) + drawing.methods if item is not None}
    assert signatures == {
        "__init__": ([named("pathlib.Path"), named("datetime.datetime")], None),
        "on_draw": ([named("collections.abc.Callable", ListOfTypes((SHAPE,)), NoneType())],
                    NoneType()),
        "shapes": ([], named("collections.abc.Iterator", SHAPE)),
        "walk": ([], named("collections.abc.Generator", SHAPE, NoneType(), INT)),
        "extend": ([named("collections.abc.Iterable", SHAPE), named("os.PathLike")],
                   named("builtins.complex")),
        "points": ([], named("builtins.list", POINT)),
    }
    assert drawing.constructor is not None and drawing.constructor.parameters[0].type_source \
        == evaluated("pathlib.Path")
    locate = modules[0]["class_forms.models"].functions[1]
    assert [p.type for p in locate.parameters] + [locate.returns] == [
        named("os.PathLike", STR),
        named("collections.abc.Callable", ListOfTypes((INT,)), STR),
        named("collections.abc.Iterator", named("builtins.complex")),
        named("collections.abc.Iterable", named("class_forms.models.Entry"))]


def test_others_are_aliases_and_typevars(modules: Any) -> None:
    shapes, models = modules[0]["class_forms.shapes"], modules[0]["class_forms.models"]
    assert shapes.others == (Other("T", "typevar", at("shapes.py", "T = ")),)
    assert models.others == (Other("Amount", "alias", statement("Amount = ")),
                             Other("T", "typevar", statement("T = ")))
    assert shapes.constants == () and shapes.functions == ()
    assert modules[1] == []  # no diagnostics


# -- class_forms.models: string annotations --------------------------------------------------------


def md(text: str) -> Location:
    return at("models.py", text)


def statement(text: str) -> Location:
    """The location of the top-level statement of models.py that starts with `text`."""
    location = md("\n" + text)
    return Location(location.file, location.line + 1)


ACCOUNT_FIELDS = (
    param("owner", STR, written("str")),
    param("balance", INT, written("int"), default=True),
    param("tags", named("builtins.list", STR), written("List[str]"), default=True),
    param("limit", INT, written("Final[int]"), default=True),
)


def test_dataclasses(modules: Any) -> None:
    models = classes(modules[0]["class_forms.models"])
    assert models["Account"] == Class(
        "Account", "dataclass", md("@dataclass\nclass Account"), "A ledger account.", (),
        init(md("@dataclass\nclass Account"), *ACCOUNT_FIELDS),
        (method("deposit", md("def deposit("), (param("amount", INT, written("int")),),
                ACCOUNT, written("Account")),
         method("__eq__", md("def __eq__("), (param("other", OBJECT, written("object")),),
                BOOL, written("bool"))),
        (attribute("owner", STR, written("str"), md("    owner: str")),
         attribute("balance", INT, written("int"), md("    balance: int"), has_default=True),
         attribute("tags", named("builtins.list", STR), written("List[str]"),
                   md("    tags: List"), has_default=True),
         # `kind: ClassVar[str]` is not a field.
         attribute("limit", INT, written("Final[int]"), md("    limit: Final"), readonly=True,
                   has_default=True)),
        **identity("class_forms.models.Account"))
    # Frozen, ordered, no docstring: the generated __doc__, __eq__, __lt__... are left out.
    assert models["Entry"] == Class(
        "Entry", "dataclass", md("@dataclass(frozen=True"), "", (),
        init(md("@dataclass(frozen=True"), param("account", ACCOUNT, written("Account")),
             param("amount", INT, written("int")),
             param("memo", named("typing.Union", STR, NoneType()), written("Optional[str]"),
                   default=True)),
        (),
        (attribute("account", ACCOUNT, written("Account"), md("    account: Account"),
                   readonly=True),
         attribute("amount", INT, written("int"), md("    amount: int\n    memo"),
                   readonly=True),
         attribute("memo", named("typing.Union", STR, NoneType()), written("Optional[str]"),
                   md("    memo: Optional"), readonly=True, has_default=True),
         attribute("signed", INT, written("int"), md("@property\n    def signed"),
                   readonly=True, doc="The amount with its sign.")),
        frozen=True,
        **identity("class_forms.models.Entry"))
    # Own fields only; the constructor takes the inherited ones too.
    assert models["SavingsAccount"] == Class(
        "SavingsAccount", "dataclass", md("@dataclass\nclass SavingsAccount"), "",
        ("class_forms.models.Account",),
        init(md("@dataclass\nclass SavingsAccount"), *ACCOUNT_FIELDS,
             param("rate", FLOAT, written("float"), default=True)),
        # Its own __eq__ is the one @dataclass generated (not wrapped), not Account's.
        inherited(models["Account"], "deposit"),
        (attribute("rate", FLOAT, written("float"), md("    rate: float"), has_default=True),),
        **identity("class_forms.models.SavingsAccount"))


def test_namedtuple_and_typeddicts(modules: Any) -> None:
    models = classes(modules[0]["class_forms.models"])
    assert models["Money"] == Class(
        "Money", "namedtuple", md("class Money("), "An amount in a currency.", (),
        init(md("class Money("), param("amount", INT, written("int")),
             param("currency", STR, written("str"), default=True)),
        (method("__str__", md("def __str__(self) -> str:\n        return f\"{self.amount}"), (),
                STR, written("str")),
         method("doubled", md("def doubled("), (), MONEY, written("Money"))),
        (attribute("amount", INT, written("int"), md("    amount: int\n    currency"),
                   readonly=True),
         attribute("currency", STR, written("str"), md("    currency: str"), readonly=True,
                   has_default=True)),
        **identity("class_forms.models.Money"))
    assert models["Options"] == Class(
        "Options", "typeddict", md("class Options("), "", (), None, (),
        (attribute("verbose", BOOL, written("bool"), md("    verbose: bool"), required=False),
         attribute("depth", INT, written("int"), md("    depth: int"), required=False)),
        total=False,
        **identity("class_forms.models.Options"))
    assert models["Config"] == Class(
        "Config", "typeddict", md("class Config("), "A configuration.", (), None, (),
        (attribute("name", STR, written("str"), md("    name: str")),
         attribute("options", named("class_forms.models.Options"), written("Options"),
                   md("    options: Options")),
         attribute("shape", SHAPE, written("Shape"), md("    shape: Shape"))),
        **identity("class_forms.models.Config"))


def test_enums(modules: Any) -> None:
    models = classes(modules[0]["class_forms.models"])

    def enum(name: str, doc: str, base: str, *members: EnumMember) -> Class:
        return Class(name, "enum", md(f"class {name}("), doc, (base,), members=members,
                     enum_base=base, **identity(f"class_forms.models.{name}"))
    assert models["Color"] == enum(  # CRIMSON is an alias of RED; describe() is not wrapped
        "Color", "Colours, by name.", "enum.Enum", EnumMember("RED", "red", "'red'"),
        EnumMember("GREEN", "green", "'green'"), EnumMember("BLUE", "blue", "'blue'"))
    assert models["Level"] == enum(  # no docstring: not "An enumeration." (3.8 - 3.10)
        "Level", "", "enum.IntEnum", EnumMember("LOW", 1, "1"), EnumMember("HIGH", 10, "10"))
    assert models["Perm"] == enum(
        "Perm", "", "enum.Flag", EnumMember("R", 4, "4"), EnumMember("W", 2, "2"),
        EnumMember("X", 1, "1"), EnumMember("RW", 6, "6"))
    assert models["Mode"] == enum(
        "Mode", "", "enum.IntFlag", EnumMember("READ", 1, "1"), EnumMember("WRITE", 2, "2"))
    assert models["Odd"] == enum(
        "Odd", "", "enum.Enum", EnumMember("PAIR", None, "(1, 2)"),
        EnumMember("NOTHING", None, "None"), EnumMember("YES", True, "True"))


def test_exceptions(modules: Any) -> None:
    models = classes(modules[0]["class_forms.models"])
    # BaseException's constructor takes *args and has no signature inspect can read.
    assert models["LedgerError"] == Class(
        "LedgerError", "exception", md("class LedgerError("), "Base of the ledger errors.",
        ("builtins.ValueError",),
        Function("__init__", md("class LedgerError("), signature_known=False,
                 binding="method"),
        **identity("class_forms.models.LedgerError"))
    assert models["OverdraftError"] == Class(
        "OverdraftError", "exception", md("class OverdraftError("),
        "Raised when a withdrawal exceeds the balance.", ("class_forms.models.LedgerError",),
        init(md("def __init__(self, balance"), param("balance", INT, written("int")),
             param("amount", INT, written("int"))),
        (method("__str__", md('def __str__(self) -> str:\n        return "overdraft"'), (),
                STR, written("str")),),
        (attribute("shortfall", INT, written("int"), md("@property\n    def shortfall"),
                   readonly=True),),
        **identity("class_forms.models.OverdraftError"))


def test_constants_and_module_functions(modules: Any) -> None:
    models = modules[0]["class_forms.models"]
    # Shape is re-exported from class_forms.shapes (same package); AccountAlias is Account under
    # another name (passes/exports.py makes both aliases of one wrapper).
    assert [item.name for item in models.classes] == [
        "Shape", "Account", "Entry", "SavingsAccount", "Money", "Options", "Config", "Color",
        "Level", "Perm", "Mode", "Odd", "LedgerError", "OverdraftError", "AccountAlias"]
    assert models.classes[-1] == dataclasses.replace(classes(models)["Account"],
                                                     name="AccountAlias")

    def constant(name: str, pytype: Optional[PyType], source: TypeSource,
                 readonly: bool, line_text: str = "") -> Attribute:
        return Attribute(name, pytype, source, statement(line_text or name), readonly=readonly)
    missing = TypeSource("missing")
    # Imported names (sep, PI_IMPORTED, Shape) are not constants; ALL_CAPS ones are readonly.
    assert models.constants == (
        constant("MAX_ACCOUNTS", None, missing, True),
        constant("RATE", FLOAT, written("float"), True),
        constant("VERSION", None, written("Final"), True),
        constant("LIMIT", INT, written("Final[int]"), True),
        constant("default_currency", STR, written("str"), False),
        constant("counter", None, missing, False),
        constant("registry", named("builtins.dict", STR, ACCOUNT), written("Dict[str, Account]"),
                 False),
        constant("DEFAULT_ACCOUNT", None, missing, True),
        constant("first", None, missing, False),
        constant("SECOND", None, missing, True, "first, SECOND"),
    )
    money = written("Money")
    overloads = (
        method("parse", md("@overload\ndef parse(text: str)"),
               (param("text", STR, written("str")),), MONEY, money, "function"),
        method("parse", md("@overload\ndef parse(text: bytes"),
               (param("text", BYTES, written("bytes")), param("currency", STR, written("str"))),
               MONEY, money, "function"))
    assert models.functions[0] == dataclasses.replace(method(
        "parse", md("def parse(text: Union"),
        (param("text", named("typing.Union", STR, BYTES), written("Union[str, bytes]")),
         param("currency", STR, written("str"), default=True)),
        MONEY, money, "function", "Parses an amount.", overloads),
        qualname="class_forms.models.parse")
    assert [item.name for item in models.functions] == ["parse", "locate"]


# -- class_forms.modern: Python 3.11+ --------------------------------------------------------------


@pytest.mark.skipif(not HAS_OVERLOADS, reason="class_forms.modern needs Python 3.11")
def test_strenum_required_keys_and_self(modules: Any) -> None:
    modern = classes(modules[0]["class_forms.modern"])

    def mo(text: str) -> Location:
        return at("modern.py", text)
    assert modern["Suit"] == Class(
        "Suit", "enum", mo("class Suit("), "", ("enum.StrEnum",),
        members=(EnumMember("HEARTS", "hearts", "'hearts'"),
                 EnumMember("SPADES", "spades", "'spades'")),
        enum_base="enum.StrEnum",
        **identity("class_forms.modern.Suit"))
    assert modern["Movie"] == Class(
        "Movie", "typeddict", mo("class Movie("), "", (), None, (),
        (attribute("title", STR, evaluated("str"), mo("    title: str\n    year")),
         attribute("year", INT, evaluated("typing.NotRequired[int]"), mo("    year:"),
                   required=False)),
        **identity("class_forms.modern.Movie"))
    assert modern["Draft"] == Class(
        "Draft", "typeddict", mo("class Draft("), "", (), None, (),
        (attribute("title", STR, evaluated("typing.Required[str]"), mo("    title: Required")),
         attribute("notes", STR, evaluated("str"), mo("    notes:"), required=False)),
        total=False,
        **identity("class_forms.modern.Draft"))
    builder = named("class_forms.modern.Builder")
    self_source = evaluated("typing.Self")
    union = named("typing.Union", INT, STR)
    assert modern["Builder"] == Class(
        "Builder", "class", mo("class Builder:"), "Returns itself.", (), init(mo("class Builder:")),
        (method("add", mo("def add("), (param("item", INT, evaluated("int")),), builder,
                self_source),
         method("create", mo("@classmethod"), (), builder, self_source, "classmethod"),
         method("many", mo("def many("),
                (param("others", named("builtins.list", builder), evaluated("list[typing.Self]")),),
                named("builtins.list", builder), evaluated("list[typing.Self]")),
         method("get", mo("def get(self, key: \"int | str\")"),
                (param("key", union, written("int | str")),), union, written("int | str"),
                overloads=(
                    method("get", mo("@overload\n    def get(self, key: int)"),
                           (param("key", INT, evaluated("int")),), INT, evaluated("int")),
                    method("get", mo("@overload\n    def get(self, key: str)"),
                           (param("key", STR, evaluated("str")),), STR, evaluated("str"))))),
        **identity("class_forms.modern.Builder"))


# -- the runner on every interpreter ------------------------------------------------------------


@pytest.mark.parametrize("minor", MINORS)
def test_runner_gives_the_documented_ir_on_every_version(minor: int, modules: Any) -> None:
    python = python_for(minor)
    if python is None:
        pytest.skip(missing(minor))
    names = MODULES + (["class_forms.modern"] if minor >= 11 else [])
    result = run_introspection(python, names, [FIXTURES], timeout=120)
    assert result.diagnostics == ()
    assert [module.name for module in result.api.modules] == names
    for module in result.api.modules:
        if module.name not in modules[0]:
            continue  # class_forms.modern, when this process runs Python < 3.11
        expected = modules[0][module.name]
        if minor < 11 or not HAS_OVERLOADS:
            expected, module = without_overloads(expected), without_overloads(module)
        assert module == expected


def without_overloads(module: Module) -> Module:
    def plain(function: Function) -> Function:
        return dataclasses.replace(function, overloads=())
    return dataclasses.replace(
        module, functions=tuple(plain(item) for item in module.functions),
        classes=tuple(dataclasses.replace(item, methods=tuple(plain(m) for m in item.methods))
                      for item in module.classes))

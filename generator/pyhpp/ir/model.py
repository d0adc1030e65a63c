"""The pyhpp IR: frozen dataclasses describing a Python API and, after the passes, its C++ shape.

The model is versioned (SCHEMA_VERSION) and JSON round-trippable (see ir/serialize.py).
Types are trees (PyType for the Python side, CppType for the C++ side), never strings.
Introspection fills the Python side; passes fill the `cpp_*` fields with dataclasses.replace.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Optional, Tuple, Union

from .kinds import Kind

SCHEMA_VERSION = 5


@dataclass(frozen=True)
class Location:
    """Where an item was defined: a path relative to its sys.path entry ('/' separated), a line."""

    file: str
    line: int = 0

    def __str__(self) -> str:
        return f"{self.file}:{self.line}" if self.line else self.file


# ---------------------------------------------------------------------------------------------
# Python types: a tree. Names are fully qualified names of the resolved objects.
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class NamedType:
    """A class or typing construct, e.g. builtins.int, typing.Optional, collections.abc.Sequence.

    `args` are the subscription arguments (list[int] -> NamedType('builtins.list', (int,))).
    Union written as `A | B` is NamedType('typing.Union', (A, B)).
    """

    qualname: str
    args: Tuple["PyType", ...] = ()


@dataclass(frozen=True)
class NoneType:
    """`None` (or `type(None)`) in an annotation."""


@dataclass(frozen=True)
class EllipsisType:
    """The `...` in tuple[int, ...] or Callable[..., R]."""


@dataclass(frozen=True)
class LiteralValue:
    """One argument of Literal[...]: an int, str, bool or None written in the annotation."""

    value: Union[int, str, bool, None]


@dataclass(frozen=True)
class ListOfTypes:
    """A bracketed list of types inside a subscription: the [A, B] of Callable[[A, B], R]."""

    items: Tuple["PyType", ...] = ()


@dataclass(frozen=True)
class TypeVarType:
    """A typing.TypeVar, with its bound and constraints when it has them."""

    name: str
    bound: Optional["PyType"] = None
    constraints: Tuple["PyType", ...] = ()


@dataclass(frozen=True)
class UnresolvedType:
    """An annotation introspection could not resolve; `reason` says why, `text` is the source."""

    text: str
    reason: str


@dataclass(frozen=True)
class RecursiveType:
    """Where a recursive type alias (`Json = Union[int, List["Json"]]`) refers to itself."""

    text: str


PyType = Union[
    NamedType, NoneType, EllipsisType, LiteralValue, ListOfTypes, TypeVarType, UnresolvedType,
    RecursiveType,
]


@dataclass(frozen=True)
class TypeSource:
    """Where a type came from.

    kind: 'annotation' (an evaluated annotation object), 'string' (a string annotation or one
    under `from __future__ import annotations`, parsed without evaluating it), 'stub' (a `.pyi`
    file: `location` says where), 'missing' (no annotation at all). `text` is the annotation as
    written (or its repr for objects).
    """

    kind: str
    text: str = ""
    location: Optional[Location] = None  # stubs: the stub file and line


# ---------------------------------------------------------------------------------------------
# C++ types: a tree filled by passes/typemap.py. `kind` names a codec of the runtime.
# ---------------------------------------------------------------------------------------------

# The kinds, with their C++ spellings, codecs and headers: ir/kinds.py.
CPP_KINDS = tuple(k.value for k in Kind)


@dataclass(frozen=True)
class CppType:
    kind: str
    args: Tuple["CppType", ...] = ()
    name: str = ""  # instance / enum / struct: the C++ qualified name ("::py::shop::Item")
    ref: str = ""  # instance / enum / struct: the Python qualified name ("shop.Item")
    values: Tuple[Union[int, str, bool], ...] = ()  # literal: the allowed values


# ---------------------------------------------------------------------------------------------
# API items.
# ---------------------------------------------------------------------------------------------

PARAMETER_KINDS = (
    "positional_only",
    "positional_or_keyword",
    "var_positional",
    "keyword_only",
    "var_keyword",
)


@dataclass(frozen=True)
class Parameter:
    name: str
    kind: str  # one of PARAMETER_KINDS
    has_default: bool = False
    type: Optional[PyType] = None  # None when there is no annotation
    type_source: TypeSource = TypeSource("missing")
    cpp_name: str = ""
    cpp_type: Optional[CppType] = None


@dataclass(frozen=True)
class Generic:
    """A function generic in unbounded TypeVars as C++ callers see it: a function template whose
    template parameters stand for the TypeVars, converting through the pyhpp::object signature
    (filled by passes/typemap.py)."""

    names: Tuple[str, ...]  # the C++ template parameters, in order of first use
    parameters: Tuple[CppType, ...]  # per parameter, with "typevar" kinds where the TypeVars are
    returns: CppType
    # Per parameter: whether it only repeats template parameters an earlier one deduces.
    repeated: Tuple[bool, ...] = ()


@dataclass(frozen=True)
class Function:
    name: str
    location: Optional[Location] = None
    doc: str = ""
    parameters: Tuple[Parameter, ...] = ()
    returns: Optional[PyType] = None  # None when there is no annotation
    returns_source: TypeSource = TypeSource("missing")
    # False when inspect.signature failed: the wrapper then takes *args/**kwargs of objects.
    signature_known: bool = True
    # 'function' (module level), 'method' (self first, not listed in parameters), 'classmethod'
    # (cls not listed), 'staticmethod'.
    binding: str = "function"
    # For @typing.overload sets: the signatures of each overload, in order (empty otherwise).
    overloads: Tuple["Function", ...] = ()
    cpp_name: str = ""
    cpp_returns: Optional[CppType] = None
    # The function object's identity, '<module>.<qualname>' where that name reaches it again
    # ('' when it does not, e.g. a lambda): modules that re-export it share one wrapper.
    qualname: str = ""
    # Methods: the qualified name of the class whose body defines it ('' for the class itself).
    # Members inherited from bases are listed with the class that defines them.
    defined_in: str = ""
    # 'coroutine' for `async def`, 'async_generator' for an async generator ('' otherwise).
    async_kind: str = ""
    # Why the wrapper cannot call it yet: its C++ wrapper raises pyhpp::not_implemented_error
    # with this text instead (filled by passes/typemap.py).
    unsupported: str = ""
    generic: Optional[Generic] = None


@dataclass(frozen=True)
class Attribute:
    """A typed value: a property, an annotated class attribute, a dataclass / NamedTuple /
    TypedDict field, or a module-level constant or variable."""

    name: str
    type: Optional[PyType] = None
    type_source: TypeSource = TypeSource("missing")
    location: Optional[Location] = None
    doc: str = ""
    readonly: bool = False  # property without setter, frozen dataclass, NamedTuple, Final
    has_default: bool = False  # a dataclass / NamedTuple field with a default
    required: bool = True  # TypedDict: False for NotRequired keys and total=False classes
    cpp_name: str = ""
    cpp_type: Optional[CppType] = None
    # Properties: the qualified name of the class whose body defines it ('' for the class).
    defined_in: str = ""


@dataclass(frozen=True)
class EnumMember:
    """One member of an enum.Enum subclass. `value` is the member's value when it is an int,
    str or bool (else None, with `value_repr` its repr)."""

    name: str
    value: Union[int, str, bool, None] = None
    value_repr: str = ""
    cpp_name: str = ""


class ClassKind(str, enum.Enum):
    """What a Python class becomes in C++. A kind compares equal to its name ("class"), which is
    what the JSON form holds."""

    CLASS = "class"  # an ordinary class (handle semantics in C++)
    DATACLASS = "dataclass"  # @dataclasses.dataclass: a class with a constructor from its fields
    NAMEDTUPLE = "namedtuple"  # typing.NamedTuple: a C++ value struct
    TYPEDDICT = "typeddict"  # typing.TypedDict: a C++ value struct
    ENUM = "enum"  # enum.Enum and subclasses: an enum class
    EXCEPTION = "exception"  # a BaseException subclass: a C++ exception class

    def __str__(self) -> str:
        return self.value


CLASS_KINDS = tuple(k.value for k in ClassKind)


@dataclass(frozen=True)
class Class:
    """A public class of a module, exported under `name`.

    Methods and properties are every public one a Python user reaches on the class, inherited
    ones included (each says where it is defined); fields are the class's own."""

    name: str
    kind: str  # one of CLASS_KINDS
    location: Optional[Location] = None
    doc: str = ""
    # Fully qualified names of the direct bases, in MRO order, without `object`.
    bases: Tuple[str, ...] = ()
    # The signature of __init__ (or __new__) without self; None when it has none of its own.
    constructor: Optional[Function] = None
    # Public methods and special methods (__len__, __eq__, ...), inherited ones included.
    methods: Tuple[Function, ...] = ()
    attributes: Tuple[Attribute, ...] = ()
    members: Tuple[EnumMember, ...] = ()  # enums only
    # enums: the enum base that decides the C++ shape: 'enum.Enum', 'enum.IntEnum',
    # 'enum.StrEnum', 'enum.Flag' or 'enum.IntFlag'.
    enum_base: str = ""
    frozen: bool = False  # a frozen dataclass: fields have no setters
    total: bool = True  # TypedDict
    cpp_name: str = ""
    # The base whose C++ wrapper this class derives from (filled by passes/inherit.py).
    cpp_base: str = ""
    # The class's identity: the public '<module>.<qualname>' annotations name it by. Modules
    # that export the same class share one wrapper (see passes/exports.py).
    qualname: str = ""
    # Where Python says the class lives (__module__, __qualname__), which may be a private
    # module ('dateutil.parser._parser') or a nested name; the runtime matches these.
    runtime_module: str = ""
    runtime_qualname: str = ""
    # A class only a stub describes (introspect/structural.py): no Python class is looked up;
    # members are called by name and an instance is any object with its methods.
    structural: bool = False


@dataclass(frozen=True)
class Other:
    """A public name that is not (yet) wrapped as a function: kind is 'class', 'variable', ..."""

    name: str
    kind: str
    location: Optional[Location] = None


@dataclass(frozen=True)
class Alias:
    """A class a module re-exports whose wrapper lives in another module of the binding
    target: `target` is its identity (Class.qualname)."""

    name: str
    target: str
    location: Optional[Location] = None
    cpp_name: str = ""


@dataclass(frozen=True)
class Skipped:
    """A public name of a module that is not wrapped, and why."""

    name: str
    reason: str


@dataclass(frozen=True)
class Module:
    name: str
    location: Optional[Location] = None
    doc: str = ""
    functions: Tuple[Function, ...] = ()
    classes: Tuple[Class, ...] = ()
    constants: Tuple[Attribute, ...] = ()  # module-level variables, read when accessed
    others: Tuple[Other, ...] = ()
    aliases: Tuple[Alias, ...] = ()
    skipped: Tuple[Skipped, ...] = ()
    cpp_namespace: Tuple[str, ...] = ()  # filled by passes/naming.py


@dataclass(frozen=True)
class Api:
    """The root: every module of one generation run, and the target interpreter's version."""

    python_version: str  # "3.11"
    modules: Tuple[Module, ...] = ()
    schema_version: int = SCHEMA_VERSION

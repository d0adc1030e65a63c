"""Describes classes as IR Classes: kind, bases, constructor, methods, attributes, enum members.

Runs inside the target interpreter: standard library only, Python 3.8 compatible.
Methods and properties are every public one the class has, inherited ones included, resolved
in MRO order as Python resolves them (each records the class that defines it, so a pass can
drop those a C++ base class provides); `object`, builtin types and the typing machinery
contribute none. Fields (dataclass, NamedTuple, annotated attributes) are the class's own,
except that a TypedDict lists all its keys (the TypedDict machinery merges the bases' keys into
the class and drops the bases themselves before 3.12). The constructor is whatever calling the
class takes, inherited or not.
"""

from __future__ import annotations

import ast
import dataclasses
import enum
import functools
import inspect
import sys
import types
import typing
from typing import Any, Callable, Dict, FrozenSet, List, Mapping, Optional, Tuple

from pyhpp.diagnostics import Diagnostic
from pyhpp.introspect.annotations import convert_member_annotation
from pyhpp.introspect.functions import (
    describe_constructor,
    describe_function,
    module_globals,
    own_doc,
    unwrap,
)
from pyhpp.introspect.locations import (
    assignment_lines,
    class_location,
    class_node,
    code_file,
    function_location,
)
from pyhpp.introspect.typenames import class_qualname
from pyhpp.ir.model import Attribute, Class, EnumMember, Function, Location

# Special methods that are wrapped like public ones (others, and all private names, are not).
SPECIAL_METHODS = frozenset("""
    __call__ __len__ __iter__ __next__ __getitem__ __setitem__ __delitem__ __contains__
    __eq__ __ne__ __lt__ __le__ __gt__ __ge__ __hash__ __bool__ __repr__ __str__
    __enter__ __exit__ __add__ __sub__ __mul__ __truediv__ __floordiv__ __mod__
    __neg__ __pos__ __abs__ __and__ __or__ __xor__ __invert__ __lshift__ __rshift__
    __iadd__ __isub__ __imul__
""".split())

# Checked in this order: IntFlag is both a Flag and an int.
_ENUM_BASES = [(getattr(enum, name, None), "enum." + name)
               for name in ("IntFlag", "Flag", "IntEnum", "StrEnum")]
_IS_TYPEDDICT: Optional[Callable[[Any], bool]] = getattr(typing, "is_typeddict", None)  # 3.10+
_CACHED_PROPERTY: Optional[type] = getattr(functools, "cached_property", None)  # 3.8+
# Bases that only implement the typing machinery: not part of the class's C++ shape.
_SYNTHETIC_BASES = {
    "namedtuple": ("builtins.tuple",),
    "typeddict": ("builtins.dict",),
}
_NOT_BASES = ("builtins.object", "typing.Generic")


def class_kind(cls: type) -> str:
    """One of model.CLASS_KINDS."""
    if issubclass(cls, enum.Enum):
        return "enum"
    if issubclass(cls, BaseException):
        return "exception"
    if dataclasses.is_dataclass(cls):
        return "dataclass"
    if issubclass(cls, tuple) and isinstance(getattr(cls, "_fields", None), tuple):
        return "namedtuple"
    if _is_typeddict(cls):
        return "typeddict"
    return "class"


def _is_typeddict(cls: type) -> bool:
    if _IS_TYPEDDICT is not None:
        return bool(_IS_TYPEDDICT(cls))
    # 3.8: typing.TypedDict makes dict subclasses with these two attributes.
    return (issubclass(cls, dict) and isinstance(getattr(cls, "__total__", None), bool)
            and isinstance(getattr(cls, "__annotations__", None), dict))


class _Context:
    """What describing one class needs everywhere: names for diagnostics, the namespace."""

    def __init__(self, cls: type, module: types.ModuleType) -> None:
        self.cls = cls
        self.module = module
        self.qualified = class_qualname(cls)
        self.globalns: Mapping[str, Any] = module_globals(cls, module)
        self.node = class_node(cls)  # None without source
        self.location = class_location(cls, self.node)
        self.diagnostics: List[Diagnostic] = []
        self.lines: Dict[str, int] = {}
        if self.node is not None:
            self.lines = assignment_lines(self.node.body)
        # (name, body value, defining class) of every name the MRO binds, walked once.
        self.members = _resolved_members(cls)

    def member_location(self, name: str) -> Optional[Location]:
        line = self.lines.get(name)
        if line is None or self.location is None:
            return self.location
        return Location(self.location.file, line)

    def guarded(self, what: str, action: Callable[[], Any]) -> Any:
        """action(), or None plus an error diagnostic: one odd member must not lose the class."""
        try:
            return action()
        except Exception as exc:
            self.diagnostics.append(Diagnostic(
                "error", f"cannot introspect {self.qualified}.{what}: "
                         + " ".join(f"{type(exc).__name__}: {exc}".split()), self.location))
            return None

    def annotation(self, name: str, annotation: Any, globalns: Optional[Mapping[str, Any]] = None
                   ) -> Tuple[Any, Any, FrozenSet[str]]:
        """(type, type_source, qualifiers) of a member annotation."""
        pytype, source, qualifiers, found = convert_member_annotation(
            annotation, self.globalns if globalns is None else globalns, self.location,
            f"type of {self.qualified + '.' + name!r}", self.qualified)
        self.diagnostics.extend(found)
        return pytype, source, qualifiers


def describe_class(name: str, cls: type, module: types.ModuleType
                   ) -> Tuple[Class, List[Diagnostic]]:
    """The Class for `cls`, exported by `module` as `name`."""
    kind = class_kind(cls)
    context = _Context(cls, module)
    constructor = None
    if kind not in ("enum", "typeddict"):
        constructor = context.guarded("__init__", lambda: _constructor(context))
    methods: Tuple[Function, ...] = ()
    if kind not in ("enum", "typeddict"):
        methods = _methods(context, kind)
    attributes: Tuple[Attribute, ...] = ()
    members: Tuple[EnumMember, ...] = ()
    if kind == "enum":
        members = _members(cls)
    else:
        attributes = _attributes(context, kind)
    params = getattr(cls, "__dataclass_params__", None)
    return Class(
        name=name,
        kind=kind,
        location=context.location,
        doc=_class_doc(context, kind),
        bases=_bases(cls, kind),
        constructor=constructor,
        methods=methods,
        attributes=attributes,
        members=members,
        enum_base=_enum_base(cls) if kind == "enum" else "",
        frozen=bool(getattr(params, "frozen", False)) if kind == "dataclass" else False,
        total=bool(getattr(cls, "__total__", True)) if kind == "typeddict" else True,
        qualname=context.qualified,
        runtime_module=str(getattr(cls, "__module__", "") or ""),
        runtime_qualname=cls.__qualname__,
    ), context.diagnostics


def _bases(cls: type, kind: str) -> Tuple[str, ...]:
    if kind == "typeddict":
        return ()  # before 3.12 the bases of a TypedDict are always just (dict,)
    skip = _NOT_BASES + _SYNTHETIC_BASES.get(kind, ())
    names = [class_qualname(base) for base in cls.__bases__]
    return tuple(name for name in names if name not in skip)


def _class_doc(context: _Context, kind: str) -> str:
    """The docstring written in the class body: not inherited, not generated.

    Dataclasses, NamedTuples and (before 3.11) enums get a generated __doc__ when the body has
    none; the source tells them apart, or else the generated text is recognised.
    """
    cls = context.cls
    doc = vars(cls).get("__doc__")
    if not isinstance(doc, str):
        return ""
    if context.node is not None:
        return inspect.cleandoc(doc) if ast.get_docstring(context.node) is not None else ""
    if doc in _generated_docs(cls, kind):
        return ""
    return inspect.cleandoc(doc)


def _generated_docs(cls: type, kind: str) -> List[str]:
    if kind == "enum":
        return ["An enumeration."]  # 3.8 - 3.10
    if kind == "namedtuple":
        return [f"{cls.__name__}({', '.join(getattr(cls, '_fields', ()))})"]
    if kind == "dataclass":
        try:  # what dataclasses.py writes
            return [cls.__name__ + str(inspect.signature(cls)).replace(" -> None", "")]
        except (ValueError, TypeError):
            return []
    return []


def _constructor(context: _Context) -> Function:
    function, found = describe_constructor(
        context.cls, context.module, context.location, context.qualified)
    context.diagnostics.extend(found)
    return function


# -- methods -----------------------------------------------------------------------------------


def _bound_function(obj: Any) -> Tuple[Optional[str], Any]:
    """(binding, plain function) for a class-body value that is a method, else (None, None)."""
    if isinstance(obj, staticmethod):
        return "staticmethod", obj.__func__
    if isinstance(obj, classmethod):
        return "classmethod", obj.__func__
    if isinstance(obj, types.ClassMethodDescriptorType):
        return "classmethod", obj  # a C class's classmethod (datetime.date.fromtimestamp)
    if _CACHED_PROPERTY is not None and isinstance(obj, _CACHED_PROPERTY):
        return None, None  # an attribute (inspect counts it as a method descriptor)
    if inspect.isroutine(obj):
        return "method", obj
    return None, None


def _is_generated(owner: type, function: Any) -> bool:
    """A method written by the dataclass / namedtuple machinery (exec'd code, or code from
    dataclasses.py, reprlib.py, collections/__init__.py) rather than in its class's file."""
    module = sys.modules.get(owner.__module__)
    filename = code_file(unwrap(function))
    return filename != getattr(module, "__file__", None)


def member_sources(cls: type) -> List[type]:
    """The classes whose bodies give `cls` its methods and properties, in MRO order: `cls` and
    its bases, without object, builtin types (dict, tuple, Exception...) and typing's
    machinery (Generic, Protocol)."""
    result = []
    for klass in getattr(cls, "__mro__", (cls,)):
        module = getattr(klass, "__module__", "")
        if klass is not cls and (module == "builtins" or module == "typing"
                                 or klass.__name__ == "Protocol"):
            continue
        result.append(klass)
    return result


def _resolved_members(cls: type) -> List[Tuple[str, Any, type]]:
    """(name, body value, defining class) of every name the MRO binds, first binding wins (a
    name set to a non-method, such as `__hash__ = None`, hides the bases' methods too)."""
    seen: Dict[str, Tuple[Any, type]] = {}
    order: List[str] = []
    for klass in getattr(cls, "__mro__", (cls,)):
        for name, obj in list(vars(klass).items()):
            if name not in seen:
                seen[name] = (obj, klass)
                order.append(name)
    sources = set(member_sources(cls))
    return [(name, seen[name][0], seen[name][1]) for name in order
            if seen[name][1] in sources]


def _methods(context: _Context, kind: str) -> Tuple[Function, ...]:
    methods: List[Function] = []
    for name, obj, owner in context.members:
        if name in ("__init__", "__new__"):
            continue
        if name.startswith("_") and name not in SPECIAL_METHODS:
            continue
        binding, function = _bound_function(obj)
        if binding is None:
            continue  # properties, values, nested classes, `__hash__ = None`
        if kind in ("dataclass", "namedtuple") and name.startswith("__") \
                and _is_generated(owner, function):
            continue
        defined_in = "" if owner is context.cls else class_qualname(owner)

        def describe(name: str = name, function: Any = function,
                     binding: Optional[str] = binding, defined_in: str = defined_in,
                     owner: type = owner) -> Function:
            module = sys.modules.get(owner.__module__, context.module)
            item, found = describe_function(
                name, function, module, typing.cast(str, binding), context.cls,
                f"{context.qualified}.{name}")
            context.diagnostics.extend(found)
            return dataclasses.replace(item, defined_in=defined_in)

        method = context.guarded(name, describe)
        if method is not None:
            methods.append(method)
    return tuple(methods)


# -- attributes --------------------------------------------------------------------------------


def _own_annotations(cls: type) -> Dict[str, Any]:
    # vars(), not getattr: before 3.10 a class without annotations shows its base's.
    annotations = vars(cls).get("__annotations__")
    return dict(annotations) if isinstance(annotations, dict) else {}


def _attributes(context: _Context, kind: str) -> Tuple[Attribute, ...]:
    cls = context.cls
    if kind == "typeddict":
        fields = _typeddict_keys(context)
    elif kind == "namedtuple":
        fields = _namedtuple_fields(context)
    elif kind == "dataclass":
        fields = _dataclass_fields(context)
    else:
        fields = _annotated_attributes(context)
    attributes = [item for item in fields if item is not None]
    if kind in ("typeddict", "namedtuple"):
        # A value struct holds the fields only: a property of a NamedTuple (urllib.parse's
        # SplitResult.port) is computed by Python, and is no field of the tuple.
        return tuple(attributes)
    names = {item.name for item in attributes}
    for name, obj, owner in context.members:
        if name.startswith("_") or name in names:
            continue
        if isinstance(obj, property) or (
                _CACHED_PROPERTY is not None and isinstance(obj, _CACHED_PROPERTY)):
            defined_in = "" if owner is cls else class_qualname(owner)
            item = context.guarded(name, lambda name=name, obj=obj, owner=owner: _property(
                context, name, obj, sys.modules.get(owner.__module__, context.module)))
            if item is not None:
                attributes.append(dataclasses.replace(item, defined_in=defined_in))
        elif inspect.ismemberdescriptor(obj) or inspect.isgetsetdescriptor(obj):
            # Data of a class written in C (re.Match.pos, datetime.date.year) or a __slots__
            # entry: typed by the stub, if any. Python cannot tell whether C data is writable,
            # so it is read-only unless it is a slot of a Python class.
            slots = vars(owner).get("__slots__", ())
            writable = name in ((slots,) if isinstance(slots, str) else tuple(slots))
            attributes.append(Attribute(
                name=name, location=context.member_location(name), doc=own_doc(obj),
                readonly=not writable, defined_in="" if owner is cls else class_qualname(owner)))
    return tuple(attributes)


def _field(context: _Context, name: str, annotation: Any, readonly: bool = False,
           has_default: bool = False, required: bool = True) -> Optional[Attribute]:
    """An annotated attribute or key; None for a ClassVar. Qualifiers in the annotation
    (Final, ReadOnly, Required, NotRequired) override `readonly` and `required`."""
    def describe() -> Optional[Attribute]:
        pytype, source, qualifiers = context.annotation(name, annotation)
        if "typing.ClassVar" in qualifiers:
            return None
        if "typing.NotRequired" in qualifiers or "typing.Required" in qualifiers:
            is_required = "typing.Required" in qualifiers
        else:
            is_required = required
        is_readonly = readonly or "typing.Final" in qualifiers or "typing.ReadOnly" in qualifiers
        return Attribute(name=name, type=pytype, type_source=source,
                         location=context.member_location(name), readonly=is_readonly,
                         has_default=has_default, required=is_required)
    return typing.cast(Optional[Attribute], context.guarded(name, describe))


def _annotated_attributes(context: _Context) -> List[Optional[Attribute]]:
    """Class-level annotations: has_default when the class body assigns a value."""
    cls = context.cls
    return [_field(context, name, annotation, has_default=name in vars(cls))
            for name, annotation in _own_annotations(cls).items()]


def _dataclass_fields(context: _Context) -> List[Optional[Attribute]]:
    cls = context.cls
    own = _own_annotations(cls)
    frozen = bool(getattr(getattr(cls, "__dataclass_params__", None), "frozen", False))
    result = []
    for field in dataclasses.fields(cls):
        if field.name not in own:
            continue  # inherited: listed by the base class
        has_default = (field.default is not dataclasses.MISSING
                       or field.default_factory is not dataclasses.MISSING)
        result.append(_field(context, field.name, own[field.name], readonly=frozen,
                             has_default=has_default))
    return result


def _namedtuple_fields(context: _Context) -> List[Optional[Attribute]]:
    cls = context.cls
    annotations: Dict[str, Any] = {}
    for klass in cls.__mro__:  # a plain subclass of a NamedTuple has no annotations itself
        if "_fields" in vars(klass):
            annotations = _own_annotations(klass)
            break
    defaults = getattr(cls, "_field_defaults", {}) or {}
    return [_field(context, name, annotations.get(name, inspect.Parameter.empty),
                   readonly=True, has_default=name in defaults)
            for name in cls._fields]  # type: ignore[attr-defined]


def _typeddict_keys(context: _Context) -> List[Optional[Attribute]]:
    cls = context.cls
    annotations = getattr(cls, "__annotations__", {}) or {}
    required_keys = getattr(cls, "__required_keys__", None)  # 3.9+
    total = bool(getattr(cls, "__total__", True))
    return [_field(context, name, annotation,
                   required=(name in required_keys) if required_keys is not None else total)
            for name, annotation in annotations.items()]


def _property(context: _Context, name: str, obj: Any, module: types.ModuleType) -> Attribute:
    """A property (readonly without setter) or a functools.cached_property (readonly: setting
    one only replaces the cached value); typed by the getter's return annotation."""
    getter = obj.fget if isinstance(obj, property) else obj.func
    location = context.member_location(name)
    annotation: Any = inspect.Parameter.empty
    globalns = None
    if getter is not None:
        target = unwrap(getter)
        location = function_location(target, module) or location
        globalns = getattr(target, "__globals__", None)
        try:
            annotation = inspect.signature(getter).return_annotation
        except (ValueError, TypeError):
            pass
    pytype, source, _ = context.annotation(name, annotation, globalns)
    return Attribute(name=name, type=pytype, type_source=source, location=location,
                     doc=own_doc(obj),
                     readonly=not isinstance(obj, property) or obj.fset is None)


# -- enums -------------------------------------------------------------------------------------


def _members(cls: Any) -> Tuple[EnumMember, ...]:
    """The members in definition order, aliases left out."""
    members = []
    for name, member in cls.__members__.items():
        if member.name != name:
            continue  # an alias of an earlier member
        value = member.value
        simple = type(value) in (int, str, bool)
        members.append(EnumMember(name=name, value=value if simple else None,
                                  value_repr=repr(value)))
    return tuple(members)


def _enum_base(cls: type) -> str:
    for base, name in _ENUM_BASES:
        if base is not None and issubclass(cls, base):
            return name
    return "enum.Enum"

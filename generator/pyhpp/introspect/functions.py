"""Describes routines as IR Functions: module functions, methods, constructors, overloads.

Runs inside the target interpreter: standard library only, Python 3.8 compatible.
`typing.get_overloads` exists from Python 3.11 on; before that Function.overloads stays empty
(the @overload stubs are gone at runtime and only the implementation is left).
"""

from __future__ import annotations

import inspect
import sys
import types
import typing
from typing import Any, List, Mapping, Optional, Tuple

from pyhpp.diagnostics import Diagnostic
from pyhpp.introspect.annotations import convert_annotation, convert_member_annotation
from pyhpp.introspect.locations import function_location
from pyhpp.introspect.typenames import class_qualname
from pyhpp.ir.model import PARAMETER_KINDS, Function, Location, Parameter, PyType, TypeSource

_GET_OVERLOADS: Any = getattr(typing, "get_overloads", None)  # 3.11+
_POSITIONAL = (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)


def own_doc(obj: Any) -> str:
    """The object's own docstring, cleaned (inspect.getdoc would also look in base classes)."""
    doc = getattr(obj, "__doc__", None)
    return inspect.cleandoc(doc) if isinstance(doc, str) else ""


def module_globals(obj: Any, fallback: types.ModuleType) -> Mapping[str, Any]:
    """The namespace string annotations of `obj` (a class or routine) are resolved in."""
    module = sys.modules.get(getattr(obj, "__module__", None) or "")
    return vars(module) if module is not None else vars(fallback)


def signature_parts(
    signature: inspect.Signature,
    globalns: Mapping[str, Any],
    where: Optional[Location],
    qualified: str,
    drop_first: bool = False,
    self_type: str = "",
) -> Tuple[Tuple[Parameter, ...], Tuple[Optional[PyType], TypeSource], List[Diagnostic]]:
    """(parameters, (returns, returns_source), diagnostics) of a signature; `drop_first` drops
    the self or cls parameter."""
    diagnostics: List[Diagnostic] = []
    items = list(signature.parameters.values())
    if drop_first and items and items[0].kind in _POSITIONAL:
        items = items[1:]
    parameters = []
    for parameter in items:
        kind = parameter.kind.name.lower()
        assert kind in PARAMETER_KINDS, kind
        # Qualifiers (Final in a dataclass's generated __init__) say nothing about the type.
        pytype, source, _, found = convert_member_annotation(
            parameter.annotation, globalns, where,
            f"parameter {parameter.name!r} of {qualified!r}", self_type)
        diagnostics.extend(found)
        parameters.append(Parameter(
            name=parameter.name,
            kind=kind,
            has_default=parameter.default is not inspect.Parameter.empty,
            type=pytype,
            type_source=source,
        ))
    returns, returns_source, found = convert_annotation(
        signature.return_annotation, globalns, where, f"return type of {qualified!r}",
        self_type)
    diagnostics.extend(found)
    return tuple(parameters), (returns, returns_source), diagnostics


def unwrap(function: Any) -> Any:
    """inspect.unwrap, tolerating __wrapped__ cycles."""
    try:
        return inspect.unwrap(function)
    except ValueError:  # a __wrapped__ cycle
        return function


def describe_function(
    name: str,
    function: Any,
    module: types.ModuleType,
    binding: str = "function",
    owner: Optional[type] = None,
    qualified: str = "",
    with_overloads: bool = True,
) -> Tuple[Function, List[Diagnostic]]:
    """A Function for a routine exported by `module` as `name`.

    For methods, `function` is the plain function (a classmethod's or staticmethod's
    __func__), `binding` says how it is bound and `owner` is the class: self or cls is dropped
    from the parameters, and typing.Self means `owner`. `qualified` names it in diagnostics
    (default: module.name).
    """
    target = unwrap(function)
    location = function_location(target, module)
    async_kind = ("coroutine" if inspect.iscoroutinefunction(target)
                  else "async_generator" if inspect.isasyncgenfunction(target) else "")
    if binding == "function":
        doc = inspect.getdoc(function) or ""
    else:
        doc = own_doc(function)
    qualified = qualified or f"{module.__name__}.{name}"
    overloads, diagnostics = (
        _overloads(name, function, module, binding, owner, qualified) if with_overloads
        else ((), []))
    try:
        signature = inspect.signature(function)
    except (ValueError, TypeError):
        return Function(name=name, location=location, doc=doc, signature_known=False,
                        binding=binding, overloads=overloads, async_kind=async_kind), diagnostics
    globalns = getattr(target, "__globals__", None) or module_globals(target, module)
    self_type = _self_type(owner)
    parameters, (returns, returns_source), found = signature_parts(
        signature, globalns, location, qualified,
        drop_first=binding in ("method", "classmethod"), self_type=self_type)
    diagnostics.extend(found)
    return Function(
        name=name,
        location=location,
        doc=doc,
        parameters=parameters,
        returns=returns,
        returns_source=returns_source,
        binding=binding,
        overloads=overloads,
        async_kind=async_kind,
    ), diagnostics


def _self_type(owner: Optional[type]) -> str:
    return "" if owner is None else class_qualname(owner)


def _overloads(
    name: str,
    function: Any,
    module: types.ModuleType,
    binding: str,
    owner: Optional[type],
    qualified: str,
) -> Tuple[Tuple[Function, ...], List[Diagnostic]]:
    """The @typing.overload signatures registered for `function` (3.11+), in order."""
    if _GET_OVERLOADS is None:
        return (), []
    try:
        registered = list(_GET_OVERLOADS(function))
    except Exception:  # an object the registry cannot key: no overloads
        return (), []
    described: List[Function] = []
    diagnostics: List[Diagnostic] = []
    for overload in registered:
        item, found = describe_function(name, overload, module, binding, owner, qualified,
                                        with_overloads=False)
        described.append(item)
        diagnostics.extend(found)
    return tuple(described), diagnostics


def describe_constructor(
    cls: type, module: types.ModuleType, location: Optional[Location], qualified: str
) -> Tuple[Function, List[Diagnostic]]:
    """The Function '__init__' (binding 'method') for calling `cls`: inspect.signature(cls).

    A class that inherits object's constructor gets one without parameters; one whose
    signature inspect cannot find (a subclass of a built-in exception) gets
    signature_known=False. The result type is left out: calling a class makes an instance.
    """
    provider = _constructor_provider(cls)
    own = vars(cls).get("__init__") if "__init__" in vars(cls) else vars(cls).get("__new__")
    own = getattr(own, "__func__", own)  # __new__ is a staticmethod
    if provider is cls and inspect.isfunction(own):
        own_location = function_location(unwrap(own), module)
        if own_location is not None and location is not None \
                and own_location.file == location.file:
            location = own_location  # not the generated __init__ of a dataclass
    if provider is object:
        return Function(name="__init__", location=location, binding="method"), []
    try:
        signature = inspect.signature(cls)
    except (ValueError, TypeError):
        return Function(name="__init__", location=location, binding="method",
                        signature_known=False), []
    parameters, _, diagnostics = signature_parts(
        signature.replace(return_annotation=inspect.Signature.empty),
        module_globals(provider, module),
        location, f"{qualified}.__init__", self_type=_self_type(cls))
    return Function(name="__init__", location=location, parameters=parameters,
                    binding="method"), diagnostics


def _constructor_provider(cls: type) -> type:
    """The first class of the MRO that defines __init__ or __new__ (object when none does).

    typing's classes (Generic, Protocol) are skipped: Generic has a __new__(*args, **kwds) on
    3.8 only, which would make the signature of a generic class depend on the version.
    """
    for klass in cls.__mro__:
        if klass is object:
            break
        if klass.__module__ == "typing":
            continue
        if "__init__" in vars(klass) or "__new__" in vars(klass):
            return klass
    return object

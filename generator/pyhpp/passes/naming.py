"""Pass: give every module, function and parameter a C++ name.

Rules, applied in order, so a name is renamed predictably:
1. Runs of underscores collapse to one and a leading underscore gets the prefix `py`
   (C++ reserves `__` anywhere and `_X` at the start): `__x` -> `py_x`.
2. A C++ keyword, a name that common headers define as a macro (`errno`, `EOF`, `NULL`, `unix`,
   `linux`, `min`, `max`, ...), a name the generated code uses itself, or a name starting with
   `pyhpp_` gets a trailing underscore: `class` -> `class_`, `max` -> `max_`.
Two Python names that end up with one C++ name in the same scope are an error.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Callable, Dict, Iterable, Optional, Tuple

from ..diagnostics import GenerationError
from ..ir.model import Api, Class, Function, Location, Module

CPP_KEYWORDS = frozenset(
    """
    alignas alignof and and_eq asm atomic_cancel atomic_commit atomic_noexcept auto bitand bitor
    bool break case catch char char8_t char16_t char32_t class compl concept const consteval
    constexpr constinit const_cast continue co_await co_return co_yield decltype default delete
    do double dynamic_cast else enum explicit export extern false float for friend goto if inline
    int long mutable namespace new noexcept not not_eq nullptr operator or or_eq private
    protected public reflexpr register reinterpret_cast requires return short signed sizeof
    static static_assert static_cast struct switch synchronized template this thread_local throw
    true try typedef typeid typename union unsigned using virtual void volatile wchar_t while
    xor xor_eq final override import module
    """.split()
)

# Names that system or standard headers define as macros on common platforms.
COMMON_MACROS = frozenset(
    """
    errno EOF NULL unix linux min max assert stdin stdout stderr offsetof setjmp va_arg va_start
    va_end va_copy TRUE FALSE BUFSIZ EXIT_SUCCESS EXIT_FAILURE RAND_MAX FILENAME_MAX L_tmpnam
    TMP_MAX SEEK_SET SEEK_CUR SEEK_END CHAR_BIT INT_MAX INT_MIN UINT_MAX LONG_MAX LONG_MIN
    SIZE_MAX PATH_MAX NAN INFINITY HUGE_VAL major minor makedev i386 __linux__ DEBUG NDEBUG
    errno_t isfinite isinf isnan signbit fpclassify
    """.split()
)

# Names the generated headers use in each module namespace and inside each wrapper.
GENERATED_NAMES = frozenset({"kw", "keywords", "detail", "codec", "std", "pyhpp"})

# Members of pyhpp::object (every class wrapper derives from it) that generic C++ code uses on
# any handle: a Python member of the same name gets a trailing underscore rather than hide them.
# Others (`str`, `repr`, `item`, ...) may be hidden: generated code reaches them through the
# base class.
OBJECT_MEMBERS = frozenset({"ptr", "release", "swap", "cast"})

_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def cpp_identifier(python_name: str) -> str:
    """The C++ name of a Python identifier (see the module docstring for the rules)."""
    if not _IDENTIFIER.match(python_name):
        raise ValueError(f"'{python_name}' is not an ASCII identifier")
    name = re.sub(r"_{2,}", "_", python_name)
    if name.startswith("_"):
        name = "py" + name
    if name in CPP_KEYWORDS or name in COMMON_MACROS or name in GENERATED_NAMES:
        name += "_"
    elif name.startswith("pyhpp_") and not name.endswith("_"):
        name += "_"
    return name


def _assign(
    names: Iterable[Tuple[str, Optional[Location]]], scope: str,
    identifier: Callable[[str], str] = cpp_identifier,
) -> Dict[str, str]:
    """Maps each Python name to its C++ name; raises on a collision within `scope`."""
    taken: Dict[str, Tuple[str, Optional[Location]]] = {}
    result: Dict[str, str] = {}
    for python_name, location in names:
        try:
            cpp = identifier(python_name)
        except ValueError as exc:
            raise GenerationError(f"{scope}: {exc}; C++ cannot name it", location) from None
        if cpp in taken and taken[cpp][0] != python_name:
            other, other_location = taken[cpp]
            where = f" (defined at {other_location})" if other_location else ""
            raise GenerationError(
                f"{scope}: Python names '{other}'{where} and '{python_name}' both map to the C++ "
                f"name '{cpp}'; rename one of them in Python",
                location,
            )
        taken[cpp] = (python_name, location)
        result[python_name] = cpp
    return result


def _name_function(function: Function, scope: str) -> Function:
    names = _assign(((p.name, function.location) for p in function.parameters), scope)
    parameters = tuple(
        dataclasses.replace(p, cpp_name=names[p.name]) for p in function.parameters
    )
    overloads = tuple(_name_function(dataclasses.replace(o, cpp_name=function.cpp_name), scope)
                      for o in function.overloads)
    return dataclasses.replace(function, parameters=parameters, overloads=overloads)


def _member_identifier(python_name: str) -> str:
    name = cpp_identifier(python_name)
    return name + "_" if name in OBJECT_MEMBERS else name


def _name_class(c: Class, cpp_name: str, module: Module) -> Class:
    scope = f"{module.name}.{c.name}"
    if c.kind == "enum":
        names = _assign(((m.name, c.location) for m in c.members), f"enum {scope}")
        members = tuple(dataclasses.replace(m, cpp_name=names[m.name]) for m in c.members)
        return dataclasses.replace(c, cpp_name=cpp_name, members=members)
    # Members share one C++ scope: methods, attribute getters and the setters `set_<name>`.
    public = [f for f in c.methods if not f.name.startswith("__")]
    entries = [(f.name, f.location) for f in public]
    entries += [(a.name, a.location or c.location) for a in c.attributes]
    names = _assign(entries, f"class {scope}", _member_identifier)
    setters = {a.name: f"set_{names[a.name]}" for a in c.attributes if not a.readonly}
    clashes = set(setters.values()) & set(names.values())
    if clashes:
        raise GenerationError(
            f"class {scope}: the setter '{sorted(clashes)[0]}' of an attribute collides with a "
            "member of the same name; rename one of them in Python", c.location)
    if cpp_name in names.values():
        raise GenerationError(
            f"class {scope}: a member has the class's own name '{cpp_name}', which C++ reserves "
            "for constructors; rename it in Python", c.location)
    methods = tuple(
        _name_function(dataclasses.replace(f, cpp_name=names.get(f.name, f.name)),
                       f"{scope}.{f.name}()")
        for f in c.methods
    )
    attributes = tuple(dataclasses.replace(a, cpp_name=names[a.name]) for a in c.attributes)
    constructor = (_name_function(dataclasses.replace(c.constructor, cpp_name=cpp_name),
                                  f"{scope}()")
                   if c.constructor is not None else None)
    return dataclasses.replace(c, cpp_name=cpp_name, methods=methods, attributes=attributes,
                               constructor=constructor)


def name_module(module: Module, namespace: Tuple[str, ...]) -> Module:
    parts = _assign(((part, module.location) for part in module.name.split(".")), module.name)
    cpp_namespace = tuple(namespace) + tuple(parts[p] for p in module.name.split("."))
    # Functions, classes and constants share the module's C++ namespace.
    entries = [(f.name, f.location) for f in module.functions]
    entries += [(c.name, c.location) for c in module.classes]
    entries += [(a.name, a.location) for a in module.constants]
    names = _assign(entries, f"module {module.name}")
    functions = tuple(
        _name_function(dataclasses.replace(f, cpp_name=names[f.name]),
                       f"{module.name}.{f.name}()")
        for f in module.functions
    )
    classes = tuple(_name_class(c, names[c.name], module) for c in module.classes)
    constants = tuple(dataclasses.replace(a, cpp_name=names[a.name]) for a in module.constants)
    return dataclasses.replace(module, cpp_namespace=cpp_namespace, functions=functions,
                               classes=classes, constants=constants)


def run(api: Api, namespace: Tuple[str, ...]) -> Api:
    for part in namespace:
        try:
            usable = cpp_identifier(part) == part
        except ValueError:
            usable = False
        if not usable:
            raise GenerationError(f"namespace component '{part}' is not usable as a C++ name")
    return dataclasses.replace(api, modules=tuple(name_module(m, namespace) for m in api.modules))

"""View models of class members that are more than a call by name: special methods (through
Python's protocols, as operators or named members), rich comparisons, and declarations adapted
to types that are incomplete inside the class."""

from __future__ import annotations

from dataclasses import dataclass
from typing import List, Tuple

from ..ir.model import Class, CppType, Function, Module
from ..passes import members
from . import cpp
from .cpp import Spellings
from .views import FunctionView, OverloadView, function_view, strip_default

# Special methods that go through Python's protocol (so reflected operators, NotImplemented
# and len()'s checks behave as in Python): Python name -> (kind, C API function).
PROTOCOLS = {
    "__len__": ("length", ""), "__contains__": ("contains", ""),
    "__getitem__": ("get_item", ""), "__setitem__": ("set_item", ""),
    "__delitem__": ("del_item", ""),
    "__add__": ("binary", "PyNumber_Add"), "__sub__": ("binary", "PyNumber_Subtract"),
    "__mul__": ("binary", "PyNumber_Multiply"), "__truediv__": ("binary", "PyNumber_TrueDivide"),
    "__mod__": ("binary", "PyNumber_Remainder"), "__and__": ("binary", "PyNumber_And"),
    "__or__": ("binary", "PyNumber_Or"), "__xor__": ("binary", "PyNumber_Xor"),
    "__lshift__": ("binary", "PyNumber_Lshift"), "__rshift__": ("binary", "PyNumber_Rshift"),
    "__neg__": ("unary", "PyNumber_Negative"), "__pos__": ("unary", "PyNumber_Positive"),
    "__invert__": ("unary", "PyNumber_Invert"),
    "__iadd__": ("inplace", "PyNumber_InPlaceAdd"),
    "__isub__": ("inplace", "PyNumber_InPlaceSubtract"),
    "__imul__": ("inplace", "PyNumber_InPlaceMultiply"),
}

# Rich comparisons: through PyObject_RichCompareBool, so reflected methods work as in Python.
COMPARISONS = {"__eq__": ("==", "Py_EQ"), "__ne__": ("!=", "Py_NE"), "__lt__": ("<", "Py_LT"),
               "__le__": ("<=", "Py_LE"), "__gt__": (">", "Py_GT"), "__ge__": (">=", "Py_GE")}


@dataclass
class ComparisonView:
    operator: str  # "=="
    op: str  # "Py_EQ"
    other: str  # the C++ parameter type
    other_codec: str
    display: str


def member(view: FunctionView, defaults: bool = True) -> FunctionView:
    """Adapts a member's declarations to the types incomplete inside its class. The keyword
    struct is defined after the classes: its parameter has no default, and a shorter overload
    leaves the keywords out. With `defaults` False, a type that a default argument needs is
    also defined after the class (see order.py): no parameter has a default, and a shorter
    overload leaves out each that had one."""
    made, names, omitted = view.made_declarations, view.forward_names, view.omitted
    if not defaults:
        first = next((i for i, o in enumerate(omitted) if o), len(made))
        view.shorter = [OverloadView([strip_default(d) for d in made[:n]],
                                     names[:n] + omitted[n:]) for n in range(first, len(made))]
        view.declarations = [strip_default(d) for d in made]
    elif view.keyword_struct:
        at = names.index("pyhpp_keywords")
        view.shorter = [OverloadView(made[:at], names[:at] + omitted[at:at + 1])]
        # Before a parameter without a default, none may have one.
        view.declarations = [strip_default(d) for d in made[: at + 1]] + made[at + 1:]
    return view


def _parameter_types(declarations: List[str]) -> Tuple[str, ...]:
    """The C++ parameter types of declarations such as `const std::string &name = {}`."""
    types = []
    for d in declarations:
        head, name = strip_default(d).rsplit(" ", 1)
        types.append(head + "&" * (len(name) - len(name.lstrip("&"))))
    return tuple(types)


def drop_repeated_overloads(callables: List[FunctionView]) -> None:
    """Leaves out a shorter overload that declares what another member of the same name does
    (`f(x)` from `f(x, y)` without its default, and another signature `f(x)`)."""
    declared = {(f.name, _parameter_types(f.declarations)) for f in callables}
    for f in callables:
        kept = []
        for o in f.shorter:
            key = (f.name, _parameter_types(o.declarations))
            if key not in declared:
                declared.add(key)
                kept.append(o)
        f.shorter = kept


def special_view(module: Module, c: Class, f: Function, spell: Spellings) -> FunctionView:
    """A special method as the member passes/members.py made it: through Python's protocol when
    its signature is plain, else called by name like any method."""
    view = function_view(module, f, spell, c.cpp_name, f"{module.name}.{c.name}",
                         helper="pyhpp_op_" + f.name.strip("_"))
    if f.name in PROTOCOLS and members.fits(f):
        view.protocol, view.protocol_function = PROTOCOLS[f.name]
        if view.protocol == "inplace":
            view.returns = f"{c.cpp_name} &"  # rebinds the handle, as Python rebinds the name
        if view.protocol == "length":
            view.returns = "std::int64_t"
        if view.protocol in ("contains",):
            view.returns = "bool"
        if view.protocol in ("set_item", "del_item"):
            view.returns, view.result_codec = "void", None  # Python ignores their results
    return member(view)


def comparison_views(module: Module, c: Class, f: Function, spell: Spellings
                 ) -> List[ComparisonView]:
    """The C++ operators of a rich comparison: with an `object` operand, one taking the class
    itself too (so `a == b` is exact, not a conversion to pyhpp::object); `__eq__` also gives
    `!=`, as Python derives it."""
    others = [p for p in f.parameters if p.kind in ("positional_only", "positional_or_keyword")]
    t = others[0].cpp_type if others and others[0].cpp_type else CppType("object")
    operands = [t]
    if t.kind == "object":
        operands.insert(0, CppType("instance", name=c.cpp_name, ref=f"{module.name}.{c.name}"))
    names = [f.name] + (["__ne__"] if f.name == "__eq__" and not any(
        m.name == "__ne__" for m in c.methods) else [])
    views = []
    for name in names:
        operator, op = COMPARISONS[name]
        for operand in operands:
            spell.use(operand)
            value = cpp.cpp_type(operand)
            views.append(ComparisonView(operator, op,
                                        value if cpp.by_value(operand) else f"const {value} &",
                                        spell.codec(operand),
                                        f"{module.name}.{c.name}.{name}()"))
    return views

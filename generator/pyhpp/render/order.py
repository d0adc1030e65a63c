"""The order in which a header defines its classes and value structs, so that it compiles.

Enums and exception classes come first (they name nothing); keyword-argument structs, functions
and member templates come after every type. In between, class wrappers and value structs
(NamedTuple, TypedDict), all forward-declared first, are defined each after what it needs
complete:
- hard needs, which no ordering may break: a class's C++ base, the type its inline members
  use (`begin()`, `with()`), and the types of a struct's fields, held by value;
- soft needs: the types of a member's default arguments (`const pyhpp::opt<T> &x = {}` needs T
  complete where the class is defined).
Needing a class wrapper complete also needs what converting to it looks at: overload resolution
over its constructors (`std::optional<C>` asks whether C is trivially copyable) checks whether
the argument converts to the first parameter of each constructor callable with one argument,
and that needs the parameter's types complete (`std::variant<URL, std::string>` needs URL).
A soft need that a cycle makes impossible (class A's default argument needs B, and B's base or
field needs A) is given up: the members whose defaults need a type defined later declare no
defaults and get shorter overloads instead (see views_member.member).
"""

from __future__ import annotations

from typing import Dict, Iterable, List, Sequence, Set, Tuple, TypeVar, Union

from ..ir.model import Class
from .cpp import complete_refs

T = TypeVar("T")


def class_needs(c: Class) -> Set[str]:
    """What the wrapper of class `c` needs complete wherever it is defined."""
    needs = {c.cpp_base} if c.cpp_base else set()
    for f in c.methods:
        if f.name in ("__iter__", "__enter__") and f.cpp_name:
            needs |= complete_refs(f.cpp_returns)  # inline begin() and with()
    return needs


def conversion_needs(c: Class) -> Set[str]:
    """What converting one argument to the wrapper of class `c` needs complete: the type of the
    first parameter of its constructor, when the constructor can take one argument."""
    f = c.constructor
    if f is None:
        return set()
    positional = ("positional_only", "positional_or_keyword")
    required = [p for p in f.parameters if not p.has_default
                and p.kind in positional + ("keyword_only",)]
    if len(required) > 1:
        return set()
    # The wrapper's parameters in C++ order: required ones, optional positionals, *args, the
    # keyword struct (keyword-only ones with defaults), **kwargs.
    candidates = required + [p for p in f.parameters if p.kind in positional and p.has_default]
    candidates += [p for p in f.parameters if p.kind == "var_positional"]
    if not candidates or any(p.kind == "keyword_only" for p in f.parameters if p.has_default):
        candidates += [p for p in f.parameters if p.kind == "var_keyword"]
    return complete_refs(candidates[0].cpp_type) if candidates else set()


def struct_needs(c: Class) -> Set[str]:
    """What a value struct needs complete: the types of its fields."""
    needs: Set[str] = set()
    for a in c.attributes:
        needs |= complete_refs(a.cpp_type)
    return needs


def declaration_order(items: Sequence[Tuple[str, T]], hard: Dict[str, Set[str]],
                      soft: Dict[str, Set[str]], conversions: Dict[str, Set[str]]
                      ) -> Tuple[List[T], Dict[str, Set[str]]]:
    """`items` (ref, declaration) in an order that meets every hard need and as many soft needs
    as it can; also, by ref, the soft needs it could not meet (defined at or after the item).
    `conversions` are what needing each class complete needs too (conversion_needs).

    Depth first, in the given order: an item comes after its hard needs, then after its soft
    needs, unless a soft need leads back through hard needs to an item being placed (the cycle
    is then broken at that soft need)."""
    own = {ref for ref, _ in items}
    widened: Dict[str, Set[str]] = {}

    def widen(ref: str) -> Set[str]:
        if ref not in widened:
            widened[ref] = {ref}  # a cycle of conversions stops here
            found = {ref}
            for n in sorted(conversions.get(ref, set())):
                found |= widen(n)
            widened[ref] = found
        return widened[ref]

    def needs(table: Dict[str, Set[str]], ref: str) -> Set[str]:
        found = {w for n in table.get(ref, set()) for w in widen(n)}
        return {n for n in found if n in own and n != ref}

    given = soft
    hard = {ref: needs(hard, ref) for ref in own}
    soft = {ref: needs(soft, ref) for ref in own}
    closure: Dict[str, Set[str]] = {}

    def reach(ref: str) -> Set[str]:
        """Every item `ref` needs through hard needs alone, itself included."""
        if ref not in closure:
            closure[ref] = {ref}  # a hard cycle stops here
            found = {ref}
            for n in sorted(hard[ref]):
                found |= reach(n)
            closure[ref] = found
        return closure[ref]

    placed: Dict[str, int] = {}
    stack: List[str] = []

    def place(ref: str) -> None:
        if ref in placed or ref in stack:
            return
        stack.append(ref)
        for n in _in_order(hard[ref], items):
            place(n)
        for n in _in_order(soft[ref], items):
            if n not in placed and not reach(n) & set(stack):
                place(n)
        stack.pop()
        placed[ref] = len(placed)

    for ref, _ in items:
        place(ref)
    by_ref = dict(items)
    order = sorted(placed, key=placed.__getitem__)
    # The soft needs as given, each late when anything it widens to is.
    late = {ref: {n for n in given.get(ref, set()) if any(
        placed[w] > placed[ref] for w in widen(n) if w in own and w != ref)} for ref in own}
    return [by_ref[ref] for ref in order], {ref: n for ref, n in late.items() if n}


def _in_order(refs: Iterable[str], items: Sequence[Tuple[str, object]]) -> List[str]:
    wanted = set(refs)
    return [ref for ref, _ in items if ref in wanted]


def post_order(refs: Sequence[str], needs: Dict[str, Union[Set[str], List[str]]]) -> List[str]:
    """`refs`, each after those of its `needs` that are among them (cycles: as given)."""
    done: List[str] = []
    seen: Set[str] = set()
    position = {ref: i for i, ref in enumerate(refs)}

    def visit(ref: str) -> None:
        if ref in seen:
            return
        seen.add(ref)
        known = [n for n in needs.get(ref, ()) if n in position]
        for n in sorted(known, key=position.__getitem__):
            visit(n)
        done.append(ref)

    for ref in refs:
        visit(ref)
    return done

"""View models: what the templates print for each IR node, derived from the IR alone."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, List, Optional, Set, Tuple

from .cpp import Spellings

from ..diagnostics import GenerationError
from ..ir.model import Function, Module, Parameter
from ..passes.pytext import py_text
from . import cpp

MAX_KEYWORDS = 64  # keyword-capable parameters are tracked in a 64-bit mask


@dataclass
class ParamView:
    python_name: str
    name: str  # C++ name
    kind: str
    optional: bool
    type: str  # C++ type of the value (element type for *args, value type for **kwargs)
    codec: str
    declaration: str  # as a C++ parameter of the plain wrapper ('' for keyword struct members)
    opt_type: str = ""  # with a default: the pyhpp::opt type that holds it
    keyword_index: int = -1
    tag: str = ""


@dataclass
class TemplateView:
    """The function template of a function generic in TypeVars (ir.Generic): it converts its
    arguments to, and the result from, the pyhpp::object wrapper it calls."""

    parameters: str  # "class T, class K"
    returns: str
    declarations: List[str]
    arguments: List[str]
    converts_result: bool


@dataclass
class FunctionView:
    name: str
    qualified_name: str  # "::ns::name": calls that a parameter of the same name cannot hide
    python_name: str
    display: str  # "module.function()", used in messages
    python_signature: str
    location: str
    doc_lines: List[str]
    returns: str
    result_codec: Optional[str]  # None for void
    result_text: str  # the annotation as Python spells it, for messages
    params: List[ParamView]  # in Python order (how arguments are sent)
    declarations: List[str]  # the plain wrapper's C++ parameters, in C++ order
    # optional parameters that can be named (keyword-only, and positional-or-keyword ones,
    # which may also come by position), in Python order
    keyword_struct: List[ParamView]
    keyword_names: List[str]  # Python names of keyword-capable parameters, in order
    overloads: List["OverloadView"] = field(default_factory=list)
    slot: int = 0  # capacity of the on-stack argument array
    var_count: int = 0  # how many of *args / **kwargs it has
    # Every parameter required and sent by position: exactly `slot` positionals, no keywords.
    fixed_positional: bool = False
    binding: str = "function"  # 'function', 'method', 'classmethod', 'staticmethod', 'init'
    owner: str = ""  # the C++ class of a method
    keywords_type: str = ""  # the keyword-argument struct, e.g. "keywords::f"
    pyhpp_name: str = ""  # the helper objects' name in the source (pyhpp_attrs::<it>)
    # `declarations` as function_view made them, and per entry the argument that passes it
    # on and the value that leaves it out ('' for a parameter without a default).
    made_declarations: List[str] = field(default_factory=list)
    forward_names: List[str] = field(default_factory=list)
    # Set when the wrapper cannot call the function yet (an async def): the body raises
    # pyhpp::not_implemented_error with this text.
    unsupported: str = ""
    omitted: List[str] = field(default_factory=list)
    # Members: overloads declared with fewer parameters, defined as calls of the full one, for
    # parameters whose type is incomplete inside the class (see views_member.member).
    shorter: List["OverloadView"] = field(default_factory=list)
    # The classes and structs of the target whose complete types the parameters' default
    # arguments need (CppType.ref).
    default_refs: Set[str] = field(default_factory=set)
    protocol: str = ""  # special members that go through Python's protocol: 'binary', ...
    protocol_function: str = ""  # the C API function of a 'binary' / 'unary' protocol

    overload_of: str = ""  # for an @overload signature: the function whose cache it shares
    template: Optional["TemplateView"] = None  # a function generic in TypeVars (below)

    @property
    def attr_name(self) -> str:
        """The cached Python function (overloads of one function share it)."""
        return self.overload_of or self.pyhpp_name

    @property
    def attr_local(self) -> str:
        return self.attr_name.rsplit("::", 1)[-1]

    @property
    def pyhpp_local(self) -> str:
        """The helper name within its class's helper namespace."""
        return self.pyhpp_name.rsplit("::", 1)[-1]

    @property
    def static(self) -> bool:
        return self.binding in ("classmethod", "staticmethod")


@dataclass
class OverloadView:
    """A variadic overload taking `kw::name = value` arguments after some positionals."""

    declarations: List[str]
    forwarded: List[str]  # arguments of the call to the plain wrapper


def doc_lines(doc: str) -> List[str]:
    lines = doc.strip("\n").splitlines() if doc else []
    # A trailing backslash would splice the next line into the comment.
    return [(line.rstrip() + "." if line.rstrip().endswith("\\") else line.rstrip()) for line in lines]


def _python_signature(owner: str, function: Function) -> str:
    if not function.signature_known:
        return f"{owner}(...)"
    parts: List[str] = []
    seen_kw_only = False
    for i, p in enumerate(function.parameters):
        if p.kind == "keyword_only" and not seen_kw_only:
            parts.append("*")
        if p.kind in ("keyword_only", "var_positional"):
            seen_kw_only = True
        prefix = {"var_positional": "*", "var_keyword": "**"}.get(p.kind, "")
        text = prefix + p.name
        if p.type is not None:
            text += ": " + py_text(p.type)
        if p.has_default:
            text += " = ..."
        parts.append(text)
        nxt = function.parameters[i + 1] if i + 1 < len(function.parameters) else None
        if p.kind == "positional_only" and (nxt is None or nxt.kind != "positional_only"):
            parts.append("/")
    text = f"{owner}({', '.join(parts)})"
    if function.returns is not None:
        text += " -> " + py_text(function.returns)
    return " ".join(text.split())  # one comment line, whatever a source spelled over several


def _param_view(p: Parameter, keyword_index: int, spell: Spellings) -> ParamView:
    assert p.cpp_type is not None
    t = p.cpp_type
    spell.use(t)
    value_type = cpp.cpp_type(t)
    if p.kind == "var_positional":
        decl = f"const std::vector<{value_type}> &{p.cpp_name} = {{}}"
    elif p.kind == "var_keyword":
        decl = f"const std::map<std::string, {value_type}> &{p.cpp_name} = {{}}"
    elif p.kind == "keyword_only" and p.has_default:
        decl = ""
    elif p.has_default:
        opt = cpp.opt_type(t)
        decl = (f"{opt} {p.cpp_name} = {{}}" if cpp.by_value(t)
                else f"const {opt} &{p.cpp_name} = {{}}")
    elif cpp.by_value(t):
        decl = f"{value_type} {p.cpp_name}"
    else:
        decl = f"const {value_type} &{p.cpp_name}"
    return ParamView(
        python_name=p.name,
        name=p.cpp_name,
        kind=p.kind,
        optional=p.has_default,
        type=value_type,
        codec=spell.codec(t),
        declaration=decl,
        opt_type=cpp.opt_type(t),
        keyword_index=keyword_index,
        tag=p.cpp_name,
    )


def strip_default(declaration: str) -> str:
    """A C++ parameter declaration without its `= {}` default."""
    return declaration[: -len(" = {}")] if declaration.endswith(" = {}") else declaration


def function_view(module: Module, function: Function, spell: Spellings, owner: str = "",
                  owner_python: str = "", helper: str = "") -> FunctionView:
    """The view of a module function, or of a method / constructor of class `owner`.

    `helper` names the source's helper objects and the keyword struct (default: the C++ name);
    the signatures of one @overload set need distinct ones."""
    assert function.cpp_returns is not None
    binding = function.binding if owner else "function"
    if owner and function.name in ("__init__", "__new__"):
        binding = "init"
    returns = function.cpp_returns
    spell.use(returns)
    params: List[ParamView] = []
    keyword_names: List[str] = []
    for p in function.parameters:
        assert p.cpp_type is not None
        index = -1
        if p.kind in ("positional_or_keyword", "keyword_only"):
            index = len(keyword_names)
            keyword_names.append(p.name)
        if p.kind == "var_positional":
            spell.headers.add("<vector>")
        if p.kind == "var_keyword":
            spell.headers.update({"<map>", "<string>"})
        params.append(_param_view(p, index, spell))
    python_name = (f"{owner_python}" if binding == "init"
                   else f"{owner_python}.{function.name}" if owner else
                   f"{module.name}.{function.name}")
    # Keywords are only ever sent for keyword-only parameters or after an omitted one (and
    # never by a wrapper that cannot call its function).
    if function.unsupported or not any(p.has_default or p.kind == "keyword_only"
                                       for p in function.parameters):
        keyword_names = []
    if len(keyword_names) > MAX_KEYWORDS:
        raise GenerationError(
            f"{python_name}() has more than {MAX_KEYWORDS} keyword parameters",
            function.location,
        )
    def group(*kinds: str, optional: Optional[bool] = None) -> List[ParamView]:
        return [v for v in params
                if v.kind in kinds and (optional is None or v.optional == optional)]

    required = group("positional_only", "positional_or_keyword", optional=False)
    required_kw = group("keyword_only", optional=False)
    optional_pos = group("positional_only", "positional_or_keyword", optional=True)
    var_pos = group("var_positional")
    keyword_struct = [v for v in params if v.optional
                      and v.kind in ("positional_or_keyword", "keyword_only")]
    var_kw = group("var_keyword")
    name = function.cpp_name
    helper = helper or name
    keywords_type = (f"keywords::{owner}::{helper}" if owner else f"keywords::{helper}")
    leading = required + required_kw + optional_pos + var_pos
    declarations = [v.declaration for v in leading]
    forward_names = [v.name for v in leading]
    omitted = [f"std::vector<{v.type}>{{}}" if v.kind == "var_positional"
               else f"{v.opt_type}{{}}" if v.optional else "" for v in leading]
    if keyword_struct:
        declarations.append(f"const {keywords_type} &pyhpp_keywords = {{}}")
        forward_names.append("pyhpp_keywords")
        omitted.append(f"{keywords_type}{{}}")
    declarations += [v.declaration for v in var_kw]
    forward_names += [v.name for v in var_kw]
    omitted += [f"std::map<std::string, {v.type}>{{}}" for v in var_kw]
    # `pyhpp::opt<T> x = {}` needs T complete (`std::vector<T> &args = {}` does not).
    default_refs: Set[str] = set()
    for p in function.parameters:
        if p.has_default and p.kind in ("positional_only", "positional_or_keyword"):
            default_refs |= cpp.complete_refs(p.cpp_type)

    overloads: List[OverloadView] = []
    if keyword_struct:
        fixed = [v.declaration for v in required + required_kw]
        fixed_names = [v.name for v in required + required_kw]
        prefixes = [optional_pos[:k] for k in range(len(optional_pos) + 1)]
        for k, prefix in enumerate(prefixes):
            decls = fixed + [v.declaration.replace(" = {}", "") for v in prefix]
            forwarded = fixed_names + [v.name for v in prefix]
            forwarded += ["{}"] * (len(optional_pos) - k)
            if var_pos:
                if k == len(optional_pos):
                    # One more overload where *args is given too.
                    overloads.append(OverloadView(
                        decls + [var_pos[0].declaration.replace(" = {}", "")],
                        forwarded + [var_pos[0].name]))
                forwarded = forwarded + ["{}"]
            overloads.append(OverloadView(decls, forwarded))
        overloads.sort(key=lambda o: len(o.declarations))

    fixed_count = sum(1 for v in params if v.kind not in ("var_positional", "var_keyword"))
    if binding == "method":
        fixed_count += 1  # self
    qualified = "::" + "::".join(module.cpp_namespace + ((owner,) if owner else ()) + (name,))
    return FunctionView(
        name=name,
        qualified_name=qualified,
        python_name=function.name,
        display=f"{python_name}()",
        python_signature=_python_signature(python_name, function),
        location=str(function.location) if function.location else "",
        doc_lines=doc_lines(function.doc),
        returns=cpp.cpp_type(returns),
        result_codec=None if returns.kind == "none" else spell.codec(returns),
        result_text=py_text(function.returns) if function.returns is not None else "object",
        params=params,
        declarations=declarations,
        keyword_struct=keyword_struct,
        keyword_names=keyword_names,
        overloads=overloads,
        slot=fixed_count,
        var_count=len(var_pos) + len(var_kw),
        fixed_positional=len(required) == len(params),
        binding=binding,
        owner=owner,
        keywords_type=keywords_type,
        pyhpp_name=f"{owner}::{helper}" if owner else helper,
        made_declarations=list(declarations),
        forward_names=forward_names,
        omitted=omitted,
        unsupported=function.unsupported,
        default_refs=default_refs,
        template=_template_view(function, spell, declarations, forward_names),
    )


def _template_view(function: Function, spell: Spellings, plain: List[str],
                   forward_names: List[str]) -> Optional[TemplateView]:
    """The template over the plain wrapper's parameters (`plain`, in C++ order, forwarded as
    `forward_names`): those of a TypeVar (required and positional: first) converted, the others
    declared and passed on as they are."""
    g = function.generic
    if g is None:
        return None
    templated: Dict[str, Tuple[str, str]] = {}
    for p, t, repeated in zip(function.parameters, g.parameters, g.repeated):
        if not cpp.names_typevar(t):
            continue  # as the plain wrapper takes it (whatever passes made of it since)
        spell.use(t)
        spelled = cpp.cpp_type(t)
        if repeated:  # deduced by an earlier parameter: f(list<T>, T) takes f(ints, 5)
            spelled = f"pyhpp::non_deduced<{spelled}>"
        templated[p.cpp_name] = (f"const {spelled} &{p.cpp_name}",
                                 f"pyhpp::convert<{cpp.cpp_type(p.cpp_type)}>({p.cpp_name})")
    declarations, arguments = [], []
    for declaration, name in zip(plain, forward_names):
        declaration, argument = templated.get(name, (declaration, name))
        declarations.append(declaration)
        arguments.append(argument)
    spell.use(g.returns)
    return TemplateView(parameters=", ".join(f"class {n}" for n in g.names),
                        returns=cpp.cpp_type(g.returns), declarations=declarations,
                        arguments=arguments,
                        converts_result=g.returns != function.cpp_returns)

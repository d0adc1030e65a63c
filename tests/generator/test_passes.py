"""Tests for pyhpp.passes: C++ naming rules and collisions, and the annotation -> C++ type map."""

from __future__ import annotations

from typing import List, Optional, Tuple

import pytest

from pyhpp.diagnostics import Diagnostic, GenerationError
from pyhpp.ir.model import (
    Api,
    CppType,
    EllipsisType,
    Function,
    Generic,
    ListOfTypes,
    LiteralValue,
    Location,
    Module,
    NamedType,
    NoneType,
    Parameter,
    PyType,
    TypeSource,
    TypeVarType,
    UnresolvedType,
)
from pyhpp.passes import naming, typemap
from pyhpp.passes.naming import cpp_identifier


def named(qualname: str, *args: PyType) -> NamedType:
    return NamedType(qualname, tuple(args))


def union(*args: PyType) -> NamedType:
    return named("typing.Union", *args)


INT, FLOAT, BOOL = named("builtins.int"), named("builtins.float"), named("builtins.bool")
STR, BYTES, OBJECT = named("builtins.str"), named("builtins.bytes"), named("builtins.object")
ANY = named("typing.Any")


def cpp(kind: str, *args: CppType) -> CppType:
    return CppType(kind, tuple(args))


C_INT, C_FLOAT, C_STR, C_OBJECT = cpp("int"), cpp("float"), cpp("str"), cpp("object")


def positional(name: str) -> Parameter:
    return Parameter(name=name, kind="positional_or_keyword")


def module_of(*functions: Function, name: str = "pkg.mod") -> Module:
    return Module(name=name, location=Location("pkg/mod.py"), functions=functions)


# -- naming: single identifiers ------------------------------------------------------------------


@pytest.mark.parametrize("python_name, expected", [
    # C++ keywords.
    ("class", "class_"), ("delete", "delete_"), ("new", "new_"), ("namespace", "namespace_"),
    ("template", "template_"), ("int", "int_"), ("co_await", "co_await_"),
    ("requires", "requires_"), ("module", "module_"), ("import", "import_"),
    # Macros of common headers.
    ("errno", "errno_"), ("EOF", "EOF_"), ("NULL", "NULL_"), ("unix", "unix_"),
    ("linux", "linux_"), ("min", "min_"), ("max", "max_"), ("assert", "assert_"),
    ("F_OK", "F_OK_"), ("WEXITSTATUS", "WEXITSTATUS_"), ("CLOCK_REALTIME", "CLOCK_REALTIME_"),
    ("NZERO", "NZERO_"), ("SEEK_DATA", "SEEK_DATA_"), ("st_mtime", "st_mtime_"),
    # Reserved C++ spellings: `__` anywhere, `_X` at the start.
    ("__x", "py_x"), ("_x", "py_x"), ("_X", "py_X"), ("__init__", "py_init_"),
    ("a__b", "a_b"), ("a___b", "a_b"), ("_", "py_"),
    # The generator's own prefix, and names the generated code uses itself.
    ("pyhpp_x", "pyhpp_x_"), ("pyhpp_keywords", "pyhpp_keywords_"), ("pyhpp", "pyhpp_"),
    ("kw", "kw_"), ("keywords", "keywords_"), ("detail", "detail_"), ("codec", "codec_"),
    ("std", "std_"),
    # Left alone.
    ("plain", "plain"), ("Max", "Max"), ("max_", "max_"), ("class_", "class_"),
    ("x1", "x1"), ("py_x", "py_x"), ("pyhpp2", "pyhpp2"), ("kwargs", "kwargs"),
])
def test_cpp_identifier(python_name: str, expected: str) -> None:
    assert cpp_identifier(python_name) == expected


def test_cpp_identifier_rejects_non_ascii_names() -> None:
    with pytest.raises(ValueError) as caught:
        cpp_identifier("café")
    assert str(caught.value) == "'café' is not an ASCII identifier"


@pytest.mark.parametrize("python_name", ["pyhpp_x_", "pyhpp_", "pyhpp_keywords_"])
def test_renamed_identifiers_never_contain_a_double_underscore(python_name: str) -> None:
    assert "__" not in cpp_identifier(python_name)


# -- naming: whole modules -----------------------------------------------------------------------


def test_module_functions_and_parameters_get_cpp_names() -> None:
    function = Function(name="delete", location=Location("pkg/mod.py", 4), parameters=(
        positional("class"), positional("__x"), positional("pyhpp_args"),
        Parameter(name="kw", kind="var_keyword")))
    api = naming.run(Api("3.11", (module_of(function, Function(name="max")),)), ("py", "ext"))
    (module,) = api.modules
    assert module.cpp_namespace == ("py", "ext", "pkg", "mod")
    assert [f.cpp_name for f in module.functions] == ["delete_", "max_"]
    assert [p.cpp_name for p in module.functions[0].parameters] == [
        "class_", "py_x", "pyhpp_args_", "kw_"]
    # Python names are kept: they are what the wrappers send.
    assert [p.name for p in module.functions[0].parameters] == ["class", "__x", "pyhpp_args", "kw"]


def test_module_path_components_are_renamed_too() -> None:
    api = naming.run(Api("3.11", (Module(name="new.min"),)), ("py",))
    assert api.modules[0].cpp_namespace == ("py", "new_", "min_")


def named_with_diagnostics(*modules: Module) -> Tuple[Api, List[str]]:
    diagnostics: List[Diagnostic] = []
    api = naming.run(Api("3.11", modules), ("py",), diagnostics)
    return api, [str(d) for d in diagnostics if d.severity != "note"]


def test_function_collision_keeps_the_name_usable_as_is_and_warns() -> None:
    first = Function(name="max", location=Location("pkg/mod.py", 3))
    second = Function(name="max_", location=Location("pkg/mod.py", 7))
    for functions in ((first, second), (second, first)):  # whatever the order
        api, warnings = named_with_diagnostics(module_of(*functions))
        assert {f.name: f.cpp_name for f in api.modules[0].functions} == {
            "max": "max_2", "max_": "max_"}
        assert warnings == [
            "pkg/mod.py:3: warning: module pkg.mod: function 'max' renamed to 'max_2' because "
            "'max_' is taken by function 'max_' (defined at pkg/mod.py:7)"]


def test_collision_of_underscore_spellings() -> None:
    first = Function(name="_private", location=Location("pkg/mod.py", 10))
    second = Function(name="py_private", location=Location("pkg/mod.py", 12))
    api, warnings = named_with_diagnostics(module_of(first, second))
    assert [f.cpp_name for f in api.modules[0].functions] == ["py_private_", "py_private"]
    assert warnings == [
        "pkg/mod.py:10: warning: module pkg.mod: function '_private' renamed to 'py_private_' "
        "because 'py_private' is taken by function 'py_private' (defined at pkg/mod.py:12)"]


@pytest.mark.parametrize("names, expected, message", [
    (("__x", "py_x"), ("py_x_", "py_x"),
     "parameter '__x' renamed to 'py_x_' because 'py_x' is taken by parameter 'py_x'"),
    (("class", "class_"), ("class_2", "class_"),
     "parameter 'class' renamed to 'class_2' because 'class_' is taken by parameter 'class_'"),
    (("a__b", "a_b"), ("a_b_", "a_b"),
     "parameter 'a__b' renamed to 'a_b_' because 'a_b' is taken by parameter 'a_b'"),
])
def test_parameter_collisions(names: Tuple[str, str], expected: Tuple[str, str],
                              message: str) -> None:
    function = Function(name="f", location=Location("pkg/mod.py", 5),
                        parameters=tuple(positional(n) for n in names))
    api, warnings = named_with_diagnostics(module_of(function))
    assert [p.cpp_name for p in api.modules[0].functions[0].parameters] == list(expected)
    assert warnings == [f"pkg/mod.py:5: warning: pkg.mod.f(): {message}"]


def test_parameters_of_different_functions_do_not_collide() -> None:
    f = Function(name="f", parameters=(positional("max"),))
    g = Function(name="g", parameters=(positional("max_"),))
    api = naming.run(Api("3.11", (module_of(f, g),)), ("py",))
    assert [f.parameters[0].cpp_name for f in api.modules[0].functions] == ["max_", "max_"]


def test_unnameable_parameter_leaves_its_function_out_with_a_warning() -> None:
    function = Function(name="f", location=Location("pkg/mod.py", 9),
                        parameters=(positional("naïve"),))
    api, warnings = named_with_diagnostics(module_of(function, Function(name="g")))
    assert [f.name for f in api.modules[0].functions] == ["g"]
    assert warnings == [
        "pkg/mod.py:9: warning: pkg.mod.f(): parameter 'naïve' is not an ASCII identifier, which "
        "C++ cannot name; the function is left out"]


def test_namespace_that_is_a_keyword_is_rejected() -> None:
    with pytest.raises(GenerationError) as caught:
        naming.run(Api("3.11", (module_of(),)), ("py", "class"))
    assert str(caught.value) == "error: namespace component 'class' is not usable as a C++ name"


# -- typemap -------------------------------------------------------------------------------------


def mapped(t: Optional[PyType], is_result: bool = False) -> Tuple[CppType, List[Diagnostic]]:
    diagnostics: List[Diagnostic] = []
    result = typemap.map_annotation(t, "m.f() parameter 'x'", Location("m.py", 2), diagnostics,
                                    is_result)
    return result, diagnostics


@pytest.mark.parametrize("annotation, expected", [
    # Scalars.
    (INT, C_INT), (FLOAT, C_FLOAT), (BOOL, cpp("bool")), (STR, C_STR), (BYTES, cpp("bytes")),
    # Optional[X] and X | None are the same tree.
    (union(INT, NoneType()), cpp("optional", C_INT)),
    (union(NoneType(), STR), cpp("optional", C_STR)),
    (union(union(INT, NoneType()), NoneType()), cpp("optional", C_INT)),
    # Sequences: list, List (introspection normalises it to builtins.list), Sequence.
    (named("builtins.list", INT), cpp("list", C_INT)),
    (named("builtins.list"), cpp("list", C_OBJECT)),
    (named("collections.abc.Sequence", STR), cpp("list", C_STR)),
    (named("collections.abc.MutableSequence", FLOAT), cpp("list", C_FLOAT)),
    # Tuples.
    (named("builtins.tuple", INT, STR), cpp("tuple", C_INT, C_STR)),
    (named("builtins.tuple", INT, EllipsisType()), cpp("tuple_var", C_INT)),
    (named("builtins.tuple"), cpp("tuple_var", C_OBJECT)),
    # Mappings and sets.
    (named("builtins.dict", STR, INT), cpp("dict", C_STR, C_INT)),
    (named("collections.abc.Mapping", STR, FLOAT), cpp("dict", C_STR, C_FLOAT)),
    (named("collections.abc.MutableMapping", INT, ANY), cpp("dict", C_INT, C_OBJECT)),
    (named("builtins.set", INT), cpp("set", C_INT)),
    (named("collections.abc.Set", STR), cpp("set", C_STR)),
    (named("builtins.frozenset", STR), cpp("frozenset", C_STR)),
    # Nesting.
    (named("builtins.dict", STR, named("builtins.list", union(
        named("builtins.tuple", INT, FLOAT), NoneType()))),
     cpp("dict", C_STR, cpp("list", cpp("optional", cpp("tuple", C_INT, C_FLOAT))))),
    (union(named("builtins.dict", STR, INT), NoneType()),
     cpp("optional", cpp("dict", C_STR, C_INT))),
    (named("builtins.set", named("builtins.tuple", INT, STR)),
     cpp("set", cpp("tuple", C_INT, C_STR))),
    (named("builtins.dict", named("builtins.tuple", INT, INT), named("builtins.set", BYTES)),
     cpp("dict", cpp("tuple", C_INT, C_INT), cpp("set", cpp("bytes")))),
    (named("builtins.list", named("builtins.list", ANY)), cpp("list", cpp("list", C_OBJECT))),
    # type[X], type: any class.
    (named("builtins.type", named("pkg.mod.Item")), cpp("type")),
    (union(named("builtins.type", ANY), NoneType()), cpp("optional", cpp("type"))),
    (named("builtins.type"), cpp("type")),
    # Callable[..., R]: any positional arguments, as objects.
    (named("collections.abc.Callable", EllipsisType(), STR), cpp("callable_any", C_STR)),
    (union(named("collections.abc.Callable", EllipsisType(), NoneType()), NoneType()),
     cpp("optional", cpp("callable_any", cpp("none")))),
    # Dynamic: silently an object.
    (ANY, C_OBJECT), (OBJECT, C_OBJECT), (None, C_OBJECT),
])
def test_mapped_annotations(annotation: Optional[PyType], expected: CppType) -> None:
    for is_result in (False, True):
        assert mapped(annotation, is_result) == (expected, [])


def test_read_only_protocols_of_sequences_are_vectors_as_parameters() -> None:
    def parameter(t: PyType) -> CppType:
        return typemap.map_annotation(t, "m.f() parameter 'x'", None, [], False, parameter=True)

    for name in ("collections.abc.Iterable", "collections.abc.Collection",
                 "_typeshed.SupportsLenAndGetItem"):
        assert parameter(named(name, INT)) == cpp("list", C_INT)
    # A result that is only sized and indexable is no container C++ can hold.
    assert mapped(named("_typeshed.SupportsLenAndGetItem", INT), is_result=True)[0] == C_OBJECT


def test_none_is_void_as_a_result_and_object_as_a_parameter() -> None:
    assert mapped(NoneType(), is_result=True) == (cpp("none"), [])
    assert mapped(NoneType(), is_result=False) == (C_OBJECT, [])


@pytest.mark.parametrize("annotation, quoted, reason", [
    (named("builtins.dict", OBJECT, INT), "dict[object, int]",
     "key type object cannot key a std::map"),
    (named("builtins.dict", ANY, INT), "dict[Any, int]", "key type Any cannot key a std::map"),
    (named("builtins.dict"), "dict", "a dict without key and value types has no C++ map type"),
    (named("builtins.dict", STR), "dict[str]", "expected two type arguments"),
    (named("builtins.set", OBJECT), "set[object]",
     "element type object cannot be a std::set element"),
    (named("builtins.frozenset"), "frozenset", "a set without an element type has no C++ set type"),
    (named("builtins.list", NoneType()), "list[None]",
     "None is only a result type or part of an Optional"),
    (named("builtins.list", INT, STR), "list[int, str]", "expected 1 type argument(s)"),
    (named("collections.abc.Callable", STR), "Callable[str]",
     "a Callable without a parameter list ([A, B]) has no C++ signature"),
    (named("typing.Literal", LiteralValue(1), LiteralValue("a")), "Literal[1, 'a']",
     "a Literal mixing value types"),
    (named("pkg.mod.Item"), "pkg.mod.Item", "class pkg.mod.Item is not part of this binding target"),
    (union(named("pkg.mod.Item"), NoneType()), "pkg.mod.Item | None",
     "class pkg.mod.Item is not part of this binding target"),
    (union(TypeVarType("T"), INT), "T | int",
     "an unmapped member before the last would take every value"),
])
def test_unmappable_annotations_warn_and_quote_the_annotation(
        annotation: PyType, quoted: str, reason: str) -> None:
    result, diagnostics = mapped(annotation)
    assert result == C_OBJECT
    assert [str(d) for d in diagnostics] == [
        f"m.py:2: warning: m.f() parameter 'x': cannot map annotation '{quoted}' ({reason}); "
        "using pyhpp::object"]


@pytest.mark.parametrize("annotation", [
    UnresolvedType("Missing", "name 'Missing' is not defined in module m"),
    named("builtins.list", UnresolvedType("Missing", "name 'Missing' is not defined")),
])
def test_unresolved_names_map_to_object_without_a_second_warning(annotation: PyType) -> None:
    """Introspection already warned about the name it could not resolve (with file:line)."""
    result, diagnostics = mapped(annotation)
    assert result == C_OBJECT
    assert diagnostics == []


def test_run_maps_parameters_and_results_of_every_function() -> None:
    function = Function(
        name="f", location=Location("pkg/mod.py", 3),
        parameters=(Parameter("a", "positional_or_keyword", type=named("builtins.list", INT)),
                    Parameter("b", "keyword_only", True, type=union(INT, STR)),
                    Parameter("c", "var_positional"),
                    Parameter("d", "var_keyword", type=NoneType())),
        returns=union(STR, NoneType()))
    diagnostics: List[Diagnostic] = []
    api = typemap.run(Api("3.11", (module_of(function),)), diagnostics)
    (result,) = api.modules[0].functions
    assert [p.cpp_type for p in result.parameters] == [
        cpp("list", C_INT), cpp("variant", C_INT, C_STR), C_OBJECT, C_OBJECT]
    assert result.cpp_returns == cpp("optional", C_STR)
    assert diagnostics == []


def test_unmappable_result_warns_as_a_result() -> None:
    function = Function(name="g", location=Location("pkg/mod.py", 8), returns=named("pkg.X"))
    diagnostics: List[Diagnostic] = []
    api = typemap.run(Api("3.11", (module_of(function),)), diagnostics)
    assert api.modules[0].functions[0].cpp_returns == C_OBJECT
    assert [str(d) for d in diagnostics] == [
        "pkg/mod.py:8: warning: pkg.mod.g() result: cannot map annotation 'pkg.X' "
        "(class pkg.X is not part of this binding target); using pyhpp::object"]


def test_type_variables_are_dynamic_objects_without_a_warning() -> None:
    assert mapped(TypeVarType("T")) == (C_OBJECT, [])


def test_new_kinds() -> None:
    assert mapped(union(INT, STR))[0] == cpp("variant", C_INT, C_STR)
    assert mapped(union(INT, STR, NoneType()))[0] == cpp("optional", cpp("variant", C_INT, C_STR))
    assert mapped(named("typing.Literal", LiteralValue("a"), LiteralValue("b")))[0] == CppType(
        "literal", (C_STR,), values=("a", "b"))
    assert mapped(named("collections.abc.Callable", ListOfTypes((INT,)), STR))[0] == cpp(
        "callable", C_STR, C_INT)
    assert mapped(named("collections.abc.Iterator", INT))[0] == cpp("iterator", C_INT)
    assert mapped(named("datetime.datetime"))[0] == cpp("datetime")
    assert mapped(named("pathlib.Path"))[0] == cpp("path")
    assert mapped(named("builtins.complex"))[0] == cpp("complex")


# -- typemap: containers the callee may mutate ---------------------------------------------------


def mapped_parameters(function: Function) -> List[CppType]:
    diagnostics: List[Diagnostic] = []
    api = typemap.run(Api("3.11", (module_of(function),)), diagnostics)
    assert diagnostics == []
    return [p.cpp_type for p in api.modules[0].functions[0].parameters]


def test_mutable_container_parameters_share_the_callers_container() -> None:
    function = Function(
        name="shuffle", returns=INT,
        parameters=(
            Parameter("a", "positional_or_keyword",
                      type=named("collections.abc.MutableSequence", INT)),
            Parameter("b", "positional_or_keyword",
                      type=named("collections.abc.MutableMapping", STR, FLOAT)),
            Parameter("c", "positional_or_keyword", type=named("collections.abc.MutableSet", STR)),
            # Plain containers copy where the function has a result ...
            Parameter("d", "positional_or_keyword", type=named("builtins.list", INT)),
            # ... and so do read-only ones and mutable ones nested in a container.
            Parameter("e", "positional_or_keyword", type=named("collections.abc.Sequence", INT)),
            Parameter("f", "positional_or_keyword", type=named(
                "builtins.list", named("collections.abc.MutableSequence", INT)))))
    assert mapped_parameters(function) == [
        cpp("list_ref", C_INT), cpp("dict_ref", C_STR, C_FLOAT), cpp("set_ref", C_STR),
        cpp("list", C_INT), cpp("list", C_INT), cpp("list", cpp("list", C_INT))]


def test_plain_containers_share_where_the_function_returns_none() -> None:
    parameters = (
        Parameter("heap", "positional_only", type=named("builtins.list", INT)),
        Parameter("table", "positional_only", type=named("builtins.dict", STR, INT)),
        Parameter("seen", "positional_only", type=named("builtins.set", INT)),
        Parameter("frozen", "positional_only", type=named("builtins.frozenset", INT)),
        Parameter("items", "positional_only", type=named("collections.abc.Sequence", INT)))
    # All a function returning None does is a side effect, which a copy would lose.
    assert mapped_parameters(Function(name="push", parameters=parameters, returns=NoneType())) \
        == [cpp("list_ref", C_INT), cpp("dict_ref", C_STR, C_INT), cpp("set_ref", C_INT),
            cpp("frozenset", C_INT), cpp("list", C_INT)]
    # Special methods store what they are given (a constructor, __setitem__): they copy.
    assert mapped_parameters(Function(name="__init__", parameters=parameters[:1],
                                      returns=NoneType())) == [cpp("list", C_INT)]
    # Without an annotated result nothing says the function acts by side effect.
    assert mapped_parameters(Function(name="f", parameters=parameters[:1])) == \
        [cpp("list", C_INT)]


def test_plain_containers_a_stub_asks_for_share() -> None:
    # Stubs take Sequence or Mapping for what they only read: heappop(heap: list[T]) -> T.
    stub = TypeSource("stub", Location("_heapq.pyi", 8))
    heap = Parameter("heap", "positional_only", type=named("builtins.list", INT), type_source=stub)
    read = Parameter("items", "positional_only", type=named("collections.abc.Sequence", INT),
                     type_source=stub)
    assert mapped_parameters(Function(name="heappop", parameters=(heap, read), returns=INT)) \
        == [cpp("list_ref", C_INT), cpp("list", C_INT)]
    assert mapped_parameters(Function(name="__init__", parameters=(heap,), returns=NoneType())) \
        == [cpp("list", C_INT)]


# -- typemap: functions generic in a TypeVar -----------------------------------------------------


def generic_of(function: Function) -> Optional[Generic]:
    api = typemap.run(Api("3.11", (module_of(function),)), [])
    return api.modules[0].functions[0].generic


def test_a_typevar_deduced_from_a_parameter_makes_a_function_template() -> None:
    t, k = TypeVarType("_T"), TypeVarType("K")
    stub = TypeSource("stub", Location("_heapq.pyi", 8))
    heap = Parameter("heap", "positional_only", type=named("builtins.list", t), type_source=stub,
                     cpp_name="heap")
    item = Parameter("item", "positional_only", type=t, cpp_name="item")
    pop = generic_of(Function(name="heappop", parameters=(heap,), returns=t))
    assert pop == Generic(("T",), (CppType("list_ref", (CppType("typevar", name="T"),)),),
                          CppType("typevar", name="T"), (False,))
    # The second use of T is not deduced: heappush(intlist, 5) takes 5 as an int64.
    push = generic_of(Function(name="heappush", parameters=(heap, item), returns=NoneType()))
    assert push is not None and push.repeated == (False, True) and push.returns == cpp("none")
    # Two TypeVars, a dict of them, in order of first use.
    table = Parameter("table", "positional_only", type=named("builtins.dict", k, t),
                      cpp_name="table")
    assert generic_of(Function(name="first", parameters=(table,), returns=union(t, NoneType()))) \
        == Generic(("K", "T"), (cpp("dict", CppType("typevar", name="K"),
                                    CppType("typevar", name="T")),),
                   cpp("optional", CppType("typevar", name="T")), (False,))


def test_a_template_takes_the_other_parameters_as_the_plain_wrapper_does() -> None:
    # bisect_left(a: Sequence[T], x: T, lo: int = 0, *, key: None = None): T from the required
    # positional parameters; lo and key as the plain wrapper takes them.
    t = TypeVarType("T")
    a = Parameter("a", "positional_only", type=named("collections.abc.Sequence", t),
                  cpp_name="a")
    x = Parameter("x", "positional_only", type=t, cpp_name="x")
    lo = Parameter("lo", "positional_or_keyword", True, type=INT, cpp_name="lo", cpp_type=C_INT)
    key = Parameter("key", "keyword_only", True, type=NoneType(), cpp_name="key",
                    cpp_type=C_OBJECT)
    g = generic_of(Function(name="bisect_left", parameters=(a, x, lo, key), returns=INT))
    assert g == Generic(("T",), (cpp("list", CppType("typevar", name="T")),
                                 CppType("typevar", name="T"), C_INT, C_OBJECT), C_INT,
                        (False, True, False, False))


def test_no_function_template_where_cpp_cannot_deduce_or_call_alike() -> None:
    t = TypeVarType("T")
    x = Parameter("x", "positional_or_keyword", type=t, cpp_name="x")
    # Only in the result: nothing to deduce from.
    assert generic_of(Function(name="make", returns=t)) is None
    # Inside a std::function, which a lambda does not deduce.
    call = Parameter("f", "positional_only", cpp_name="f", type=named(
        "collections.abc.Callable", ListOfTypes((t,)), INT))
    assert generic_of(Function(name="apply", parameters=(call,), returns=t)) is None
    # A TypeVar in a parameter with a default, or keyword-only: the plain wrapper alone.
    assert generic_of(Function(name="f", parameters=(
        Parameter("x", "positional_or_keyword", True, type=t, cpp_name="x"),))) is None
    assert generic_of(Function(name="f", parameters=(
        Parameter("y", "positional_only", type=INT, cpp_name="y"),
        Parameter("x", "keyword_only", type=t, cpp_name="x")))) is None
    # Constrained and bounded TypeVars have their own rules; a parameter named like T hides it.
    assert generic_of(Function(name="f", parameters=(Parameter(
        "x", "positional_only", type=TypeVarType("S", constraints=(STR, BYTES)), cpp_name="x"),),
        returns=INT)) is None
    assert generic_of(Function(name="f", parameters=(
        x, Parameter("T", "positional_only", type=t, cpp_name="T")))) is None
    assert generic_of(Function(name="f", parameters=(x,), returns=t)) is not None


def test_a_constrained_typevar_no_parameter_decides_is_one_of_its_constraints() -> None:
    # re.Match[AnyStr].group() -> AnyStr: a str or a bytes.
    any_str = TypeVarType("AnyStr", constraints=(STR, BYTES))
    assert mapped(any_str, is_result=True) == (cpp("variant", C_STR, cpp("bytes")), [])
    assert mapped(union(any_str, NoneType()), is_result=True)[0] == cpp(
        "optional", cpp("variant", C_STR, cpp("bytes")))


def test_a_union_with_any_is_any_and_nested_alternatives_are_one_variant() -> None:
    any_str = TypeVarType("AnyStr", constraints=(STR, BYTES))
    # re.Match.groupdict() -> dict[str, AnyStr | Any]: any value.
    assert mapped(union(any_str, ANY), is_result=True) == (C_OBJECT, [])
    assert mapped(union(INT, OBJECT))[0] == C_OBJECT
    assert mapped(union(any_str, INT), is_result=True)[0] == cpp(
        "variant", C_STR, cpp("bytes"), C_INT)


def test_literal_none_is_optional_and_variants_can_key_and_fill_sets() -> None:
    # subprocess.run(text: Literal[None, False] = ...): an optional false.
    assert mapped(named("typing.Literal", LiteralValue(None), LiteralValue(False)))[0] == cpp(
        "optional", CppType("literal", (cpp("bool"),), values=(False,)))
    assert mapped(named("typing.Literal", LiteralValue(None)), is_result=True)[0] == cpp("none")
    # string.Formatter.check_unused_args(used_args: set[int | str]): std::variant has operator<.
    assert mapped(named("builtins.set", union(INT, STR)))[0] == cpp(
        "set", cpp("variant", C_INT, C_STR))
    assert mapped(named("builtins.dict", union(INT, STR), INT))[0] == cpp(
        "dict", cpp("variant", C_INT, C_STR), C_INT)


def test_mapping_views_are_copied_into_vectors_as_results() -> None:
    keys = named("collections.abc.KeysView", STR)
    items = named("collections.abc.ItemsView", STR, INT)
    assert mapped(keys, is_result=True)[0] == cpp("list", C_STR)
    assert mapped(items, is_result=True)[0] == cpp("list", cpp("tuple", C_STR, C_INT))
    # As a parameter a view is no list a C++ caller could pass.
    assert typemap.map_annotation(keys, "f() parameter 'k'", None, [], False,
                                  parameter=True) == C_OBJECT


def test_a_typevar_bound_to_what_cpp_cannot_state_makes_a_template_too() -> None:
    # statistics.median_high(data: Iterable[SupportsRichComparisonT]) -> SupportsRichComparisonT
    comparable = TypeVarType("SupportsRichComparisonT", bound=named("_typeshed.SupportsDunderLT"))
    data = Parameter("data", "positional_or_keyword", cpp_name="data",
                     type=named("collections.abc.Iterable", comparable))
    t = CppType("typevar", name="SupportsRichComparisonT")
    assert generic_of(Function(name="median_high", parameters=(data,), returns=comparable)) == \
        Generic(("SupportsRichComparisonT",), (cpp("list", t),), t, (False,))
    # A bound that maps is the type itself, template or not.
    sized = TypeVarType("N", bound=INT)
    number = Parameter("n", "positional_only", cpp_name="n", type=sized)
    assert generic_of(Function(name="twice", parameters=(number,), returns=sized)) is None


def test_literals_of_a_union_are_one_literal() -> None:
    # subprocess.Popen(text: Literal[True] | Literal[False, None]): an optional bool literal.
    text = union(named("typing.Literal", LiteralValue(True)),
                 named("typing.Literal", LiteralValue(False), LiteralValue(None)))
    assert mapped(text)[0] == cpp("optional", CppType("literal", (cpp("bool"),),
                                                      values=(True, False)))
    # The merged Literal keeps the place of the first.
    assert mapped(union(INT, named("typing.Literal", LiteralValue("a")),
                        named("typing.Literal", LiteralValue("b"))))[0] == cpp(
        "variant", C_INT, CppType("literal", (C_STR,), values=("a", "b")))


def test_a_variant_never_holds_one_cpp_type_twice() -> None:
    # subprocess.Popen(universal_newlines: bool | None | Literal[True]): an optional bool.
    assert mapped(union(BOOL, NoneType(), named("typing.Literal", LiteralValue(True))))[0] == \
        cpp("optional", cpp("bool"))
    # list[int] | tuple[int, ...] are both std::vector<std::int64_t>.
    assert mapped(union(named("builtins.list", INT), named("builtins.tuple", INT, EllipsisType()),
                        STR))[0] == cpp("variant", cpp("list", C_INT), C_STR)


def test_noreturn_in_a_union_is_no_alternative() -> None:
    # datetime.date.__sub__: date - timedelta -> date, date - datetime -> NoReturn, ...
    assert mapped(union(INT, named("typing.NoReturn"), STR), is_result=True)[0] == cpp(
        "variant", C_INT, C_STR)


def test_union_members_cpp_cannot_name_are_one_last_other_alternative() -> None:
    # fractions.Fraction.__lt__(b: int | float | Decimal | numbers.Real)
    real = named("numbers.Real")
    assert mapped(union(INT, real, FLOAT)) == (cpp("variant", C_INT, C_FLOAT, cpp("other")), [
        Diagnostic("note", "m.f() parameter 'x': 'numbers.Real' in 'int | numbers.Real | float' "
                   "is the pyhpp::other alternative (class numbers.Real is not part of this "
                   "binding target)", Location("m.py", 2))])
    assert mapped(union(named("numbers.Real"), named("numbers.Complex")))[0] == C_OBJECT
    # An optional of one such member is no better than an object.
    assert mapped(union(real, NoneType()))[0] == C_OBJECT

"""The one place that runs the stages in order: introspect -> passes -> render -> write."""

from __future__ import annotations

import contextlib
import os
import sys
from dataclasses import dataclass, field
from typing import Dict, Iterator, List, Optional, Tuple

from .diagnostics import Diagnostic, GenerationError
from .ir.model import Api
from .introspect.launch import IntrospectionFailed, run_introspection, stub_options
from .introspect.launch import list_modules as run_list
from .passes import exports, generics, inherit, macros, naming, signatures, typemap
from .passes import members, overloads

GENERATOR_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_NAMESPACE = ("py",)


@dataclass(frozen=True)
class Options:
    modules: Tuple[str, ...]
    python: str = sys.executable  # the target interpreter: its modules are wrapped
    paths: Tuple[str, ...] = ()  # put in front of the target's sys.path
    namespace: Tuple[str, ...] = DEFAULT_NAMESPACE
    output: str = "."
    depfile: Optional[str] = None  # make-style list of every file the output depends on
    stamp: Optional[str] = None  # touched after a successful run (the depfile's target)
    strict: bool = False  # warnings are errors
    # The C++ compiler whose headers' macros C++ names avoid; None: $CXX, else c++, g++, clang++.
    compiler: Optional[str] = None
    recursive: bool = False  # every public submodule of the packages too
    includes: Tuple[str, ...] = ()  # with recursive: only submodules matching these patterns
    excludes: Tuple[str, ...] = ()  # with recursive: not submodules matching these patterns
    modules_file: Optional[str] = None  # written (if changed) with the names of the modules
    stubs: Tuple[str, ...] = ()  # the user's stub directories, searched first
    use_stubs: bool = True  # False: no stubs at all (runtime annotations only)
    # The clang-format 14 that lays out the files; None: found (formatting.clang.find);
    # "none": pyhpp's own layout, which produces the same files.
    clang_format: Optional[str] = None


@dataclass
class Result:
    api: Api
    files: Dict[str, str] = field(default_factory=dict)  # relative path -> text
    changed: List[str] = field(default_factory=list)
    diagnostics: List[Diagnostic] = field(default_factory=list)
    inputs: List[str] = field(default_factory=list)  # Python files the modules imported
    tools: List[str] = field(default_factory=list)  # programs that made the files (clang-format)


@contextlib.contextmanager
def _child(python: str) -> Iterator[None]:
    """Turns a child interpreter that cannot start or that fails into a GenerationError."""
    try:
        yield
    except OSError as exc:
        raise GenerationError(f"cannot run Python '{python}': {exc.strerror}") from None
    except IntrospectionFailed as exc:
        raise GenerationError(exc.diagnostic.message, exc.diagnostic.location) from None


def introspect(options: Options) -> Tuple[Api, List[str], List[Diagnostic]]:
    """Runs the introspection stage inside the target interpreter, as a child process."""
    with _child(options.python):
        found = run_introspection(options.python, options.modules, options.paths,
                                  recursive=options.recursive, includes=options.includes,
                                  excludes=options.excludes,
                                  stubs=stub_options(options.stubs, options.use_stubs))
    if found.stderr.strip():
        sys.stderr.write(found.stderr)  # what the imported modules printed
    return found.api, list(found.files), list(found.diagnostics)


def list_modules(options: Options) -> Tuple[List[str], List[str], List[Diagnostic]]:
    """The modules `generate` would write files for, in order, without describing them; and
    the directories of the packages walked (with `recursive`)."""
    with _child(options.python):
        names, directories, found = run_list(options.python, options.modules, options.paths,
                                             options.recursive, options.includes,
                                             options.excludes)
    return names, directories, found


def analyse(options: Options) -> Result:
    """Introspection and passes: the IR the renderer sees."""
    api, inputs, diagnostics = introspect(options)
    api = signatures.run(api)
    api = exports.run(api)
    api = naming.run(api, options.namespace, diagnostics,
                     macros.discover(options.compiler, options.python, diagnostics))
    api = generics.run(api)
    api = typemap.run(api, diagnostics)
    api = inherit.run(api, diagnostics)
    api = overloads.run(api, diagnostics)
    api = members.run(api, diagnostics)
    # Inherited members are described once per class that has them: one report each.
    diagnostics[:] = sorted(set(diagnostics), key=lambda d: (
        d.location.file if d.location else "", d.location.line if d.location else 0,
        d.message, d.severity))
    return Result(api=api, diagnostics=diagnostics, inputs=inputs)


def generate(options: Options) -> Result:
    from . import formatting, render  # Jinja2 is needed from here on only

    clang_format = formatting.clang.find(options.clang_format)  # fails early on a bad request
    result = analyse(options)
    if clang_format:
        result.tools.append(os.path.realpath(clang_format))
    for d in result.diagnostics:
        if d.severity == "error" or (options.strict and d.severity == "warning"):
            suffix = " (--strict makes warnings errors)" if d.severity == "warning" else ""
            raise GenerationError(d.message + suffix, d.location)
    env = render.environment()
    formatter = formatting.Formatter(clang_format)
    formatter.submit(render.render_api(env, result.api, list(options.namespace)))
    result.files.update(formatter.results())
    # Everything is rendered before anything is written: a failure leaves no partial output.
    try:
        _write(options, result)
    except OSError as exc:
        raise GenerationError(f"cannot write {exc.filename or options.output}: "
                              f"{exc.strerror or exc}") from None
    return result


def _write(options: Options, result: Result) -> None:
    from .write import write_all, write_if_changed

    result.changed = write_all(options.output, result.files)
    if options.depfile:
        target = options.stamp or os.path.join(options.output, sorted(result.files)[0])
        deps = sorted(set(result.inputs) | set(result.tools) | set(_generator_files()))
        text = _escape(os.path.abspath(target)) + ": " + " \\\n  ".join(
            _escape(d) for d in deps) + "\n"
        write_if_changed(options.depfile, text)
    if options.modules_file:
        # What a recursive run found: CMake re-configures when it changes (a new submodule).
        write_if_changed(options.modules_file,
                         "".join(m.name + "\n" for m in result.api.modules))
    if options.stamp:
        os.makedirs(os.path.dirname(os.path.abspath(options.stamp)), exist_ok=True)
        with open(options.stamp, "w", encoding="utf-8") as stamp:
            stamp.write("\n".join(sorted(result.files)) + "\n")


def _generator_files() -> List[str]:
    """pyhpp's own sources, templates, style file and exception table: changing them
    regenerates too."""
    from . import formatting, render
    from .exception_table import EXCEPTIONS_FILE

    files = render.template_files() + [formatting.STYLE_FILE, EXCEPTIONS_FILE]
    for root, _dirs, names in os.walk(os.path.join(GENERATOR_DIR, "pyhpp")):
        files += [os.path.join(root, n) for n in names if n.endswith(".py")]
    return files


def _escape(path: str) -> str:
    return path.replace("\\", "\\\\").replace(" ", "\\ ").replace("#", "\\#").replace("$", "$$")

"""Render: IR -> C++ text through the Jinja2 templates in templates/. Sees only the IR."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Dict, List, Optional, Set

from .. import __version__
from ..ir.model import Api, Module
from ..formatting.comments import wrap_comments
from .cpp import escape, literal_text
from .views import strip_default
from .views_class import module_view, split_modules

if TYPE_CHECKING:
    import jinja2

TEMPLATES_DIR = os.environ.get("PYHPP_TEMPLATES") or os.path.join(
    os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))),
    "templates",
)


def environment(templates_dir: str = TEMPLATES_DIR) -> jinja2.Environment:
    # Imported here: Jinja2's own annotations fill typing's cache of unions, which ignores the
    # order of members (after it, `Union[int, str]` comes back as its `Union[str, int]`), and
    # code that only spells types (render/cpp.py) must not bring that into a process that
    # introspects.
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates_dir),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,
    )
    env.filters["cpp_string"] = escape
    env.filters["strip_default"] = strip_default
    env.filters["cpp_literal"] = literal_text
    return env


def template_files(templates_dir: str = TEMPLATES_DIR) -> List[str]:
    return sorted(
        os.path.join(templates_dir, name)
        for name in os.listdir(templates_dir)
        if name.endswith(".j2")
    )


def _tidy(text: str) -> str:
    """Collapses runs of blank lines and trailing spaces left by template control blocks, and
    wraps comments within the column limit (formatting/ lays out the code)."""
    lines = [line.rstrip() for line in wrap_comments(text).splitlines()]
    out: List[str] = []
    for line in lines:
        if not line and out and not out[-1]:
            continue
        out.append(line)
    while out and not out[-1]:
        out.pop()
    # An empty namespace reads as clang-format writes it.
    for i in range(len(out) - 2):
        if (out[i].startswith("namespace ") and out[i].endswith(" {") and not out[i + 1]
                and out[i + 2] == "} // " + out[i][:-2]):
            out[i:i + 3] = [out[i] + "} // " + out[i][:-2]]
            break
    return "\n".join(out) + "\n"


def render_api(env: jinja2.Environment, api: Api, namespace_root: List[str]) -> Dict[str, str]:
    """The files of every module of `api` (see render_module)."""
    split = split_modules(api)
    files: Dict[str, str] = {}
    for module in api.modules:
        files.update(render_module(env, api, module, namespace_root, split))
    return files


def render_module(
    env: jinja2.Environment, api: Api, module: Module, namespace_root: List[str],
    split: Optional[Set[str]] = None,
) -> Dict[str, str]:
    """The files of one module: {"include/<NS>/a/b.hpp": text, "src/<NS>/a/b.cpp": text},
    and "include/<NS>/a/b.decl.hpp" when its header comes in two (views_class.split_modules)."""
    view = module_view(api, module, api.python_version, __version__, namespace_root, split)
    header = _tidy(env.get_template("module.hpp.j2").render(module=view))
    source = _tidy(env.get_template("module.cpp.j2").render(module=view))
    files = {"src/" + view.source_path: source}
    if view.decl_path:
        files["include/" + view.decl_path] = header
        files["include/" + view.header_path] = _tidy(
            env.get_template("public.hpp.j2").render(module=view))
    else:
        files["include/" + view.header_path] = header
    return files

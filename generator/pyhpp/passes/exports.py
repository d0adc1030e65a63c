"""Pass: one wrapper per class, however many modules of the target export it.

A package re-exports what its submodules define (`from .environment import Template`), and
several modules of a binding target may export the very same object. Each such object is
wrapped once, in its home module, and every other module that exports it gets an Alias
(`using Template = ::py::jinja2::environment::Template;`), so all spellings are one C++ type.

The home of an object, in order of preference:
1. the module that defines it, exporting it under its own name, when that module is part of
   the target (`jinja2.environment` for jinja2.environment.Template);
2. the first module of the target (in the order of Api.modules) that exports it under its own
   name;
3. the first module that exports it at all.
Functions are not aliased: every module that exports a function gets a wrapper of its own
(calling the same Python function through that module). A using-declaration would need the
home's declaration first, which modules that import each other cannot always give, and could
not rename a function re-exported under another name.
"""

from __future__ import annotations

import dataclasses
from typing import Dict, List, Sequence, Tuple

from ..ir.model import Alias, Api, Module

# (index of the module in Api.modules, the name it exports the object as)
_Export = Tuple[int, str]


def _home(identity: str, exports: Sequence[_Export], modules: Sequence[Module]) -> _Export:
    own_name = identity.rsplit(".", 1)[-1]
    for index, name in exports:
        if f"{modules[index].name}.{name}" == identity:
            return index, name
    for index, name in exports:
        if name == own_name:
            return index, name
    return exports[0]


def _homes(api: Api) -> Dict[str, _Export]:
    exports: Dict[str, List[_Export]] = {}
    for index, module in enumerate(api.modules):
        for item in module.classes:
            if item.qualname:
                exports.setdefault(item.qualname, []).append((index, item.name))
    return {identity: _home(identity, found, api.modules)
            for identity, found in exports.items() if len(found) > 1}


def run(api: Api) -> Api:
    class_homes = _homes(api)
    modules = []
    for index, module in enumerate(api.modules):
        aliases = list(module.aliases)
        classes = []
        for c in module.classes:
            home = class_homes.get(c.qualname)
            if home is None or home == (index, c.name):
                classes.append(c)
            else:
                aliases.append(Alias(c.name, c.qualname, c.location))
        modules.append(dataclasses.replace(module, classes=tuple(classes),
                                           aliases=tuple(aliases)))
    return dataclasses.replace(api, modules=tuple(modules))

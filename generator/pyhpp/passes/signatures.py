"""Pass: a function whose signature could not be read takes `*args` and `**kwargs` of objects."""

from __future__ import annotations

import dataclasses

from ..ir.model import Api, Parameter

UNKNOWN_PARAMETERS = (
    Parameter("args", "var_positional"),
    Parameter("kwargs", "var_keyword"),
)


def run(api: Api) -> Api:
    modules = []
    for m in api.modules:
        functions = tuple(
            f if f.signature_known or f.parameters
            else dataclasses.replace(f, parameters=UNKNOWN_PARAMETERS)
            for f in m.functions
        )
        modules.append(dataclasses.replace(m, functions=functions))
    return dataclasses.replace(api, modules=tuple(modules))

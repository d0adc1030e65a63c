"""JSON (de)serialisation of the IR: every dataclass of ir/model.py as a dict tagged by "node".

Standard library only and importable on Python 3.8: the introspection runner imports it inside
the target interpreter. Dataclasses become dicts whose first key is "node" (the class name),
followed by the fields in declaration order; tuples become lists and None stays null.
`from_dict` rebuilds the frozen objects, so `from_json(to_json(api)) == api`.
"""

from __future__ import annotations

import dataclasses
import enum
import json
from typing import Any, Dict, Tuple

from pyhpp.ir import model
from pyhpp.ir.kinds import Kind

# Every IR node class, by name: the dataclasses defined in ir/model.py.
NODE_CLASSES: Dict[str, type] = {
    name: obj
    for name, obj in vars(model).items()
    if isinstance(obj, type)
    and dataclasses.is_dataclass(obj)
    and obj.__module__ == model.__name__
}

_SCALARS = (str, int, float, bool, type(None))

# Fields that hold a member of an enum: read back as that member, so an unknown one is an error.
_ENUM_FIELDS: Dict[Tuple[type, str], type] = {
    (model.CppType, "kind"): Kind,
    (model.Class, "kind"): model.ClassKind,
}


def to_dict(node: Any) -> Any:
    """Converts an IR node (or a tuple of them, or a scalar) to plain JSON-ready data."""
    if dataclasses.is_dataclass(node) and not isinstance(node, type):
        name = type(node).__name__
        if NODE_CLASSES.get(name) is not type(node):
            raise TypeError(f"{type(node).__qualname__} is not a node of pyhpp.ir.model")
        result: Dict[str, Any] = {"node": name}
        for field in dataclasses.fields(node):
            result[field.name] = to_dict(getattr(node, field.name))
        return result
    if isinstance(node, (tuple, list)):
        return [to_dict(item) for item in node]
    if isinstance(node, enum.Enum):
        return node.value
    if isinstance(node, _SCALARS):
        return node
    raise TypeError(f"cannot serialise a {type(node).__qualname__} in the IR: {node!r}")


def _check_schema_version(version: Any) -> None:
    if version != model.SCHEMA_VERSION:
        raise ValueError(
            f"IR schema version {version!r} is not supported: this pyhpp reads schema version "
            f"{model.SCHEMA_VERSION}"
        )


def from_dict(data: Any) -> Any:
    """Rebuilds IR nodes from `to_dict` output: tagged dicts -> nodes, lists -> tuples."""
    if isinstance(data, dict):
        if "node" not in data:
            raise ValueError(f"IR object without a 'node' key: {sorted(data)}")
        name = data["node"]
        cls = NODE_CLASSES.get(name)
        if cls is None:
            raise ValueError(f"unknown IR node {name!r}")
        if cls is model.Api:
            _check_schema_version(data.get("schema_version"))
        field_names = [field.name for field in dataclasses.fields(cls)]
        unknown = [key for key in data if key != "node" and key not in field_names]
        if unknown:
            raise ValueError(f"unknown field(s) {', '.join(unknown)} in IR node {name}")
        kwargs = {key: from_dict(value) for key, value in data.items() if key != "node"}
        for key, value in kwargs.items():
            kinds = _ENUM_FIELDS.get((cls, key))
            if kinds is not None:
                try:
                    kwargs[key] = kinds(value)
                except ValueError:
                    raise ValueError(f"unknown {key} {value!r} in IR node {name}") from None
        return cls(**kwargs)
    if isinstance(data, list):
        return tuple(from_dict(item) for item in data)
    if isinstance(data, _SCALARS):
        return data
    raise ValueError(f"unexpected {type(data).__qualname__} in IR data: {data!r}")


def to_json(api: model.Api) -> str:
    """The Api as deterministic JSON text: 2-space indent, UTF-8 text, a trailing newline."""
    return json.dumps(to_dict(api), indent=2, ensure_ascii=False) + "\n"


def from_json(text: str) -> model.Api:
    """Parses `to_json` output; a ValueError names both versions when the schema differs."""
    data = json.loads(text)
    if not isinstance(data, dict) or data.get("node") != "Api":
        raise ValueError("IR JSON must be an object with \"node\": \"Api\" at the top")
    _check_schema_version(data.get("schema_version"))
    api = from_dict(data)
    assert isinstance(api, model.Api)
    return api

"""Walking the config schema: the one place that reads the ``Params`` dataclass tree.

The validator, the parameter documentation and the uncertain-parameter space all ask
the same questions of the schema (which keys a section allows, every leaf with its
type and metadata, the field behind a dotted key) and of a config mapping (the value
at a dotted key); they answer them here.
"""

from __future__ import annotations

import dataclasses
import functools
import typing
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sim.config.schema import Params


@dataclass(frozen=True)
class Leaf:
    """A parameter: its dotted key, type annotation and metadata (doc, unit, lo, hi, choices)."""

    key: str
    hint: Any
    meta: Mapping[str, Any]


@functools.cache
def fields_of(cls: type) -> dict[str, tuple[dataclasses.Field, Any]]:
    """Field name -> (field, resolved type annotation) of a schema dataclass, in order."""
    hints = typing.get_type_hints(cls)
    return {f.name: (f, hints[f.name]) for f in dataclasses.fields(cls)}


def is_section(hint: Any) -> bool:
    return dataclasses.is_dataclass(hint)


def leaves(cls: type = Params, prefix: str = "") -> dict[str, Leaf]:
    """Dotted key -> ``Leaf`` for every parameter below ``cls``, in schema order."""
    out: dict[str, Leaf] = {}
    for name, (f, hint) in fields_of(cls).items():
        key = f"{prefix}{name}"
        if is_section(hint):
            out.update(leaves(hint, key + "."))
        else:
            out[key] = Leaf(key, hint, f.metadata)
    return out


class NotInSchema(KeyError):
    """A dotted key that names nothing in the schema: ``part`` is missing from ``section``,
    or (``below_leaf``) the key goes on below the parameter ``part`` of ``section``."""

    def __init__(self, key: str, part: str, section: type, below_leaf: bool = False) -> None:
        super().__init__(key)
        self.key, self.part, self.section, self.below_leaf = key, part, section, below_leaf


def resolve(key: str, root: type = Params) -> type | Leaf:
    """The section (a dataclass) or the ``Leaf`` a dotted key names; ``NotInSchema`` if
    none. A key that goes on below a leaf is not in the schema either."""
    cls: type = root
    parts = [p for p in key.split(".") if p]
    for i, part in enumerate(parts):
        fields = fields_of(cls)
        if part not in fields:
            raise NotInSchema(key, part, cls)
        f, hint = fields[part]
        if is_section(hint):
            cls = hint
            continue
        if i != len(parts) - 1:
            raise NotInSchema(key, part, cls, below_leaf=True)
        return Leaf(".".join(parts), hint, f.metadata)
    return cls


def get_value(tree: Mapping[str, Any], key: str) -> Any:
    """The value at a dotted key of a nested config mapping."""
    node: Any = tree
    for part in key.split("."):
        node = node[part]
    return node


def set_value(tree: dict[str, Any], key: str, value: Any) -> None:
    """Set the value at a dotted key of a nested config mapping (the sections must exist)."""
    *path, leaf = key.split(".")
    node = tree
    for part in path:
        node = node[part]
    node[leaf] = value

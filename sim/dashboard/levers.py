"""The dashboard's controls, read from the config schema and the preset folders.

Each policy parameter becomes a control from its declaration in ``sim/config/schema.py``
(type, unit, allowed range, allowed strings), and each config group a select of the
presets in its folder, so a lever or preset added to the schema or to ``configs/``
appears in the dashboard without UI code.
"""

from __future__ import annotations

import functools
import types
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sim.config import config_dir, presets
from sim.config.compose import group_defaults, regime_overrides
from sim.config.walk import Leaf, leaves

NONE = "(none)"  # the select entry for "no regime"


@dataclass(frozen=True)
class Lever:
    """One policy parameter as a control."""

    key: str  # dotted, e.g. policy.visits.grid_households
    kind: str  # "int", "float", "bool" or "choice"
    optional: bool  # null allowed (e.g. no routine cadre visits)
    doc: str
    unit: str
    lo: float | None
    hi: float | None
    choices: tuple[str, ...]

    @property
    def group(self) -> str:
        """The config group the parameter belongs to: ``policy/visits``."""
        return "/".join(self.key.split(".")[:2])

    @property
    def label(self) -> str:
        name = self.key.split(".")[-1].replace("_", " ")
        return f"{name} ({self.unit})" if self.unit and self.kind != "bool" else name

    @property
    def allowed(self) -> str:
        """The allowed values in words, as the validator enforces them."""
        if self.kind == "choice":
            text = ", ".join(self.choices)
        elif self.kind == "bool":
            text = "true or false"
        else:
            lo = "no lower bound" if self.lo is None else f"{self.lo:g}"
            hi = "no upper bound" if self.hi is None else f"{self.hi:g}"
            text = f"{lo} to {hi}"
        return text + (", or none" if self.optional else "")

    def span(self, value: float | None) -> tuple[float, float, float]:
        """Slider minimum, maximum and step: the allowed range, narrowed to a window a
        slider can show where the schema's bound is far away (a bound such as 100,000
        days only says "never"); typing a value in the config reaches the rest."""
        lo = 0.0 if self.lo is None else float(self.lo)
        current = lo if value is None else float(value)
        window = max(4 * abs(current), lo + (10 if self.kind == "int" else 1.0))
        hi = window if self.hi is None else min(float(self.hi), window)
        if self.kind == "int":
            return lo, max(hi, lo + 1), 1
        return lo, max(hi, lo + 1e-6), (max(hi, lo + 1e-6) - lo) / 100


def _kind(leaf: Leaf) -> tuple[str, bool] | None:
    hint, optional = leaf.hint, False
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        hint, optional = args[0], True
    if leaf.meta.get("choices"):
        return "choice", optional
    if hint is bool:
        return "bool", optional
    if hint in (int, float):
        return hint.__name__, optional
    return None  # free text (a preset's label): no control


def policy_levers() -> list[Lever]:
    """Every policy parameter with a control, in schema order."""
    out = []
    for leaf in leaves().values():
        kind = _kind(leaf) if leaf.key.startswith("policy.") else None
        if kind is None:
            continue
        meta = leaf.meta
        out.append(
            Lever(
                key=leaf.key,
                kind=kind[0],
                optional=kind[1],
                doc=meta.get("doc", ""),
                unit=meta.get("unit", ""),
                lo=meta.get("lo"),
                hi=meta.get("hi"),
                choices=tuple(meta.get("choices") or ()),
            )
        )
    return out


def policy_groups() -> list[str]:
    """The policy config groups (``policy/visits``, ...), from the folders under configs/."""
    return sorted(f"policy/{p.name}" for p in (config_dir() / "policy").iterdir() if p.is_dir())


def group_choices(group: str) -> list[str]:
    """The presets of a config group; the regime group may also be left unset."""
    names = presets(group)
    return [NONE, *names] if group == "regime" else names


def override_text(value: Any) -> str:
    """A control's value as Hydra override text."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float):
        return repr(round(value, 6))
    return str(value)


def default_presets() -> dict[str, str]:
    """The policy groups' default presets, from configs/config.yaml's defaults list."""
    return dict(_policy_defaults(config_dir()))


def regime_presets(regime: str) -> dict[str, str]:
    """The group presets a named regime sets (``configs/regime/NAME.yaml``)."""
    if regime == NONE:
        return {}
    return dict(_regime_presets(config_dir(), regime))


# Every preset change asks which regime a pane's presets now match, i.e. what each
# regime sets: the files are read once per config folder (tests may point at another
# one), and callers get copies.
@functools.cache
def _policy_defaults(directory: Path) -> dict[str, str]:
    defaults = group_defaults(directory)
    return {g: defaults[g] for g in policy_groups() if g in defaults}


@functools.cache
def _regime_presets(directory: Path, regime: str) -> dict[str, str]:
    return dict(o.split("=", 1) for o in regime_overrides(f"regime={regime}"))


def pane_overrides(chosen: dict[str, str], levers: dict[str, Any]) -> tuple[str, ...]:
    """A pane's overrides: a preset for every policy group, then the levers moved away
    from their preset's value (later ones win, see ``merge_overrides``)."""
    out = [f"{g}={p}" for g, p in chosen.items()]
    out += [f"{k}={override_text(v)}" for k, v in levers.items()]
    return tuple(out)

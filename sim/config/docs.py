"""Parameter tables for docs/ODD.md, generated from the schema and the base presets,
and the metric table of README.md, generated from the metric registry.

The schema gives each parameter's meaning, unit and allowed range; the base presets
give its default value and, in the line's comment, its source. ``python -m
sim.config.docs`` rewrites the generated blocks of docs/ODD.md and README.md; a test
fails when a block is stale, so the documentation cannot drift from the code.
"""

from __future__ import annotations

import argparse
import re
import typing
from pathlib import Path

from sim.config.compose import compose_config, config_dir
from sim.config.validate import number
from sim.config.walk import get_value, leaves
from sim.metrics import METRICS_BEGIN, METRICS_END, metric_table

# The preset of each group that holds every parameter's default value and source.
BASE_PRESETS = {
    "scenario/village.yaml": "scenario",
    "policy/visits/weekly.yaml": "policy.visits",
    "policy/staffing/fengqiao.yaml": "policy.staffing",
    "policy/escalation/ladder.yaml": "policy.escalation",
    "policy/petitions/regulations.yaml": "policy.petitions",
    "policy/evaluation/none.yaml": "policy.evaluation",
    "policy/prevention/none.yaml": "policy.prevention",
    "behaviour/default.yaml": "behaviour",
    "costs/default.yaml": "costs",
}
BEGIN, END = (
    "<!-- BEGIN PARAMETER TABLES (python -m sim.config.docs) -->",
    "<!-- END PARAMETER TABLES -->",
)
SECTIONS = (
    ("scenario", "Scenario (the world)"),
    ("policy.visits", "Policy: visits"),
    ("policy.staffing", "Policy: staffing"),
    ("policy.escalation", "Policy: escalation"),
    ("policy.petitions", "Policy: petitions"),
    ("policy.evaluation", "Policy: evaluation of officials (recorded figures)"),
    ("policy.prevention", "Policy: prevention and informal institutions"),
    ("behaviour", "Behaviour (uncertain assumptions)"),
    ("costs", "Costs"),
)


def schema_fields() -> dict[str, dict]:
    """Dotted key -> field metadata (doc, unit, lo, hi, choices) and type, for every leaf."""
    return {key: {**leaf.meta, "type": leaf.hint} for key, leaf in leaves().items()}


def preset_comments(path: Path, root: str) -> dict[str, str]:
    """Dotted key -> trailing comment of every value line of a preset file."""
    out: dict[str, str] = {}
    stack: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^(\s*)(\w+):\s*([^#]*?)\s*(?:#\s*(.*))?$", line)
        if not m or line.lstrip().startswith("#"):
            continue
        indent, key, value, comment = m.groups()
        stack = stack[: len(indent) // 2]
        if value == "":
            stack.append(key)
        elif key != "name":
            out[".".join([root, *stack, key])] = comment or ""
    return out


def documented_parameters() -> dict[str, str]:
    """Every parameter documented in a base preset, with its comment."""
    out: dict[str, str] = {}
    for name, root in BASE_PRESETS.items():
        out.update(preset_comments(config_dir() / name, root))
    return out


def _allowed(meta: dict) -> str:
    if meta.get("choices"):
        return " / ".join(meta["choices"])
    lo, hi = meta.get("lo"), meta.get("hi")
    text = (
        f"[{number(lo)}, {number(hi)}]"
        if lo is not None and hi is not None
        else (f"≥ {number(lo)}" if lo is not None else "any")
    )
    return text + (", or null" if type(None) in typing.get_args(meta["type"]) else "")


def _value(cfg: dict, key: str) -> str:
    node = get_value(cfg, key)
    return "null" if node is None else str(node).lower() if isinstance(node, bool) else str(node)


def parameter_tables() -> str:
    """Markdown tables of every model parameter, by group."""
    fields = schema_fields()
    comments = documented_parameters()
    cfg = compose_config([])
    behaviour = cfg["behaviour"]["name"]
    if behaviour != "default":  # a fitted preset's lines say where its values come from
        comments.update(
            preset_comments(config_dir() / "behaviour" / f"{behaviour}.yaml", "behaviour")
        )
    lines = [BEGIN, ""]
    for root, title in SECTIONS:
        lines += [
            f"#### {title}",
            "",
            "| parameter | default | allowed | unit | meaning | source |",
            "|---|---|---|---|---|---|",
        ]
        for key, meta in fields.items():
            if not key.startswith(root + ".") or key.endswith(".name"):
                continue
            source = comments.get(key, "").rsplit("|", 1)[-1].strip() or "UNDOCUMENTED"
            short = key[len(root) + 1 :]
            lines.append(
                f"| `{short}` | {_value(cfg, key)} | {_allowed(meta)} | {meta.get('unit') or ''} "
                f"| {meta['doc']} | {source} |"
            )
        lines.append("")
    lines.append(END)
    return "\n".join(lines)


def replace_block(text: str, block: str, begin: str = BEGIN, end_mark: str = END) -> str:
    start, end = text.index(begin), text.index(end_mark) + len(end_mark)
    return text[:start] + block + text[end:]


def main() -> None:
    parser = argparse.ArgumentParser(
        description="Regenerate the parameter tables of docs/ODD.md and the metric table of README"
    )
    parser.add_argument("--odd", type=Path, default=config_dir().parent / "docs" / "ODD.md")
    parser.add_argument("--readme", type=Path, default=config_dir().parent / "README.md")
    args = parser.parse_args()
    args.odd.write_text(
        replace_block(args.odd.read_text(encoding="utf-8"), parameter_tables()), encoding="utf-8"
    )
    print(f"updated {args.odd}")
    readme = args.readme.read_text(encoding="utf-8")
    args.readme.write_text(
        replace_block(readme, metric_table(), METRICS_BEGIN, METRICS_END), encoding="utf-8"
    )
    print(f"updated {args.readme}")


if __name__ == "__main__":
    main()

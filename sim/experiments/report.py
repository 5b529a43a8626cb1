"""A planner's report: the question, the arms in plain words, a headline table, figures,
caveats and provenance; rendered once as Markdown and once as self-contained HTML.

The content is built as a list of blocks and rendered twice, so the two files always say
the same thing. The HTML embeds its figures as base64 PNG: one file to send by e-mail.
"""

from __future__ import annotations

import base64
import html
import math
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import yaml

from sim.experiments.design import Experiment
from sim.experiments.figures import Figure
from sim.experiments.planner import SAME, ce_table, headline_table, opening, pct
from sim.metrics import METRICS, label, pair_title, recorded_pairs

NOISE_ONLY = (
    "Intervals are 95% t-intervals over replications: they describe uncertainty from the "
    "model's randomness only, not from its assumptions or parameters (run with --ensemble "
    "to carry the calibration's parameter uncertainty into them)."
)
WITH_ENSEMBLE = (
    "Intervals are 95% t-intervals over the ensemble members' means: they carry the "
    "model's randomness and the spread between parameter sets that fit the reported "
    "figures about equally well, not the uncertainty of the stated assumptions left "
    "out of the calibration or of the model's structure."
)
STANDING_CAVEATS = (
    "Differences are paired: replication r of every arm uses the same seed, so the same "
    "disputes arise in every arm (common random numbers), and each arm is compared with the "
    "baseline in the same simulated world.",
    "P(better) is the share of paired replications in which the arm did better than the "
    "baseline (ties count half), not a posterior probability.",
    "Behaviour is the calibrated preset (configs/behaviour/calibrated.yaml) unless overridden; "
    "values marked 'assumption' in configs/ are not fitted to data (docs/ODD.md, section 8).",
)


@dataclass
class Report:
    blocks: list[tuple] = field(default_factory=list)

    def h(self, level: int, text: str) -> None:
        self.blocks.append(("h", level, text))

    def p(self, text: str) -> None:
        self.blocks.append(("p", text))

    def ul(self, items: list[str]) -> None:
        self.blocks.append(("ul", items))

    def table(self, header: list[str], rows: list[list[str]]) -> None:
        self.blocks.append(("table", header, rows))

    def figure(self, fig: Figure, png: Path) -> None:
        self.blocks.append(("figure", fig, png))

    def pre(self, text: str) -> None:
        self.blocks.append(("pre", text))


def _num(v: float, digits: int = 3) -> str:
    if v is None or not math.isfinite(v):
        return "n/a"
    if abs(v) >= 1000:
        return f"{v:,.0f}".replace("-", "−")
    return f"{v:.{digits}g}".replace("-", "−")


def _direction(metric: str) -> str:
    better = METRICS[metric].better
    return "neither direction is better" if better == "none" else f"{better} is better"


def _signed(v: float) -> str:
    text = _num(v)
    return text if text.startswith(("−", "n/a")) or v == 0 else f"+{text}"


def build_report(
    exp: Experiment,
    summary: pd.DataFrame,
    paired: pd.DataFrame,
    rank: pd.DataFrame,
    figures: list[tuple[Figure, Path]],
    provenance: dict,
    errors: list[str],
    ce: dict[str, pd.DataFrame],
) -> Report:
    """The report's blocks, in reading order: the finding in one paragraph, question and
    design, arms, headline and cost-effectiveness, tables, figures, caveats, failures,
    provenance. ``ce``: cost-effectiveness by outcome (``costeffect.cost_effectiveness``)."""
    r = Report()
    members = provenance.get("ensemble_members", 0)
    r.h(1, f"Experiment: {exp.name}")
    r.p(opening(exp, paired, rank, ce, members))
    _design(r, exp, provenance, members)
    _arms_and_headline(r, exp, paired, rank, ce)
    _tables(r, exp, summary, paired, ensemble=members > 0)
    _recorded_beside_true(r, exp, summary, paired)
    r.h(2, "Figures")
    for fig, png in figures:
        r.figure(fig, png)
    r.h(2, "Caveats")
    r.ul([*exp.caveats, WITH_ENSEMBLE if members > 0 else NOISE_ONLY, *STANDING_CAVEATS])
    if errors:
        r.h(2, "Runs that failed")
        r.ul(errors[:20] + ([f"... and {len(errors) - 20} more"] if len(errors) > 20 else []))
    r.h(2, "Provenance")
    r.ul([f"{k}: {v}" for k, v in provenance.items() if k != "experiment_config"])
    r.pre(yaml.safe_dump(provenance["experiment_config"], sort_keys=False, allow_unicode=True))
    return r


def _design(r: Report, exp: Experiment, provenance: dict, members: int) -> None:
    r.p(f"**Question.** {exp.question}")
    across = f" × {members} ensemble members" if members else ""
    r.p(
        f"{len(exp.arms)} arms{across} × {provenance['replications']} replications on the "
        f"'{provenance['scenario']}' scenario ({provenance['days']} days each). "
        f"Baseline: **{exp.baseline}**. Primary metric: {label(exp.primary_metric)} "
        f"({_direction(exp.primary_metric)})."
    )
    if members:
        r.p(
            f"Every arm ran under each of the {members} parameter sets of the calibration "
            f"ensemble ({provenance['ensemble']}) with the same seeds. Intervals are over the "
            "members' means, so they include what the calibration leaves unknown about "
            "behaviour."
        )


def _arms_and_headline(
    r: Report,
    exp: Experiment,
    paired: pd.DataFrame,
    rank: pd.DataFrame,
    ce: dict[str, pd.DataFrame],
) -> None:
    r.h(2, "Arms")
    r.table(
        ["arm", "in plain words", "overrides"],
        [
            [
                a.name + (" (baseline)" if a.name == exp.baseline else ""),
                a.words,
                " ".join(a.overrides) or "(defaults)",
            ]
            for a in exp.arms
        ],
    )
    if exp.notes:
        r.ul(list(exp.notes))
    r.h(2, "Headline: each arm against the baseline")
    r.p(
        f"Best first on {label(exp.primary_metric)}; an arm whose 95% interval includes no "
        f"change is {SAME} and ranked below every arm shown to do better."
    )
    r.table(*headline_table(exp, paired, rank, ce))
    r.h(3, "Cost-effectiveness")
    r.p(CE_TEXT)
    r.table(*ce_table(exp, ce))


CE_TEXT = (
    "Cheapest first. Extra cost and escalations averted a year are paired differences from "
    "the baseline; the ratio is the extra yuan per escalation (or petition) averted, with "
    "Fieller's 95% interval, and is not estimable when the effect's interval includes no "
    "change. On the frontier: no other option averts more for less, alone or mixed with a "
    "neighbour (dominated: another costs no more and averts at least as much; extendedly "
    "dominated: a mix of the frontier options on either side would avert more for the same "
    "money). The incremental ratio (ICER) is the extra yuan per extra escalation averted "
    "going from the previous frontier option to this one."
)


def _tables(
    r: Report, exp: Experiment, summary: pd.DataFrame, paired: pd.DataFrame, ensemble: bool
) -> None:
    r.h(2, "Means by arm [95% CI]")
    means = summary.set_index(["arm", "metric"])
    r.table(
        ["arm", *[label(m) for m in exp.metrics]],
        [[a.name, *[_interval(means, a.name, m) for m in exp.metrics]] for a in exp.arms],
    )
    r.h(2, "Paired differences from the baseline [95% CI]")
    diffs = paired.set_index(["arm", "metric"])
    others = [a for a in exp.arms if a.name != exp.baseline]
    r.table(
        ["arm", *[label(m) for m in exp.metrics]],
        [[a.name, *[_diff(diffs, a.name, m) for m in exp.metrics]] for a in others],
    )
    if not ensemble:
        return
    primary = exp.primary_metric
    r.h(2, f"Spread across the ensemble: {label(primary)}")
    r.table(
        ["arm", "pooled change [95% CI]", "lowest member's change", "highest member's change"],
        [
            [
                a.name,
                _diff(diffs, a.name, primary),
                _signed(float(diffs.loc[(a.name, primary), "member_min"])),
                _signed(float(diffs.loc[(a.name, primary), "member_max"])),
            ]
            for a in exp.arms
            if (a.name, primary) in diffs.index
        ],
    )


def _recorded_beside_true(
    r: Report, exp: Experiment, summary: pd.DataFrame, paired: pd.DataFrame
) -> None:
    """What officials' records show beside what happened, for every recorded metric the
    experiment reports together with its true counterpart (``sim.metrics``)."""
    pairs = [
        (rec, true) for rec, true in recorded_pairs() if {rec.name, true.name} <= set(exp.metrics)
    ]
    if not pairs:
        return
    r.h(2, "Recorded and true figures side by side")
    r.p(
        "Recorded: what an official report would show (the mediation ledger, petitions an "
        "office registered). True: what happened. Policies are judged by the true figures; "
        "the gap is what the assessment regime hides."
    )
    means = summary.set_index(["arm", "metric"])
    r.table(
        ["arm", *[f"{pair_title(rec)}: recorded / true" for rec, _ in pairs]],
        [
            [
                a.name,
                *[
                    f"{_mean(means, a.name, rec.name)} / {_mean(means, a.name, true.name)}"
                    for rec, true in pairs
                ],
            ]
            for a in exp.arms
        ],
    )
    diffs = paired.set_index(["arm", "metric"])
    r.p(f"Paired differences from the baseline ({exp.baseline}) [95% CI], recorded / true:")
    r.table(
        ["arm", *[pair_title(rec) for rec, _ in pairs]],
        [
            [
                a.name,
                *[
                    f"{_diff(diffs, a.name, rec.name)} / {_diff(diffs, a.name, true.name)}"
                    for rec, true in pairs
                ],
            ]
            for a in exp.arms
            if a.name != exp.baseline
        ],
    )


def _mean(frame: pd.DataFrame, arm: str, metric: str) -> str:
    return _num(frame.loc[(arm, metric), "mean"]) if (arm, metric) in frame.index else "n/a"


def _share(metric: str) -> bool:
    return metric in METRICS and METRICS[metric].unit.startswith("share")


def _interval(frame: pd.DataFrame, arm: str, metric: str) -> str:
    if (arm, metric) not in frame.index:
        return "n/a"
    row = frame.loc[(arm, metric)]
    if _share(metric):  # shares as percentages
        return "{} [{}, {}]".format(
            *(pct(row[k], signed=False, digits=1) for k in ("mean", "lo", "hi"))
        )
    return f"{_num(row['mean'])} [{_num(row['lo'])}, {_num(row['hi'])}]"


def _diff(frame: pd.DataFrame, arm: str, metric: str) -> str:
    """The paired difference: in percentage points for shares, else in the metric's unit;
    then the relative change in percent where it is defined."""
    if (arm, metric) not in frame.index:
        return "n/a"
    row = frame.loc[(arm, metric)]
    if _share(metric):
        points = [f"{row[k] * 100:+.1f}".replace("-", "−") for k in ("diff_mean", "lo", "hi")]
        text = "{} [{}, {}] points".format(*points)
    else:
        text = f"{_signed(row['diff_mean'])} [{_signed(row['lo'])}, {_signed(row['hi'])}]"
    if "rel_mean" in row and math.isfinite(row["rel_mean"]):
        text += f" ({pct(row['rel_mean'])} [{pct(row['rel_lo'])}, {pct(row['rel_hi'])}])"
    return text


def to_markdown(report: Report) -> str:
    out = []
    for block in report.blocks:
        kind = block[0]
        if kind == "h":
            out.append(f"{'#' * block[1]} {block[2]}")
        elif kind == "p":
            out.append(block[1])
        elif kind == "ul":
            out.append("\n".join(f"- {item}" for item in block[1]))
        elif kind == "table":
            header, rows = block[1], block[2]
            lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
            lines += ["| " + " | ".join(c.replace("|", "\\|") for c in row) + " |" for row in rows]
            out.append("\n".join(lines))
        elif kind == "figure":
            fig, png = block[1], block[2]
            out.append(f"**{fig.title}.** {fig.caption}\n\n![{fig.title}](figures/{png.name})")
        elif kind == "pre":
            out.append(f"```yaml\n{block[1]}```")
    return "\n\n".join(out) + "\n"


def _inline(text: str) -> str:
    # The only Markdown the blocks use inline is **bold**.
    parts = html.escape(text).split("**")
    return "".join(f"<strong>{p}</strong>" if i % 2 else p for i, p in enumerate(parts))


def to_html(report: Report, title: str) -> str:
    body = []
    for block in report.blocks:
        kind = block[0]
        if kind == "h":
            body.append(f"<h{block[1]}>{_inline(block[2])}</h{block[1]}>")
        elif kind == "p":
            body.append(f"<p>{_inline(block[1])}</p>")
        elif kind == "ul":
            body.append("<ul>" + "".join(f"<li>{_inline(i)}</li>" for i in block[1]) + "</ul>")
        elif kind == "table":
            head = "".join(f"<th>{_inline(h)}</th>" for h in block[1])
            rows = "".join(
                "<tr>" + "".join(f"<td>{_inline(c)}</td>" for c in row) + "</tr>"
                for row in block[2]
            )
            body.append(f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>")
        elif kind == "figure":
            fig, png = block[1], block[2]
            data = base64.b64encode(png.read_bytes()).decode("ascii")
            body.append(
                f'<figure><img alt="{html.escape(fig.title)}" '
                f'src="data:image/png;base64,{data}"><figcaption><strong>'
                f"{html.escape(fig.title)}.</strong> {html.escape(fig.caption)}"
                "</figcaption></figure>"
            )
        elif kind == "pre":
            body.append(f"<pre>{html.escape(block[1])}</pre>")
    style = (
        "body{font-family:sans-serif;max-width:1100px;margin:2em auto;line-height:1.4}"
        "table{border-collapse:collapse;font-size:13px;margin:1em 0}"
        "td,th{border:1px solid #ccc;padding:3px 6px;vertical-align:top}"
        "img{max-width:100%}pre{background:#f5f5f5;padding:1em;overflow:auto}"
    )
    return (
        f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title><style>{style}</style></head>"
        f"<body>\n{chr(10).join(body)}\n</body></html>\n"
    )

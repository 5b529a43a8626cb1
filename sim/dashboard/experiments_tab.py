"""The experiment browser: pick a finished experiment, read its headline table (effect
against the baseline with its interval, P(better), cost), filter metrics and arms, and
see its figures. Everything shown is what the experiment stored (``browse``)."""

from __future__ import annotations

from pathlib import Path

import solara

from sim.dashboard import browse
from sim.metrics import label


@solara.component
def ExperimentBrowser(results: Path):
    names = browse.experiments(results)
    chosen = solara.use_reactive(names[0] if names else None)
    metrics = solara.use_reactive(list[str]())
    arms = solara.use_reactive(list[str]())
    if not names:
        solara.Info(
            f"No finished experiment under {results / 'experiments'}: run one with "
            "govsim experiment NAME (the list is in govsim experiment --help)."
        )
        return
    if chosen.value not in names:
        chosen.set(names[0])
    name = str(chosen.value)

    def pick(new: str) -> None:
        chosen.set(new)
        metrics.set([])
        arms.set([])

    with solara.Column(classes=["govsim-experiments"]):
        solara.Select(label="experiment", values=names, value=name, on_value=pick)
        prov = browse.provenance(results, name)
        solara.Text(
            f"{name}: {prov.get('scenario')} scenario, {prov.get('days')} days, "
            f"{prov.get('replications')} replications (seeds {prov.get('seeds')}), "
            f"run {prov.get('date')}, code {prov.get('code_version')}."
        )
        all_metrics = browse.metric_names(results, name)
        shown = {label(m): m for m in all_metrics}
        solara.SelectMultiple(
            "metrics (none chosen: all)",
            values=[label(m) for m in metrics.value],
            all_values=list(shown),
            on_value=lambda picked: metrics.set([shown[p] for p in picked]),
        )
        solara.SelectMultiple(
            "arms (none chosen: all)",
            values=arms.value,
            all_values=browse.arm_names(results, name),
            on_value=arms.set,
        )
        table = browse.headline(results, name, metrics.value or None, arms.value or None)
        solara.DataFrame(table, items_per_page=20)
        for path in browse.figures(results, name):
            solara.Text(path.stem.replace("_", " "), style={"font-weight": "bold"})
            solara.Image(path.read_bytes(), format="png", width="80%")

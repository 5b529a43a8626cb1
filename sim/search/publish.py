"""Write the search report's files, each by one atomic rename, beside the study."""

from __future__ import annotations

from pathlib import Path

import optuna

from sim.output.atomic import write_bytes_atomic, write_text_atomic
from sim.search import report
from sim.search.pipeline import Findings
from sim.search.space import Search
from sim.search.study import hypervolumes


def accounting(elapsed: float, new_runs: int, stored: int, load: float, where: str) -> str:
    minutes, seconds = divmod(round(elapsed), 60)
    return (
        f"This call took {minutes} min {seconds:02d} s and made {new_runs} new model runs on "
        f"{where} (load average {load:.1f} when it started: the machine may be shared); "
        f"{stored} stored runs stand behind this report. A repeated call reuses them."
    )


def publish(
    out: Path,
    study: optuna.Study,
    found: Findings,
    search: Search,
    command: str,
    elapsed: float,
    new_runs: int,
    load: float,
    where: str,
) -> Path:
    """report.md, front.png, convergence.png, fresh.csv (per candidate) and trials.csv."""
    hv = hypervolumes(study, search)
    stored = len(list((out.parent / "runs").glob("*.json")))
    text = report.markdown(
        study, found, search, hv, command, accounting(elapsed, new_runs, stored, load, where)
    )
    write_bytes_atomic(out / "front.png", report.front_png(study, found, search))
    write_bytes_atomic(out / "convergence.png", report.convergence_png(hv))
    summary = found.summary.copy()
    summary.insert(0, "words", [found.words.get(str(n), "") for n in summary.index])
    write_text_atomic(out / "fresh.csv", summary.to_csv())
    trials = study.trials_dataframe(attrs=("number", "values", "params", "user_attrs", "state"))
    write_text_atomic(out / "trials.csv", trials.to_csv(index=False))
    path = out / "report.md"
    write_text_atomic(path, text)
    return path

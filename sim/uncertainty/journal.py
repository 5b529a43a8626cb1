"""Optuna studies kept in a journal file, shared by calibration and search.

A study resumes only with the setup that made it (levers or parameters, seeds,
targets...): anything else would mix trials that answer different questions. Trials an
interrupted call left running can never finish and are failed on resume; a caller that
wants the same points asked again (the search, whose generation was cut short) queues
them first.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import optuna
from optuna.storages import JournalStorage
from optuna.storages.journal import JournalFileBackend
from optuna.trial import FrozenTrial, TrialState

from sim.config import ConfigError
from sim.console import ctrl_c_held


class _WholeAppends(JournalFileBackend):
    """Optuna's journal file whose every append (lock, write, unlock) runs to its end
    before a Ctrl-C: cut part-way, Optuna's lock release could raise its own error in
    place of the interrupt (FileNotFoundError, exit status 1) or leave the lock taken,
    which the next command waits 30 s for."""

    def append_logs(self, logs: list[dict[str, Any]]) -> None:
        with ctrl_c_held():
            super().append_logs(logs)


def open_journal_study(
    path: Path,
    name: str,
    directions: Sequence[str],
    setup: dict,
    advice: str,
    requeue: bool = False,
) -> tuple[optuna.Study, bool]:
    """The study at ``path`` (created if absent) and whether it is new.

    A resumed study whose stored setup differs ends with one line naming the keys
    that changed, then ``advice`` (what the user can do). With ``requeue``, the trials
    left running are asked again first, with the same parameters.
    """
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    path.parent.mkdir(parents=True, exist_ok=True)
    study = optuna.create_study(
        study_name=name,
        storage=JournalStorage(_WholeAppends(str(path))),
        directions=list(directions),  # type: ignore[arg-type]  # "minimize"/"maximize"
        load_if_exists=True,
    )
    stored = study.user_attrs.get("setup")
    if stored is None:
        study.set_user_attr("setup", setup)
    elif stored != setup:
        changed = [k for k in setup if stored.get(k) != setup[k]]
        raise ConfigError(
            f"{path}: the study was made with different {', '.join(changed)}; {advice}"
        )
    for t in study.get_trials(deepcopy=False, states=(TrialState.RUNNING,)):
        study.tell(t.number, state=TrialState.FAIL)
        if requeue:
            study.enqueue_trial(dict(t.params))
    return study, stored is None


def counted(study: optuna.Study) -> list[FrozenTrial]:
    """Trials that count towards a command's ``--trials``: done, or rejected by the
    validator (a trial an interrupted call left running is not: it is asked again)."""
    return [
        t
        for t in study.get_trials(deepcopy=False)
        if t.state is TrialState.COMPLETE or "error" in t.user_attrs
    ]

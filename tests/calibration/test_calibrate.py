"""``govsim calibrate`` on the village scenario with tiny budgets: it runs, writes a study
that a second call resumes, improves the objective, writes a preset Hydra can compose
and an ensemble an experiment can use, and rejects bad input with one line."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import optuna
import pytest
from optuna.storages import JournalStorage
from optuna.storages.journal import JournalFileBackend

from sim.calibration import ensemble_overrides
from sim.calibration.cli import main
from sim.calibration.study import STUDY_NAME
from sim.config import config_dir, load_params
from tests.conftest import one_error_line

TINY = ["--scenario", "village", "--replications", "2", "--workers", "1", "days=60"]


@pytest.fixture
def configs(tmp_path, monkeypatch) -> Path:
    """A copy of configs/ that the run reads, so the preset is written into a real tree."""
    copy = tmp_path / "configs"
    shutil.copytree(config_dir(), copy)
    (copy / "behaviour" / "calibrated.yaml").unlink(missing_ok=True)
    main_config = copy / "config.yaml"  # the copy starts from the stated assumptions
    main_config.write_text(
        re.sub(r"behaviour: calibrated.*", "behaviour: default", main_config.read_text()),
        encoding="utf-8",
    )
    monkeypatch.setenv("GOVSIM_CONFIG_DIR", str(copy))
    return copy


def load(study: Path) -> optuna.Study:
    storage = JournalStorage(JournalFileBackend(str(study)))
    return optuna.load_study(study_name=STUDY_NAME, storage=storage)


def calibrate(tmp_path: Path, *extra: str) -> int:
    return main(
        [
            *TINY,
            "--study", str(tmp_path / "study.journal"),
            "--report-dir", str(tmp_path / "report"),
            "--check-replications", "1",
            *extra,
        ]
    )  # fmt: skip


def tree_bytes(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_calibrate_leaves_configs_alone_unless_installing(tmp_path, configs, capsys):
    shipped = tree_bytes(configs)
    results = tmp_path / "results"
    tiny = [*TINY, "--check-replications", "1", "--results", str(results)]
    assert main([*tiny, "--trials", "1"]) == 0
    assert tree_bytes(configs) == shipped  # nothing in configs/ changed
    out = results / "calibration"
    assert {"calibrated.yaml", "ensemble.yaml", "report.md", "study.journal"} <= {
        p.name for p in out.iterdir()
    }
    capsys.readouterr()

    # --install replaces the shipped files and keeps the ones it replaced beside them.
    assert main([*tiny, "--trials", "1", "--install"]) == 0
    assert "installed:" in capsys.readouterr().out
    ensemble = configs / "calibration" / "ensemble.yaml"
    assert (
        ensemble.read_bytes()
        == (out / "ensemble.yaml").read_bytes()
        != shipped["calibration/ensemble.yaml"]
    )
    kept = list(ensemble.parent.glob("ensemble.yaml.prev-*"))
    assert [p.read_bytes() for p in kept] == [shipped["calibration/ensemble.yaml"]]
    preset = configs / "behaviour" / "calibrated.yaml"
    first = preset.read_bytes()
    assert first == (out / "calibrated.yaml").read_bytes()

    assert main([*tiny, "--trials", "2", "--install"]) == 0  # a second fit replaces the first
    assert preset.read_bytes() != first
    assert [p.read_bytes() for p in preset.parent.glob("calibrated.yaml.prev-*")] == [first]
    load_params(["scenario=village", "behaviour=calibrated"])  # the backups are not presets


def test_calibrate_writes_a_study_that_a_second_call_resumes(tmp_path, configs, capsys):
    assert calibrate(tmp_path, "--trials", "4", "--install") == 0
    first = load(tmp_path / "study.journal")
    assert len(first.trials) == 4
    before = [(t.params, t.value) for t in first.trials]

    # The same command again: the study holds its trials already, none is added.
    assert calibrate(tmp_path, "--trials", "4") == 0
    assert len(load(tmp_path / "study.journal").trials) == 4

    assert calibrate(tmp_path, "--trials", "7", "--install") == 0  # a larger study: 3 more
    second = load(tmp_path / "study.journal")
    assert len(second.trials) == 7
    assert [(t.params, t.value) for t in second.trials[:4]] == before  # earlier trials kept
    assert second.best_value <= second.trials[0].value  # trial 0 = the base config

    # The preset composes with Hydra and carries the best trial's values.
    _, params = load_params(["scenario=village", "behaviour=calibrated"])
    best = second.best_trial.params["behaviour.mediation.base_logit"]
    assert params.behaviour.mediation.base_logit == pytest.approx(best, rel=1e-4)
    assert params.behaviour.name == "calibrated"
    text = (configs / "behaviour" / "calibrated.yaml").read_text(encoding="utf-8")
    assert "# calibrated: default" in text and "defaults:" in text

    # Every ensemble member is a valid override list, best first.
    members = ensemble_overrides(configs / "calibration" / "ensemble.yaml")
    assert members and all(m for m in members)
    for overrides in members:
        load_params(["scenario=village", *overrides])
    report = (tmp_path / "report" / "report.md").read_text(encoding="utf-8")
    assert "recorded_success_rate" in report and "recorded_per_household_year" in report
    assert (tmp_path / "report" / "convergence.png").stat().st_size > 1000


def test_calibration_strictly_improves_a_bad_start(tmp_path, configs):
    # One parameter, started far too low: mediation succeeds rarely, every band is missed.
    space = tmp_path / "one.yaml"
    space.write_text(
        "parameters:\n  - {key: behaviour.mediation.base_logit, low: -2.0, high: 5.0}\n"
    )
    code = calibrate(
        tmp_path, "--trials", "6", "--seed", "3", "--parameters", str(space),
        "behaviour.mediation.base_logit=-2.0",
    )  # fmt: skip
    assert code == 0
    study = load(tmp_path / "study.journal")
    assert study.trials[0].params["behaviour.mediation.base_logit"] == -2.0
    assert study.best_value < study.trials[0].value
    assert study.best_trial.params["behaviour.mediation.base_logit"] > -2.0


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ("parameters:\n  - {key: behaviour.mediation.base_logt, low: 1, high: 2}\n", "unknown"),
        (
            "parameters:\n  - {key: behaviour.relapse.chance, low: 0.5, high: 1.5}\n",
            "schema bounds",
        ),
    ],
)
def test_bad_parameter_file_gives_one_line_and_writes_nothing(
    tmp_path, configs, capsys, content, fragment
):
    space = tmp_path / "bad.yaml"
    space.write_text(content)
    assert calibrate(tmp_path, "--trials", "1", "--parameters", str(space)) == 2
    assert fragment in one_error_line(capsys)
    assert not (tmp_path / "study.journal").exists()
    assert not (configs / "behaviour" / "calibrated.yaml").exists()


def test_bad_target_and_bad_options_give_one_line(tmp_path, configs, capsys):
    targets = tmp_path / "targets.yaml"
    text = (configs / "calibration" / "targets.yaml").read_text(encoding="utf-8")
    targets.write_text(text.replace("statistic: litigation_share", "statistic: no_such_stat"))
    assert calibrate(tmp_path, "--trials", "1", "--targets", str(targets)) == 2
    assert "no_such_stat" in one_error_line(capsys)
    assert calibrate(tmp_path, "--trials", "-1") == 2
    assert "--trials" in one_error_line(capsys)
    with pytest.raises(SystemExit) as stop:
        main(["--trails", "3"])
    assert stop.value.code == 2
    one_error_line(capsys)
    assert calibrate(tmp_path, "--trials", "1", "policy.staffing.mediators_per_village=-1") == 2
    assert "mediators_per_village" in one_error_line(capsys)
    assert not (tmp_path / "study.journal").exists()


def test_resuming_with_a_different_setup_is_refused(tmp_path, configs, capsys):
    assert calibrate(tmp_path, "--trials", "1") == 0
    capsys.readouterr()
    assert calibrate(tmp_path, "--trials", "1", "--seed", "9") == 2
    assert "different seeds" in one_error_line(capsys)
    assert len(load(tmp_path / "study.journal").trials) == 1


def test_a_trial_left_running_by_an_interrupted_call_is_marked_failed_and_redone(tmp_path, configs):
    assert calibrate(tmp_path, "--trials", "1") == 0
    load(tmp_path / "study.journal").ask()  # as if a call of --trials 2 died mid-trial
    assert calibrate(tmp_path, "--trials", "2") == 0  # that call again: only the rest
    states = [t.state.name for t in load(tmp_path / "study.journal").trials]
    assert states == ["COMPLETE", "FAIL", "COMPLETE"]  # the one left running is not counted

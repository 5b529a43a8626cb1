"""Experiments on Dask clusters: a worker killed part-way loses nothing, and a cluster
govsim starts from a file (a batch cluster through dask-jobqueue) asks for what the
file says and runs the same experiment. Every cluster listens on 127.0.0.1 only."""

from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path

import dask
import pandas as pd
import pytest

from sim import clusters
from sim.clusters import load_cluster, parse_cluster
from sim.config import ConfigError, config_dir
from sim.experiments.cli import main
from tests.conftest import loopback_cluster

# Runs long enough (two villages' half-year) that a worker is always busy when killed.
ARGS = ("mediator_staffing", "scenario=village", "scenario.n_villages=2", "days=180")
ARGS += ("--replications", "5", "--arms", "mediators0_volunteer", "--no-progress")
NAME = "mediator_staffing"


def _table(results: Path) -> pd.DataFrame:
    return pd.read_parquet(results / "experiments" / NAME / "table.parquet")


@pytest.fixture(scope="module")
def local_table(tmp_path_factory) -> pd.DataFrame:
    results = tmp_path_factory.mktemp("local")
    assert main([*ARGS, "--results", str(results), "--workers", "2"]) == 0
    table = _table(results)
    assert len(table) == 10
    return table


def _run_killing_a_worker(results: Path, allowed_failures: int) -> tuple[int, int]:
    """The experiment on a loopback cluster of 2 worker processes, one of which is
    killed by PID (SIGKILL) once the first run is stored, while it holds runs. Returns
    the command's exit status and the PID killed."""
    from distributed import Client

    with (
        dask.config.set({"distributed.scheduler.allowed-failures": allowed_failures}),
        loopback_cluster() as cluster,
        Client(cluster, set_as_default=False) as client,
    ):
        pids = client.run(os.getpid)
        status: list[int] = []
        command = threading.Thread(
            target=lambda: status.append(
                main([*ARGS, "--results", str(results), "--scheduler", cluster.scheduler_address])
            )
        )
        command.start()
        runs = results / "experiments" / NAME / "runs"
        deadline = time.monotonic() + 60
        killed = 0
        while not killed and time.monotonic() < deadline:
            if runs.is_dir() and any(runs.glob("*.json")):
                busy = [w for w, keys in client.processing().items() if keys and w in pids]
                if busy:
                    killed = pids[busy[0]]
                    os.kill(killed, signal.SIGKILL)
            time.sleep(0.01)
        command.join(timeout=120)
        assert killed, "no worker was busy after the first run"
        assert not command.is_alive()
        return status[0], killed


def test_a_worker_killed_mid_experiment_loses_nothing(tmp_path, local_table):
    # Dask's scheduler gives the runs the dead worker held to the other worker (up to
    # distributed.scheduler.allowed-failures dead workers per run; 3 is Dask's default).
    status, _ = _run_killing_a_worker(tmp_path, allowed_failures=3)
    assert status == 0
    assert _table(tmp_path).equals(local_table)


def test_without_rescheduling_a_killed_worker_loses_its_runs(tmp_path, capsys):
    # The protection the previous test relies on, removed: with allowed-failures 0 a run
    # held by the dead worker is lost (``retries`` does not apply to a dead worker); the
    # command says so and exits 1, and the same command would run them again.
    status, _ = _run_killing_a_worker(tmp_path, allowed_failures=0)
    assert status == 1
    assert "runs were lost by the executor" in capsys.readouterr().err
    assert not (tmp_path / "experiments" / NAME / "table.parquet").exists()


def _slurm_file(tmp_path: Path, **changes) -> str:
    import yaml

    raw = yaml.safe_load((config_dir() / "cluster" / "slurm.yaml").read_text())
    raw.update({"host": "127.0.0.1", **changes})
    path = tmp_path / "site.yaml"
    path.write_text(yaml.safe_dump(raw), encoding="utf-8")
    return str(path)


def test_the_slurm_job_script_asks_for_what_the_file_says(tmp_path):
    spec = load_cluster(
        _slurm_file(
            tmp_path,
            cores=8,
            processes=4,
            memory="16GB",
            walltime="02:30:00",
            queue="short",
            account="govsim-lab",
            python="/opt/govsim/bin/python",
            job_extra_directives=["--exclusive"],
            job_script_prologue=["module load python/3.12"],
        )
    )
    cluster = clusters.jobqueue_cluster(spec)
    try:
        script = cluster.job_script()
        address = cluster.scheduler_address
    finally:
        cluster.close()
    lines = script.splitlines()
    for directive in (
        "#SBATCH -p short",
        "#SBATCH -A govsim-lab",
        "#SBATCH -n 1",
        "#SBATCH --cpus-per-task=8",
        "#SBATCH --mem=15G",  # 16 GB in GiB, as dask-jobqueue rounds it
        "#SBATCH -t 02:30:00",
        "#SBATCH --exclusive",
    ):
        assert directive in lines, (directive, script)
    assert "module load python/3.12" in lines
    worker = next(line for line in lines if "dask_worker" in line).split()
    assert worker[:3] == ["/opt/govsim/bin/python", "-m", "distributed.cli.dask_worker"]
    assert worker[3] == address and address.startswith("tcp://127.0.0.1:")
    assert worker[worker.index("--nworkers") + 1] == "4"
    assert worker[worker.index("--nthreads") + 1] == "1"  # one run at a time per worker
    assert worker[worker.index("--memory-limit") + 1] == "3.73GiB"  # 16 GB over 4 workers


@pytest.mark.slow
def test_the_batch_cluster_code_path_runs_the_experiment_on_this_machine(
    tmp_path, monkeypatch, local_table
):
    # No batch scheduler exists here: dask-jobqueue's local job runner starts each "job"
    # as a local process from the same job script, so everything else (the file, the
    # options, scale(jobs=...), the client, runs submitted with retries) is the path
    # a Slurm cluster takes.
    from dask_jobqueue.local import LocalCluster as LocalJobs

    def local_jobs(**options):
        assert options.pop("job_cpu") == 2  # the one Slurm-only option
        return LocalJobs(**options)

    monkeypatch.setattr(clusters, "jobqueue_class", lambda kind: local_jobs)
    site = _slurm_file(tmp_path, jobs=1, cores=2, processes=2, memory="2GB", queue=None)
    assert main([*ARGS, "--results", str(tmp_path / "r"), "--cluster", site]) == 0
    assert _table(tmp_path / "r").equals(local_table)


@pytest.mark.slow
def test_a_local_cluster_file_runs_the_experiment(tmp_path, local_table):
    assert main([*ARGS, "--results", str(tmp_path), "--cluster", "local"]) == 0
    assert _table(tmp_path).equals(local_table)


@pytest.mark.parametrize(
    ("change", "named"),
    [
        ({"kind": "kubernetes"}, "kind='kubernetes'"),
        ({"jobs": 0}, "jobs=0"),
        ({"memory": "lots"}, "memory='lots'"),
        ({"walltime": "2h"}, "walltime='2h'"),
        ({"processes": 32, "cores": 16}, "processes=32"),
        ({"partition": "x"}, "unknown key 'partition'"),
        ({"job_extra_directives": "--exclusive"}, "job_extra_directives="),
    ],
)
def test_a_bad_cluster_file_is_refused_in_one_line(change, named):
    with pytest.raises(ConfigError, match=named):
        parse_cluster({"kind": "slurm", **change}, "site.yaml")


def test_a_missing_cluster_file_gives_one_line_and_writes_nothing(tmp_path, capsys):
    assert main([*ARGS, "--results", str(tmp_path / "r"), "--cluster", "nowhere"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "--cluster=nowhere" in err[0] and "slurm" in err[0]
    assert not (tmp_path / "r").exists()


@pytest.mark.slow
def test_calibration_and_sensitivity_evaluate_on_a_cluster_as_in_one_process():
    # The evaluator behind govsim calibrate and govsim sensitivity goes through the same
    # executor layer: on a loopback cluster started from configs/cluster/local.yaml it
    # returns what one process computes, in job order.
    from sim.uncertainty.evaluate import evaluator
    from tests.conftest import params

    p = params("scenario=village", "scenario.n_villages=2", "days=60")
    jobs = [(p, seed, ("resolved_share", "mean_trust")) for seed in range(4)]
    with evaluator(1) as here:
        expected = here.map(jobs)
    with evaluator(2, None, load_cluster("local")) as there:
        assert there.map(jobs) == expected

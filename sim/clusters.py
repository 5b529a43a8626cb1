"""Clusters that govsim starts itself, described by a YAML file under ``configs/cluster/``.

A batch-scheduled HPC cluster (Slurm, PBS, SGE, LSF) is started through dask-jobqueue:
the scheduler runs in the calling process and each batch job runs ``processes`` Dask
worker processes of one thread (one simulation at a time each); jobs start when the
batch scheduler grants them, and runs wait for them. ``kind: local`` starts the same
way a loopback ``LocalCluster`` of ``jobs`` worker processes: the code path the tests
run, since no batch scheduler exists on a laptop.

The scheduler's ``allowed_failures`` (Dask's ``distributed.scheduler.allowed-failures``)
is what saves a run whose worker dies (killed, pre-empted, out of memory, a batch job
reaching its walltime): the run is given to another worker until that many workers
have died running it. A run is also submitted with ``retries`` (``sim.executors``), which
covers a run that raises on a worker, never a dead worker.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

import yaml

from sim.config import ConfigError

JOBQUEUE_CLASSES = {
    "slurm": "SLURMCluster",
    "pbs": "PBSCluster",
    "sge": "SGECluster",
    "lsf": "LSFCluster",
}
KINDS = (*JOBQUEUE_CLASSES, "local")
MEMORY = re.compile(r"^\d+(\.\d+)?\s*(B|kB|KB|MB|GB|TB|KiB|MiB|GiB|TiB)$")
WALLTIME = re.compile(r"^(\d+-)?\d{1,3}:\d{2}(:\d{2})?$")


@dataclass(frozen=True)
class ClusterSpec:
    """What a cluster file may say (``configs/cluster/slurm.yaml`` documents each key)."""

    kind: str
    jobs: int = 1  # batch jobs to submit (local: worker processes)
    cores: int = 1  # cores per batch job
    processes: int = 1  # Dask worker processes per batch job, one thread each
    memory: str = "4GB"  # memory per batch job
    walltime: str = "01:00:00"
    queue: str | None = None  # partition (Slurm) or queue
    account: str | None = None
    interface: str | None = None  # network interface workers reach the scheduler on (ib0)
    host: str | None = None  # address the scheduler listens on (tests: 127.0.0.1)
    python: str | None = None  # the Python with govsim installed on the compute nodes
    job_extra_directives: tuple[str, ...] = ()  # more #SBATCH (or #PBS ...) lines
    job_script_prologue: tuple[str, ...] = ()  # shell lines before the worker starts
    local_directory: str | None = None  # node-local scratch for worker spill files
    allowed_failures: int = 3  # dead workers a run may see before it is given up
    source: str = field(default="", compare=False)  # the file it came from


def add_cluster_options(parser: Any) -> None:
    """``--scheduler`` and ``--cluster``, for every command that runs many simulations."""
    parser.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="Dask scheduler, e.g. tcp://10.0.0.5:8786 (or $DASK_SCHEDULER_ADDRESS)",
    )
    parser.add_argument(
        "--cluster",
        metavar="NAME",
        help="start a Dask cluster described by configs/cluster/NAME.yaml (or a .yaml file): "
        "slurm, pbs, sge, lsf through dask-jobqueue, or local",
    )


def cluster_choice(scheduler: str | None, cluster: str | None) -> tuple[str | None, Any]:
    """The scheduler address (option or $DASK_SCHEDULER_ADDRESS) and the cluster file's
    spec, validated; at most one of them."""
    from sim.executors import scheduler_address

    if cluster is None:
        return scheduler_address(scheduler), None
    if scheduler:
        raise ConfigError(f"--cluster={cluster}: not with --scheduler")
    return None, load_cluster(cluster)


def cluster_path(name: str) -> Path:
    """``slurm`` -> ``configs/cluster/slurm.yaml``; a path ending in .yaml is taken as is."""
    if name.endswith((".yaml", ".yml")):
        return Path(name)
    from sim.config import config_dir

    if not re.fullmatch(r"[A-Za-z0-9_-]+", name):
        raise ConfigError(f"--cluster={name!r}: a name of configs/cluster/ or a .yaml file")
    return config_dir() / "cluster" / f"{name}.yaml"


def load_cluster(name: str) -> ClusterSpec:
    """The cluster file named by ``--cluster``, validated (one-line ``ConfigError``)."""
    path = cluster_path(name)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        available = sorted(p.stem for p in path.parent.glob("*.yaml")) if path.parent else []
        hint = f"; available: {', '.join(available)}" if available else ""
        raise ConfigError(f"--cluster={name}: no file {path}{hint}") from None
    except (OSError, yaml.YAMLError) as err:
        raise ConfigError(f"--cluster={name}: cannot read {path}: {type(err).__name__}") from None
    if not isinstance(raw, dict):
        raise ConfigError(f"{path}: must be a mapping of keys to values")
    return parse_cluster(raw, str(path))


def parse_cluster(raw: dict[str, Any], source: str) -> ClusterSpec:
    allowed = [f.name for f in fields(ClusterSpec) if f.name != "source"]
    for key in raw:
        if key not in allowed:
            raise ConfigError(f"{source}: unknown key {key!r}; allowed: {', '.join(allowed)}")
    values = dict(raw)
    kind = values.get("kind")
    if kind not in KINDS:
        raise ConfigError(f"{source}: kind={kind!r}: must be one of {', '.join(KINDS)}")
    for key in ("jobs", "cores", "processes"):
        _positive_int(values, key, source, lo=1)
    _positive_int(values, "allowed_failures", source, lo=0)
    for key, pattern, example in (("memory", MEMORY, "16GB"), ("walltime", WALLTIME, "02:00:00")):
        if key in values and not (isinstance(values[key], str) and pattern.match(values[key])):
            raise ConfigError(f"{source}: {key}={values[key]!r}: must look like {example!r}")
    for key in ("queue", "account", "interface", "host", "python", "local_directory"):
        if values.get(key) is not None and not isinstance(values[key], str):
            raise ConfigError(f"{source}: {key}={values[key]!r}: must be text or null")
    for key in ("job_extra_directives", "job_script_prologue"):
        items = values.get(key) or []
        if not (isinstance(items, list) and all(isinstance(i, str) for i in items)):
            raise ConfigError(f"{source}: {key}={items!r}: must be a list of text lines")
        values[key] = tuple(items)
    spec = ClusterSpec(**values, source=source)
    if spec.processes > spec.cores:
        raise ConfigError(
            f"{source}: processes={spec.processes}: at most cores={spec.cores} "
            "(one core per worker process)"
        )
    return spec


def _positive_int(values: dict[str, Any], key: str, source: str, lo: int) -> None:
    if key not in values:
        return
    value = values[key]
    if isinstance(value, bool) or not isinstance(value, int) or not lo <= value <= 100_000:
        raise ConfigError(f"{source}: {key}={value!r}: must be a whole number from {lo}")


def jobqueue_class(kind: str) -> Any:
    """dask-jobqueue's cluster class for a batch scheduler ``kind``."""
    try:
        import dask_jobqueue
    except ImportError:
        raise ConfigError("--cluster needs dask-jobqueue: pip install 'govsim[dask]'") from None
    return getattr(dask_jobqueue, JOBQUEUE_CLASSES[kind])


def jobqueue_cluster(spec: ClusterSpec) -> Any:
    """The dask-jobqueue cluster of ``spec`` (its scheduler starts; no job is submitted)."""
    # A dashboard on a free port of the scheduler's own address (never a fixed 8787).
    scheduler_options: dict[str, Any] = {"dashboard_address": f"{spec.host or ''}:0"}
    if spec.host:
        scheduler_options["host"] = spec.host
    # dask-jobqueue gives each worker process cores/processes threads; a run is
    # single-threaded, so it gets as many threads as processes (one each) and Slurm
    # books ``cores`` cores (job_cpu); other schedulers book one core per process.
    options: dict[str, Any] = {
        "cores": spec.processes,
        "processes": spec.processes,
        "memory": spec.memory,
        "walltime": spec.walltime,
        "job_extra_directives": list(spec.job_extra_directives),
        "job_script_prologue": list(spec.job_script_prologue),
        "scheduler_options": scheduler_options,
    }
    # Keys the file leaves null are not passed: the site's dask-jobqueue config decides.
    for key in ("queue", "account", "interface", "python", "local_directory"):
        if getattr(spec, key) is not None:
            options[key] = getattr(spec, key)
    if spec.kind == "slurm":
        options["job_cpu"] = spec.cores
    return jobqueue_class(spec.kind)(**options)


@contextlib.contextmanager
def start_cluster(spec: ClusterSpec) -> Iterator[tuple[Any, str]]:
    """Start the cluster of ``spec`` with its jobs (or local workers) requested; closed on exit."""
    import dask

    try:
        import distributed  # its configuration defaults must be loaded before they are set
    except ImportError:
        raise ConfigError("--cluster needs Dask: pip install 'govsim[dask]'") from None
    del distributed
    with dask.config.set({"distributed.scheduler.allowed-failures": spec.allowed_failures}):
        if spec.kind == "local":
            from distributed import LocalCluster

            cluster = LocalCluster(
                n_workers=spec.jobs,
                threads_per_worker=1,
                processes=True,
                host=spec.host or "127.0.0.1",
                dashboard_address=None,
                memory_limit=spec.memory,
            )
            where = f"local Dask cluster ({spec.jobs} worker processes)"
        else:
            try:
                cluster = jobqueue_cluster(spec)
            except (ValueError, OSError) as err:  # e.g. no such network interface
                reason = str(err).splitlines()[0] if str(err) else type(err).__name__
                raise ConfigError(
                    f"{spec.source}: cannot start the {spec.kind} cluster: {reason}"
                ) from None
            cluster.scale(jobs=spec.jobs)
            where = (
                f"{spec.kind} cluster: {spec.jobs} jobs x {spec.processes} workers "
                f"({spec.cores} cores, {spec.memory}, {spec.walltime} each)"
            )
    with cluster:
        yield cluster, where

"""The one execution layer: a ``concurrent.futures.Executor`` for experiments,
calibration and sensitivity analysis.

Local worker processes (one per core this process may use, by default) or a Dask
distributed cluster when an address is given. Workers only compute and return plain
values; the calling process alone writes files, so results do not depend on where a
task ran, and a remote worker needs no shared file system.

On Dask every run is submitted with ``RUN_RETRIES`` retries: a run that raises on a
worker (outside the model, which records its own errors) is run again. A worker that
dies is another matter, which Dask's scheduler handles whatever ``retries`` says: the
runs it held are given to other workers until ``distributed.scheduler.allowed-failures``
workers (3 by default) have died running the same run; only then is the run lost, and
the experiment reports it for the next command to redo.

Local workers start from a forkserver (a clean, single-threaded process: no fork of
progress-bar or Dask threads) and:
- all start when the pool opens, with Ctrl-C held back (blocked, not lost) until they
  have: a Ctrl-C that landed while a worker was half-started would end the parent, and
  with it the pool's semaphores, under a worker still unpickling them (a traceback after
  the one-line message); the forkserver and workers inherit the block, so the Ctrl-C a
  terminal sends to the whole process group cannot reach them either before they ignore it;
- ignore Ctrl-C, which reaches the whole process group: only the parent reacts to it,
  cancelling queued work and keeping what is finished;
- exit as soon as the process that opened the pool dies, even by SIGKILL, so that no
  worker, forkserver or resource tracker outlives an interrupted command.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import select
import signal
import threading
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from multiprocessing import resource_tracker
from typing import TYPE_CHECKING, Any

from sim.config import ConfigError
from sim.console import ctrl_c_held

if TYPE_CHECKING:
    from sim.clusters import ClusterSpec

ENV_SCHEDULER = "DASK_SCHEDULER_ADDRESS"
RUN_RETRIES = 2  # a run that raised on a Dask worker is tried this many more times


def connect_timeout() -> str:
    """How long to wait for a Dask scheduler before saying it cannot be reached: 10 s,
    or GOVSIM_DASK_CONNECT_TIMEOUT seconds (a positive number) for a slow network."""
    value = os.environ.get("GOVSIM_DASK_CONNECT_TIMEOUT", "")
    try:
        seconds = float(value)
    except ValueError:
        seconds = 10.0
    return f"{seconds if 0 < seconds < 3600 else 10.0}s"


PARENT_POLL_SECONDS = 0.5  # where no pidfd exists, how often a worker checks its parent


def default_workers() -> int:
    """Cores this process may run on (its CPU affinity), at least one."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def scheduler_address(option: str | None) -> str | None:
    return option or os.environ.get(ENV_SCHEDULER) or None


def _exit_with(owner: int) -> None:
    """Block until process ``owner`` has ended, then end this process at once."""
    try:
        fd = os.pidfd_open(owner)  # Linux: readable when the process ends; no pid reuse
    except (AttributeError, OSError):
        fd = None
    if fd is not None:
        select.select([fd], [], [])
    else:
        while True:
            try:
                os.kill(owner, 0)
            except ProcessLookupError:
                break
            except PermissionError:
                pass
            time.sleep(PARENT_POLL_SECONDS)
    os._exit(1)


def worker_init(owner: int) -> None:
    """Initializer of every local worker: ignore Ctrl-C, and die with ``owner``."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_with, args=(owner,), daemon=True, name="owner-watch").start()


def _started(_: int) -> int:
    return os.getpid()


@contextlib.contextmanager
def local_pool(workers: int, preload: Sequence[str] = ("sim.run",)) -> Iterator[Executor]:
    """A pool of ``workers`` local processes, all started; queued work is cancelled on exit."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["sim.executors", *preload])
    # The resource tracker unblocks SIGINT once it has started: start it before holding.
    resource_tracker.ensure_running()
    pool = None
    try:
        with ctrl_c_held():
            pool = ProcessPoolExecutor(
                max_workers=workers,
                mp_context=context,
                initializer=worker_init,
                initargs=(os.getpid(),),
            )
            # A worker starts at each submit while none is idle: these start them all.
            list(pool.map(_started, range(workers)))
        yield pool
    finally:
        if pool is not None:  # joins every worker started, so none is left half-started
            pool.shutdown(wait=True, cancel_futures=True)


@contextlib.contextmanager
def open_executor(
    scheduler: str | None = None,
    workers: int | None = None,
    preload: Sequence[str] = (),
    cluster: ClusterSpec | None = None,
) -> Iterator[tuple[Executor, str]]:
    """Yield ``(executor, description)``: a cluster govsim starts (``cluster``, see
    ``sim.clusters``), a running Dask cluster when ``scheduler`` is given, else ``workers``
    local processes (default: ``default_workers()``). Connection problems raise
    ``ConfigError`` (one line)."""
    if cluster is not None:
        from sim.clusters import start_cluster

        with (
            start_cluster(cluster) as (started, where),
            _client(started) as client,
            _client_executor(client, where) as pair,
        ):
            yield pair
        return
    if scheduler:
        with _dask_executor(scheduler) as pair:
            yield pair
        return
    n = workers or default_workers()
    with local_pool(n, ("sim.run", *preload)) as pool:
        yield pool, f"{n} local worker process{'es' if n > 1 else ''}"


@contextlib.contextmanager
def _client(address: Any) -> Iterator[Any]:
    """A Dask client of the scheduler at ``address`` (or of a cluster object)."""
    try:
        from distributed import Client
    except ImportError:
        raise ConfigError("--scheduler needs Dask: pip install 'govsim[dask]'") from None
    try:
        client = Client(address, timeout=connect_timeout(), set_as_default=False)
    except (OSError, TimeoutError, ValueError) as err:
        reason = str(err).splitlines()[0] if str(err) else type(err).__name__
        raise ConfigError(f"cannot reach Dask scheduler at {address}: {reason}") from None
    try:
        yield client
    finally:
        client.close()


@contextlib.contextmanager
def _dask_executor(address: str) -> Iterator[tuple[Executor, str]]:
    with _client(address) as client:
        n = len(client.scheduler_info().get("workers", {}))
        with _client_executor(client, f"Dask cluster at {address} ({n} workers)") as pair:
            yield pair


@contextlib.contextmanager
def _client_executor(client: Any, where: str) -> Iterator[tuple[Executor, str]]:
    """An executor whose every run is submitted with ``RUN_RETRIES`` retries."""
    executor = client.get_executor(pure=False, retries=RUN_RETRIES)
    try:
        yield executor, where
    finally:
        executor.shutdown(wait=False)  # cancels queued tasks on the cluster

"""Atomic writes and folder swaps: permissions follow the umask, staging left by a
killed writer is cleaned, and concurrent swaps of one folder never fail or mix."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from sim.output.atomic import (
    clean_stale,
    replaced_folder,
    staged_folder,
    write_atomic,
    write_text_atomic,
)

UMASKS = [(0o022, 0o644, 0o755), (0o002, 0o664, 0o775)]


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize(
    ("umask", "file_mode", "folder_mode"), [(0o022, 0o644, 0o755), (0o002, 0o664, 0o775)]
)
def test_permissions_follow_the_umask(tmp_path, umask, file_mode, folder_mode):
    old = os.umask(umask)
    try:
        write_text_atomic(tmp_path / "a" / "report.md", "x")
        write_atomic(tmp_path / "a" / "t.bin", lambda p: p.write_bytes(b"1"))
        with staged_folder(tmp_path / "run") as folder:
            (folder / "metrics.json").write_text("{}")
        with replaced_folder(tmp_path / "figures") as folder:
            (folder / "f.png").write_bytes(b"png")
    finally:
        os.umask(old)
    assert mode(tmp_path / "a") == folder_mode
    assert mode(tmp_path / "a" / "report.md") == file_mode
    assert mode(tmp_path / "a" / "t.bin") == file_mode
    assert mode(tmp_path / "run") == folder_mode
    assert mode(tmp_path / "run" / "metrics.json") == file_mode
    assert mode(tmp_path / "figures") == folder_mode
    assert mode(tmp_path / ".figures.lock") == file_mode


def test_staging_left_by_a_killed_writer_is_cleaned_and_a_live_ones_kept(tmp_path):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)  # fmt: skip
    pid = int(dead.stdout)
    stale = tmp_path / f".figures.{pid}-0123abcd.partial"
    stale.mkdir()
    (stale / "half.png").write_bytes(b"")
    stale_file = tmp_path / f".report.md.{pid}-89abcdef.tmp"
    stale_file.write_text("half")
    live = tmp_path / f".figures.{os.getpid()}-deadbeef.partial"
    live.mkdir()
    other = tmp_path / ".hidden_but_not_ours"
    other.mkdir()
    with replaced_folder(tmp_path / "figures") as folder:
        (folder / "a.png").write_bytes(b"png")
    assert not stale.exists() and not stale_file.exists()
    assert live.exists() and other.exists()
    (tmp_path / f".x.{pid}-00000000.tmp").write_text("")
    assert clean_stale(tmp_path) == [tmp_path / f".x.{pid}-00000000.tmp"]
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != ".figures.lock") == sorted(
        ["figures", live.name, other.name]
    )


def _swap_many(final: Path, tag: str, times: int, errors: list) -> None:
    for i in range(times):
        try:
            with replaced_folder(final) as folder:
                (folder / "a.txt").write_text(f"{tag} {i}")
                (folder / "b.txt").write_text(f"{tag} {i}")
        except Exception as err:  # pragma: no cover - the failure being tested for
            errors.append(err)


def test_concurrent_folder_swaps_never_fail_or_mix(tmp_path):
    final = tmp_path / "figures"
    errors: list = []
    threads = [
        threading.Thread(target=_swap_many, args=(final, f"t{n}", 150, errors)) for n in range(4)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert (final / "a.txt").read_text() == (final / "b.txt").read_text()
    assert sorted(p.name for p in tmp_path.iterdir()) == [".figures.lock", "figures"]


def test_concurrent_folder_swaps_across_processes(tmp_path):
    final = tmp_path / "figures"
    code = (
        "import sys; from pathlib import Path; from tests.output.test_atomic import _swap_many\n"
        "errors = []; _swap_many(Path(sys.argv[1]), sys.argv[2], 150, errors)\n"
        "print(len(errors)); sys.exit(1 if errors else 0)"
    )
    root = Path(__file__).resolve().parents[2]
    procs = [
        subprocess.Popen([sys.executable, "-c", code, str(final), f"p{n}"], cwd=root)
        for n in range(3)
    ]
    assert [p.wait(timeout=120) for p in procs] == [0, 0, 0]
    assert (final / "a.txt").read_text() == (final / "b.txt").read_text()
    assert sorted(p.name for p in tmp_path.iterdir()) == [".figures.lock", "figures"]


def test_the_run_store_sweeps_temporary_files_of_killed_writers(tmp_path):
    from sim.experiments.store import RunStore

    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)  # fmt: skip
    left = tmp_path / f".0123456789abcdef0123.json.{int(dead.stdout)}-0123abcd.tmp"
    left.write_text('{"key": "0123')
    RunStore(tmp_path)
    assert not left.exists()


@pytest.mark.parametrize(("umask", "file_mode", "folder_mode"), UMASKS)
def test_a_run_folder_is_readable_as_the_umask_says(tmp_path, umask, file_mode, folder_mode):
    root = Path(__file__).resolve().parents[2]
    proc = subprocess.run(
        [sys.executable, "-m", "sim.cli", "run", "days=3", "--no-progress",
         "--results", str(tmp_path)],
        cwd=root, capture_output=True, text=True, check=True, preexec_fn=lambda: os.umask(umask),
    )  # fmt: skip
    folder = Path(proc.stdout.strip().splitlines()[-1])
    assert mode(folder) == folder_mode and mode(folder.parent) == folder_mode
    files = list(folder.iterdir())
    assert len(files) >= 5 and all(mode(f) == file_mode for f in files)

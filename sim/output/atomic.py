"""Atomic file writes and folder swaps: every output is either complete or absent.

The one implementation used by run folders, the experiment store and reports, the
calibration outputs and the sensitivity folder.

- A file is written under a hidden temporary name beside its destination, flushed and
  renamed over it (``write_text_atomic``, ``write_bytes_atomic``, ``write_atomic``).
- A folder is built in a hidden staging folder beside its destination and renamed into
  place (``staged_folder``: the destination must be new; ``replaced_folder``: an earlier
  folder is swapped out). Swaps of one destination hold a lock file
  (``.NAME.lock``), so two publishers never interleave their renames.
- Temporary names carry the writer's process id; ``clean_stale`` removes those whose
  process is gone (left by kill -9). Every folder write sweeps the folder it writes
  into; the run store sweeps its folder when opened (a sweep per file would read a
  large folder once per file).
- Files and folders are created with ``os.open``/``os.mkdir`` and modes 0666/0777, so
  the user's umask decides their permissions (0644/0755 under umask 022) like any
  other program's output, not the private 0600/0700 of ``tempfile``.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

from filelock import FileLock, Timeout

from sim.config import ConfigError

FILE_MODE = 0o666  # less the umask
FOLDER_MODE = 0o777
# .NAME.<pid>-<random>.tmp (file) / .partial (folder) / .old (folder being replaced)
_TEMP = re.compile(r"^\.(?P<name>.+)\.(?P<pid>\d+)-[0-9a-f]{8}\.(?:tmp|partial|old)$")


def _temp_name(path: Path, kind: str) -> Path:
    return path.with_name(f".{path.name}.{os.getpid()}-{secrets.token_hex(4)}.{kind}")


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def clean_stale(folder: Path, name: str | None = None) -> list[Path]:
    """Remove temporary files and staging folders in ``folder`` (for destination ``name``,
    or any) whose writing process is no longer alive; return what was removed."""
    removed: list[Path] = []
    if not folder.is_dir():
        return removed
    for entry in folder.iterdir():
        match = _TEMP.match(entry.name)
        if not match or (name is not None and match["name"] != name):
            continue
        if _alive(int(match["pid"])):
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            with contextlib.suppress(FileNotFoundError):
                entry.unlink()
        removed.append(entry)
    return removed


def make_folder(path: Path) -> None:
    """``mkdir -p`` with the umask's permissions."""
    path.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)


def _fsync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def write_atomic(path: Path, write: Callable[[Path], object]) -> None:
    """Replace ``path`` with what ``write(temporary_path)`` writes, in one rename.

    For writers that want a path (e.g. ``DataFrame.to_parquet``); the temporary file
    exists (empty, with the umask's permissions) when ``write`` is called."""
    make_folder(path.parent)
    tmp = _temp_name(path, "tmp")
    os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE))
    try:
        write(tmp)
        with open(tmp, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` in one rename."""
    write_atomic(path, lambda tmp: tmp.write_bytes(data))


def write_text_atomic(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` (UTF-8) in one rename."""
    write_bytes_atomic(path, text.encode("utf-8"))


def _new_staging(final: Path) -> Path:
    make_folder(final.parent)
    clean_stale(final.parent)
    staging = _temp_name(final, "partial")
    os.mkdir(staging, FOLDER_MODE)
    return staging


def _sync_files(folder: Path) -> None:
    for path in folder.rglob("*"):
        if path.is_file():
            with open(path, "rb") as handle:
                os.fsync(handle.fileno())


@contextlib.contextmanager
def staged_folder(final: Path) -> Iterator[Path]:
    """Yield a staging folder; on success it becomes the new folder ``final`` in one
    rename (``final`` must not exist); on failure it is removed."""
    staging = _new_staging(final)
    try:
        yield staging
        _sync_files(staging)
        os.rename(staging, final)
        _fsync_folder(final.parent)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


class FolderBusy(ConfigError):
    """Another process holds a folder's writer lock; the message is one line."""


@contextlib.contextmanager
def exclusive(folder: Path, what: str) -> Iterator[None]:
    """Hold ``folder``'s writer lock (``FOLDER/.lock``) or fail at once with one line:
    two commands writing one folder would interleave their files. The operating
    system releases the lock when its holder dies, even by kill -9."""
    make_folder(folder)
    lock = FileLock(folder / ".lock")
    try:
        lock.acquire(timeout=0)
    except Timeout:
        raise FolderBusy(
            f"{folder}: another {what} is writing there now; wait for it to finish "
            "(then run again to reuse its runs) or use another --results"
        ) from None
    try:
        yield
    finally:
        lock.release()


def folder_lock(final: Path) -> FileLock:
    """The lock that serialises swaps of ``final`` (a hidden file beside it)."""
    make_folder(final.parent)
    return FileLock(final.with_name(f".{final.name}.lock"))  # mode from the umask


@contextlib.contextmanager
def replaced_folder(final: Path) -> Iterator[Path]:
    """Yield a staging folder; on success it replaces ``final`` (whether or not an
    earlier one exists). Readers see the old folder or the new one, at worst nothing
    for the instant between two renames; concurrent swaps of ``final`` take turns."""
    staging = _new_staging(final)
    try:
        yield staging
        _sync_files(staging)
        with folder_lock(final):
            old = _temp_name(final, "old")
            if final.exists():
                os.rename(final, old)
            os.rename(staging, final)
            _fsync_folder(final.parent)
        shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise

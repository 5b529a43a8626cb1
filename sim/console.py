"""What every ``govsim`` subcommand shares: bad input is one line on stderr, exit 2."""

from __future__ import annotations

import argparse
import contextlib
import re
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from typing import NoReturn

from sim.config import ConfigError

EXIT_BAD_INPUT = 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report Ctrl-C


class OneLineParser(argparse.ArgumentParser):
    """argparse whose errors are one ``govsim: error:`` line, not a usage block; exit 2.

    An unknown ``--flag`` that names a config group or key gets a hint to write it as
    an override (``--scenario county`` -> ``scenario=county``).
    """

    argv: list[str] | None = None

    def parse_known_args(self, args=None, namespace=None):
        if args is not None and self.argv is None:
            self.argv = list(args)  # the first call sees the whole command line
        return super().parse_known_args(args, namespace)

    def error(self, message: str) -> NoReturn:
        where = "" if self.prog == "govsim" else f"{self.prog.split()[-1]}: "
        print(f"govsim: error: {where}{message}{self._hint(message)}", file=sys.stderr)
        raise SystemExit(EXIT_BAD_INPUT)

    def _hint(self, message: str) -> str:
        flag = re.search(r"unrecognized arguments: (--[\w.-]+)(?:=(\S+))?", message)
        if not flag:
            return ""
        key = flag[1][2:].replace("-", "_")
        argv = self.argv or []
        value = flag[2]
        if value is None and flag[1] in argv and argv.index(flag[1]) + 1 < len(argv):
            value = argv[argv.index(flag[1]) + 1]
        if not _is_config_name(key):
            return ""
        return f"; config values are overrides, not options: did you mean {key}={value or '...'}?"


def _is_config_name(key: str) -> bool:
    """Whether ``key`` is a config group (``scenario``) or a top-level or dotted config key."""
    from sim.config import config_dir
    from sim.config.overrides import groups
    from sim.config.validate import allowed_keys

    try:
        if key.replace(".", "/") in groups(config_dir()):
            return True
    except ConfigError:
        pass
    head, _, last = key.rpartition(".")
    return last in (allowed_keys(head) or [])


def exit_status(
    command: Callable[[], int], interrupted: str = "run the same command to go on"
) -> int:
    """Run ``command``; a ``ConfigError`` becomes ``govsim: error: ...`` and exit status 2,
    Ctrl-C one line ``govsim: interrupted; <interrupted>`` and exit status 130."""
    try:
        return command()
    except ConfigError as err:
        print(f"govsim: error: {err}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print(f"govsim: interrupted; {interrupted}", file=sys.stderr)
        return EXIT_INTERRUPTED


def command_status(command: Callable[[list[str]], int], argv: list[str]) -> int:
    """A subcommand's ``main``: :func:`exit_status` around ``command(argv)``, and a Ctrl-C
    that lands before it started (or while it was reporting one) still one line and 130."""
    try:
        return exit_status(lambda: command(argv))
    except KeyboardInterrupt:
        print("govsim: interrupted before any run started; nothing written", file=sys.stderr)
        return EXIT_INTERRUPTED


@contextlib.contextmanager
def ctrl_c_held() -> Iterator[None]:
    """Hold Ctrl-C back until the end of the block, where it raises ``KeyboardInterrupt``:
    for steps that must not be cut part-way (a pool's start, a journal's append and lock).

    SIGINT is caught and noted (whichever thread the kernel hands it to: numpy's threads
    do not block it) and blocked in this thread, so processes started meanwhile inherit
    the block. Only the main thread handles signals; elsewhere this does nothing.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    pressed: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, _frame: pressed.append(signum))
    mask = None
    try:
        if hasattr(signal, "pthread_sigmask"):  # not on Windows
            mask = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        yield
    finally:
        if mask is not None:
            signal.pthread_sigmask(signal.SIG_SETMASK, mask)  # a held SIGINT comes now
        signal.signal(signal.SIGINT, previous)
        if pressed and callable(previous):
            previous(signal.SIGINT, None)  # Python's own handler raises KeyboardInterrupt
        elif pressed and previous == signal.SIG_DFL:
            signal.raise_signal(signal.SIGINT)

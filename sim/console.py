"""What every ``govsim`` subcommand shares: bad input is one line on stderr, exit 2."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import NoReturn

from sim.config import ConfigError

EXIT_BAD_INPUT = 2


class OneLineParser(argparse.ArgumentParser):
    """argparse whose errors are one ``govsim: error:`` line, not a usage block; exit 2."""

    def error(self, message: str) -> NoReturn:
        print(f"govsim: error: {self.prog.split()[-1]}: {message}", file=sys.stderr)
        raise SystemExit(EXIT_BAD_INPUT)


def exit_status(command: Callable[[], int]) -> int:
    """Run ``command``; a ``ConfigError`` becomes ``govsim: error: ...`` and exit status 2."""
    try:
        return command()
    except ConfigError as err:
        print(f"govsim: error: {err}", file=sys.stderr)
        return EXIT_BAD_INPUT

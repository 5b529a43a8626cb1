"""The ``govsim`` command's entry point. Loading the commands (``sim.cli`` and what it
imports) takes about 0.2 s; a Ctrl-C meanwhile ends as one does once they run, with one
line and status 130, not Python's traceback. (Only Python's own start-up, before this
module runs, is left to the interpreter.)"""

from __future__ import annotations

import sys

EXIT_INTERRUPTED = 130  # as sim.console says; not imported from there: it loads sim.config


def main() -> int:
    try:
        from sim.cli import main as command
    except KeyboardInterrupt:
        print("govsim: interrupted; nothing written", file=sys.stderr)
        return EXIT_INTERRUPTED
    return command()

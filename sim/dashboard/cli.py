"""``govsim dashboard``: start the dashboard on this machine and print its address.

The Solara server serves its JavaScript and fonts from the ``solara-assets`` package
installed with it (its proxy cache), so the page needs no network; telemetry is off.
"""

from __future__ import annotations

import argparse
import os
import socket
import sys
from pathlib import Path

from sim.config import ConfigError, load_params
from sim.console import EXIT_BAD_INPUT, EXIT_INTERRUPTED, OneLineParser
from sim.dashboard.start import RESULTS_ENV, START, START_ENV

OFFLINE = {
    "SOLARA_TELEMETRY_MIXPANEL_ENABLE": "False",  # no usage reports sent anywhere
    "SOLARA_ASSETS_PROXY": "True",  # serve the CDN files from solara-assets, locally
}


def parser() -> argparse.ArgumentParser:
    p = OneLineParser(
        prog="govsim dashboard",
        description="Start the browser dashboard (two policies side by side on one county; "
        "finished experiments) and print its address. Ctrl-C stops it.",
    )
    p.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default: this machine only)"
    )
    p.add_argument("--port", type=int, default=8765, help="port (default 8765)")
    p.add_argument(
        "--results",
        type=Path,
        default=Path("results"),
        help="results folder whose experiments/ the browser lists",
    )
    p.add_argument(
        "--scenario", default=START["scenario"], help="first scenario shown (default county)"
    )
    p.add_argument(
        "--days", type=int, default=int(START["days"]), help="first run length, days (default 365)"
    )
    p.add_argument("--seed", type=int, default=int(START["seed"]), help="first seed (default 0)")
    return p


def port_free(host: str, port: int) -> bool:
    with socket.socket() as s:
        try:
            s.bind((host, port))
        except OSError:
            return False
    return True


def main(argv: list[str]) -> int:
    args = parser().parse_args(argv)
    if not 0 < args.port < 65536:
        print(f"govsim: error: --port={args.port}: must be 1 to 65535", file=sys.stderr)
        return EXIT_BAD_INPUT
    if not port_free(args.host, args.port):
        print(
            f"govsim: error: --port={args.port}: already in use on {args.host}; "
            "choose another with --port",
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT
    start = {"scenario": args.scenario, "days": str(args.days), "seed": str(args.seed)}
    try:  # the first settings are validated like a run's, before anything starts
        load_params([f"{k}={v}" for k, v in start.items()])
    except ConfigError as err:
        print(f"govsim: error: {err}", file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        import solara  # noqa: F401  (the optional extra)
    except ImportError:
        print(
            "govsim: error: the dashboard needs its extra: pip install -e '.[dashboard]'",
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT
    env = {**os.environ, **OFFLINE, RESULTS_ENV: str(args.results.expanduser().resolve())}
    env.update({START_ENV[k]: v for k, v in start.items()})
    command = [
        sys.executable,
        "-m",
        "solara",
        "run",
        "sim.dashboard.app:Page",
        "--host",
        args.host,
        "--port",
        str(args.port),
        "--production",
        "--no-open",
        "--no-check-version",
    ]
    print(f"govsim dashboard: http://{args.host}:{args.port}  (Ctrl-C stops it)", flush=True)
    # The server replaces this process, so Ctrl-C or a signal to this process id stops it
    # (a child would outlive a parent that was killed).
    os.execve(sys.executable, command, env)
    return EXIT_INTERRUPTED  # not reached

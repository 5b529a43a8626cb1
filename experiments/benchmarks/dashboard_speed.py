"""Measure how fast the dashboard steps the county in a real browser, and take the
README's screenshot of both panes after 100 simulated days.

Starts ``govsim dashboard`` on a free port (county scenario, 100 days), opens it in the
system Chromium through Playwright, presses Play and reads both panes' day counters as
the browser shows them until the run ends at day 100: the pace is simulated days over
wall time in the browser, drawing and transfer included. Then it saves a screenshot.

    .venv/bin/python experiments/benchmarks/dashboard_speed.py [--out docs/dashboard.png]
"""

from __future__ import annotations

import argparse
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start(port: int, days: int, log: Path) -> subprocess.Popen:
    options = ["--port", str(port), "--scenario", "county", "--days", str(days)]
    with log.open("w") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "sim.cli", "dashboard", *options],
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    for _ in range(180):
        try:
            urllib.request.urlopen(url, timeout=5).read()
            return server
        except OSError:
            time.sleep(0.5)
    server.terminate()
    raise SystemExit(f"the dashboard did not start; see {log}")


def day(page, pane: str) -> int:
    return int(page.locator(f".govsim-day-{pane}").inner_text().split()[1])


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--out", type=Path, default=ROOT / "docs" / "dashboard.png")
    p.add_argument("--days", type=int, default=100)
    args = p.parse_args()
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        raise SystemExit("needs Chromium: apt-get install chromium")
    port = free_port()
    log = Path(tempfile.mkdtemp()) / "dashboard.log"
    server = start(port, args.days, log)
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium)
            page = browser.new_page(viewport={"width": 1700, "height": 1250})
            page.goto(f"http://127.0.0.1:{port}")
            page.locator(".govsim-day-A").wait_for(timeout=120_000)
            time.sleep(2)
            page.get_by_role("button", name="Play").click()
            started = time.perf_counter()
            seen = []
            while min(day(page, "A"), day(page, "B")) < args.days:
                seen.append((time.perf_counter() - started, day(page, "A")))
                time.sleep(0.1)
                if time.perf_counter() - started > 300:
                    raise SystemExit(f"stuck at day {day(page, 'A')}")
            elapsed = time.perf_counter() - started
            time.sleep(1.5)  # the last frame's figures
            page.screenshot(path=str(args.out), full_page=False)
            server_pace = page.locator(".govsim-speed").inner_text()
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=30)
    frames = len({d for _, d in seen})
    print(f"county, {args.days} days in the browser: {elapsed:.1f} s, "
          f"{args.days / elapsed:.1f} simulated days a second, {frames} frames shown; "
          f"server side: {server_pace}")  # fmt: skip
    print(f"screenshot: {args.out}")


if __name__ == "__main__":
    main()

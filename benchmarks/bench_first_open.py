"""How long a fresh install takes to show its first page in a real browser.

Run with `python benchmarks/bench_first_open.py [--runs N] [--baseline CHECKOUT]`. Prints
figures; it is not a test. Each run starts `streamlit run dashboard.py` on a database that does
not exist yet, waits for the server, then times Chromium from opening the address until the
app shows its first element (the progress bar while the sample is prepared) and until the
overview shows indicator 1.1 (the sample prepared and the page drawn). With `--baseline`, the
same is measured for another checkout of the project (say, an older commit in a git worktree),
in the same run, for comparison. Target: median under 3 s.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def first_open(checkout: Path) -> tuple[float, float]:
    folder = Path(tempfile.mkdtemp(prefix="pimpa-first-open-"))
    port = free_port()
    env = {**os.environ, "PIMPA_DB": str(folder / "pimpa.duckdb"), "PIMPA_KEY_FILE": str(folder / "id.key"),
           "PIMPA_SESSION_KEY_FILE": str(folder / "session.key")}
    server = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.headless", "true",
         "--server.port", str(port)], cwd=checkout, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        while True:
            try:
                urllib.request.urlopen(f"{url}/_stcore/health", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            page = browser.new_page()
            started = time.perf_counter()
            page.goto(url)
            page.locator("[data-testid='stMain'] [data-testid='stElementContainer']").first.wait_for(timeout=120_000)
            shown = time.perf_counter() - started  # the app's first element: the progress bar, or the page
            page.get_by_text("ตัวบ่งชี้ 1.1").first.wait_for(timeout=120_000)
            drawn = time.perf_counter() - started
            browser.close()
        return shown, drawn
    finally:
        server.terminate()
        server.wait(timeout=30)


def report(label: str, checkout: Path, runs: int) -> None:
    times = [first_open(checkout) for _ in range(runs)]
    for index, what in enumerate(("first element", "overview drawn")):
        values = [run[index] for run in times]
        listed = ", ".join(f"{t:.2f}" for t in values)
        print(f"{label:<9} {what:<15} median {statistics.median(values):5.2f} s  (runs: {listed})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--baseline", type=Path, default=None, metavar="CHECKOUT")
    args = parser.parse_args()
    print("first open of a fresh install: until the app shows (target: median < 3 s), and until the overview"
          " shows 1.1")
    if args.baseline:
        report("baseline", args.baseline, args.runs)
    report("this", ROOT, args.runs)


if __name__ == "__main__":
    main()

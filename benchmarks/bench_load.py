"""How many people one Pimpa server serves at once: N concurrent dashboard sessions on the
national sample, driven over Streamlit's own websocket with its protobuf messages.

Run with `python benchmarks/bench_load.py [--db FILE] [--users 10,25,50] [--rounds 3]`. Prints
figures; it is not a test. The national sample is built first when FILE does not exist
(`python -m pimpa_data sample --scale national`, about 1.5 minutes). Each simulated person is a
real account (a third administrators of the country, a third directors of a province, a
third of a district) signed in with a session cookie, as a browser would be. The server is
`streamlit run dashboard.py` in its own process; each session opens the overview, then the
quality, courses and income pages in turn, `--rounds` times, all sessions at once. A page time
is from the rerun request to Streamlit's script_finished message: the script's run plus
sending its elements, which is what a browser waits for before the page stops changing. Memory
is the server process's resident size (peak, sampled every 0.2 s).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import psutil  # noqa: E402
import websockets  # noqa: E402
from streamlit.proto.BackMsg_pb2 import BackMsg  # noqa: E402
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: E402

PAGES = ("overview", "quality", "courses", "income")
ROLES = (("admin", "TH"), ("director", "province"), ("director", "district"))
SLOW_SECONDS = 2.0


def build_national(path: Path) -> None:
    print(f"building the national sample in {path} …", flush=True)
    subprocess.run([sys.executable, "-m", "pimpa_data", "--db", str(path), "sample", "--scale", "national"],
                   cwd=ROOT, check=True, stdout=subprocess.DEVNULL)


def make_people(path: Path, count: int) -> list[str]:
    """`count` accounts and a signed session cookie for each (values of the pimpa_session cookie)."""
    from pimpa_data.access import accounts, cookies, sessions
    from pimpa_data.core import db
    from pimpa_data.core.roles import cli_actor

    con = db.connect(path)
    units = {level: [r[0] for r in con.execute(f"SELECT DISTINCT {level}_code FROM centres ORDER BY 1").fetchall()]
             for level in ("province", "district")}
    values = []
    for number in range(count):
        role, level = ROLES[number % len(ROLES)]
        unit = "TH" if level == "TH" else units[level][(number * 7) % len(units[level])]
        name = f"load{number:03d}"
        if not accounts.exists(con, name):
            accounts.add_user(con, cli_actor("bench"), name, role, unit, secrets.token_urlsafe(18))
        values.append(cookies.sign(sessions.new_session(con, name, "bench")))
    con.close()
    return values


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(path: Path, port: int, env: dict[str, str]) -> subprocess.Popen:
    command = [sys.executable, "-m", "streamlit", "run", str(ROOT / "dashboard.py"), "--server.headless", "true",
               "--server.port", str(port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"]
    server = subprocess.Popen(command, cwd=ROOT, env=env | {"PIMPA_DB": str(path)},
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2)
            return server
        except OSError:
            time.sleep(0.5)
    server.kill()
    raise SystemExit("the dashboard did not start within 2 minutes")


async def open_page(ws, page: str) -> float:
    """Ask for a page and wait for its script to finish; seconds taken. A page that shows the
    sign-in form instead (the cookie was refused) stops the run: its figures would mean nothing."""
    message = BackMsg()
    message.rerun_script.query_string = ""
    message.rerun_script.page_name = page
    started = time.perf_counter()
    await ws.send(message.SerializeToString())
    while True:
        reply = ForwardMsg()
        reply.ParseFromString(await ws.recv())
        kind = reply.WhichOneof("type")
        if kind == "navigation" and any(p.url_pathname == "signin" for p in reply.navigation.app_pages):
            raise RuntimeError("the session was not signed in (sign-in page shown)")
        if kind == "script_finished":
            return time.perf_counter() - started


async def one_person(port: int, cookie: str, rounds: int, times: list[float], failures: list[str]) -> None:
    headers = {"Cookie": f"pimpa_session={cookie}", "Origin": f"http://127.0.0.1:{port}"}
    try:
        async with websockets.connect(f"ws://127.0.0.1:{port}/_stcore/stream", additional_headers=headers,
                                      subprotocols=["streamlit"], max_size=None, open_timeout=60) as ws:
            await open_page(ws, "overview")  # the first page of a new session: sign-in and caches
            for _ in range(rounds):
                for page in PAGES:
                    times.append(await asyncio.wait_for(open_page(ws, page), timeout=300))
    except Exception as error:  # a refused or dropped session is a figure too
        failures.append(f"{type(error).__name__}: {error}")


class PeakMemory:
    """The server's resident memory, sampled in a thread while the sessions run."""

    def __init__(self, pid: int) -> None:
        self.process, self.peak, self._stop = psutil.Process(pid), 0, threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self.now())
            time.sleep(0.2)

    def now(self) -> int:
        return sum(p.memory_info().rss for p in [self.process, *self.process.children(recursive=True)])

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()


def measure(port: int, pid: int, cookies: list[str], rounds: int) -> dict[str, float]:
    times: list[float] = []
    failures: list[str] = []
    started = time.perf_counter()
    with PeakMemory(pid) as memory:
        async def everyone() -> None:
            await asyncio.gather(*(one_person(port, c, rounds, times, failures) for c in cookies))
        asyncio.run(everyone())
    cuts = statistics.quantiles(times, n=20, method="inclusive") if len(times) > 1 else times * 19
    return {"users": len(cookies), "pages": len(times), "failed": len(failures), "p50": statistics.median(times),
            "p95": cuts[18], "max": max(times), "wall": time.perf_counter() - started,
            "peak_mb": memory.peak / 2**20, "first_failure": failures[0] if failures else ""}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=Path(tempfile.gettempdir()) / "pimpa-bench-national.duckdb")
    parser.add_argument("--users", default="10,25,50")
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    counts = [int(n) for n in args.users.split(",")]
    env = dict(os.environ)
    env.setdefault("PIMPA_ID_SALT", "pimpa-bench-salt")
    env.setdefault("PIMPA_SESSION_SECRET", secrets.token_hex(16))
    os.environ.update(env)
    if not args.db.exists():
        build_national(args.db)
    cookies = make_people(args.db, max(counts))
    port = free_port()
    server = start_server(args.db, port, env)
    try:
        idle = PeakMemory(server.pid).now() / 2**20
        print(f"national sample {args.db} ({args.db.stat().st_size / 2**20:,.0f} MB); {os.cpu_count()} CPUs;"
              f" server idle {idle:,.0f} MB; pages {', '.join(PAGES)} × {args.rounds} rounds per person")
        print(f"{'users':>5} {'pages':>6} {'failed':>6} {'p50 s':>7} {'p95 s':>7} {'max s':>7} {'wall s':>7}"
              f" {'peak MB':>8}  p95 ≤ {SLOW_SECONDS:.0f} s")
        for count in counts:
            row = measure(port, server.pid, cookies[:count], args.rounds)
            ok = "yes" if row["p95"] <= SLOW_SECONDS and not row["failed"] else "no"
            print(f"{row['users']:>5} {row['pages']:>6} {row['failed']:>6} {row['p50']:>7.2f} {row['p95']:>7.2f}"
                  f" {row['max']:>7.2f} {row['wall']:>7.1f} {row['peak_mb']:>8,.0f}  {ok}"
                  f"{'  ' + row['first_failure'][:80] if row['failed'] else ''}", flush=True)
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()

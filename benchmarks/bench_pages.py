"""How long each dashboard page's script takes under Streamlit's AppTest.

Run with `python benchmarks/bench_pages.py [--runs N] [--national FILE]`. Prints figures; it is
not a test. For the district sample (sample_data/ loaded as on a first run) and, when given, a
national sample database (see bench_indicators.py, which builds one), each page is run once to
warm the caches and then N times; the median of those runs is compared with the target
(district < 1 s, national < 3 s). The scope is the sidebar's default: the newest fiscal year
and, with one district's data, that district; with national data, the whole country.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from streamlit.testing.v1 import AppTest  # noqa: E402

from pimpa_data.sample import bootstrap  # noqa: E402

PAGES = ("overview", "quality", "courses", "income", "followup", "upload")
TARGETS = {"district": 1.0, "national": 3.0}


def page_seconds(page: str, runs: int) -> tuple[float, float]:
    """(first run, median of the warm runs) for one page in a new app session."""
    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=300)
    times = []
    for run in range(runs + 1):
        if run == 0 and page != "overview":
            app.run()  # the router opens on the overview; then go to the page
            app.switch_page(f"app_pages/{page}.py")
        started = time.perf_counter()
        app.run()
        times.append(time.perf_counter() - started)
        if app.exception:
            raise SystemExit(f"{page}: {app.exception[0].message}")
    return times[0], statistics.median(times[1:])


def measure(label: str, database: Path, runs: int) -> bool:
    os.environ["PIMPA_DB"] = str(database)
    print(f"\n{label} ({database.name}); target: warm median < {TARGETS[label]:.0f} s")
    ok = True
    for page in PAGES:
        first, warm = page_seconds(page, runs)
        met = warm < TARGETS[label]
        ok &= met
        print(f"  {page:<9} first {first:6.2f} s   warm median {warm:6.3f} s   {'ok' if met else 'MISSED'}")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--national", type=Path, default=None, help="a national sample database")
    args = parser.parse_args()
    district = Path(tempfile.mkdtemp()) / "district.duckdb"
    started = time.perf_counter()
    bootstrap.open_database(district).close()
    print(f"district sample loaded from sample_data/ in {time.perf_counter() - started:.1f} s (first run)")
    ok = measure("district", district, args.runs)
    if args.national:
        ok &= measure("national", args.national, args.runs)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

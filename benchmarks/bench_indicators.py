"""How long indicators 1.1–1.3 take for every centre of one fiscal year, on the national sample.

Run with `python benchmarks/bench_indicators.py [--runs N] [--db FILE]`. It prints figures and
exits 1 when a target is missed; it is not a test. The national sample (every subdistrict,
3 fiscal years) is generated once into FILE (default: a temporary folder) and reused when the
file already exists.

Four timings, each the median of N runs on a warm connection:
- ours: `indicators.compute(con, fy, "centre")` — facts, counts, targets and quality levels
  for all 7,451 centres;
- bare: one DuckDB aggregate over the same data tables (enrolments, attendance and follow-ups
  of the year's courses, counted per centre) with none of the rules;
- bare_summary, for reference: the same kind of aggregate over the per-enrolment summary that
  ours reads (summaries.py keeps it in step on every upload), which shows the fixed cost of
  targets, unit names and quality levels;
- pandas: the same definitions in pandas on the raw tables already in memory (reading them is
  not timed), checked to give the same counts as ours.

Targets (issue 3): ours within 3× bare and under 1 s; ours at least 5× faster than pandas.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pimpa_data.core import db  # noqa: E402
from pimpa_data.core.dates import fiscal_year_bounds  # noqa: E402
from pimpa_data.core.summaries import refresh  # noqa: E402
from pimpa_data.ingest.bulk import with_centres  # noqa: E402
from pimpa_data.measures.indicators import COUNTS, INDICATORS, compute  # noqa: E402
from pimpa_data.measures.targets import attendance_threshold  # noqa: E402

FISCAL_YEAR = 2568
MAX_RATIO_TO_BARE, MAX_SECONDS, MIN_SPEEDUP_OVER_PANDAS = 3.0, 1.0, 5.0


# ---------------------------------------------------------------- the national sample

def build(path: Path) -> None:
    """Generate the national sample and insert it as stored rows (IDs hashed as the loader does)."""
    from pimpa_data.sample.generator import generate

    con = db.connect(path)
    hasher = db.IdHasher.of(con)
    frames = generate("national", 3)
    for kind, frame in frames.items():
        if "learner_id" in frame:
            frame = _hashed(frame, hasher, with_last4=kind in ("enrolments", "sales"))
        if kind != "courses":  # the course's centre, as the loader finds it
            frame = with_centres(frame, frames["courses"])
        cursor = con.cursor()
        cursor.register("frame", frame)
        cursor.execute(f"INSERT INTO {kind} BY NAME SELECT * FROM frame")
        cursor.close()
    refresh(con)  # the store keeps the summaries in step on every upload; rows inserted here bypass it
    con.close()


def _hashed(frame: pd.DataFrame, hasher: db.IdHasher, with_last4: bool) -> pd.DataFrame:
    raw = frame["learner_id"].astype(object)
    distinct = raw.dropna().unique()
    frame = frame.copy()
    frame["learner_id"] = raw.map(dict(zip(distinct, map(hasher, distinct))))
    if with_last4:
        frame["learner_id_last4"] = raw.str[-4:]
    return frame


# ---------------------------------------------------------------- the three contenders

BARE_SUMMARY_SQL = """
SELECT centre_code, count(*), count(*) FILTER (WHERE result = 'pass'), sum(present_sessions),
       count(*) FILTER (WHERE any_applied), sum(course_sessions)
FROM enrolment_summary WHERE course_end_date BETWEEN $first_day AND $last_day GROUP BY centre_code
"""
BARE_RAW_SQL = """
WITH year_courses AS (
    SELECT course_code, centre_code FROM courses WHERE end_date BETWEEN $first_day AND $last_day),
e AS (SELECT c.centre_code, count(*) AS n, count(*) FILTER (WHERE result = 'pass') AS passed
      FROM enrolments JOIN year_courses c USING (course_code) GROUP BY 1),
a AS (SELECT c.centre_code, count(*) AS n, sum(hours) AS hours
      FROM attendance JOIN year_courses c USING (course_code) GROUP BY 1),
f AS (SELECT c.centre_code, count(*) AS n, count(*) FILTER (WHERE applied) AS applied
      FROM follow_ups JOIN year_courses c USING (course_code) GROUP BY 1)
SELECT centre_code, e.n, e.passed, a.n, a.hours, f.n, f.applied
FROM e FULL JOIN a USING (centre_code) FULL JOIN f USING (centre_code)
"""


def bare(con: duckdb.DuckDBPyConnection, fiscal_year: int, sql: str) -> pd.DataFrame:
    first_day, last_day = fiscal_year_bounds(fiscal_year)
    return con.execute(sql, {"first_day": first_day, "last_day": last_day}).df()


def ours(con: duckdb.DuckDBPyConnection, fiscal_year: int) -> pd.DataFrame:
    return compute(con, fiscal_year, "centre")


def in_memory(con: duckdb.DuckDBPyConnection) -> dict[str, pd.DataFrame]:
    """The tables as pandas frames, hours as exact integer hundredths."""
    tables = {
        "courses": "SELECT course_code, centre_code, hours * 100 AS hours_x100, end_date FROM courses",
        "enrolments": "SELECT course_code, learner_id, result FROM enrolments",
        "attendance": "SELECT course_code, learner_id, session_date, CAST(hours * 100 AS BIGINT)"
                      " AS hours_x100, status = 'present' AS present FROM attendance",
        "follow_ups": "SELECT course_code, learner_id, applied, coalesce(exemplary, false) AS exemplary"
                      " FROM follow_ups",
        "targets": "SELECT fiscal_year, unit_code, indicator,"
                   " CAST(target_pct * 100 AS BIGINT) AS target_x100, updated_at FROM targets",
        "levels": "SELECT CAST(min_ratio * 1000 AS BIGINT) AS min_x1000, level_th FROM quality_levels",
        "centres": "SELECT centre_code FROM centres",
    }
    frames = {name: con.execute(sql).df() for name, sql in tables.items()}
    frames["courses"]["hours_x100"] = frames["courses"]["hours_x100"].astype("int64")
    return frames


KEYS = ["course_code", "learner_id"]


def pandas_facts(t: dict[str, pd.DataFrame], fiscal_year: int, threshold_x100: int) -> pd.DataFrame:
    """The per-enrolment facts of facts.py, in pandas, exact (integer hundredths of an hour)."""
    first, last = (pd.Timestamp(day) for day in fiscal_year_bounds(fiscal_year))
    courses = t["courses"][t["courses"].end_date.between(first, last)]
    in_year = courses.course_code
    att = t["attendance"][t["attendance"].course_code.isin(in_year)]
    per_course = att.groupby("course_code").agg(
        timed=("hours_x100", "count"), sessions=("session_date", "nunique"))
    per_enrolment = att.groupby(KEYS).agg(attended_x100=("hours_x100", "sum"), present=("present", "sum"))
    fu = t["follow_ups"][t["follow_ups"].course_code.isin(in_year)]
    per_follow = fu.groupby(KEYS).agg(follow_ups=("applied", "size"), any_applied=("applied", "any"),
                                      any_exemplary=("exemplary", "any"))
    facts = (t["enrolments"].merge(courses, on="course_code")
             .merge(per_course, on="course_code", how="left")
             .merge(per_enrolment, on=KEYS, how="left").merge(per_follow, on=KEYS, how="left"))
    by_hours = facts.timed.fillna(0).to_numpy() > 0
    attended = np.where(by_hours, facts.attended_x100.fillna(0), facts.present.fillna(0) * 100)
    required = np.where(by_hours, facts.hours_x100, facts.sessions.fillna(0) * 100)
    below = facts.sessions.notna().to_numpy() & (attended * 10_000 < threshold_x100 * required)
    graduate = (facts.result == "pass").to_numpy() & ~below
    applied = graduate & facts.any_applied.fillna(False).to_numpy(bool)
    return pd.DataFrame({
        "centre_code": facts.centre_code, "is_enrolled": facts.result.isin(["pass", "fail"]),
        "is_pending": facts.result.isna(), "is_graduate": graduate,
        "followed_up": graduate & (facts.follow_ups.fillna(0).to_numpy() > 0), "applied": applied,
        "exemplary": applied & facts.any_exemplary.fillna(False).to_numpy(bool),
    })


def pandas_targets(t: dict[str, pd.DataFrame], fiscal_year: int, centres: pd.Index) -> dict[str, np.ndarray]:
    """Each indicator's target (hundredths of a percent) per centre: nearest unit, then year over any-year."""
    rows = t["targets"][t["targets"].fiscal_year.isna() | (t["targets"].fiscal_year == fiscal_year)]
    rows = rows.assign(specific=rows.fiscal_year.notna()).sort_values(["specific", "updated_at"])
    rows = rows.drop_duplicates(["unit_code", "indicator"], keep="last")
    codes = centres.to_series()
    chosen = {}
    for indicator in INDICATORS:
        by_unit = rows[rows.indicator == indicator.code].set_index("unit_code").target_x100
        target = codes.map(by_unit)
        for length in (4, 2):
            target = target.fillna(codes.str[:length].map(by_unit))
        chosen[indicator.code] = target.fillna(by_unit.get("TH", np.nan)).to_numpy()
    return chosen


def pandas_indicators(t: dict[str, pd.DataFrame], fiscal_year: int, threshold_x100: int) -> pd.DataFrame:
    facts = pandas_facts(t, fiscal_year, threshold_x100)
    centres = pd.Index(t["centres"].centre_code.sort_values(), name="unit_code")
    names = {"is_enrolled": "enrolled", "is_pending": "pending", "is_graduate": "graduates"}
    facts = facts.rename(columns=names)
    table = facts.groupby("centre_code").sum().reindex(centres, fill_value=0)
    targets = pandas_targets(t, fiscal_year, centres)
    levels = t["levels"].sort_values("min_x1000", ascending=False)
    for indicator in INDICATORS:
        num = table[indicator.numerator].to_numpy()
        den = table[indicator.denominator].to_numpy()
        value = np.where(den > 0, num * 100 / np.maximum(den, 1), np.nan)
        reached = [num * 10_000_000 >= band * den * targets[indicator.code] for band in levels.min_x1000]
        level = np.select(reached, levels.level_th.to_list(), default=None)
        table[indicator.column("value_pct")] = value
        table[indicator.column("quality_level_th")] = np.where(den > 0, level, None)
    return table.reset_index()


# ---------------------------------------------------------------- timing

def median_seconds(contenders: dict[str, Callable[[], object]], runs: int) -> dict[str, float]:
    """Each contender's median time; runs are interleaved so that other load on the machine
    falls on all of them alike. A first untimed round warms DuckDB's buffers."""
    times: dict[str, list[float]] = {name: [] for name in contenders}
    for round_number in range(runs + 1):
        for name, run in contenders.items():
            start = time.perf_counter()
            run()
            if round_number:
                times[name].append(time.perf_counter() - start)
    return {name: statistics.median(values) for name, values in times.items()}


def check_same(ours_table: pd.DataFrame, pandas_table: pd.DataFrame) -> None:
    columns = ["unit_code", *(count.name for count in COUNTS if count.name != "followed_up"), "followed_up"]
    columns += [indicator.column("quality_level_th") for indicator in INDICATORS]
    left = ours_table[columns].astype(str).reset_index(drop=True)
    right = pandas_table[columns].astype(str).reset_index(drop=True)
    if not left.equals(right):
        raise SystemExit("pandas and ours disagree: the benchmark compares different definitions")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--db", type=Path, default=None,
                        help="the national sample database (built when missing)")
    parser.add_argument("--fiscal-year", type=int, default=FISCAL_YEAR)
    args = parser.parse_args()
    path = args.db or Path(tempfile.mkdtemp()) / "national.duckdb"
    if not path.exists():
        print(f"building the national sample in {path} …", flush=True)
        build(path)
    con = db.connect(path)  # upgrades an older file's schema (and builds its summaries) once
    started = time.perf_counter()
    con.execute("BEGIN")
    refresh(con)
    con.execute("ROLLBACK")
    rebuild = time.perf_counter() - started
    fy = args.fiscal_year
    frames = in_memory(con)
    threshold_x100 = int(attendance_threshold(con) * 100)
    check_same(ours(con, fy), pandas_indicators(frames, fy, threshold_x100))
    sizes = {name: con.execute(f"SELECT count(*) FROM {name}").fetchone()[0]
             for name in ("courses", "enrolments", "attendance", "follow_ups")}
    print("rows:", ", ".join(f"{name} {count:,}" for name, count in sizes.items()))
    timings = median_seconds({
        "ours": lambda: ours(con, fy),
        "bare": lambda: bare(con, fy, BARE_RAW_SQL),
        "bare_summary": lambda: bare(con, fy, BARE_SUMMARY_SQL),
        "pandas": lambda: pandas_indicators(frames, fy, threshold_x100),
    }, args.runs)
    print(f"upkeep: rebuilding every summary from scratch takes {rebuild:.2f} s"
          " (an upload refreshes only the courses it touches)")
    return report(timings, fy)


def report(timings: dict[str, float], fiscal_year: int) -> int:
    ratio, speedup = timings["ours"] / timings["bare"], timings["pandas"] / timings["ours"]
    print(f"FY {fiscal_year}, every centre (median seconds): "
          + ", ".join(f"{name} {seconds:.3f}" for name, seconds in timings.items()))
    checks = [
        (f"ours / bare = {ratio:.2f} (≤ {MAX_RATIO_TO_BARE}); ours / bare_summary ="
         f" {timings['ours'] / timings['bare_summary']:.2f}, for reference", ratio <= MAX_RATIO_TO_BARE),
        (f"ours = {timings['ours']:.3f} s (< {MAX_SECONDS} s)", timings["ours"] < MAX_SECONDS),
        (f"pandas / ours = {speedup:.1f}× (≥ {MIN_SPEEDUP_OVER_PANDAS}×)",
         speedup >= MIN_SPEEDUP_OVER_PANDAS),
    ]
    for text, ok in checks:
        print(("ok    " if ok else "MISSED ") + text)
    return 0 if all(ok for _, ok in checks) else 1


if __name__ == "__main__":
    sys.exit(main())

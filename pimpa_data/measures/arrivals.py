"""What arrived: for each centre and month of a fiscal year, how many records are about that month.

A record counts in the month it is about, never the month it was uploaded: a course in the
month it starts, attendance in the month of the session, a follow-up in the month of the visit,
a sale in its month. (This grid is about the records' own dates; the indicators and the other
checks put a course's learners in the fiscal year in which the course ends.)

Centres listed: every centre of the unit in the reference table, so a centre that sent nothing
shows as an empty row; for the whole country only centres with a course in any year (7,451
empty rows would hide the few that matter), and in every case any centre that has records.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import duckdb
import pandas as pd

from ..core.dates import fiscal_year_bounds
from ..core.kinds import KINDS_BY_NAME
from ..core.units import COUNTRY, require, unit_prefix
from .facts import query_frame


@dataclass(frozen=True)
class Arrival:
    kind: str  # a record kind's table
    column: str  # the date the record is about
    th: str
    en: str
    letter: str  # in the command line's compact grid

    def __post_init__(self) -> None:  # identifiers reach SQL only from the declared schema
        if self.column not in KINDS_BY_NAME[self.kind].stored_names:
            raise ValueError(f"{self.kind} has no column {self.column}")


ARRIVALS: tuple[Arrival, ...] = (
    Arrival("courses", "start_date", "หลักสูตร (เดือนที่เริ่ม)", "courses (month started)", "C"),
    Arrival("attendance", "session_date", "บันทึกเวลาเรียน", "attendance", "A"),
    Arrival("follow_ups", "followup_date", "การติดตามผล", "follow-ups", "F"),
    Arrival("sales", "month", "การจำหน่าย", "sales", "S"),
)
LONG_COLUMNS = ("centre_code", "centre_name", "month", "kind", "records")

_RECORDS = "\n    UNION ALL ".join(
    f"SELECT centre_code, '{a.kind}' AS kind, date_trunc('month', {a.column})::DATE AS month FROM {a.kind}"
    f" WHERE {a.column} BETWEEN $first_day AND $last_day AND starts_with(centre_code, $unit_prefix)"
    for a in ARRIVALS
)
_KINDS = ", ".join(f"('{a.kind}', {order})" for order, a in enumerate(ARRIVALS))

ARRIVALS_SQL = f"""
WITH months AS (SELECT unnest(generate_series($first_day::DATE, $last_day::DATE, INTERVAL 1 MONTH))::DATE AS month),
kinds AS (SELECT * FROM (VALUES {_KINDS}) AS k(kind, kind_order)),
records AS ({_RECORDS}),
counted AS (SELECT centre_code, kind, month, count(*) AS records FROM records GROUP BY ALL),
listed AS (
    SELECT centre_code FROM centres WHERE starts_with(centre_code, $unit_prefix)
        AND ($every_centre OR centre_code IN (SELECT centre_code FROM courses))
    UNION SELECT centre_code FROM counted)
SELECT l.centre_code, ce.centre_name, m.month, k.kind, coalesce(c.records, 0) AS records
FROM listed l LEFT JOIN centres ce ON ce.centre_code = l.centre_code
CROSS JOIN months m CROSS JOIN kinds k
LEFT JOIN counted c ON c.centre_code = l.centre_code AND c.month = m.month AND c.kind = k.kind
ORDER BY l.centre_code, m.month, k.kind_order"""


def fiscal_months(fiscal_year: int) -> list[dt.date]:
    """The first day of each month of a fiscal year, October to September."""
    first, _ = fiscal_year_bounds(fiscal_year)
    return [dt.date(first.year + (first.month + i - 1) // 12, (first.month + i - 1) % 12 + 1, 1) for i in range(12)]


def arrivals_long(con: duckdb.DuckDBPyConnection, fiscal_year: int, unit_code: str = COUNTRY) -> pd.DataFrame:
    """One row per listed centre, fiscal month and kind (zeros included): centre_code,
    centre_name, month (its first day), kind, records."""
    require(con, unit_code)
    first_day, last_day = fiscal_year_bounds(fiscal_year)
    params = {"first_day": first_day, "last_day": last_day, "unit_prefix": unit_prefix(unit_code),
              "every_centre": unit_prefix(unit_code) != ""}
    frame = query_frame(con, ARRIVALS_SQL, params)
    return frame.astype({"records": "int64"}) if len(frame) else pd.DataFrame(columns=list(LONG_COLUMNS))


def arrival_columns(fiscal_year: int) -> list[tuple[str, dt.date, str]]:
    """The count columns of `arrivals`, in order: (column name, month, kind), e.g.
    ("2023_10_courses", 1 Oct 2023, "courses")."""
    return [(f"{month:%Y_%m}_{a.kind}", month, a.kind) for month in fiscal_months(fiscal_year) for a in ARRIVALS]


def arrivals(con: duckdb.DuckDBPyConnection, fiscal_year: int, unit_code: str = COUNTRY) -> pd.DataFrame:
    """One row per listed centre: centre_code, centre_name, then per fiscal month (October first)
    and kind the number of records about that month, in columns named `YYYY_MM_kind`."""
    long = arrivals_long(con, fiscal_year, unit_code)
    names = [name for name, _, _ in arrival_columns(fiscal_year)]
    if long.empty:
        return pd.DataFrame(columns=["centre_code", "centre_name", *names])
    long["column"] = [f"{month:%Y_%m}_{kind}" for month, kind in zip(long["month"], long["kind"])]
    wide = long.pivot(index="centre_code", columns="column", values="records").reindex(columns=names)
    centres = long.drop_duplicates("centre_code").set_index("centre_code")["centre_name"]
    wide.insert(0, "centre_name", centres)
    return wide.reset_index().rename_axis(columns=None)

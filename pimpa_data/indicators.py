"""Quality standard 1 (indicators 1.1–1.3), declared as data and computed from the facts.

`compute` gives one row per unit, `trend` one row per fiscal year of a unit, `sar_table` one
row per unit and indicator. All three run one query: the facts, one GROUP BY per unit, the
targets resolved for every unit at once, and the quality level by an exact comparison.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

import duckdb
import pandas as pd

from .facts import query_frame, scope_params, with_facts
from .normalise import fiscal_year
from .targets import RESOLVED_TARGETS_SQL
from .units import COUNTRY, check_within, level, level_of, unit_prefix, units_sql


@dataclass(frozen=True)
class Count:
    name: str  # column of the result
    fact: str  # the boolean fact it counts
    th: str
    en: str


COUNTS: tuple[Count, ...] = (
    Count("enrolled", "is_enrolled", "ผู้เรียนที่มีผลการประเมิน", "Enrolled (result known)"),
    Count("pending", "is_pending", "ผู้เรียนที่ยังไม่มีผลการประเมิน", "Result pending"),
    Count("graduates", "is_graduate", "ผู้จบหลักสูตร", "Graduates"),
    Count("followed_up", "followed_up", "ผู้จบหลักสูตรที่ได้รับการติดตาม", "Graduates followed up"),
    Count("applied", "applied", "ผู้จบหลักสูตรที่นำความรู้ไปใช้", "Graduates applying it"),
    Count("exemplary", "exemplary", "ผู้ที่นำไปใช้จนเห็นเป็นประจักษ์/เป็นตัวอย่างที่ดี", "Exemplary graduates"),
)
COUNTS_BY_NAME = {count.name: count for count in COUNTS}


@dataclass(frozen=True)
class Indicator:
    code: str
    th: str
    en: str
    numerator: str  # a Count name
    denominator: str
    th_full: str
    unit: str = "%"

    @property
    def key(self) -> str:
        """The code as a column suffix: '1.2' → '1_2'."""
        return self.code.replace(".", "_")

    def column(self, field: str) -> str:
        return f"{field}_{self.key}"


INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        "1.1", "ผู้เรียนมีความรู้ ความสามารถ ทักษะ คุณธรรม ตามเกณฑ์การจบหลักสูตร",
        "Learners meet the course's completion criteria", "graduates", "enrolled",
        "ผู้เรียนการศึกษาต่อเนื่องมีความรู้ ความสามารถ และหรือทักษะ และหรือคุณธรรมเป็นไปตามเกณฑ์การจบหลักสูตร",
    ),
    Indicator(
        "1.2", "ผู้จบหลักสูตรนำความรู้ไปใช้หรือประยุกต์ใช้", "Graduates apply what they learned",
        "applied", "graduates",
        "ผู้จบหลักสูตรการศึกษาต่อเนื่องสามารถนำความรู้ที่ได้ไปใช้ หรือประยุกต์ใช้ บนฐานค่านิยมร่วมของสังคม",
    ),
    Indicator(
        "1.3", "ผู้จบหลักสูตรนำความรู้ไปใช้จนเห็นเป็นประจักษ์หรือเป็นตัวอย่างที่ดี",
        "Graduates whose use of it is visible or a good example", "exemplary", "applied",
        "ผู้จบหลักสูตรการศึกษาต่อเนื่องที่นำความรู้ไปใช้จนเห็นเป็นประจักษ์หรือตัวอย่างที่ดี",
    ),
)
INDICATORS_BY_CODE = {indicator.code: indicator for indicator in INDICATORS}
CELL_FIELDS = ("numerator", "denominator", "value_pct", "target_pct", "quality_level_th", "quality_level_en")
_COUNT_NAMES = ", ".join(count.name for count in COUNTS)


def _counts_sql(level_name: str) -> str:
    sums = ", ".join(f"count(*) FILTER (WHERE {c.fact}) AS {c.name}" for c in COUNTS)
    return f"SELECT fiscal_year, {level(level_name).name}_code AS unit_code, {sums} FROM facts GROUP BY ALL"


def _long_sql() -> str:
    """Each indicator's numerator and denominator per cell, stacked (indicator codes are bound)."""
    return "\nUNION ALL\n".join(
        f"SELECT fiscal_year, unit_code, $indicator_{i} AS indicator, {i} AS position,"
        f" {ind.numerator} AS numerator, {ind.denominator} AS denominator FROM wide"
        for i, ind in enumerate(INDICATORS)
    )


def _pipeline(level_name: str, cells_sql: str, final_sql: str) -> str:
    """The CTEs shared by every shape; `cells` is the (fiscal_year, unit_code, names) frame."""
    zeros = ", ".join(f"coalesce(counts.{c.name}, 0) AS {c.name}" for c in COUNTS)
    ctes = f"""cells AS ({cells_sql}),
counts AS ({_counts_sql(level_name)}),
wide AS (
    SELECT cells.*, {zeros},
           CASE WHEN graduates > 0 THEN followed_up * 100 / graduates END AS coverage_pct
    FROM cells LEFT JOIN counts USING (fiscal_year, unit_code)),
long AS ({_long_sql()}),
resolved AS ({RESOLVED_TARGETS_SQL}),
cell AS (
    SELECT long.*, r.target_pct,
           CASE WHEN denominator > 0 THEN numerator * 100 / denominator END AS value_pct,
           q.level_th AS quality_level_th, q.level_en AS quality_level_en
    FROM long
    LEFT JOIN resolved r USING (fiscal_year, unit_code, indicator)
    LEFT JOIN quality_levels q
        ON long.denominator > 0 AND long.numerator * 100 >= q.min_ratio * long.denominator * r.target_pct
    QUALIFY row_number() OVER (PARTITION BY long.fiscal_year, long.unit_code, long.indicator
                               ORDER BY q.min_ratio DESC NULLS LAST) = 1)"""
    return with_facts(final_sql, ctes)


def _wide_select() -> str:
    """One row per cell with every indicator's fields as columns (numerator_1_1, …)."""
    picks, joins = [], []
    for i, ind in enumerate(INDICATORS):
        picks += [f"c{i}.{field} AS {ind.column(field)}" for field in CELL_FIELDS]
        joins.append(f"LEFT JOIN cell c{i} ON c{i}.fiscal_year = wide.fiscal_year"
                     f" AND c{i}.unit_code = wide.unit_code AND c{i}.indicator = $indicator_{i}")
    return (f"SELECT wide.*, {', '.join(picks)} FROM wide\n" + "\n".join(joins)
            + "\nORDER BY wide.fiscal_year, wide.unit_code")


def _long_select() -> str:
    return (f"SELECT wide.fiscal_year, wide.unit_code, wide.name_th, wide.name_en, {_COUNT_NAMES},"
            " wide.coverage_pct, cell.indicator, " + ", ".join(f"cell.{f}" for f in CELL_FIELDS)
            + " FROM cell JOIN wide USING (fiscal_year, unit_code)"
            " ORDER BY cell.fiscal_year, cell.unit_code, cell.position")


def _year_cells(level_name: str) -> str:
    return f"SELECT CAST($fiscal_year AS INTEGER) AS fiscal_year, * FROM ({units_sql(level_name)})"


def _params(con: duckdb.DuckDBPyConnection, first: int, last: int, unit_code: str) -> dict:
    params = scope_params(con, first, last, unit_code)
    params.update({f"indicator_{i}": ind.code for i, ind in enumerate(INDICATORS)})
    return params | {"fiscal_year": first}


def compute(
    con: duckdb.DuckDBPyConnection, fiscal_year: int, level: str, unit_code: str | None = None
) -> pd.DataFrame:
    """Per unit of `level` within `unit_code` (default: the whole country): the counts
    (enrolled, pending, graduates, followed_up, applied, exemplary), coverage_pct (F/G), and per
    indicator numerator_1_1, denominator_1_1, value_pct_1_1 (None: no data), target_pct_1_1,
    quality_level_th_1_1 and quality_level_en_1_1 (and the same for 1_2 and 1_3)."""
    unit_code = unit_code or COUNTRY
    check_within(level, unit_code)
    sql = _pipeline(level, _year_cells(level), _wide_select())
    return query_frame(con, sql, _params(con, fiscal_year, fiscal_year, unit_code))


def sar_table(
    con: duckdb.DuckDBPyConnection, fiscal_year: int, level: str, unit_code: str | None = None
) -> pd.DataFrame:
    """The long shape for the SAR: one row per unit and indicator, with labels and counts."""
    unit_code = unit_code or COUNTRY
    check_within(level, unit_code)
    sql = _pipeline(level, _year_cells(level), _long_select())
    table = query_frame(con, sql, _params(con, fiscal_year, fiscal_year, unit_code))
    table["indicator_th"] = table["indicator"].map({ind.code: ind.th for ind in INDICATORS})
    table["indicator_en"] = table["indicator"].map({ind.code: ind.en for ind in INDICATORS})
    return table


def trend(
    con: duckdb.DuckDBPyConnection, unit_code: str,
    first_year: int | None = None, last_year: int | None = None,
) -> pd.DataFrame:
    """The same row as `compute` for one unit, for every fiscal year from first to last
    (by default, the years in which the unit's courses end)."""
    unit_level = level_of(unit_code).name
    first_year, last_year = _year_range(con, unit_code, first_year, last_year)
    cells = ("SELECT fy.fiscal_year::INTEGER AS fiscal_year, u.*"
             " FROM range($first_year, $last_year + 1) fy(fiscal_year)"
             f" CROSS JOIN ({units_sql(unit_level)}) u")
    sql = _pipeline(unit_level, cells, _wide_select())
    params = _params(con, first_year, last_year, unit_code)
    return query_frame(con, sql, params | {"first_year": first_year, "last_year": last_year})


def _year_range(
    con: duckdb.DuckDBPyConnection, unit_code: str, first: int | None, last: int | None
) -> tuple[int, int]:
    ends = con.execute(
        "SELECT min(end_date), max(end_date) FROM courses WHERE starts_with(centre_code, $prefix)",
        {"prefix": unit_prefix(unit_code)},
    ).fetchone()
    fallback = fiscal_year(dt.date.today())
    first = first or (fiscal_year(ends[0]) if ends[0] else last or fallback)
    return first, last or (fiscal_year(ends[1]) if ends[1] else first)


def rounded_pct(numerator: int, denominator: int, places: int = 2) -> Decimal | None:
    """numerator ÷ denominator as a percentage, rounded half up exactly; None when there is no data."""
    if not denominator:
        return None
    exact = Decimal(numerator * 100) / Decimal(denominator)
    return exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)

"""Quality standard 1 (indicators 1.1–1.3), declared as data and computed from the facts.

`compute` gives one row per unit, `trend` one row per fiscal year of a unit, `sar_table` one
row per unit and indicator. Each is one query: the facts, one GROUP BY per unit, the targets of
every unit resolved at once, and the quality level by an exact comparison with the bands.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

import duckdb
import pandas as pd

from ..core.dates import fiscal_year
from ..core.units import COUNTRY, check_within, level, level_of, require, unit_prefix, units_sql
from .facts import query_frame, scope_params, with_facts
from .targets import RESOLVED_TARGETS_SQL


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
    # Counted whether or not the evidence rule is on: what switching it on would take out of 1.3.
    Count("exemplary_no_evidence", "exemplary_no_evidence", "แบบอย่างที่ไม่มีหลักฐาน/ร่องรอย",
          "Exemplary without evidence"),
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

    @property
    def numerator_count(self) -> Count:
        """What the numerator counts, with its Thai and English labels."""
        return COUNTS_BY_NAME[self.numerator]

    @property
    def denominator_count(self) -> Count:
        return COUNTS_BY_NAME[self.denominator]


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


def _counts_sql(level_name: str) -> str:
    sums = ", ".join(f"count(*) FILTER (WHERE {c.fact}) AS {c.name}" for c in COUNTS)
    return f"SELECT fiscal_year, {level(level_name).name}_code AS unit_code, {sums} FROM facts GROUP BY ALL"


def counts_sql(level_name: str) -> str:
    """The counts of every unit of a level per fiscal year, over the relation `facts` (for other engines)."""
    return _counts_sql(level_name)


def _unit_targets_sql() -> str:
    """The resolved targets pivoted to one row per cell: target_pct_1_1, … (indicator codes bound)."""
    return "SELECT fiscal_year, unit_code, " + ", ".join(
        f"max(target_pct) FILTER (WHERE indicator = $indicator_{i}) AS {ind.column('target_pct')}"
        for i, ind in enumerate(INDICATORS)
    ) + " FROM resolved GROUP BY ALL"


def _indicator_sql(ind: Indicator) -> str:
    """One indicator's columns over `wide`, `unit_targets` and `bands`; the level is the first
    band (highest first) with numerator × 100 ≥ min_ratio × denominator × target, exactly."""
    num, den, target = ind.numerator, ind.denominator, ind.column("target_pct")
    return (
        f"{num} AS {ind.column('numerator')}, {den} AS {ind.column('denominator')},"
        f" CASE WHEN {den} > 0 THEN {num} * 100 / {den} END AS {ind.column('value_pct')}, {target},"
        f" CASE WHEN {den} > 0 THEN list_filter(band_list,"
        f" lambda band: {num} * 100 >= band.min_ratio * {den} * {target})[1] END AS {ind.column('band')}"
    )


_BANDS_SQL = """SELECT list({'min_ratio': min_ratio, 'th': level_th, 'en': level_en} ORDER BY min_ratio DESC)
    AS band_list FROM quality_levels"""


def _pipeline(level_name: str, cells_sql: str) -> str:
    """facts → counts per cell → resolved targets → levels; `cells` gives (fiscal_year, unit_code,
    name_th, name_en) of every row wanted, so units without data still get a row."""
    zeros = ", ".join(f"coalesce(counts.{c.name}, 0) AS {c.name}" for c in COUNTS)
    ctes = f"""cells AS ({cells_sql}),
counts AS ({_counts_sql(level_name)}),
wide AS (
    SELECT cells.*, {zeros},
           CASE WHEN graduates > 0 THEN followed_up * 100 / graduates END AS coverage_pct
    FROM cells LEFT JOIN counts USING (fiscal_year, unit_code)),
resolved AS ({RESOLVED_TARGETS_SQL}),
unit_targets AS ({_unit_targets_sql()}),
bands AS ({_BANDS_SQL}),
judged AS (
    SELECT wide.*, {", ".join(_indicator_sql(ind) for ind in INDICATORS)}
    FROM wide LEFT JOIN unit_targets USING (fiscal_year, unit_code) CROSS JOIN bands)"""
    select = f"SELECT {', '.join(_output_columns())} FROM judged ORDER BY fiscal_year, unit_code"
    return with_facts(select, ctes)


def _output_columns() -> list[str]:
    columns = ["fiscal_year", "unit_code", "name_th", "name_en", *COUNTS_BY_NAME, "coverage_pct"]
    for ind in INDICATORS:
        columns += [ind.column(field) for field in CELL_FIELDS[:4]]
        band = ind.column("band")
        columns += [f"{band}.{lang} AS {ind.column('quality_level_' + lang)}" for lang in ("th", "en")]
    return columns


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
    require(con, unit_code)
    sql = _pipeline(level, _year_cells(level))
    return query_frame(con, sql, _params(con, fiscal_year, fiscal_year, unit_code))


def sar_table(
    con: duckdb.DuckDBPyConnection, fiscal_year: int, level: str, unit_code: str | None = None
) -> pd.DataFrame:
    """The long shape for the SAR: one row per unit and indicator, with labels and counts."""
    return long_shape(compute(con, fiscal_year, level, unit_code))


def long_shape(wide: pd.DataFrame) -> pd.DataFrame:
    """A `compute` or `trend` frame as one row per unit, fiscal year and indicator."""
    shared = ["fiscal_year", "unit_code", "name_th", "name_en", *COUNTS_BY_NAME, "coverage_pct"]
    parts = []
    for position, ind in enumerate(INDICATORS):
        part = wide[shared].assign(indicator=ind.code, indicator_th=ind.th, indicator_en=ind.en)
        for field in CELL_FIELDS:
            part[field] = wide[ind.column(field)]
        parts.append(part.assign(_position=position))
    table = pd.concat(parts).sort_values(["fiscal_year", "unit_code", "_position"], kind="stable")
    return table.drop(columns="_position").reset_index(drop=True)


def trend(
    con: duckdb.DuckDBPyConnection, unit_code: str,
    first_year: int | None = None, last_year: int | None = None,
) -> pd.DataFrame:
    """The same row as `compute` for one unit, for every fiscal year from first to last
    (by default, the years in which the unit's courses end)."""
    unit_level = level_of(unit_code).name
    require(con, unit_code)
    first_year, last_year = _year_range(con, unit_code, first_year, last_year)
    cells = ("SELECT fy.fiscal_year::INTEGER AS fiscal_year, u.*"
             " FROM range($first_year, $last_year + 1) fy(fiscal_year)"
             f" CROSS JOIN ({units_sql(unit_level)}) u")
    sql = _pipeline(unit_level, cells)
    params = _params(con, first_year, last_year, unit_code)
    return query_frame(con, sql, params | {"first_year": first_year, "last_year": last_year})


def _year_range(
    con: duckdb.DuckDBPyConnection, unit_code: str, first: int | None, last: int | None
) -> tuple[int, int]:
    ends = con.execute(
        "SELECT min(end_date), max(end_date) FROM courses WHERE starts_with(centre_code, $prefix)",
        {"prefix": unit_prefix(unit_code)},
    ).fetchall()[0]
    fallback = fiscal_year(dt.date.today())
    first = first or (fiscal_year(ends[0]) if ends[0] else last or fallback)
    return first, last or (fiscal_year(ends[1]) if ends[1] else first)


def rounded_pct(numerator: int | Decimal, denominator: int | Decimal, places: int = 2) -> Decimal | None:
    """numerator ÷ denominator as a percentage, rounded half up exactly; None when there is no data."""
    if not denominator:
        return None
    exact = Decimal(numerator * 100) / Decimal(denominator)
    return exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)

"""Impact beside the standard: sales, income, learners reached and cost per graduate.

Sales belong to the fiscal year of their month and to the unit of their course. Income and
learner figures come from the per-enrolment facts, so they count the same graduates as 1.1–1.3.
Money stays Decimal from the database to the caller.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

import duckdb
import pandas as pd

from ..core.dates import fiscal_year_bounds
from ..core.errors import PimpaError
from ..core.kinds import APPLIED_WAYS
from ..core.units import COUNTRY, level
from .facts import bound, query_frame, scope_params, with_facts

SATANG = Decimal("0.01")
_SALES_SCOPE = """FROM sales s JOIN courses c ON c.centre_code = s.centre_code AND c.course_code = s.course_code
WHERE s.month BETWEEN $first_day AND $last_day AND starts_with(c.centre_code, $unit_prefix)"""
_MONEY = """sum(s.revenue_baht) AS revenue_baht, coalesce(sum(s.cost_baht), 0) AS cost_baht,
sum(s.revenue_baht) - coalesce(sum(s.cost_baht), 0) AS profit_baht"""
# Ways of grouping sales: name → SQL key columns (over sales s and courses c).
SALES_GROUPINGS = {
    "month": "s.month",
    "course": "s.centre_code, s.course_code, c.course_name",  # a course is its centre and its code
    "occupation_group": "c.occupation_group",
    "product": "s.product",
    "channel": "s.channel",
    "group": "s.group_name",
}
LEARNER_GROUPINGS = ("target_group", "sex")


def _check(name: str, allowed: tuple[str, ...], what: str) -> None:
    if name not in allowed:
        raise PimpaError(
            f"แยกตาม '{name}' ไม่ได้ ให้ใช้ {', '.join(allowed)}",
            f"cannot group {what} by '{name}'; use one of {', '.join(allowed)}",
        )


def sales_by(
    con: duckdb.DuckDBPyConnection, fiscal_year: int, by: str,
    unit_code: str = COUNTRY, level_name: str = "centre",
) -> pd.DataFrame:
    """Revenue, cost and profit (Decimal baht) by month, course, occupation_group, product, channel,
    group (group_name) or unit (units of `level_name` within `unit_code`). A sale without a cost
    counts as cost 0."""
    _check(by, (*SALES_GROUPINGS, "unit"), "sales")
    unit_key = f"{level(level_name).code_sql('c.centre_code')} AS unit_code"
    keys = unit_key if by == "unit" else SALES_GROUPINGS[by]
    order = "1" if by == "month" else "revenue_baht DESC, 1"
    sql = f"SELECT {keys}, {_MONEY}, count(*) AS sales_rows {_SALES_SCOPE} GROUP BY ALL ORDER BY {order}"
    found = query_frame(con, sql, scope_params(con, fiscal_year, None, unit_code))
    return _every_month(found, fiscal_year) if by == "month" and not found.empty else found


def _every_month(found: pd.DataFrame, fiscal_year: int) -> pd.DataFrame:
    """October to September, a month without sales as zero (a gap in a chart reads as no data)."""
    first, _ = fiscal_year_bounds(fiscal_year)
    months = [dt.date(first.year + (first.month + i - 1) // 12, (first.month + i - 1) % 12 + 1, 1) for i in range(12)]
    frame = pd.DataFrame({"month": months}).merge(
        found.assign(month=pd.to_datetime(found["month"]).dt.date), on="month", how="left")
    for column in ("revenue_baht", "cost_baht", "profit_baht"):
        frame[column] = frame[column].map(lambda value: Decimal(0) if pd.isna(value) else value)
    frame["sales_rows"] = frame["sales_rows"].fillna(0).astype(int)
    return frame


@dataclass(frozen=True)
class SalesTotals:
    revenue_baht: Decimal
    cost_baht: Decimal
    profit_baht: Decimal
    sellers: int  # learners with sales
    groups: int  # occupational groups with sales


def revenue_by_year(con: duckdb.DuckDBPyConnection, unit_code: str, years: list[int]) -> pd.DataFrame:
    """Sales revenue and profit per fiscal year (of the sale's month), for a trend."""
    rows = [(year, totals.revenue_baht, totals.profit_baht)
            for year in years for totals in [sales_totals(con, year, unit_code)]]
    return pd.DataFrame(rows, columns=["fiscal_year", "revenue_baht", "profit_baht"])


def sales_totals(con: duckdb.DuckDBPyConnection, fiscal_year: int, unit_code: str = COUNTRY) -> SalesTotals:
    sql = (f"SELECT coalesce(sum(s.revenue_baht), 0), coalesce(sum(s.cost_baht), 0),"
           f" coalesce(sum(s.revenue_baht), 0) - coalesce(sum(s.cost_baht), 0),"
           f" count(DISTINCT s.learner_id), count(DISTINCT s.group_name) {_SALES_SCOPE}")
    params = bound(sql, scope_params(con, fiscal_year, None, unit_code))
    return SalesTotals(*con.execute(sql, params).fetchall()[0])


@dataclass(frozen=True)
class Income:
    graduates: int
    graduates_with_income: int  # income_after_baht > 0 on their latest follow-up
    median_income_baht: Decimal | None  # of those earning
    compared: int  # graduates whose follow-ups give income both before and after
    mean_before_baht: Decimal | None
    mean_after_baht: Decimal | None
    median_before_baht: Decimal | None
    median_after_baht: Decimal | None


_INCOME_SQL = """
SELECT count(*) FILTER (WHERE is_graduate),
       count(*) FILTER (WHERE earning),
       median(income_after_baht::DECIMAL(18, 3)) FILTER (WHERE earning),
       count(*) FILTER (WHERE compared),
       sum(income_before_baht) FILTER (WHERE compared),
       sum(income_after_baht) FILTER (WHERE compared),
       median(income_before_baht::DECIMAL(18, 3)) FILTER (WHERE compared),
       median(income_after_baht::DECIMAL(18, 3)) FILTER (WHERE compared)
FROM (SELECT *, is_graduate AND income_after_baht > 0 AS earning,
             is_graduate AND income_before_baht IS NOT NULL AND income_after_baht IS NOT NULL AS compared
      FROM facts)"""


def income(con: duckdb.DuckDBPyConnection, fiscal_year: int, unit_code: str = COUNTRY) -> Income:
    """Graduates' monthly income after the course (latest follow-up) and before vs after."""
    sql = with_facts(_INCOME_SQL)
    params = scope_params(con, fiscal_year, None, unit_code)
    graduates, earning, median, compared, before, after, median_before, median_after = con.execute(
        sql, params
    ).fetchall()[0]
    return Income(
        graduates, earning, _exact(median), compared,
        _per(before, compared), _per(after, compared), _exact(median_before), _exact(median_after),
    )


def _exact(median: Decimal | None) -> Decimal | None:
    """A median to the satang, keeping the half satang that the middle of two amounts can have."""
    if median is None or median != median.quantize(SATANG):
        return median
    return median.quantize(SATANG)


def _per(total: Decimal | None, count: int) -> Decimal | None:
    """total ÷ count to the satang (half up); None when there is nothing to divide."""
    if total is None or not count:
        return None
    return (Decimal(total) / count).quantize(SATANG, rounding=ROUND_HALF_UP)


def profit_per_earner(totals: SalesTotals, income: Income) -> Decimal | None:
    """The year's sales profit ÷ graduates who earn, to the satang; not the monthly income of follow-ups."""
    return _per(totals.profit_baht, income.graduates_with_income)


def cost_per_graduate(
    con: duckdb.DuckDBPyConnection, fiscal_year: int, unit_code: str = COUNTRY
) -> Decimal | None:
    """The budget of the scope's courses ÷ graduates G, to the satang; None when G = 0.
    Courses without a recorded budget add nothing to the sum."""
    sql = with_facts(
        "SELECT (SELECT sum(budget_baht) FROM courses WHERE end_date BETWEEN $first_day AND $last_day"
        " AND starts_with(centre_code, $unit_prefix)),"
        " (SELECT count(*) FILTER (WHERE is_graduate) FROM facts)"
    )
    budget, graduates = con.execute(sql, scope_params(con, fiscal_year, None, unit_code)).fetchall()[0]
    return _per(budget or Decimal(0), graduates)


def learners_by(
    con: duckdb.DuckDBPyConnection, fiscal_year: int, unit_code: str = COUNTRY,
    by: tuple[str, ...] = LEARNER_GROUPINGS,
) -> pd.DataFrame:
    """Enrolments, distinct learners and graduates by target group and/or sex."""
    for name in by:
        _check(name, LEARNER_GROUPINGS, "learners")
    keys = ", ".join(f"e.{name}" for name in by)
    sql = with_facts(
        f"SELECT {keys}, count(*) AS enrolments, count(DISTINCT facts.learner_id) AS learners,"
        " count(*) FILTER (WHERE facts.is_graduate) AS graduates FROM facts"
        " JOIN enrolments e ON e.centre_code = facts.centre_code AND e.course_code = facts.course_code"
        " AND e.learner_id = facts.learner_id"
        " GROUP BY ALL ORDER BY ALL"
    )
    return query_frame(con, sql, scope_params(con, fiscal_year, None, unit_code))


def applied_ways(con: duckdb.DuckDBPyConnection, fiscal_year: int, unit_code: str = COUNTRY) -> pd.DataFrame:
    """Graduates counted in A by the way their follow-ups say they applied it, including
    รวมกลุ่มอาชีพ (formed an occupational group); one graduate may list several ways."""
    sql = with_facts(
        "SELECT way, count(DISTINCT (f.centre_code, f.course_code, f.learner_id)) AS graduates"
        " FROM facts JOIN follow_ups f"
        " ON f.centre_code = facts.centre_code AND f.course_code = facts.course_code"
        " AND f.learner_id = facts.learner_id"
        " CROSS JOIN unnest(string_split(f.applied_how, ', ')) AS w(way)"
        " WHERE facts.applied AND f.applied GROUP BY way"
    )
    found = dict(con.execute(sql, scope_params(con, fiscal_year, None, unit_code)).fetchall())
    return pd.DataFrame(
        [(way.value, way.en, found.get(way.value, 0)) for way in APPLIED_WAYS],
        columns=["applied_how", "applied_how_en", "graduates"],
    )

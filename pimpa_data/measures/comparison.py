"""Centres side by side: the director's table of each centre's learners, indicators, income and money.

The counts and indicators are `indicators.compute` per centre, so each centre's figures are the
ones its own page shows and the district's are their sum; income and money are grouped by centre
with the same definitions as `impact` (median income from follow-ups, per month; sales profit;
budget per graduate).
"""

from __future__ import annotations

from decimal import Decimal

import duckdb
import pandas as pd

from .facts import query_frame, scope_params, with_facts
from .impact import sales_by
from .indicators import compute, rounded_pct

_PER_CENTRE = """
SELECT centre_code AS unit_code,
       count(*) FILTER (WHERE is_graduate AND income_after_baht > 0) AS earning,
       median(income_before_baht::DECIMAL(18, 2)) FILTER (WHERE compared) AS median_before_baht,
       median(income_after_baht::DECIMAL(18, 2)) FILTER (WHERE compared) AS median_after_baht
FROM (SELECT *, is_graduate AND income_before_baht IS NOT NULL AND income_after_baht IS NOT NULL AS compared
      FROM facts)
GROUP BY centre_code"""
_BUDGETS = """SELECT centre_code AS unit_code, sum(budget_baht) AS budget_baht FROM courses
              WHERE end_date BETWEEN $first_day AND $last_day AND starts_with(centre_code, $unit_prefix)
              GROUP BY centre_code"""


def centres_side_by_side(con: duckdb.DuckDBPyConnection, fiscal_year: int, unit_code: str) -> pd.DataFrame:
    """One row per centre with data in the scope, for the director to sort and compare."""
    params = scope_params(con, fiscal_year, None, unit_code)
    table = compute(con, fiscal_year, "centre", unit_code)
    table = table[(table["enrolled"] + table["pending"]) > 0]
    income = query_frame(con, with_facts(_PER_CENTRE), params)
    budgets = query_frame(con, _BUDGETS, params)
    money = sales_by(con, fiscal_year, "unit", unit_code, "centre")[["unit_code", "revenue_baht", "profit_baht"]]
    table = table.merge(income, on="unit_code", how="left").merge(budgets, on="unit_code", how="left")
    table = table.merge(money, on="unit_code", how="left")
    for code in ("1_1", "1_2", "1_3"):
        table[f"pct_{code}"] = [rounded_pct(int(n), int(d)) for n, d in
                                zip(table[f"numerator_{code}"], table[f"denominator_{code}"])]
    table["coverage_pct"] = [rounded_pct(int(f), int(g)) for f, g in zip(table["followed_up"], table["graduates"])]
    table["cost_per_graduate_baht"] = [
        (Decimal(str(budget)) / graduates).quantize(Decimal("0.01")) if graduates and budget == budget and budget
        is not None else None
        for budget, graduates in zip(table["budget_baht"], table["graduates"])
    ]
    return table.sort_values("unit_code").reset_index(drop=True)

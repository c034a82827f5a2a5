"""Read queries the pages need beyond the indicators: options, lists, histories.

Every value is a bound parameter; the SQL names only tables and columns of the schema.
"""

from __future__ import annotations

import duckdb

from .normalise import BE_OFFSET
from .units import LEVELS

FISCAL_YEAR_SQL = f"(year(end_date) + {BE_OFFSET} + CASE WHEN month(end_date) >= 10 THEN 1 ELSE 0 END)"


def data_version(con: duckdb.DuckDBPyConnection) -> tuple[int, int]:
    row = con.execute(
        "SELECT coalesce(max(batch_id), 0), count(*) FILTER (WHERE status = 'undone') FROM batches"
    ).fetchone()
    return int(row[0]), int(row[1])


def scope_options(con: duckdb.DuckDBPyConnection) -> dict[str, object]:
    """Fiscal years (newest first) and the units that have courses, for the sidebar."""
    years = [row[0] for row in con.execute(
        f"SELECT DISTINCT {FISCAL_YEAR_SQL} AS fy FROM courses ORDER BY fy DESC"
    ).fetchall()]
    selects = " UNION ALL ".join(
        f"SELECT DISTINCT {lv.code_sql()} AS unit_code, {lv.name_th_sql} AS name_th, {lv.name_en_sql} AS name_en"
        " FROM centres WHERE centre_code IN (SELECT centre_code FROM courses)"
        for lv in LEVELS[1:]
    )
    units = con.execute(f"{selects} ORDER BY unit_code").df()
    return {"fiscal_years": years, "units": units}

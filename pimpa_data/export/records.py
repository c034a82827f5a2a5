"""The records of a fiscal year and unit as a table to share: no names, no ID digits.

Each kind's fiscal year follows the indicators: a course belongs to the year in which it ends,
enrolments, attendance and follow-ups to their course's year, sales to the year of their month.
Learners appear by their keyed `learner_id` only, which joins the kinds to each other but
cannot be turned back into an ID number without the server's key.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from ..core.audit import note
from ..core.dates import fiscal_year_sql
from ..core.errors import PimpaError
from ..core.kinds import KINDS_BY_NAME
from ..core.roles import Actor, Refused
from ..core.schema import stored_names
from ..core.units import COUNTRY, require, unit_prefix
from ..measures.indicators import sar_table

PERSONAL = frozenset({"prefix", "first_name", "last_name", "birth_date", "phone", "learner_id_last4", "extra"})
RECORD_KINDS = ("courses", "enrolments", "attendance", "follow_ups", "sales")
EXPORT_KINDS = (*RECORD_KINDS, "sar")
_YEAR_OF = {  # the date that places a row in a fiscal year, and how the row reaches its centre
    "courses": ("r.end_date", "r.centre_code"),
    "sales": ("r.month", "r.centre_code"),
}


def shareable_columns(kind: str, with_names: bool = False) -> list[str]:
    left_out = {"extra"} if with_names else PERSONAL
    return [name for name in stored_names(KINDS_BY_NAME[kind]) if name not in left_out]


def export_frame(
    con: duckdb.DuckDBPyConnection, kind: str, fiscal_year: int, unit: str = COUNTRY, names_for: Actor | None = None,
) -> pd.DataFrame:
    """One kind's rows (or the SAR table, per centre) of a fiscal year within a unit; with
    learners' names only for `names_for`, someone who may see them there (logged)."""
    if kind not in EXPORT_KINDS:
        raise PimpaError(
            f"ไม่รู้จักชนิดข้อมูล '{kind}' ให้ใช้ {', '.join(EXPORT_KINDS)}",
            f"unknown kind '{kind}'; use one of {', '.join(EXPORT_KINDS)}",
        )
    require(con, unit)
    if kind == "sar":
        return sar_table(con, fiscal_year, "centre", unit)
    if names_for is not None:
        _allow_names(con, names_for, kind, fiscal_year, unit)
    day, centre = _YEAR_OF.get(kind, ("c.end_date", "c.centre_code"))
    columns = ", ".join(f"r.{name}" for name in shareable_columns(kind, names_for is not None))
    sql = f"""SELECT {columns} FROM {kind} r
              LEFT JOIN courses c ON c.centre_code = r.centre_code AND c.course_code = r.course_code
              WHERE {fiscal_year_sql(day)} = $year AND starts_with(coalesce({centre}, ''), $prefix)
              ORDER BY ALL"""
    return con.execute(sql, {"year": fiscal_year, "prefix": unit_prefix(unit)}).df()


def _allow_names(con: duckdb.DuckDBPyConnection, actor: Actor, kind: str, fiscal_year: int, unit: str) -> None:
    if not actor.sees_names(unit):
        raise Refused(
            f"คุณไม่มีสิทธิ์ส่งออกชื่อผู้เรียนของหน่วย {unit}", f"you may not export learners' names of unit {unit}"
        )
    note(con, actor, "export_names", f"kind={kind} fiscal_year={fiscal_year} unit={unit}", now=True)

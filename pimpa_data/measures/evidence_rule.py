"""The evidence rule of indicator 1.3, kept as data like the targets: per unit and fiscal year
(or every year), inherited from the district, province and country when a unit has none.

On, an exemplary graduate counts toward 1.3 only when a follow-up that says so carries
evidence (หลักฐาน/ร่องรอย). Off, the default, such a graduate counts and is flagged. Either
way the facts say how many exemplary graduates lack evidence, so an assessor sees what
switching the rule on would change.
"""

from __future__ import annotations

import duckdb

from ..core.dates import fiscal_year_sql
from ..core.db import log_action
from ..core.roles import Actor, as_actor, require_admin
from ..core.units import LEVELS, ancestors, level_of
from ..core.writes import write_transaction

# Each fiscal year of the facts' range ($first_day..$last_day) with every unit's own rule for
# it: a row for that year beats the unit's every-year (NULL) row, and a later change an earlier.
YEAR_RULES_SQL = f"""
SELECT y.fiscal_year, r.unit_code,
       arg_max(r.required, {{'for_year': r.fiscal_year IS NOT NULL, 'at': r.updated_at}}) AS is_required
FROM (SELECT unnest(range({fiscal_year_sql('$first_day')}, {fiscal_year_sql('$last_day')} + 1))::INTEGER
      AS fiscal_year) y
JOIN evidence_rules r ON r.fiscal_year = y.fiscal_year OR r.fiscal_year IS NULL
GROUP BY ALL"""


def joins(alias: str, rules: str = "rule_years") -> tuple[str, str]:
    """The LEFT JOINs that find the rule of each row of `alias` (which has fiscal_year and
    centre_code), and the expression giving it: the nearest unit's rule wins, else off."""
    found = []
    clauses = []
    for level in reversed(LEVELS):  # the centre first, the country last
        name = f"rule_{level.name}"
        clauses.append(f"LEFT JOIN {rules} {name} ON {name}.fiscal_year = {alias}.fiscal_year"
                       f" AND {name}.unit_code = {level.code_sql(f'{alias}.centre_code')}")
        found.append(f"{name}.is_required")
    return "\n".join(clauses), f"coalesce({', '.join(found)}, false)"


def evidence_required(con: duckdb.DuckDBPyConnection, fiscal_year: int, unit_code: str) -> bool:
    """Whether the rule is on for a unit in a fiscal year (its own setting, else inherited)."""
    level_of(unit_code)
    chain = ancestors(unit_code)
    rows = con.execute(
        """SELECT unit_code, arg_max(required, {'for_year': fiscal_year IS NOT NULL, 'at': updated_at})
           FROM evidence_rules WHERE list_contains($chain, unit_code)
             AND (fiscal_year = $fiscal_year OR fiscal_year IS NULL) GROUP BY unit_code""",
        {"chain": chain, "fiscal_year": fiscal_year},
    ).fetchall()
    own = dict(rows)
    return next((bool(own[code]) for code in chain if code in own), False)


def set_evidence_rule(
    con: duckdb.DuckDBPyConnection, fiscal_year: int | None, unit_code: str, required: bool, who: str | Actor
) -> None:
    """Set a unit's own rule for one fiscal year (or every year when fiscal_year is None)."""
    require_admin(as_actor(who), "การตั้งเกณฑ์หลักฐานของตัวบ่งชี้ 1.3", "set the evidence rule of 1.3")
    level_of(unit_code)
    key = [fiscal_year, unit_code]
    with write_transaction(con):
        con.execute("DELETE FROM evidence_rules WHERE fiscal_year IS NOT DISTINCT FROM ? AND unit_code = ?", key)
        con.execute("INSERT INTO evidence_rules VALUES (?, ?, ?, ?, current_timestamp)",
                    [*key, bool(required), as_actor(who).username])
        log_action(con, who, "set_evidence_rule", f"fiscal_year={fiscal_year} unit={unit_code} required={required}")


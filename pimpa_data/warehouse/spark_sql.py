"""One source of the rules for two engines: the DuckDB SQL of core/summaries.py,
measures/facts.py, measures/targets.py and measures/indicators.py, transpiled to Spark SQL
with sqlglot. Nothing here restates a rule; a change to the DuckDB query reaches Spark as is.

Bound parameters stay parameters: DuckDB's `$name` becomes Spark's `:name`, and the values
are passed to `spark.sql(..., args=...)`.
"""

from __future__ import annotations

from functools import cache

import sqlglot
from sqlglot import exp

from ..core.summaries import TABLES as SUMMARY_TABLES
from ..core.summaries import summary_sql
from ..measures.facts import with_facts
from ..measures.indicators import counts_sql
from ..measures.targets import RESOLVED_TARGETS_SQL


@cache
def to_spark(duckdb_sql: str) -> str:
    """The same query in Spark's dialect."""
    tree = sqlglot.parse_one(duckdb_sql, read="duckdb")
    return tree.transform(_generator_outside_cast).sql(dialect="spark")


def _generator_outside_cast(node: exp.Expression) -> exp.Expression:
    """Spark refuses a generator (explode) nested in another expression, such as the CAST
    that DuckDB's `unnest(range(a, b))::INTEGER` becomes: cast the sequence instead."""
    if isinstance(node, exp.Cast) and isinstance(node.this, exp.Explode):
        inner = node.this.this
        return exp.Explode(this=exp.Cast(this=inner, to=exp.DataType.build(f"ARRAY<{node.to.sql('spark')}>")))
    return node


def summary_columns() -> list[str]:
    """The columns of `enrolment_summary`, in order (the summary SELECT leaves some unnamed)."""
    table = sqlglot.parse_one(SUMMARY_TABLES[0], read="duckdb")
    return [column.name for column in table.find_all(exp.ColumnDef)]


def enrolment_summary_sql() -> str:
    return to_spark(summary_sql())


def counts_by_unit_sql(level_name: str) -> str:
    """The facts, then the counts per unit of a level and fiscal year."""
    return to_spark(with_facts(counts_sql(level_name)))


def resolved_targets_sql() -> str:
    """The target of each (fiscal_year, unit_code) of the view `cells`, per indicator."""
    return to_spark(f"WITH resolved AS ({RESOLVED_TARGETS_SQL}) SELECT * FROM resolved")

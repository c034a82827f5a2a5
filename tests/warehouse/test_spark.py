"""The same indicators on Spark as on DuckDB, from the same SQL declarations."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from decimal import Decimal

import pytest
from snapshot_sources import Sources

from pimpa_data.core import db
from pimpa_data.measures import indicators
from pimpa_data.measures.indicators import INDICATORS, rounded_pct
from pimpa_data.warehouse import engine, spark_sql

pytestmark = pytest.mark.spark
COMPARED = ["fiscal_year", "unit_code", *indicators.COUNTS_BY_NAME] + [
    ind.column(field) for ind in INDICATORS
    for field in ("numerator", "denominator", "target_pct", "quality_level_th", "quality_level_en")]


# Here, not in a tests/warehouse/conftest.py: that would shadow tests/conftest.py for `from conftest import`.
@pytest.fixture(scope="session")
def spark() -> Iterator[object]:
    if shutil.which("java") is None:
        pytest.skip("no Java runtime (java not on PATH): install default-jre-headless, as scripts/test.sh does")
    pytest.importorskip("pyspark", reason="PySpark is not installed: pip install -r requirements-dev.txt")
    from pimpa_data.warehouse.engine import local_session

    session = local_session("pimpa-tests")
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def registered(spark, sources: Sources):
    assert engine.register_snapshots(spark, [sources.first.snapshot, sources.second.snapshot]) == []
    return spark


def duckdb_rows(sources: Sources, fiscal_year: int, level: str) -> list[dict]:
    rows = []
    for source in sources.all:
        con = db.connect(source.database, read_only=True)
        frame = indicators.compute(con, fiscal_year, level, source.district)
        con.close()
        frame = frame[frame["enrolled"] + frame["pending"] > 0]
        for ind in INDICATORS:
            frame[ind.column("value_pct")] = [rounded_pct(n, d) for n, d in
                                              zip(frame[ind.column("numerator")], frame[ind.column("denominator")])]
        rows += frame[[*COMPARED, *(ind.column("value_pct") for ind in INDICATORS)]].to_dict("records")
    return sorted(rows, key=lambda row: row["unit_code"])


@pytest.mark.parametrize(("fiscal_year", "level"), [(2568, "centre"), (2569, "centre"), (2569, "district")])
def test_spark_equals_duckdb_per_unit(registered, sources: Sources, fiscal_year: int, level: str) -> None:
    got = engine.compute(registered, fiscal_year, level)
    got_rows = got[[*COMPARED, *(ind.column("value_pct") for ind in INDICATORS)]].to_dict("records")
    expected = duckdb_rows(sources, fiscal_year, level)
    assert len(expected) == (24 if level == "centre" else 2)
    assert sorted(got_rows, key=lambda row: row["unit_code"]) == expected


def test_the_rules_are_transpiled_not_restated() -> None:
    sql = spark_sql.counts_by_unit_sql("centre")
    assert ":threshold_pct" in sql and "MAX_BY" in sql and "$" not in sql
    assert spark_sql.summary_columns()[:3] == ["course_code", "learner_id", "centre_code"]


@pytest.mark.parametrize(("numerator", "denominator", "target", "expected"), [
    (8, 10, Decimal(80), "Excellent"), (72, 100, Decimal(80), "Very good"), (0, 5, Decimal(10), "Needs improvement"),
    (3, 0, Decimal(80), None)])
def test_levels_from_whole_numbers(numerator: int, denominator: int, target: Decimal, expected: str | None) -> None:
    bands = [(Decimal("1.000"), "ดีเยี่ยม", "Excellent"), (Decimal("0.900"), "ดีมาก", "Very good"),
             (Decimal("0.000"), "ต้องปรับปรุง", "Needs improvement")]
    assert engine.quality_level(numerator, denominator, target, bands)[1] == expected

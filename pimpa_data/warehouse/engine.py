"""Quality standard 1 on Apache Spark over snapshot folders (the national warehouse).

Spark reads the partitions each district's newest snapshot lists (core/snapshot_layout.py),
rebuilds the per-enrolment summary from the raw tables, and runs the facts, the counts and the
targets as transpiled from the DuckDB declarations (spark_sql.py). Spark returns whole numbers
only; percentages, rounding and quality levels are worked out here in Python, exactly, from the
numerators and denominators, with each district's own bands.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from pathlib import Path

import pandas as pd

from ..core.dates import fiscal_year_bounds
from ..core.snapshot_layout import TABLES, Conflict, choose_sources, read_snapshot
from ..core.units import COUNTRY, unit_prefix
from ..measures.indicators import COUNTS, INDICATORS, rounded_pct
from . import spark_sql

RECORD_DEFAULTS = {"targets": "CAST(NULL AS TIMESTAMP) AS updated_at",
                   "evidence_rules": "CAST(NULL AS TIMESTAMP) AS updated_at"}


def local_session(app_name: str = "pimpa-warehouse"):
    """A Spark session on this machine: two cores, two shuffle partitions, no UI, on 127.0.0.1."""
    from pyspark.sql import SparkSession

    return (SparkSession.builder.master("local[2]").appName(app_name)
            .config("spark.sql.shuffle.partitions", "2")
            .config("spark.ui.enabled", "false")
            .config("spark.driver.bindAddress", "127.0.0.1").config("spark.driver.host", "127.0.0.1")
            .config("spark.sql.session.timeZone", "UTC")
            # codes stay strings: no guessing of partition column types from folder names
            .config("spark.sql.sources.partitionColumnTypeInference.enabled", "false")
            .getOrCreate())


def register_snapshots(spark, folders: list[Path]) -> list[Conflict]:
    """Temporary views named like the database's tables over the newest snapshot of each district."""
    chosen, conflicts = choose_sources([read_snapshot(Path(folder)) for folder in folders])
    for table in TABLES:
        files = [f for district, snap in sorted(chosen.items()) for f in snap.files(table.name, district)]
        if not files:
            raise ValueError(f"no {table.name} partitions in the snapshots / ไม่มีข้อมูล {table.name} ใน snapshot")
        frame = spark.read.parquet(*files).selectExpr(  # the district from the file's folder, as text
            "*", r"regexp_extract(_metadata.file_path, 'district=([^/]+)/', 1) AS district")
        frame.createOrReplaceTempView(f"snapshot_{table.name}")
        extra = [f"{sql} AS {name}" for name, sql in table.restored]
        extra += [RECORD_DEFAULTS[table.name]] if table.name in RECORD_DEFAULTS else []
        spark.sql(f"SELECT * EXCEPT (district){''.join(', ' + e for e in extra)} FROM snapshot_{table.name}") \
            .createOrReplaceTempView(table.name)
    # Photos stay at the source: their evidence is in the follow-ups' restored evidence already.
    spark.sql("SELECT CAST(NULL AS STRING) AS centre_code, CAST(NULL AS STRING) AS course_code, CAST(NULL AS STRING)"
              " AS learner_id, CAST(NULL AS DATE) AS followup_date, CAST(NULL AS STRING) AS kind WHERE false") \
        .createOrReplaceTempView("photos")
    summary = spark.sql(spark_sql.enrolment_summary_sql()).toDF(*spark_sql.summary_columns())
    summary.cache().createOrReplaceTempView("enrolment_summary")
    return conflicts


def compute(spark, fiscal_year: int, level: str = "centre", unit_code: str = COUNTRY) -> pd.DataFrame:
    """Like measures.indicators.compute, for the units with data: counts, then per indicator
    numerator_, denominator_, value_pct_ (Decimal, rounded half up to 2 places), target_pct_ and
    quality_level_th_ / _en_ (the unit's district's bands)."""
    first_day, last_day = fiscal_year_bounds(fiscal_year)
    threshold, bands = _settings(spark)
    args = {"first_day": first_day, "last_day": last_day, "unit_prefix": unit_prefix(unit_code),
            "threshold_pct": threshold}
    counts = spark.sql(spark_sql.counts_by_unit_sql(level), args=args).toPandas()
    counts = counts.sort_values(["fiscal_year", "unit_code"]).reset_index(drop=True)
    spark.createDataFrame(counts[["fiscal_year", "unit_code"]].astype({"fiscal_year": "int32"}),
                          "fiscal_year INT, unit_code STRING").createOrReplaceTempView("cells")
    targets = spark.sql(spark_sql.resolved_targets_sql()).toPandas()
    return _judged(counts, targets, bands)


def _settings(spark) -> tuple[Decimal, dict[str, list[tuple[Decimal, str, str]]]]:
    """The attendance threshold the districts share (the most common, as in a roll-up) and each
    district's quality bands, highest first."""
    rows = spark.sql("SELECT value FROM unit_settings WHERE key = 'attendance_threshold_pct'").collect()
    threshold = Decimal(Counter(row.value for row in rows).most_common(1)[0][0])
    bands: dict[str, list[tuple[Decimal, str, str]]] = {}
    snapshot_bands = spark.sql("SELECT district, min_ratio, level_th, level_en FROM snapshot_quality_levels")
    for row in snapshot_bands.collect():
        bands.setdefault(row.district, []).append((Decimal(row.min_ratio), row.level_th, row.level_en))
    return threshold, {district: sorted(found, reverse=True) for district, found in bands.items()}


def quality_level(numerator: int, denominator: int, target: Decimal | None,
                  bands: list[tuple[Decimal, str, str]]) -> tuple[str, str] | tuple[None, None]:
    """The first band (highest first) with numerator × 100 ≥ min_ratio × denominator × target, exactly."""
    if not denominator or target is None:
        return None, None
    for min_ratio, th, en in bands:
        if numerator * 100 >= min_ratio * denominator * Decimal(target):
            return th, en
    return None, None


def _judged(counts: pd.DataFrame, targets: pd.DataFrame, bands: dict) -> pd.DataFrame:
    common = Counter(tuple(b) for b in bands.values()).most_common(1)[0][0] if bands else ()
    target_of = {(int(r.fiscal_year), r.unit_code, r.indicator): r.target_pct for r in targets.itertuples()}
    rows = []
    for record in counts.to_dict("records"):
        row = {"fiscal_year": int(record["fiscal_year"]), "unit_code": record["unit_code"]}
        row |= {count.name: int(record[count.name]) for count in COUNTS}
        unit_bands = bands.get(str(record["unit_code"])[:4], list(common))
        for ind in INDICATORS:
            num, den = row[ind.numerator], row[ind.denominator]
            target = target_of.get((row["fiscal_year"], row["unit_code"], ind.code))
            th, en = quality_level(num, den, target, unit_bands)
            row |= {ind.column("numerator"): num, ind.column("denominator"): den,
                    ind.column("value_pct"): rounded_pct(num, den), ind.column("target_pct"): target,
                    ind.column("quality_level_th"): th, ind.column("quality_level_en"): en}
        rows.append(row)
    return pd.DataFrame(rows)

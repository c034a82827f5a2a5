"""Snapshots: the record tables as Parquet, Hive-partitioned by province, district and fiscal
year, with a manifest, for a provincial or national roll-up (rollup.py) or any Parquet engine.

Only the allow-listed columns of `core/snapshot_layout.py` leave the server. Each partition's
content has a fingerprint (the MD5 of its rows as JSON, in order); a new run writes only the
partitions whose fingerprint changed, removes those that have no rows any more (an undo), and
keeps the rest as they are. Every run takes the server's next sequence number, which is what
decides the newest snapshot of a district, never the clock.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from ..core import idkey
from ..core.db import log_action
from ..core.errors import PimpaError
from ..core.roles import Actor, as_actor, require_admin
from ..core.settings import get_setting, set_setting
from ..core.snapshot_layout import (
    FORMAT,
    FORMAT_VERSION,
    INSTANCE_SETTING,
    MANIFEST,
    RECORD_TABLES,
    ROLLUP_SETTING,
    RULE_TABLES,
    SEQUENCE_SETTING,
    SnapshotTable,
    partition_path,
)
from ..core.writes import write_transaction
from ..measures.evidence_rule import evidence_required
from ..measures.targets import RESOLVED_TARGETS_SQL, attendance_threshold

_CODE = re.compile(r"^[0-9A-Za-z_-]+$")  # partition values go into paths and COPY statements


@dataclass
class SnapshotReport:
    folder: Path
    instance: str
    sequence: int
    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0
    rows: dict[str, int] = field(default_factory=dict)

    def says(self) -> tuple[str, str]:
        return (
            f"snapshot ลำดับที่ {self.sequence} ของ {self.instance}: เขียน {len(self.written)} ส่วน"
            f" ลบ {len(self.removed)} ส่วน ไม่เปลี่ยน {self.unchanged} ส่วน → {self.folder}",
            f"snapshot {self.sequence} of {self.instance}: {len(self.written)} partitions written,"
            f" {len(self.removed)} removed, {self.unchanged} unchanged → {self.folder}",
        )


def take_snapshot(
    con: duckdb.DuckDBPyConnection, out: Path, fiscal_year: int | None = None, who: str | Actor = "pimpa"
) -> SnapshotReport:
    """Write (or bring up to date) the snapshot in folder `out`; only changed partitions are written."""
    require_admin(as_actor(who), "การส่งออก snapshot", "take a snapshot")
    if get_setting(con, ROLLUP_SETTING):
        raise PimpaError("ฐานข้อมูลนี้เป็นฐานรวม (roll-up) ให้ส่งออก snapshot จากเครื่องของอำเภอแทน",
                         "this database is a roll-up; take snapshots on the districts' own servers")
    out = Path(out)
    previous = _previous_manifest(out)
    instance, sequence = _next_sequence(con, previous)
    report = SnapshotReport(out, instance, sequence)
    kept = [p for p in previous.get("partitions", []) if not _in_scope(p, fiscal_year)]
    current = list(kept)
    old = {p["path"]: p for p in previous.get("partitions", []) if _in_scope(p, fiscal_year)}
    districts = set(previous.get("districts", []))
    for table in RECORD_TABLES:
        current += _write_table(con, table, _record_rows_sql(table, fiscal_year), out, old, report, sequence)
    districts |= {p["district"] for p in current}
    for table in RULE_TABLES:
        old_rules = {p["path"]: p for p in previous.get("partitions", []) if p["table"] == table.name}
        rows_sql = _rule_rows_sql(con, table, sorted(districts))
        current = [p for p in current if p["table"] != table.name]
        current += _write_table(con, table, rows_sql, out, old_rules, report, sequence)
        old.update(old_rules)
    for path in sorted(set(old) - {p["path"] for p in current}):  # partitions with no rows left
        (out / path).unlink(missing_ok=True)
        report.removed.append(path)
    _write_manifest(con, out, report, current, sorted(districts))
    log_action(con, who, "snapshot", f"{out} sequence={sequence} written={len(report.written)}"
               f" removed={len(report.removed)} unchanged={report.unchanged}")
    return report


def _in_scope(partition: dict, fiscal_year: int | None) -> bool:
    """Whether this run rebuilds the partition (the rules are always rebuilt)."""
    if "fiscal_year" not in partition or partition["fiscal_year"] is None:
        return False
    return fiscal_year is None or partition["fiscal_year"] == str(fiscal_year)


def _previous_manifest(out: Path) -> dict:
    path = out / MANIFEST
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def _next_sequence(con: duckdb.DuckDBPyConnection, previous: dict) -> tuple[str, int]:
    """This server's instance id (made once) and the next sequence number, reserved before writing."""
    with write_transaction(con):
        instance = get_setting(con, INSTANCE_SETTING) or uuid.uuid4().hex
        if previous and previous.get("instance") != instance:
            raise PimpaError(
                f"โฟลเดอร์นี้มี snapshot ของเครื่องอื่น ({previous.get('instance')}) ให้ใช้โฟลเดอร์ของเครื่องนี้เอง",
                f"this folder holds another server's snapshot ({previous.get('instance')}); give this server"
                " a folder of its own")
        sequence = max(int(get_setting(con, SEQUENCE_SETTING) or 0), int(previous.get("sequence", 0))) + 1
        set_setting(con, INSTANCE_SETTING, instance)
        set_setting(con, SEQUENCE_SETTING, str(sequence))
    return instance, sequence


def _record_rows_sql(table: SnapshotTable, fiscal_year: int | None) -> str:
    columns = ", ".join([f"r.{name}" for name in table.columns] + [f"{sql} AS {name}" for name, sql in table.derived])
    course = "LEFT JOIN courses c ON c.centre_code = r.centre_code AND c.course_code = r.course_code"
    year_filter = f" AND ({table.fiscal_year}) = {int(fiscal_year)}" if fiscal_year is not None else ""
    return (f"SELECT left(r.centre_code, 2) AS province, left(r.centre_code, 4) AS district,"
            f" coalesce(CAST({table.fiscal_year} AS VARCHAR), 'none') AS fiscal_year, {columns}"
            f" FROM {table.name} r {course if table.joins_course else ''}"
            f" WHERE r.centre_code IS NOT NULL{year_filter}")


def _rule_rows_sql(con: duckdb.DuckDBPyConnection, table: SnapshotTable, districts: list[str]) -> str:
    """Each district's rules as its own server applies them (see the functions below)."""
    codes = ", ".join(f"'{_checked(code)}'" for code in districts)
    per_district = f"SELECT unnest([{codes}]::VARCHAR[]) AS district" if codes else \
        "SELECT NULL::VARCHAR AS district WHERE false"
    if table.name == "targets":
        return _district_targets_sql(per_district)
    if table.name == "evidence_rules":
        return _district_evidence_sql(con, districts)
    if table.name == "quality_levels":
        return (f"SELECT left(district, 2) AS province, district, min_ratio, level_th, level_en"
                f" FROM ({per_district}) CROSS JOIN quality_levels")
    threshold = str(attendance_threshold(con))
    return (f"SELECT left(district, 2) AS province, district, 'attendance_threshold_pct' AS key,"
            f" '{threshold}' AS value FROM ({per_district})")


def _district_targets_sql(per_district: str) -> str:
    """The target each district resolves (its own, else its province's, else the country's) for
    every year some unit set one and for every other year (fiscal_year NULL), plus its centres'
    own targets: what the district's own server uses, whatever the roll-up's country holds."""
    return f"""
WITH cells AS (
    SELECT y.fiscal_year, d.district AS unit_code FROM ({per_district}) d
    CROSS JOIN (SELECT DISTINCT fiscal_year FROM targets WHERE fiscal_year IS NOT NULL
                UNION ALL SELECT 0) y),  -- year 0: no year has its own row, so the every-year rows apply
resolved AS ({RESOLVED_TARGETS_SQL})
SELECT left(unit_code, 2) AS province, unit_code AS district, nullif(fiscal_year, 0) AS fiscal_year,
       unit_code, indicator, target_pct
FROM resolved WHERE target_pct IS NOT NULL
UNION ALL
SELECT left(t.unit_code, 2), left(t.unit_code, 4), t.fiscal_year, t.unit_code, t.indicator, t.target_pct
FROM targets t JOIN ({per_district}) d ON length(t.unit_code) = 6 AND starts_with(t.unit_code, d.district)"""


def _district_evidence_sql(con: duckdb.DuckDBPyConnection, districts: list[str]) -> str:
    """The evidence rule each district resolves, per year some unit set one and for other years,
    plus its centres' own rules."""
    years = [row[0] for row in con.execute(
        "SELECT DISTINCT fiscal_year FROM evidence_rules WHERE fiscal_year IS NOT NULL").fetchall()]
    rows = [(district, year, evidence_required(con, year or 0, district))
            for district in districts for year in [*years, None]]
    values = ", ".join(f"('{_checked(d)}', {y if y is not None else 'NULL'}::INTEGER, {str(r).upper()})"
                       for d, y, r in rows) or "(NULL, NULL::INTEGER, NULL)"
    listed = ", ".join(f"'{d}'" for d in districts)
    return f"""
SELECT left(district, 2) AS province, district, fiscal_year, district AS unit_code, required
FROM (VALUES {values}) v(district, fiscal_year, required) WHERE district IS NOT NULL
UNION ALL
SELECT left(r.unit_code, 2), left(r.unit_code, 4), r.fiscal_year, r.unit_code, r.required
FROM evidence_rules r
WHERE length(r.unit_code) = 6 AND list_contains([{listed}]::VARCHAR[], left(r.unit_code, 4))"""


def _checked(code: str) -> str:
    if not _CODE.match(str(code)):
        raise PimpaError(f"รหัส '{code}' ใช้เป็นชื่อโฟลเดอร์ไม่ได้", f"the code '{code}' cannot name a folder")
    return str(code)


def _write_table(
    con: duckdb.DuckDBPyConnection, table: SnapshotTable, rows_sql: str, out: Path,
    old: dict[str, dict], report: SnapshotReport, sequence: int,
) -> list[dict]:
    """Fingerprint every partition of one table; write those that changed. Returns their entries."""
    staged = f"snapshot_{table.name}_{uuid.uuid4().hex[:8]}"
    con.execute(f"CREATE TEMP TABLE {staged} AS {rows_sql}")
    try:
        return _write_partitions(con, table, staged, out, old, report, sequence)
    finally:
        con.execute(f"DROP TABLE IF EXISTS {staged}")


def _write_partitions(
    con: duckdb.DuckDBPyConnection, table: SnapshotTable, staged: str, out: Path,
    old: dict[str, dict], report: SnapshotReport, sequence: int,
) -> list[dict]:
    row_json = f"to_json(struct_pack({', '.join(table.written)}))::VARCHAR"
    keys = ", ".join(table.partitions)
    found = con.execute(
        f"SELECT {keys}, count(*), md5(string_agg({row_json}, chr(10) ORDER BY {row_json}))"
        f" FROM {staged} GROUP BY ALL ORDER BY ALL").fetchall()
    entries = []
    for *values, rows, fingerprint in found:
        codes = dict(zip(table.partitions, map(_checked, values)))
        path = partition_path(table.name, *codes.values())
        before = old.get(path)
        if before and before["fingerprint"] == fingerprint and (out / path).is_file():
            entries.append(before)
            report.unchanged += 1
        else:
            where = " AND ".join(f"{name} = '{value}'" for name, value in codes.items())
            checksum = _copy(con, f"SELECT {', '.join(table.written)} FROM {staged} WHERE {where}"
                                  f" ORDER BY {row_json}", out / path)
            entries.append({"table": table.name, **codes, "path": path, "rows": rows,
                            "fingerprint": fingerprint, "sha256": checksum, "sequence": sequence})
            report.written.append(path)
        report.rows[table.name] = report.rows.get(table.name, 0) + rows
    return entries


def _copy(con: duckdb.DuckDBPyConnection, select_sql: str, path: Path) -> str:
    """One partition's file, written beside and renamed into place; its SHA-256."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    quoted = str(partial).replace("'", "''")  # COPY takes no bound file name
    con.execute(f"COPY ({select_sql}) TO '{quoted}' (FORMAT parquet, COMPRESSION zstd)")
    digest = hashlib.sha256(partial.read_bytes()).hexdigest()
    os.replace(partial, path)
    return digest


def _write_manifest(
    con: duckdb.DuckDBPyConnection, out: Path, report: SnapshotReport, partitions: list[dict], districts: list[str]
) -> None:
    totals: dict[str, int] = {}
    for p in partitions:
        totals[p["table"]] = totals.get(p["table"], 0) + p["rows"]
    manifest = {
        "format": FORMAT, "format_version": FORMAT_VERSION,
        "instance": report.instance, "sequence": report.sequence,
        "taken_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "schema_version": get_setting(con, "schema_version"),
        "id_key_fingerprint": get_setting(con, idkey.FINGERPRINT_SETTING),
        "districts": districts,
        "tables": {t.name: {"columns": list(t.written), "partitioned_by": list(t.partitions),
                            "rows": totals.get(t.name, 0)} for t in (*RECORD_TABLES, *RULE_TABLES)},
        "partitions": sorted(partitions, key=lambda p: p["path"]),
    }
    partial = out / (MANIFEST + ".partial")
    partial.write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(partial, out / MANIFEST)

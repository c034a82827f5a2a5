"""A roll-up: one read-only Pimpa database built from many districts' snapshots.

It is a normal Pimpa file (same schema, so every query, page and indicator runs on it), marked
as a roll-up (setting `rollup_built_at`: the dashboard switches uploads off), with two tables of
its own: `rollup_sources` (where each district's data came from and how old it is) and
`rollup_conflicts`. A refresh builds a new file beside the old one and renames it into place,
so a dashboard serving the roll-up never sees half of one; accounts, sessions, the audit log and
assessors' notes are carried over from the file it replaces.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

from ..core import db, idkey, summaries
from ..core.errors import PimpaError
from ..core.schema import CORE_TABLES
from ..core.settings import get_setting, set_setting
from ..core.snapshot_layout import (
    RECORD_TABLES,
    ROLLUP_SETTING,
    Conflict,
    Snapshot,
    SnapshotProblem,
    choose_sources,
    read_expressions,
    read_snapshot,
)
from ..core.units import level
from .rollup_rules import common_settings, district_settings, load_rules, read_files

TABLES = (
    """CREATE TABLE IF NOT EXISTS rollup_sources (
        district_code VARCHAR PRIMARY KEY, province_code VARCHAR, instance VARCHAR, sequence BIGINT,
        taken_at TIMESTAMP, folder VARCHAR, schema_version VARCHAR, row_counts JSON,
        attendance_threshold_pct VARCHAR, quality_levels VARCHAR)""",
    """CREATE TABLE IF NOT EXISTS rollup_conflicts (district_code VARCHAR, message_th VARCHAR, message_en VARCHAR)""",
)
CARRIED = ("users", "sessions", "audit_log", "review_notes")  # the roll-up's own, kept across refreshes


@dataclass
class RollupReport:
    path: Path
    districts: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    conflicts: list[Conflict] = field(default_factory=list)

    def says(self) -> tuple[str, str]:
        rows = ", ".join(f"{name} {count:,}" for name, count in self.rows.items())
        return (f"ฐานรวม {self.path}: {self.districts} อำเภอ ({rows}) ขัดแย้ง {len(self.conflicts)} รายการ",
                f"roll-up {self.path}: {self.districts} districts ({rows}), {len(self.conflicts)} conflicts")


def is_rollup(con: duckdb.DuckDBPyConnection) -> bool:
    """True for a roll-up database: the dashboard switches uploads off on it."""
    return get_setting(con, ROLLUP_SETTING) is not None


def sources(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Where each district's data came from: district_code, district_th and district_en (named as a unit,
    อำเภอบางปะกง), province_code,
    instance, sequence, taken_at (UTC), age (a Timedelta: now − taken_at), folder, row_counts (JSON
    text), attendance_threshold_pct, quality_levels. Empty on a database that is not a roll-up."""
    if not is_rollup(con):
        return pd.DataFrame(columns=["district_code", "district_th", "district_en", "province_code", "instance",
                                     "sequence", "taken_at", "age", "folder", "row_counts",
                                     "attendance_threshold_pct", "quality_levels"])
    district = level("district")  # named as everywhere else: อำเภอบางปะกง, เขตบางรัก
    frame = con.execute(
        f"""SELECT s.district_code, any_value({district.name_th_sql}) AS district_th,
                  any_value({district.name_en_sql}) AS district_en,
                  s.province_code, s.instance, s.sequence, s.taken_at, s.folder, s.row_counts::VARCHAR AS row_counts,
                  s.attendance_threshold_pct, s.quality_levels
           FROM rollup_sources s LEFT JOIN centres c ON c.district_code = s.district_code
           GROUP BY ALL ORDER BY s.district_code""").df()
    now = pd.Timestamp(dt.datetime.now(dt.UTC).replace(tzinfo=None))
    frame.insert(7, "age", now - pd.to_datetime(frame["taken_at"]))
    return frame


def conflicts(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """What the last build reported: district_code ('*' for all), message_th, message_en."""
    if not is_rollup(con):
        return pd.DataFrame(columns=["district_code", "message_th", "message_en"])
    return con.execute("SELECT * FROM rollup_conflicts ORDER BY district_code").df()


def file_stamp(path: str | Path) -> tuple[int, int] | None:
    """(inode, modification time): changes when a refresh renames a new roll-up into place."""
    try:
        stat = Path(path).stat()
    except FileNotFoundError:
        return None
    return stat.st_ino, stat.st_mtime_ns


def build_rollup(
    folders: list[Path], target: Path, current: duckdb.DuckDBPyConnection | None = None, who: str = "pimpa"
) -> RollupReport:
    """Build the roll-up of the snapshot `folders` into `target` (replacing it atomically).
    `current`: a connection to the file being replaced, when the caller holds one."""
    target = Path(target).resolve()
    _check_target(target, current)
    chosen, found = choose_sources([read_snapshot(Path(folder)) for folder in folders])
    _verify_files(chosen)
    report = RollupReport(target, districts=len(chosen), conflicts=found + _key_conflicts(chosen))
    fresh = target.with_name(f"{target.name}.building-{os.getpid()}")
    for leftover in (fresh, fresh.with_name(fresh.name + ".wal")):
        leftover.unlink(missing_ok=True)
    con = _new_database(fresh, chosen)
    try:
        _fill(con, chosen, report, who)
        _carry_over(con, target, current)
    except BaseException:
        con.close()
        fresh.unlink(missing_ok=True)
        raise
    con.close()
    fresh.chmod(0o600)
    target.with_name(target.name + ".wal").unlink(missing_ok=True)  # a log of the old file must not replay on the new
    os.replace(fresh, target)
    return report


def _verify_files(chosen: dict[str, Snapshot]) -> None:
    for district, snapshot in chosen.items():
        for part in (p for p in snapshot.manifest["partitions"] if p["district"] == district):
            path = snapshot.folder / part["path"]
            if not path.is_file() or hashlib.sha256(path.read_bytes()).hexdigest() != part["sha256"]:
                raise SnapshotProblem(
                    f"ไฟล์ {path} หายไปหรือไม่ตรงกับ manifest ให้คัดลอก snapshot ของอำเภอ {district} มาใหม่ทั้งโฟลเดอร์",
                    f"{path} is missing or does not match its manifest; copy district {district}'s snapshot"
                    " folder again, whole")


def _key_conflicts(chosen: dict[str, Snapshot]) -> list[Conflict]:
    keys = {s.manifest.get("id_key_fingerprint") for s in chosen.values()}
    if len(keys) <= 1:
        return []
    return [Conflict("*", "snapshot มาจากเครื่องที่ใช้กุญแจเข้ารหัสเลขประจำตัวต่างกัน ผู้เรียนคนเดียวกันข้ามอำเภอจะนับเป็นคนละคน"
                          " (ตัวบ่งชี้ไม่เปลี่ยน) ให้ทุกเครื่องใช้กุญแจเดียวกัน ดู docs/storage.md",
                     "the snapshots come from servers with different ID keys: one learner in two districts counts"
                     " as two (the indicators are unaffected); give every server the same key, see docs/storage.md")]


def _new_database(path: Path, chosen: dict[str, Snapshot]) -> duckdb.DuckDBPyConnection:
    """An empty Pimpa database that keeps the sources' key fingerprint (it holds no ID key itself)."""
    fingerprints = sorted({s.manifest.get("id_key_fingerprint") or "" for s in chosen.values()} - {""})
    bare = duckdb.connect(str(path))
    bare.execute(CORE_TABLES[0])  # settings: the fingerprint before the schema, so no key is made for it
    set_setting(bare, idkey.FINGERPRINT_SETTING, fingerprints[0] if fingerprints else "rollup")
    bare.close()
    return db.connect(path)


def _fill(con: duckdb.DuckDBPyConnection, chosen: dict[str, Snapshot], report: RollupReport, who: str) -> None:
    con.execute("BEGIN TRANSACTION")
    for statement in TABLES:
        con.execute(statement)
    for table in RECORD_TABLES:
        report.rows[table.name] = _load_table(con, table, _files(chosen, table.name))
    load_rules(con, chosen)
    report.conflicts += common_settings(con, chosen)
    summaries.refresh(con)
    _record_sources(con, chosen, report.conflicts)
    set_setting(con, ROLLUP_SETTING, dt.datetime.now(dt.UTC).isoformat(timespec="seconds"))
    db.log_action(con, who, "rollup", f"{len(chosen)} districts from {len({s.folder for s in chosen.values()})}"
                  f" snapshots; {len(report.conflicts)} conflicts")
    con.execute("COMMIT")


def _files(chosen: dict[str, Snapshot], table: str) -> list[str]:
    return [file for district, snapshot in sorted(chosen.items()) for file in snapshot.files(table, district)]


def _load_table(con: duckdb.DuckDBPyConnection, table, files: list[str]) -> int:
    if not files:
        return 0
    stored = [row[0] for row in con.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position",
        [table.name]).fetchall()]
    expressions = ", ".join(read_expressions(table, stored))
    con.execute(f"INSERT INTO {table.name} ({', '.join(stored)}) SELECT {expressions} FROM {read_files(files)}")
    return int(con.execute(f"SELECT count(*) FROM {table.name}").fetchone()[0])


def _record_sources(con: duckdb.DuckDBPyConnection, chosen: dict[str, Snapshot], found: list[Conflict]) -> None:
    for district, snapshot in sorted(chosen.items()):
        counts = {}
        for part in snapshot.manifest["partitions"]:
            if part["district"] == district:
                counts[part["table"]] = counts.get(part["table"], 0) + part["rows"]
        threshold, bands = district_settings(con, snapshot, district)
        con.execute(
            "INSERT INTO rollup_sources VALUES (?, ?, ?, ?, CAST(? AS TIMESTAMPTZ)::TIMESTAMP, ?, ?, ?, ?, ?)",
            [district, district[:2], snapshot.instance, snapshot.sequence, snapshot.manifest["taken_at"],
             str(snapshot.folder.resolve()), snapshot.manifest.get("schema_version"), json.dumps(counts),
             threshold, bands])
    for c in found:
        con.execute("INSERT INTO rollup_conflicts VALUES (?, ?, ?)", [c.district, c.th, c.en])


def _carry_over(con: duckdb.DuckDBPyConnection, target: Path, current: duckdb.DuckDBPyConnection | None) -> None:
    """Accounts, sessions, the log and notes of the roll-up being replaced."""
    opened = None
    if current is None and target.exists():
        current = opened = duckdb.connect(str(target), read_only=True)
    if current is None:
        return
    try:
        for table in CARRIED:
            if _exists(current, table):
                frame = current.execute(f"SELECT * FROM {table}").df()
                if len(frame):
                    con.register("carried", frame)
                    con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM carried")
                    con.unregister("carried")
    finally:
        if opened is not None:
            opened.close()


def _check_target(target: Path, current: duckdb.DuckDBPyConnection | None) -> None:
    """A roll-up replaces only a roll-up (or an empty file): never a district's own database."""
    opened = None
    if current is None and target.exists():
        current = opened = duckdb.connect(str(target), read_only=True)
    try:
        if current is not None and not is_rollup(current) and _holds_records(current):
            raise PimpaError(
                f"{target} เป็นฐานข้อมูลที่มีข้อมูลของตัวเอง ไม่ใช่ฐานรวม จึงไม่เขียนทับ ให้ระบุไฟล์ใหม่ด้วย --db",
                f"{target} is a database with records of its own, not a roll-up; it is left alone: name a"
                " new file with --db")
    finally:
        if opened is not None:
            opened.close()


def _exists(con: duckdb.DuckDBPyConnection, table: str) -> bool:
    return bool(con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = ?",
                            [table]).fetchone()[0])


def _holds_records(con: duckdb.DuckDBPyConnection) -> bool:
    tables = [t for t in ("courses", "users", "batches") if _exists(con, t)]
    return any(con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables)

"""The snapshot dataset, declared as data: which columns of which table leave a server, how
rows are partitioned, what the manifest says, and which snapshot of a district wins.

A snapshot is what one Pimpa server shares with its province and the department: Parquet
files, Hive-partitioned (`province=24/district=2404/fiscal_year=2567/data.parquet`), and a
`manifest.json`. Only the columns listed here are written (an allow-list, never a scan of
names): no names, phone numbers, ID digits, free text or file names; only the keyed learner
hash. The writer (export/snapshot.py), the roll-up (export/rollup.py) and the Spark engine
(warehouse/) all read this one declaration.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from .dates import fiscal_year_sql
from .errors import PimpaError
from .settings import get_setting

FORMAT = "pimpa-snapshot"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
PARTITION_FILE = "data.parquet"
INSTANCE_SETTING, SEQUENCE_SETTING = "snapshot_instance", "snapshot_sequence"
ROLLUP_SETTING = "rollup_built_at"  # set in a roll-up database only: when it was built (uploads are off)
# What the roll-up writes in place of a follow-up's evidence: the text stays on the district's
# server, the roll-up knows only that there was some (so indicator 1.3's evidence rule holds).
EVIDENCE_KEPT = "มีหลักฐานที่ต้นทาง (evidence kept at the source)"


@dataclass(frozen=True)
class SnapshotTable:
    name: str  # the table in the database, and its folder in the snapshot
    columns: tuple[str, ...]  # the allow-list: written as they are, in this order
    fiscal_year: str | None  # SQL over the row `r` (and its course `c`) giving its fiscal year; None: rules
    derived: tuple[tuple[str, str], ...] = ()  # (name, SQL over `r`) written beside the columns
    restored: tuple[tuple[str, str], ...] = ()  # (table column, SQL over the snapshot row) for readers
    joins_course: bool = False  # the fiscal year comes from the course's end date

    @property
    def written(self) -> tuple[str, ...]:
        return self.columns + tuple(name for name, _ in self.derived)

    @property
    def partitions(self) -> tuple[str, ...]:
        return ("province", "district", "fiscal_year") if self.fiscal_year else ("province", "district")


_BY_COURSE_END = fiscal_year_sql("c.end_date")
# Evidence is a text or an evidence photo of the follow-up (the photo itself stays at the source).
_HAS_EVIDENCE = """(coalesce(trim(r.evidence), '') <> '' OR EXISTS (SELECT 1 FROM photos p WHERE p.kind = 'evidence'
    AND p.centre_code = r.centre_code AND p.course_code = r.course_code AND p.learner_id = r.learner_id
    AND p.followup_date = r.followup_date))"""
RECORD_TABLES: tuple[SnapshotTable, ...] = (
    # Left out: instructor (a person), venue (free text), and every table's extra, batch and source.
    SnapshotTable("courses", (
        "course_code", "centre_code", "course_name", "course_format", "programme", "occupation_group", "hours",
        "start_date", "end_date", "budget_baht", "spent_baht", "target_learners"), fiscal_year_sql("r.end_date")),
    # Left out: prefix, names, birth date, home subdistrict, certificate number, phone, ID's last four.
    SnapshotTable("enrolments", (
        "course_code", "centre_code", "learner_id", "sex", "age", "target_group", "result", "score",
        "learner_id_type"), _BY_COURSE_END, joins_course=True),
    SnapshotTable("attendance", (
        "course_code", "centre_code", "learner_id", "session_date", "hours", "status"),
        _BY_COURSE_END, joins_course=True),
    # Left out: the evidence and note texts, and photos; has_evidence says whether there was evidence.
    SnapshotTable("follow_ups", (
        "course_code", "centre_code", "learner_id", "followup_date", "applied", "applied_how", "exemplary",
        "income_before_baht", "income_after_baht"), _BY_COURSE_END, joins_course=True,
        derived=(("has_evidence", _HAS_EVIDENCE),),
        restored=(("evidence", f"CASE WHEN has_evidence THEN '{EVIDENCE_KEPT}' END"),)),
    # Left out: the ID's last four. group_name and product stay: they are part of the sale's key.
    SnapshotTable("sales", (
        "learner_id", "group_name", "course_code", "centre_code", "month", "product", "quantity", "revenue_baht",
        "cost_baht", "channel"), fiscal_year_sql("r.month")),
)
# Each district's own rules, resolved at the district (see export/snapshot.py): with them, the
# roll-up and Spark judge every district's centres as the district's own server does.
RULE_TABLES: tuple[SnapshotTable, ...] = (
    SnapshotTable("targets", ("fiscal_year", "unit_code", "indicator", "target_pct"), None),
    SnapshotTable("quality_levels", ("min_ratio", "level_th", "level_en"), None),
    SnapshotTable("evidence_rules", ("fiscal_year", "unit_code", "required"), None),
    SnapshotTable("unit_settings", ("key", "value"), None),
)
TABLES = RECORD_TABLES + RULE_TABLES
TABLES_BY_NAME = {table.name: table for table in TABLES}


def read_expressions(table: SnapshotTable, stored: list[str]) -> list[str]:
    """For each column of the database table `stored`, the SQL that fills it from a snapshot row
    (a column of the snapshot, a restored value, or NULL). Plain SQL both DuckDB and Spark read."""
    restored = dict(table.restored)
    return [name if name in table.columns else restored.get(name, "NULL") for name in stored]


def partition_path(table: str, province: str, district: str, fiscal_year: str | None = None) -> str:
    """The partition's file, relative to the snapshot folder (codes kept as strings)."""
    parts = [table, f"province={province}", f"district={district}"]
    if fiscal_year is not None:
        parts.append(f"fiscal_year={fiscal_year}")
    return "/".join([*parts, PARTITION_FILE])


class SnapshotProblem(PimpaError):
    """A folder that is not a Pimpa snapshot, or one of another format."""


@dataclass(frozen=True)
class Snapshot:
    folder: Path
    manifest: dict

    @property
    def instance(self) -> str:
        return self.manifest["instance"]

    @property
    def sequence(self) -> int:
        return int(self.manifest["sequence"])

    def partitions(self, table: str, district: str | None = None) -> list[dict]:
        return [p for p in self.manifest["partitions"]
                if p["table"] == table and (district is None or p["district"] == district)]

    def files(self, table: str, district: str) -> list[str]:
        return [str(self.folder / p["path"]) for p in self.partitions(table, district)]

    @property
    def districts(self) -> list[str]:
        """The districts this server answers for: once in a snapshot, always (with no rows after an undo)."""
        return sorted(self.manifest["districts"])


def read_snapshot(folder: Path) -> Snapshot:
    path = Path(folder) / MANIFEST
    if not path.is_file():
        raise SnapshotProblem(f"ไม่พบ {MANIFEST} ใน {folder} (ไม่ใช่โฟลเดอร์ snapshot ของพิมพา)",
                              f"no {MANIFEST} in {folder}: not a Pimpa snapshot folder")
    manifest = json.loads(path.read_text(encoding="utf-8"))
    if manifest.get("format") != FORMAT or manifest.get("format_version") != FORMAT_VERSION:
        raise SnapshotProblem(
            f"{path} เป็น snapshot รูปแบบอื่น ({manifest.get('format')} {manifest.get('format_version')})"
            " ให้สร้าง snapshot ใหม่ด้วยพิมพารุ่นนี้",
            f"{path} is another snapshot format ({manifest.get('format')} {manifest.get('format_version')});"
            " take a new snapshot with this version of Pimpa")
    return Snapshot(Path(folder), manifest)


@dataclass(frozen=True)
class Conflict:
    district: str
    th: str
    en: str


def choose_sources(snapshots: list[Snapshot]) -> tuple[dict[str, Snapshot], list[Conflict]]:
    """The snapshot each district is taken from, and what was in the way. Of one server's
    snapshots only the newest counts: the higher sequence number wins (never the clock). Two
    servers claiming one district: a conflict; the higher sequence, then the instance id,
    decides (the same on every run), and the conflict is reported for someone to settle."""
    newest: dict[str, Snapshot] = {}
    for snapshot in snapshots:
        held = newest.get(snapshot.instance)
        if held is None or snapshot.sequence > held.sequence:
            newest[snapshot.instance] = snapshot
    claims: dict[str, list[Snapshot]] = {}
    for snapshot in newest.values():
        for district in snapshot.districts:
            claims.setdefault(district, []).append(snapshot)
    chosen, conflicts = {}, []
    for district, rivals in sorted(claims.items()):
        ranked = sorted(rivals, key=lambda s: (s.sequence, s.instance), reverse=True)
        chosen[district] = ranked[0]
        others = {s.instance for s in ranked[1:]}
        if others:
            conflicts.append(Conflict(
                district,
                f"อำเภอ {district} มีใน snapshot ของหลายเครื่อง ({', '.join(sorted(others))}) ใช้ของ"
                f" {ranked[0].instance} ลำดับที่ {ranked[0].sequence} ({ranked[0].folder})",
                f"district {district} is in snapshots of several servers ({', '.join(sorted(others))});"
                f" taken from {ranked[0].instance} sequence {ranked[0].sequence} ({ranked[0].folder})"))
    return chosen, conflicts


ROLLUP_READ_ONLY = (
    "ฐานข้อมูลนี้เป็นฐานรวมจาก snapshot ของหลายอำเภอ (อ่านอย่างเดียว) ข้อมูลแก้ไขได้ที่เซิร์ฟเวอร์ของอำเภอนั้น"
    " แล้วส่ง snapshot ใหม่มารวม",
    "this database is a roll-up of districts' snapshots (read-only): change the data on the district's own"
    " server, then send a new snapshot",
)


def is_rollup_database(con) -> bool:
    """A roll-up (export/rollup.py) takes no uploads, photos, undos, sign-offs or report text."""
    return get_setting(con, ROLLUP_SETTING) is not None


def refuse_on_rollup(con) -> None:
    if is_rollup_database(con):
        raise PimpaError(*ROLLUP_READ_ONLY)

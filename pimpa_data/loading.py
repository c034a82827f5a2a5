"""Loading one file: read, recognise, validate, then store it as one batch or reject it whole."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from .db import IdHasher
from .kinds import KINDS_BY_NAME
from .problems import Problem, file_problem
from .reading import UnreadableFile, read_grids
from .reference import CentreDirectory
from .sheets import RawTable, table_from_grid
from .store import KindCounts, apply_upload
from .validate import Context, ValidTable, validate_table

STATUSES = ("loaded", "unchanged", "rejected", "dry-run")


@dataclass
class FileReport:
    path: str
    status: str
    batch_id: int | None = None
    counts: dict[str, KindCounts] = field(default_factory=dict)
    errors: list[Problem] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)  # (Thai, English)

    def as_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "status": self.status,
            "batch_id": self.batch_id,
            "counts": {kind: vars(counts) for kind, counts in self.counts.items()},
            "errors": [problem.as_dict() for problem in self.errors],
            "notes": [{"th": th, "en": en} for th, en in self.notes],
        }


def load_file(
    con: duckdb.DuckDBPyConnection, path: Path, *, who: str, dry_run: bool = False, display_name: str | None = None
) -> FileReport:
    """Load one file as one batch; a file with any problem is rejected and writes nothing."""
    name = display_name or path.name
    report = FileReport(str(display_name or path), "rejected")
    tables = _read_tables(path, name, report)
    if report.errors or not tables:
        return report
    valid = _validate(tables, con, report)
    if not valid:
        return report
    outcome = apply_upload(con, valid, name, _sha256(path), who, dry_run=dry_run or bool(report.errors))
    report.counts = outcome.counts
    report.errors += outcome.problems
    report.batch_id = outcome.batch_id
    if not report.errors:
        report.status = "dry-run" if dry_run else "loaded" if outcome.changes else "unchanged"
    return report


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _read_tables(path: Path, name: str, report: FileReport) -> list[RawTable]:
    try:
        grids = read_grids(path, name)
    except UnreadableFile as error:
        report.errors.append(file_problem(name, "unreadable_file", error.th, error.en))
        return []
    tables: list[RawTable] = []
    for grid in grids:
        table = table_from_grid(grid)
        if table is None:
            report.notes.append((
                f"ข้ามชีต '{grid.sheet}' เพราะไม่พบหัวตารางของข้อมูลชนิดใด",
                f"skipped sheet '{grid.sheet}': no header row of any record kind",
            ))
        elif len(table):
            tables.append(table)
    if not tables:
        report.errors.append(_no_table_problem(name, grids))
    return tables


def _no_table_problem(name: str, grids: list) -> Problem:
    if not grids:
        return file_problem(
            name, "empty_file", "ไฟล์ไม่มีข้อมูล ให้ตรวจว่าเลือกไฟล์ถูกต้อง",
            "the file has no data; check that you chose the right file",
        )
    kinds = "; ".join(f"{k.th}: {', '.join(c.th for c in k.columns if c.required)}" for k in KINDS_BY_NAME.values())
    kinds_en = "; ".join(f"{k.en}: {', '.join(c.en for c in k.columns if c.required)}" for k in KINDS_BY_NAME.values())
    return file_problem(
        name, "no_kind",
        f"ไม่พบตารางข้อมูลที่รู้จักในไฟล์ (หรือมีแต่หัวตารางไม่มีข้อมูล) หัวตารางต้องมีคอลัมน์ของข้อมูลชนิดใดชนิดหนึ่ง — {kinds}",
        f"no known table in the file (or only headers with no rows); the header row must name the columns"
        f" of one record kind — {kinds_en}",
    )


def _validate(tables: list[RawTable], con: duckdb.DuckDBPyConnection, report: FileReport) -> list[ValidTable]:
    context = Context(hash_id=IdHasher.of(con), centres=lambda: CentreDirectory.of(con))
    groups: dict[tuple[str, tuple[str, ...]], ValidTable] = {}
    for table in tables:
        valid, problems = validate_table(table, context)
        report.errors += problems
        if valid is None:
            continue
        group = (valid.kind.name, tuple(valid.provided))
        if group in groups:
            groups[group].extend(valid)
        else:
            groups[group] = valid
    report.errors += duplicate_keys(list(groups.values()))
    return list(groups.values())


def duplicate_keys(tables: list[ValidTable]) -> list[Problem]:
    """Rows of one kind in one file with the same key: the teacher must keep one."""
    problems: list[Problem] = []
    seen: dict[tuple, tuple[ValidTable, int]] = {}
    for table in tables:
        kind = table.kind
        needed = [i for i, name in enumerate(kind.key) if kind.column(name).required]
        for position, key in enumerate(zip(*(table.columns[name] for name in kind.key))):
            if any(key[i] is None for i in needed):
                continue  # already reported as a blank or unreadable cell
            first = seen.setdefault((kind.name, *key), (table, position))
            if first != (table, position):
                problems.append(_duplicate(table, position, first[0].where(first[1], kind.key[0])[2]))
    return problems


def _duplicate(table: ValidTable, position: int, first_row: int) -> Problem:
    kind = table.kind
    file, sheet, row, label = table.where(position, kind.key[0])
    value = "" if kind.key[0] == "learner_id" else str(table.columns[kind.key[0]][position])
    names = ", ".join(kind.column(name).th for name in kind.key)
    names_en = ", ".join(kind.column(name).en for name in kind.key)
    return Problem(
        file, sheet, row, label, value, "duplicate_key",
        f"แถวนี้ซ้ำกับแถว {first_row} ({names} เหมือนกัน) ให้ลบแถวที่ซ้ำออกหรือแก้ให้ถูกต้อง",
        f"this row repeats row {first_row} (same {names_en}); delete the repeat or correct it",
    )

"""Loading one file: read, recognise, validate, then store it as one batch or reject it whole."""

from __future__ import annotations

import gc
import hashlib
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from ..core.db import IdHasher
from ..core.kinds import KINDS_BY_NAME, RecordKind
from ..core.normalise import word_key
from ..core.reference import CentreDirectory
from ..core.roles import Actor, as_actor, require_upload
from ..core.units import COUNTRY
from .bounded import read_grids_bounded
from .problems import Problem, file_problem
from .raw_table import RawTable
from .reading import UnreadableFile
from .sheets import kind_from_sheet_name, table_from_grid
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
    sheets: list[str] = field(default_factory=list)  # in the workbook's tab order

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
    con: duckdb.DuckDBPyConnection, path: Path, *, who: str | Actor, dry_run: bool = False,
    display_name: str | None = None, unit: str = COUNTRY,
) -> FileReport:
    """Load one file as one batch; a file with any problem is rejected and writes nothing.
    `who` is the signed-in Actor, who may load only their unit's courses; a script may pass a
    name and a `unit` (centre, district or province code) instead (core/roles.as_actor)."""
    return store_prepared(con, prepare_file(con, path, display_name=display_name), who=who, dry_run=dry_run, unit=unit)


@dataclass
class PreparedFile:
    """A file read and validated, not yet compared with what is stored."""

    report: FileReport
    name: str
    sha256: str
    tables: list[ValidTable]


def prepare_file(con: duckdb.DuckDBPyConnection, path: Path, *, display_name: str | None = None) -> PreparedFile:
    """Read (in a bounded worker) and validate one file; nothing is locked or written."""
    name = display_name or path.name
    report = FileReport(str(display_name or path), "rejected")
    with cyclic_gc_paused():
        tables = _read_tables(path, name, report)
        valid = _validate(tables, con, report) if tables and not report.errors else []
    return PreparedFile(report, name, _sha256(path) if valid else "", valid)


def store_prepared(
    con: duckdb.DuckDBPyConnection, prepared: PreparedFile, *, who: str | Actor, dry_run: bool = False,
    unit: str = COUNTRY,
) -> FileReport:
    """Compare a prepared file with what is stored and save it as one batch (under the write lock)."""
    actor = as_actor(who, unit)
    require_upload(actor)
    report = prepared.report
    if not prepared.tables:
        return report
    outcome = apply_upload(
        con, prepared.tables, prepared.name, prepared.sha256, actor,
        dry_run=dry_run or bool(report.errors), unit_prefix=actor.prefix,
    )
    report.counts = outcome.counts
    report.errors += outcome.problems
    report.batch_id = outcome.batch_id
    if not report.errors:
        report.status = "dry-run" if dry_run else "loaded" if outcome.changes else "unchanged"
    return report


@contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """Hold Python's cycle collector while a file's cells are read and checked.

    A sheet is tens of thousands of new lists and tuples; each full collection they trigger
    walks every object of the process (pandas, pyarrow, …) and cost 30–50 ms, a third of a
    10,000-row load. Reference counting still frees everything as usual; the collector resumes
    (if it was running) when the file is done.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _read_tables(path: Path, name: str, report: FileReport) -> list[RawTable]:
    try:
        grids = read_grids_bounded(path, name)
    except UnreadableFile as error:
        report.errors.append(file_problem(name, "unreadable_file", error.th, error.en))
        return []
    tables: list[RawTable] = []
    headers_only: list[RawTable] = []
    report.sheets = [grid.sheet for grid in grids if grid.sheet]
    for grid in grids:
        where_th, where_en = (f"ชีต '{grid.sheet}'", f"sheet '{grid.sheet}'") if grid.sheet else ("ไฟล์", "the file")
        if grid.hidden:
            report.notes.append((f"ข้าม{where_th} เพราะถูกซ่อนไว้", f"skipped {where_en}: it is hidden"))
            continue
        table = table_from_grid(grid)
        named = _named_kind(grid.sheet)
        if table is None and named is not None:
            report.errors.append(_unrecognised_sheet(name, grid.sheet, named))
        elif table is None:
            report.notes.append((
                f"ข้าม{where_th} เพราะไม่พบหัวตารางของข้อมูลชนิดใด",
                f"skipped {where_en}: no header row of any record kind",
            ))
        elif len(table):
            tables.append(table)
        else:
            headers_only.append(table)
            report.notes.append((
                f"{where_th} มีหัวตาราง{table.kind.th} แต่ไม่มีข้อมูล", f"{where_en} has {table.kind.en} headers but no rows"
            ))
    if not tables:
        report.errors.append(_no_table_problem(name, grids, headers_only))
    return tables


def _named_kind(sheet: str | None) -> RecordKind | None:
    """The kind a sheet's name starts with ("ติดตามผล", "เวลาเรียน PMP-01"); "สรุปรายได้" names none."""
    kind = kind_from_sheet_name(sheet)
    if kind and any(word_key(sheet).startswith(word_key(word)) for word in kind.sheet_words):
        return kind
    return None


def _unrecognised_sheet(name: str, sheet: str, kind: RecordKind) -> Problem:
    """A sheet named as a kind whose header row cannot be found: skipping it would lose its rows."""
    required = ", ".join(column.th for column in kind.required)
    required_en = ", ".join(column.en for column in kind.required)
    return file_problem(
        name, "missing_column",
        f"ชีต '{sheet}' เป็นข้อมูล{kind.th}ตามชื่อชีต แต่ไม่พบแถวหัวตารางที่มีคอลัมน์ของข้อมูลนี้"
        f" ให้ตั้งหัวคอลัมน์ เช่น {required} (ดูชื่อที่ใช้ได้ใน docs/records.md) หรือเปลี่ยนชื่อชีตถ้าไม่ใช่ข้อมูลนี้",
        f"sheet '{sheet}' is named as {kind.en} but has no header row with that kind's columns; head the"
        f" columns e.g. {required_en} (accepted names are in docs/records.md), or rename the sheet if it"
        " holds something else",
        sheet=sheet,
    )


def _no_table_problem(name: str, grids: list, headers_only: list[RawTable]) -> Problem:
    if not grids:
        return file_problem(
            name, "empty_file", "ไฟล์ไม่มีข้อมูล ให้ตรวจว่าเลือกไฟล์ถูกต้อง",
            "the file has no data; check that you chose the right file",
        )
    if headers_only:
        table = headers_only[0]
        return file_problem(
            name, "empty_file",
            f"มีแต่หัวตาราง{table.kind.th} ไม่มีข้อมูลสักแถว ให้กรอกข้อมูลใต้หัวตาราง หรือตรวจว่าเลือกไฟล์ถูกต้อง",
            f"there are {table.kind.en} headers but not a single row under them; fill in the rows,"
            " or check that you chose the right file",
            sheet=table.sheet,
        )
    kinds = "; ".join(f"{k.th}: {', '.join(c.th for c in k.columns if c.required)}" for k in KINDS_BY_NAME.values())
    kinds_en = "; ".join(f"{k.en}: {', '.join(c.en for c in k.columns if c.required)}" for k in KINDS_BY_NAME.values())
    return file_problem(
        name, "no_kind",
        f"ไม่พบตารางข้อมูลที่รู้จักในไฟล์ หัวตารางต้องมีคอลัมน์ของข้อมูลชนิดใดชนิดหนึ่ง — {kinds}",
        f"no known table in the file; the header row must name the columns of one record kind — {kinds_en}",
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
    seen: dict[str, dict[tuple, tuple[ValidTable, int]]] = {}
    alone = Counter(table.kind.name for table in tables)
    for table in tables:
        kind = table.kind
        names = _file_key(table)
        if alone[kind.name] == 1 and len(set(zip(*(table.columns[name] for name in names)))) == len(table):
            continue  # the usual case: one table of its kind, no repeats, nothing to remember row by row
        keys = list(zip(*(table.columns[name] for name in names)))
        same_kind = seen.setdefault(kind.name, {})
        if not same_kind and len(set(keys)) == len(keys):
            same_kind.update((key, (table, position)) for position, key in enumerate(keys))
            continue
        needed = [i for i, name in enumerate(names) if kind.column(name).required]
        for position, key in enumerate(keys):
            if any(key[i] is None for i in needed):
                continue  # already reported as a blank or unreadable cell
            first_table, first_position = same_kind.setdefault(key, (table, position))
            if first_table is not table or first_position != position:
                problems.append(_duplicate(table, position, first_table.where(first_position, kind.key[0])[2]))
    return problems


def _file_key(table: ValidTable) -> list[str]:
    """The stored key's parts the file gives: a combined register may hold "01/2567" of two centres."""
    return [name for name in table.kind.stored_key if name in table.columns]


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

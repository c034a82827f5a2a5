"""Uploads from the dashboard: bytes from the browser in, a FileReport out, and the history.

The browser gives bytes and a file name; the loader reads paths, so each upload is written to
a private temporary folder under its own name (the suffix says how to read it) and removed after.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import duckdb
import pandas as pd

from ..core.kinds import KINDS_BY_NAME
from ..core.roles import Actor
from ..core.units import unit_name, unit_prefix
from ..ingest.loading import FileReport, PreparedFile, prepare_file, store_prepared
from ..ingest.problems import Problem
from ..ingest.store import rehearsal
from ..ingest.undo import batches_outside_unit, list_batches, undo_batch
from .formatting import date_be
from .i18n import label, text


def load_upload(con: duckdb.DuckDBPyConnection, name: str, data: bytes, who: Actor) -> FileReport:
    return store_prepared(con, prepare_upload(con, name, data), who=who)


def prepare_upload(con: duckdb.DuckDBPyConnection, name: str, data: bytes) -> PreparedFile:
    safe_name = Path(name).name or "upload"
    with tempfile.TemporaryDirectory(prefix="pimpa-upload-") as folder:
        path = Path(folder) / safe_name
        path.write_bytes(data)
        return prepare_file(con, path, display_name=safe_name)


def preview_files(
    con: duckdb.DuckDBPyConnection, files: list[tuple[str, bytes]], who: Actor
) -> list[FileReport]:
    """What saving the files in this order would do, each seeing the ones before it (a course
    register then its learners), with nothing written. The files are read before the write
    lock is taken, so a slow file never holds up another session's save."""
    prepared = [prepare_upload(con, name, data) for name, data in files]
    with rehearsal(con):
        reports = [store_prepared(con, item, who=who) for item in prepared]
    for report in reports:
        if report.status == "loaded":
            report.status, report.batch_id = "dry-run", None
    return reports


def counts_frame(report: FileReport, lang: str) -> pd.DataFrame:
    rows = [
        {
            text("kind", lang): label((KINDS_BY_NAME[kind].th, KINDS_BY_NAME[kind].en), lang),
            text("read", lang): c.read,
            text("inserted", lang): c.inserted,
            text("updated", lang): c.updated,
            text("unchanged", lang): c.unchanged,
        }
        for kind, c in report.counts.items()
    ]
    return pd.DataFrame(rows)


LISTED_PROBLEMS = 30


def _in_sheet_order(report: FileReport) -> list:
    """Problems as the workbook reads: its tabs from left to right, then rows, then columns."""
    tab = {sheet: index for index, sheet in enumerate(report.sheets)}
    return sorted(report.errors, key=lambda p: (tab.get(p.sheet, len(tab)), p.row or 0, p.column))


def root_causes(report: FileReport) -> list[tuple[Problem, list[Problem]]]:
    """One entry per root cause: the first problem of a rule and value (a mistyped ID, a wrong
    date) and the later rows that repeat it (the attendance rows that refer to that ID)."""
    groups: dict[tuple[str, str], tuple[Problem, list[Problem]]] = {}
    causes: list[tuple[Problem, list[Problem]]] = []
    for problem in _in_sheet_order(report):
        key = (problem.rule, problem.value)
        if problem.value and problem.row and key in groups:
            groups[key][1].append(problem)
            continue
        entry = (problem, [])
        causes.append(entry)
        if problem.value and problem.row:
            groups[key] = entry
    return causes


def problem_lines(report: FileReport, lang: str) -> list[str]:
    """One markdown line per root cause: where it is (sheet, row, column), the value, what to
    do, and how many other rows the same mistake reaches."""
    lines = []
    for p, repeats in root_causes(report):
        where = " · ".join(part for part in (
            f"{text('sheet', lang)} {p.sheet}" if p.sheet else "",
            f"{text('row', lang)} {p.row}" if p.row else "", p.column) if part)
        shown = p.value.replace("`", "'")
        value = f" `{shown}`" if shown else ""
        lines.append(f"- **{where or p.file}**{value} — {p.en if lang == 'en' else p.th}{_repeats(repeats, lang)}")
    return lines


def _repeats(repeats: list[Problem], lang: str) -> str:
    if not repeats:
        return ""
    per_sheet: dict[str, int] = {}
    for problem in repeats:
        per_sheet[problem.sheet or ""] = per_sheet.get(problem.sheet or "", 0) + 1
    parts = [text("repeats_on_sheet", lang, n=f"{n:,}", sheet=sheet) for sheet, n in per_sheet.items()]
    return " " + text("repeats", lang, where=", ".join(parts))


def problems_frame(report: FileReport, lang: str) -> pd.DataFrame:
    """Every problem, one per row (the rule's code is for the download: ui.table keeps it off screen)."""
    return pd.DataFrame([
        {
            text("sheet", lang): p.sheet or "",
            text("row", lang): p.row,
            text("column", lang): p.column,
            text("value", lang): p.value,
            text("problem", lang): p.en if lang == "en" else p.th,
            "rule": p.rule,
        }
        for p in _in_sheet_order(report)
    ])


def history_frame(con: duckdb.DuckDBPyConnection, lang: str, unit_code: str) -> pd.DataFrame:
    """The batches of the unit the sidebar shows (within the user's own), newest first."""
    rows = []
    for batch in list_batches(con, unit_prefix=unit_prefix(unit_code)):
        rows.append({
            text("batch", lang): batch["batch_id"],
            text("file", lang): batch["file_name"],
            text("loaded_at", lang): batch["loaded_at"],
            text("loaded_by", lang): batch["loaded_by"],
            text("rows_changed", lang): _changed(batch),
            text("status", lang): text(batch["status"], lang),
        })
    return pd.DataFrame(rows)


def _changed(batch: dict[str, object]) -> int:
    counts = json.loads(batch["counts"] or "{}")
    return sum(c.get("inserted", 0) + c.get("updated", 0) for c in counts.values())


def undoable_batches(con: duckdb.DuckDBPyConnection, actor: Actor, unit_code: str) -> list[dict[str, object]]:
    """Active batches of the sidebar's unit that the user may undo (none for a director)."""
    if not actor.may_undo or not actor.within(unit_code):
        return []
    others = batches_outside_unit(con, unit_prefix(unit_code))
    return [b for b in list_batches(con, unit_prefix=unit_prefix(unit_code))
            if b["status"] == "active" and b["batch_id"] not in others]


def undo_summary(con: duckdb.DuckDBPyConnection, batch: dict[str, object], lang: str) -> str:
    """What undoing the batch takes away: its file, its centres and how many rows."""
    centres = ", ".join(f"{unit_name(con, code, lang)} ({code})" for code in batch["centre_codes"] or [])
    return text("undo_summary", lang, batch=batch["batch_id"], file=batch["file_name"], centres=centres or "—",
                rows=f"{_changed(batch):,}", when=f"{batch['loaded_at']:%H:%M}", date=date_be(batch["loaded_at"], lang))


def undo(con: duckdb.DuckDBPyConnection, batch_id: int, who: Actor) -> int:
    return sum(undo_batch(con, batch_id, who).values())

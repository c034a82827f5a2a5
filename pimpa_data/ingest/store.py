"""Writing an upload as one batch in one transaction (undo.py takes a batch back).

A batch writes `batch_id` on every row it inserts or changes and keeps the changed rows'
previous versions in `undo_<kind>`, which is what makes it undoable.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import duckdb

from ..core.db import log_action
from ..core.roles import Actor
from ..core.schema import PROVENANCE, stored_names
from ..core.snapshot_layout import ROLLUP_READ_ONLY, is_rollup_database
from ..core.summaries import SUMMARISED_KINDS, refresh
from ..core.writes import write_lock, writing
from .course_owners import outside_unit_problems, resolve_centres
from .locks import locked_by_upload
from .problems import Problem, file_problem
from .sample_guard import sample_present, sample_problem
from .staging import (
    incomplete_new_rows,
    key_join,
    kinds_in_order,
    mixed_attendance_problems,
    reference_problems,
    session_date_problems,
    stage,
    stage_name,
)
from .validate import ValidTable


@dataclass
class KindCounts:
    read: int = 0
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0

    def add(self, other: KindCounts) -> None:
        self.read += other.read
        self.inserted += other.inserted
        self.updated += other.updated
        self.unchanged += other.unchanged


@dataclass
class Outcome:
    counts: dict[str, KindCounts] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    batch_id: int | None = None

    @property
    def changes(self) -> int:
        return sum(c.inserted + c.updated for c in self.counts.values())


_REHEARSING: set[int] = set()  # connections inside rehearsal(): their transactions nest in it


@contextmanager
def rehearsal(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """Run uploads in one transaction that is rolled back at the end: each sees what the ones
    before it would have written, and nothing is kept. The dashboard previews several files so.
    It holds the write lock, so a preview never sees half of another session's save."""
    with writing(con):
        con.execute("BEGIN TRANSACTION")
        _REHEARSING.add(id(con))
        try:
            yield
        finally:
            _REHEARSING.discard(id(con))
            con.execute("ROLLBACK")


class Transaction:
    """BEGIN … COMMIT under the write lock, or ROLLBACK on any error or when asked to (inside a
    rehearsal, neither: the rehearsal's own transaction holds them)."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con
        self.keep = False
        self.nested = id(con) in _REHEARSING
        self.lock = write_lock(con)

    def __enter__(self) -> Transaction:
        self.lock.acquire()
        if not self.nested:
            try:
                self.con.execute("BEGIN TRANSACTION")
            except BaseException:
                self.lock.release()
                raise
        return self

    def __exit__(self, kind: type | None, *_: object) -> None:
        try:
            if not self.nested:
                self.con.execute("COMMIT" if self.keep and kind is None else "ROLLBACK")
        finally:
            self.lock.release()


def apply_upload(
    con: duckdb.DuckDBPyConnection, tables: list[ValidTable], file_name: str, sha256: str, who: str | Actor,
    dry_run: bool = False, unit_prefix: str = "", source: str = "file",
) -> Outcome:
    """Stage, check, classify and (unless dry_run or anything is wrong) write, atomically.
    Real data waits until the sample is removed: mixed, a real course would merge with a
    sample course of the same code."""
    outcome = Outcome()
    with Transaction(con) as transaction:
        if is_rollup_database(con):
            outcome.problems.append(file_problem(file_name, "rollup", *ROLLUP_READ_ONLY))
            return outcome
        if source != "sample" and sample_present(con):
            outcome.problems.append(sample_problem(file_name))
            return outcome
        ambiguous = resolve_centres(con, tables, unit_prefix)
        staged = [(stage_name(t.kind, i), t) for i, t in enumerate(kinds_in_order(tables))]
        for name, table in staged:
            stage(con, table, name)
        outside = outside_unit_problems(con, staged, unit_prefix)
        if outside:  # told alone: whether another unit's learner is enrolled is not the uploader's to learn
            outcome.problems += outside
            return outcome
        outcome.problems += ambiguous
        outcome.problems += reference_problems(con, staged)
        outcome.problems += mixed_attendance_problems(con, staged)
        outcome.problems += session_date_problems(con, staged)
        plans = [(name, table, _classify(con, name, table)) for name, table in staged]
        for name, table, counts in plans:
            outcome.problems += incomplete_new_rows(con, name, table, counts.inserted)
            outcome.counts.setdefault(table.kind.name, KindCounts()).add(counts)
        outcome.problems += locked_by_upload(con, [(name, table) for name, table, _ in plans], file_name)
        if outcome.problems or dry_run or not outcome.changes:
            return outcome
        outcome.batch_id = _new_batch(con, file_name, sha256, who, outcome.counts, [name for name, _ in staged], source)
        for name, table, counts in plans:
            _write(con, name, table, counts, outcome.batch_id)
        _refresh_summaries(con, [name for name, table, _ in plans if table.kind.name in SUMMARISED_KINDS])
        transaction.keep = True
    return outcome


def _refresh_summaries(con: duckdb.DuckDBPyConnection, stages: list[str]) -> None:
    if stages:
        union = " UNION ".join(f"SELECT centre_code, course_code FROM {name}" for name in stages)
        con.execute(f"CREATE OR REPLACE TEMP TABLE touched_courses AS {union}")
        refresh(con, "touched_courses")


def _classify(con: duckdb.DuckDBPyConnection, name: str, table: ValidTable) -> KindCounts:
    """Mark each staged row insert / update / unchanged against what is stored."""
    kind = table.kind
    compared = [c for c in table.provided if c not in kind.stored_key]
    changed = " OR ".join(f"s.{c} IS DISTINCT FROM t.{c}" for c in compared) or "false"
    con.execute(
        f"""CREATE OR REPLACE TEMP TABLE {name}_plan AS
            SELECT s._position,
                   CASE WHEN t._found IS NULL THEN 'insert' WHEN {changed} THEN 'update'
                        ELSE 'unchanged' END AS action
            FROM {name} s
            LEFT JOIN (SELECT *, true AS _found FROM {kind.name}) t ON {key_join(kind, 's', 't')}"""
    )
    counts = dict(con.execute(f"SELECT action, count(*) FROM {name}_plan GROUP BY action").fetchall())
    return KindCounts(len(table), counts.get("insert", 0), counts.get("update", 0), counts.get("unchanged", 0))


def _write(con: duckdb.DuckDBPyConnection, name: str, table: ValidTable, counts: KindCounts, batch_id: int) -> None:
    if counts.updated:
        _update(con, name, table, batch_id)
    if counts.inserted:
        written = [*table.provided, *PROVENANCE]
        # A file of new rows only (a month's attendance) needs no join with its plan.
        chosen = "" if counts.inserted == len(table) else (
            f"JOIN {name}_plan p USING (_position) WHERE p.action = 'insert'")
        con.execute(
            f"""INSERT INTO {table.kind.name} ({', '.join(written)}, batch_id)
                SELECT {', '.join('s.' + c for c in written)}, ? FROM {name} s {chosen}""",
            [batch_id],
        )


def _update(con: duckdb.DuckDBPyConnection, name: str, table: ValidTable, batch_id: int) -> None:
    """Keep each row's previous version in undo_<kind>, then change the columns the file gives."""
    kind = table.kind
    updates = f"SELECT s.* FROM {name} s JOIN {name}_plan p USING (_position) WHERE p.action = 'update'"
    columns = ", ".join(stored_names(kind))
    con.execute(
        f"""INSERT INTO undo_{kind.name} (undo_batch, op, {columns})
            SELECT ?, 'update', {', '.join('t.' + c for c in stored_names(kind))}
            FROM {kind.name} t JOIN ({updates}) s ON {key_join(kind, 's', 't')}""",
        [batch_id],
    )
    assignments = ", ".join(f"{c} = s.{c}" for c in (*table.provided, *PROVENANCE) if c not in kind.stored_key)
    if assignments:
        con.execute(
            f"UPDATE {kind.name} t SET {assignments}, batch_id = ? FROM ({updates}) s"
            f" WHERE {key_join(kind, 's', 't')}",
            [batch_id],
        )


def _new_batch(
    con: duckdb.DuckDBPyConnection, file_name: str, sha256: str, who: str | Actor, counts: dict[str, KindCounts],
    stages: list[str], source: str,
) -> int:
    # Taken under the write lock, so numbers follow each other without gaps (previews roll back theirs).
    batch_id = con.execute("SELECT coalesce(max(batch_id), 0) + 1 FROM batches").fetchone()[0]
    summary = {kind: vars(c) for kind, c in counts.items()}
    centres = " UNION ".join(f"SELECT centre_code FROM {name}" for name in stages)
    con.execute(  # the centres it wrote, kept for good: whose history it is, even once undone
        f"""INSERT INTO batches (batch_id, file_name, sha256, loaded_at, loaded_by, status, counts, source,
                                 centre_codes)
            SELECT ?, ?, ?, ?, ?, 'active', ?, ?,
                   list(centre_code ORDER BY centre_code) FILTER (centre_code IS NOT NULL) FROM ({centres})""",
        [batch_id, file_name, sha256, dt.datetime.now(), getattr(who, "username", who),
         json.dumps(summary, ensure_ascii=False), source],
    )
    log_action(con, who, "upload", f"batch={batch_id} file={file_name} " + _changes(counts))
    return batch_id


def _changes(counts: dict[str, KindCounts]) -> str:
    return " ".join(f"{kind}:+{c.inserted}~{c.updated}" for kind, c in counts.items() if c.inserted or c.updated)


# ---------------------------------------------------------------- undo

"""Undoing a batch, and the history of batches.

A batch wrote `batch_id` on every row it inserted or changed and kept the changed rows'
previous versions in `undo_<kind>`. Undo deletes the rows that carry the batch's id and puts
the previous versions back, which restores exactly what was there before it. It is refused
when a later batch changed those rows or needs them, and outside the user's unit.
"""

from __future__ import annotations

import datetime as dt

import duckdb

from ..core.db import log_action
from ..core.errors import PimpaError
from ..core.kinds import KINDS, RecordKind
from ..core.roles import Actor, as_actor, require_admin, require_undo
from ..core.schema import stored_names
from ..core.snapshot_layout import refuse_on_rollup
from ..core.summaries import SUMMARISED_KINDS, refresh, touched_by_batch_sql
from ..core.units import COUNTRY
from .locks import locked_by_batch
from .staging import REFERENCES
from .store import Transaction


class UndoRefused(PimpaError):
    pass


def batches_outside_unit(con: duckdb.DuckDBPyConnection, unit_prefix: str) -> set[int]:
    """Batches with rows (or saved earlier versions) of courses outside a unit: not its to undo."""
    if not unit_prefix:
        return set()
    rows = " UNION ALL ".join(
        f"SELECT batch_id, centre_code FROM {kind.name} UNION ALL SELECT undo_batch, centre_code FROM undo_{kind.name}"
        for kind in KINDS
    )
    found = con.execute(
        f"SELECT DISTINCT batch_id FROM ({rows}) WHERE NOT starts_with(centre_code, $prefix)",
        {"prefix": unit_prefix},
    ).fetchall()
    return {row[0] for row in found}


def undo_batch(
    con: duckdb.DuckDBPyConnection, batch_id: int, who: str | Actor, unit_prefix: str = ""
) -> dict[str, int]:
    """Restore every table to what it was before the batch; returns rows removed per kind.
    A teacher (or admin) may undo only batches within their unit; a script passing a name may
    give the unit as `unit_prefix`."""
    actor = as_actor(who, unit_prefix or COUNTRY)
    require_undo(actor)
    refuse_on_rollup(con)
    unit_prefix = actor.prefix
    with Transaction(con) as transaction:
        _check_undoable(con, batch_id)
        _check_unlocked(con, batch_id)
        if batch_id in batches_outside_unit(con, unit_prefix) or not _recorded_within(con, batch_id, unit_prefix):
            raise UndoRefused(
                f"ชุดนำเข้า {batch_id} มีข้อมูลของหน่วยอื่นนอกเหนือจากหน่วยของคุณ ({unit_prefix}) จึงยกเลิกไม่ได้",
                f"batch {batch_id} holds data of units outside yours ({unit_prefix}), so you cannot undo it",
            )
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE touched_courses AS {touched_by_batch_sql()}",
            [batch_id] * 2 * len(SUMMARISED_KINDS),
        )
        con.execute("INSERT INTO touched_courses SELECT centre_code, course_code FROM photos WHERE batch_id = ?",
                    [batch_id])  # an evidence photo counts as evidence of 1.3 in the summary
        removed = {kind.name: _undo_kind(con, kind, batch_id) for kind in KINDS}
        removed["photos"] = con.execute("DELETE FROM photos WHERE batch_id = ?", [batch_id]).fetchone()[0]
        refresh(con, "touched_courses")
        con.execute(
            "UPDATE batches SET status = 'undone', undone_at = ?, undone_by = ? WHERE batch_id = ?",
            [dt.datetime.now(), actor.username, batch_id],
        )
        log_action(con, actor, "undo", f"batch={batch_id} rows removed: {sum(removed.values())}")
        transaction.keep = True
    return removed


def _check_unlocked(con: duckdb.DuckDBPyConnection, batch_id: int) -> None:
    for lock in locked_by_batch(con, batch_id)[:1]:
        th, en = lock.says()
        raise UndoRefused(
            f"ชุดนำเข้า {batch_id} แก้ข้อมูลปีงบประมาณ {lock.fiscal_year} ของ กศน.ตำบลรหัส {lock.centre_code} ซึ่ง{th}"
            " จึงยกเลิกไม่ได้ ให้ผู้อำนวยการเปิดให้แก้ไขก่อน",
            f"batch {batch_id} changed fiscal year {lock.fiscal_year} of centre {lock.centre_code}, {en};"
            " it cannot be undone until the director reopens that year",
        )


def _recorded_within(con: duckdb.DuckDBPyConnection, batch_id: int, unit_prefix: str) -> bool:
    row = con.execute(
        f"SELECT {WITHIN_UNIT_SQL} FROM batches WHERE batch_id = $batch", {"prefix": unit_prefix, "batch": batch_id}
    ).fetchone()
    return bool(row and row[0])


def _check_undoable(con: duckdb.DuckDBPyConnection, batch_id: int) -> None:
    row = con.execute("SELECT status FROM batches WHERE batch_id = ?", [batch_id]).fetchone()
    if row is None:
        raise UndoRefused(
            f"ไม่มีชุดนำเข้าหมายเลข {batch_id} ดูหมายเลขได้จากคำสั่ง batches หรือหน้าประวัติการนำเข้า",
            f"there is no batch {batch_id}; list batches with the `batches` command or the upload history",
        )
    if row[0] != "active":
        raise UndoRefused(f"ชุดนำเข้า {batch_id} ถูกยกเลิกไปแล้ว", f"batch {batch_id} has already been undone")
    later = _later_batches_touching(con, batch_id)
    if later:
        numbers = ", ".join(map(str, later))
        raise UndoRefused(
            f"ข้อมูลบางแถวของชุดนำเข้า {batch_id} ถูกแก้ไขภายหลังโดยชุดนำเข้า {numbers}"
            f" ให้ยกเลิกชุด {numbers} ก่อน แล้วจึงยกเลิกชุด {batch_id}",
            f"rows of batch {batch_id} were changed later by batch {numbers}; undo {numbers} first",
        )
    needing = _later_batches_needing(con, batch_id)
    if needing:
        numbers = ", ".join(map(str, needing))
        raise UndoRefused(
            f"ชุดนำเข้า {numbers} มีข้อมูลที่อ้างถึงหลักสูตรหรือผู้เรียนที่ชุด {batch_id} เพิ่มเข้ามา"
            f" ให้ยกเลิกชุด {numbers} ก่อน แล้วจึงยกเลิกชุด {batch_id}",
            f"batch {numbers} has rows that need courses or learners that batch {batch_id} added;"
            f" undo {numbers} first",
        )


def _later_batches_touching(con: duckdb.DuckDBPyConnection, batch_id: int) -> list[int]:
    """Active batches that changed a row as this batch left it (their saved version carries its id)."""
    union = " UNION ".join(
        f"SELECT undo_batch FROM undo_{kind.name} WHERE batch_id = ? AND undo_batch > ?" for kind in KINDS
    )
    rows = con.execute(
        f"SELECT batch_id FROM batches WHERE status = 'active' AND batch_id IN ({union}) ORDER BY batch_id",
        [batch_id, batch_id] * len(KINDS),
    ).fetchall()
    return [row[0] for row in rows]


REFERENCED = {
    "course": ("courses", "centre_code, course_code"),
    "enrolment": ("enrolments", "centre_code, course_code, learner_id"),
}


def _later_batches_needing(con: duckdb.DuckDBPyConnection, batch_id: int) -> list[int]:
    """Other batches with rows that name a course or an enrolment this batch added (and undo would remove)."""
    found: set[int] = set()
    for need, (kind, keys) in REFERENCED.items():
        added = (f"SELECT {keys} FROM {kind} WHERE batch_id = ?"
                 f" EXCEPT SELECT {keys} FROM undo_{kind} WHERE undo_batch = ?")
        for dependent in (name for name, needs in REFERENCES.items() if need in needs):
            rows = con.execute(
                f"SELECT DISTINCT d.batch_id FROM {dependent} d SEMI JOIN ({added}) a USING ({keys})"
                " WHERE d.batch_id <> ?",
                [batch_id, batch_id, batch_id],
            ).fetchall()
            found.update(row[0] for row in rows)
    return sorted(found | _photos_needing(con, batch_id))


def _photos_needing(con: duckdb.DuckDBPyConnection, batch_id: int) -> set[int]:
    """Photo batches whose course, or whose follow-up (an evidence photo), this batch added."""
    needed = {"courses": "centre_code, course_code",
              "follow_ups": "centre_code, course_code, learner_id, followup_date"}
    found: set[int] = set()
    for table, keys in needed.items():
        rows = con.execute(
            f"""SELECT DISTINCT p.batch_id FROM photos p SEMI JOIN (SELECT {keys} FROM {table} WHERE batch_id = ?
                EXCEPT SELECT {keys} FROM undo_{table} WHERE undo_batch = ?) a USING ({keys})""",
            [batch_id, batch_id],
        ).fetchall()
        found.update(row[0] for row in rows)
    return found


def _undo_kind(con: duckdb.DuckDBPyConnection, kind: RecordKind, batch_id: int) -> int:
    removed = con.execute(f"DELETE FROM {kind.name} WHERE batch_id = ?", [batch_id]).fetchone()[0]
    columns = ", ".join(stored_names(kind))
    con.execute(
        f"INSERT INTO {kind.name} ({columns}) SELECT {columns} FROM undo_{kind.name} WHERE undo_batch = ?",
        [batch_id],
    )
    con.execute(f"DELETE FROM undo_{kind.name} WHERE undo_batch = ?", [batch_id])
    return removed


WITHIN_UNIT_SQL = """($prefix = '' OR (len(centre_codes) > 0
    AND len(list_filter(centre_codes, lambda code: NOT starts_with(code, $prefix))) = 0))"""


def list_batches(con: duckdb.DuckDBPyConnection, limit: int = 200, unit_prefix: str = "") -> list[dict[str, object]]:
    """The newest batches; with `unit_prefix`, only those that wrote nothing but that unit's centres
    (kept with the batch, so an undone batch stays in its own unit's history and no other)."""
    cursor = con.execute(
        "SELECT batch_id, file_name, sha256, loaded_at, loaded_by, status, counts, undone_at, undone_by, centre_codes"
        f" FROM batches WHERE {WITHIN_UNIT_SQL} ORDER BY batch_id DESC LIMIT $limit",
        {"prefix": unit_prefix, "limit": limit},
    )
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def remove_sample(con: duckdb.DuckDBPyConnection, who: str | Actor) -> dict[str, int]:
    """Remove every row of the sample, in one transaction, so real data can come in; admins only.
    Returns the rows removed per kind (nothing when there is no sample)."""
    actor = as_actor(who)
    require_admin(actor, "การลบข้อมูลตัวอย่าง", "remove the sample data")
    with Transaction(con) as transaction:
        batches = [row[0] for row in con.execute(
            "SELECT batch_id FROM batches WHERE source = 'sample' AND status = 'active'").fetchall()]
        if not batches:
            return {}
        removed = {}
        for kind in KINDS:
            removed[kind.name] = con.execute(
                f"DELETE FROM {kind.name} WHERE list_contains($batches, batch_id)", {"batches": batches}
            ).fetchone()[0]
            con.execute(f"DELETE FROM undo_{kind.name} WHERE list_contains($batches, undo_batch)", {"batches": batches})
        refresh(con)
        con.execute(
            "UPDATE batches SET status = 'undone', undone_at = $now, undone_by = $who"
            " WHERE list_contains($batches, batch_id)",
            {"now": dt.datetime.now(), "who": actor.username, "batches": batches},
        )
        log_action(con, actor, "remove_sample", f"batches={len(batches)} rows removed: {sum(removed.values())}")
        transaction.keep = True
    return removed

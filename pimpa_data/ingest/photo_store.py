"""Adding a photo (one batch of its own, source `photo`) and erasing files no row refers to.

The cleaned image is written first, under its SHA-256, then the row is committed under the
write lock; if the commit fails the file is an orphan that `purge` erases. Undo of a photo's
batch removes its row (undo.py); the file goes at the next purge.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import dataclass
from hashlib import sha256
from pathlib import Path

import duckdb

from ..core.dates import fiscal_year
from ..core.db import log_action
from ..core.errors import PimpaError
from ..core.roles import Actor, Refused, require_admin, require_upload, require_within
from ..core.signoffs import signed_off
from ..core.snapshot_layout import refuse_on_rollup
from ..core.summaries import refresh
from ..core.writes import write_transaction
from .images import clean_photo
from .photos import KINDS, photo_file, photos_dir
from .sample_guard import sample_present, sample_problem

MAX_CAPTION = 300


@dataclass(frozen=True)
class Photo:
    """What a photo is of: a course (activity), or one follow-up of a graduate (evidence)."""

    kind: str
    centre_code: str
    course_code: str
    caption: str = ""
    consent: bool = False  # the people in it agreed (or no one can be recognised)
    learner_id: str | None = None  # the stored, keyed ID (evidence)
    followup_date: dt.date | None = None


@dataclass(frozen=True)
class PhotoSaved:
    status: str  # 'added', or 'unchanged' when this photo is already there
    photo_id: str
    batch_id: int | None


def add_photo(con: duckdb.DuckDBPyConnection, who: Actor, path: Path, name: str, photo: Photo) -> PhotoSaved:
    require_upload(who)
    require_within(who, photo.centre_code)
    refuse_on_rollup(con)
    if sample_present(con):  # a photo of a sample course would be lost with the sample
        problem = sample_problem(name)
        raise PimpaError(problem.th, problem.en)
    _check(con, photo)
    cleaned = clean_photo(path, name)
    photo_id = sha256(cleaned.jpeg).hexdigest()
    with write_transaction(con):  # files written under the lock too: `purge` never sees them half-saved
        _refuse_locked(con, photo)
        if _already_there(con, photo_id, photo):
            return PhotoSaved("unchanged", photo_id, None)
        _write_file(photo_file(con, photo_id), cleaned.jpeg)
        _write_file(photo_file(con, photo_id, thumb=True), cleaned.thumb)
        batch_id = con.execute("SELECT coalesce(max(batch_id), 0) + 1 FROM batches").fetchone()[0]
        con.execute(
            """INSERT INTO batches (batch_id, file_name, sha256, loaded_at, loaded_by, status, counts, source,
                                    centre_codes) VALUES (?, ?, ?, ?, ?, 'active', ?, 'photo', [?])""",
            [batch_id, name[:200], photo_id, dt.datetime.now(), who.username,
             json.dumps({"photos": {"inserted": 1}}), photo.centre_code],
        )
        con.execute(
            "INSERT INTO photos VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [photo_id, photo.kind, photo.centre_code, photo.course_code, photo.learner_id, photo.followup_date,
             photo.caption.strip() or None, photo.consent, cleaned.width, cleaned.height, batch_id, who.username,
             dt.datetime.now()],
        )
        if photo.kind == "evidence":  # evidence of 1.3 may be a photo: the summary says so
            _refresh_course(con, photo)
        log_action(con, who, "add_photo", f"batch={batch_id} {photo.kind} centre={photo.centre_code}"
                   f" course={photo.course_code} photo={photo_id[:12]}")
    return PhotoSaved("added", photo_id, batch_id)


def _check(con: duckdb.DuckDBPyConnection, photo: Photo) -> None:
    if photo.kind not in KINDS:
        raise PimpaError(f"ไม่รู้จักชนิดภาพ '{photo.kind}'", f"unknown photo kind '{photo.kind}'")
    if not photo.consent:
        raise PimpaError(
            "ให้ยืนยันก่อนว่าบุคคลในภาพยินยอมให้ใช้ภาพ (หรือในภาพไม่มีบุคคลที่ระบุตัวได้)",
            "first confirm that the people in the photo agreed to its use (or that no one can be recognised)",
        )
    if len(photo.caption) > MAX_CAPTION:
        raise PimpaError(f"คำบรรยายภาพยาวเกิน {MAX_CAPTION} ตัวอักษร", f"the caption is over {MAX_CAPTION} characters")
    if not _course_end(con, photo):
        raise PimpaError(f"ไม่พบหลักสูตร {photo.course_code} ของ {photo.centre_code}",
                         f"there is no course {photo.course_code} at {photo.centre_code}")
    if photo.kind == "evidence" and not con.execute(
        "SELECT count(*) FROM follow_ups WHERE centre_code = ? AND course_code = ? AND learner_id = ?"
        " AND followup_date = ?", [photo.centre_code, photo.course_code, photo.learner_id, photo.followup_date],
    ).fetchone()[0]:
        raise PimpaError("ภาพหลักฐานต้องเป็นของการติดตามที่บันทึกไว้แล้ว (ผู้จบหลักสูตรและวันที่ติดตาม)",
                         "an evidence photo belongs to a recorded follow-up (a graduate and a follow-up date)")


def _course_end(con: duckdb.DuckDBPyConnection, photo: Photo) -> dt.date | None:
    row = con.execute("SELECT end_date FROM courses WHERE centre_code = ? AND course_code = ?",
                      [photo.centre_code, photo.course_code]).fetchone()
    return row[0] if row else None


def _refuse_locked(con: duckdb.DuckDBPyConnection, photo: Photo) -> None:
    year = fiscal_year(_course_end(con, photo))
    lock = signed_off(con, photo.centre_code, year)
    if lock:
        th, en = lock.says()
        raise Refused(f"ปีงบประมาณ {year} ของ {photo.centre_code} {th} จึงเพิ่มภาพไม่ได้ ให้ผู้อำนวยการเปิดให้แก้ไขก่อน",
                      f"fiscal year {year} of {photo.centre_code} was {en}; ask the director to reopen it first")


def _already_there(con: duckdb.DuckDBPyConnection, photo_id: str, photo: Photo) -> bool:
    return bool(con.execute(
        """SELECT count(*) FROM photos WHERE photo_id = ? AND centre_code = ? AND course_code = ?
           AND learner_id IS NOT DISTINCT FROM ? AND followup_date IS NOT DISTINCT FROM ?""",
        [photo_id, photo.centre_code, photo.course_code, photo.learner_id, photo.followup_date],
    ).fetchone()[0])


def _refresh_course(con: duckdb.DuckDBPyConnection, photo: Photo) -> None:
    con.execute("CREATE OR REPLACE TEMP TABLE photo_course AS SELECT ? AS centre_code, ? AS course_code",
                [photo.centre_code, photo.course_code])
    refresh(con, "photo_course")


def _write_file(path: Path, content: bytes) -> None:
    """Owner-only, written whole or not at all (a reader never sees half a photo)."""
    if path.exists():
        return
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    partial = path.with_suffix(f".{os.getpid()}.part")
    with open(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb") as out:
        out.write(content)
    os.replace(partial, path)


@dataclass(frozen=True)
class Purged:
    files: int
    bytes: int


def purge(con: duckdb.DuckDBPyConnection, who: Actor) -> Purged:
    """Erase every photo file (and thumbnail, and half-written file) no row of `photos` refers to:
    a photo uploaded by mistake is gone for good once its upload is undone and this has run."""
    require_admin(who, "การลบไฟล์ภาพที่ไม่ใช้แล้ว", "erase unused photo files")
    folder = photos_dir(con)
    with write_transaction(con):  # no photo is added between the listing and the erasing
        kept = {row[0] for row in con.execute("SELECT DISTINCT photo_id FROM photos").fetchall()}
        files = [f for f in folder.glob("*/*") if f.is_file() and f.name[:64] not in kept] if folder.exists() else []
        size = sum(f.stat().st_size for f in files)
        for file in files:
            file.unlink()
        log_action(con, who, "purge_photos", f"files={len(files)} bytes={size}")
    return Purged(len(files), size)

"""Photos: activity photos of a course (ภาพกิจกรรม) and evidence photos of a follow-up
(หลักฐาน/ร่องรอย, the evidence of 1.3).

An image is decoded and cleaned in the bounded reader's worker (images.py: rotated upright,
long side ≤ 1,600 px, metadata and location removed, re-encoded as JPEG, with a thumbnail),
then stored as a file named by its content's SHA-256 in a folder beside the database, and a row
in `photos` says whose it is. The file is written before the row is committed; a file no
active row refers to (an undone upload, a failed save) stays until `purge` erases it.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd

from ..core.dates import fiscal_year_sql
from ..core.errors import PimpaError
from ..core.units import unit_prefix

KINDS = {"activity": ("ภาพกิจกรรม", "Activity photo"), "evidence": ("หลักฐาน/ร่องรอย", "Evidence photo")}
PHOTO_COLUMNS = (
    "photo_id", "kind", "centre_code", "course_code", "course_name", "learner_id", "followup_date", "caption",
    "width", "height", "added_by", "added_at", "batch_id",
)
_LISTING = f"""
SELECT p.photo_id, p.kind, p.centre_code, p.course_code, c.course_name, p.learner_id, p.followup_date,
       p.caption, p.width, p.height, p.added_by, p.added_at, p.batch_id
FROM photos p JOIN courses c ON c.centre_code = p.centre_code AND c.course_code = p.course_code
WHERE starts_with(p.centre_code, $prefix)
  AND ($fiscal_year IS NULL OR {fiscal_year_sql('c.end_date')} = $fiscal_year)
  AND ($kind IS NULL OR p.kind = $kind)
  AND ($course_code IS NULL OR p.course_code = $course_code)
  AND ($learner_id IS NULL OR p.learner_id = $learner_id)
ORDER BY p.centre_code, c.end_date, p.course_code, p.added_at, p.photo_id"""


def photos_dir(con: duckdb.DuckDBPyConnection) -> Path:
    """The folder of the database's photos: `<name>-photos` beside the database file."""
    found = con.execute("SELECT path FROM duckdb_databases() WHERE database_name = current_database()").fetchone()
    if not found or not found[0]:
        raise PimpaError("ฐานข้อมูลในหน่วยความจำเก็บภาพไม่ได้", "an in-memory database cannot keep photos")
    database = Path(found[0])
    return database.with_name(f"{database.stem}-photos")


def photo_file(con: duckdb.DuckDBPyConnection, photo_id: str, thumb: bool = False) -> Path:
    """The JPEG file of a photo (or of its thumbnail), in a subfolder by its first two hex digits."""
    if len(photo_id) != 64 or any(ch not in "0123456789abcdef" for ch in photo_id):
        raise PimpaError("รหัสภาพไม่ถูกต้อง", "not a photo id")
    return photos_dir(con) / photo_id[:2] / f"{photo_id}{'-thumb' if thumb else ''}.jpg"


def listing(
    con: duckdb.DuckDBPyConnection, unit_code: str, fiscal_year: int | None = None, kind: str | None = None,
    course_code: str | None = None, learner_id: str | None = None,
) -> pd.DataFrame:
    """The photos of a unit's courses (ending in `fiscal_year` when given), oldest first, with
    the columns of PHOTO_COLUMNS. `learner_id` is the stored (keyed) ID of an evidence photo."""
    if kind is not None and kind not in KINDS:
        raise PimpaError(f"ไม่รู้จักชนิดภาพ '{kind}'", f"unknown photo kind '{kind}'")
    params = {"prefix": unit_prefix(unit_code), "fiscal_year": fiscal_year, "kind": kind,
              "course_code": course_code, "learner_id": learner_id}
    return con.execute(_LISTING, params).df()

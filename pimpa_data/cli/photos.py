"""`python -m pimpa_data photos list|purge`: the photos kept beside the database."""

from __future__ import annotations

import argparse
import datetime as dt
import json

import duckdb
import pandas as pd

from ..core.dates import format_date_be
from ..ingest.photo_store import purge
from ..ingest.photos import listing, photo_file, photos_dir


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    command = subparsers.add_parser("photos", help="list the photos, or erase files no row refers to")
    actions = command.add_subparsers(dest="photos_action", required=True, metavar="ACTION")
    shown = actions.add_parser("list", help="the photos of a unit (and fiscal year)")
    shown.add_argument("--unit", default="TH", metavar="CODE", help="TH, a province, district or centre code")
    shown.add_argument("--fiscal-year", type=int, default=None, metavar="YEAR", help="BE, by the course's end")
    shown.add_argument("--format", choices=("text", "json"), default="text")
    shown.set_defaults(func=run_list)
    erase = actions.add_parser("purge", help="erase photo files that no photo row refers to (undone uploads)")
    erase.set_defaults(func=run_purge)


def run_list(args: argparse.Namespace, con: duckdb.DuckDBPyConnection) -> int:
    rows = [_plain(con, record) for record in listing(con, args.unit, args.fiscal_year).to_dict("records")]
    if args.format == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    if not rows:
        print("ไม่มีภาพ / no photos")
    for row in rows:
        day = f" {format_date_be(dt.date.fromisoformat(row['followup_date']))}" if row["followup_date"] else ""
        print(f"{row['photo_id'][:12]}  {row['kind']:<8} {row['centre_code']} {row['course_code']}{day}"
              f"  {row['width']}×{row['height']}  batch {row['batch_id']}  {row['caption']}")
    return 0


def _plain(con: duckdb.DuckDBPyConnection, record: dict) -> dict:
    """A photo row as JSON values: blanks as null or '', never NaN."""
    day = record["followup_date"]
    return {
        "photo_id": record["photo_id"], "kind": record["kind"], "centre_code": record["centre_code"],
        "course_code": record["course_code"],
        "followup_date": day.isoformat() if isinstance(day, dt.date) and not pd.isna(day) else None,
        "caption": record["caption"] if isinstance(record["caption"], str) else "",
        "width": int(record["width"]), "height": int(record["height"]), "batch_id": int(record["batch_id"]),
        "file": str(photo_file(con, record["photo_id"])),
    }


def run_purge(args: argparse.Namespace, con: duckdb.DuckDBPyConnection) -> int:
    erased = purge(con, args.actor)
    print(f"ลบไฟล์ภาพที่ไม่มีแถวใดอ้างถึงแล้ว {erased.files:,} ไฟล์ ({erased.bytes / 2**20:,.1f} MB) ใน {photos_dir(con)}"
          f" / erased {erased.files:,} unreferenced photo files ({erased.bytes / 2**20:,.1f} MB)")
    return 0

"""`python -m pimpa_data snapshot` and `rollup`: share a server's records without names, and
build a provincial or national roll-up from many servers' snapshots."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import duckdb

from ..export.rollup import build_rollup
from ..export.snapshot import take_snapshot


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    snapshot = subparsers.add_parser(
        "snapshot", help="write the records as partitioned Parquet without names or ID digits (changed parts only)",
        description="ส่งออกข้อมูลเป็น Parquet แบ่งตามจังหวัด อำเภอ และปีงบประมาณ ไม่มีชื่อและเลขประจำตัว"
                    " / write the records as Parquet partitioned by province, district and fiscal year,"
                    " without names or ID numbers",
    )
    snapshot.add_argument("--out", type=Path, required=True, metavar="DIR", help="this server's snapshot folder")
    snapshot.add_argument("--fiscal-year", type=int, default=None, metavar="YEAR",
                          help="only this fiscal year's partitions (BE, e.g. 2568); the others stay as they are")
    snapshot.add_argument("--format", choices=("text", "json"), default="text")
    snapshot.set_defaults(func=run_snapshot)
    rollup = subparsers.add_parser(
        "rollup", help="build or refresh a read-only roll-up database from many snapshot folders",
        description="รวม snapshot ของหลายอำเภอเป็นฐานข้อมูลรวม (อ่านอย่างเดียว) / build a read-only roll-up"
                    " database from many districts' snapshots",
    )
    rollup.add_argument("files", nargs="+", type=Path, metavar="DIR", help="snapshot folders")
    rollup.add_argument("--db", type=Path, default=argparse.SUPPRESS, metavar="FILE",
                        help="the roll-up file to build or replace (default: the global --db or $PIMPA_DB)")
    rollup.add_argument("--format", choices=("text", "json"), default="text")
    rollup.set_defaults(func=run_rollup, check_paths=lambda args: args.files)


def run_snapshot(args: argparse.Namespace, con: duckdb.DuckDBPyConnection) -> int:
    report = take_snapshot(con, args.out, args.fiscal_year, args.actor)
    if args.format == "json":
        print(json.dumps({"folder": str(report.folder), "instance": report.instance, "sequence": report.sequence,
                          "written": report.written, "removed": report.removed, "unchanged": report.unchanged,
                          "rows": report.rows}, ensure_ascii=False, indent=2))
    else:
        print(" / ".join(report.says()))
    return 0


def run_rollup(args: argparse.Namespace, con: duckdb.DuckDBPyConnection) -> int:
    """The roll-up replaces the file `con` has open (locally, or the dashboard's own)."""
    target = Path(con.execute(
        "SELECT path FROM duckdb_databases() WHERE database_name = current_database()").fetchone()[0])
    report = build_rollup(args.files, target, current=con, who=args.actor.username)
    if args.format == "json":
        print(json.dumps({"db": str(report.path), "districts": report.districts, "rows": report.rows,
                          "conflicts": [c.__dict__ for c in report.conflicts]}, ensure_ascii=False, indent=2))
        return 0
    print(" / ".join(report.says()))
    for conflict in report.conflicts:
        print(f"  ! {conflict.district}: {conflict.th}\n      {conflict.en}")
    return 0

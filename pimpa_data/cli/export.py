"""`python -m pimpa_data export KIND`: one kind's rows of a fiscal year as a safe CSV or XLSX."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

import duckdb

from ..core.units import COUNTRY
from ..export.records import EXPORT_KINDS, export_frame
from ..export.safe import to_csv_bytes, to_xlsx_bytes


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    command = subparsers.add_parser(
        "export", help="one kind's rows of a fiscal year as CSV or XLSX, without names or ID digits",
        description="ส่งออกข้อมูลหนึ่งชนิดของปีงบประมาณ ไม่มีชื่อและเลขประจำตัว / export one kind of a fiscal"
                    " year, without names or ID numbers",
    )
    command.add_argument("kind", choices=EXPORT_KINDS, metavar="KIND", help=", ".join(EXPORT_KINDS))
    command.add_argument("--fiscal-year", type=int, required=True, metavar="YEAR",
                         help="fiscal year in the Buddhist Era, e.g. 2567")
    command.add_argument("--unit", default=COUNTRY, metavar="CODE",
                         help="only rows within this unit: TH, a province, district or centre code")
    command.add_argument("--format", choices=("csv", "xlsx"), default=None,
                         help="default: from the --out file's suffix")
    command.add_argument("--out", type=Path, required=True, metavar="FILE")
    command.add_argument("--with-names", action="store_true",
                         help="include learners' names and ID endings (logged in the audit log)")
    command.set_defaults(func=run_export, output_paths=lambda args: [args.out])


def run_export(args: argparse.Namespace, con: duckdb.DuckDBPyConnection) -> int:
    frame = export_frame(con, args.kind, args.fiscal_year, args.unit, args.actor if args.with_names else None)
    as_xlsx = (args.format or args.out.suffix.lstrip(".").lower()) == "xlsx"
    data = to_xlsx_bytes(frame, args.kind) if as_xlsx else to_csv_bytes(frame)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    if args.with_names:
        _write_private(args.out, data)
    else:
        args.out.write_bytes(data)
    print(f"{args.kind}: {len(frame):,} แถว / rows → {args.out}")
    return 0


def _write_private(path: Path, data: bytes) -> None:
    """A file of names is its owner's alone from its first byte, as the database itself."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(descriptor, 0o600)  # an existing file keeps its old mode otherwise
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(data)

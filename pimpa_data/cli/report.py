"""`python -m pimpa_data report`: a unit's Best Practice report or SAR standard 1, as DOCX or PDF."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

import duckdb

from ..report import FORMATS, KINDS, build_report


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    command = subparsers.add_parser(
        "report", help="a unit's Best Practice report or SAR standard 1, as DOCX or PDF",
        description="รายงาน Best Practice หรือ SAR มาตรฐานที่ 1 ของหน่วย เป็นไฟล์ DOCX หรือ PDF"
                    " / a unit's Best Practice report or SAR standard 1 as DOCX or PDF",
    )
    command.add_argument("--unit", required=True, metavar="CODE",
                         help="a centre (6 digits) or, for the SAR, a district (4 digits)")
    command.add_argument("--fiscal-year", type=int, required=True, metavar="YEAR",
                         help="fiscal year in the Buddhist Era, e.g. 2569")
    command.add_argument("--kind", choices=tuple(KINDS), required=True)
    command.add_argument("--format", choices=tuple(FORMATS), default=None,
                         help="default: from the --out file's suffix")
    command.add_argument("--out", type=Path, required=True, metavar="FILE")
    command.add_argument("--without-names", action="store_true",
                         help="masked ID numbers instead of learners' names, and no evidence photos")
    command.add_argument("--thai-digits", action="store_true", help="print numbers with Thai digits (๐–๙)")
    command.set_defaults(func=run_report)


def run_report(args: argparse.Namespace, con: duckdb.DuckDBPyConnection) -> int:
    fmt = args.format or args.out.suffix.lstrip(".").lower()
    built = build_report(con, args.actor, args.unit, args.fiscal_year, args.kind, fmt,
                         show_names=False if args.without_names else None, thai_digits=args.thai_digits)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    _write(args.out, built.data, private=built.with_names)
    names = "มีชื่อผู้เรียน / with names" if built.with_names else "ไม่มีชื่อผู้เรียน / without names"
    print(f"{KINDS[args.kind][0]} → {args.out} ({len(built.data):,} ไบต์ / bytes; {names})")
    return 0


def _write(path: Path, data: bytes, private: bool) -> None:
    """A file with learners' names is readable by its owner only, from its first byte."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600 if private else 0o644)
    if private:
        os.fchmod(descriptor, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(data)

"""`python -m pimpa_data indicators`: quality standard 1 per unit, as a table, CSV or JSON."""

from __future__ import annotations

import argparse
import csv
import json
import sys
import unicodedata
from decimal import Decimal

import duckdb
import pandas as pd

from ..core.units import LEVEL_NAMES
from ..measures.indicators import COUNTS, rounded_pct, sar_table

CSV_FIELDS = (
    "fiscal_year", "unit_code", "unit_name", "indicator", "numerator", "denominator",
    "value_pct", "target_pct", "quality_level",
)
TEXT_HEADERS = (
    ("ปีงบ", "FY"), ("รหัส", "Code"), ("หน่วย", "Unit"), ("ตัวบ่งชี้", "Indicator"),
    ("ผลงาน", "Numerator"), ("ฐาน", "Denominator"), ("ร้อยละ", "%"), ("เป้าหมาย", "Target"),
    ("ระดับคุณภาพ", "Quality level"),
)
RIGHT_ALIGNED = {"numerator", "denominator", "value_pct", "target_pct"}


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    command = subparsers.add_parser(
        "indicators", help="indicators 1.1–1.3 per unit with targets and quality levels",
        description="ตัวบ่งชี้ 1.1–1.3 ของแต่ละหน่วย / indicators 1.1–1.3 for each unit",
    )
    command.add_argument("--fiscal-year", type=int, required=True, metavar="YEAR",
                         help="fiscal year in the Buddhist Era, e.g. 2567")
    command.add_argument("--level", choices=LEVEL_NAMES, default="centre",
                         help="one row per unit of this level (default: centre)")
    command.add_argument("--unit", default=None, metavar="CODE",
                         help="only units within this one: TH, a province, district or centre code")
    command.add_argument("--format", choices=("text", "csv", "json"), default="text")
    command.set_defaults(func=run_indicators)


def run_indicators(args: argparse.Namespace, con: duckdb.DuckDBPyConnection) -> int:
    table = sar_table(con, args.fiscal_year, args.level, args.unit)
    rows = [_row(record) for record in table.to_dict("records")]
    writers = {"csv": _write_csv, "json": _write_json, "text": _write_text}
    writers[args.format](rows)
    return 0


def _row(record: dict) -> dict:
    """A SAR row as the CLI shows it: the CSV fields, then the counts."""
    value = rounded_pct(record["numerator"], record["denominator"])
    coverage = rounded_pct(record["followed_up"], record["graduates"])
    return {
        "fiscal_year": record["fiscal_year"], "unit_code": record["unit_code"],
        "unit_name": record["name_th"], "indicator": record["indicator"],
        "numerator": record["numerator"], "denominator": record["denominator"],
        "value_pct": value, "target_pct": record["target_pct"],
        "quality_level": record["quality_level_th"], "quality_level_en": record["quality_level_en"],
        **{count.name: record[count.name] for count in COUNTS}, "coverage_pct": coverage,
    }


def _cell(value: object) -> str:
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)


def _write_csv(rows: list[dict]) -> None:
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(CSV_FIELDS)
    writer.writerows([[_cell(row[field]) for field in CSV_FIELDS] for row in rows])


def _write_json(rows: list[dict]) -> None:
    def plain(value: object) -> object:
        return float(value) if isinstance(value, Decimal) else value

    records = [{key: plain(value) for key, value in row.items()} for row in rows]
    print(json.dumps(records, ensure_ascii=False, indent=2))


def display_width(text: str) -> int:
    """Columns a terminal gives the text: Thai vowel and tone marks above or below take none."""
    return sum(0 if unicodedata.category(ch) in ("Mn", "Me", "Cf") else 1 for ch in text)


def _pad(text: str, width: int, right: bool) -> str:
    space = " " * (width - display_width(text))
    return space + text if right else text + space


def _write_text(rows: list[dict]) -> None:
    table = [[f"{th} {en}" for th, en in TEXT_HEADERS]]
    table += [[_cell(row[field]) for field in CSV_FIELDS] for row in rows]
    widths = [max(display_width(line[i]) for line in table) for i in range(len(CSV_FIELDS))]
    for number, line in enumerate(table):
        right = [number > 0 and field in RIGHT_ALIGNED for field in CSV_FIELDS]
        cells = [_pad(text, widths[i], right[i]) for i, text in enumerate(line)]
        print("  ".join(cells).rstrip())
        if number == 0:
            print("  ".join("-" * width for width in widths))
    if not rows:
        print("ไม่มีข้อมูล / no data")

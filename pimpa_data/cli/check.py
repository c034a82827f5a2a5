"""`python -m pimpa_data check`: what arrived, and the data quality findings, as text or JSON.

Exit code 0 whether or not there are findings (they are things to look at, not failures).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
from decimal import Decimal

import duckdb
import pandas as pd

from ..core.dates import THAI_MONTHS
from ..core.units import COUNTRY
from ..measures.checks import ARRIVALS, CHECKS, SECTIONS, arrivals_long, check_counts, findings
from .indicators import display_width

SHOWN_PER_CHECK = 5
NONE_ARRIVED = "·"


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    command = subparsers.add_parser(
        "check", help="data quality: what arrived per centre and month, and the rows to check",
        description="ตรวจคุณภาพข้อมูล: ข้อมูลที่ส่งมาแต่ละเดือน และแถวที่ควรตรวจ"
                    " / data quality: what arrived each month, and the rows to check",
    )
    command.add_argument("--fiscal-year", type=int, required=True, metavar="YEAR",
                         help="fiscal year in the Buddhist Era, e.g. 2567")
    command.add_argument("--unit", default=COUNTRY, metavar="CODE",
                         help="only centres within this unit: TH (default), a province, district or centre code")
    command.add_argument("--format", choices=("text", "json"), default="text")
    command.add_argument("--today", type=dt.date.fromisoformat, default=None, metavar="YYYY-MM-DD",
                         help="judge 'ended' and 'overdue' as of this day (default: today)")
    command.add_argument("--limit", type=int, default=SHOWN_PER_CHECK, metavar="N",
                         help=f"text: rows shown per check (default: {SHOWN_PER_CHECK}); JSON has them all")
    command.set_defaults(func=run_check)


def run_check(args: argparse.Namespace, con: duckdb.DuckDBPyConnection) -> int:
    arrived = arrivals_long(con, args.fiscal_year, args.unit)
    found = findings(con, args.fiscal_year, args.unit, args.today)
    if args.format == "json":
        print(json.dumps(_document(args, arrived, found), ensure_ascii=False, indent=2))
    else:
        print(f"ตรวจคุณภาพข้อมูล ปีงบประมาณ {args.fiscal_year} หน่วย {args.unit}"
              f" / data quality check, fiscal year {args.fiscal_year}, unit {args.unit}\n")
        print("\n".join(_grid_lines(arrived)))
        print()
        print("\n".join(_finding_lines(found, args.limit)))
    return 0


# ---------------------------------------------------------------- JSON

def _plain(value: object) -> object:
    """A value JSON holds as it is: Decimal → number, date → ISO text, NaN → null."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item"):  # numpy scalars
        return _plain(value.item())
    return value


def _records(frame: pd.DataFrame) -> list[dict]:
    return [{key: _plain(value) for key, value in row.items()} for row in frame.to_dict("records")]


def _document(args: argparse.Namespace, arrived: pd.DataFrame, found: pd.DataFrame) -> dict:
    """The JSON document: arrivals one object per centre and month, with a count per kind."""
    rows = _records(_per_month(arrived)) if len(arrived) else []
    for row in rows:
        row["month"] = row["month"][:7]
    counts = check_counts(found).set_index("check")["findings"]
    checks = [{"code": c.code, "section": c.section, "th": c.th, "en": c.en, "rule_th": c.rule_th,
               "rule_en": c.rule_en, "findings": int(counts[c.code])} for c in CHECKS]
    return {"fiscal_year": args.fiscal_year, "unit": args.unit, "arrivals": rows, "checks": checks,
            "findings": _records(found)}


def _per_month(arrived: pd.DataFrame) -> pd.DataFrame:
    """One row per centre and month with a column per kind. Keyed on the code alone: names repeat
    (28 centres are called กศน.ตำบลหนองบัว), and a pivot over both would pair every code with every name."""
    wide = arrived.pivot(index=["centre_code", "month"], columns="kind", values="records")
    wide = wide.reindex(columns=[a.kind for a in ARRIVALS]).reset_index().rename_axis(columns=None)
    names = arrived.drop_duplicates("centre_code").set_index("centre_code")["centre_name"]
    wide.insert(1, "centre_name", wide["centre_code"].map(names))
    return wide


# ---------------------------------------------------------------- text

def _pad(text: str, width: int) -> str:
    return text + " " * (width - display_width(text))


def _grid_lines(arrived: pd.DataFrame) -> list[str]:
    """One line per centre; per month a cell of letters, one per kind that has records."""
    legend = " · ".join(f"{a.letter} = {a.th} {a.en}" for a in ARRIVALS)
    lines = ["ข้อมูลที่ส่งมา ตามเดือนที่ข้อมูลนั้นเป็นของ / what arrived, by the month the records are about",
             f"{legend} · {NONE_ARRIVED} = ไม่มี none"]
    if arrived.empty:
        return [*lines, "ไม่มีศูนย์ในหน่วยนี้ / no centres in this unit"]
    months = sorted(arrived["month"].unique())
    names = arrived.drop_duplicates("centre_code")
    labels = [f"{code} {name or ''}" for code, name in zip(names["centre_code"], names["centre_name"])]
    width = max(display_width(label) for label in [*labels, "กศน.ตำบล Centre"])
    cell = max(len(ARRIVALS), *(display_width(THAI_MONTHS[m.month][1]) for m in months))
    lines.append(_pad("กศน.ตำบล Centre", width) + "  " + " ".join(_pad(THAI_MONTHS[m.month][1], cell) for m in months))
    lines.append((" " * width + "  " + " ".join(_pad(f"{m:%b}", cell) for m in months)).rstrip())
    present = arrived.set_index(["centre_code", "month", "kind"])["records"]
    for code, label in zip(names["centre_code"], labels):
        cells = ["".join(a.letter if present[(code, m, a.kind)] else NONE_ARRIVED for a in ARRIVALS) for m in months]
        lines.append((_pad(label, width) + "  " + " ".join(_pad(text, cell) for text in cells)).rstrip())
    return lines


def _where(row: dict) -> str:
    if row["source"] == "file":
        return f"{row['file_name']} · ชีต/sheet {row['source_sheet']} · แถว/row {row['source_row']}"
    return f"{row['where_th']} / {row['where_en']}"


def _finding_lines(found: pd.DataFrame, limit: int) -> list[str]:
    lines = ["ผลการตรวจ / findings"]
    counts = check_counts(found)
    for section, (th, en) in SECTIONS.items():
        lines.append(f"\n[{th} / {en}]")
        for count in counts[counts["section"] == section].to_dict("records"):
            mark = "✓" if count["findings"] == 0 else "!"
            label = f"{count['check_th']} / {count['check_en']} ({count['check']})"
            lines.append(f"  {mark} {label}: {count['findings']:,}")
            rows = found[found["check"] == count["check"]].head(max(limit, 0)).to_dict("records")
            for row in rows:
                who = " ".join(filter(None, (row["centre_code"], row["course_code"], row["learner_id_masked"])))
                lines.append(f"      {who}: {row['detail_th']} / {row['detail_en']}")
                lines.append(f"        ↳ {_where(row)}")
            if count["findings"] > len(rows):
                more = count["findings"] - len(rows)
                lines.append(f"      … อีก {more:,} รายการ / {more:,} more (--format json lists every one)")
    return lines

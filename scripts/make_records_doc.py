"""Write docs/records.md from pimpa_data/core/kinds.py: one table per record kind.

    python scripts/make_records_doc.py          # rewrite docs/records.md
    python scripts/make_records_doc.py --check  # exit 1 when docs/records.md is out of date

tests/test_records_doc.py runs the check, so a change to kinds.py without the document fails.
"""

from __future__ import annotations

import argparse
import sys
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pimpa_data.core.kinds import KINDS, Column, RecordKind  # noqa: E402
from pimpa_data.core.normalise import word_key  # noqa: E402

DOC = ROOT / "docs" / "records.md"

TYPES = {  # how each column type reads a cell, for people
    "text": "text",
    "code": "code (upper case, Thai digits read)",
    "centre": "centre: 6-digit subdistrict code or centre name",
    "learner_id": "ID number: 13-digit Thai ID (check digit verified) or passport-style; stored as a salted hash",
    "choice": "one of a list",
    "choices": "one or more of a list, separated by , / ; or และ",
    "result": "result: ผ่าน / ไม่ผ่าน, blank while pending",
    "sex": "ชาย / หญิง",
    "int": "whole number",
    "decimal": "number, up to 2 decimals",
    "money": "baht, up to 2 decimals",
    "date": "date (BE or CE, text or date cell)",
    "month": "month (stored as its first day)",
    "yes_no": "yes/no (ใช่ / ไม่ใช่, นำไปใช้ / ไม่ได้นำไปใช้, ✓)",
}

INTRODUCTION = """\
# Record kinds and their columns

Generated from `pimpa_data/core/kinds.py` by `python scripts/make_records_doc.py`; do not edit by
hand (a test fails when this file and `kinds.py` disagree).

Pimpa takes five kinds of records. A sheet's kind is recognised from its header row (the row
among the first 30 that names the most columns of one kind, at least two), with the sheet or
file name deciding between kinds that fit equally. Headers match any of the names below without regard
to case, spaces, punctuation or a unit in brackets: `งบประมาณ (บาท)`, `งบประมาณ บาท` and
`งบประมาณ` are the same column. A `ลำดับ` column, blank rows, a trailing `รวม` row and a
signature line are skipped. Columns of no kind are kept aside in the table's `extra` column
(JSON), not rejected; so is anything written under a column with no header. A blank
workbook with these columns, dropdowns and notes: `python -m pimpa_data template` ([cli](cli.md#template)).

*Key* columns identify a row: uploading a row whose key is already stored updates it. The
database enforces each key with a unique index, `<table>_key` (a key part that may be empty,
such as a sale's `learner_id` or `group_name`, is indexed as `''`), so no row is ever stored
twice, whatever sessions save at once. A file may give only some columns of a kind (a key and
the columns to correct); it then updates those columns and leaves the others. A *required*
column may not be left blank, and a new record needs it. Columns marked *read, not stored* help
recognise a sheet or stand in for stored ones (a `ชื่อ-สกุล` column is split into title, first
and last name).
"""

CENTRE_NOTE = (
    "Centres number their courses alike (`01/2567`), so a course is its `centre_code` and its `course_code`."
    " A sheet that names a course by its code alone gets the centre from the course register in the same"
    " file, else from the stored courses (the uploader's own centre first when several use the code); a"
    " code still used by several centres is a problem (`ambiguous_course`) that lists them."
)

NOTES = {  # what a table of columns cannot say
    "attendance": """Attendance also comes in the wide form teachers keep: a learner a row (with `course_code`,
`learner_id`, usually the name), then a column per session date, the dates as date cells or as
text (`6/11/2566`, `6 พ.ย. 66`), on the header row or on the row under a merged `วันที่` cell.
Each cell becomes one row: ✓, ✔, /, 1, มา → present; ขาด, x, 0 or blank → absent; ลา → leave;
other numbers → hours attended (present unless 0). A session of a course is a date on which
any of its learners has a mark, so one sheet may hold several courses.""",
    "enrolments": "`sex` is taken from the title (นาย, นาง, นางสาว…) when the column is blank or missing.",
    "sales": "Sales name a learner (`learner_id`) or an occupational group (`group_name`); a learner must be"
             " enrolled in the course named.",
}


def _number(value: Decimal) -> str:
    return f"{value:,}".rstrip("0").rstrip(".") if "." in str(value) else f"{value:,}"


def allowed(column: Column) -> str:
    if column.choices:
        values = ", ".join(f"{choice.value} ({choice.en})" for choice in column.choices)
        return values + ("; other values kept as written" if not column.strict else "")
    bounds = []
    if column.minimum is not None:
        bounds.append(f"{'>' if column.above_minimum else '≥'} {_number(column.minimum)}")
    if column.maximum is not None:
        bounds.append(f"≤ {_number(column.maximum)}")
    if column.type in ("text", "centre", "code"):
        bounds.append(f"up to {column.max_length:,} characters")
    return ", ".join(bounds)


def variants(column: Column) -> str:
    """Other headers for the column, one per matching key (case, spaces and punctuation do not count)."""
    seen = {word_key(column.name), word_key(column.th)}
    names = []
    for name in (column.en, *column.aliases):
        if word_key(name) not in seen:
            seen.add(word_key(name))
            names.append(name)
    return ", ".join(f"`{name}`" for name in names)


def aliases_of_choices(column: Column) -> list[str]:
    return [
        f"{choice.value}: " + ", ".join(f"`{alias}`" for alias in choice.aliases)
        for choice in column.choices if choice.aliases
    ]


def column_row(kind: RecordKind, column: Column) -> str:
    stored = column.sql_type if column.stored else "read, not stored"
    cells = [
        f"`{column.name}`",
        column.th,
        variants(column),
        f"{TYPES[column.type]} — {stored}",
        "yes" if column.required else "",
        "yes" if column.name in kind.stored_key else "",
        allowed(column),
    ]
    return "| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |"


def kind_section(kind: RecordKind) -> str:
    lines = [
        f"## {kind.th} — {kind.en} (`{kind.name}`)",
        "",
        f"Table `{kind.name}`; key: {' + '.join(f'`{name}`' for name in kind.stored_key)}."
        f" Sheet names recognised: {', '.join(kind.sheet_words)}.",
    ]
    if kind.centre_from_course:
        lines.append(CENTRE_NOTE)
    for group in kind.one_of:
        lines.append(f"A new row needs at least one of {' or '.join(f'`{name}`' for name in group)}.")
    if kind.date_order:
        lines.append(f"`{kind.date_order[1]}` may not be before `{kind.date_order[0]}`.")
    for name, sql in kind.extra_sql:
        source = "its course" if name == "centre_code" else "the columns above"
        lines.append(f"Also stored: `{name}` ({sql}), derived from {source}.")
    if kind.name in NOTES:
        lines += ["", NOTES[kind.name]]
    lines += [
        "",
        "| column | Thai header | also accepted | type — stored as | required | key | allowed values |",
        "|---|---|---|---|---|---|---|",
        *(column_row(kind, column) for column in kind.columns),
    ]
    choice_lines = [line for column in kind.columns for line in aliases_of_choices(column)]
    if choice_lines:
        lines += ["", "Other ways teachers write the allowed values:", ""]
        lines += [f"- {line}" for line in choice_lines]
    return "\n".join(lines)


def render() -> str:
    return "\n\n".join([INTRODUCTION.rstrip(), *(kind_section(kind) for kind in KINDS)]) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if docs/records.md is out of date")
    args = parser.parse_args(argv)
    text = render()
    if args.check:
        current = DOC.read_text(encoding="utf-8") if DOC.exists() else ""
        if current != text:
            print("docs/records.md is out of date; run: python scripts/make_records_doc.py", file=sys.stderr)
            return 1
        return 0
    DOC.parent.mkdir(exist_ok=True)
    DOC.write_text(text, encoding="utf-8")
    print(f"wrote {DOC.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

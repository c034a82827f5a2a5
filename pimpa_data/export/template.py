"""The upload template: one workbook, a sheet per record kind, made from the kinds' declarations.

Every sheet starts with its Thai header row (English and guidance in each header's note, never
in a row under it, which would be read as data). Single-choice columns get a dropdown whose
list sits on a hidden sheet (Excel caps a list typed into the rule at 255 characters); ID,
date and month columns are text, so Excel and LibreOffice keep "15/03/2567" and leading
zeros as typed; the course code offers the workbook's own courses but accepts a new one.
With a centre, its code is filled in (a row with nothing else is not data: ingest/sheets.py).
"""

from __future__ import annotations

import datetime as dt
import io

import xlsxwriter
from xlsxwriter.utility import xl_col_to_name

from ..core.dates import fiscal_year
from ..core.kinds import KINDS, Column, RecordKind
from ..ingest.values import RESULT_WORDS, SEX_WORDS

ROWS = 300  # rows made ready (dropdowns, text format, the centre code); more may be added below
LISTS = "รายการ"
GUIDE = "คำแนะนำ"
TEXT_TYPES = ("learner_id", "date", "month", "code", "centre")
YES_NO = ("ใช่", "ไม่ใช่")
SKIPPED = ("full_name",)  # a full name is read too, but the template asks for its parts
FORMATS = {
    "date": ("วันที่แบบ วัน/เดือน/ปี พ.ศ. เช่น 15/03/2567", "a date as day/month/BE year, e.g. 15/03/2567"),
    "month": ("เดือนแบบ เดือน/ปี พ.ศ. เช่น 03/2567", "a month as month/BE year, e.g. 03/2567"),
    "learner_id": ("เลขประจำตัวประชาชน 13 หลัก", "the 13-digit ID number"),
    "int": ("จำนวนเต็ม", "a whole number"),
    "decimal": ("ตัวเลข", "a number"),
    "money": ("จำนวนเงิน (บาท)", "an amount in baht"),
    "choices": ("เลือกได้หลายค่า คั่นด้วยจุลภาค", "one or more, separated by commas"),
}


def sheet_name(kind: RecordKind) -> str:
    return kind.sheet_words[0]


def template_columns(kind: RecordKind) -> list[Column]:
    return [column for column in kind.columns if column.stored and column.name not in SKIPPED]


def choice_words(column: Column) -> tuple[str, ...]:
    """The values a dropdown offers: the stored Thai words."""
    if column.type == "choice":
        return tuple(choice.value for choice in column.choices)
    if column.type == "yes_no":
        return YES_NO
    if column.type == "result":
        return (RESULT_WORDS["pass"][0], RESULT_WORDS["fail"][0])
    if column.type == "sex":
        return (SEX_WORDS["male"][0], SEX_WORDS["female"][0])
    return ()


def template_bytes(centre_code: str | None = None, year: int | None = None) -> bytes:
    """The workbook as bytes; `centre_code` fills in the centre, `year` (BE) titles the guide."""
    year = year or fiscal_year(dt.date.today())
    output = io.BytesIO()
    book = xlsxwriter.Workbook(output, {"in_memory": True})
    styles = _styles(book)
    _guide(book, styles, centre_code, year)
    lists = book.add_worksheet(LISTS)
    list_ranges = _lists(lists)
    for kind in KINDS:
        _kind_sheet(book, styles, kind, centre_code, list_ranges)
    lists.hide()
    book.close()
    return output.getvalue()


def _styles(book: xlsxwriter.Workbook) -> dict[str, object]:
    return {
        "header": book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True}),
        "required": book.add_format({"bold": True, "bg_color": "#FCE4D6", "border": 1, "text_wrap": True}),
        "text": book.add_format({"num_format": "@"}),
        "title": book.add_format({"bold": True, "font_size": 14}),
        "wrap": book.add_format({"text_wrap": True, "valign": "top"}),
    }


def _lists(sheet) -> dict[str, str]:
    """Each dropdown's values in a column of the hidden sheet; the range each rule refers to."""
    ranges: dict[str, str] = {}
    columns = {
        f"{kind.name}.{column.name}": choice_words(column)
        for kind in KINDS for column in template_columns(kind) if choice_words(column)
    }
    for index, (name, words) in enumerate(columns.items()):
        sheet.write(0, index, name)
        for row, word in enumerate(words, start=1):
            sheet.write_string(row, index, word)
        letter = xl_col_to_name(index)
        ranges[name] = f"='{LISTS}'!${letter}$2:${letter}${len(words) + 1}"
    return ranges


def _kind_sheet(book, styles, kind: RecordKind, centre_code: str | None, lists: dict[str, str]) -> None:
    sheet = book.add_worksheet(sheet_name(kind))
    columns = template_columns(kind)
    for index, column in enumerate(columns):
        sheet.write_string(0, index, column.th, styles["required" if column.required else "header"])
        sheet.write_comment(0, index, _note(column), {"x_scale": 2.2, "y_scale": 1.6})
        sheet.set_column(index, index, max(12, len(column.th) + 4),
                         styles["text"] if column.type in TEXT_TYPES else None)
        _validation(sheet, kind, column, index, lists)
        if column.name == "centre_code" and centre_code:
            for row in range(1, ROWS + 1):
                sheet.write_string(row, index, centre_code, styles["text"])
    sheet.freeze_panes(1, 0)


def _validation(sheet, kind: RecordKind, column: Column, index: int, lists: dict[str, str]) -> None:
    name = f"{kind.name}.{column.name}"
    if name in lists:
        sheet.data_validation(1, index, ROWS, index, {
            "validate": "list", "source": lists[name], "error_type": "warning",
            "error_title": "ค่าไม่อยู่ในรายการ", "error_message": "ค่านี้ไม่อยู่ในรายการ ต้องการใช้ค่านี้หรือไม่",
        })
    elif column.name == "course_code" and kind.name != "courses":
        courses = "'" + sheet_name(KINDS[0]) + "'"
        sheet.data_validation(1, index, ROWS, index, {
            "validate": "list", "source": f"={courses}!$A$2:$A${ROWS + 1}", "show_error": False,
        })


def _note(column: Column) -> str:
    th_format, en_format = FORMATS.get(column.type, ("ข้อความ", "text"))
    need = "ต้องกรอก" if column.required else "ไม่บังคับ"
    lines = [f"{column.th} — {column.en}", f"{need} / {'required' if column.required else 'optional'}",
             f"{th_format} / {en_format}"]
    if column.choices and column.type == "choices":
        lines.append("เลือกจาก / from: " + ", ".join(choice.value for choice in column.choices))
    if column.type == "choice" and not column.strict:
        lines.append("พิมพ์ค่าอื่นได้ / other values allowed")
    return "\n".join(lines)


def _guide(book, styles, centre_code: str | None, year: int) -> None:
    sheet = book.add_worksheet(GUIDE)
    sheet.set_column(0, 0, 100, styles["wrap"])
    where = f" ของ กศน.ตำบลรหัส {centre_code}" if centre_code else ""
    lines = [
        (f"แบบฟอร์มนำเข้าข้อมูล Pimpa{where} ปีงบประมาณ {year}", styles["title"]),
        ("กรอกแต่ละชีตใต้แถวหัวตาราง หนึ่งแถวต่อหนึ่งรายการ ไม่ต้องกรอกทุกชีต ชีตที่ว่างจะถูกข้าม", None),
        ("หัวคอลัมน์สีส้มต้องกรอก สีฟ้าไม่บังคับ ชี้ที่หัวคอลัมน์เพื่ออ่านคำอธิบาย", None),
        ("วันที่ให้พิมพ์แบบ วัน/เดือน/ปี พ.ศ. เช่น 15/03/2567 และเลขประจำตัวประชาชน 13 หลักตามบัตร", None),
        ("คอลัมน์ที่มีลูกศรให้เลือกจากรายการ รหัสหลักสูตรในชีตอื่นเลือกจากชีตหลักสูตรได้ หรือพิมพ์รหัสใหม่", None),
        ("อย่าเปลี่ยนชื่อชีตหรือหัวคอลัมน์ และอย่าพิมพ์คำอธิบายใต้หัวตาราง (จะถูกอ่านเป็นข้อมูล)", None),
        ("Fill each sheet under its header row, one row per record; empty sheets are skipped. Orange headers"
         " are required. Dates as day/month/BE year (15/03/2567). Hover over a header for its note.", None),
    ]
    for row, (text, style) in enumerate(lines):
        sheet.write_string(row, 0, text, style)

"""The upload template: made from the record kinds, filled in as a teacher would, loaded back."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from conftest import ROOT, stored, thai_id

from pimpa_data.core.choices import APPLIED_WAYS, ATTENDANCE_STATUS, SALES_CHANNELS
from pimpa_data.core.kinds import KINDS
from pimpa_data.core.roles import Actor
from pimpa_data.export.template import LISTS, choice_words, sheet_name, template_bytes, template_columns
from pimpa_data.ingest.loading import load_file

TEACHER = Actor("kru.phimpha", "teacher", "240409")
LEARNER = thai_id(501)
ROWS = {  # one row per sheet, by Thai header, typed as a teacher types them
    "หลักสูตร": {"รหัสหลักสูตร": "TPL-01", "ชื่อหลักสูตร": "การทำขนมไทย", "รูปแบบ": "กลุ่มสนใจ",
                 "กลุ่มอาชีพ": "อาหารและเครื่องดื่ม", "จำนวนชั่วโมง": 12, "วันเริ่ม": "01/07/2569",
                 "วันสิ้นสุด": "05/07/2569", "วิทยากร": "นางสมศรี ฝีมือดี", "งบประมาณ": 3000, "เป้าหมาย": 20},
    "ผู้เรียน": {"รหัสหลักสูตร": "TPL-01", "เลขประจำตัวประชาชน": LEARNER, "คำนำหน้า": "นาง", "ชื่อ": "มาลี",
                 "สกุล": "ใจดี", "เพศ": "หญิง", "วันเกิด": "15/03/2520", "กลุ่มเป้าหมาย": "แม่บ้าน",
                 "ผลการประเมิน": "ผ่าน", "คะแนน": 85},
    "เวลาเรียน": {"รหัสหลักสูตร": "TPL-01", "เลขประจำตัวประชาชน": LEARNER, "วันที่": "01/07/2569",
                  "ชั่วโมง": 6, "สถานะ": ATTENDANCE_STATUS[0].value},
    "ติดตาม": {"รหัสหลักสูตร": "TPL-01", "เลขประจำตัวประชาชน": LEARNER, "วันที่ติดตาม": "01/09/2569",
               "การนำความรู้ไปใช้": "ใช่", "ลักษณะการนำไปใช้": APPLIED_WAYS[0].value, "เป็นแบบอย่าง": "ไม่ใช่",
               "รายได้ก่อนเรียน": 3000, "รายได้หลังเรียน": 5000},
    "รายได้": {"เลขประจำตัวประชาชน": LEARNER, "รหัสหลักสูตร": "TPL-01", "เดือน": "08/2569", "สินค้า": "ขนมชั้น",
               "จำนวน": 10, "รายได้": 1000, "ต้นทุน": 400, "ช่องทางจำหน่าย": SALES_CHANNELS[0].value},
}


def filled(path: Path, rows: dict[str, dict[str, object]] = ROWS, centre: str | None = "240409") -> Path:
    path.write_bytes(template_bytes(centre, 2569))
    book = openpyxl.load_workbook(path)
    for sheet, values in rows.items():
        headers = [cell.value for cell in book[sheet][1]]
        for header, value in values.items():
            book[sheet].cell(row=2, column=headers.index(header) + 1, value=value)
    book.save(path)
    return path


def test_a_filled_template_loads_every_kind_as_typed(con, tmp_path: Path) -> None:
    report = load_file(con, filled(tmp_path / "แบบฟอร์ม.xlsx"), who=TEACHER)
    assert report.status == "loaded", [(p.sheet, p.row, p.en) for p in report.errors]
    assert {kind: counts.inserted for kind, counts in report.counts.items()} == {kind.name: 1 for kind in KINDS}
    assert stored(con, "courses", "centre_code, course_code, hours, start_date, end_date") == [
        ("240409", "TPL-01", Decimal("12.00"), dt.date(2026, 7, 1), dt.date(2026, 7, 5))]
    assert stored(con, "enrolments", "centre_code, first_name, sex, birth_date, result") == [
        ("240409", "มาลี", "female", dt.date(1977, 3, 15), "pass")]
    assert stored(con, "follow_ups", "applied, exemplary, income_after_baht") == [(True, False, Decimal("5000.00"))]
    assert stored(con, "sales", "month, revenue_baht, channel") == [
        (dt.date(2026, 8, 1), Decimal("1000.00"), SALES_CHANNELS[0].value)]


def test_the_same_filled_template_again_changes_nothing(con, tmp_path: Path) -> None:
    path = filled(tmp_path / "แบบฟอร์ม.xlsx")
    assert load_file(con, path, who=TEACHER).status == "loaded"
    assert load_file(con, path, who=TEACHER).status == "unchanged"


def test_the_centre_code_filled_down_the_sheet_is_not_read_as_rows(con, tmp_path: Path) -> None:
    path = filled(tmp_path / "หลักสูตรเดียว.xlsx", {"หลักสูตร": ROWS["หลักสูตร"]})
    report = load_file(con, path, who=TEACHER)
    assert report.status == "loaded" and report.counts["courses"].read == 1


def test_a_blank_template_is_refused_with_a_message_not_as_300_bad_rows(con, tmp_path: Path) -> None:
    path = tmp_path / "เปล่า.xlsx"
    path.write_bytes(template_bytes("240409", 2569))
    report = load_file(con, path, who=TEACHER)
    assert report.status == "rejected" and [p.rule for p in report.errors] == ["empty_file"]


@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.name)
def test_each_sheet_has_the_kinds_thai_headers_with_notes(tmp_path: Path, kind) -> None:
    path = tmp_path / "t.xlsx"
    path.write_bytes(template_bytes())
    sheet = openpyxl.load_workbook(path)[sheet_name(kind)]
    assert [cell.value for cell in sheet[1]] == [column.th for column in template_columns(kind)]
    assert all(column.en in cell.comment.text for column, cell in zip(template_columns(kind), sheet[1]))
    assert sheet.max_row == 1  # no guidance row under the header: it would be read as data


def column_format(sheet, number: int) -> str:
    """The number format of a column (a run of alike columns is stored once, as a range)."""
    return next(d.number_format for d in sheet.column_dimensions.values() if d.min <= number <= d.max)


def test_choices_are_dropdowns_from_a_hidden_sheet_and_dates_and_ids_are_text(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    path.write_bytes(template_bytes("240409"))
    book = openpyxl.load_workbook(path)
    assert book[LISTS].sheet_state == "hidden"
    for kind in KINDS:
        sheet = book[sheet_name(kind)]
        rules = {str(rule.sqref).split(":")[0]: rule.formula1 for rule in sheet.data_validations.dataValidation}
        for index, column in enumerate(template_columns(kind)):
            letter = openpyxl.utils.get_column_letter(index + 1)
            if choice_words(column):
                assert rules[f"{letter}2"].startswith(f"'{LISTS}'!"), (kind.name, column.name)
            if column.type in ("date", "month", "learner_id"):
                assert column_format(sheet, index + 1) == "@", (kind.name, column.name)
            if column.name == "course_code" and kind.name != "courses":
                assert rules[f"{letter}2"] == "'หลักสูตร'!$A$2:$A$301"  # the workbook's own courses
    lists = book[LISTS]
    offered = [lists.cell(row=r, column=c).value for c in range(1, lists.max_column + 1) for r in range(2, 40)]
    assert "กลุ่มสนใจ" in offered and "ไม่ผ่าน" in offered


def test_the_command_writes_a_template_for_a_centre_and_refuses_a_district(db_path: Path, tmp_path: Path) -> None:
    def run(unit: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "pimpa_data", "--db", str(db_path), "template", "--unit", unit,
             "--out", str(tmp_path / f"{unit}.xlsx")], cwd=ROOT, capture_output=True, text=True,
        )

    assert run("240409").returncode == 0
    centre_cells = {openpyxl.load_workbook(tmp_path / "240409.xlsx")["หลักสูตร"].cell(row=r, column=2).value
                    for r in range(2, 302)}
    assert centre_cells == {"240409"}
    refused = run("2404")
    assert refused.returncode == 1 and "6-digit centre code" in refused.stderr

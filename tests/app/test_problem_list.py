"""The upload's problem list: one line per root cause, in the workbook's tab order, saying why."""

from __future__ import annotations

from conftest import (
    LEARNERS,
    bad_check_digit,
    course_row,
    courses_sheet,
    enrolment_row,
    enrolments_sheet,
)

from pimpa_data.app.uploads import problem_lines, problems_frame, root_causes
from pimpa_data.ingest.loading import load_file

ATTENDANCE_HEADER = ["ลำดับ", "รหัสหลักสูตร", "เลขประจำตัวประชาชน", "วันที่", "ชั่วโมง"]


def broken_workbook(files):
    """A course ending on 31 February, a learner whose ID is mistyped, and six attendance rows
    that carry the same mistyped ID; the attendance sheet is the first tab."""
    wrong = bad_check_digit(LEARNERS[0])
    attendance = [[n, "PMP-01", wrong, f"{n}/11/2566", 2] for n in range(1, 7)]
    return files.write("ผิดหลายที่.xlsx", {
        "เวลาเรียน": [ATTENDANCE_HEADER, *attendance],
        "หลักสูตร": courses_sheet(course_row(1, "PMP-01"), course_row(2, "PMP-02", end="31/02/2567")),
        "ผู้เรียน": enrolments_sheet(enrolment_row(1, wrong), enrolment_row(2, LEARNERS[1])),
    }), wrong


def test_one_line_per_root_cause_with_its_consequences_counted(con, files) -> None:
    path, wrong = broken_workbook(files)
    report = load_file(con, path, who="kru")
    assert report.status == "rejected"
    lines = problem_lines(report, "th")
    assert len(lines) == 2, lines  # the mistyped ID and the impossible date: two mistakes, two lines
    id_line = next(line for line in lines if wrong in line)
    # the first in tab order is the line; the same mistake elsewhere is counted, not repeated
    assert "อีก 5 แถวของชีต 'เวลาเรียน'" in id_line and "อีก 1 แถวของชีต 'ผู้เรียน'" in id_line
    assert sum(len(repeats) + 1 for _, repeats in root_causes(report)) == len(report.errors)


def test_an_impossible_date_says_why(con, files) -> None:
    path, _ = broken_workbook(files)
    report = load_file(con, path, who="kru")
    [date_line] = [line for line in problem_lines(report, "th") if "31/02/2567" in line]
    assert "กุมภาพันธ์ 2567 มี 29 วัน" in date_line
    assert "February 2567 (BE) has 29 days" in next(line for line in problem_lines(report, "en") if "31/02" in line)


def test_problems_follow_the_workbooks_tab_order(con, files) -> None:
    path, _ = broken_workbook(files)
    report = load_file(con, path, who="kru")
    sheets = list(dict.fromkeys(p.sheet for p, _ in root_causes(report)))
    order = [sheet for sheet in report.sheets if sheet in sheets]
    assert sheets == order and report.sheets[0] == "เวลาเรียน"


def test_the_thai_table_has_thai_columns_and_the_rule_codes_only_for_the_download(con, files) -> None:
    path, _ = broken_workbook(files)
    frame = problems_frame(load_file(con, path, who="kru"), "th")
    assert list(frame.columns) == ["ชีต", "แถว", "คอลัมน์", "ค่า", "ปัญหาและวิธีแก้", "rule"]  # ui.table shows all but rule

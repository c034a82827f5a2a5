"""A teacher writes only for their own centre: with PIMPA_USER_UNIT set, uploads of another
unit's courses are rejected whole."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from pimpa_data.ingest.loading import load_file

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(("unit", "status"), [
    ("TH", "loaded"),
    ("24", "loaded"),        # the province of ตำบลพิมพา
    ("2404", "loaded"),      # its district
    ("240409", "loaded"),    # the centre itself
    ("240401", "rejected"),  # the next centre in the district
    ("10", "rejected"),      # Bangkok
])
def test_uploads_are_limited_to_the_users_unit(con, example_workbook: Path, unit: str, status: str) -> None:
    report = load_file(con, example_workbook, who="teacher", unit=unit)
    assert report.status == status
    if status == "rejected":
        assert {p.rule for p in report.errors} == {"outside_unit"}
        assert con.execute("SELECT count(*) FROM courses").fetchall()[0][0] == 0


def test_the_same_code_from_another_centre_is_another_course(con, example_workbook: Path, files) -> None:
    """Centres number their courses alike; another centre's "PMP-2567-01" leaves Phimpha's alone."""
    assert load_file(con, example_workbook, who="district").status == "loaded"
    before = con.execute("SELECT * FROM courses WHERE centre_code = '240409' ORDER BY ALL").fetchall()
    header = ["รหัสหลักสูตร", "รหัสตำบล", "ชื่อหลักสูตร", "จำนวนชั่วโมง", "วันเริ่ม", "วันสิ้นสุด"]
    theirs = files.write("บางปะกง.xlsx", {"หลักสูตร": [header, ["PMP-2567-01", "240401", "ทำขนม", 6, "1/11/2566",
                                                                  "2/11/2566"]]})
    report = load_file(con, theirs, who="teacher of 240401", unit="240401")
    assert report.status == "loaded", report.errors
    assert report.counts["courses"].inserted == 1
    assert con.execute("SELECT * FROM courses WHERE centre_code = '240409' ORDER BY ALL").fetchall() == before


def test_the_command_line_reads_the_unit_from_the_environment(db_path: Path, example_workbook: Path) -> None:
    env = {"PIMPA_USER_UNIT": "240401", "PATH": "/usr/bin:/bin", "PIMPA_KEY_FILE": str(db_path.parent / "id.key")}
    done = subprocess.run(
        [sys.executable, "-m", "pimpa_data", "--db", str(db_path), "load", str(example_workbook)],
        cwd=ROOT, capture_output=True, text=True, env=env,
    )
    assert done.returncode == 1
    assert "outside_unit" in done.stdout


def test_another_units_file_is_told_the_same_whether_or_not_a_learner_is_enrolled_there(con, files) -> None:
    """The rejection of another centre's attendance must not reveal who is enrolled in its courses."""
    from conftest import LEARNERS, registers, thai_id

    assert load_file(con, files.write("reg.xlsx", registers()), who="district").status == "loaded"
    header = ["รหัสหลักสูตร", "เลขประจำตัวประชาชน", "วันที่", "การมาเรียน"]
    reports = []
    for name, learner in (("enrolled.xlsx", LEARNERS[0]), ("stranger.xlsx", thai_id(9999))):
        path = files.write(name, {"เวลาเรียน": [header, ["PMP-01", learner, "2/11/2566", "มา"]]})
        reports.append(load_file(con, path, who="teacher of 240401", unit="240401"))
    shapes = [[(p.rule, p.row, p.column, p.th, p.en) for p in report.errors] for report in reports]
    assert shapes[0] == shapes[1]
    assert {p.rule for p in reports[0].errors} == {"outside_unit"}
    assert all(report.counts == {} for report in reports)  # not even how many rows would be new


def test_a_code_two_centres_use_is_resolved_by_the_file_or_the_users_centre_else_asked(con, files) -> None:
    from conftest import LEARNERS, course_row, courses_sheet, enrolment_row, enrolments_sheet

    both = courses_sheet(course_row(1, code="01/2567", centre="240409"), course_row(2, code="01/2567", centre="240403"))
    assert load_file(con, files.write("อำเภอ.xlsx", {"หลักสูตร": both}), who="district").status == "loaded"
    learners = {"ผู้เรียน": enrolments_sheet(enrolment_row(1, LEARNERS[0], code="01/2567"))}

    asked = load_file(con, files.write("ผู้เรียน.xlsx", learners), who="district", unit="2404")
    [problem] = asked.errors
    assert problem.rule == "ambiguous_course" and "240403, 240409" in problem.en

    own = load_file(con, files.write("ผู้เรียน_บางวัว.xlsx", learners), who="teacher", unit="240403")
    assert own.status == "loaded", own.errors
    assert con.execute("SELECT centre_code FROM enrolments").fetchall() == [("240403",)]

    with_register = {"หลักสูตร": courses_sheet(course_row(1, code="01/2567", centre="240409")), **learners}
    assert load_file(con, files.write("พิมพา.xlsx", with_register), who="district", unit="2404").status == "loaded"
    assert con.execute("SELECT centre_code FROM enrolments ORDER BY 1").fetchall() == [("240403",), ("240409",)]


def test_a_new_course_without_a_centre_column_is_refused_unless_the_uploader_is_a_centre(con, files) -> None:
    header = ["รหัสหลักสูตร", "ชื่อหลักสูตร", "จำนวนชั่วโมง", "วันเริ่ม", "วันสิ้นสุด"]
    sheet = {"หลักสูตร": [header, ["NEW-01", "ทำขนม", 6, "1/11/2566", "2/11/2566"]]}
    district = load_file(con, files.write("ไม่มีตำบล.xlsx", sheet), who="district", unit="2404")
    assert [p.rule for p in district.errors] == ["required"] and "centre" in district.errors[0].en
    teacher = load_file(con, files.write("ของครู.xlsx", sheet), who="teacher", unit="240409")
    assert teacher.status == "loaded", teacher.errors
    assert con.execute("SELECT centre_code FROM courses WHERE course_code = 'NEW-01'").fetchall() == [("240409",)]


def test_a_teacher_registers_a_code_another_centre_uses_as_their_own_course(con, files) -> None:
    header = ["รหัสหลักสูตร", "ชื่อหลักสูตร", "จำนวนชั่วโมง", "วันเริ่ม", "วันสิ้นสุด"]
    sheet = {"หลักสูตร": [header, ["01/2567", "ทำขนม", 6, "1/11/2566", "2/11/2566"]]}
    assert load_file(con, files.write("a.xlsx", sheet), who="t", unit="240401").status == "loaded"
    second = load_file(con, files.write("b.xlsx", sheet), who="t", unit="240409")
    assert second.status == "loaded", second.errors
    assert con.execute("SELECT centre_code FROM courses ORDER BY 1").fetchall() == [("240401",), ("240409",)]


def test_a_district_user_gets_the_course_within_the_district(con, files) -> None:
    """A code held by a centre of the district and by one elsewhere is the district's course."""
    from conftest import LEARNERS, course_row, courses_sheet, enrolment_row, enrolments_sheet

    both = courses_sheet(course_row(1, code="01/2567", centre="240409"), course_row(2, code="01/2567", centre="100101"))
    assert load_file(con, files.write("c.xlsx", {"หลักสูตร": both}), who="country").status == "loaded"
    learners = {"ผู้เรียน": enrolments_sheet(enrolment_row(1, LEARNERS[0], code="01/2567"))}
    report = load_file(con, files.write("l.xlsx", learners), who="district", unit="2404")
    assert report.status == "loaded", report.errors
    assert con.execute("SELECT centre_code FROM enrolments").fetchall() == [("240409",)]


def test_a_combined_sheet_says_each_rows_centre_in_its_own_column(con, files) -> None:
    from conftest import LEARNERS, course_row, courses_sheet

    both = courses_sheet(course_row(1, code="01/2567", centre="240409"), course_row(2, code="01/2567", centre="240403"))
    assert load_file(con, files.write("c.xlsx", {"หลักสูตร": both}), who="district").status == "loaded"
    header = ["รหัสหลักสูตร", "รหัสตำบล", "เลขประจำตัวประชาชน", "ชื่อ-สกุล", "ผลการประเมิน"]
    rows = [header, ["01/2567", "240409", LEARNERS[0], "นางมาลี ใจดี", "ผ่าน"],
            ["01/2567", "กศน.ตำบลบางวัว", LEARNERS[0], "นางมาลี ใจดี", "ไม่ผ่าน"]]
    report = load_file(con, files.write("l.xlsx", {"ผู้เรียน": rows}), who="district")
    assert report.status == "loaded", report.errors
    assert con.execute("SELECT centre_code, result FROM enrolments ORDER BY 1").fetchall() == [
        ("240403", "fail"), ("240409", "pass")]

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


def test_a_course_cannot_be_moved_into_the_unit_by_another_centre(con, example_workbook: Path, files) -> None:
    assert load_file(con, example_workbook, who="district").status == "loaded"
    moved = files.write("ย้าย.xlsx", {"หลักสูตร": [["รหัสหลักสูตร", "รหัสตำบล"], ["PMP-2567-01", "240401"]]})
    report = load_file(con, moved, who="teacher of 240401", unit="240401")
    assert report.status == "rejected"
    assert report.errors[0].rule == "outside_unit"


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


def test_a_course_code_another_centre_uses_is_refused_not_merged(con, files) -> None:
    """Two centres numbering courses alike must not become one course with both centres' learners."""
    from conftest import course_row, courses_sheet

    first = files.write("พิมพา.xlsx", {"หลักสูตร": courses_sheet(course_row(1, code="01/2567", centre="240409"))})
    assert load_file(con, first, who="district").status == "loaded"
    second = files.write("บางวัว.xlsx", {"หลักสูตร": courses_sheet(course_row(1, code="01/2567", centre="240403"))})
    report = load_file(con, second, who="district")
    assert report.status == "rejected"
    [problem] = report.errors
    assert problem.rule == "course_code_taken" and problem.row == 4
    assert "240409" in problem.th and "undo batch 1" in problem.en
    assert con.execute("SELECT centre_code FROM courses").fetchall() == [("240409",)]

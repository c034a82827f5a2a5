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
    done = subprocess.run(
        [sys.executable, "-m", "pimpa_data", "--db", str(db_path), "load", str(example_workbook)],
        cwd=ROOT, capture_output=True, text=True, env={"PIMPA_USER_UNIT": "240401", "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 1
    assert "outside_unit" in done.stdout

"""`python -m pimpa_data check`: the planted outliers and contradictions of a workbook the test
writes, as JSON and as text, on their own and through a running dashboard."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import LEARNERS, ROOT, Files, course_row, courses_sheet, load

from pimpa_data.cli import server
from pimpa_data.core import db, owner

WORKBOOK = "พิมพา_ขาย_2567.xlsx"


def sheets() -> dict[str, list[list[object]]]:
    """K1 (row 4) and K5 (row 5, starting in March); a sale of 50,000 among nine of 100-130
    baht (row 13), a sale for K5 in February (row 14), an exemplary visit not applied (row 4),
    and K5's graduate (row 5) never followed up."""
    chili = [100, 104, 108, 112, 116, 120, 124, 128, 130, 50000]
    sales = [[n, f"กลุ่ม {n}", "K1", "2567-01", "น้ำพริกเผา", value] for n, value in enumerate(chili, start=1)]
    sales.append([11, "กลุ่ม 11", "K5", "2567-02", "ผ้าทอ", 500])
    return {
        "หลักสูตร": courses_sheet(course_row(1, "K1", start="1/11/2566", end="10/11/2566"),
                                  course_row(2, "K5", start="1/03/2567", end="10/03/2567")),
        "ผู้เรียน": [["ทะเบียนผู้เรียน"], [], ["ลำดับ", "รหัสหลักสูตร", "เลขประจำตัวประชาชน", "ชื่อ-สกุล", "ผลการประเมิน"],
                     [1, "K1", LEARNERS[0], "นางสาวมาลี ใจดี", "ผ่าน"], [2, "K5", LEARNERS[0], "นางสาวมาลี ใจดี", "ผ่าน"]],
        "ติดตามผล": [["ติดตามผล"], [], ["ลำดับ", "รหัสหลักสูตร", "เลขประจำตัวประชาชน", "วันที่ติดตาม",
                                        "การนำความรู้ไปใช้", "เป็นแบบอย่าง"],
                     [1, "K1", LEARNERS[0], "1/02/2567", "ไม่ใช่", "ใช่"]],
        "รายได้": [["รายได้จากการจำหน่าย"], [], ["ลำดับ", "ชื่อกลุ่ม", "รหัสหลักสูตร", "เดือน", "สินค้า", "รายได้"], *sales],
    }


PLANTED = {
    ("sale_outlier", "K1", "รายได้", 13),
    ("sale_before_course", "K5", "รายได้", 14),
    ("exemplary_not_applied", "K1", "ติดตามผล", 4),
    ("follow_up_overdue", "K5", "ผู้เรียน", 5),  # never followed up since March 2024
}


@pytest.fixture
def database(db_path: Path, files: Files) -> Path:
    con = db.connect(db_path)
    report = load(con, files.write(WORKBOOK, sheets()))
    con.close()
    assert report.status == "loaded", report.errors
    return db_path


def cli(database: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "pimpa_data", "--db", str(database), *argv], capture_output=True,
                          text=True, cwd=ROOT, env=env, timeout=120)


CHECK = ("check", "--fiscal-year", "2567", "--today", "2025-06-01")


def planted(document: dict) -> set[tuple[str, str, str, int]]:
    return {(f["check"], f["course_code"], f["source_sheet"], f["source_row"]) for f in document["findings"]}


def test_json_names_each_planted_problem_with_its_file_sheet_and_row(database: Path) -> None:
    result = cli(database, *CHECK, "--unit", "2404", "--format", "json")

    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert {"fiscal_year", "unit", "arrivals", "findings", "checks"} <= set(document)
    assert (document["fiscal_year"], document["unit"]) == (2567, "2404")
    assert planted(document) == PLANTED
    assert {f["file_name"] for f in document["findings"]} == {WORKBOOK}
    sale = next(f for f in document["findings"] if f["check"] == "sale_outlier")
    assert sale["value"] == 50000 and isinstance(sale["value"], int)  # a number, not "50000.00"
    assert sale["learner_id_masked"] == "" and sale["where_en"] == f"{WORKBOOK} · sheet รายได้ · row 13"
    early = next(f for f in document["findings"] if f["check"] == "sale_before_course")
    assert early["value"] == "2024-02-01"  # dates as ISO text


def test_json_arrivals_are_one_object_per_centre_and_month(database: Path) -> None:
    document = json.loads(cli(database, *CHECK, "--unit", "240409", "--format", "json").stdout)

    assert [row["month"] for row in document["arrivals"]][:2] == ["2023-10", "2023-11"]
    assert len(document["arrivals"]) == 12
    january = next(row for row in document["arrivals"] if row["month"] == "2024-01")
    assert january == {"centre_code": "240409", "centre_name": "กศน.ตำบลพิมพา", "month": "2024-01",
                       "courses": 0, "attendance": 0, "follow_ups": 0, "sales": 10}
    counts = {check["code"]: check["findings"] for check in document["checks"]}
    assert counts["sale_outlier"] == 1 and counts["pass_below_threshold"] == 0
    district = json.loads(cli(database, *CHECK, "--unit", "2404", "--format", "json").stdout)["arrivals"]
    pairs = {(row["centre_code"], row["centre_name"]) for row in district}
    assert len(district) == 12 * len(pairs) and len({code for code, _ in pairs}) == len(pairs) > 1
    assert all(check["rule_th"] and check["rule_en"] for check in document["checks"])


def test_text_shows_the_grid_the_counts_and_where_to_look(database: Path) -> None:
    result = cli(database, *CHECK, "--unit", "2404")

    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "ตรวจคุณภาพข้อมูล ปีงบประมาณ 2567" in out and "data quality check" in out
    assert "ต.ค." in out and "Oct" in out
    phimpha = next(line for line in out.splitlines() if line.startswith("240409"))
    assert "กศน.ตำบลพิมพา" in phimpha and "···S" in phimpha
    assert "Sale far from the product's others (sale_outlier): 1" in out
    assert f"↳ {WORKBOOK} · ชีต/sheet รายได้ · แถว/row 13" in out
    assert "✓ ผลการประเมินผ่านแต่เวลาเรียนไม่ถึงเกณฑ์" in out


def test_no_findings_still_exits_0_and_an_unknown_unit_exits_1(db_path: Path) -> None:
    empty = cli(db_path, *CHECK, "--format", "json")
    assert empty.returncode == 0, empty.stderr
    assert json.loads(empty.stdout)["findings"] == []

    unknown = cli(db_path, *CHECK, "--unit", "9999")
    assert unknown.returncode == 1
    assert "9999" in unknown.stderr and "ไม่พบหน่วย" in unknown.stderr and "Traceback" not in unknown.stderr


def test_through_a_running_dashboard_the_answer_is_the_same(database: Path) -> None:
    alone = json.loads(cli(database, *CHECK, "--format", "json").stdout)
    lock = owner.own(database, wait=1)
    con = db.connect(database)
    server.serve(con, database)  # this process stands in for the dashboard, as in test_many_processes
    try:
        served = cli(database, *CHECK, "--format", "json")
    finally:
        con.close()
        lock.close()
    assert served.returncode == 0, served.stderr
    assert json.loads(served.stdout) == alone

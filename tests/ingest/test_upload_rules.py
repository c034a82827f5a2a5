"""Rules that keep one upload from damaging other data or leaking personal data."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest
from conftest import Files, stored, thai_id

from pimpa_data.app import tables, uploads
from pimpa_data.core.roles import DIRECTOR, TEACHER, Actor, Refused
from pimpa_data.ingest.loading import load_file
from pimpa_data.ingest.undo import UndoRefused, undo_batch
from pimpa_data.measures import impact

COURSE_HEADER = ["รหัสหลักสูตร", "รหัสตำบล", "ชื่อหลักสูตร", "จำนวนชั่วโมง", "วันเริ่ม", "วันสิ้นสุด"]
LEARNER_HEADER = ["รหัสหลักสูตร", "เลขประจำตัวประชาชน", "ชื่อ-สกุล", "ผลการประเมิน"]


def course(code: str, centre: str, hours: int = 6) -> list[object]:
    return [code, centre, f"หลักสูตร {code}", hours, "1/11/2566", "30/11/2566"]


def register(files: Files, name: str, codes: dict[str, str], learners: int = 2) -> Path:
    """Courses (code → centre) and their learners, IDs numbered from 1 per course."""
    rows = [LEARNER_HEADER] + [
        [code, thai_id(number * 100 + seat), f"นางทดสอบ{seat} ใจดี", "ผ่าน"]
        for number, code in enumerate(codes, start=1) for seat in range(learners)
    ]
    return files.write(name, {"หลักสูตร": [COURSE_HEADER, *(course(c, centre) for c, centre in codes.items())],
                              "ผู้เรียน": rows})


def loaded(con, path: Path, **options: object):
    report = load_file(con, path, who="test", **options)
    assert report.status == "loaded", report.errors[:3]
    return report


def test_two_centres_groups_of_the_same_name_keep_their_own_sales(con, files: Files) -> None:
    loaded(con, register(files, "courses.xlsx", {"BPK-01": "240401", "TSA-01": "240402"}))
    header = ["ชื่อกลุ่ม", "รหัสหลักสูตร", "เดือน", "สินค้า", "รายได้"]
    loaded(con, files.write("bpk.xlsx", {"รายได้": [header, ["กลุ่มแม่บ้าน", "BPK-01", "ม.ค. 2567", "กะปิ", 10560]]}))
    loaded(con, files.write("tsa.xlsx", {"รายได้": [header, ["กลุ่มแม่บ้าน", "TSA-01", "ม.ค. 2567", "กะปิ", 100]]}))
    assert stored(con, "sales", "course_code, revenue_baht") == [
        ("BPK-01", Decimal("10560.00")), ("TSA-01", Decimal("100.00"))
    ]


def test_a_course_mixing_ticks_and_hours_is_rejected(con, files: Files) -> None:
    loaded(con, register(files, "courses.xlsx", {"PMP-01": "240409"}))
    grid = [["รหัสหลักสูตร", "เลขประจำตัวประชาชน", dt.date(2023, 11, 6), dt.date(2023, 11, 8)],
            ["PMP-01", thai_id(100), "✓", "✓"], ["PMP-01", thai_id(101), 2, 1.5]]
    report = load_file(con, files.write("เวลา.xlsx", {"เวลาเรียน": grid}), who="test")
    assert report.status == "rejected"
    assert {p.rule for p in report.errors} == {"mixed_attendance"}
    assert {p.row for p in report.errors} == {2}  # the ticks, not the hours


def test_a_session_outside_its_course_is_rejected(con, files: Files) -> None:
    loaded(con, register(files, "courses.xlsx", {"PMP-01": "240409"}))
    rows = [["รหัสหลักสูตร", "เลขประจำตัวประชาชน", "วันที่", "สถานะ"],
            ["PMP-01", thai_id(100), "6/11/2566", "มา"], ["PMP-01", thai_id(100), "8/11/2567", "มา"]]
    report = load_file(con, files.write("เวลา.xlsx", {"เวลาเรียน": rows}), who="test")
    assert [(p.row, p.rule) for p in report.errors] == [(3, "outside_course_dates")]


def test_personal_columns_are_not_kept_aside(con, files: Files) -> None:
    path = register(files, "courses.xlsx", {"PMP-01": "240409"})
    loaded(con, path)
    rows = [[*LEARNER_HEADER, "เบอร์โทร", "เลขบัตรประชาชนผู้ปกครอง", "หมายเหตุครู"],
            ["PMP-01", thai_id(100), "นางทดสอบ0 ใจดี", "ผ่าน", "081-234-5678", thai_id(999), "โทร 0812345678"]]
    loaded(con, files.write("แก้.xlsx", {"ผู้เรียน": rows}))
    [(extra,)] = stored(con, "enrolments", "extra", "WHERE extra IS NOT NULL")
    assert json.loads(extra) == {"หมายเหตุครู": "โทร •••5678"}


def test_a_name_correction_keeps_the_stored_title_and_sex(con, files: Files) -> None:
    loaded(con, register(files, "courses.xlsx", {"PMP-01": "240409"}))
    fixed = [LEARNER_HEADER[:3], ["PMP-01", thai_id(100), "ทดสอบศูนย์ ใจงาม"], ["PMP-01", thai_id(101), "นางทดสอบ ใจดี"]]
    loaded(con, files.write("แก้ชื่อ.xlsx", {"ผู้เรียน": fixed}))
    assert ("นาง", "ทดสอบศูนย์", "ใจงาม", "female") in stored(con, "enrolments", "prefix, first_name, last_name, sex")


def test_undo_is_only_for_batches_of_the_users_unit(con, files: Files) -> None:
    mine = loaded(con, register(files, "mine.xlsx", {"PMP-01": "240409"})).batch_id
    theirs = loaded(con, register(files, "theirs.xlsx", {"BPK-01": "240401"})).batch_id
    teacher = Actor("kru.phimpha", TEACHER, "240409")
    assert [b["batch_id"] for b in uploads.undoable_batches(con, teacher, "240409")] == [mine]
    assert uploads.undoable_batches(con, teacher, "240401") == []  # another centre, whatever the page asks
    with pytest.raises(UndoRefused):
        undo_batch(con, theirs, teacher)
    director = Actor("director", DIRECTOR, "2404")
    assert uploads.undoable_batches(con, director, "2404") == []
    with pytest.raises(Refused, match="cannot undo"):
        undo_batch(con, mine, director)
    assert uploads.undo(con, mine, teacher) > 0
    assert stored(con, "batches", "undone_by", "WHERE batch_id = ?", [mine]) == [("kru.phimpha",)]


def test_several_files_are_previewed_in_order_and_nothing_is_written(con, files: Files) -> None:
    courses = files.write("1_หลักสูตร.csv", [COURSE_HEADER, course("PMP-01", "240409")])
    learners = files.write("2_ผู้เรียน.csv", [LEARNER_HEADER, ["PMP-01", thai_id(100), "นางทดสอบ ใจดี", "ผ่าน"]])
    teacher = Actor("kru.phimpha", TEACHER, "240409")
    reports = uploads.preview_files(con, [(p.name, p.read_bytes()) for p in (courses, learners)], teacher)
    assert [r.status for r in reports] == ["dry-run", "dry-run"]
    assert stored(con, "courses") == [] and stored(con, "batches") == []


def test_income_after_comes_from_the_latest_follow_up_that_records_it(con, files: Files) -> None:
    loaded(con, register(files, "courses.xlsx", {"PMP-01": "240409"}, learners=1))
    header = ["รหัสหลักสูตร", "เลขประจำตัวประชาชน", "วันที่ติดตาม", "การนำความรู้ไปใช้", "รายได้ก่อนเรียน", "รายได้หลังเรียน"]
    visits = [header, ["PMP-01", thai_id(100), "5/01/2567", "ใช่", 2000, 5000],
              ["PMP-01", thai_id(100), "5/03/2567", "ใช่", None, None]]
    loaded(con, files.write("ติดตาม.xlsx", {"ติดตามผล": visits}))
    income = impact.income(con, 2567, "240409")
    assert (income.graduates_with_income, income.median_income_baht) == (1, Decimal("5000.00"))


def test_a_sheet_named_as_a_kind_without_its_headers_is_rejected(con, files: Files) -> None:
    loaded(con, register(files, "courses.xlsx", {"PMP-01": "240409"}))
    path = files.write("ติดตาม.xlsx", {"ติดตามผล": [["ผู้เรียน", "วันที่ไปเยี่ยม"], ["นางทดสอบ", "5/01/2567"]]})
    report = load_file(con, path, who="test")
    assert report.status == "rejected"
    assert report.errors[0].sheet == "ติดตามผล"


@pytest.mark.parametrize(("numerator", "denominator", "shown"), [(1, 32, "3.13"), (1, 160, "0.63"), (2, 3, "66.67")])
def test_the_sar_table_rounds_half_up_like_the_command_line(numerator: int, denominator: int, shown: str) -> None:
    row = {"name_th": "กศน.ตำบลพิมพา", "name_en": "Phimpha", "indicator": "1.3", "indicator_th": "", "indicator_en": "",
           "numerator": numerator, "denominator": denominator, "value_pct": numerator * 100 / denominator,
           "target_pct": Decimal(10), "quality_level_th": "ดี", "quality_level_en": "Good"}
    assert str(tables.sar(pd.DataFrame([row]), "th").iloc[0]["ผลการดำเนินงาน (%)"]) == shown

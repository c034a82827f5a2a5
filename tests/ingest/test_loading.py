"""Loading whole files: the example teacher's workbook loads exactly as its cells mean, and the
same content saved as .xls, .ods or .csv loads to the same stored rows."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest
import python_calamine
from conftest import (
    COURSE_HEADER,
    Files,
    course_row,
    dashed,
    hash_of,
    load,
    stored,
    thai_id,
    write_xlsx_xlsxwriter,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pimpa_data.core import db
from pimpa_data.core.kinds import KINDS
from pimpa_data.ingest.loading import load_file

KIND_TABLES = [kind.name for kind in KINDS]
SHEET_KINDS = {"หลักสูตร": "courses", "ผู้เรียน": "enrolments", "เวลาเรียน": "attendance",
               "ติดตามผล": "follow_ups", "รายได้": "sales"}


@pytest.fixture
def example(con, example_workbook: Path):
    report = load(con, example_workbook)
    assert report.status == "loaded", report.errors
    return con


def one(con, kind: str, columns: str, where: str, *params: object) -> tuple:
    rows = stored(con, kind, columns, f"WHERE {where}", params)
    assert len(rows) == 1, rows
    return rows[0]


# ---------------------------------------------------------------- the example workbook

def test_the_example_workbook_loads_every_sheet(con, example_workbook: Path) -> None:
    report = load(con, example_workbook)

    assert report.status == "loaded" and report.errors == []
    assert {kind: counts.inserted for kind, counts in report.counts.items()} == {
        "courses": 3, "enrolments": 39, "attendance": 84, "follow_ups": 18, "sales": 18,
    }


def test_example_courses_keep_what_their_cells_mean(example) -> None:
    first = one(example, "courses", "centre_code, hours, start_date, end_date, budget_baht, target_learners",
                "course_code = 'PMP-2567-01'")
    assert first == ("240409", Decimal("18.00"), dt.date(2023, 11, 6), dt.date(2023, 11, 17), Decimal("7200.00"), 10)
    assert str(first[4]) == "7200.00"  # an exact decimal, not a float

    second = one(example, "courses", "start_date, end_date, budget_baht", "course_code = 'PMP-2567-02'")
    assert second == (dt.date(2024, 1, 15), dt.date(2024, 1, 26), Decimal("12000.00"))  # date(2567, 1, 15) in a cell

    third = one(example, "courses", "hours, start_date, end_date, course_format", "course_code = 'PMP-2567-03'")
    assert third == (Decimal("40.00"), dt.date(2024, 6, 3), dt.date(2024, 7, 26), "ชั้นเรียนวิชาชีพ")  # '26 ก.ค. 67'


def test_example_total_row_and_sequence_column_are_not_stored(example) -> None:
    assert [code for (code,) in stored(example, "courses", "course_code")] == [
        "PMP-2567-01", "PMP-2567-02", "PMP-2567-03",
    ]
    for kind in KIND_TABLES:
        extras = [extra for (extra,) in stored(example, kind, "extra") if extra]
        assert extras == [], f"{kind} kept {extras[:1]}"


@pytest.mark.parametrize(
    ("written", "kind", "where"),
    [
        ("5124879699659.0 (a number cell)", "enrolments", "course_code = 'PMP-2567-01' AND first_name = 'สุดา' "
                                                          "AND last_name = 'บุญมา'"),
        ("5-1248-79699-65-9 (dashes)", "follow_ups", "followup_date = DATE '2023-12-26'"),
        ("5124879699659 (text)", "sales", "month = DATE '2023-12-01' AND product = 'กุ้งแห้ง' AND revenue_baht = 900"),
    ],
)
def test_one_learner_written_three_ways_is_one_hashed_learner(example, written: str, kind: str, where: str) -> None:
    (learner,) = one(example, kind, "learner_id", where)

    assert learner == hash_of(example, "5124879699659")


def test_ids_with_spaces_dashes_and_as_numbers_all_resolve(example) -> None:
    ids = {"2728056931660": "2-7280-56931-66-0", "6197479258788": " 6197479258788 ",
           "3415327281125": "3415327281125.0"}
    for number in ids:
        (last4, kind) = one(example, "enrolments", "learner_id_last4, learner_id_type", "learner_id = ?",
                            hash_of(example, number))
        assert (last4, kind) == (number[-4:], "thai_id")
    # Attendance names the learners without dashes; every row found its enrolment.
    orphans = example.execute(
        "SELECT count(*) FROM attendance a ANTI JOIN enrolments e USING (course_code, learner_id)"
    ).fetchone()[0]
    assert orphans == 0


def test_ids_are_stored_only_as_hash_and_last_four_digits(example) -> None:
    for kind in ("enrolments", "attendance", "follow_ups", "sales"):
        for (learner,) in stored(example, kind, "learner_id"):
            assert len(learner) == 32 and not learner.isdigit()
    dump = json.dumps(stored(example, "enrolments"), default=str)
    assert "5124879699659" not in dump


def test_a_zero_width_space_is_removed_from_a_name(example) -> None:
    names = [first for (first,) in stored(example, "enrolments", "first_name")]

    assert "สุดา" in names
    assert not any("\u200b" in name for name in names)


def test_wide_attendance_is_one_row_per_learner_per_session(example) -> None:
    counts = stored(example, "attendance", "status, count(*)", "GROUP BY status")
    assert counts == [("absent", 15), ("present", 69)]

    first_learner = stored(example, "attendance", "session_date, status", "WHERE learner_id = ? ORDER BY 1",
                           [hash_of(example, "2728056931660")])
    assert first_learner == [
        (dt.date(2023, 11, 6), "absent"), (dt.date(2023, 11, 8), "present"), (dt.date(2023, 11, 10), "present"),
        (dt.date(2023, 11, 13), "present"), (dt.date(2023, 11, 15), "present"), (dt.date(2023, 11, 17), "present"),
    ]


def test_follow_ups_and_sales_keep_money_months_and_choices(example) -> None:
    follow = one(example, "follow_ups", "applied, applied_how, exemplary, income_before_baht, income_after_baht",
                 "followup_date = DATE '2023-12-26'")
    assert follow == (True, "อาชีพหลัก, รวมกลุ่มอาชีพ", False, Decimal("4500.00"), Decimal("8500.00"))  # '8,500 บาท'

    thai_digits = one(example, "sales", "revenue_baht, channel", "month = DATE '2024-01-01' AND learner_id = ?",
                      hash_of(example, "3415327281125"))
    assert thai_digits == (Decimal("2200.00"), "ออนไลน์")  # '๒,๒๐๐'

    months = [month for (month,) in stored(example, "sales", "month", "WHERE learner_id = ? ORDER BY 1",
                                            [hash_of(example, "5124879699659")])]
    assert months == [dt.date(2023, 12, 1), dt.date(2024, 1, 1)]  # 'ธันวาคม 66', '2567-01'


def test_enrolments_keep_birth_dates_results_and_sex(example) -> None:
    row = one(example, "enrolments", "prefix, sex, birth_date, result, score, target_group",
              "learner_id = ? AND course_code = 'PMP-2567-01'", hash_of(example, "2728056931660"))

    assert row == ("นาง", "female", dt.date(1979, 3, 23), "fail", Decimal("44.00"), "ผู้ว่างงาน")


# ---------------------------------------------------------------- the same content in every format

def example_sheets(example_workbook: Path) -> dict[str, list[list[object]]]:
    workbook = python_calamine.CalamineWorkbook.from_path(str(example_workbook))
    return {
        name: [[None if cell == "" else cell for cell in row]
               for row in workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)]
        for name in workbook.sheet_names
    }


def kind_rows(con) -> dict[str, list[tuple]]:
    """The records as they mean, whatever file, sheet or row they came from."""
    return {kind: stored(con, kind, "* EXCLUDE (batch_id, source_sheet, source_row)") for kind in KIND_TABLES}


def as_cp874(rows: list[list[object]]) -> list[list[object]]:
    """What Windows Thai can hold: no ✓ (a teacher types / instead) and no zero-width space."""
    return [[cell.replace("✓", "/").replace("\u200b", "") if isinstance(cell, str) else cell for cell in row]
            for row in rows]


@pytest.fixture
def example_rows(tmp_path: Path, example_workbook: Path) -> dict[str, list[tuple]]:
    con = db.connect(tmp_path / "example.duckdb")
    assert load_file(con, example_workbook, who="test").status == "loaded"
    rows = kind_rows(con)
    con.close()
    return rows


@pytest.mark.parametrize("suffix", [".xls", ".ods", ".xlsx"])
def test_the_example_saved_as_another_workbook_loads_the_same(
    con, files: Files, example_workbook: Path, example_rows, suffix: str
) -> None:
    sheets = example_sheets(example_workbook)
    path = (files.write(f"example{suffix}", sheets) if suffix != ".xlsx"
            else write_xlsx_xlsxwriter(files.path("example.xlsx"), sheets))

    report = load(con, path)

    assert report.status == "loaded", report.errors
    assert kind_rows(con) == example_rows


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp874"])
def test_the_example_as_one_csv_per_kind_loads_the_same(
    con, files: Files, example_workbook: Path, example_rows, encoding: str
) -> None:
    for sheet, rows in example_sheets(example_workbook).items():
        rows = as_cp874(rows) if encoding == "cp874" else rows
        path = files.write(f"{SHEET_KINDS[sheet]}_{encoding}.csv", rows, encoding=encoding)
        report = load(con, path)
        assert report.status == "loaded", (sheet, report.errors)

    assert kind_rows(con) == example_rows


def test_a_workbook_loads_as_one_batch_in_the_order_references_need(con, files: Files, example_workbook) -> None:
    """Sheets in any order: sales before courses still find their courses in the same file."""
    sheets = example_sheets(example_workbook)
    reordered = {name: sheets[name] for name in reversed(list(sheets))}

    report = load(con, files.write("reordered.xlsx", reordered))

    assert report.status == "loaded", report.errors
    assert stored(con, "batches", "batch_id, status, file_name") == [(1, "active", "reordered.xlsx")]


# ---------------------------------------------------------------- properties: Thai values meet the loader

COURSE_DATES = st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2099, 12, 31))
SERIALS = iter(range(10**6))


THAI_MONTHS = ["มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
               "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม"]
THAI_MONTHS_SHORT = ["ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค."]
THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")


def be_text(day: dt.date, form: int) -> str:
    be = day.year + 543
    return [
        f"{day.day}/{day.month}/{be}",
        f"{day.day:02d}/{day.month:02d}/{be}",
        f"{day.day}-{day.month:02d}-{be}",
        f"{day.day}.{day.month}.{be}",
        f"{day.day} {THAI_MONTHS[day.month - 1]} {be}",
        f"{day.day} {THAI_MONTHS_SHORT[day.month - 1]} {be}",
        f"{day.day}/{day.month}/{be}".translate(THAI_DIGITS),
        f"วันที่ {day.day}/{day.month:02d}/{be}",
    ][form]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(day=COURSE_DATES, form=st.integers(0, 7))
def test_any_date_written_as_be_text_in_a_csv_loads_as_that_date(con, files: Files, day: dt.date, form: int) -> None:
    code = f"P-{next(SERIALS)}"
    path = files.write(f"{code}.csv", [COURSE_HEADER, course_row(code=code, start=be_text(day, form),
                                                                 end=be_text(day, form))])

    report = load(con, path)

    assert report.status == "loaded", report.errors
    assert one(con, "courses", "start_date, end_date", "course_code = ?", code) == (day, day)


MONEY = st.decimals(min_value=0, max_value=Decimal("9999999999.99"), places=2, allow_nan=False)


def baht_text(amount: Decimal, form: int) -> str:
    grouped = f"{amount:,.2f}"
    return [
        f"{amount}",
        grouped,
        f"{grouped} บาท",
        grouped.translate(THAI_DIGITS),
        f" {grouped}\u00a0",
        f"{amount:,.2f}".removesuffix(".00") + ".-" if amount == amount.to_integral() else grouped,
    ][form]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(amount=MONEY, form=st.integers(0, 5))
def test_any_amount_of_baht_loads_as_that_exact_decimal(con, files: Files, amount: Decimal, form: int) -> None:
    code = f"P-{next(SERIALS)}"
    path = files.write(f"{code}.csv", [COURSE_HEADER, course_row(code=code, budget=baht_text(amount, form))])

    report = load(con, path)

    assert report.status == "loaded", report.errors
    assert one(con, "courses", "budget_baht", "course_code = ?", code) == (amount,)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(serial=st.integers(0, 10**11 - 1), first=st.integers(1, 8), form=st.integers(0, 4))
def test_any_thai_id_in_any_written_form_is_the_same_learner(con, files: Files, serial: int, first: int,
                                                             form: int) -> None:
    number = thai_id(serial, first)
    written = [number, dashed(number), f" {number[:1]} {number[1:5]} {number[5:]} ", float(number),
               number.translate(THAI_DIGITS)][form]
    code = f"P-{next(SERIALS)}"
    path = files.write(f"{code}.xlsx", {
        "หลักสูตร": [COURSE_HEADER, course_row(code=code)],
        "ผู้เรียน": [["รหัสหลักสูตร", "เลขประจำตัวประชาชน", "ชื่อ-สกุล"], [code, written, "นายทดสอบ ระบบ"]],
    })

    report = load(con, path)

    assert report.status == "loaded", report.errors
    assert one(con, "enrolments", "learner_id, learner_id_last4", "course_code = ?", code) == (
        hash_of(con, number), number[-4:],
    )


def be_cell(day: dt.date) -> dt.date | None:
    """The date a teacher gets by typing the BE year into a Gregorian date cell (None if Excel has no such day)."""
    try:
        return day.replace(year=day.year + 543)
    except ValueError:  # 29 February of a year that is leap in CE but not as a BE number
        return None


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(day=COURSE_DATES.filter(lambda day: be_cell(day) is not None), real=st.booleans())
def test_any_date_in_a_date_cell_loads_as_that_date_even_with_a_be_year(con, files: Files, day: dt.date,
                                                                       real: bool) -> None:
    code = f"P-{next(SERIALS)}"
    cell = day if real else be_cell(day)
    path = files.write(f"{code}.xlsx", {"หลักสูตร": [COURSE_HEADER, course_row(code=code, start=cell, end=cell)]})

    report = load(con, path)

    assert report.status == "loaded", report.errors
    assert one(con, "courses", "start_date, end_date", "course_code = ?", code) == (day, day)


# ---------------------------------------------------------------- names

@pytest.mark.parametrize(
    ("written", "stored_as"),
    [
        ("นายสมชาย ใจดี", ("นาย", "สมชาย", "ใจดี", "male")),
        ("นางสาวมาลี  ศรีสุข", ("นางสาว", "มาลี", "ศรีสุข", "female")),
        ("น.ส.มาลี ศรีสุข", ("น.ส.", "มาลี", "ศรีสุข", "female")),
        ("นาง บุญมี ทองคำ", ("นาง", "บุญมี", "ทองคำ", "female")),
        ("สุดา\u200b แสงจันทร์", (None, "สุดา", "แสงจันทร์", None)),
        ("Mr John Smith", ("Mr", "John", "Smith", "male")),
        ("Mrinal Sen", (None, "Mrinal", "Sen", None)),
    ],
)
def test_a_full_name_is_split_into_title_first_and_last_name(con, files: Files, written: str, stored_as) -> None:
    sheet = [["รหัสหลักสูตร", "เลขประจำตัวประชาชน", "ชื่อ-สกุล"], ["PMP-01", thai_id(7), written]]
    report = load(con, files.write("learners.xlsx", {"หลักสูตร": [COURSE_HEADER, course_row()], "ผู้เรียน": sheet}))

    assert report.status == "loaded", report.errors
    assert stored(con, "enrolments", "prefix, first_name, last_name, sex") == [stored_as]

"""Data quality checks: a workbook with planted problems, loaded as a teacher would upload it;
every finding names the file, sheet and Excel row it came from."""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest
from conftest import LEARNERS, Files, course_row, courses_sheet, load, thai_id
from hypothesis import given
from hypothesis import strategies as st

from pimpa_data.core.errors import PimpaError
from pimpa_data.core.pdpa import MASK
from pimpa_data.core.roles import TEACHER, Actor
from pimpa_data.ingest.form_entry import Visit, record_follow_up
from pimpa_data.measures.checks import (
    CHECKS,
    FINDING_COLUMNS,
    SECTIONS,
    arrival_columns,
    arrivals,
    arrivals_long,
    check_counts,
    findings,
)
from pimpa_data.measures.outliers import MIN_GROUP, Grouping

TODAY = dt.date(2025, 6, 1)
WORKBOOK = "พิมพา_2567.xlsx"
OTHER_DISTRICT = "240101"  # อำเภอเมืองฉะเชิงเทรา: not in อำเภอบางปะกง (2404)


def titled(title: str, header: list[str], rows: list[list[object]]) -> list[list[object]]:
    """A title on row 1, a blank row 2, the header on row 3: data starts on Excel row 4."""
    return [[title], [], header, *rows]


def phimpha_sheets() -> dict[str, list[list[object]]]:
    courses = courses_sheet(
        course_row(1, "K1", start="1/11/2566", end="10/11/2566"),  # row 4
        course_row(2, "K2", start="1/12/2566", end="5/12/2566"),  # row 5
        course_row(3, "K3", start="10/01/2567", end="15/01/2567"),  # row 6: results left blank
        course_row(4, "K4", start="1/02/2567", end="20/02/2567"),  # row 7: nobody registered
        course_row(5, "K5", start="1/03/2567", end="10/03/2567"),  # row 8: a sale before it starts
    )
    enrolments = titled("ทะเบียนผู้เรียน", ["ลำดับ", "รหัสหลักสูตร", "เลขประจำตัวประชาชน", "ชื่อ-สกุล", "ผลการประเมิน"], [
        [1, "K1", LEARNERS[0], "นางสาวมาลี ใจดี", "ผ่าน"],  # row 4
        [2, "K1", LEARNERS[1], "นางสมใจ รักเรียน", "ผ่าน"],  # row 5: never followed up
        [3, "K2", LEARNERS[2], "นายสมชาย ขยัน", "ผ่าน"],  # row 6: came once in five
        [4, "K2", LEARNERS[3], "นางสมศรี มาเรียน", "ผ่าน"],  # row 7
        [5, "K3", LEARNERS[4], "นางสายใจ รอผล", None],  # row 8: no result
        [6, "K5", LEARNERS[0], "นางสาวมาลี ใจดี", "ผ่าน"],  # row 9
    ])
    sessions = [["K1", LEARNERS[0], "1/11/2566", "มา"], ["K1", LEARNERS[1], "1/11/2566", "มา"]]
    sessions += [["K2", LEARNERS[3], f"{d}/12/2566", "มา"] for d in range(1, 6)]
    sessions += [["K2", LEARNERS[2], f"{d}/12/2566", "มา" if d == 1 else "ขาด"] for d in range(1, 6)]
    attendance = titled("บันทึกเวลาเรียน", ["ลำดับ", "รหัสหลักสูตร", "เลขประจำตัวประชาชน", "วันที่", "การมาเรียน"],
                        [[n, *row] for n, row in enumerate(sessions, start=1)])
    visits = [["K1", LEARNERS[0], f"{d}/02/2567", "ใช่", "อาชีพเสริม", "ไม่ใช่", 3000 + 100 * (d - 1)]
              for d in range(1, 10)]  # rows 4-12: 3,000-3,800 baht a month
    visits += [
        ["K1", LEARNERS[0], "10/02/2567", "ใช่", "อาชีพเสริม", "ไม่ใช่", 60000],  # row 13: far above
        ["K2", LEARNERS[3], "1/03/2567", "ไม่ใช่", None, "ใช่", None],  # row 14: exemplary, not applied
        ["K2", LEARNERS[2], "2/03/2567", "ไม่ใช่", "อาชีพเสริม", "ไม่ใช่", None],  # row 15: how, not applied
        ["K5", LEARNERS[0], "5/03/2567", "ใช่", "ลดรายจ่าย", "ไม่ใช่", None],  # row 16: before K5 ended
    ]
    follow_ups = titled("การติดตามผู้จบหลักสูตร", ["ลำดับ", "รหัสหลักสูตร", "เลขประจำตัวประชาชน", "วันที่ติดตาม",
                                                 "การนำความรู้ไปใช้", "ลักษณะการนำไปใช้", "เป็นแบบอย่าง",
                                                 "รายได้หลังเรียน"], [[n, *v] for n, v in enumerate(visits, 1)])
    chili = [100, 104, 108, 112, 116, 120, 124, 128, 130, 50000]  # rows 4-13, the last far above
    sales = [["K1", "2567-01", "Chili paste" if n % 2 else "chili  PASTE ", value] for n, value in enumerate(chili)]
    sales += [["K1", "2567-02", "กะปิ", value] for value in [50] * 10 + [5000]]  # rows 14-24: MAD 0
    sales += [["K1", "2567-03", "ปลาเค็ม", 80] for _ in range(10)]  # rows 25-34: all equal
    sales += [["K1", "2567-04", "ขนมไทย", value] for value in (100, 100, 110, 120, 9000)]  # rows 35-39: too few
    sales += [["K5", "2567-02", "ผ้าทอ", 500]]  # row 40: K5 starts in March
    sales_sheet = titled("รายได้จากการจำหน่าย", ["ลำดับ", "ชื่อกลุ่ม", "รหัสหลักสูตร", "เดือน", "สินค้า", "รายได้"],
                         [[n, f"กลุ่ม {n}", *sale] for n, sale in enumerate(sales, start=1)])
    return {"หลักสูตร": courses, "ผู้เรียน": enrolments, "เวลาเรียน": attendance, "ติดตามผล": follow_ups,
            "รายได้": sales_sheet}


def other_district_sheets() -> dict[str, list[list[object]]]:
    learner = thai_id(99)
    return {
        "หลักสูตร": courses_sheet(course_row(1, "M1", centre=OTHER_DISTRICT, start="1/11/2566", end="10/11/2566")),
        "ผู้เรียน": titled("ทะเบียนผู้เรียน", ["ลำดับ", "รหัสหลักสูตร", "เลขประจำตัวประชาชน", "ชื่อ-สกุล",
                                          "ผลการประเมิน"], [[1, "M1", learner, "นายเมือง ฉะเชิงเทรา", "ผ่าน"]]),
        "ติดตามผล": titled("ติดตาม", ["ลำดับ", "รหัสหลักสูตร", "เลขประจำตัวประชาชน", "วันที่ติดตาม",
                                     "การนำความรู้ไปใช้", "เป็นแบบอย่าง"], [[1, "M1", learner, "1/02/2567", "ไม่ใช่", "ใช่"]]),
    }


@pytest.fixture
def loaded(con: duckdb.DuckDBPyConnection, files: Files) -> duckdb.DuckDBPyConnection:
    for name, sheets in ((WORKBOOK, phimpha_sheets()), ("เมือง_2567.xlsx", other_district_sheets())):
        report = load(con, files.write(name, sheets))
        assert report.status == "loaded", report.errors
    return con


def where(found, check: str) -> list[tuple[object, ...]]:
    rows = found[found["check"] == check]
    return sorted(zip(rows.course_code, rows.file_name, rows.source_sheet, rows.source_row))


# ---------------------------------------------------------------- findings and where they came from

PLANTED = [
    ("results_missing", [("K3", WORKBOOK, "ผู้เรียน", 8)]),
    ("course_without_learners", [("K4", WORKBOOK, "หลักสูตร", 7)]),
    ("follow_up_overdue", [("K1", WORKBOOK, "ผู้เรียน", 5)]),
    ("sale_outlier", [("K1", WORKBOOK, "รายได้", 13), ("K1", WORKBOOK, "รายได้", 24)]),
    ("income_after_high", [("K1", WORKBOOK, "ติดตามผล", 13)]),
    ("exemplary_not_applied", [("K2", WORKBOOK, "ติดตามผล", 14)]),
    ("how_without_applied", [("K2", WORKBOOK, "ติดตามผล", 15)]),
    ("followup_before_end", [("K5", WORKBOOK, "ติดตามผล", 16)]),
    ("pass_below_threshold", [("K2", WORKBOOK, "ผู้เรียน", 6)]),
    ("sale_before_course", [("K5", WORKBOOK, "รายได้", 40)]),
]


@pytest.mark.parametrize(("check", "expected"), PLANTED, ids=[check for check, _ in PLANTED])
def test_each_planted_problem_is_found_on_its_file_sheet_and_row(loaded, check: str, expected: list) -> None:
    assert where(findings(loaded, 2567, "2404", TODAY), check) == expected


def test_every_check_is_planted_once_and_nothing_else_is_found(loaded) -> None:
    found = findings(loaded, 2567, "2404", TODAY)

    assert [check for check, _ in PLANTED] == [check.code for check in CHECKS]
    assert len(found) == sum(len(rows) for _, rows in PLANTED)  # the equal, constant and small groups: none
    assert tuple(found.columns) == FINDING_COLUMNS
    assert list(found["check"].drop_duplicates()) == [check.code for check in CHECKS]  # in declared order


def test_a_finding_says_the_value_and_what_it_was_compared_with(loaded) -> None:
    found = findings(loaded, 2567, "2404", TODAY).set_index("check")

    sale = found.loc["sale_outlier"].iloc[0]
    assert sale.value == 50000
    assert "50,000.00 บาท" in sale.detail_th and "median 118.00 baht" in sale.detail_en
    assert "10 rows" in sale.detail_en
    assert found.loc["pass_below_threshold"].detail_en == "pass, but attended 20.00%, under the threshold of 80.00%"
    assert found.loc["sale_before_course"].detail_th == "'ผ้าทอ' เดือน ก.พ. 2567 แต่หลักสูตรเริ่ม 1 มี.ค. 2567"
    assert found.loc["follow_up_overdue"].where_en == f"{WORKBOOK} · sheet ผู้เรียน · row 5"
    assert found.loc["follow_up_overdue"].where_th == f"{WORKBOOK} · ชีต ผู้เรียน · แถว 5"


def test_learners_appear_masked_never_by_name_or_whole_id(loaded) -> None:
    found = findings(loaded, 2567, "2404", TODAY)
    text = found.astype(str).to_string()

    assert found.set_index("check").loc["follow_up_overdue"].learner_id_masked == MASK + LEARNERS[1][-4:]
    assert not any(learner in text for learner in LEARNERS)
    assert "สมใจ" not in text and "มาลี" not in text
    assert set(found["learner_id_masked"]) <= {""} | {MASK + learner[-4:] for learner in LEARNERS}


def test_a_row_typed_into_the_form_says_so_instead_of_a_file(loaded) -> None:
    learner = loaded.execute("SELECT learner_id FROM enrolments WHERE course_code = 'K1' AND learner_id_last4 = ?",
                             [LEARNERS[1][-4:]]).fetchone()[0]
    visit = Visit(dt.date(2024, 4, 1), applied=False, exemplary=True)
    record_follow_up(loaded, Actor("kru", TEACHER, "240409"), "240409", "K1", learner, visit, today=TODAY)

    found = findings(loaded, 2567, "2404", TODAY)
    typed = found[(found["check"] == "exemplary_not_applied") & (found["source"] == "form")].iloc[0]
    assert (typed.file_name, typed.source_sheet, typed.source_row) == (None, None, None)
    assert "form" in typed.where_en and "แบบฟอร์ม" in typed.where_th


@pytest.mark.parametrize(("unit", "centres"), [
    ("2404", {"240409"}), ("240409", {"240409"}), ("2401", {OTHER_DISTRICT}), ("TH", {"240409", OTHER_DISTRICT}),
])
def test_a_unit_sees_only_its_own_centres_findings(loaded, unit: str, centres: set[str]) -> None:
    assert set(findings(loaded, 2567, unit, TODAY)["centre_code"]) == centres


def test_another_fiscal_year_has_nothing_and_an_unknown_unit_is_an_error(loaded) -> None:
    assert findings(loaded, 2568, "2404", TODAY).empty
    assert check_counts(findings(loaded, 2568, "2404", TODAY))["findings"].sum() == 0
    with pytest.raises(PimpaError):
        findings(loaded, 2567, "9999", TODAY)


def test_before_the_courses_end_nothing_is_missing_yet(loaded) -> None:
    early = findings(loaded, 2567, "2404", dt.date(2023, 11, 5))
    assert not set(early["check"]) & {"results_missing", "course_without_learners", "follow_up_overdue"}


def test_checks_are_declared_with_rules_in_both_languages() -> None:
    assert len({check.code for check in CHECKS}) == len(CHECKS)
    for check in CHECKS:
        assert check.section in SECTIONS and check.th and check.en and check.rule_th and check.rule_en
    assert "0.6745" in next(c for c in CHECKS if c.code == "sale_outlier").rule_en


# ---------------------------------------------------------------- what arrived, by the month it is about

EXPECTED_ARRIVALS = {
    "2023_11_courses": 1, "2023_12_courses": 1, "2024_01_courses": 1, "2024_02_courses": 1, "2024_03_courses": 1,
    "2023_11_attendance": 2, "2023_12_attendance": 10,
    "2024_02_follow_ups": 10, "2024_03_follow_ups": 3,
    "2024_01_sales": 10, "2024_02_sales": 12, "2024_03_sales": 10, "2024_04_sales": 5,
}


def test_arrivals_count_each_record_in_the_month_it_is_about(loaded) -> None:
    grid = arrivals(loaded, 2567, "2404").set_index("centre_code")

    assert len(grid) == 12  # every centre of อำเภอบางปะกง, those that sent nothing too
    phimpha = grid.loc["240409"]
    counts = {name: int(phimpha[name]) for name, _, _ in arrival_columns(2567) if phimpha[name]}
    assert counts == EXPECTED_ARRIVALS
    assert grid.drop(index="240409").drop(columns="centre_name").to_numpy().sum() == 0


def test_the_upload_date_does_not_move_a_record(loaded) -> None:
    before = arrivals_long(loaded, 2567, "2404")
    loaded.execute("UPDATE batches SET loaded_at = TIMESTAMP '2030-05-05 10:00:00'")
    assert arrivals_long(loaded, 2567, "2404").equals(before)


def test_the_country_lists_centres_with_courses_not_every_subdistrict(loaded) -> None:
    long = arrivals_long(loaded, 2567, "TH")
    assert set(long["centre_code"]) == {"240409", OTHER_DISTRICT}
    assert len(long) == 2 * 12 * 4
    assert arrival_columns(2567)[0] == ("2023_10_courses", dt.date(2023, 10, 1), "courses")


# ---------------------------------------------------------------- the robust z-score

def outliers_of(values: list[float], high_only: bool = False) -> list[float]:
    rows = ", ".join(f"({value})" for value in values)
    grouping = Grouping(f"SELECT 'g' AS grp, x::DOUBLE AS x FROM (VALUES {rows}) t(x)", high_only)
    found = duckdb.connect().execute(grouping.sql(), {"z_limit": 3.5, "min_group": MIN_GROUP}).fetchall()
    return sorted(row[1] for row in found)


@pytest.mark.parametrize(("values", "high_only", "expected"), [
    ([100, 104, 108, 112, 116, 120, 124, 128, 130, 50000], False, [50000]),
    ([50] * 10 + [5000], False, [5000]),  # MAD 0: the mean absolute deviation decides
    ([80] * 10, False, []),  # MAD and mean deviation both 0: nothing
    ([100, 100, 110, 120, 9000], False, []),  # fewer than MIN_GROUP rows: not judged
    ([100, 101, 99, 102, 98, 100, 103, 97, 1], False, [1]),  # a low outlier
    ([100, 101, 99, 102, 98, 100, 103, 97, 1], True, []),  # ... not judged when only highs count
    ([100, 101, 99, 102, 98, 100, 103, 97, 104, 96], False, []),  # an ordinary spread
], ids=["far above", "mad zero", "all equal", "too few", "far below", "high only", "ordinary"])
def test_robust_z_flags(values: list[float], high_only: bool, expected: list[float]) -> None:
    assert outliers_of(values, high_only) == expected


@given(value=st.integers(min_value=0, max_value=10_000_000), size=st.integers(min_value=1, max_value=40))
def test_a_constant_group_never_has_an_outlier(value: int, size: int) -> None:
    assert outliers_of([value] * size) == []


@given(st.lists(st.integers(min_value=0, max_value=1_000_000), min_size=1, max_size=MIN_GROUP - 1))
def test_a_group_under_the_minimum_is_never_judged(values: list[int]) -> None:
    assert outliers_of(values) == []


"""Quality standard 1 (DESIGN.md §2) on hand-worked rows: facts, indicators, trend, SAR table, CLI."""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest
from quality_rows import (
    BANG_PAKONG_CENTRE,
    MUEANG_CENTRE,
    PHIMPHA,
    THA_SA_AN,
    course,
    enrol,
    open_db,
    phimpha_2567,
)

from pimpa_data.cli import indicators as cli_indicators
from pimpa_data.core.errors import PimpaError
from pimpa_data.measures.facts import facts
from pimpa_data.measures.indicators import INDICATORS, INDICATORS_BY_CODE, compute, rounded_pct, sar_table, trend
from pimpa_data.measures.targets import set_attendance_threshold, set_target


@pytest.fixture
def con(tmp_path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    connection = open_db(tmp_path)
    phimpha_2567(connection)
    yield connection
    connection.close()


def row_of(frame, unit_code: str) -> dict:
    found = frame[frame.unit_code == unit_code]
    assert len(found) == 1, found
    return found.iloc[0].to_dict()


# ---------------------------------------------------------------- facts, one rule a line

@pytest.mark.parametrize(("course_code", "learner", "mode", "attended", "required", "graduate"), [
    ("K1", "p1", None, None, None, True),  # no attendance records: ผ่าน alone makes a graduate
    ("K1", "p2", None, None, None, False),  # ไม่ผ่าน
    ("K1", "p3", None, None, None, False),  # pending
    ("K2", "h80", "hours", Decimal("8.00"), Decimal("10.00"), True),  # exactly 80 %
    ("K2", "h79", "hours", Decimal("7.99"), Decimal("10.00"), False),  # 79.9 %
    ("K2", "hmiss", "hours", Decimal("0.00"), Decimal("10.00"), False),  # no rows in a recorded course
    ("K2", "hfail", "hours", Decimal("10.00"), Decimal("10.00"), False),  # full attendance, ไม่ผ่าน
    ("K3", "s4", "presence", Decimal("4.00"), Decimal("5.00"), True),  # 4 of 5 dates held
    ("K3", "s3", "presence", Decimal("3.00"), Decimal("5.00"), False),  # ลา is not มา
    ("K4", "p1", None, None, None, True),  # starts in FY 2566, ends in FY 2567
])
def test_each_enrolment_fact(con, course_code, learner, mode, attended, required, graduate):
    table = facts(con, 2567)
    row = table[(table.course_code == course_code) & (table.learner_id == learner)].iloc[0]
    assert (row.fiscal_year, row.attendance_mode, row.attended, row.required, row.is_graduate) == (
        2567, mode, attended, required, graduate)


def test_a_course_belongs_to_the_fiscal_year_it_ends_in(con):
    assert set(facts(con, 2567).course_code) == {"K1", "K2", "K3", "K4"}
    assert list(facts(con, 2568).course_code) == ["K5"]


def test_units_of_an_enrolment_come_from_its_centre_code(con):
    row = facts(con, 2567).iloc[0]
    assert (row.centre_code, row.district_code, row.province_code, row.country_code) == (
        PHIMPHA, "2404", "24", "TH")


def test_pending_is_neither_enrolled_nor_graduate(con):
    table = facts(con, 2567)
    pending = table[table.learner_id == "p3"].iloc[0]
    assert (pending.is_enrolled, pending.is_pending, pending.is_graduate) == (False, True, False)


def test_the_threshold_is_a_setting(con):
    set_attendance_threshold(con, 79, "admin")
    table = facts(con, 2567)
    assert set(table[table.is_graduate].learner_id) == {"p1", "h80", "h79", "s4"}
    assert set(facts(con, 2567, threshold_pct=Decimal("80.01")).query("is_graduate").learner_id) == {"p1"}


# ---------------------------------------------------------------- indicators

WORKED = {  # กศน.ตำบลพิมพา, FY 2567: see quality_rows.phimpha_2567
    "enrolled": 9, "pending": 1, "graduates": 4, "followed_up": 3, "applied": 2, "exemplary": 1,
    "coverage_pct": 75.0,
    "numerator_1_1": 4, "denominator_1_1": 9, "numerator_1_2": 2, "denominator_1_2": 4,
    "numerator_1_3": 1, "denominator_1_3": 2, "value_pct_1_2": 50.0, "value_pct_1_3": 50.0,
    "target_pct_1_1": Decimal("80.00"), "target_pct_1_3": Decimal("10.00"),
    "quality_level_th_1_1": "ต้องปรับปรุง", "quality_level_th_1_2": "ต้องปรับปรุง",
    "quality_level_th_1_3": "ดีเยี่ยม", "quality_level_en_1_3": "Excellent",
}


def test_the_worked_centre(con):
    row = row_of(compute(con, 2567, "centre", "2404"), PHIMPHA)
    assert {key: row[key] for key in WORKED} == WORKED
    assert row["value_pct_1_1"] == pytest.approx(400 / 9)
    assert row["name_th"] == "กศน.ตำบลพิมพา"


def test_a_unit_without_data_has_no_value_rather_than_zero(con):
    row = row_of(compute(con, 2567, "centre", "2404"), THA_SA_AN)
    assert row["enrolled"] == 0 and row["coverage_pct"] is None
    for indicator in INDICATORS:
        assert row[indicator.column("value_pct")] is None
        assert row[indicator.column("quality_level_th")] is None
        assert row[indicator.column("target_pct")] is not None


def test_zero_numerator_is_zero_percent_but_zero_denominator_is_no_data(con):
    course(con, "B1", "2024-02-01", centre=BANG_PAKONG_CENTRE)
    enrol(con, "B1", "b1")
    enrol(con, "B1", "b2")
    row = row_of(compute(con, 2567, "centre", "2404"), BANG_PAKONG_CENTRE)
    assert (row["value_pct_1_1"], row["value_pct_1_2"], row["value_pct_1_3"]) == (100.0, 0.0, None)
    assert (row["quality_level_th_1_2"], row["quality_level_th_1_3"]) == ("ต้องปรับปรุง", None)


def test_units_within_a_district_are_its_twelve_centres(con):
    course(con, "M1", "2024-02-01", centre=MUEANG_CENTRE)
    enrol(con, "M1", "m1")
    table = compute(con, 2567, "centre", "2404")
    assert list(table.unit_code) == [f"2404{n:02d}" for n in range(1, 13)]
    assert table.enrolled.sum() == 9


@pytest.mark.parametrize(("level", "unit", "code", "units"), [
    ("district", "24", "2404", 11),
    ("province", "TH", "24", 77),
    ("country", None, "TH", 1),
    ("district", "2404", "2404", 1),
])
def test_higher_levels_add_up_the_same_facts(con, level, unit, code, units):
    table = compute(con, 2567, level, unit)
    assert len(table) == units
    row = row_of(table, code)
    assert (row["enrolled"], row["graduates"], row["applied"], row["exemplary"]) == (9, 4, 2, 1)


@pytest.mark.parametrize(("level", "unit", "message"), [
    ("district", PHIMPHA, "below the district level"),
    ("centre", "9999", "no unit with code 9999"),
    ("centre", "24041", "unit code '24041' is not valid"),
    ("region", "TH", "unknown level 'region'"),
])
def test_a_scope_that_cannot_be_computed_says_why(con, level, unit, message):
    with pytest.raises(PimpaError, match=message):
        compute(con, 2567, level, unit)


# Quality level from result ÷ target (graduates of 25 enrolled against a centre target).
@pytest.mark.parametrize(("graduates", "enrolled", "target", "level"), [
    (20, 25, "80", "ดีเยี่ยม"),  # 80 / 80 = 1.00
    (18, 25, "80", "ดีมาก"),  # 72 / 80 = 0.90 exactly
    (16, 25, "80", "ดี"),  # 64 / 80 = 0.80
    (14, 25, "80", "พอใช้"),  # 56 / 80 = 0.70
    (13, 25, "80", "ต้องปรับปรุง"),  # 52 / 80 = 0.65
    (1, 3, "37.03", "ดีมาก"),  # 33.33… / 37.03 = 0.90017
    (1, 3, "37.04", "ดี"),  # 33.33… / 37.04 = 0.89993
    (7, 10, "100", "พอใช้"),  # 0.7, which floats make 0.6999…
])
def test_quality_level_band_edges(tmp_path, graduates, enrolled, target, level):
    con = open_db(tmp_path)
    course(con, "Q", "2024-01-10")
    for n in range(enrolled):
        enrol(con, "Q", f"l{n}", "pass" if n < graduates else "fail")
    set_target(con, 2567, PHIMPHA, "1.1", target, "admin")
    assert row_of(compute(con, 2567, "centre", "2404"), PHIMPHA)["quality_level_th_1_1"] == level
    con.close()


def test_targets_come_from_the_nearest_unit_for_every_unit_at_once(con):
    set_target(con, None, "2404", "1.1", "70", "admin")
    set_target(con, 2567, PHIMPHA, "1.1", "50", "admin")
    table = compute(con, 2567, "centre", "2404")
    assert row_of(table, PHIMPHA)["target_pct_1_1"] == Decimal("50.00")
    assert row_of(table, THA_SA_AN)["target_pct_1_1"] == Decimal("70.00")
    assert row_of(table, PHIMPHA)["quality_level_th_1_1"] == "ดี"  # 44.4 / 50 = 0.89


def test_trend_gives_each_fiscal_year_of_the_unit(con):
    table = trend(con, PHIMPHA)
    assert list(table.fiscal_year) == [2567, 2568]
    assert list(table.enrolled) == [9, 1]
    assert list(trend(con, PHIMPHA, 2566, 2568).value_pct_1_1) == [None, pytest.approx(400 / 9), 100.0]


def test_sar_table_is_one_row_per_unit_and_indicator(con):
    table = sar_table(con, 2567, "district", "2404")
    assert list(table.indicator) == ["1.1", "1.2", "1.3"]
    assert list(table.numerator) == [4, 2, 1] and list(table.denominator) == [9, 4, 2]
    assert table.indicator_th[1] == "ผู้จบหลักสูตรนำความรู้ไปใช้หรือประยุกต์ใช้"
    assert list(table.graduates) == [4, 4, 4]


@pytest.mark.parametrize(("code", "numerator", "denominator"), [
    ("1.1", "ผู้จบหลักสูตร", "ผู้เรียนที่มีผลการประเมิน"),
    ("1.2", "ผู้จบหลักสูตรที่นำความรู้ไปใช้", "ผู้จบหลักสูตร"),
    ("1.3", "ผู้ที่นำไปใช้จนเห็นเป็นประจักษ์/เป็นตัวอย่างที่ดี", "ผู้จบหลักสูตรที่นำความรู้ไปใช้"),
])
def test_indicators_are_declared_with_labelled_parts(code, numerator, denominator):
    indicator = INDICATORS_BY_CODE[code]
    assert (indicator.numerator_count.th, indicator.denominator_count.th) == (numerator, denominator)
    assert indicator.unit == "%" and indicator.th and indicator.en and indicator.th_full


@pytest.mark.parametrize(("numerator", "denominator", "expected"), [
    (4, 9, Decimal("44.44")), (2, 3, Decimal("66.67")), (1, 32, Decimal("3.13")), (0, 5, Decimal("0.00")),
    (0, 0, None),
])
def test_rounded_percentages_are_exact(numerator, denominator, expected):
    assert rounded_pct(numerator, denominator) == expected


# ---------------------------------------------------------------- CLI

def run_cli(con, capsys, *options: str) -> tuple[int, str]:
    parser = argparse.ArgumentParser()
    cli_indicators.add_parser(parser.add_subparsers())
    args = parser.parse_args(["indicators", *options])
    code = args.func(args, con)
    return code, capsys.readouterr().out


def test_cli_csv_header_and_rows(con, capsys):
    code, out = run_cli(con, capsys, "--fiscal-year", "2567", "--unit", "2404", "--format", "csv")
    lines = out.splitlines()
    assert code == 0
    assert lines[0] == (
        "fiscal_year,unit_code,unit_name,indicator,numerator,denominator,value_pct,target_pct,quality_level"
    )
    assert len(lines) == 1 + 12 * 3
    assert lines[1:4] == [
        "2567,240401,กศน.ตำบลบางปะกง,1.1,0,0,,80.00,",
        "2567,240401,กศน.ตำบลบางปะกง,1.2,0,0,,80.00,",
        "2567,240401,กศน.ตำบลบางปะกง,1.3,0,0,,10.00,",
    ]
    assert lines[25:28] == [
        "2567,240409,กศน.ตำบลพิมพา,1.1,4,9,44.44,80.00,ต้องปรับปรุง",
        "2567,240409,กศน.ตำบลพิมพา,1.2,2,4,50.00,80.00,ต้องปรับปรุง",
        "2567,240409,กศน.ตำบลพิมพา,1.3,1,2,50.00,10.00,ดีเยี่ยม",
    ]


def test_cli_json_carries_the_counts(con, capsys):
    _, out = run_cli(con, capsys, "--fiscal-year", "2567", "--level", "country", "--format", "json")
    records = json.loads(out)
    assert [r["indicator"] for r in records] == ["1.1", "1.2", "1.3"]
    expected = {
        "fiscal_year": 2567, "unit_code": "TH", "unit_name": "ประเทศไทย", "numerator": 4, "denominator": 9,
        "value_pct": 44.44, "target_pct": 80.0, "quality_level": "ต้องปรับปรุง", "enrolled": 9, "pending": 1,
        "graduates": 4, "followed_up": 3, "applied": 2, "exemplary": 1, "coverage_pct": 75.0,
    }
    assert {key: records[0][key] for key in expected} == expected


def test_cli_text_is_an_aligned_table_with_both_languages(con, capsys):
    _, out = run_cli(con, capsys, "--fiscal-year", "2567", "--unit", "2404")
    header, _, *rows = out.splitlines()
    assert "ตัวบ่งชี้ Indicator" in header and "ระดับคุณภาพ Quality level" in header
    # Names with Thai marks above or below (ท่าสะอ้าน) line up with names without them.
    starts = {cli_indicators.display_width(row.split("  1.")[0]) for row in rows}
    assert len(rows) == 36 and len(starts) == 1

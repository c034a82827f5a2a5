"""Impact figures on hand-worked rows: sales by month, course, group and unit; income; cost per graduate."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest
from quality_rows import (
    BANG_PAKONG_CENTRE,
    PHIMPHA,
    THA_SA_AN,
    course,
    enrol,
    follow_up,
    open_db,
    phimpha_2567,
    sale,
)

from pimpa_data.core.errors import PimpaError
from pimpa_data.measures.impact import (
    Income,
    SalesTotals,
    applied_ways,
    cost_per_graduate,
    income,
    learners_by,
    sales_by,
    sales_totals,
)

D = Decimal
FISHERIES, FOOD = "ประมงและแปรรูปสัตว์น้ำ", "อาหารและเครื่องดื่ม"


@pytest.fixture
def con(tmp_path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    connection = open_db(tmp_path)
    phimpha_2567(connection)
    group_of = "UPDATE courses SET occupation_group = ? WHERE course_code IN ('K1', 'K5')"
    connection.execute(group_of, [FISHERIES])
    course(connection, "B1", "2024-02-01", centre=BANG_PAKONG_CENTRE, budget="700", occupation_group=FOOD)
    sale(connection, "K1", "2023-09-01", "999", learner="p1")  # FY 2566
    sale(connection, "K1", "2023-10-01", "1234.50", "234.25", learner="p1")
    sale(connection, "K1", "2024-09-01", "500.10", group="กลุ่มแม่บ้านพิมพา")  # no cost recorded
    sale(connection, "K5", "2024-03-01", "100", "40", learner="q1")  # course ends in FY 2568, sale in 2567
    sale(connection, "K1", "2024-10-01", "7", learner="p1")  # FY 2568
    sale(connection, "B1", "2024-01-01", "200", "50", group="กลุ่มน้ำพริก")
    yield connection
    connection.close()


def money_rows(frame, *keys: str) -> list[tuple]:
    return [tuple(row) for row in frame[[*keys, "revenue_baht", "cost_baht", "profit_baht"]].values.tolist()]


@pytest.mark.parametrize(("by", "keys", "expected"), [
    ("month", ("month",), [
        (dt.date(2023, 10, 1), D("1234.50"), D("234.25"), D("1000.25")),
        (dt.date(2024, 1, 1), D("200.00"), D("50.00"), D("150.00")),
        (dt.date(2024, 3, 1), D("100.00"), D("40.00"), D("60.00")),
        (dt.date(2024, 9, 1), D("500.10"), D("0.00"), D("500.10")),
    ]),
    ("course", ("course_code",), [
        ("B1", D("200.00"), D("50.00"), D("150.00")),
        ("K1", D("1734.60"), D("234.25"), D("1500.35")),
        ("K5", D("100.00"), D("40.00"), D("60.00")),
    ]),
    ("occupation_group", ("occupation_group",), [
        (FISHERIES, D("1834.60"), D("274.25"), D("1560.35")),
        (FOOD, D("200.00"), D("50.00"), D("150.00")),
    ]),
    ("unit", ("unit_code",), [
        (BANG_PAKONG_CENTRE, D("200.00"), D("50.00"), D("150.00")),
        (PHIMPHA, D("1834.60"), D("274.25"), D("1560.35")),
    ]),
])
def test_sales_belong_to_the_fiscal_year_of_their_month(con, by, keys, expected):
    rows = money_rows(sales_by(con, 2567, by, "2404"), *keys)
    assert sorted(row for row in rows if row[1]) == expected


def test_every_month_of_the_fiscal_year_is_there_a_month_without_sales_as_zero(con):
    months = sales_by(con, 2567, "month", "2404")
    assert list(months["month"]) == [dt.date(2023 + (m < 10), m, 1) for m in (10, 11, 12, *range(1, 10))]
    november = months[months["month"] == dt.date(2023, 11, 1)].iloc[0]
    assert (november["revenue_baht"], november["cost_baht"], november["sales_rows"]) == (D(0), D(0), 0)


@pytest.mark.parametrize(("by", "key", "expected"), [
    ("group", "group_name", [(None, D("1334.50")), ("กลุ่มแม่บ้านพิมพา", D("500.10")), ("กลุ่มน้ำพริก", D("200.00"))]),
    ("product", "product", [("กะปิ", D("2034.60"))]),
    ("course", "course_code", [("K1", D("1734.60")), ("B1", D("200.00")), ("K5", D("100.00"))]),
])
def test_other_groupings_put_the_largest_revenue_first(con, by, key, expected):
    table = sales_by(con, 2567, by, "2404")
    assert list(zip(table[key], table.revenue_baht)) == expected


def test_sales_by_district_and_outside_the_unit(con):
    assert money_rows(sales_by(con, 2567, "unit", "24", "district"), "unit_code") == [
        ("2404", D("2034.60"), D("324.25"), D("1710.35"))]
    assert sales_by(con, 2567, "course", THA_SA_AN).empty


def test_sales_totals_of_a_centre(con):
    assert sales_totals(con, 2567, PHIMPHA) == SalesTotals(D("1834.60"), D("274.25"), D("1560.35"), 2, 1)
    assert sales_totals(con, 2567, THA_SA_AN) == SalesTotals(D(0), D(0), D(0), 0, 0)


def test_an_unknown_grouping_is_an_error(con):
    with pytest.raises(PimpaError, match="cannot group sales by 'colour'"):
        sales_by(con, 2567, "colour")


def set_incomes(con: duckdb.DuckDBPyConnection) -> None:
    """Graduates p1/K1, p1/K4, h80, s4; h79 is not one. Values per the latest follow-up."""
    update = ("UPDATE follow_ups SET income_before_baht = ?, income_after_baht = ?"
              " WHERE course_code = ? AND learner_id = ? AND followup_date = ?")
    con.execute(update, [None, D("5000"), "K1", "p1", dt.date(2024, 5, 1)])  # not the latest
    con.execute(update, [D("1000"), D("3000.01"), "K1", "p1", dt.date(2024, 6, 1)])
    con.execute(update, [D("2000"), D("2000.02"), "K4", "p1", dt.date(2023, 12, 1)])
    con.execute(update, [D("500"), D("0"), "K2", "h80", dt.date(2024, 6, 1)])
    follow_up(con, "K2", "h80", "2024-05-15", applied=False, after="800")  # earlier, so it does not count
    follow_up(con, "K3", "s4", "2024-07-01", how="รวมกลุ่มอาชีพ", after="1500")
    con.execute(update, [D("100"), D("9999"), "K2", "h79", dt.date(2024, 6, 1)])


def test_income_of_graduates_from_their_latest_follow_up(con):
    set_incomes(con)
    assert income(con, 2567, PHIMPHA) == Income(
        graduates=4, graduates_with_income=3, median_income_baht=D("2000.02"), compared=3,
        mean_before_baht=D("1166.67"), mean_after_baht=D("1666.68"),
        median_before_baht=D("1000.00"), median_after_baht=D("2000.02"),
    )


def test_the_median_of_an_even_count_keeps_the_half_satang(con):
    set_incomes(con)
    follow_up(con, "K2", "h80", "2024-08-01", after="1999.99")
    assert income(con, 2567, PHIMPHA).median_income_baht == D("2000.005")


def test_income_without_follow_ups_is_none_not_zero(con):
    assert income(con, 2567, THA_SA_AN) == Income(0, 0, None, 0, None, None, None, None)


@pytest.mark.parametrize(("fiscal_year", "unit", "expected"), [
    (2567, PHIMPHA, D("375.00")),  # (1000 + 500) / 4
    (2567, "2404", D("550.00")),  # (1000 + 500 + 700) / 4: a course without graduates still costs
    (2567, THA_SA_AN, None),  # G = 0
    (2568, PHIMPHA, D("0.00")),  # K5 records no budget
])
def test_cost_per_graduate(con, fiscal_year, unit, expected):
    assert cost_per_graduate(con, fiscal_year, unit) == expected


@pytest.mark.parametrize(("budget", "graduates", "expected"), [
    ("1000", 3, D("333.33")), ("2000", 3, D("666.67")), ("0", 2, D("0.00")),
])
def test_cost_per_graduate_rounds_to_the_satang(tmp_path, budget, graduates, expected):
    con = open_db(tmp_path)
    course(con, "C", "2024-01-01", budget=budget)
    for n in range(graduates):
        enrol(con, "C", f"g{n}")
    assert cost_per_graduate(con, 2567, PHIMPHA) == expected
    con.close()


PROFILE = {  # learner → (sex, target group)
    "p1": ("female", "แม่บ้าน"), "p2": ("female", "ผู้ว่างงาน"), "p3": ("male", "ผู้ว่างงาน"),
    "h80": ("female", "แม่บ้าน"), "h79": ("male", "เกษตรกร"), "hfail": ("male", "เกษตรกร"),
    "hmiss": ("female", "แม่บ้าน"), "s4": ("female", "แม่บ้าน"), "s3": ("male", "ผู้ว่างงาน"),
}


@pytest.mark.parametrize(("by", "expected"), [
    (("target_group", "sex"), {
        ("ผู้ว่างงาน", "female", 1, 1, 0), ("ผู้ว่างงาน", "male", 2, 2, 0),
        ("เกษตรกร", "male", 2, 2, 0), ("แม่บ้าน", "female", 5, 4, 4),
    }),
    (("sex",), {("female", 6, 5, 4), ("male", 4, 4, 0)}),
])
def test_learners_by_target_group_and_sex(con, by, expected):
    update = "UPDATE enrolments SET sex = ?, target_group = ? WHERE learner_id = ?"
    for learner, (sex, group) in PROFILE.items():
        con.execute(update, [sex, group, learner])
    table = learners_by(con, 2567, PHIMPHA, by)[[*by, "enrolments", "learners", "graduates"]]
    assert {tuple(row) for row in table.values.tolist()} == expected


def test_ways_graduates_applied_it(con):
    set_incomes(con)
    con.execute("UPDATE follow_ups SET applied_how = 'อาชีพหลัก' WHERE learner_id = 'h79'")  # not a graduate
    table = applied_ways(con, 2567, PHIMPHA)
    assert dict(zip(table.applied_how, table.graduates)) == {
        "ใช้ในชีวิตประจำวัน": 1, "ลดรายจ่าย": 1, "อาชีพเสริม": 1, "อาชีพหลัก": 0, "รวมกลุ่มอาชีพ": 1}

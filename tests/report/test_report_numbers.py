"""Every number in a report equals the indicators (sar_table, as the `indicators` command prints
them) and the dashboard's queries for that unit and year, in the DOCX and in the PDF."""

from __future__ import annotations

import re

import pytest
from report_support import (  # noqa: F401
    CENTRE,
    DIRECTOR,
    DISTRICT,
    YEAR,
    docx_tables,
    flat,
    pdf_text,
    report_con_fixture,
    report_db_fixture,
)

from pimpa_data.measures import impact, queries
from pimpa_data.measures.indicators import rounded_pct, sar_table
from pimpa_data.report import build_report
from pimpa_data.report.sections import INDICATOR_HEADERS

KINDS = [("best-practice", CENTRE), ("sar", DISTRICT)]


@pytest.fixture(scope="module")
def built(report_con):
    return {(kind, unit, fmt): build_report(report_con, DIRECTOR, unit, YEAR, kind, fmt).data
            for kind, unit in KINDS for fmt in ("docx", "pdf")}


def expected_rows(con, level: str, unit: str) -> list[list[str]]:
    """numerator, denominator, result %, target and level of each row, as the CLI prints them."""
    rows = []
    for r in sar_table(con, YEAR, level, unit).to_dict("records"):
        value = rounded_pct(r["numerator"], r["denominator"])
        rows.append([str(r["numerator"]), str(r["denominator"]), "–" if value is None else str(value),
                     str(r["target_pct"]), r["quality_level_th"]])
    return rows


def indicator_tables(data: bytes) -> list[list[list[str]]]:
    found = [table for table in docx_tables(data) if table[0] == INDICATOR_HEADERS]
    return [[[cell.replace(",", "") for cell in row[1:]] for row in table[1:]] for table in found]


@pytest.mark.parametrize("kind, unit", KINDS)
def test_the_units_indicator_table_in_the_docx_equals_the_indicators(built, report_con, kind, unit) -> None:
    level = "centre" if len(unit) == 6 else "district"
    tables = indicator_tables(built[(kind, unit, "docx")])

    assert tables[0] == expected_rows(report_con, level, unit)


def test_the_district_sar_has_a_table_per_centre_equal_to_the_indicators(built, report_con) -> None:
    tables = indicator_tables(built[("sar", DISTRICT, "docx")])
    expected = expected_rows(report_con, "centre", DISTRICT)

    assert len(tables) == 1 + 12
    assert [row for table in tables[1:] for row in table] == expected


@pytest.mark.parametrize("kind, unit", KINDS)
def test_the_pdf_prints_every_indicator_row_in_order(built, report_con, kind, unit, tmp_path) -> None:
    text = "\n".join(line for line in pdf_text(built[(kind, unit, "pdf")], tmp_path, layout=True).splitlines())
    rows = expected_rows(report_con, "centre" if len(unit) == 6 else "district", unit)
    if kind == "sar":
        rows += expected_rows(report_con, "centre", unit)
    position = 0
    for row in rows:
        pattern = r"\s+".join(re.escape(f"{int(cell):,}" if cell.isdigit() else cell) for cell in row)
        found = re.compile(pattern).search(text, position)
        assert found, f"row {row} not found after position {position}"
        position = found.end()


def test_courses_learners_ways_income_and_sales_equal_the_dashboards_queries(built, report_con) -> None:
    tables = docx_tables(built[("best-practice", CENTRE, "docx")])
    by_header = {table[0][0]: table for table in tables}
    courses = queries.courses(report_con, YEAR, CENTRE)
    assert [row[0] for row in by_header["หลักสูตร"][1:]] == list(courses["course_name"])
    assert [int(row[-2]) for row in by_header["หลักสูตร"][1:]] == list(courses["graduates"])
    learners = impact.learners_by(report_con, YEAR, CENTRE)
    assert by_header["กลุ่มเป้าหมาย"][-1][-2:] == [str(learners["enrolments"].sum()), str(learners["graduates"].sum())]
    ways = impact.applied_ways(report_con, YEAR, CENTRE)
    assert [(r[0], int(r[1])) for r in by_header["ลักษณะการนำความรู้ไปใช้"][1:]] == list(
        zip(ways["applied_how"], ways["graduates"]))
    income = impact.income(report_con, YEAR, CENTRE)
    assert by_header["รายการ"][1][1:] == [f"{income.mean_before_baht:,.0f}", f"{income.mean_after_baht:,.0f}"]
    products = impact.sales_by(report_con, YEAR, "product", CENTRE)
    assert [(r[0], r[1]) for r in by_header["สินค้า"][1:-1]] == [
        (p, f"{v:,.0f}") for p, v in zip(products["product"], products["revenue_baht"])]
    totals = impact.sales_totals(report_con, YEAR, CENTRE)
    assert by_header["ช่องทางการจำหน่าย"][-1] == ["รวม", *(f"{v:,.0f}" for v in (
        totals.revenue_baht, totals.cost_baht, totals.profit_baht))]


def test_the_pdf_states_the_sales_total(built, report_con, tmp_path) -> None:
    totals = impact.sales_totals(report_con, YEAR, CENTRE)
    text = flat(pdf_text(built[("best-practice", CENTRE, "pdf")], tmp_path))

    assert flat(f"รายได้จากการจำหน่ายรวม {totals.revenue_baht:,.0f} บาท") in text

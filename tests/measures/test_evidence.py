"""The rows behind every indicator cell, names only when allowed, and the assessor's flags."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from quality_rows import PHIMPHA, THA_SA_AN, follow_up, open_db, phimpha_2567

from pimpa_data.core.audit import buffer_of
from pimpa_data.core.errors import PimpaError
from pimpa_data.measures.evidence import FLAGS, cell_rows, count_rows, flags
from pimpa_data.measures.indicators import INDICATORS_BY_CODE, compute


@pytest.fixture
def con(tmp_path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    connection = open_db(tmp_path)
    phimpha_2567(connection)
    yield connection
    connection.close()


def key_list(rows) -> list[tuple[str, str]]:
    """(course, learner) of each row, the learner read back from the test name นางชื่อ<id> ใจดี."""
    named = zip(rows.course_code, rows.learner_name)
    return [(course, name.removeprefix("นางชื่อ").removesuffix(" ใจดี")) for course, name in named]


def keys(rows) -> set[tuple[str, str]]:
    return set(key_list(rows))


GRADUATES = {("K1", "p1"), ("K2", "h80"), ("K3", "s4"), ("K4", "p1")}
APPLIED = {("K1", "p1"), ("K4", "p1")}
ENROLLED = GRADUATES | {("K1", "p2"), ("K2", "h79"), ("K2", "hfail"), ("K2", "hmiss"), ("K3", "s3")}


@pytest.mark.parametrize(("indicator", "part", "expected"), [
    ("1.1", "numerator", GRADUATES),
    ("1.1", "denominator", ENROLLED),
    ("1.2", "numerator", APPLIED),
    ("1.2", "denominator", GRADUATES),
    ("1.3", "numerator", {("K1", "p1")}),
    ("1.3", "denominator", APPLIED),
])
def test_a_cell_lists_exactly_the_rows_it_counts(con, indicator, part, expected):
    rows = cell_rows(con, 2567, PHIMPHA, indicator, part, show_names=True)
    assert keys(rows) == expected
    figure = compute(con, 2567, "centre", PHIMPHA).iloc[0]
    assert len(rows) == figure[INDICATORS_BY_CODE[indicator].column(part)]


def test_a_row_shows_its_follow_ups_and_evidence(con):
    rows = cell_rows(con, 2567, PHIMPHA, "1.3", "numerator", show_names=True)
    row = rows.iloc[0].to_dict()
    assert {key: row[key] for key in (
        "course_code", "course_name", "learner_name", "learner_id_masked", "result_th", "applied_how",
        "exemplary", "evidence", "latest_followup_date")} == {
        "course_code": "K1", "course_name": "หลักสูตร K1", "learner_name": "นางชื่อp1 ใจดี",
        "learner_id_masked": "•••••••••8788", "result_th": "ผ่าน", "applied_how": "ลดรายจ่าย, อาชีพเสริม",
        "exemplary": True, "evidence": "รูปถ่ายร้านค้า", "latest_followup_date": dt.date(2024, 6, 1)}
    assert list(row["followup_dates"]) == [dt.date(2024, 4, 1), dt.date(2024, 5, 1), dt.date(2024, 6, 1)]


def test_evidence_said_again_at_a_later_visit_is_shown_once(con):
    follow_up(con, "K1", "p1", "2024-07-01", exemplary=True, evidence=" รูปถ่ายร้านค้า ")  # said again
    follow_up(con, "K1", "p1", "2024-08-01", exemplary=True, evidence="ใบเสร็จ")
    follow_up(con, "K1", "p1", "2024-09-01", exemplary=True, evidence="รูปถ่ายร้านค้า")
    [row] = cell_rows(con, 2567, PHIMPHA, "1.3", "numerator", show_names=True).itertuples()
    assert row.evidence == "รูปถ่ายร้านค้า | ใบเสร็จ"  # in the order first said


def test_attendance_is_shown_as_a_percentage(con):
    rows = cell_rows(con, 2567, PHIMPHA, "1.1", "denominator", show_names=True)
    assert dict(zip(key_list(rows), rows.attendance_pct)) == {
        ("K1", "p1"): None, ("K1", "p2"): None, ("K2", "h80"): 80.0, ("K2", "h79"): 79.9,
        ("K2", "hfail"): 100.0, ("K2", "hmiss"): 0.0, ("K3", "s4"): 80.0, ("K3", "s3"): 60.0,
        ("K4", "p1"): None}


def test_names_are_blank_unless_the_user_may_see_them(con):
    rows = cell_rows(con, 2567, PHIMPHA, "1.1", "denominator", show_names=False)
    assert set(rows.learner_name) == {""}
    assert set(rows.learner_id_masked) == {"•••••••••8788"}
    assert con.execute("SELECT count(*) FROM audit_log").fetchone()[0] == 0


def test_seeing_names_is_logged(con):
    cell_rows(con, 2567, PHIMPHA, "1.2", "numerator", show_names=True, who="assessor")
    buffer_of(con).flush(con)  # views are buffered, written in batches
    assert con.execute("SELECT who, action, detail FROM audit_log").fetchall() == [
        ("assessor", "view_names", f"fiscal_year=2567 unit={PHIMPHA} count=applied")]


def test_pending_results_are_listed(con):
    rows = count_rows(con, 2567, "2404", "pending", show_names=True)
    assert keys(rows) == {("K1", "p3")}
    assert rows.result_th.tolist() == ["รอผล"]


def test_a_unit_lists_only_its_own_rows(con):
    assert cell_rows(con, 2567, THA_SA_AN, "1.1", "denominator", show_names=True).empty


@pytest.mark.parametrize(("indicator", "part"), [("1.4", "numerator"), ("1.1", "value")])
def test_an_unknown_cell_is_an_error(con, indicator, part):
    with pytest.raises(PimpaError, match="no cell"):
        cell_rows(con, 2567, PHIMPHA, indicator, part, show_names=False)


@pytest.mark.parametrize(("code", "expected"), [
    ("exemplary_without_evidence", {("K4", "p1")}),
    ("never_followed_up", {("K3", "s4")}),
    ("pending_after_end", {("K1", "p3")}),
    ("pass_below_threshold", {("K2", "h79"), ("K2", "hmiss"), ("K3", "s3")}),
])
def test_assessor_flags(con, code, expected):
    follow_up(con, "K4", "p1", "2024-01-15", exemplary=True)  # exemplary, no evidence
    found = {item.flag.code: item for item in flags(con, 2567, PHIMPHA, True, today=dt.date(2024, 6, 1))}
    assert list(found) == [flag.code for flag in FLAGS]
    assert keys(found[code].rows) == expected
    assert found[code].flag.th and found[code].flag.en


def test_a_result_is_only_overdue_after_the_course_ended(con):
    caught = flags(con, 2567, PHIMPHA, False, today=dt.date(2024, 3, 15))
    found = {item.flag.code: item.rows for item in caught}
    assert found["pending_after_end"].empty
    assert found["exemplary_without_evidence"].empty

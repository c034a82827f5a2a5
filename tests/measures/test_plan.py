"""Plan against actual: learners against the target, money spent against the budget."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from quality_rows import PHIMPHA, THA_SA_AN, enrol, insert, open_db

from pimpa_data.measures import plan


def course(con, code: str, centre: str, target: int | None, budget: str | None, spent: str | None) -> None:
    insert(con, "courses", course_code=code, centre_code=centre, course_name=code, hours=Decimal(10),
           start_date=dt.date(2024, 3, 1), end_date=dt.date(2024, 3, 15), target_learners=target,
           budget_baht=Decimal(budget) if budget else None, spent_baht=Decimal(spent) if spent else None)


def test_per_course_and_per_centre(tmp_path: Path):
    con = open_db(tmp_path)
    course(con, "P1", PHIMPHA, 10, "10000", "9000")
    course(con, "P2", PHIMPHA, 20, "5000", None)  # spending not recorded yet
    course(con, "P3", THA_SA_AN, None, "2000", "2500")  # no target
    for n in range(8):
        enrol(con, "P1", f"a{n}")
    for n in range(21):
        enrol(con, "P2", f"b{n}")
    enrol(con, "P3", "c0")

    courses = plan.per_course(con, 2567, "2404").set_index("course_code")
    assert courses.loc["P1", "enrolled_pct"] == Decimal("80.0")
    assert courses.loc["P1", "spent_pct"] == Decimal("90.0")
    assert courses.loc["P2", "enrolled_pct"] == Decimal("105.0")
    assert courses.loc["P2", "spent_pct"] is None
    assert courses.loc["P3", "enrolled_pct"] is None and courses.loc["P3", "spent_pct"] == Decimal("125.0")

    centres = plan.per_centre(con, 2567, "2404").set_index("centre_code")
    phimpha = centres.loc[PHIMPHA]
    assert (phimpha["courses"], phimpha["target_learners"], phimpha["enrolled"]) == (2, 30, 29)
    assert phimpha["budget_baht"] == Decimal("15000") and phimpha["spent_baht"] == Decimal("9000")
    # 9,000 of P1's 10,000: P2's budget is not money saved while its spending is unrecorded
    assert phimpha["spent_pct"] == Decimal("90.0") and phimpha["courses_with_spending"] == 1
    assert phimpha["enrolled_pct"] == Decimal("96.7")
    assert centres.loc[THA_SA_AN, "enrolled_pct"] is None
    assert plan.per_centre(con, 2568, "2404").empty


def test_a_course_without_a_budget_does_not_inflate_the_share_spent(tmp_path: Path):
    con = open_db(tmp_path)
    course(con, "Q1", PHIMPHA, 10, "1000", "1000")
    course(con, "Q2", PHIMPHA, 10, None, "5000")  # spending recorded, no budget to set it against
    centre = plan.per_centre(con, 2567, PHIMPHA).iloc[0]
    assert centre["spent_pct"] == Decimal("100.0") and centre["spent_baht"] == Decimal("6000")

"""Numbers that surprise a teacher are explained where they are shown."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pandas as pd
from support import open_page

from pimpa_data.app.tables import explain_graduates


def test_a_pass_under_the_attendance_threshold_says_why_it_is_not_a_graduate() -> None:
    learners = pd.DataFrame({
        "result": ["pass", "pass", None, "fail"],
        "attendance_pct": [Decimal("50.0"), Decimal("95.0"), Decimal("90.0"), Decimal("40.0")],
        "passed_below_threshold": [True, False, False, False],
    })
    notes = list(explain_graduates(learners, Decimal(80), "th")["graduate_note"])
    assert notes[0] == "ผ่าน แต่เวลาเรียน 50% ต่ำกว่าเกณฑ์ 80% จึงยังไม่นับเป็นผู้จบหลักสูตร"
    assert notes[1] == "" and notes[3] == ""
    assert notes[2].startswith("รอผลการประเมิน")


def test_the_courses_page_has_the_note_beside_each_learner(app_db: Path) -> None:
    app = open_page("courses")
    assert "หมายเหตุ" in app.dataframe[1].value.columns


def test_the_overview_shows_pending_results_beside_the_learner_count(app_db: Path) -> None:
    app = open_page("overview")  # FY 2569: the newest courses still wait for results
    learners = next(metric for metric in app.metric if metric.label.startswith("ผู้เรียน"))
    assert learners.proto.delta.startswith("รอผล ")


def test_the_income_page_says_which_fiscal_year_a_sale_belongs_to(app_db: Path) -> None:
    app = open_page("income")
    assert any("ต.ค. 2568 นับในปีงบประมาณ 2569" in caption.value for caption in app.caption)


def test_the_follow_up_page_says_which_fiscal_year_a_visit_counts_in(app_db: Path) -> None:
    app = open_page("followup")
    assert any("นับในปีงบประมาณที่หลักสูตรจบ" in m.value for m in app.markdown)

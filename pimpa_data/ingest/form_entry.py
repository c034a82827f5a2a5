"""Records typed into the dashboard's forms: each save is a batch like an upload (source `form`),
checked by the same rules, undoable and audited.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import duckdb
import pandas as pd

from ..core.choices import APPLIED_WAYS
from ..core.errors import PimpaError
from ..core.kinds import FOLLOW_UPS
from ..core.roles import Actor, require_upload, require_within
from .bulk import FrameTable
from .store import Outcome, apply_upload

MAX_BAHT = Decimal(10_000_000)  # a month's income; more is a typing slip
FORM_LABEL = "แบบบันทึกการติดตาม (ฟอร์ม) / follow-up form"


@dataclass(frozen=True)
class Visit:
    """One follow-up visit of one graduate, as the form gives it."""

    followup_date: dt.date
    applied: bool
    applied_how: tuple[str, ...] = ()
    income_before_baht: Decimal | None = None
    income_after_baht: Decimal | None = None
    exemplary: bool = False
    evidence: str = ""
    note: str = ""


def record_follow_up(
    con: duckdb.DuckDBPyConnection, who: Actor, centre_code: str, course_code: str, learner_id: str, visit: Visit,
    today: dt.date | None = None,
) -> Outcome:
    """Save a visit of the graduate `learner_id` (the stored, keyed ID) of a course, as one batch.
    A second visit on the same day replaces the first (the key is course, learner and date)."""
    require_upload(who)
    require_within(who, centre_code)
    _check(visit, today or dt.date.today())
    row = {
        "centre_code": centre_code, "course_code": course_code, "learner_id": learner_id,
        "followup_date": visit.followup_date, "applied": visit.applied,
        "applied_how": ", ".join(c.value for c in APPLIED_WAYS if c.value in visit.applied_how) or None,
        "exemplary": visit.exemplary, "evidence": visit.evidence.strip() or None,
        "income_before_baht": visit.income_before_baht, "income_after_baht": visit.income_after_baht,
        "note": visit.note.strip() or None,
    }
    table = FrameTable(FOLLOW_UPS, pd.DataFrame([row]), list(row), label=FORM_LABEL)
    name = f"{FORM_LABEL}: {course_code} {visit.followup_date:%Y-%m-%d}"
    return apply_upload(con, [table], name, "", who, unit_prefix=who.prefix, source="form")


def _check(visit: Visit, today: dt.date) -> None:
    if visit.followup_date > today:
        raise PimpaError("วันที่ติดตามต้องไม่เป็นวันในอนาคต", "the follow-up date cannot be in the future")
    unknown = set(visit.applied_how) - {choice.value for choice in APPLIED_WAYS}
    if unknown:
        raise PimpaError(f"ไม่รู้จักลักษณะการนำไปใช้: {', '.join(sorted(unknown))}",
                         f"unknown ways of applying: {', '.join(sorted(unknown))}")
    for amount in (visit.income_before_baht, visit.income_after_baht):
        if amount is not None and not Decimal(0) <= amount <= MAX_BAHT:
            raise PimpaError("รายได้ต้องอยู่ระหว่าง 0 ถึง 10,000,000 บาทต่อเดือน",
                             "income must be between 0 and 10,000,000 baht a month")
    if len(visit.evidence) > 1000 or len(visit.note) > 1000:
        raise PimpaError("หลักฐานหรือหมายเหตุยาวเกิน 1,000 ตัวอักษร", "the evidence or note is over 1,000 characters")

"""Sample follow-ups of graduates, and the income they and their occupational groups earn.

Nothing is dated after `as_of` (the end of the newest fiscal year): the sample is a snapshot,
so graduates of the newest courses may still be waiting for a follow-up.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pyarrow as pa

from . import catalogue
from .learners import CoursePlan, Learners, join_text, pick_text, text_column

WAY_LABELS = tuple(
    ", ".join(way for bit, way in enumerate(catalogue.APPLIED_WAYS) if mask >> bit & 1) for mask in range(32)
)
INCOME_BITS = sum(1 << catalogue.APPLIED_WAYS.index(way) for way in catalogue.INCOME_WAYS)
PRODUCTS = tuple(idea.product for idea in catalogue.COURSE_IDEAS)
PRICES = np.array([idea.unit_price for idea in catalogue.COURSE_IDEAS])


def days(numbers: np.ndarray) -> np.ndarray:
    return numbers.astype("timedelta64[D]")


def follow_up_visits(
    rng: np.random.Generator, plan: CoursePlan, result: np.ndarray, course: np.ndarray, as_of: np.datetime64
) -> tuple[np.ndarray, np.ndarray]:
    """(enrolment, date) of each visit: ~3 in 4 who passed, 1–3 months after; some twice."""
    passed = np.flatnonzero(result == 1)
    followed = passed[rng.random(len(passed)) < 0.76]
    first = plan.end[course[followed]] + days(rng.integers(30, 92, len(followed)))
    again = rng.random(len(followed)) < 0.22
    second = first[again] + days(rng.integers(30, 92, int(again.sum())))
    enrolment, date = np.r_[followed, followed[again]], np.r_[first, second]
    keep = date <= as_of
    enrolment, date = enrolment[keep], date[keep]
    order = np.lexsort((date, enrolment))
    return enrolment[order], date[order]


def follow_ups(
    rng: np.random.Generator, plan: CoursePlan, learners: Learners, result: np.ndarray, as_of: np.datetime64
) -> tuple[pd.DataFrame, np.ndarray]:
    """The follow-up frame, and the enrolments whose follow-ups report income from the course."""
    enrolment, date = follow_up_visits(rng, plan, result, learners.course, as_of)
    n = len(enrolment)
    applied = rng.random(n) < 0.88
    weights = catalogue.APPLIED_WAY_WEIGHTS
    ways = (1 << rng.choice(5, size=n, p=weights)) | np.where(
        rng.random(n) < 0.4, 1 << rng.choice(5, size=n, p=weights), 0
    )
    ways[~applied] = 0
    earns = (ways & INCOME_BITS) != 0
    standout = rng.random(len(result)) < 0.11
    exemplary = applied & standout[enrolment]
    with_evidence = applied & (rng.random(n) < np.where(exemplary, 0.9, 0.75))
    before = rng.choice(np.array([0, 0, 1000, 1500, 2000, 3000, 4000, 4500, 6000]), size=n)
    after = before + rng.integers(5, 61, n) * 100
    frame = pd.DataFrame({
        "course_code": text_column(plan.code.take(pa.array(learners.course[enrolment]))),
        "learner_id": text_column(learners.learner_id.take(pa.array(learners.person[enrolment]))),
        "followup_date": date.astype("datetime64[s]"),
        "applied": applied,
        "applied_how": text_column(pick_text(WAY_LABELS, np.where(applied, ways, -1))),
        "exemplary": exemplary,
        "evidence": text_column(evidence(rng, exemplary, with_evidence)),
        "income_before_baht": np.where(earns, before, np.nan),
        "income_after_baht": np.where(earns, after, np.nan),
        "note": text_column(notes(rng, applied, exemplary)),
    })
    return frame, np.unique(enrolment[earns])


def evidence(rng: np.random.Generator, exemplary: np.ndarray, with_evidence: np.ndarray) -> pa.Array:
    n = len(exemplary)
    choices = catalogue.EVIDENCE + catalogue.EXEMPLARY_EVIDENCE
    usual = rng.integers(0, len(catalogue.EVIDENCE), n)
    special = len(catalogue.EVIDENCE) + rng.integers(0, len(catalogue.EXEMPLARY_EVIDENCE), n)
    return pick_text(choices, np.where(with_evidence, np.where(exemplary, special, usual), -1))


def notes(rng: np.random.Generator, applied: np.ndarray, exemplary: np.ndarray) -> pa.Array:
    n = len(applied)
    choices = catalogue.NOT_APPLIED_NOTES + catalogue.EXEMPLARY_NOTES
    why_not = rng.integers(0, len(catalogue.NOT_APPLIED_NOTES), n)
    praise = len(catalogue.NOT_APPLIED_NOTES) + rng.integers(0, len(catalogue.EXEMPLARY_NOTES), n)
    code = np.where(~applied & (rng.random(n) < 0.7), why_not, -1)
    return pick_text(choices, np.where(exemplary & (rng.random(n) < 0.4), praise, code))


def sales(
    rng: np.random.Generator, plan: CoursePlan, learners: Learners, result: np.ndarray,
    sellers: np.ndarray, centre_names: np.ndarray, as_of: np.datetime64,
) -> pd.DataFrame:
    """Monthly sales of graduates who earn from the course, then of the groups some courses form."""
    course = learners.course[sellers]
    month, seller = sales_months(rng, plan.end[course], as_of, first_gap=(1, 4), length=(2, 9))
    people = sales_rows(rng, plan, course[seller], month, typical_revenue=2500)
    seller_ids = learners.learner_id.take(pa.array(learners.person[sellers[seller]]))
    people.insert(0, "learner_id", text_column(seller_ids))
    people.insert(1, "group_name", text_column(pa.nulls(len(seller), pa.string())))
    graduates = np.bincount(learners.course[result == 1], minlength=len(plan.end))
    group_course = np.flatnonzero((graduates >= 5) & (rng.random(len(graduates)) < 0.2))
    month, row = sales_months(rng, plan.end[group_course], as_of, first_gap=(1, 3), length=(6, 13))
    groups = sales_rows(rng, plan, group_course[row], month, typical_revenue=12000)
    groups.insert(0, "learner_id", text_column(pa.nulls(len(row), pa.string())))
    group_names = occupational_groups(rng, plan, group_course, centre_names)
    groups.insert(1, "group_name", text_column(group_names.take(pa.array(row))))
    frame = pd.concat([people, groups], ignore_index=True)
    return frame.drop_duplicates(["learner_id", "group_name", "month", "product"], ignore_index=True)


def sales_months(
    rng: np.random.Generator, course_end: np.ndarray, as_of: np.datetime64,
    first_gap: tuple[int, int], length: tuple[int, int],
) -> tuple[np.ndarray, np.ndarray]:
    """(month, seller) rows: a run of consecutive months within 12 months after the course."""
    months = rng.integers(*length, len(course_end))
    seller = np.repeat(np.arange(len(course_end)), months)
    step = np.arange(len(seller)) - np.repeat(np.cumsum(months) - months, months)
    offset = rng.integers(*first_gap, len(course_end))[seller] + step
    end_month = course_end.astype("datetime64[M]")[seller]
    month = end_month + offset.astype("timedelta64[M]")
    keep = (offset <= 12) & (month <= as_of.astype("datetime64[M]"))
    return month[keep], seller[keep]


def sales_rows(
    rng: np.random.Generator, plan: CoursePlan, course: np.ndarray, month: np.ndarray, typical_revenue: int
) -> pd.DataFrame:
    n = len(course)
    idea = plan.idea[course]
    price = PRICES[idea]
    revenue_aimed = rng.lognormal(np.log(typical_revenue), 0.6, n)
    quantity = np.maximum(1, np.round(revenue_aimed / price)).astype(np.int64)
    revenue = quantity * price
    channel = rng.choice(len(catalogue.SALES_CHANNELS), size=n, p=catalogue.SALES_CHANNEL_WEIGHTS)
    return pd.DataFrame({
        "course_code": text_column(plan.code.take(pa.array(course))),
        "month": month.astype("datetime64[D]").astype("datetime64[s]"),
        "product": text_column(pick_text(PRODUCTS, idea)),
        "quantity": quantity,
        "revenue_baht": revenue,
        "cost_baht": np.round(revenue * rng.uniform(0.35, 0.65, n)).astype(np.int64),
        "channel": text_column(pick_text(catalogue.SALES_CHANNELS, channel)),
    })


def occupational_groups(
    rng: np.random.Generator, plan: CoursePlan, course: np.ndarray, centre_names: np.ndarray
) -> pa.Array:
    """'กลุ่มแม่บ้านพิมพา', 'กลุ่มอาชีพกะปิพิมพา', 'วิสาหกิจชุมชนกุ้งแห้งพิมพา'."""
    n = len(course)
    centre = pick_text(centre_names, plan.centre[course])
    product = pick_text([re.sub(r"\s*\(.*\)", "", name) for name in PRODUCTS], plan.idea[course])
    named = pa.concat_arrays([
        join_text("กลุ่มแม่บ้าน", centre),
        join_text("กลุ่มอาชีพ", product, centre),
        join_text("วิสาหกิจชุมชน", product, centre),
    ])
    template = rng.choice(3, size=n, p=[0.5, 0.3, 0.2])
    return named.take(pa.array(template * n + np.arange(n)))

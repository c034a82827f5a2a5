"""Realistic sample data, generated deterministically as canonical frames.

`generate()` returns one pandas DataFrame per record kind, with exactly the stored columns of
`kinds.py` in their order. The same arguments always give the same frames: every draw comes
from one numpy Generator seeded with `seed`, and the clock is never read. The work is done on
whole arrays (see learners.py), so even every subdistrict of the country is quick.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd
import pyarrow as pa

from ..core.dates import fiscal_year_bounds
from ..core.kinds import KINDS_BY_NAME
from ..core.reference import REFERENCE_CSV
from . import catalogue
from .learners import (
    FORMATS,
    Centres,
    CoursePlan,
    assess,
    attend,
    enrol,
    enrolment_frame,
    join_text,
    number_text,
    pick_text,
    text_column,
)
from .outcomes import follow_ups, sales

IDEAS = catalogue.COURSE_IDEAS
INSTRUCTOR_FEE_PER_HOUR = 200  # baht


@dataclass(frozen=True)
class Scale:
    district: str | None  # only this district's centres; None for the whole country
    courses_per_year: tuple[int, int]  # per centre, inclusive
    targets: tuple[int, ...]
    target_weights: tuple[float, ...]
    learners_beside_target: tuple[int, int]  # how many more or fewer enrol than the target
    weights: np.ndarray  # how likely each course idea is


SCALES = {
    "district": Scale("2404", (3, 5), (10, 12, 15, 20), (0.2, 0.3, 0.3, 0.2), (-3, 3),
                      np.array([idea.district_weight for idea in IDEAS])),
    "national": Scale(None, (2, 4), (10, 12, 15), (0.3, 0.4, 0.3), (-2, 2),
                      np.array([idea.national_weight for idea in IDEAS])),
}


def generate(
    scale: str = "district", fiscal_years: int = 3, seed: int = 2567, last_fiscal_year: int = 2569
) -> dict[str, pd.DataFrame]:
    """Sample frames keyed by kind name: Bang Pakong's 12 centres ("district") or every
    subdistrict ("national"), for the `fiscal_years` fiscal years (BE) ending with `last_fiscal_year`."""
    if scale not in SCALES:
        raise ValueError(f"scale must be one of {sorted(SCALES)}, not {scale!r}")
    if fiscal_years < 1:
        raise ValueError("fiscal_years must be at least 1")
    rng = np.random.default_rng(seed)
    centres = load_centres(SCALES[scale].district)
    years = np.arange(last_fiscal_year - fiscal_years + 1, last_fiscal_year + 1)
    as_of = np.datetime64(fiscal_year_bounds(last_fiscal_year)[1], "D")
    plan = plan_courses(rng, centres, years, SCALES[scale], as_of)
    learners = enrol(rng, plan, centres)
    attendance, ratio = attend(rng, plan, learners)
    result = assess(rng, plan, learners, ratio)
    followed, sellers = follow_ups(rng, plan, learners, result, as_of)
    frames = {
        "courses": course_frame(rng, plan, centres),
        "enrolments": enrolment_frame(rng, plan, centres, learners, result),
        "attendance": attendance,
        "follow_ups": followed,
        "sales": sales(rng, plan, learners, result, sellers, centres.name, as_of),
    }
    return {kind: frame[stored_names(kind)] for kind, frame in frames.items()}


def stored_names(kind: str) -> list[str]:
    """The columns a teacher's sheet of this kind holds; a row's course gives its centre."""
    record = KINDS_BY_NAME[kind]
    return [c.name for c in record.stored_columns if kind == "courses" or c.name != "centre_code"]


@lru_cache(maxsize=1)
def reference_table() -> pd.DataFrame:
    columns = ["subdistrict_code", "subdistrict_th", "district_code"]
    table = pd.read_csv(REFERENCE_CSV, dtype=str, usecols=columns)
    table["subdistrict_code"] = table["subdistrict_code"].str.zfill(6)
    table["district_code"] = table["district_code"].str.zfill(4)
    return table.sort_values("subdistrict_code", ignore_index=True)


def load_centres(district: str | None) -> Centres:
    table = reference_table()
    if district:
        table = table[table["district_code"] == district].reset_index(drop=True)
    position = pd.Series(np.arange(len(table)))
    by_district = position.groupby(table["district_code"].to_numpy())
    code = table["subdistrict_code"].to_numpy(dtype=object)
    return Centres(
        code=code,
        name=table["subdistrict_th"].to_numpy(dtype=object),
        abbreviation=np.array([catalogue.CENTRE_ABBREVIATIONS.get(c, c) for c in code], dtype=object),
        district_first=by_district.transform("min").to_numpy(),
        district_size=by_district.transform("size").to_numpy(),
    )


def distinct_ideas(rng: np.random.Generator, counts: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """For each centre-year, `count` different course ideas drawn by weight (Gumbel top-k)."""
    scores = np.log(weights / weights.sum()) + rng.gumbel(size=(len(counts), len(weights)))
    ranked = np.argsort(-scores, axis=1)
    row = np.repeat(np.arange(len(counts)), counts)
    return ranked[row, np.arange(len(row)) - np.repeat(np.cumsum(counts) - counts, counts)]


def plan_courses(
    rng: np.random.Generator, centres: Centres, years: np.ndarray, scale: Scale, as_of: np.datetime64
) -> CoursePlan:
    low, high = scale.courses_per_year
    counts = rng.integers(low, high + 1, len(centres.code) * len(years))
    centre_year = np.repeat(np.arange(len(counts)), counts)
    idea = distinct_ideas(rng, counts, scale.weights)
    first_day = np.array([fiscal_year_bounds(int(year))[0] for year in years], dtype="datetime64[D]")
    length = np.array([(fiscal_year_bounds(int(year))[1] - fiscal_year_bounds(int(year))[0]).days + 1
                       for year in years])
    year_index = centre_year % len(years)
    end = first_day[year_index] + rng.integers(0, length[year_index]).astype("timedelta64[D]")
    order = np.lexsort((end, centre_year))
    centre_year, idea, end, year_index = centre_year[order], idea[order], end[order], year_index[order]
    number = np.arange(len(order)) - np.repeat(np.cumsum(counts) - counts, counts) + 1
    centre = centre_year // len(years)
    course_format = choose_formats(rng, idea)
    hours = choose_hours(rng, course_format)
    target = rng.choice(scale.targets, size=len(order), p=scale.target_weights)
    n_learners = np.clip(target + rng.integers(scale.learners_beside_target[0],
                                               scale.learners_beside_target[1] + 1, len(order)), 8, 20)
    start, first_session, session_dates = schedule(rng, end, hours // 3, course_format)
    code = join_text(pick_text(centres.abbreviation, centre), "-", number_text(years[year_index]), "-",
                     number_text(number, 2))
    hours_mode = (course_format == 1) & (rng.random(len(order)) < 0.35)
    return CoursePlan(
        centre=centre, fiscal_year=years[year_index], code=code, idea=idea, course_format=course_format,
        target_learners=target, hours=hours, hours_mode=hours_mode,
        start=start, end=end, first_session=first_session, n_sessions=hours // 3,
        session_dates=session_dates, n_learners=n_learners,
        pending=end > as_of - np.timedelta64(30, "D"),
    )


def choose_formats(rng: np.random.Generator, idea: np.ndarray) -> np.ndarray:
    """0 กลุ่มสนใจ, 1 ชั้นเรียนวิชาชีพ, 2 ฝึกอบรมประชาชน."""
    vocational_share = np.array([course.vocational_share for course in IDEAS])[idea]
    vocational = rng.random(len(idea)) < vocational_share
    public = ~vocational & (rng.random(len(idea)) < 0.07)
    return np.where(vocational, 1, np.where(public, 2, 0))


def choose_hours(rng: np.random.Generator, course_format: np.ndarray) -> np.ndarray:
    n = len(course_format)
    interest = rng.choice(catalogue.INTEREST_HOURS, size=n, p=catalogue.INTEREST_HOURS_WEIGHTS)
    vocational = rng.choice(catalogue.VOCATIONAL_HOURS, size=n, p=catalogue.VOCATIONAL_HOURS_WEIGHTS)
    public = rng.choice(catalogue.PUBLIC_TRAINING_HOURS, size=n)
    return np.choose(course_format, [interest, vocational, public])


def schedule(
    rng: np.random.Generator, end: np.ndarray, n_sessions: np.ndarray, course_format: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(start, first session index, session dates): 3-hour sessions on distinct days ending on `end`.

    Interest groups mostly meet on consecutive days; vocational classes two or three times a week.
    """
    course = np.repeat(np.arange(len(end)), n_sessions)
    short = rng.choice(np.array([1, 2, 7]), size=len(course), p=[0.6, 0.25, 0.15])
    long = rng.choice(np.array([1, 2, 3, 7]), size=len(course), p=[0.3, 0.35, 0.2, 0.15])
    gap = np.where(course_format[course] == 1, long, short)
    first_session = np.cumsum(n_sessions) - n_sessions
    gap[first_session] = 0
    elapsed = np.cumsum(gap)
    offset = elapsed - elapsed[first_session][course]
    span = offset[first_session + n_sessions - 1]
    start = end - span.astype("timedelta64[D]")
    return start, first_session, start[course] + offset.astype("timedelta64[D]")


def course_frame(rng: np.random.Generator, plan: CoursePlan, centres: Centres) -> pd.DataFrame:
    n = len(plan.end)
    materials = rng.integers(15, 41, n) * 10 * plan.target_learners
    budget = np.round((plan.hours * INSTRUCTOR_FEE_PER_HOUR + materials) / 100) * 100
    # Most courses spend a little under budget. A generator of its own: drawing from `rng` here
    # would change every learner and sale drawn after the courses.
    spending = np.random.default_rng([n, int(budget.sum()) % 2**32])
    spent = np.round(budget * spending.uniform(0.8, 1.05, n) / 10) * 10
    programme = rng.choice(len(catalogue.PROGRAMMES), size=n, p=catalogue.PROGRAMME_WEIGHTS)
    programmes = (*catalogue.PROGRAMMES, catalogue.PUBLIC_TRAINING_PROGRAMME)
    return pd.DataFrame({
        "course_code": text_column(plan.code),
        "centre_code": text_column(pick_text(centres.code, plan.centre)),
        "course_name": text_column(pick_text([idea.name for idea in IDEAS], plan.idea)),
        "course_format": text_column(pick_text(FORMATS, plan.course_format)),
        "programme": text_column(pick_text(programmes, np.where(plan.course_format == 2, 3, programme))),
        "occupation_group": text_column(pick_text([idea.occupation_group for idea in IDEAS], plan.idea)),
        "hours": plan.hours.astype(np.int64),
        "start_date": plan.start.astype("datetime64[s]"),
        "end_date": plan.end.astype("datetime64[s]"),
        "instructor": text_column(instructors(rng, n)),
        "budget_baht": budget.astype(np.int64),
        "spent_baht": spent.astype(np.int64),
        "target_learners": plan.target_learners.astype(np.int64),
        "venue": text_column(venues(rng, plan, centres)),
    })


def instructors(rng: np.random.Generator, n: int) -> pa.Array:
    female = rng.random(n) < 0.7
    first = np.where(female, rng.integers(0, len(catalogue.FEMALE_NAMES), n),
                     len(catalogue.FEMALE_NAMES) + rng.integers(0, len(catalogue.MALE_NAMES), n))
    return join_text(
        pick_text(("นาย", "นาง"), female.astype(int)),
        pick_text(catalogue.FEMALE_NAMES + catalogue.MALE_NAMES, first), " ",
        pick_text(catalogue.LAST_NAMES, rng.integers(0, len(catalogue.LAST_NAMES), n)),
    )


def venues(rng: np.random.Generator, plan: CoursePlan, centres: Centres) -> pa.Array:
    """'ศาลาอเนกประสงค์ ม.7' and the like, or the centre itself ('ศกร.ตำบลพิมพา')."""
    n = len(plan.end)
    kind = rng.choice(len(catalogue.VENUES), size=n, p=[0.4, 0.15, 0.15, 0.1, 0.2])
    at_centre = kind == len(catalogue.VENUES) - 1
    village = number_text(rng.integers(1, 13, n))
    place = pa.array(np.where(at_centre, pick_text(centres.name, plan.centre).to_numpy(zero_copy_only=False),
                              village.to_numpy(zero_copy_only=False)), type=pa.string())
    return join_text(pick_text(catalogue.VENUES, kind), place)

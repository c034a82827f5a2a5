"""Sample learners: who enrols in which course, who comes to class, who passes.

Everything is computed on whole numpy arrays (one entry per course, per enrolment or per
attendance row) so that the national sample of millions of rows takes seconds.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from . import catalogue

TEXT = pd.StringDtype("pyarrow", na_value=np.nan)
ID_WEIGHTS = np.arange(13, 1, -1)
PASS_MARK = 0.8
FORMATS = ("กลุ่มสนใจ", "ชั้นเรียนวิชาชีพ", "ฝึกอบรมประชาชน")


def text_array(values: Sequence[str] | np.ndarray) -> pa.Array:
    return pa.array(list(values), type=pa.string())


def pick_text(values: Sequence[str] | pa.Array, codes: np.ndarray) -> pa.Array:
    """values[codes], missing where a code is negative."""
    table = values if isinstance(values, pa.Array) else text_array(values)
    return table.take(pa.array(codes, mask=codes < 0))


def text_column(values: pa.Array) -> pd.Series:
    return pd.Series(values, dtype=TEXT)


def join_text(*parts: pa.Array | str) -> pa.Array:
    return pc.binary_join_element_wise(*parts, "")


def number_text(numbers: np.ndarray, width: int = 0) -> pa.Array:
    text = pc.cast(pa.array(numbers), pa.string())
    return pc.utf8_lpad(text, width, "0") if width else text


@dataclass(frozen=True)
class Centres:
    code: np.ndarray  # 6-digit subdistrict codes, sorted, so a district's centres sit together
    name: np.ndarray  # Thai subdistrict name
    abbreviation: np.ndarray  # what course codes start with: PMP, or the code itself
    district_first: np.ndarray  # index of the first centre of the same district
    district_size: np.ndarray


@dataclass(frozen=True)
class CoursePlan:
    """One entry per course, ordered by centre, fiscal year and end date."""

    centre: np.ndarray
    fiscal_year: np.ndarray
    code: pa.Array
    idea: np.ndarray  # index into catalogue.COURSE_IDEAS
    course_format: np.ndarray  # index into FORMATS
    target_learners: np.ndarray
    hours: np.ndarray
    hours_mode: np.ndarray  # attendance records hours, not presence
    start: np.ndarray  # datetime64[D]
    end: np.ndarray
    first_session: np.ndarray  # index into session_dates
    n_sessions: np.ndarray
    session_dates: np.ndarray
    n_learners: np.ndarray
    pending: np.ndarray  # ended too recently to be assessed


@dataclass(frozen=True)
class Learners:
    """One entry per enrolment; `person` repeats when someone enrols in a second course."""

    course: np.ndarray
    person: np.ndarray
    learner_id: pa.Array
    female: np.ndarray
    target_group: np.ndarray
    birth: np.ndarray
    home: np.ndarray  # centre index of the learner's subdistrict


def learner_ids(rng: np.random.Generator, n: int) -> pa.Array:
    """Distinct fake Thai ID numbers: first digit 1–8, a correct check digit."""
    digits = rng.integers(0, 10, size=(n, 12))
    digits[:, 0] = rng.integers(1, 9, size=n)
    place = 10 ** np.arange(11, -1, -1)
    while True:
        numbers = digits @ place
        order = np.argsort(numbers, kind="stable")
        repeated = order[1:][numbers[order[1:]] == numbers[order[:-1]]]
        if not len(repeated):
            break
        digits[repeated, 1:] = rng.integers(0, 10, size=(len(repeated), 11))
    check = (11 - (digits @ ID_WEIGHTS) % 11) % 10
    characters = (np.column_stack([digits, check]) + ord("0")).astype(np.uint8)
    return pa.array(characters.view("S13").ravel()).cast(pa.string())


def enrol(rng: np.random.Generator, plan: CoursePlan, centres: Centres) -> Learners:
    course = np.repeat(np.arange(len(plan.n_learners)), plan.n_learners)
    n = len(course)
    female = rng.random(n) < 0.82
    shares = np.where(female[:, None], catalogue.TARGET_SHARE_WOMEN, catalogue.TARGET_SHARE_MEN)
    target = (rng.random(n)[:, None] > np.cumsum(shares, axis=1)).sum(axis=1)
    target = np.minimum(target, len(catalogue.TARGET_GROUPS) - 1)
    ages = np.array(catalogue.TARGET_AGES)[target]
    age_days = rng.integers(ages[:, 0] * 365, ages[:, 1] * 365 + 365)
    birth = plan.start[course] - age_days.astype("timedelta64[D]")
    centre = plan.centre[course]
    elsewhere = rng.random(n) < 0.1
    neighbour = centres.district_first[centre] + (rng.random(n) * centres.district_size[centre]).astype(int)
    return Learners(
        course=course, person=returning_learners(rng, plan, course), learner_id=learner_ids(rng, n),
        female=female, target_group=target, birth=birth, home=np.where(elsewhere, neighbour, centre),
    )


def returning_learners(rng: np.random.Generator, plan: CoursePlan, course: np.ndarray) -> np.ndarray:
    """Person index per enrolment; about 3 % are someone from the centre's previous course."""
    person = np.arange(len(course))
    first_row = np.cumsum(plan.n_learners) - plan.n_learners
    has_previous = np.r_[False, plan.centre[1:] == plan.centre[:-1]]
    chosen = np.flatnonzero((rng.random(len(course)) < 0.03) & has_previous[course])
    previous = course[chosen] - 1
    donor = first_row[previous] + (rng.random(len(chosen)) * plan.n_learners[previous]).astype(int)
    person[chosen] = donor
    # two newcomers to one course drawn from the same earlier learner: keep only the first
    key = course[chosen].astype(np.int64) * len(course) + donor
    _, first = np.unique(key, return_index=True)
    clash = np.setdiff1d(np.arange(len(chosen)), first)
    person[chosen[clash]] = chosen[clash]
    return person


def attend(rng: np.random.Generator, plan: CoursePlan, learners: Learners) -> tuple[pd.DataFrame, np.ndarray]:
    """Attendance rows (one per learner per session) and each enrolment's attendance ratio."""
    sessions = plan.n_sessions[learners.course]
    enrolment = np.repeat(np.arange(len(sessions)), sessions)
    position = np.arange(len(enrolment)) - np.repeat(np.cumsum(sessions) - sessions, sessions)
    course = learners.course[enrolment]
    keen = attendance_habits(rng, len(sessions))
    present = rng.random(len(enrolment)) < keen[enrolment]
    on_leave = ~present & (rng.random(len(enrolment)) < 0.3)
    by_hours = plan.hours_mode[course]
    came_late = rng.choice(np.array([3.0, 2.0, 1.5]), size=len(enrolment), p=[0.85, 0.1, 0.05])
    hours = np.where(present, came_late, 0.0)
    status = np.where(present, 0, np.where(on_leave, 2, 1))
    status[by_hours] = -1
    attended = np.bincount(enrolment, weights=np.where(by_hours, hours, present), minlength=len(sessions))
    held = np.where(plan.hours_mode[learners.course], plan.hours[learners.course], sessions)
    frame = pd.DataFrame({
        "course_code": text_column(plan.code.take(pa.array(course))),
        "learner_id": text_column(learners.learner_id.take(pa.array(learners.person[enrolment]))),
        "session_date": plan.session_dates[plan.first_session[course] + position].astype("datetime64[s]"),
        "hours": np.where(by_hours, hours, np.nan),
        "status": text_column(pick_text(("present", "absent", "leave"), status)),
    })
    return frame, attended / held


def attendance_habits(rng: np.random.Generator, n: int) -> np.ndarray:
    """Chance of coming to each session: most learners nearly always come, a few drop out."""
    kind = rng.choice(3, size=n, p=[0.85, 0.11, 0.04])
    low = np.array([0.95, 0.6, 0.2])[kind]
    high = np.array([1.0, 0.9, 0.6])[kind]
    return low + rng.random(n) * (high - low)


def assess(rng: np.random.Generator, plan: CoursePlan, learners: Learners, ratio: np.ndarray) -> np.ndarray:
    """1 pass, 0 fail, -1 pending. A few who came less than 80 % still pass (the assessor's flag)."""
    chance = np.where(ratio >= PASS_MARK, 0.95, 0.2)
    result = (rng.random(len(ratio)) < chance).astype(int)
    result[plan.pending[learners.course]] = -1
    return result


def enrolment_frame(
    rng: np.random.Generator, plan: CoursePlan, centres: Centres, learners: Learners, result: np.ndarray
) -> pd.DataFrame:
    person = learners.person
    female = learners.female[person]
    birth = learners.birth[person]
    start = pd.DatetimeIndex(plan.start[learners.course])
    born = pd.DatetimeIndex(birth)
    before_birthday = (start.month < born.month) | ((start.month == born.month) & (start.day < born.day))
    score = np.where(result == 1, rng.integers(60, 99, len(result)), rng.integers(25, 60, len(result)))
    return pd.DataFrame({
        "course_code": text_column(plan.code.take(pa.array(learners.course))),
        "learner_id": text_column(learners.learner_id.take(pa.array(person))),
        **names(rng, learners.female, person),
        "sex": text_column(pick_text(("male", "female"), female.astype(int))),
        "birth_date": birth.astype("datetime64[s]"),
        "age": np.asarray(start.year - born.year - before_birthday, dtype=np.int64),
        "target_group": text_column(pick_text(catalogue.TARGET_GROUPS, learners.target_group[person])),
        "home_subdistrict": text_column(pick_text(centres.name, learners.home[person])),
        "result": text_column(pick_text(("fail", "pass"), result)),
        "score": pd.Series(score, dtype="Int64").mask(result < 0),
        "certificate_no": text_column(certificate_numbers(plan, centres, learners.course, result == 1)),
        "phone": phones(person),
    })


def phones(person: np.ndarray) -> pd.Series:
    """A made-up mobile number per person (the same on each enrolment), 08x-xxx-xxxx."""
    digits = (np.asarray(person, dtype=np.int64) * 7919 + 12345) % 100_000_000
    text = pd.Series(digits).map(lambda n: f"08{n // 10_000_000}-{n // 10_000 % 1000:03d}-{n % 10_000:04d}")
    return text.astype(TEXT)


def names(rng: np.random.Generator, female: np.ndarray, person: np.ndarray) -> dict[str, pd.Series]:
    """Prefix, first and last name per enrolment; `female` is per person, and names are drawn per
    person so a returning learner keeps theirs."""
    n = len(person)
    women, men = len(catalogue.FEMALE_NAMES), len(catalogue.MALE_NAMES)
    first = np.where(female, rng.integers(0, women, n), women + rng.integers(0, men, n))[person]
    last = rng.integers(0, len(catalogue.LAST_NAMES), n)[person]
    prefix = np.where(female, np.where(rng.random(n) < 0.7, 1, 2), 0)[person]
    return {
        "prefix": text_column(pick_text(("นาย", "นาง", "นางสาว"), prefix)),
        "first_name": text_column(pick_text(catalogue.FEMALE_NAMES + catalogue.MALE_NAMES, first)),
        "last_name": text_column(pick_text(catalogue.LAST_NAMES, last)),
    }


def certificate_numbers(
    plan: CoursePlan, centres: Centres, course: np.ndarray, passed: np.ndarray
) -> pa.Array:
    """'วบ.PMP 012/2567': numbered in order within each centre and fiscal year."""
    centre_year = plan.centre[course].astype(np.int64) * 10_000 + plan.fiscal_year[course]
    rows = np.flatnonzero(passed)
    group = centre_year[rows]
    starts = np.r_[0, np.flatnonzero(group[1:] != group[:-1]) + 1]
    sequence = np.arange(len(rows)) - np.repeat(starts, np.diff(np.r_[starts, len(rows)])) + 1
    numbers = np.full(len(course), -1)
    numbers[rows] = sequence
    abbreviation = pick_text(centres.abbreviation, plan.centre[course])
    year = number_text(plan.fiscal_year[course])
    text = join_text("วบ.", abbreviation, " ", number_text(numbers, 3), "/", year)
    return pc.if_else(pa.array(passed), text, pa.nulls(len(course), pa.string()))

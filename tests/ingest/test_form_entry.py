"""A follow-up typed into the dashboard's form: a batch of its own, checked, undoable, audited."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from conftest import LEARNERS, hash_of, registers, stored

from pimpa_data.core.choices import APPLIED_WAYS
from pimpa_data.core.errors import PimpaError
from pimpa_data.core.roles import Actor, Refused
from pimpa_data.ingest.form_entry import Visit, record_follow_up
from pimpa_data.ingest.loading import load_file
from pimpa_data.ingest.undo import undo_batch

TEACHER = Actor("kru.phimpha", "teacher", "240409")
VISIT = Visit(dt.date(2024, 1, 15), True, (APPLIED_WAYS[0].value,), Decimal(3000), Decimal(5500), True,
              "ภาพถ่ายร้านขนม")


@pytest.fixture
def registered(con, files):
    assert load_file(con, files.write("reg.xlsx", registers()), who="admin").status == "loaded"
    return con


def test_a_visit_is_saved_as_a_batch_from_the_form(registered) -> None:
    learner = hash_of(registered, LEARNERS[0])
    outcome = record_follow_up(registered, TEACHER, "240409", "PMP-01", learner, VISIT, today=dt.date(2024, 2, 1))
    assert outcome.batch_id and not outcome.problems
    assert stored(registered, "follow_ups", "followup_date, applied, applied_how, income_after_baht, evidence") == [
        (dt.date(2024, 1, 15), True, APPLIED_WAYS[0].value, Decimal("5500.00"), "ภาพถ่ายร้านขนม")]
    [(source, loaded_by, file_name)] = stored(registered, "batches", "source, loaded_by, file_name",
                                              "WHERE batch_id = ?", [outcome.batch_id])
    assert (source, loaded_by) == ("form", "kru.phimpha") and "PMP-01" in file_name
    assert ("kru.phimpha", "upload") in stored(registered, "audit_log", "who, action")
    undo_batch(registered, outcome.batch_id, TEACHER)
    assert stored(registered, "follow_ups") == []


def test_the_same_day_again_replaces_the_visit(registered) -> None:
    learner = hash_of(registered, LEARNERS[0])
    record_follow_up(registered, TEACHER, "240409", "PMP-01", learner, VISIT, today=dt.date(2024, 2, 1))
    changed = Visit(VISIT.followup_date, False)
    outcome = record_follow_up(registered, TEACHER, "240409", "PMP-01", learner, changed, today=dt.date(2024, 2, 1))
    assert outcome.counts["follow_ups"].updated == 1
    assert stored(registered, "follow_ups", "applied") == [(False,)]


def test_a_learner_not_in_the_course_is_a_problem_and_nothing_is_written(registered) -> None:
    outcome = record_follow_up(registered, TEACHER, "240409", "PMP-02", hash_of(registered, LEARNERS[0]), VISIT,
                               today=dt.date(2024, 2, 1))
    assert outcome.problems and outcome.batch_id is None
    assert stored(registered, "follow_ups") == []


@pytest.mark.parametrize("actor", [Actor("d", "director", "2404"), Actor("a", "assessor", "2404"),
                                   Actor("other", "teacher", "240401")])
def test_only_the_centres_teacher_or_an_admin_records(registered, actor: Actor) -> None:
    with pytest.raises(Refused):
        record_follow_up(registered, actor, "240409", "PMP-01", hash_of(registered, LEARNERS[0]), VISIT,
                         today=dt.date(2024, 2, 1))


@pytest.mark.parametrize("visit", [
    Visit(dt.date(2030, 1, 1), True),
    Visit(dt.date(2024, 1, 15), True, ("ขายของออนไลน์ในดาวอังคาร",)),
    Visit(dt.date(2024, 1, 15), True, income_after_baht=Decimal(-1)),
])
def test_impossible_values_are_refused_with_a_message(registered, visit: Visit) -> None:
    with pytest.raises(PimpaError):
        record_follow_up(registered, TEACHER, "240409", "PMP-01", hash_of(registered, LEARNERS[0]), visit,
                         today=dt.date(2024, 2, 1))

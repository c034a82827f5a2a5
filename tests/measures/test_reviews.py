"""Reviews: a status and a note on an indicator cell or an evidence row, with who and when."""

from __future__ import annotations

import pytest
from conftest import LEARNERS, hash_of, registers, stored

from pimpa_data.core import db
from pimpa_data.core.roles import Actor, Refused
from pimpa_data.core.signoffs import sign_off
from pimpa_data.ingest.loading import load_file
from pimpa_data.measures.reviews import Row, add_note, cell_statuses, notes

ASSESSOR = Actor("assessor.bpk", "assessor", "2404")


@pytest.fixture
def registered(con, files):
    assert load_file(con, files.write("reg.xlsx", registers()), who="admin").status == "loaded"
    return con


def test_a_note_on_a_cell_and_one_on_a_row_are_kept_with_who_and_when(registered) -> None:
    add_note(registered, ASSESSOR, 2567, "240409", "1.1", "numerator", "checked")
    row = Row("240409", "PMP-01", hash_of(registered, LEARNERS[0]))
    add_note(registered, ASSESSOR, 2567, "240409", "1.1", "numerator", "remark", "ผ่านแต่ไม่มีใบวุฒิบัตร", row)
    found = notes(registered, 2567, "2404")
    assert list(found["status"]) == ["remark", "checked"]  # newest first
    assert set(found["written_by"]) == {"assessor.bpk"} and found["written_at"].notna().all()
    assert found["learner_id_masked"].iloc[0].endswith(LEARNERS[0][-4:]) and LEARNERS[0] not in found.to_string()
    assert cell_statuses(registered, 2567, "2404") == {("240409", "1.1"): "checked"}  # a row's note is not the cell's
    assert ("assessor.bpk", "review_note") in stored(registered, "audit_log", "who, action")


def test_the_latest_status_of_a_cell_wins(registered) -> None:
    add_note(registered, ASSESSOR, 2567, "240409", "1.2", "denominator", "remark", "ตัวหารไม่ครบ")
    add_note(registered, ASSESSOR, 2567, "240409", "1.2", "denominator", "checked", "แก้แล้ว")
    assert cell_statuses(registered, 2567, "240409") == {("240409", "1.2"): "checked"}


@pytest.mark.parametrize("actor", [Actor("kru", "teacher", "240409"), Actor("a", "assessor", "2401")])
def test_teachers_and_reviewers_of_other_units_cannot_review(registered, actor: Actor) -> None:
    with pytest.raises(Refused):
        add_note(registered, actor, 2567, "240409", "1.1", "numerator", "checked")


def test_notes_stay_allowed_on_a_signed_off_year_and_survive_a_restart(registered, db_path) -> None:
    sign_off(registered, Actor("d", "director", "2404"), "240409", 2567)
    add_note(registered, ASSESSOR, 2567, "240409", "1.3", "numerator", "checked", "ดูหลักฐานแล้ว")
    registered.close()
    with db.connect(db_path) as again:
        assert list(notes(again, 2567, "240409")["note"]) == ["ดูหลักฐานแล้ว"]

"""Storing uploads as batches: one transaction each, re-uploads change nothing, corrections
update by key, partial files touch only their columns, and any batch can be undone exactly."""

from __future__ import annotations

import hashlib
import json

import pytest
from conftest import (
    LEARNERS,
    Files,
    course_row,
    courses_sheet,
    enrolment_row,
    hash_of,
    load,
    registers,
    snapshot,
    stored,
    table_names,
)

from pimpa_data.ingest.undo import UndoRefused, list_batches, undo_batch

RESULTS_HEADER = ["รหัสหลักสูตร", "เลขประจำตัวประชาชน", "ผลการประเมิน"]


def kind_tables(con) -> dict[str, list[tuple]]:
    """Every table but the history (batches, audit_log): what undo must restore exactly."""
    return {name: rows for name, rows in snapshot(con).items() if name not in ("batches", "audit_log")}


def enrolment(con, learner: str, columns: str = "first_name, last_name, sex, result, batch_id") -> tuple:
    [row] = stored(con, "enrolments", columns, "WHERE course_code = 'PMP-01' AND learner_id = ?",
                   [hash_of(con, learner)])
    return row


# ---------------------------------------------------------------- batches

def test_an_upload_is_a_batch_with_its_file_hash_who_and_counts(con, files: Files) -> None:
    path = files.write("registers.xlsx", registers())

    report = load(con, path)

    [batch] = list_batches(con)
    assert batch["batch_id"] == report.batch_id == 1
    assert (batch["file_name"], batch["loaded_by"], batch["status"]) == ("registers.xlsx", "test", "active")
    assert batch["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    assert json.loads(batch["counts"]) == {
        "courses": {"read": 2, "inserted": 2, "updated": 0, "unchanged": 0},
        "enrolments": {"read": 3, "inserted": 3, "updated": 0, "unchanged": 0},
    }
    assert {row[0] for row in stored(con, "courses", "batch_id")} == {1}


@pytest.mark.parametrize("same_name", [True, False])
def test_uploading_the_same_content_again_changes_nothing(registered, files: Files, same_name: bool) -> None:
    before = snapshot(registered)
    path = files.write("registers.xlsx" if same_name else "registers (copy).xlsx", registers())

    report = load(registered, path)

    assert report.status == "unchanged"
    assert report.batch_id is None
    assert {kind: (c.read, c.unchanged, c.inserted, c.updated) for kind, c in report.counts.items()} == {
        "courses": (2, 2, 0, 0), "enrolments": (3, 3, 0, 0),
    }
    assert snapshot(registered) == before


def test_a_corrected_file_updates_the_rows_it_keys(registered, files: Files) -> None:
    sheets = registers()
    sheets["ผู้เรียน"][4] = enrolment_row(2, LEARNERS[1], name="นางสาวมาลัย ใจงาม", result="ไม่ผ่าน")
    sheets["หลักสูตร"][3] = course_row(1, "PMP-01", hours=18)

    report = load(registered, files.write("registers corrected.xlsx", sheets))

    assert report.status == "loaded"
    assert (report.counts["enrolments"].updated, report.counts["enrolments"].unchanged) == (1, 2)
    assert (report.counts["courses"].updated, report.counts["courses"].unchanged) == (1, 1)
    assert enrolment(registered, LEARNERS[1]) == ("มาลัย", "ใจงาม", "female", "fail", report.batch_id)
    assert enrolment(registered, LEARNERS[0])[-1] == 1  # untouched rows keep the batch that wrote them
    assert stored(registered, "courses", "course_code, hours") == [("PMP-01", 18), ("PMP-02", 12)]


def test_a_partial_file_updates_only_its_columns(registered, files: Files) -> None:
    before = {learner: enrolment(registered, learner) for learner in LEARNERS[:3]}
    path = files.write("results.csv", [RESULTS_HEADER, ["PMP-01", LEARNERS[0], "ไม่ผ่าน"],
                                       ["PMP-01", LEARNERS[1], "ผ่าน"]])

    report = load(registered, path)

    assert report.status == "loaded", report.errors
    assert (report.counts["enrolments"].updated, report.counts["enrolments"].unchanged) == (1, 1)
    assert enrolment(registered, LEARNERS[0]) == (*before[LEARNERS[0]][:3], "fail", report.batch_id)
    assert enrolment(registered, LEARNERS[1]) == before[LEARNERS[1]]
    assert enrolment(registered, LEARNERS[2]) == before[LEARNERS[2]]


def test_a_partial_file_with_a_new_key_is_rejected_as_incomplete(registered, files: Files) -> None:
    before = snapshot(registered)
    path = files.write("results.csv", [RESULTS_HEADER, ["PMP-01", LEARNERS[0], "ไม่ผ่าน"],
                                       ["PMP-01", LEARNERS[4], "ผ่าน"]])

    report = load(registered, path)

    assert report.status == "rejected"
    assert [(p.row, p.rule) for p in report.errors] == [(3, "new_row_incomplete")]
    assert "ชื่อ" in report.errors[0].th and "First name" in report.errors[0].en
    assert snapshot(registered) == before


def test_a_dry_run_reports_the_counts_and_writes_nothing(registered, files: Files) -> None:
    sheets = registers(courses=3, learners=4)
    sheets["ผู้เรียน"][3] = enrolment_row(1, LEARNERS[0], result="ไม่ผ่าน")
    before = snapshot(registered)

    report = load(registered, files.write("registers.xlsx", sheets), dry_run=True)

    assert report.status == "dry-run"
    assert report.batch_id is None
    assert {kind: (c.inserted, c.updated, c.unchanged) for kind, c in report.counts.items()} == {
        "courses": (1, 0, 2), "enrolments": (1, 1, 2),
    }
    assert snapshot(registered) == before


def test_a_dry_run_of_a_bad_file_lists_its_problems(registered, files: Files) -> None:
    report = load(registered, files.write("c.xlsx", {"หลักสูตร": courses_sheet(course_row(hours=0))}), dry_run=True)

    assert report.status == "rejected"
    assert [p.rule for p in report.errors] == ["range"]


def test_two_sheets_of_one_kind_in_a_workbook_are_one_batch(registered, files: Files) -> None:
    sheets = {
        "หลักสูตร ต.ค.": courses_sheet(course_row(1, "PMP-10")),
        "หลักสูตร พ.ย.": courses_sheet(course_row(1, "PMP-11")),
    }
    report = load(registered, files.write("two months.xlsx", sheets))

    assert report.status == "loaded"
    assert report.counts["courses"].inserted == 2
    assert {row[0] for row in stored(registered, "courses", "batch_id", "WHERE course_code >= 'PMP-10'")} == {2}


# ---------------------------------------------------------------- undo

def test_undo_restores_exactly_what_was_there(con, files: Files) -> None:
    empty = kind_tables(con)
    first = load(con, files.write("registers.xlsx", registers()))
    after_first = kind_tables(con)
    corrected = registers(courses=3, learners=4)
    corrected["ผู้เรียน"][3] = enrolment_row(1, LEARNERS[0], name="นายสมชาย ดีมาก", result="ไม่ผ่าน")
    corrected["หลักสูตร"][4] = course_row(2, "PMP-02", budget="9,999.50")
    second = load(con, files.write("registers corrected.xlsx", corrected))
    assert (second.counts["enrolments"].inserted, second.counts["enrolments"].updated) == (1, 1)

    undo_batch(con, second.batch_id, "test")
    assert kind_tables(con) == after_first

    undo_batch(con, first.batch_id, "test")
    assert kind_tables(con) == empty
    assert [(b["batch_id"], b["status"], b["undone_by"]) for b in list_batches(con)] == [
        (2, "undone", "test"), (1, "undone", "test"),
    ]


def test_undo_of_a_partial_update_puts_the_old_values_back(registered, files: Files) -> None:
    before = kind_tables(registered)
    report = load(registered, files.write("results.csv", [RESULTS_HEADER, ["PMP-01", LEARNERS[0], "ไม่ผ่าน"]]))

    undo_batch(registered, report.batch_id, "test")

    assert kind_tables(registered) == before


def test_undo_of_an_earlier_batch_is_refused_while_a_later_one_changed_its_rows(registered, files: Files) -> None:
    later = load(registered, files.write("results.csv", [RESULTS_HEADER, ["PMP-01", LEARNERS[0], "ไม่ผ่าน"]]))
    before = snapshot(registered)

    with pytest.raises(UndoRefused) as refused:
        undo_batch(registered, 1, "test")

    assert f"{later.batch_id}" in refused.value.th and f"undo {later.batch_id} first" in refused.value.en
    assert snapshot(registered) == before

    undo_batch(registered, later.batch_id, "test")
    undo_batch(registered, 1, "test")  # allowed once the later batch is undone
    assert stored(registered, "enrolments") == []


def test_undo_is_allowed_when_a_later_batch_touched_other_rows(registered, files: Files) -> None:
    other = load(registered, files.write("more.xlsx", {"หลักสูตร": courses_sheet(course_row(1, "PMP-20"))}))

    undo_batch(registered, 1, "test")

    assert stored(registered, "courses", "course_code, batch_id") == [("PMP-20", other.batch_id)]


def test_undo_is_refused_while_a_later_batch_needs_the_courses_or_learners_it_added(
    registered, files: Files
) -> None:
    rows = [["รหัสหลักสูตร", "เลขประจำตัวประชาชน", "วันที่", "การมาเรียน"], ["PMP-01", LEARNERS[0], "1/11/2566", "มา"]]
    attendance = load(registered, files.write("attendance.xlsx", {"เวลาเรียน": rows}))
    before = snapshot(registered)

    with pytest.raises(UndoRefused) as refused:
        undo_batch(registered, 1, "test")

    assert f"undo {attendance.batch_id} first" in refused.value.en and "ยกเลิกชุด 2 ก่อน" in refused.value.th
    assert snapshot(registered) == before


def test_undoing_twice_or_an_unknown_batch_is_refused(registered) -> None:
    undo_batch(registered, 1, "test")
    before = snapshot(registered)

    with pytest.raises(UndoRefused, match="already been undone"):
        undo_batch(registered, 1, "test")
    with pytest.raises(UndoRefused, match="there is no batch 42"):
        undo_batch(registered, 42, "test")
    assert snapshot(registered) == before


def test_a_file_loaded_again_after_its_batch_was_undone_is_loaded_anew(registered, files: Files) -> None:
    undo_batch(registered, 1, "test")

    report = load(registered, files.write("registers.xlsx", registers()))

    assert report.status == "loaded" and report.batch_id == 2
    assert len(stored(registered, "enrolments")) == 3


def test_uploads_and_undos_are_in_the_audit_log(registered, files: Files) -> None:
    undo_batch(registered, 1, "director")

    log = stored(registered, "audit_log", "who, action, detail", "ORDER BY logged_at")
    assert [(who, action) for who, action, _ in log] == [("test", "upload"), ("director", "undo")]
    assert log[0][2] == "batch=1 file=registers.xlsx courses:+2~0 enrolments:+3~0"


def test_the_schema_has_an_undo_table_per_kind(con) -> None:
    names = set(table_names(con))

    assert {"centres", "batches", "audit_log", "courses", "enrolments", "attendance", "follow_ups", "sales"} <= names
    assert {f"undo_{kind}" for kind in ("courses", "enrolments", "attendance", "follow_ups", "sales")} <= names

"""Many sessions at once on one database: no doubled rows, no conflict errors, every batch undoable.

A district server runs every dashboard session in one process, each with a cursor of the one
connection; these tests do the same with threads that start together.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from conftest import Files, course_row, courses_sheet, registers, write_csv

from pimpa_data.ingest.loading import FileReport, load_file
from pimpa_data.ingest.store import rehearsal
from pimpa_data.ingest.undo import list_batches, undo_batch


def at_once(count: int, work: Callable[[int], object]) -> list[object]:
    """Run work(i) in `count` threads released together; any exception fails the test."""
    barrier = threading.Barrier(count)
    results: list[object] = [None] * count

    def run(index: int) -> None:
        barrier.wait()
        try:
            results[index] = work(index)
        except BaseException as error:  # re-raised in the test's own thread below
            results[index] = error

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    errors = [r for r in results if isinstance(r, BaseException)]
    assert not errors, errors
    return results


def counts(con) -> dict[str, int]:
    kinds = ("courses", "enrolments", "attendance", "follow_ups", "sales")
    return {kind: con.execute(f"SELECT count(*) FROM {kind}").fetchone()[0] for kind in kinds}


def load_in_thread(con, path: Path, who: str = "teacher") -> FileReport:
    return load_file(con.cursor(), path, who=who)


def test_the_same_new_file_saved_by_eight_sessions_at_once_is_stored_once(con, files: Files) -> None:
    path = files.write("register.xlsx", registers(courses=3, learners=4))
    reports = at_once(8, lambda _: load_in_thread(con, path))
    assert sorted(r.status for r in reports) == ["loaded"] + ["unchanged"] * 7
    assert counts(con)["courses"] == 3 and counts(con)["enrolments"] == 4
    [batch] = list_batches(con)
    undo_batch(con, batch["batch_id"], "teacher")
    assert counts(con) == dict.fromkeys(counts(con), 0)


def test_a_sales_file_saved_twice_at_once_counts_its_revenue_once(con, files: Files) -> None:
    load_file(con, files.write("register.xlsx", registers(courses=1, learners=2)), who="teacher")
    sales = write_csv(files.path("sales.csv"), [
        ["ชื่อกลุ่ม", "รหัสหลักสูตร", "เดือน", "สินค้า", "รายได้"],
        ["กลุ่มกะปิพิมพา", "PMP-01", "มี.ค. 2567", "กะปิ", "1,500"],
    ])
    at_once(2, lambda _: load_in_thread(con, sales))
    assert con.execute("SELECT sum(revenue_baht) FROM sales").fetchone()[0] == 1500


def test_different_files_saved_at_once_are_all_stored_with_batch_numbers_in_a_row(con, files: Files) -> None:
    paths = [
        files.write(f"courses_{i}.xlsx", {"หลักสูตร": courses_sheet(course_row(1, code=f"PMP-{i:02d}"))})
        for i in range(6)
    ]
    reports = at_once(6, lambda i: load_in_thread(con, paths[i]))
    assert {r.status for r in reports} == {"loaded"}
    assert counts(con)["courses"] == 6
    assert sorted(b["batch_id"] for b in list_batches(con)) == [1, 2, 3, 4, 5, 6]


def test_two_corrections_of_one_row_at_once_both_land_one_after_the_other(con, files: Files) -> None:
    load_file(con, files.write("courses.xlsx", {"หลักสูตร": courses_sheet(course_row(1, hours=12))}), who="t")
    fixes = [files.write(f"fix_{h}.xlsx", {"หลักสูตร": courses_sheet(course_row(1, hours=h))}) for h in (20, 30)]
    reports = at_once(2, lambda i: load_in_thread(con, fixes[i]))
    assert [r.status for r in reports] == ["loaded", "loaded"]
    later = max(list_batches(con), key=lambda b: b["batch_id"])
    assert con.execute("SELECT hours FROM courses").fetchone()[0] in (20, 30)
    undo_batch(con, later["batch_id"], "t")  # each undo restores the version before it
    undo_batch(con, later["batch_id"] - 1, "t")
    assert con.execute("SELECT hours FROM courses").fetchone()[0] == 12


def test_previews_use_no_batch_numbers(con, files: Files) -> None:
    first = files.write("a.xlsx", {"หลักสูตร": courses_sheet(course_row(1, code="PMP-01"))})
    second = files.write("b.xlsx", {"หลักสูตร": courses_sheet(course_row(1, code="PMP-02"))})
    assert load_file(con, first, who="t").batch_id == 1
    for _ in range(3):
        with rehearsal(con):
            assert load_file(con, second, who="t").status == "loaded"
    assert load_file(con, second, who="t").batch_id == 2


def test_a_preview_in_one_session_and_a_save_in_another_do_not_collide(con, files: Files) -> None:
    path = files.write("register.xlsx", registers(courses=2, learners=3))

    def preview_or_save(index: int) -> str:
        cursor = con.cursor()
        if index % 2:
            return load_file(cursor, path, who="t").status
        with rehearsal(cursor):
            return load_file(cursor, path, who="t").status

    at_once(6, preview_or_save)
    assert counts(con)["enrolments"] == 3
    assert len(list_batches(con)) == 1


def test_the_database_refuses_a_second_copy_of_a_key(con, files: Files) -> None:
    load_file(con, files.write("courses.xlsx", {"หลักสูตร": courses_sheet(course_row(1))}), who="t")
    copy = con.execute("SELECT * FROM courses").fetchall()[0]
    marks = ", ".join("?" * len(copy))
    try:
        con.execute(f"INSERT INTO courses VALUES ({marks})", list(copy))
    except Exception as error:  # DuckDB's ConstraintException
        assert "unique" in str(error).lower() or "duplicate" in str(error).lower()
    else:
        raise AssertionError("a doubled course row was accepted")

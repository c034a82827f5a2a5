"""Sample data and real data never mix: while the sample is in, real uploads wait; one step removes it."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT, registers, stored

from pimpa_data.core import db
from pimpa_data.core.roles import Actor, Refused
from pimpa_data.ingest.loading import load_file
from pimpa_data.ingest.undo import remove_sample
from pimpa_data.sample import bootstrap

KINDS = ("courses", "enrolments", "attendance", "follow_ups", "sales")


@pytest.fixture
def fresh(tmp_path: Path):
    con = bootstrap.open_database(tmp_path / "new.duckdb")
    yield con
    con.close()


def counts(con) -> dict[str, int]:
    return {kind: con.execute(f"SELECT count(*) FROM {kind}").fetchone()[0] for kind in KINDS}


def test_a_new_database_holds_the_sample_as_one_batch_marked_sample(tmp_path: Path) -> None:
    started = time.perf_counter()
    con = bootstrap.open_database(tmp_path / "new.duckdb")
    assert time.perf_counter() - started < 30  # generous: the figure itself is in benchmarks/
    assert stored(con, "batches", "source, status") == [("sample", "active")]
    assert bootstrap.shows_sample(con) and min(counts(con).values()) > 100
    sql = "SELECT course_code FROM courses UNION SELECT course_code FROM sales"
    codes = {row[0] for row in con.execute(sql).fetchall()}
    assert all(code.startswith("ตัวอย่าง-") for code in codes if code)  # no real workbook's code
    con.close()


def test_a_real_upload_waits_while_the_sample_is_in_and_writes_nothing(fresh, files) -> None:
    before = counts(fresh)
    report = load_file(fresh, files.write("จริง.xlsx", registers()), who="kru")
    assert report.status == "rejected" and [p.rule for p in report.errors] == ["sample_present"]
    assert "sample --remove" in report.errors[0].en and "ลบข้อมูลตัวอย่าง" in report.errors[0].th
    assert counts(fresh) == before and len(stored(fresh, "batches")) == 1


def test_only_an_admin_removes_the_sample(fresh) -> None:
    with pytest.raises(Refused):
        remove_sample(fresh, Actor("kru", "teacher", "240409"))
    assert bootstrap.shows_sample(fresh)


def test_removing_the_sample_takes_every_sample_row_in_one_step_then_real_data_loads(fresh, files) -> None:
    removed = remove_sample(fresh, Actor("admin", "admin"))
    assert sum(removed.values()) > 1000 and counts(fresh) == dict.fromkeys(KINDS, 0)
    assert fresh.execute("SELECT count(*) FROM enrolment_summary").fetchone()[0] == 0
    assert stored(fresh, "batches", "source, status, undone_by") == [("sample", "undone", "admin")]
    assert ("admin", "remove_sample") in stored(fresh, "audit_log", "who, action")
    assert not bootstrap.shows_sample(fresh)
    assert load_file(fresh, files.write("จริง.xlsx", registers()), who="kru").status == "loaded"
    assert remove_sample(fresh, Actor("admin", "admin")) == {}  # nothing left to remove


def test_the_command_removes_the_sample(tmp_path: Path) -> None:
    database = tmp_path / "new.duckdb"
    bootstrap.open_database(database).close()
    done = subprocess.run([sys.executable, "-m", "pimpa_data", "--db", str(database), "sample", "--remove"],
                          cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "removed the sample" in done.stdout
    with db.connect(database) as con:
        assert counts(con) == dict.fromkeys(KINDS, 0)


def test_the_sample_workbooks_load_into_a_database_without_the_sample(con) -> None:
    """sample_data/ is what teachers' files look like; uploaded one by one they all go in."""
    reports = bootstrap.load_sample_files(con)
    assert {r.status for r in reports} == {"loaded"}, [(r.path, r.errors[:2]) for r in reports if r.errors]
    assert len(reports) == len(bootstrap.sample_files())

"""A signed-off centre-year is locked: uploads, undos and form entries that change it are refused."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from decimal import Decimal

import pytest
from conftest import LEARNERS, ROOT, course_row, courses_sheet, hash_of, registers, stored

from pimpa_data.core.roles import Actor, Refused
from pimpa_data.core.signoffs import reopen, sign_off, signed_off
from pimpa_data.ingest.form_entry import Visit, record_follow_up
from pimpa_data.ingest.loading import load_file
from pimpa_data.ingest.undo import UndoRefused, undo_batch

DIRECTOR = Actor("director.bpk", "director", "2404")
TEACHER = Actor("kru.phimpha", "teacher", "240409")
YEAR = 2567  # the registers' courses end in November 2566 (BE): fiscal year 2567


@pytest.fixture
def registered(con, files):
    report = load_file(con, files.write("reg.xlsx", registers()), who="admin")
    assert report.status == "loaded"
    return con, report.batch_id


def test_a_signed_off_year_refuses_an_upload_that_changes_it_and_says_who_signed(registered, files) -> None:
    con, _ = registered
    sign_off(con, DIRECTOR, "240409", YEAR)
    renamed = files.write("แก้ชื่อ.xlsx", {"หลักสูตร": courses_sheet(course_row(1, "PMP-01", hours=20))})
    report = load_file(con, renamed, who=TEACHER)
    assert report.status == "rejected" and [p.rule for p in report.errors] == ["signed_off"]
    assert "director.bpk" in report.errors[0].th and "director.bpk" in report.errors[0].en
    assert stored(con, "courses", "hours", "WHERE course_code = 'PMP-01'") == [(Decimal("12.00"),)]


def test_the_same_file_again_is_still_unchanged_and_other_years_stay_open(registered, files) -> None:
    con, _ = registered
    sign_off(con, DIRECTOR, "240409", YEAR)
    assert load_file(con, files.write("reg.xlsx", registers()), who=TEACHER).status == "unchanged"
    later = files.write("ปีหน้า.xlsx", {"หลักสูตร": courses_sheet(course_row(9, "PMP-09", start="1/11/2567",
                                                                              end="10/11/2567"))})
    assert load_file(con, later, who=TEACHER).status == "loaded"  # FY 2568 is not signed off


def test_undo_and_a_form_entry_wait_too_until_the_director_reopens(registered) -> None:
    con, batch = registered
    sign_off(con, DIRECTOR, "240409", YEAR)
    with pytest.raises(UndoRefused, match=r"signed off by director\.bpk"):
        undo_batch(con, batch, TEACHER)
    visit = Visit(dt.date(2024, 1, 5), True)
    outcome = record_follow_up(con, TEACHER, "240409", "PMP-01", hash_of(con, LEARNERS[0]), visit,
                               today=dt.date(2024, 2, 1))
    assert [p.rule for p in outcome.problems] == ["signed_off"]
    reopen(con, DIRECTOR, "240409", YEAR)
    assert signed_off(con, "240409", YEAR) is None
    assert sum(undo_batch(con, batch, TEACHER).values()) > 0
    actions = [row[0] for row in stored(con, "audit_log", "action")]
    assert actions.count("sign_off") == 1 and actions.count("reopen") == 1


@pytest.mark.parametrize("actor", [TEACHER, Actor("a", "assessor", "2404"), Actor("d", "director", "2401")])
def test_only_a_director_of_the_centre_signs_off(registered, actor: Actor) -> None:
    con, _ = registered
    with pytest.raises(Refused):
        sign_off(con, actor, "240409", YEAR)


def test_the_command_signs_off_and_reopens(db_path, files) -> None:
    def run(*extra: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "pimpa_data", "--db", str(db_path), *extra],
                              cwd=ROOT, capture_output=True, text=True)

    assert run("load", str(files.write("reg.xlsx", registers()))).returncode == 0
    signed = run("signoff", "--unit", "240409", "--fiscal-year", str(YEAR))
    assert signed.returncode == 0 and "signed off by cli:" in signed.stdout
    changed = files.write("แก้.xlsx", {"หลักสูตร": courses_sheet(course_row(1, "PMP-01", hours=20))})
    refused = run("load", str(changed))
    assert refused.returncode == 1 and "signed_off" in refused.stdout
    assert run("signoff", "--unit", "240409", "--fiscal-year", str(YEAR), "--reopen").returncode == 0
    assert run("load", str(changed)).returncode == 0

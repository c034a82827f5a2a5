"""The library's own checks of who asks: a page that forgot to hide a button still cannot let a
director upload, an assessor undo, a teacher set targets or anyone but a centre's people see names."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from conftest import course_row, courses_sheet, snapshot

from pimpa_data.access import accounts, sessions
from pimpa_data.core import db
from pimpa_data.core.audit import buffer_of
from pimpa_data.core.roles import Actor, Refused
from pimpa_data.export.records import export_frame
from pimpa_data.ingest.loading import load_file
from pimpa_data.ingest.undo import UndoRefused, undo_batch
from pimpa_data.measures.targets import list_targets, set_target

PHIMPHA = "240409"
KRU = Actor("kru.phimpha", "teacher", PHIMPHA)
DIRECTOR = Actor("director.bpk", "director", "2404")
ASSESSOR = Actor("assessor.bpk", "assessor", "2404")
ADMIN = Actor("admin", "admin", "TH")


@pytest.fixture
def loaded(con, example_workbook: Path):
    """ตำบลพิมพา's workbook of fiscal year 2567, loaded by its teacher as batch 1."""
    report = load_file(con, example_workbook, who=KRU)
    assert report.status == "loaded", report.errors
    return con


def audit(con, action: str) -> list[tuple]:
    buffer_of(con).flush(con)
    return con.execute("SELECT who, detail FROM audit_log WHERE action = ? ORDER BY rowid", [action]).fetchall()


# ---------------------------------------------------------------- writes by role

@pytest.mark.parametrize("actor", [DIRECTOR, ASSESSOR, Actor("director.th", "director", "TH")],
                         ids=["director", "assessor", "director of the country"])
def test_only_teachers_and_admins_upload(con, example_workbook: Path, actor: Actor) -> None:
    before = snapshot(con)
    with pytest.raises(Refused) as refused:
        load_file(con, example_workbook, who=actor)
    assert "cannot upload" in refused.value.en
    assert snapshot(con) == before


def test_an_assessor_or_director_cannot_undo_but_the_teacher_can(loaded) -> None:
    before = snapshot(loaded)
    for actor in (ASSESSOR, DIRECTOR):
        with pytest.raises(Refused):
            undo_batch(loaded, 1, actor)
    assert snapshot(loaded) == before
    removed = undo_batch(loaded, 1, KRU)
    assert removed["courses"] > 0
    assert loaded.execute("SELECT status, undone_by FROM batches").fetchall() == [("undone", "kru.phimpha")]


def test_a_teacher_of_another_centre_cannot_undo_the_batch(loaded) -> None:
    before = snapshot(loaded)
    with pytest.raises(UndoRefused) as refused:
        undo_batch(loaded, 1, Actor("kru.bangwua", "teacher", "240403"))
    assert "outside yours" in refused.value.en
    assert snapshot(loaded) == before


@pytest.mark.parametrize("actor", [KRU, DIRECTOR, ASSESSOR], ids=["teacher", "director", "assessor"])
def test_only_an_admin_sets_targets(con, actor: Actor) -> None:
    before = list_targets(con)
    with pytest.raises(Refused):
        set_target(con, 2567, PHIMPHA, "1.1", "50", actor)
    assert list_targets(con).equals(before)


def test_a_signed_in_admins_target_is_saved_under_their_name(con) -> None:
    """The dashboard passes the signed-in Actor (app_pages/quality.py), not a name."""
    set_target(con, 2567, PHIMPHA, "1.1", "50", ADMIN)
    assert con.execute("SELECT target_pct, updated_by FROM targets WHERE unit_code = ? AND fiscal_year = 2567",
                       [PHIMPHA]).fetchall() == [(50, "admin")]
    assert [who for who, _ in audit(con, "set_target")] == ["admin"]


# ---------------------------------------------------------------- another centre's workbook

def test_a_teacher_loading_other_centres_rows_is_told_once_per_centre(con, files) -> None:
    sheet = courses_sheet(
        course_row(1, "PMP-01", centre=PHIMPHA),
        course_row(2, "BPK-01", centre="240401"), course_row(3, "BPK-02", centre="240401"),
        course_row(4, "BPK-03", centre="240401"),
        course_row(5, "TSK-01", centre="240412"),
    )
    before = snapshot(con)
    report = load_file(con, files.write("อำเภอ.xlsx", {"หลักสูตร": sheet}), who=KRU)
    assert report.status == "rejected"
    assert [p.rule for p in report.errors] == ["outside_unit", "outside_unit"]
    assert [next(c for c in ("240401", "240412") if c in p.en) for p in report.errors] == ["240401", "240412"]
    assert "3 rows of centre 240401" in report.errors[0].en and "1 rows of centre 240412" in report.errors[1].en
    assert all("240409" in p.en for p in report.errors)  # the uploader's own unit, not a centre of the file
    assert snapshot(con) == before  # not even ตำบลพิมพา's own row


def test_the_teachers_own_rows_load(con, files) -> None:
    sheet = courses_sheet(course_row(1, "PMP-01", centre=PHIMPHA))
    report = load_file(con, files.write("พิมพา.xlsx", {"หลักสูตร": sheet}), who=KRU)
    assert report.status == "loaded", report.errors
    assert con.execute("SELECT loaded_by FROM batches").fetchall() == [("kru.phimpha",)]


# ---------------------------------------------------------------- learners' names

@pytest.mark.parametrize(("actor", "unit", "sees"), [
    (KRU, PHIMPHA, True),
    (Actor("kru.district", "teacher", "2404"), PHIMPHA, True),
    (DIRECTOR, PHIMPHA, True),
    (DIRECTOR, "2404", True),
    (Actor("director.24", "director", "24"), "2404", True),
    (ADMIN, PHIMPHA, True),
    (KRU, "240401", False),     # the next centre
    (KRU, "2404", False),       # the teacher's district: above their unit
    (DIRECTOR, "2401", False),  # another district of the province
    (DIRECTOR, "10", False),
    (ASSESSOR, PHIMPHA, False),  # an assessor never sees names, even within their unit
    (ASSESSOR, "2404", False),
    (Actor("assessor.th", "assessor", "TH"), PHIMPHA, False),
])
def test_who_sees_names(actor: Actor, unit: str, sees: bool) -> None:
    assert actor.sees_names(unit) is sees


def test_a_teacher_exports_their_centres_names_and_it_is_logged(loaded) -> None:
    plain = export_frame(loaded, "enrolments", 2567, PHIMPHA)
    assert "first_name" not in plain.columns and "last_name" not in plain.columns
    assert audit(loaded, "export_names") == []

    named = export_frame(loaded, "enrolments", 2567, PHIMPHA, names_for=KRU)
    assert {"first_name", "last_name"} <= set(named.columns)
    assert "บุญมี" in set(named["first_name"])
    assert len(named) == len(plain)
    assert audit(loaded, "export_names") == [("kru.phimpha", "kind=enrolments fiscal_year=2567 unit=240409")]


def test_a_director_exports_their_districts_names(loaded) -> None:
    named = export_frame(loaded, "enrolments", 2567, "2404", names_for=DIRECTOR)
    assert "บุญมี" in set(named["first_name"])
    assert [who for who, _ in audit(loaded, "export_names")] == ["director.bpk"]


@pytest.mark.parametrize(("actor", "unit"), [(ASSESSOR, PHIMPHA), (ASSESSOR, "2404"), (KRU, "2404"),
                                             (Actor("kru.bangwua", "teacher", "240403"), PHIMPHA)],
                         ids=["assessor", "assessor of the district", "teacher, district", "teacher, other centre"])
def test_names_are_refused_to_anyone_else(loaded, actor: Actor, unit: str) -> None:
    with pytest.raises(Refused):
        export_frame(loaded, "enrolments", 2567, unit, names_for=actor)
    assert audit(loaded, "export_names") == []


# ---------------------------------------------------------------- copies

def test_a_copy_has_the_data_but_no_accounts_or_sessions(loaded, tmp_path: Path) -> None:
    accounts.add_user(loaded, ADMIN, "kru.phimpha", "teacher", PHIMPHA, "Kung-Haeng-2567")
    token = sessions.new_session(loaded, "kru.phimpha")
    [(hashed,)] = loaded.execute("SELECT password_hash FROM users").fetchall()
    [(token_hash,)] = loaded.execute("SELECT token_hash FROM sessions").fetchall()
    out = tmp_path / "copy" / "pimpa-copy.duckdb"
    out.parent.mkdir()

    db.copy_database(loaded, out)

    with duckdb.connect(str(out), read_only=True) as copy:
        assert copy.execute("SELECT count(*) FROM users").fetchone()[0] == 0
        assert copy.execute("SELECT count(*) FROM sessions").fetchone()[0] == 0
        assert copy.execute("SELECT count(*) FROM courses").fetchone()[0] == loaded.execute(
            "SELECT count(*) FROM courses").fetchone()[0] > 0
    data = out.read_bytes()
    assert hashed.encode() not in data and hashed.split("$")[-1].encode() not in data
    assert token_hash.encode() not in data and token.encode() not in data
    assert out.stat().st_mode & 0o077 == 0

"""The ID key lives outside the database file: the file alone cannot turn a hash back into an ID."""

from __future__ import annotations

import stat
from pathlib import Path

import duckdb
import pytest
from conftest import TEST_SALT, Files, registers

from pimpa_data.core import db, idkey
from pimpa_data.core.kinds import KINDS_BY_NAME
from pimpa_data.core.schema import key_index_sql
from pimpa_data.ingest.loading import load_file


@pytest.fixture
def key_file_only(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """No key in the environment: the key file is the only source."""
    monkeypatch.delenv("PIMPA_ID_SALT")
    path = tmp_path / "config" / "pimpa" / "id.key"
    monkeypatch.setenv("PIMPA_KEY_FILE", str(path))
    return path


def test_a_new_database_gets_an_owner_only_key_file_and_keeps_only_a_fingerprint(
    key_file_only: Path, db_path: Path, files: Files
) -> None:
    con = db.connect(db_path)
    load_file(con, files.write("r.xlsx", registers()), who="t")
    key = key_file_only.read_text().strip()
    assert stat.S_IMODE(key_file_only.stat().st_mode) == 0o600
    assert con.execute("SELECT value FROM settings WHERE key = 'id_key_fingerprint'").fetchone()[0] == (
        idkey.fingerprint(key))
    con.close()
    assert key.encode() not in db_path.read_bytes()


def test_loading_is_refused_without_the_key(key_file_only: Path, db_path: Path, files: Files) -> None:
    con = db.connect(db_path)
    key_file_only.unlink()
    with pytest.raises(idkey.KeyProblem) as refused:
        load_file(con, files.write("r.xlsx", registers()), who="t")
    assert "ไม่พบกุญแจ" in refused.value.th and "missing" in refused.value.en
    assert con.execute("SELECT count(*) FROM enrolments").fetchone()[0] == 0


def test_loading_is_refused_with_another_key(db_path: Path, files: Files, monkeypatch: pytest.MonkeyPatch) -> None:
    con = db.connect(db_path)
    monkeypatch.setenv("PIMPA_ID_SALT", "another-servers-key")
    with pytest.raises(idkey.KeyProblem) as refused:
        load_file(con, files.write("r.xlsx", registers()), who="t")
    assert "not the one this database was made with" in refused.value.en


def test_a_key_file_readable_by_others_is_made_owner_only(key_file_only: Path, db_path: Path) -> None:
    db.connect(db_path).close()
    key_file_only.chmod(0o644)
    idkey.load_key()
    assert stat.S_IMODE(key_file_only.stat().st_mode) == 0o600


def make_old_file(path: Path, files: Files) -> str:
    """A file as version 2 wrote it: the salt in settings, no unique keys, a doubled course."""
    con = db.connect(path)
    load_file(con, files.write("r.xlsx", registers()), who="t")
    for kind in KINDS_BY_NAME:
        con.execute(f"DROP INDEX {kind}_key")
        for table in (kind, f"undo_{kind}"):
            con.execute(f"ALTER TABLE {table} DROP COLUMN source_sheet")
            con.execute(f"ALTER TABLE {table} DROP COLUMN source_row")
            if kind != "courses":  # version 2 named a course by its code alone
                con.execute(f"ALTER TABLE {table} DROP COLUMN centre_code")
    con.execute("INSERT INTO courses SELECT * FROM courses WHERE course_code = 'PMP-01'")
    con.execute("DELETE FROM settings WHERE key IN ('id_key_fingerprint', 'schema_version')")
    con.execute("INSERT INTO settings VALUES ('schema_version', '2'), ('id_salt', ?)", [TEST_SALT])
    hashed = con.execute("SELECT min(learner_id) FROM enrolments").fetchone()[0]
    con.close()
    return hashed


def test_an_old_file_is_upgraded_its_salt_moved_out_and_doubled_rows_removed(
    key_file_only: Path, db_path: Path, files: Files, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PIMPA_ID_SALT", TEST_SALT)
    hashed = make_old_file(db_path, files)
    monkeypatch.delenv("PIMPA_ID_SALT")
    key_file_only.unlink(missing_ok=True)

    con = db.connect(db_path)
    assert key_file_only.read_text().strip() == TEST_SALT  # the old salt became the key file
    assert con.execute("SELECT count(*) FROM settings WHERE key = 'id_salt'").fetchone()[0] == 0
    assert con.execute("SELECT count(*) FROM courses WHERE course_code = 'PMP-01'").fetchone()[0] == 1
    assert "doubled courses" in con.execute("SELECT string_agg(detail) FROM audit_log").fetchone()[0]
    assert con.execute("SELECT count(*) FROM courses WHERE source_row IS NULL").fetchone()[0] == 2  # not known then
    assert con.execute("SELECT DISTINCT centre_code FROM enrolments").fetchall() == [("240409",)]
    assert con.execute("SELECT count(*) FROM enrolment_summary").fetchone()[0] == 3
    assert db.IdHasher.of(con)(registers()["ผู้เรียน"][3][2]) in {hashed, *_all_ids(con)}
    with pytest.raises(duckdb.ConstraintException):
        con.execute("INSERT INTO courses SELECT * FROM courses")
    con.close()
    assert TEST_SALT.encode() not in db_path.read_bytes()
    assert not db_path.with_name(db_path.name + ".rewrite").exists()


def _all_ids(con) -> set[str]:
    return {row[0] for row in con.execute("SELECT learner_id FROM enrolments").fetchall()}


def test_an_old_file_with_a_different_configured_key_is_refused(db_path: Path, files: Files,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    make_old_file(db_path, files)
    monkeypatch.setenv("PIMPA_ID_SALT", "not-the-old-salt")
    with pytest.raises(idkey.KeyProblem):
        db.connect(db_path)


def test_every_kind_has_its_key_index() -> None:
    assert "coalesce(CAST(learner_id AS VARCHAR), '')" in key_index_sql(KINDS_BY_NAME["sales"])
    assert key_index_sql(KINDS_BY_NAME["courses"]).endswith("ON courses (centre_code, course_code)")


def test_a_new_data_folder_is_readable_by_its_owner_only(tmp_path: Path) -> None:
    """Other accounts on a shared server cannot read the names and hashes in the database."""
    db.connect(tmp_path / "new" / "pimpa.duckdb").close()
    assert stat.S_IMODE((tmp_path / "new").stat().st_mode) == 0o700

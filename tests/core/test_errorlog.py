"""An unforeseen failure shows an incident code; the traceback goes to an owner-only log."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from pimpa_data.cli import main
from pimpa_data.core import errorlog
from pimpa_data.ingest import undo


@pytest.fixture
def error_log(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "logs" / "errors.log"
    monkeypatch.setenv("PIMPA_ERROR_LOG", str(path))
    return path


def broken(*_: object, **__: object) -> None:
    raise RuntimeError("disk on fire at /srv/secret/path")


def test_the_command_line_shows_a_code_and_logs_the_traceback(
    db_path: Path, error_log: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("pimpa_data.cli.commands.list_batches", broken)
    assert main(["--db", str(db_path), "batches"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and "/srv/secret" not in err
    assert "incident" in err and "ข้อผิดพลาดที่ไม่คาดคิด" in err
    incident = err.split("incident ")[1].split(")")[0]
    logged = error_log.read_text()
    assert f"incident {incident}" in logged and "Traceback" in logged and "disk on fire" in logged
    assert stat.S_IMODE(error_log.stat().st_mode) == 0o600


def test_a_failure_inside_a_write_leaves_nothing_half_written(con, files, error_log: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    from conftest import registers

    from pimpa_data.ingest.loading import load_file

    assert load_file(con, files.write("r.xlsx", registers()), who="t").status == "loaded"
    monkeypatch.setattr(undo, "refresh", broken)
    with pytest.raises(RuntimeError):
        undo.undo_batch(con, 1, "t")
    assert con.execute("SELECT count(*) FROM enrolments").fetchone()[0] == 3
    assert con.execute("SELECT status FROM batches").fetchone()[0] == "active"


def test_an_unwritable_log_does_not_hide_the_message(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("")
    monkeypatch.setenv("PIMPA_ERROR_LOG", str(blocked / "errors.log"))  # a folder that cannot exist
    problem = errorlog.report_unexpected(RuntimeError("x"), "test")
    assert "incident" in problem.en

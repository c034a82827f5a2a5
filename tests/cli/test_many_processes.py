"""Many processes, one database: commands wait their turn, and a running dashboard answers them.

The dashboard is stood in for by this test process: it owns the file (its lock held, the
DuckDB file open) and serves the socket, exactly as `app/ui.py` does on its first page view.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import ROOT, Files, course_row, courses_sheet, registers

from pimpa_data.cli import server
from pimpa_data.core import db, owner


def cli(database: Path, *argv: str, cwd: Path = ROOT) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-m", "pimpa_data", "--db", str(database), *argv],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=cwd, env=env)


def finish(process: subprocess.Popen[str]) -> tuple[int, str, str]:
    out, err = process.communicate(timeout=120)
    return process.returncode, out, err


def test_four_loads_at_once_all_complete_and_store_each_row_once(tmp_path: Path, files: Files) -> None:
    database = tmp_path / "p.duckdb"
    same = files.write("same.xlsx", registers(courses=2, learners=3))
    other = [files.write(f"o{i}.xlsx", {"หลักสูตร": courses_sheet(course_row(1, code=f"OTH-{i}"))}) for i in range(2)]
    processes = [cli(database, "load", str(path)) for path in (same, same, *other)]
    results = [finish(process) for process in processes]
    assert [code for code, _, _ in results] == [0, 0, 0, 0], [err for _, _, err in results]
    assert sum("ไม่มีอะไรเปลี่ยน / unchanged" in out for _, out, _ in results) == 1
    con = db.connect(database, read_only=True)
    assert con.execute("SELECT count(*) FROM courses").fetchone()[0] == 4
    assert con.execute("SELECT count(*) FROM enrolments").fetchone()[0] == 3
    assert [row[0] for row in con.execute("SELECT batch_id FROM batches ORDER BY 1").fetchall()] == [1, 2, 3]


def test_a_command_waits_while_another_holds_the_database(tmp_path: Path) -> None:
    database = tmp_path / "p.duckdb"
    db.connect(database).close()
    handle = owner.own(database, wait=1)
    threading.Timer(1.5, handle.close).start()  # the other command finishes after 1.5 s
    started = time.monotonic()
    code, out, err = finish(cli(database, "--wait", "20", "batches"))
    assert code == 0, err
    assert time.monotonic() - started >= 1.4
    assert "no batches yet" in out


def test_a_command_that_waits_too_long_says_so(tmp_path: Path) -> None:
    database = tmp_path / "p.duckdb"
    db.connect(database).close()
    with owner.own(database, wait=1):
        code, _, err = finish(cli(database, "--wait", "0.5", "batches"))
    assert code == 1
    assert "after waiting 0.5 seconds" in err and "Traceback" not in err


@pytest.fixture
def dashboard(tmp_path: Path):
    """This process owns the database and answers commands, as the running dashboard does."""
    database = tmp_path / "dash.duckdb"
    lock = owner.own(database, wait=1)
    con = db.connect(database)
    server.serve(con, database)
    yield database, con
    con.close()
    lock.close()


def test_while_the_dashboard_runs_commands_read_and_write_through_it(dashboard, files: Files) -> None:
    database, con = dashboard
    workbook = files.write("registers.xlsx", registers())
    code, out, err = finish(cli(database, "load", workbook.name, cwd=workbook.parent))  # a relative path
    assert code == 0, err
    assert "loaded" in out
    assert con.execute("SELECT count(*) FROM enrolments").fetchone()[0] == 3  # the dashboard sees the rows
    code, out, _ = finish(cli(database, "batches"))
    assert code == 0 and "registers.xlsx" in out
    code, out, _ = finish(cli(database, "indicators", "--fiscal-year", "2567", "--unit", "240409", "--format", "csv"))
    assert code == 0 and out.startswith("fiscal_year,unit_code")


def test_four_loads_through_the_dashboard_at_once(dashboard, files: Files) -> None:
    database, con = dashboard
    same = files.write("same.xlsx", registers(courses=2, learners=3))
    processes = [cli(database, "load", str(same)) for _ in range(4)]
    results = [finish(process) for process in processes]
    assert [code for code, _, _ in results] == [0] * 4, [err for _, _, err in results]
    assert con.execute("SELECT count(*) FROM enrolments").fetchone()[0] == 3
    assert con.execute("SELECT count(*) FROM batches").fetchone()[0] == 1


def test_a_copy_for_analysts_opens_read_only_while_the_dashboard_runs(dashboard, files: Files, tmp_path: Path) -> None:
    database, _ = dashboard
    finish(cli(database, "load", str(files.write("r.xlsx", registers()))))
    copy = tmp_path / "analysis.duckdb"
    code, _, err = finish(cli(database, "copy", "--out", str(copy)))
    assert code == 0, err
    import duckdb

    with duckdb.connect(str(copy), read_only=True) as analyst:
        assert analyst.execute("SELECT count(*) FROM enrolments").fetchone()[0] == 3
    assert oct(copy.stat().st_mode & 0o777) == "0o600"


def test_an_account_added_through_the_dashboard_can_sign_in(dashboard) -> None:
    """The password goes to the dashboard beside the arguments, never among them."""
    from pimpa_data.access import accounts

    database, con = dashboard
    process = subprocess.Popen(
        [sys.executable, "-m", "pimpa_data", "--db", str(database), "users", "add", "kru.phimpha", "--role",
         "teacher", "--unit", "240409", "--password-stdin"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    _, err = process.communicate("ผ่านแล้ว-2569\n", timeout=120)
    assert process.returncode == 0, err
    assert accounts.authenticate(con, "kru.phimpha", "ผ่านแล้ว-2569").unit_code == "240409"
    logged = con.execute("SELECT string_agg(concat_ws(' ', who, action, detail), ' ') FROM audit_log").fetchone()[0]
    assert "add_user" in logged and "ผ่านแล้ว" not in logged


def test_refusals_inside_the_dashboard_come_back_as_messages(dashboard) -> None:
    database, _ = dashboard
    code, _, err = finish(cli(database, "undo", "99"))
    assert code == 1
    assert "there is no batch 99" in err and "Traceback" not in err


def test_a_dashboard_that_does_not_answer_is_a_message_not_a_hang(tmp_path: Path) -> None:
    """A socket that takes the request and closes without a reply (another user's dashboard, say)."""
    import socket

    database = tmp_path / "p.duckdb"
    path = owner.socket_path(database)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(str(path))
    listener.listen()

    def close_each() -> None:
        connection, _ = listener.accept()
        connection.close()

    threading.Thread(target=close_each, daemon=True).start()
    try:
        code, _, err = finish(cli(database, "--wait", "2", "batches"))
    finally:
        listener.close()
        path.unlink(missing_ok=True)
    assert code == 1
    assert "did not answer" in err and "Traceback" not in err


def test_the_command_line_makes_a_new_data_folder_private(tmp_path: Path) -> None:
    database = tmp_path / "data" / "district" / "p.duckdb"
    code, _, err = finish(cli(database, "batches"))
    assert code == 0, err
    assert oct(database.parent.stat().st_mode & 0o777) == "0o700"

"""`python -m pimpa_data`: exit codes, the JSON report, where the database is, and a database
held open by another program."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, Files, course_row, courses_sheet, registers

from pimpa_data.cli import main

PROBLEM_FIELDS = {"file", "sheet", "row", "column", "value", "rule", "th", "en"}
COUNT_FIELDS = {"read", "inserted", "updated", "unchanged"}


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exit_:  # argparse's usage errors
        code = exit_.code
    out, err = capsys.readouterr()
    return code, out, err


def run_json(capsys, db: Path, *argv: str) -> tuple[int, list[dict]]:
    code, out, _ = run(capsys, "--db", str(db), "load", "--format", "json", *argv)
    return code, json.loads(out)


@pytest.fixture
def good(files: Files) -> Path:
    return files.write("registers.xlsx", registers())


@pytest.fixture
def bad(files: Files) -> Path:
    return files.write("bad courses.xlsx", {"หลักสูตร": courses_sheet(course_row(code="PMP-09", hours=0))})


# ---------------------------------------------------------------- exit codes

def test_loading_good_files_exits_0(capsys, db_path: Path, good: Path) -> None:
    code, out, _ = run(capsys, "--db", str(db_path), "load", str(good))

    assert code == 0
    assert "นำเข้าแล้ว / loaded batch 1" in out
    assert "courses" in out and "inserted" in out


def test_a_rejected_file_exits_1_and_the_other_files_still_load(capsys, db_path: Path, good: Path, bad: Path) -> None:
    code, reports = run_json(capsys, db_path, str(bad), str(good))

    assert code == 1
    assert [(r["status"], r["batch_id"]) for r in reports] == [("rejected", None), ("loaded", 1)]


@pytest.mark.parametrize(
    "argv",
    [[], ["load"], ["load", "--format", "xml", "x.csv"], ["undo", "seven"], ["frobnicate"]],
    ids=["no command", "no file", "bad option value", "batch not a number", "unknown command"],
)
def test_usage_errors_exit_2(capsys, db_path: Path, argv: list[str]) -> None:
    code, _, err = run(capsys, "--db", str(db_path), *argv)

    assert code == 2
    assert "usage" in err


def test_a_path_that_does_not_exist_exits_2_and_loads_nothing(capsys, db_path: Path, good: Path) -> None:
    code, _, err = run(capsys, "--db", str(db_path), "load", str(good), "missing.xlsx")

    assert code == 2
    assert "no such file: missing.xlsx" in err and "ไม่พบไฟล์" in err
    assert not db_path.exists()  # checked before anything is opened or loaded


# ---------------------------------------------------------------- the JSON report

def test_the_json_report_has_one_shape_for_every_status(capsys, db_path: Path, good: Path, bad: Path) -> None:
    _, reports = run_json(capsys, db_path, str(good), str(good), str(bad))
    _, dry = run_json(capsys, db_path, "--dry-run", str(good))
    reports += dry

    assert [r["status"] for r in reports] == ["loaded", "unchanged", "rejected", "dry-run"]
    for report in reports:
        assert {"path", "status", "batch_id", "counts", "errors"} <= set(report)
        for counts in report["counts"].values():
            assert set(counts) == COUNT_FIELDS and all(isinstance(n, int) for n in counts.values())
        for problem in report["errors"]:
            assert set(problem) == PROBLEM_FIELDS
    loaded, unchanged, rejected, dry_run = reports
    assert loaded["path"] == str(good) and loaded["batch_id"] == 1
    assert loaded["counts"]["enrolments"] == {"read": 3, "inserted": 3, "updated": 0, "unchanged": 0}
    assert unchanged["batch_id"] is None and unchanged["counts"]["courses"]["unchanged"] == 2
    assert dry_run["batch_id"] is None and dry_run["errors"] == []
    [problem] = rejected["errors"]
    assert problem == problem | {
        "file": "bad courses.xlsx", "sheet": "หลักสูตร", "row": 4, "column": "จำนวนชั่วโมง (E)", "value": "0.00",
        "rule": "range",
    }
    assert problem["th"] and problem["en"]


def test_files_are_taken_in_order_each_its_own_batch(capsys, db_path: Path, files: Files) -> None:
    paths = [files.write(f"{name}.xlsx", {"หลักสูตร": courses_sheet(course_row(code=name))})
             for name in ("PMP-03", "PMP-01", "PMP-02")]

    code, reports = run_json(capsys, db_path, *map(str, paths))
    _, out, _ = run(capsys, "--db", str(db_path), "batches", "--format", "json")

    assert code == 0
    assert [(r["path"], r["batch_id"]) for r in reports] == [(str(p), n) for n, p in enumerate(paths, start=1)]
    assert [(b["batch_id"], b["file_name"]) for b in json.loads(out)] == [
        (3, "PMP-02.xlsx"), (2, "PMP-01.xlsx"), (1, "PMP-03.xlsx"),
    ]


def test_a_text_report_lists_each_problem_where_it_is(capsys, db_path: Path, bad: Path) -> None:
    code, out, _ = run(capsys, "--db", str(db_path), "load", str(bad))

    assert code == 1
    assert "rejected (nothing written)" in out
    assert "sheet หลักสูตร, row 4, จำนวนชั่วโมง (E) '0.00' [range]" in out


# ---------------------------------------------------------------- undo and batches

def test_undo_from_the_command_line(capsys, db_path: Path, good: Path) -> None:
    run(capsys, "--db", str(db_path), "load", str(good))

    first = run(capsys, "--db", str(db_path), "undo", "1")
    again = run(capsys, "--db", str(db_path), "undo", "1")
    _, listing, _ = run(capsys, "--db", str(db_path), "batches")

    assert first[0] == 0 and "undid batch 1 (5 rows reverted)" in first[1]
    assert again[0] == 1 and "already been undone" in again[2] and "Traceback" not in again[2]
    assert "undone" in listing and "registers.xlsx" in listing


# ---------------------------------------------------------------- where the database is

def test_pimpa_db_names_the_database_and_db_overrides_it(
    capsys, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, good: Path
) -> None:
    from_env, from_option = tmp_path / "env" / "a.duckdb", tmp_path / "option.duckdb"
    monkeypatch.setenv("PIMPA_DB", str(from_env))

    assert run(capsys, "load", str(good))[0] == 0
    assert from_env.exists()
    assert run(capsys, "--db", str(from_option), "load", str(good))[1].startswith(f"{good}: นำเข้าแล้ว")
    assert from_option.exists()
    assert "ไม่มีอะไรเปลี่ยน / unchanged" in run(capsys, "load", str(good))[1]  # PIMPA_DB's copy has it already


def test_python_m_pimpa_data_runs_as_a_program(tmp_path: Path, good: Path) -> None:
    result = cli(tmp_path / "p.duckdb", "load", "--format", "json", str(good))

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)[0]["status"] == "loaded"


def cli(db: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "pimpa_data", "--db", str(db), *argv], capture_output=True,
                          text=True, cwd=ROOT, env=env, timeout=120)


HOLDER = """
import sys, time, duckdb
con = duckdb.connect(sys.argv[1])
print("ready", flush=True)
sys.stdin.read()  # hold the file until the test closes our stdin
"""


@pytest.mark.parametrize("command", [["load", "{file}"], ["batches"], ["undo", "1"]])
def test_a_database_held_by_another_program_gives_a_clear_message(tmp_path: Path, good: Path, command) -> None:
    db = tmp_path / "busy.duckdb"
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(db)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        result = cli(db, "--wait", "1", *(part.format(file=good) for part in command))
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)

    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "held by another program" in result.stderr and "ถูกเปิดใช้อยู่โดยโปรแกรมอื่น" in result.stderr
    assert f"PID {holder.pid}" in result.stderr

"""`python -m pimpa_data report` writes the file; its numbers are those of `indicators`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from conftest import ROOT
from report_support import docx_tables

from pimpa_data.report.sections import INDICATOR_HEADERS


def pimpa(db: Path, *argv: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pimpa_data", "--db", str(db), *argv], cwd=ROOT,
                          capture_output=True, text=True, env=os.environ | {"PYTHONPATH": str(ROOT)}, timeout=120)


def test_the_command_writes_a_docx_with_the_numbers_of_the_indicators_command(app_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "reports" / "sar.docx"
    done = pimpa(app_db, "report", "--unit", "240409", "--fiscal-year", "2568", "--kind", "sar", "--out", str(out))
    listed = json.loads(pimpa(app_db, "indicators", "--fiscal-year", "2568", "--unit", "240409",
                              "--format", "json").stdout)

    assert done.returncode == 0, done.stderr
    assert "sar.docx" in done.stdout and "with names" in done.stdout
    assert oct(out.stat().st_mode & 0o777) == "0o600"  # names in it: the owner's only
    table = next(t for t in docx_tables(out.read_bytes()) if t[0] == INDICATOR_HEADERS)
    assert [row[1:4] for row in table[1:]] == [
        [str(r["numerator"]), str(r["denominator"]), f"{r['value_pct']:.2f}"] for r in listed]


def test_the_command_writes_a_pdf_without_names(app_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "bp.pdf"
    done = pimpa(app_db, "report", "--unit", "240409", "--fiscal-year", "2569", "--kind", "best-practice",
                 "--out", str(out), "--without-names")

    assert done.returncode == 0, done.stderr
    assert out.read_bytes().startswith(b"%PDF") and "without names" in done.stdout


def test_an_unknown_unit_is_a_message_and_exit_1(app_db: Path, tmp_path: Path) -> None:
    done = pimpa(app_db, "report", "--unit", "999999", "--fiscal-year", "2569", "--kind", "sar",
                 "--out", str(tmp_path / "x.pdf"))

    assert done.returncode == 1
    assert "999999" in done.stderr and not (tmp_path / "x.pdf").exists()

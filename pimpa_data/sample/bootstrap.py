"""The embedded default: a DuckDB file that, on first run, is filled with the sample data."""

from __future__ import annotations

from pathlib import Path

import duckdb

from ..core import db
from ..ingest.loading import FileReport, load_file
from ..ingest.reading import CSV_SUFFIXES, SPREADSHEET_SUFFIXES

SAMPLE_DIR = Path(__file__).resolve().parents[2] / "sample_data"
SAMPLE_LOADER = "ข้อมูลตัวอย่าง (sample data)"


def sample_files(folder: Path = SAMPLE_DIR) -> list[Path]:
    suffixes = SPREADSHEET_SUFFIXES | CSV_SUFFIXES
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in suffixes) if folder.is_dir() else []


def load_sample(con: duckdb.DuckDBPyConnection, folder: Path = SAMPLE_DIR) -> list[FileReport]:
    return [load_file(con, path, who=SAMPLE_LOADER, display_name=path.name) for path in sample_files(folder)]


def open_database(path: Path | None = None) -> duckdb.DuckDBPyConnection:
    """Open the database; a new file gets the sample data so a first-time user sees something."""
    path = Path(path or db.default_db_path())
    is_new = not path.exists()
    con = db.connect(path)
    if is_new:
        load_sample(con)
    return con


def shows_sample(con: duckdb.DuckDBPyConnection) -> bool:
    """True while any batch of the sample data is still active (a notice says so)."""
    row = con.execute(
        "SELECT count(*) FROM batches WHERE status = 'active' AND loaded_by = ?", [SAMPLE_LOADER]
    ).fetchone()
    return bool(row[0])

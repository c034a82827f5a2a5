"""The embedded default: a DuckDB file that, on first run, is filled with the sample data."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import duckdb
import pandas as pd

from ..core import db
from ..ingest.loading import FileReport, load_file
from ..ingest.reading import CSV_SUFFIXES, SPREADSHEET_SUFFIXES
from ..ingest.sample_guard import sample_present

SAMPLE_DIR = Path(__file__).resolve().parents[2] / "sample_data"
SAMPLE_LOADER = "ข้อมูลตัวอย่าง (sample data)"


def sample_files(folder: Path = SAMPLE_DIR) -> list[Path]:
    suffixes = SPREADSHEET_SUFFIXES | CSV_SUFFIXES
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in suffixes) if folder.is_dir() else []


SAMPLE_BATCH = "ข้อมูลตัวอย่าง อำเภอบางปะกง (sample)"
SAMPLE_YEARS, SAMPLE_SEED = 3, 2567  # the years and seed that sample_data/ was written with


def load_sample_files(con: duckdb.DuckDBPyConnection, folder: Path = SAMPLE_DIR) -> list[FileReport]:
    """The spreadsheets of sample_data/, uploaded as a teacher would (a database without the sample)."""
    return [load_file(con, path, who=SAMPLE_LOADER, display_name=path.name) for path in sample_files(folder)]


SAMPLE_CODE = "ตัวอย่าง-"  # before each sample course code: no real workbook numbers its courses so


def store_sample(con: duckdb.DuckDBPyConnection, progress: Progress | None = None) -> None:
    """The district sample straight into the tables (the rows the sample files hold, without
    reading them: under a second), as one batch marked `sample`, its course codes marked too."""
    from ..ingest.bulk import store_frames
    from .generator import generate

    _tell(progress, 0.4)
    frames = {kind: _marked(frame) for kind, frame in generate("district", SAMPLE_YEARS, SAMPLE_SEED).items()}
    _tell(progress, 0.6)
    store_frames(con, frames, SAMPLE_BATCH, SAMPLE_LOADER)
    _tell(progress, 1.0)


Progress = Callable[[float], None]  # told the share done (0–1) as a new database is prepared


def _tell(progress: Progress | None, done: float) -> None:
    if progress is not None:
        progress(done)


def _marked(frame: pd.DataFrame) -> pd.DataFrame:
    if "course_code" not in frame:
        return frame
    return frame.assign(course_code=frame["course_code"].map(lambda code: SAMPLE_CODE + code if code else code))


def open_database(path: Path | None = None, progress: Progress | None = None) -> duckdb.DuckDBPyConnection:
    """Open the database; a new file gets the sample data so a first-time user sees something."""
    path = Path(path or db.default_db_path())
    is_new = not path.exists()
    if is_new:
        _tell(progress, 0.1)
    con = db.connect(path)
    if is_new:
        store_sample(con, progress)
    return con


def shows_sample(con: duckdb.DuckDBPyConnection) -> bool:
    """True while the sample data is in (a notice says so, and real uploads wait)."""
    return sample_present(con)

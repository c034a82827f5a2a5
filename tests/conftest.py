"""Shared fixtures: a fresh DuckDB file per test, and writers of real spreadsheet files.

The writers take rows as a teacher would type them (str, int, float, date, None) and save
a real .xlsx (openpyxl or xlsxwriter), .xls (xlwt), .ods (odfpy) or .csv (any encoding),
so every test goes through the same reading path as an upload.
"""

from __future__ import annotations

import csv
import datetime as dt
import shutil
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # `pytest` run without `python -m` still finds the package
    sys.path.insert(0, str(ROOT))

from pimpa_data.core import db as pimpa_db  # noqa: E402
from pimpa_data.sample import bootstrap  # noqa: E402

# A copy of shared/examples/phimpha_2567_teacher_workbook.xlsx: the tests pin what its cells mean.
EXAMPLE_WORKBOOK = ROOT / "tests" / "data" / "phimpha_2567_teacher_workbook.xlsx"
TEST_SALT = "pimpa-test-salt"

Row = Sequence[object]
Sheets = dict[str, Sequence[Row]]


# ---------------------------------------------------------------- Thai ID numbers

def thai_id(serial: int, first: int = 1) -> str:
    """A 13-digit Thai ID with a valid check digit, distinct for each serial."""
    twelve = f"{first}{serial:011d}"
    total = sum(int(digit) * weight for digit, weight in zip(twelve, range(13, 1, -1)))
    return twelve + str((11 - total % 11) % 10)


def bad_check_digit(valid: str) -> str:
    return valid[:12] + str((int(valid[12]) + 1) % 10)


def dashed(number: str) -> str:
    """1-2345-67890-12-1, as IDs are printed on the card."""
    return f"{number[0]}-{number[1:5]}-{number[5:10]}-{number[10:12]}-{number[12]}"


# ---------------------------------------------------------------- writers

def write_xlsx(path: Path, sheets: Sheets, merged: dict[str, Sequence[str]] | None = None,
               hidden: Sequence[str] = ()) -> Path:
    """An .xlsx written by openpyxl; `merged` maps a sheet to ranges such as "A1:H1"."""
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row, start=1):
                if value is not None:
                    cell = sheet.cell(r, c, value)
                    if isinstance(value, dt.date):
                        cell.number_format = "dd/mm/yyyy"
        for cells in (merged or {}).get(name, ()):
            sheet.merge_cells(cells)
        if name in hidden:
            sheet.sheet_state = "hidden"
    workbook.save(path)
    return path


def write_xlsx_xlsxwriter(path: Path, sheets: Sheets) -> Path:
    """An .xlsx written by xlsxwriter (as LibreOffice and many tools write them: no cell cache)."""
    import xlsxwriter

    workbook = xlsxwriter.Workbook(str(path))
    date_format = workbook.add_format({"num_format": "dd/mm/yyyy"})
    for name, rows in sheets.items():
        sheet = workbook.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if isinstance(value, dt.date):
                    moment = dt.datetime.combine(value, dt.time()) if type(value) is dt.date else value
                    sheet.write_datetime(r, c, moment, date_format)
                elif value is not None:
                    sheet.write(r, c, value)
    workbook.close()
    return path


def write_xls(path: Path, sheets: Sheets, merged: dict[str, Sequence[tuple[int, int, int, int]]] | None = None) -> Path:
    """An Excel 97 .xls; `merged` maps a sheet to (first row, last row, first col, last col), 0-based."""
    import xlwt

    workbook = xlwt.Workbook(encoding="utf-8")
    date_style = xlwt.easyxf(num_format_str="DD/MM/YYYY")
    for name, rows in sheets.items():
        sheet = workbook.add_sheet(name)
        spans = (merged or {}).get(name, ())
        for r1, r2, c1, c2 in spans:
            sheet.write_merge(r1, r2, c1, c2, rows[r1][c1])
        covered = {(r, c) for r1, r2, c1, c2 in spans for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)}
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value is None or (r, c) in covered:
                    continue
                if isinstance(value, dt.date):
                    sheet.write(r, c, value, date_style)
                else:
                    sheet.write(r, c, value)
    workbook.save(str(path))
    return path


def _ods_cell(value: object):
    from odf.table import TableCell
    from odf.text import P

    if value is None:
        return TableCell()
    if isinstance(value, dt.date):
        cell = TableCell(valuetype="date", datevalue=value.isoformat())
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        cell = TableCell(valuetype="float", value=value)
    else:
        cell = TableCell(valuetype="string")
    cell.addElement(P(text=str(value)))
    return cell


def write_ods(path: Path, sheets: Sheets) -> Path:
    """An OpenDocument spreadsheet, as LibreOffice saves it."""
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableRow

    document = OpenDocumentSpreadsheet()
    for name, rows in sheets.items():
        table = Table(name=name)
        for row in rows:
            table_row = TableRow()
            for value in row:
                table_row.addElement(_ods_cell(value))
            table.addElement(table_row)
        document.spreadsheet.addElement(table)
    document.save(str(path))
    return path


def csv_text(value: object) -> str:
    """A cell as a CSV file holds it: dates as day/month/BE year, whole floats without .0."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        year = value.year if value.year >= 2400 else value.year + 543
        return f"{value.day}/{value.month:02d}/{year}"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def write_csv(path: Path, rows: Sequence[Row], encoding: str = "utf-8", delimiter: str = ",") -> Path:
    """A CSV file; encoding "utf-8-sig" writes the BOM Excel writes, "cp874" is Windows Thai."""
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        for row in rows:
            writer.writerow([csv_text(value) for value in row])
    return path


class Files:
    """Writes test files into one folder: `files.write("name.xlsx", {"sheet": rows})`."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def path(self, name: str) -> Path:
        return self.folder / name

    def write(self, name: str, sheets: Sheets | Sequence[Row], **options: object) -> Path:
        """A file of the kind its suffix says; a CSV takes rows, a workbook a dict of sheets."""
        path = self.folder / name
        suffix = path.suffix.lower()
        if suffix == ".csv":
            return write_csv(path, sheets, **options)  # type: ignore[arg-type]
        if not isinstance(sheets, dict):
            sheets = {"Sheet1": sheets}
        writer = {".xlsx": write_xlsx, ".xls": write_xls, ".ods": write_ods}[suffix]
        return writer(path, sheets, **options)  # type: ignore[operator]

    def raw(self, name: str, data: bytes) -> Path:
        path = self.folder / name
        path.write_bytes(data)
        return path


# ---------------------------------------------------------------- database

def table_names(con) -> list[str]:
    rows = con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' AND table_type = 'BASE TABLE'"
        " ORDER BY table_name"
    ).fetchall()
    return [row[0] for row in rows]


def snapshot(con) -> dict[str, list[tuple]]:
    """Every row of every table, sorted: equal snapshots mean the same content."""
    return {name: sorted(con.execute(f'SELECT * FROM "{name}"').fetchall(), key=repr) for name in table_names(con)}


def stored(con, kind: str, columns: str = "*", where: str = "", params: Sequence[object] = ()) -> list[tuple]:
    """Rows of a table, in the ORDER BY the query gives or else sorted."""
    rows = con.execute(f"SELECT {columns} FROM {kind} {where}", list(params)).fetchall()
    return rows if "ORDER BY" in where.upper() else sorted(rows, key=repr)


@pytest.fixture(autouse=True, scope="session")
def _session_key(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Session-wide databases (the sample) are made with the tests' key too, never the user's."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PIMPA_ID_SALT", TEST_SALT)
        patch.setenv("PIMPA_KEY_FILE", str(tmp_path_factory.mktemp("session-key") / "id.key"))
        yield


@pytest.fixture(autouse=True)
def _fixed_environment(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """One ID key for every database a test opens, so hashed IDs compare across databases;
    a key file, where a test uses one, in a temporary folder rather than the user's own."""
    monkeypatch.setenv("PIMPA_ID_SALT", TEST_SALT)
    monkeypatch.setenv("PIMPA_KEY_FILE", str(tmp_path_factory.mktemp("key") / "id.key"))
    monkeypatch.setenv("PIMPA_SESSION_KEY_FILE", str(tmp_path_factory.mktemp("key") / "session.key"))
    monkeypatch.setenv("PIMPA_USER", "test")
    monkeypatch.delenv("PIMPA_DB", raising=False)


# The dashboard's test database: the sample of อำเภอบางปะกง, built once, copied per test.
@pytest.fixture(scope="session")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("sample") / "pimpa.duckdb"
    bootstrap.open_database(path).close()  # a first run: the sample, straight into the tables
    return path


@pytest.fixture
def app_db(sample_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "pimpa.duckdb"
    shutil.copy(sample_db, path)
    monkeypatch.setenv("PIMPA_DB", str(path))
    monkeypatch.delenv("PIMPA_USER_UNIT", raising=False)
    return path


@pytest.fixture
def real_db(app_db: Path) -> Path:
    """The dashboard's database after its admin removed the sample and two centres uploaded their
    workbooks of 2569 (ตำบลพิมพา 240409 and ตำบลเขาดิน 240412)."""
    from pimpa_data.ingest.loading import load_file
    from pimpa_data.ingest.undo import remove_sample

    con = pimpa_db.connect(app_db)
    remove_sample(con, "admin")
    for name in ("240409_พิมพา_2569.xlsx", "240412_เขาดิน_2569.xlsx"):
        assert load_file(con, ROOT / "sample_data" / name, who="admin").status == "loaded"
    con.close()
    return app_db


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "pimpa.duckdb"


@pytest.fixture
def con(db_path: Path) -> Iterator[object]:
    """A fresh database file (schema and centres in place), closed after the test."""
    connection = pimpa_db.connect(db_path)
    yield connection
    connection.close()


@pytest.fixture
def files(tmp_path: Path) -> Files:
    folder = tmp_path / "files"
    folder.mkdir()
    return Files(folder)


@pytest.fixture
def example_workbook() -> Path:
    return EXAMPLE_WORKBOOK


def hash_of(con, learner_id: str) -> str:
    return pimpa_db.IdHasher.of(con)(learner_id)



# ---------------------------------------------------------------- sheets as teachers keep them
# A course register and a learner register of ตำบลพิมพา, with a title row above each header.

CENTRE = "240409"  # ตำบลพิมพา, อำเภอบางปะกง
COURSE_HEADER = ["ลำดับ", "รหัสหลักสูตร", "รหัสตำบล", "ชื่อหลักสูตร", "จำนวนชั่วโมง", "วันเริ่ม", "วันสิ้นสุด",
                 "งบประมาณ (บาท)"]
ENROLMENT_HEADER = ["ลำดับ", "รหัสหลักสูตร", "เลขประจำตัวประชาชน", "ชื่อ-สกุล", "เพศ", "ผลการประเมิน"]
ATTENDANCE_HEADER = ["ลำดับ", "รหัสหลักสูตร", "เลขประจำตัวประชาชน", "วันที่", "การมาเรียน"]
LEARNERS = [thai_id(serial) for serial in range(1, 6)]


def course_row(number: int = 1, code: str = "PMP-01", centre: object = CENTRE, hours: object = 12,
               start: object = "1/11/2566", end: object = "10/11/2566", budget: object = "1,500") -> list[object]:
    return [number, code, centre, f"การทำกุ้งแห้ง {number}", hours, start, end, budget]


def enrolment_row(number: int, learner: str, code: str = "PMP-01", name: str = "นางสาวมาลี ใจดี",
                  result: object = "ผ่าน") -> list[object]:
    return [number, code, learner, name, "หญิง", result]


def courses_sheet(*rows: list[object], title: str = "ทะเบียนหลักสูตร กศน.ตำบลพิมพา ปีงบประมาณ 2567") -> list[list[object]]:
    """Title on row 1, a blank row 2, the header on row 3, data from row 4."""
    return [[title], [], COURSE_HEADER, *rows]


def enrolments_sheet(*rows: list[object]) -> list[list[object]]:
    return [["ทะเบียนผู้เรียน กศน.ตำบลพิมพา"], [], ENROLMENT_HEADER, *rows]


def registers(courses: int = 2, learners: int = 3) -> Sheets:
    """Courses PMP-01, PMP-02… and the first `learners` of LEARNERS enrolled in PMP-01."""
    return {
        "หลักสูตร": courses_sheet(*(course_row(n, f"PMP-{n:02d}") for n in range(1, courses + 1))),
        "ผู้เรียน": enrolments_sheet(*(enrolment_row(n, LEARNERS[n - 1]) for n in range(1, learners + 1))),
    }


def load(con, path: Path, **options: object):
    from pimpa_data.ingest.loading import load_file

    return load_file(con, path, who="test", **options)


@pytest.fixture
def registered(con, files: Files):
    """The database with the course and learner registers of ตำบลพิมพา already loaded."""
    report = load(con, files.write("registers.xlsx", registers()))
    assert report.status == "loaded", report.errors
    return con


@pytest.fixture(scope="session")
def sources(sample_db: Path, tmp_path_factory: pytest.TempPathFactory):
    """Two servers (อำเภอบางปะกง and a second district) with a snapshot each, built once and
    only read by the snapshot, roll-up, warehouse and dashboard tests (snapshot_sources.py)."""
    from snapshot_sources import make_sources

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PIMPA_ID_SALT", "pimpa-test-salt")
        return make_sources(sample_db, tmp_path_factory.mktemp("sources"))

"""What reading one uploaded file may cost, and the cheap checks made before any cell is decoded.

A hostile workbook of 1.7 KB can declare a cell at XFD1048576, and a 2.5 MB zip can hold 800 MB
of sheet XML: a spreadsheet reader asked to open them allocates hundreds of gigabytes. So the
sizes a file declares (its zip directory, each sheet's `<dimension>`) are checked first, and
what is left to chance runs in a worker process with memory and time limits (`bounded.py`).
Teachers' real files are far below every limit: a district's year of attendance is about
50,000 rows and 70 columns.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from ..core.errors import PimpaError

MAX_FILE_BYTES = 50 * 2**20
MAX_UNZIPPED_BYTES = 256 * 2**20
MAX_ROWS = 200_000
MAX_COLUMNS = 1_000
MAX_CELLS = 5_000_000
READ_SECONDS = 10.0
READ_MEMORY_BYTES = 1 * 2**30

_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="([A-Z]{1,3})(\d{1,7})(?::([A-Z]{1,3})(\d{1,7}))?"')


class UnreadableFile(PimpaError):
    """The file cannot be read, or may not be: it is damaged, of another kind, or too large."""


@dataclass(frozen=True)
class Extent:
    rows: int
    columns: int


def column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number


def check_extent(name: str, sheet: str | None, extent: Extent) -> None:
    """Refuse a sheet larger than any teacher's: too many rows, columns or cells."""
    where_th, where_en = (f" ชีต '{sheet}'", f" sheet '{sheet}'") if sheet else ("", "")
    if extent.rows <= MAX_ROWS and extent.columns <= MAX_COLUMNS and extent.rows * extent.columns <= MAX_CELLS:
        return
    raise UnreadableFile(
        f"ไฟล์ {name}{where_th} ใหญ่เกินกว่าจะนำเข้าได้ ({extent.rows:,} แถว × {extent.columns:,} คอลัมน์;"
        f" รับได้ไม่เกิน {MAX_ROWS:,} แถว {MAX_COLUMNS:,} คอลัมน์) มักเกิดจากมีค่าหรือรูปแบบในเซลล์ไกล ๆ"
        " ให้ลบแถวและคอลัมน์ว่างท้ายตาราง หรือคัดลอกเฉพาะตารางไปวางในไฟล์ใหม่",
        f"{name}{where_en} is too large to load ({extent.rows:,} rows × {extent.columns:,} columns; at most"
        f" {MAX_ROWS:,} rows and {MAX_COLUMNS:,} columns); a value or format in a far-away cell usually causes"
        " this: delete the empty rows and columns after the table, or copy just the table into a new file",
    )


def too_large(name: str, what_th: str, what_en: str) -> UnreadableFile:
    return UnreadableFile(
        f"ไฟล์ {name} ใหญ่เกินกว่าจะนำเข้าได้ ({what_th}) ให้แยกเป็นหลายไฟล์ หรือบันทึกเฉพาะตารางเป็นไฟล์ใหม่",
        f"{name} is too large to load ({what_en}); split it into several files, or save just the table"
        " as a new file",
    )


def cannot_open(name: str, error: OSError) -> UnreadableFile:
    """A folder, a file without read permission, a vanished network file."""
    return UnreadableFile(
        f"เปิดไฟล์ {name} ไม่ได้ ({error.strerror}) ให้ตรวจว่าเป็นไฟล์ ไม่ใช่โฟลเดอร์ และมีสิทธิ์อ่าน",
        f"cannot open {name} ({error.strerror}); check that it is a file, not a folder, and that it can be read",
    )


def check_size(path: Path, name: str) -> None:
    """The first check, before a worker is asked: the file's size on disk."""
    try:
        size = path.stat().st_size
    except OSError as error:
        raise cannot_open(name, error) from None
    if size > MAX_FILE_BYTES:
        raise too_large(name, f"{size / 2**20:,.0f} MB เกิน {MAX_FILE_BYTES // 2**20} MB",
                        f"{size / 2**20:,.0f} MB, over {MAX_FILE_BYTES // 2**20} MB")


def check_declared(path: Path, name: str) -> None:
    """Checks that read no cell: what a zip-based workbook declares of its contents."""
    if zipfile.is_zipfile(path):
        _check_zip(path, name)


def _check_zip(path: Path, name: str) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
            unzipped = sum(entry.file_size for entry in entries)
            if unzipped > MAX_UNZIPPED_BYTES:
                raise too_large(name, f"ข้อมูลภายในขยายได้ {unzipped / 2**20:,.0f} MB",
                                f"its contents unpack to {unzipped / 2**20:,.0f} MB")
            for entry in entries:
                if entry.filename.startswith("xl/worksheets/") and entry.filename.endswith(".xml"):
                    _check_dimension(archive, entry, name)
    except UnreadableFile:
        raise
    except Exception:  # damaged, encrypted or oddly compressed: the reader says so in its own words
        return


def _check_dimension(archive: zipfile.ZipFile, entry: zipfile.ZipInfo, name: str) -> None:
    """The sheet's declared extent, from the first bytes of its XML (written before any cell)."""
    with archive.open(entry) as handle:
        head = handle.read(4096)
    found = _DIMENSION.search(head)
    if not found:
        return
    first_col, first_row, last_col, last_row = found.groups()
    last_col, last_row = last_col or first_col, last_row or first_row
    check_extent(name, None, Extent(int(last_row), column_number(last_col.decode())))

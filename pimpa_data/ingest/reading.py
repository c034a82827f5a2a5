"""Reading spreadsheet files into plain grids of cells, one per sheet.

Row numbers stay as the user sees them in Excel: grid row 0 is spreadsheet row 1, even
when the sheet starts with blank rows.
"""

from __future__ import annotations

import csv
import io
from itertools import zip_longest
from pathlib import Path

import python_calamine

from .limits import MAX_COLUMNS, MAX_ROWS, Extent, UnreadableFile, cannot_open, check_extent

SPREADSHEET_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".xlsb", ".ods"}
CSV_SUFFIXES = {".csv", ".txt", ".tsv"}
CSV_ENCODINGS = ("utf-8-sig", "cp874")
CODE_TYPE = "I"  # array type of a text column's codes as a read worker sends them (`read_worker.encoded`)


class Grid:
    """The cells of one sheet; `sheet` is None for a CSV file.

    A grid is held as rows or as columns (a read worker sends columns: a sheet's column repeats
    its values, which travel once), and each form is made from the other only when asked for.
    """

    def __init__(
        self, file: str, sheet: str | None, rows: list[list[object]] | None = None, hidden: bool = False,
        *, columns: list[list[object]] | None = None,
    ) -> None:
        self.file = file
        self.sheet = sheet
        self.hidden = hidden  # a hidden sheet (lists for drop-downs, old months) is not uploaded
        self._rows = rows if rows is not None or columns is not None else []
        self._columns = columns

    @property
    def rows(self) -> list[list[object]]:
        if self._rows is None:
            self._rows = [list(row) for row in zip(*self._columns)] if self._columns else []
        return self._rows

    @property
    def columns(self) -> list[list[object]]:
        """The cells a column at a time, every column as long as the sheet (short rows padded)."""
        if self._columns is None:
            self._columns = columns_of(self._rows)
        return self._columns

    @property
    def height(self) -> int:
        if self._rows is not None:
            return len(self._rows)
        return len(self._columns[0]) if self._columns else 0

    def row(self, index: int) -> list[object]:
        if self._rows is not None:
            return self._rows[index]
        return [column[index] for column in self._columns]

    def head(self, count: int) -> list[list[object]]:
        return [self.row(index) for index in range(min(count, self.height))]


def columns_of(rows: list[list[object]]) -> list[list[object]]:
    """The rows' cells a column at a time; a short row (CSV) is padded with blanks."""
    widths = set(map(len, rows))
    if len(widths) > 1:
        return [list(column) for column in zip_longest(*rows)]
    return [list(column) for column in zip(*rows)] if rows and rows[0] else []


def read_grids(path: Path, display_name: str | None = None) -> list[Grid]:
    """Every non-empty sheet of a spreadsheet, or the one table of a CSV file."""
    name = display_name or path.name
    try:
        data = path.read_bytes()
    except OSError as error:
        raise cannot_open(name, error) from None
    if not data.strip():  # a 0-byte file (or only blanks) is empty, whatever its name says
        return []
    if path.suffix.lower() in CSV_SUFFIXES:
        rows = _read_csv(data, name)
        return [Grid(name, None, rows)] if _has_cells(rows) else []
    return _read_workbook(path, name)


def _read_workbook(path: Path, name: str) -> list[Grid]:
    try:
        workbook = python_calamine.CalamineWorkbook.from_path(str(path))
        sheets = [
            (sheet.name, _sheet_rows(workbook.get_sheet_by_name(sheet.name), name),
             sheet.visible != python_calamine.SheetVisibleEnum.Visible)
            for sheet in workbook.sheets_metadata
        ]
    except UnreadableFile:
        raise
    except Exception as exc:  # calamine raises several types for files it cannot read
        raise unreadable(name, exc) from None
    return [Grid(name, sheet, rows, hidden) for sheet, rows, hidden in sheets if _has_cells(rows)]


def _sheet_rows(sheet: python_calamine.CalamineSheet, name: str) -> list[list[object]]:
    check_extent(name, sheet.name, Extent(sheet.height, sheet.width))  # before a Python object is made
    rows = sheet.to_python(skip_empty_area=False)
    for (top, left), (bottom, _right) in sheet.merged_cell_ranges or ():
        # A course code merged down over its learners' rows belongs to every one of them.
        for row in rows[top + 1 : bottom + 1]:
            if left < len(row) and row[left] in (None, ""):
                row[left] = rows[top][left]
    return rows


def unreadable(name: str, exc: Exception) -> UnreadableFile:
    suffixes = ", ".join(sorted(SPREADSHEET_SUFFIXES | CSV_SUFFIXES))
    return UnreadableFile(
        f"อ่านไฟล์ {name} ไม่ได้ ไม่ใช่ไฟล์ตารางคำนวณที่รองรับ ({suffixes}) หรือไฟล์เสีย"
        " ให้เปิดใน Excel หรือ LibreOffice แล้วบันทึกเป็น .xlsx ใหม่",
        f"cannot read {name}: it is not a supported spreadsheet ({suffixes}) or it is damaged;"
        f" open it in Excel or LibreOffice and save it again as .xlsx ({type(exc).__name__})",
    )


def _has_cells(rows: list[list[object]]) -> bool:
    return any(cell not in (None, "") for row in rows for cell in row)


def _read_csv(data: bytes, name: str) -> list[list[object]]:
    text = _decode(data, name)
    if "\x00" in text:
        raise unreadable(name, ValueError("binary content"))
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows: list[list[object]] = []
    try:
        for row in csv.reader(io.StringIO(text, newline=""), dialect):
            if len(rows) >= MAX_ROWS or len(row) > MAX_COLUMNS:
                check_extent(name, None, Extent(len(rows) + 1, len(row)))
            rows.append(list(row))
    except csv.Error:
        raise _csv_trouble(name, len(rows) + 1) from None
    return rows


def _csv_trouble(name: str, row: int) -> UnreadableFile:
    """csv's own error names a limit and the server's paths; the user needs the row."""
    limit = csv.field_size_limit()
    return UnreadableFile(
        f"อ่านไฟล์ {name} ไม่ได้ตั้งแต่แถวที่ {row}: มีเซลล์ยาวเกิน {limit:,} ตัวอักษร หรือเครื่องหมายคำพูด (\")"
        " ไม่ครบคู่ ให้เปิดไฟล์ใน Excel หรือ LibreOffice ตรวจแถวนั้น แล้วบันทึกเป็น CSV ใหม่",
        f"cannot read {name} from row {row} on: a cell longer than {limit:,} characters, or a quotation"
        " mark (\") without its pair; open the file in Excel or LibreOffice, check that row and save it"
        " as CSV again",
    )


def _decode(data: bytes, name: str) -> str:
    """UTF-8 (with or without BOM) first; Windows Thai (cp874, a superset of TIS-620) otherwise."""
    for encoding in CSV_ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnreadableFile(
        f"อ่านตัวอักษรในไฟล์ {name} ไม่ได้ ให้บันทึกไฟล์ CSV เป็น UTF-8",
        f"cannot decode the text of {name}; save the CSV as UTF-8",
    )

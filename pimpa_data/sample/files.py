"""Write sample frames out as the spreadsheets teachers keep.

One .xlsx workbook per centre per fiscal year (`240409_พิมพา_2567.xlsx`), with a sheet per
kind and an attendance grid per course; one centre-year goes out as CSV files instead, in
UTF-8 (with and without BOM) and in Windows Thai (cp874), so the sample covers CSV too. The
same frames and seed always give the same bytes.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd
import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from ..core.dates import BE_OFFSET
from .cells import Habits, draw_habits
from .generator import reference_table
from .sheets import (
    Book,
    Table,
    attendance_long_table,
    attendance_tables,
    course_table,
    enrolment_table,
    follow_up_table,
    sales_table,
)

CREATED = dt.datetime(2024, 10, 1)  # fixed, so the same data gives the same bytes
DATE_FORMATS = ("[$-1070000]d/mm/yyyy;@", "[$-107041E]d mmm yyyy", "dd/mm/yyyy", "d mmm yyyy")
GREGORIAN_DATE = "dd/mm/yyyy"  # the cell format a BE year was typed into
HEADER_FILL = "#DDEBF7"
# kind: (file name, encoding, title row above the header); numbered so that a folder loaded in
# name order brings courses before the learners, attendance and follow-ups that refer to them
CSV_FILES = {
    "courses": ("1_หลักสูตร", "utf-8-sig", True),
    "enrolments": ("2_ผู้เรียน", "cp874", False),
    "attendance": ("3_เวลาเรียน", "utf-8-sig", False),
    "follow_ups": ("4_ติดตามผล", "cp874", True),
    "sales": ("5_รายได้", "utf-8", False),
}


def write_files(frames: dict[str, pd.DataFrame], out_dir: Path, seed: int = 2567) -> list[Path]:
    """Write every centre-year of `frames` into `out_dir`; return the paths written."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    books = split_books(frames)
    written: list[Path] = []
    for number, book in enumerate(books):
        rng = np.random.default_rng([seed, int(book.centre_code), book.fiscal_year])
        stem = f"{book.centre_code}_{book.centre_name}_{book.fiscal_year}"
        if number == 0:
            written += write_csv_files(out_dir, stem, book, draw_habits(rng, text_only=True))
        else:
            written.append(write_workbook(out_dir / f"{stem}.xlsx", book, draw_habits(rng), rng))
    return written


def split_books(frames: dict[str, pd.DataFrame]) -> list[Book]:
    """The records of each centre and fiscal year (the year its courses end), in code order."""
    courses = frames["courses"]
    end = pd.to_datetime(courses["end_date"])
    fiscal_year = end.dt.year + BE_OFFSET + (end.dt.month >= 10)
    names = reference_table().set_index("subdistrict_code")["subdistrict_th"]
    name_count = names.value_counts()
    books = []
    for (centre, year), group in courses.groupby([courses["centre_code"], fiscal_year], sort=True):
        codes = set(group["course_code"])
        parts = {kind: frame[frame["course_code"].isin(codes)].reset_index(drop=True)
                 for kind, frame in frames.items()}
        name = names[centre]
        books.append(Book(centre, name, bool(name_count[name] == 1), int(year), parts))
    return books


def book_tables(habits: Habits, book: Book) -> list[Table]:
    return [
        course_table(habits, book), enrolment_table(habits, book), *attendance_tables(habits, book),
        follow_up_table(habits, book), sales_table(habits, book),
    ]


def write_workbook(path: Path, book: Book, habits: Habits, rng: np.random.Generator) -> Path:
    options = {"in_memory": True, "strings_to_numbers": False, "strings_to_formulas": False,
               "strings_to_urls": False}
    with xlsxwriter.Workbook(str(path), options) as workbook:
        workbook.set_properties({"title": book.title(habits, "ข้อมูล"), "author": "Pimpa sample data",
                                 "created": CREATED})
        formats = cell_formats(workbook, DATE_FORMATS[rng.integers(len(DATE_FORMATS))])
        for table in book_tables(habits, book):
            write_sheet(workbook.add_worksheet(table.sheet), table, formats)
    return path


def cell_formats(workbook: xlsxwriter.Workbook, date_format: str) -> dict[str, Format]:
    header = {"bold": True, "border": 1, "text_wrap": True, "bg_color": HEADER_FILL}
    return {
        "title": workbook.add_format({"bold": True, "font_size": 14}),
        "header": workbook.add_format(header),
        "header_date": workbook.add_format({**header, "num_format": date_format}),
        "date": workbook.add_format({"num_format": date_format}),
        "gregorian": workbook.add_format({"num_format": GREGORIAN_DATE}),
        "id": workbook.add_format({"num_format": "0"}),
        "total": workbook.add_format({"bold": True, "top": 1}),
    }


def write_sheet(sheet: Worksheet, table: Table, formats: dict[str, Format]) -> None:
    """Title (merged across the table), a blank row, the header, the rows, maybe a รวม row."""
    last_column = len(table.headers) - 1
    sheet.merge_range(0, 0, 0, max(last_column, 1), table.title, formats["title"])
    for column, value in enumerate(table.headers):
        is_date = isinstance(value, dt.date)
        write_cell(sheet, 2, column, value, formats, formats["header_date"] if is_date else formats["header"])
    for row, values in enumerate(table.rows, start=3):
        for column, value in enumerate(values):
            write_cell(sheet, row, column, value, formats)
    if table.total:
        for column, value in enumerate(table.total):
            write_cell(sheet, 3 + len(table.rows), column, value, formats, formats["total"])
    sheet.set_column(0, 0, 6)
    sheet.set_column(1, last_column, 16)
    sheet.freeze_panes(3, 0)


def write_cell(
    sheet: Worksheet, row: int, column: int, value: object, formats: dict[str, Format],
    style: Format | None = None,
) -> None:
    if value is None:
        if style is not None:
            sheet.write_blank(row, column, None, style)
    elif isinstance(value, dt.date):
        date_format = formats["gregorian"] if value.year >= 2400 else style or formats["date"]
        sheet.write_datetime(row, column, dt.datetime.combine(value, dt.time()), date_format)
    elif isinstance(value, (int, float)):
        number_format = formats["id"] if isinstance(value, int) and value >= 10**12 else style
        sheet.write_number(row, column, value, number_format)
    else:
        sheet.write_string(row, column, str(value), style)


def write_csv_files(out_dir: Path, stem: str, book: Book, habits: Habits) -> list[Path]:
    tables = {
        "courses": course_table(habits, book), "enrolments": enrolment_table(habits, book),
        "attendance": attendance_long_table(habits, book), "follow_ups": follow_up_table(habits, book),
        "sales": sales_table(habits, book),
    }
    written = []
    for kind, (word, encoding, with_title) in CSV_FILES.items():
        path = out_dir / f"{stem}_{word}.csv"
        write_csv(path, tables[kind], encoding, with_title)
        written.append(path)
    return written


def write_csv(path: Path, table: Table, encoding: str, with_title: bool) -> None:
    with path.open("w", encoding=encoding, newline="") as file:
        writer = csv.writer(file, lineterminator="\r\n")
        if with_title:
            writer.writerows([[table.title], []])
        for row in [table.headers, *table.rows, *([table.total] if table.total else [])]:
            writer.writerow(["" if value is None else value for value in row])

"""Tables as files to download, safe to open: CSV that Excel opens in Thai, and real .xlsx.

Text that a spreadsheet would run as a formula (=, +, -, @, or a tab or carriage return
first: OWASP's CSV-injection guidance, with the full-width forms) gets a leading apostrophe,
which shows as nothing in a cell and makes it plain text. XLSX cells are written as strings,
never formulas or links, whatever they hold.
"""

from __future__ import annotations

import csv
import io

import pandas as pd

MAX_SHEET_NAME = 31
FORMULA_STARTS = frozenset("=+-@\t\r＝＋－＠")


def neutralise(value: object) -> object:
    """A cell as it may be written: text a spreadsheet would evaluate becomes plain text."""
    if not isinstance(value, str) or not value:
        return value
    if value[0] in FORMULA_STARTS or value.lstrip(" \t\r\n")[:1] in FORMULA_STARTS:
        return "'" + value
    return value


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Every text cell and column name neutralised; numbers and dates stay as they are."""
    safe = frame.copy()
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column].dtype):
            safe[column] = safe[column].map(neutralise).astype(object)
    safe.columns = [neutralise(str(column)) for column in safe.columns]
    return safe


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 with a BOM, so that Excel on Windows shows Thai instead of mojibake. Every text is
    quoted: a bare carriage return inside an unquoted field would start a new row in Excel."""
    text = safe_frame(frame).to_csv(index=False, quoting=csv.QUOTE_NONNUMERIC, lineterminator="\r\n")
    return text.encode("utf-8-sig")


def to_xlsx_bytes(frame: pd.DataFrame, sheet: str = "data") -> bytes:
    buffer = io.BytesIO()
    safe = safe_frame(frame)
    options = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
    with pd.ExcelWriter(buffer, engine="xlsxwriter", engine_kwargs={"options": options}) as writer:
        name = _sheet_name(sheet)
        safe.to_excel(writer, sheet_name=name, index=False)
        worksheet = writer.sheets[name]
        for index, column in enumerate(safe.columns):
            width = max([len(str(column)), *(len(str(v)) for v in safe[column].head(200))])
            worksheet.set_column(index, index, min(max(width + 2, 8), 60))
        _printable(worksheet)
    return buffer.getvalue()


def _printable(worksheet) -> None:
    """Printed as it is (a visit list for a day in the field): A4 across, the columns fitted to
    the page's width, the header row on every page, a page number at the foot."""
    worksheet.set_paper(9)  # A4
    worksheet.set_landscape()
    worksheet.fit_to_pages(1, 0)
    worksheet.repeat_rows(0)
    worksheet.freeze_panes(1, 0)
    worksheet.set_footer("&C&P / &N")


def _sheet_name(sheet: str) -> str:
    """Excel refuses []:*?/\\ in a sheet name and more than 31 characters."""
    cleaned = "".join(" " if ch in "[]:*?/\\" else ch for ch in sheet).strip("' ")
    return cleaned[:MAX_SHEET_NAME] or "data"

"""Tables as files to download: CSV that Excel opens in Thai, and real .xlsx workbooks."""

from __future__ import annotations

import io

import pandas as pd

MAX_SHEET_NAME = 31


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 with a BOM, so that Excel on Windows shows Thai instead of mojibake."""
    return frame.to_csv(index=False).encode("utf-8-sig")


def to_xlsx_bytes(frame: pd.DataFrame, sheet: str = "data") -> bytes:
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="xlsxwriter") as writer:
        name = sheet[:MAX_SHEET_NAME] or "data"
        frame.to_excel(writer, sheet_name=name, index=False)
        worksheet = writer.sheets[name]
        for index, column in enumerate(frame.columns):
            width = max([len(str(column)), *(len(str(v)) for v in frame[column].head(200))])
            worksheet.set_column(index, index, min(max(width + 2, 8), 60))
    return buffer.getvalue()

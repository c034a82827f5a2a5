"""Finding the table in a sheet: which record kind it is, its header row, its columns.

Teachers' sheets have title rows, a ลำดับ column, blank rows, a รวม row and, for attendance,
one column per session date. This module turns such a grid into a `RawTable`: the raw cells
of each canonical column, with the spreadsheet row and column each came from.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from ..core.dates import parse_date
from ..core.kinds import KINDS, KINDS_BY_NAME, Column, RecordKind
from ..core.normalise import BadValue, clean_text, word_key
from .data_rows import data_rows
from .raw_table import RawTable, cell_filled, column_letter
from .reading import Grid
from .wide import melt_attendance

HEADER_SEARCH_ROWS = 30
SEQUENCE_HEADERS = {word_key(w) for w in ("ลำดับ", "ลำดับที่", "ที่", "no", "no.", "#", "ลำดับ ที่")}
_BRACKETED = re.compile(r"\(.*?\)|\[.*?\]|（.*?）")
_TRAILING_UNIT = re.compile(r"\s+(บาท|คน|ชั่วโมง|ชม\.?|ต่อเดือน|บาท/เดือน)$")


def header_keys(text: object) -> tuple[str, ...]:
    """Keys a header may match: as written, then without a unit in brackets or after a space."""
    return _header_keys(type(text), text)


@lru_cache(maxsize=4096)  # the same headers come back in every sheet; (type, value) keeps 1 and True apart
def _header_keys(_type: type, text: object) -> tuple[str, ...]:
    raw = clean_text(text)
    keys = [word_key(raw)]
    without_brackets = _BRACKETED.sub("", raw).strip()
    keys.append(word_key(without_brackets))
    keys.append(word_key(_TRAILING_UNIT.sub("", without_brackets)))
    return tuple(dict.fromkeys(key for key in keys if key))


def _alias_index(kind: RecordKind) -> dict[str, Column]:
    index: dict[str, Column] = {}
    for column in kind.columns:
        for header in column.headers:
            index.setdefault(word_key(header), column)
    return index


ALIASES = {kind.name: _alias_index(kind) for kind in KINDS}


def match_header(kind: RecordKind, text: object) -> Column | None:
    index = ALIASES[kind.name]
    return next((index[key] for key in header_keys(text) if key in index), None)


# ---------------------------------------------------------------- recognising the kind

def _as_date_header(cell: object) -> dt.date | None:
    return _date_header(type(cell), cell)


@lru_cache(maxsize=4096)
def _date_header(_type: type, cell: object) -> dt.date | None:
    if not isinstance(cell, (dt.date, dt.datetime)):
        cell = clean_text(cell)
        # Plain numbers in a header row are session numbers or IDs, never dates.
        if not re.search(r"\d", cell) or re.fullmatch(r"[\d.,\s]+", cell) or len(cell) > 30:
            return None
    try:
        return parse_date(cell)
    except BadValue:  # a date cell of 2101 or 1850 is no session date either
        return None


_LETTER = re.compile(r"[^\W\d_]")
HEADER_WINDOW = 5  # rows searched past the best header so far: a header is never far below another


def _header_cells(row: list[object]) -> list[str]:
    """Cells that could name a column: short text with a letter (not numbers, dates or ID numbers)."""
    return [cell for cell in row if isinstance(cell, str) and len(cell) <= 100 and _LETTER.search(cell)]


def _score(kind: RecordKind, cells: list[str], dates: int) -> int:
    matched = {match_header(kind, cell) for cell in cells}
    matched.discard(None)
    score = len(matched)
    if kind.name == "attendance" and dates >= 2:
        score += 2  # a grid of session dates is attendance in wide form
    return score


def kind_from_sheet_name(name: str | None) -> RecordKind | None:
    key = word_key(name or "")
    # Most specific words first: "ติดตามผู้จบหลักสูตร" must not read as courses.
    for kind_name in ("follow_ups", "attendance", "sales", "enrolments", "courses"):
        if any(word_key(word) in key for word in KINDS_BY_NAME[kind_name].sheet_words):
            return KINDS_BY_NAME[kind_name]
    return None


def find_header(grid: Grid) -> tuple[RecordKind, int] | None:
    """The kind and the header row of a sheet; None when it holds no known table."""
    candidates = grid.head(HEADER_SEARCH_ROWS)
    named = kind_from_sheet_name(grid.sheet or grid.file.rsplit(".", 1)[0])
    best: tuple[int, int, RecordKind] | None = None
    for number, row in enumerate(candidates):
        if best is not None and number > best[1] + HEADER_WINDOW:
            break
        cells = _header_cells(row)
        dates = sum(_as_date_header(cell) is not None for cell in row if cell_filled(cell))
        for kind in KINDS:
            score = _score(kind, cells, dates)
            bonus = 1 if kind is named else 0  # the sheet name breaks ties
            if score >= 2 and (best is None or (score + bonus, -number) > (best[0], -best[1])):
                best = (score + bonus, number, kind)
    if best is None:
        return None
    return best[2], best[1]


# ---------------------------------------------------------------- reading the rows

def _cell(row: list[object], index: int) -> object:
    return row[index] if index < len(row) else None


def _column(columns: list[list[object]], index: int, kept: list[int], height: int) -> list[object]:
    """The kept rows' cells of one column (blank where a row is short)."""
    if index >= len(columns):
        return [None] * len(kept)
    column = columns[index]
    return column if len(kept) == height else list(map(column.__getitem__, kept))


def _extra_headers(header: list[object], indexes: list[int]) -> dict[int, str]:
    """Each unknown column's header as written; its column letter too when two share a header."""
    texts = {i: clean_text(_cell(header, i)) or column_letter(i) for i in indexes}
    repeated = {text for text in texts.values() if list(texts.values()).count(text) > 1}
    return {i: f"{text} ({column_letter(i)})" if text in repeated else text for i, text in texts.items()}


def table_from_grid(grid: Grid) -> RawTable | None:
    found = find_header(grid)
    if found is None:
        return None
    kind, header_row = found
    header = grid.row(header_row)
    data_start = header_row + 1
    dates = _date_columns(kind, header)
    if kind.name == "attendance" and not dates and data_start < grid.height:
        dates = _second_header_dates(kind, grid.row(data_start))
        data_start += 1 if dates else 0
    mapped, extras, sequence = _map_columns(kind, header, set(dates))
    date_columns = set(dates)
    # A template comes with the centre code filled in down the sheet: alone, it is not a row.
    alone_blank = sequence | ({mapped["centre_code"]} if "centre_code" in mapped else set())
    columns = [column[data_start:] for column in grid.columns]
    height = grid.height - data_start
    kept = data_rows(columns, alone_blank, date_columns)
    extras += _unheaded_with_data(header, columns, kept, {*mapped.values(), *extras, *sequence, *dates})
    table = RawTable(
        kind, grid.file, grid.sheet,
        headers={name: (clean_text(header[i]), column_letter(i)) for name, i in mapped.items()},
        values={name: _column(columns, i, kept, height) for name, i in mapped.items()},
        row_numbers=[data_start + index + 1 for index in kept],
        extras={text: _column(columns, i, kept, height) for i, text in _extra_headers(header, extras).items()},
        header_row=header_row + 1,
    )
    if dates and "session_date" not in mapped:
        return melt_attendance(table, [(data_start + index + 1, grid.row(data_start + index)) for index in kept], dates)
    return table


def _date_columns(kind: RecordKind, header: list[object]) -> dict[int, dt.date]:
    if kind.name != "attendance":
        return {}
    dates = {i: day for i, cell in enumerate(header) if (day := _as_date_header(cell)) is not None}
    return dates if len(dates) >= 1 and not any(match_header(kind, header[i]) for i in dates) else {}


def _second_header_dates(kind: RecordKind, row: list[object]) -> dict[int, dt.date]:
    """Session dates on the row under the header (below a merged "วันที่" cell).

    A long-form first data row has one date, its session date; a row of dates has several.
    """
    dates = _date_columns(kind, row)
    return dates if len(dates) >= 2 else {}


def _unheaded_with_data(
    header: list[object], columns: list[list[object]], kept: list[int], taken: set[int]
) -> list[int]:
    """Columns with no header that hold something: kept aside too, under their column letter."""
    unheaded = [i for i in range(len(columns)) if i not in taken and (i >= len(header) or not clean_text(header[i]))]
    return [i for i in unheaded if any(cell_filled(columns[i][index]) for index in kept)]


def _map_columns(
    kind: RecordKind, header: list[object], dates: set[int]
) -> tuple[dict[str, int], list[int], set[int]]:
    mapped: dict[str, int] = {}
    extras: list[int] = []
    sequence: set[int] = set()
    for index, cell in enumerate(header):
        if index in dates or not clean_text(cell):
            continue
        if header_keys(cell)[0] in SEQUENCE_HEADERS:
            sequence.add(index)
            continue
        column = match_header(kind, cell)
        if column is None or column.name in mapped:
            extras.append(index)
        else:
            mapped[column.name] = index
    return mapped, extras, sequence

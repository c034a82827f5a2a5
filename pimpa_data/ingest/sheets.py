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
from .raw_table import RawTable, cell_filled, column_letter
from .reading import Grid
from .wide import melt_attendance

HEADER_SEARCH_ROWS = 30
SEQUENCE_HEADERS = {word_key(w) for w in ("ลำดับ", "ลำดับที่", "ที่", "no", "no.", "#", "ลำดับ ที่")}
TOTAL_WORDS = {word_key(w) for w in ("รวม", "รวมทั้งสิ้น", "รวมทั้งหมด", "ยอดรวม", "total", "sum")}
FOOTER_START = re.compile(r"^(ลงชื่อ|ลงนาม|หมายเหตุ|\(|ผู้บันทึก|ผู้รายงาน|ตำแหน่ง)")
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
    candidates = grid.rows[:HEADER_SEARCH_ROWS]
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

BLANK, FILLED, TOTAL = 0, 1, 2
_TEXT_KINDS: dict[str, int] = {}  # a sheet repeats its course codes, IDs and dates row after row
_TEXT_KINDS_MAX = 200_000


def _text_kind(text: str) -> int:
    """BLANK (spaces, invisible characters), a TOTAL word (รวม…), or FILLED; each text looked at once."""
    kind = _TEXT_KINDS.get(text)
    if kind is None:
        kind = BLANK if not cell_filled(text) else TOTAL if word_key(text) in TOTAL_WORDS else FILLED
        if len(_TEXT_KINDS) >= _TEXT_KINDS_MAX:
            _TEXT_KINDS.clear()
        _TEXT_KINDS[text] = kind
    return kind


def _is_data_row(cells: list[object], sequence: set[int], dates: set[int]) -> bool:
    """False for a blank row (ลำดับ alone counts as blank), a รวม row (the word in one of its
    first three filled cells, dates aside) and a lone footer line ("ลงชื่อ …")."""
    shown: list[object] = []  # filled cells outside the date columns, up to three
    beyond_sequence = False
    for i, cell in enumerate(cells):
        if cell is None:
            continue
        if cell.__class__ is str:
            kind = _TEXT_KINDS.get(cell)  # type: ignore[arg-type]
            if kind is None:
                kind = _text_kind(cell)  # type: ignore[arg-type]
            if kind == BLANK:
                continue
            if kind == TOTAL and i not in dates:
                return False
        elif cell != cell:  # NaN
            continue
        beyond_sequence = beyond_sequence or i not in sequence
        if i in dates:
            continue
        shown.append(cell)
        if len(shown) == 3 and beyond_sequence:
            return True
    if not beyond_sequence:
        return False
    lone = shown[0] if len(shown) == 1 else None
    return not (isinstance(lone, str) and FOOTER_START.match(clean_text(lone)))


def _cell(row: list[object], index: int) -> object:
    return row[index] if index < len(row) else None


def _column(rows: list[list[object]], index: int) -> list[object]:
    return [row[index] if index < len(row) else None for row in rows]


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
    header = grid.rows[header_row]
    data_start = header_row + 1
    dates = _date_columns(kind, header)
    if kind.name == "attendance" and not dates and data_start < len(grid.rows):
        dates = _second_header_dates(kind, grid.rows[data_start])
        data_start += 1 if dates else 0
    mapped, extras, sequence = _map_columns(kind, header, set(dates))
    date_columns = set(dates)
    # A template comes with the centre code filled in down the sheet: alone, it is not a row.
    alone_blank = sequence | ({mapped["centre_code"]} if "centre_code" in mapped else set())
    numbered = [
        (number + 1, row)
        for number, row in enumerate(grid.rows[data_start:], start=data_start)
        if _is_data_row(row, alone_blank, date_columns)
    ]
    rows = [row for _, row in numbered]
    extras += _unheaded_with_data(header, rows, {*mapped.values(), *extras, *sequence, *dates})
    table = RawTable(
        kind, grid.file, grid.sheet,
        headers={name: (clean_text(header[i]), column_letter(i)) for name, i in mapped.items()},
        values={name: _column(rows, i) for name, i in mapped.items()},
        row_numbers=[number for number, _ in numbered],
        extras={text: _column(rows, i) for i, text in _extra_headers(header, extras).items()},
        header_row=header_row + 1,
    )
    if dates and "session_date" not in mapped:
        return melt_attendance(table, numbered, dates)
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


def _unheaded_with_data(header: list[object], rows: list[list[object]], taken: set[int]) -> list[int]:
    """Columns with no header that hold something: kept aside too, under their column letter."""
    width = max(map(len, rows), default=0)
    unheaded = [i for i in range(width) if i not in taken and (i >= len(header) or not clean_text(header[i]))]
    return [i for i in unheaded if any(i < len(row) and cell_filled(row[i]) for row in rows)]


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

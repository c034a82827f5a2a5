"""Finding the table in a sheet: which record kind it is, its header row, its columns.

Teachers' sheets have title rows, a ลำดับ column, blank rows, a รวม row and, for attendance,
one column per session date. This module turns such a grid into a `RawTable`: the raw cells
of each canonical column, with the spreadsheet row and column each came from.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from .kinds import KINDS, KINDS_BY_NAME, Column, RecordKind
from .normalise import BadValue, clean_text, parse_date, word_key
from .reading import Grid

HEADER_SEARCH_ROWS = 30
SEQUENCE_HEADERS = {word_key(w) for w in ("ลำดับ", "ลำดับที่", "ที่", "no", "no.", "#", "ลำดับ ที่")}
TOTAL_WORDS = {word_key(w) for w in ("รวม", "รวมทั้งสิ้น", "รวมทั้งหมด", "ยอดรวม", "total", "sum")}
FOOTER_START = re.compile(r"^(ลงชื่อ|ลงนาม|หมายเหตุ|\(|ผู้บันทึก|ผู้รายงาน|ตำแหน่ง)")
_BRACKETED = re.compile(r"\(.*?\)|\[.*?\]|（.*?）")
_TRAILING_UNIT = re.compile(r"\s+(บาท|คน|ชั่วโมง|ชม\.?|ต่อเดือน|บาท/เดือน)$")


def header_keys(text: object) -> tuple[str, ...]:
    """Keys a header may match: as written, then without a unit in brackets or after a space."""
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


def column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


@dataclass
class RawTable:
    """One sheet's rows of one kind, as raw cells per canonical column."""

    kind: RecordKind
    file: str
    sheet: str | None
    headers: dict[str, tuple[str, str]]  # canonical name -> (header as written, column letter)
    values: dict[str, list[object]]
    row_numbers: list[int]
    extras: dict[str, list[object]] = field(default_factory=dict)
    cell_letters: dict[str, list[str]] = field(default_factory=dict)  # per-row letters (wide form)
    wide: bool = False

    def __len__(self) -> int:
        return len(self.row_numbers)

    def where(self, name: str, position: int) -> tuple[str, str]:
        """(header, column letter) of a cell, for messages."""
        header, letter = self.headers.get(name, (name, ""))
        if name in self.cell_letters:
            letter = self.cell_letters[name][position]
        return header, letter


# ---------------------------------------------------------------- recognising the kind

def _as_date_header(cell: object) -> dt.date | None:
    if isinstance(cell, (dt.date, dt.datetime)):
        return parse_date(cell)
    text = clean_text(cell)
    # Plain numbers in a header row are session numbers or IDs, never dates.
    if not re.search(r"\d", text) or re.fullmatch(r"[\d.,\s]+", text) or len(text) > 30:
        return None
    try:
        return parse_date(text)
    except BadValue:
        return None


def _score(kind: RecordKind, row: list[object]) -> int:
    matched = {match_header(kind, cell) for cell in row if clean_text(cell)}
    matched.discard(None)
    score = len(matched)
    if kind.name == "attendance" and sum(_as_date_header(cell) is not None for cell in row) >= 2:
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
        for kind in KINDS:
            score = _score(kind, row)
            bonus = 1 if kind is named else 0  # the sheet name breaks ties
            if score >= 2 and (best is None or (score + bonus, -number) > (best[0], -best[1])):
                best = (score + bonus, number, kind)
    if best is None:
        return None
    return best[2], best[1]


# ---------------------------------------------------------------- reading the rows

def _is_blank_row(cells: list[object], skip: set[int]) -> bool:
    return all(not clean_text(cell) for i, cell in enumerate(cells) if i not in skip)


def _is_total_or_footer(cells: list[object], skip: set[int]) -> bool:
    filled = [clean_text(cell) for i, cell in enumerate(cells) if i not in skip and clean_text(cell)]
    if not filled:
        return False
    if any(word_key(text) in TOTAL_WORDS for text in filled[:3]):
        return True
    return len(filled) == 1 and bool(FOOTER_START.match(filled[0]))


def _cell(row: list[object], index: int) -> object:
    return row[index] if index < len(row) else None


def table_from_grid(grid: Grid) -> RawTable | None:
    found = find_header(grid)
    if found is None:
        return None
    kind, header_row = found
    header = grid.rows[header_row]
    data_start = header_row + 1
    dates = _date_columns(kind, header)
    if kind.name == "attendance" and not dates and data_start < len(grid.rows):
        dates = _date_columns(kind, grid.rows[data_start])  # dates on a second header row
        data_start += 1 if dates else 0
    mapped, extras, sequence = _map_columns(kind, header, set(dates))
    rows = [
        (number + 1, row)
        for number, row in enumerate(grid.rows[data_start:], start=data_start)
        if not _is_blank_row(row, sequence) and not _is_total_or_footer(row, set(dates))
    ]
    table = RawTable(
        kind, grid.file, grid.sheet,
        headers={name: (clean_text(header[i]), column_letter(i)) for name, i in mapped.items()},
        values={name: [_cell(row, i) for _, row in rows] for name, i in mapped.items()},
        row_numbers=[number for number, _ in rows],
        extras={clean_text(header[i]) or column_letter(i): [_cell(row, i) for _, row in rows] for i in extras},
    )
    if dates and "session_date" not in mapped:
        from .wide import melt_attendance  # the wide grid becomes one row per learner and date

        return melt_attendance(table, rows, dates)
    return table


def _date_columns(kind: RecordKind, header: list[object]) -> dict[int, dt.date]:
    if kind.name != "attendance":
        return {}
    dates = {i: day for i, cell in enumerate(header) if (day := _as_date_header(cell)) is not None}
    return dates if len(dates) >= 1 and not any(match_header(kind, header[i]) for i in dates) else {}


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

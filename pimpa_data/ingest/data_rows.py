"""Which rows under a header hold data, decided a column at a time.

A row is data unless it is blank (ลำดับ alone counts as blank), a รวม row (the word in one of
its first three filled cells, dates aside) or a lone footer line ("ลงชื่อ …"); `is_data_row`
says so for one row. `data_rows` gives the same answer for a whole sheet without a Python loop
per row: each distinct cell is classified once (a sheet repeats its course codes, IDs and
dates row after row) and the rule runs on the sheet's columns with numpy.
"""

from __future__ import annotations

import re

import numpy as np

from ..core.normalise import clean_text, word_key
from .raw_table import cell_filled

TOTAL_WORDS = {word_key(w) for w in ("รวม", "รวมทั้งสิ้น", "รวมทั้งหมด", "ยอดรวม", "total", "sum")}
FOOTER_START = re.compile(r"^(ลงชื่อ|ลงนาม|หมายเหตุ|\(|ผู้บันทึก|ผู้รายงาน|ตำแหน่ง)")

BLANK, FILLED, TOTAL = 0, 1, 2
_TEXT_KINDS: dict[str, int] = {}  # kept across sheets: headers' words and marks come back every upload
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


def is_data_row(cells: list[object], sequence: set[int], dates: set[int]) -> bool:
    """The rule for one row; `sequence` are the ลำดับ columns (and others that alone are no row)."""
    shown: list[object] = []  # filled cells outside the date columns, up to three
    beyond_sequence = False
    for i, cell in enumerate(cells):
        if cell is None:
            continue
        if cell.__class__ is str:
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
    return not _footer(shown[0]) if len(shown) == 1 else True


def _footer(cell: object) -> bool:
    return isinstance(cell, str) and bool(FOOTER_START.match(clean_text(cell)))


class _CellKinds(dict):
    """Each distinct cell's BLANK / FILLED / TOTAL for one sheet. Equal numbers, dates and True
    share an entry, harmlessly: anything but text and blanks is FILLED. At most a sheet's own
    cells (bounded by limits.py) are held, and only while the sheet is read."""

    def __missing__(self, cell: object) -> int:
        kind = _text_kind(cell) if cell.__class__ is str else BLANK if cell is None or cell != cell else FILLED
        if cell == cell:  # NaN would never find itself again
            self[cell] = kind
        return kind


_NUMBERS = frozenset({float, int, bool, type(None)})


def _codes(column: list[object], kinds: _CellKinds) -> np.ndarray:
    """BLANK / FILLED / TOTAL of each cell; a column of numbers (ลำดับ) is told apart without a
    dictionary, its values being all different."""
    if set(map(type, column)) <= _NUMBERS:
        return (~np.isnan(np.array(column, dtype=float))).astype(np.int8)  # a blank becomes NaN
    return np.fromiter(map(kinds.__getitem__, column), np.int8, len(column))


def data_rows(columns: list[list[object]], sequence: set[int], dates: set[int]) -> list[int]:
    """Indexes of the rows that `is_data_row` keeps; `columns` is `reading.columns_of(rows)`."""
    if not columns:
        return []
    kinds = _CellKinds()
    codes = np.array([_codes(column, kinds) for column in columns])
    in_dates = np.array([i in dates for i in range(len(columns))])[:, None]
    filled = codes != BLANK
    shown = filled & ~in_dates
    total = (codes == TOTAL) & ~in_dates
    beyond = np.logical_or.accumulate(filled & ~np.array([i in sequence for i in range(len(columns))])[:, None])
    third = shown & (np.cumsum(shown, axis=0) == 3) & beyond
    last = len(columns)
    first_third = np.where(third.any(axis=0), third.argmax(axis=0), last)
    first_total = np.where(total.any(axis=0), total.argmax(axis=0), last)
    kept = (first_third < first_total) | ((first_total == last) & beyond[-1])
    for index in np.flatnonzero(kept & (first_third == last) & (shown.sum(axis=0) == 1)):
        kept[index] = not _footer(columns[shown[:, index].argmax()][index])  # a lone "ลงชื่อ …" line
    return np.flatnonzero(kept).tolist()

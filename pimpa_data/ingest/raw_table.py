"""A sheet's table once its header is found: raw cells per canonical column, with the
spreadsheet row and column letter each came from (for messages that point at a cell)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..core.kinds import RecordKind
from ..core.normalise import INVISIBLE


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
    header_row: int | None = None  # spreadsheet row of the header, for problems with a whole column

    def __len__(self) -> int:
        return len(self.row_numbers)

    def where(self, name: str, position: int) -> tuple[str, str]:
        """(header, column letter) of a cell, for messages."""
        header, letter = self.headers.get(name, (name, ""))
        if name in self.cell_letters:
            letter = self.cell_letters[name][position]
        return header, letter


_INVISIBLE_CHARS = frozenset(map(chr, INVISIBLE))


def cell_filled(cell: object) -> bool:
    """Whether a cell shows anything; cheaper than clean_text(), which runs on every cell of every row."""
    if cell.__class__ is str:
        text = cell.strip()  # type: ignore[union-attr]
        return bool(text) and (text[0] not in _INVISIBLE_CHARS or bool(text.translate(INVISIBLE).strip()))
    return cell is not None and cell == cell  # NaN is empty

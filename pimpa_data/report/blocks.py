"""The document model both renderers draw: a report is a title and a list of blocks.

`compose` (compose.py, sar.py) turns the gathered data into blocks once; `word.py` and `pdf.py`
draw the same blocks, so a number reads the same in the DOCX and the PDF. All text here is
plain text: each renderer escapes it for its own format.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

PLACEHOLDER = "(ยังไม่ได้เขียน — แก้ไขได้ที่หน้า รายงาน)"
NO_DATA = "–"
# Characters neither XML nor a PDF can carry (C0 controls other than tab and newline, and
# the two non-characters): a paste from elsewhere must not break the file. With them go the
# direction controls, which Thai never needs and which can print a typed 1000 as 0001.
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def clean(text: object) -> str:
    """Text as a report may print it: a string, never 'None', without control characters."""
    if text is None:
        return ""
    return _UNSAFE.sub("", str(text)).replace("\r\n", "\n").replace("\r", "\n")


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1  # 0 the cover's title, 1 a numbered section, 2 a sub-section


@dataclass(frozen=True)
class Para:
    text: str
    style: str = "body"  # body, bullet, centre, cover, note, placeholder


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...]  # relative widths of the columns
    numeric: tuple[bool, ...]  # right-aligned columns
    total: bool = False  # the last row is a total (bold)


@dataclass(frozen=True)
class Image:
    data: bytes  # PNG (charts) or JPEG (photos)
    caption: str
    width_cm: float = 15.0
    kind: str = "chart"  # chart or photo


@dataclass(frozen=True)
class Gallery:
    """Photos two to a row, each with its caption under it (the appendix, the evidence)."""
    photos: tuple[Image, ...]
    per_row: int = 2


@dataclass(frozen=True)
class PageBreak:
    pass


Block = Heading | Para | Table | Image | Gallery | PageBreak


@dataclass(frozen=True)
class Report:
    title: str  # the document's title (file properties, the PDF's title)
    footer: str  # beside the page number on every page
    file_stem: str  # the suggested file name without its suffix
    blocks: tuple[Block, ...] = field(default_factory=tuple)
    thai_digits: bool = False  # page numbers too


def paragraphs(text: str, placeholder: str = PLACEHOLDER) -> list[Para]:
    """A teacher's section as paragraphs: one per line, '-', '•' or '*' lines as bullets;
    the placeholder when nothing is written yet."""
    lines = [line.strip() for line in clean(text).split("\n")]
    found = [_para(line) for line in lines if line]
    return found or [Para(placeholder, "placeholder")]


def _para(line: str) -> Para:
    if line[:1] in "-•*" and len(line) > 1:
        return Para(line[1:].strip(), "bullet")
    return Para(line)


def table(headers: list[str], rows: list[list[str]], widths: list[float], numeric: list[bool],
          total: bool = False) -> Table:
    return Table(tuple(headers), tuple(tuple(clean(cell) for cell in row) for row in rows), tuple(widths),
                 tuple(numeric), total)

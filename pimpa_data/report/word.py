"""Draw a report (blocks.py) as a DOCX a teacher opens in Word or LibreOffice and edits further.

Text goes in as runs (python-docx escapes it for XML), never as fields or markup, so text a
teacher typed such as `=HYPERLINK(…)` or `<script>` stays text.
"""

from __future__ import annotations

import io

import docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm

from .blocks import Gallery, Heading, Image, PageBreak, Para, Report, Table, clean
from .docx_style import TEXT_WIDTH_CM, page_footer, set_up

PARA_STYLES = {
    "body": "Body Text", "bullet": "List Bullet", "centre": "Normal", "cover": "Pimpa Cover",
    "note": "Pimpa Note", "placeholder": "Pimpa Placeholder",
}
HEADING_STYLES = {0: "Title", 1: "Heading 1", 2: "Heading 2", 3: "Heading 3"}
MAX_PROPERTY = 255  # a document property (the title Word shows in its file information) holds no more


def render_docx(report: Report) -> bytes:
    document = docx.Document()
    set_up(document)
    document.core_properties.title = clean(report.title)[:MAX_PROPERTY]
    document.core_properties.author = "ระบบพิมพา"
    document.core_properties.language = "th-TH"
    page_footer(document, clean(report.footer), report.thai_digits)
    for block in report.blocks:
        _DRAW[type(block)](document, block)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _lines(paragraph, text: str) -> None:
    """The text as runs, a line break where the text has one."""
    for number, line in enumerate(clean(text).split("\n")):
        run = paragraph.add_run()
        if number:
            run.add_break()
        run.add_text(line)


def _heading(document, block: Heading) -> None:
    paragraph = document.add_paragraph(style=HEADING_STYLES[block.level])
    _lines(paragraph, block.text)


def _para(document, block: Para) -> None:
    paragraph = document.add_paragraph(style=PARA_STYLES[block.style])
    _lines(paragraph, block.text)


def _page_break(document, _: PageBreak) -> None:
    document.add_page_break()


def _image(document, block: Image) -> None:
    document.add_picture(io.BytesIO(block.data), width=Cm(block.width_cm))
    picture = document.paragraphs[-1]
    picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
    picture.paragraph_format.keep_with_next = True  # the caption stays under its picture
    picture.paragraph_format.space_before = Cm(0.2)
    _lines(document.add_paragraph(style="Caption"), block.caption)


def _gallery(document, block: Gallery) -> None:
    """Photos in a borderless table, `per_row` to a row, each caption under its photo."""
    rows = -(-len(block.photos) // block.per_row)
    grid = document.add_table(rows=rows, cols=block.per_row)
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    for number, photo in enumerate(block.photos):
        cell = grid.rows[number // block.per_row].cells[number % block.per_row]
        picture = cell.paragraphs[0]
        picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
        picture.add_run().add_picture(io.BytesIO(photo.data), width=Cm(photo.width_cm))
        _lines(cell.add_paragraph(style="Caption"), photo.caption)
    document.add_paragraph(style="Pimpa Note")


def _table(document, block: Table) -> None:
    grid = document.add_table(rows=1 + len(block.rows), cols=len(block.headers))
    grid.style = document.styles["Table Grid"]
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid.autofit = False
    widths = [Cm(TEXT_WIDTH_CM * w / sum(block.widths)) for w in block.widths]
    last = len(block.rows)
    for r, cells in enumerate([block.headers, *block.rows]):
        row = grid.rows[r]
        for c, text in enumerate(cells):
            cell = row.cells[c]
            cell.width = widths[c]
            paragraph = cell.paragraphs[0]
            paragraph.style = document.styles["Pimpa Table"]
            run = paragraph.add_run(clean(text))
            run.bold = r == 0 or (block.total and r == last)
            if r == 0:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            elif block.numeric[c]:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _repeat_header(grid.rows[0])
    document.add_paragraph(style="Pimpa Note")  # a little space after the table


def _repeat_header(row) -> None:
    """The header row repeats on every page the table runs over, and never splits."""
    properties = row._tr.get_or_add_trPr()
    for tag in ("w:tblHeader", "w:cantSplit"):
        element = OxmlElement(tag)
        element.set(qn("w:val"), "true")
        properties.append(element)


_DRAW = {Heading: _heading, Para: _para, PageBreak: _page_break, Image: _image, Gallery: _gallery, Table: _table}

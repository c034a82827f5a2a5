"""The DOCX's page and styles, built in code on python-docx's default template: A4, Thai
official margins, TH Sarabun New 16 pt, and a page number (a PAGE field) in the footer.

python-docx's `font.name` sets only the Latin fonts; Word draws Thai with the complex-script
font (`w:rFonts w:cs`) at the complex-script size (`w:szCs`), so both are set on every style
here, and the theme fonts that would override them are removed.
"""

from __future__ import annotations

from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from .fonts import DOCX_FONT

PAGE_WIDTH_CM, PAGE_HEIGHT_CM = 21.0, 29.7
MARGINS_CM = {"left": 3.0, "right": 2.0, "top": 2.5, "bottom": 2.0}  # หนังสือราชการ
TEXT_WIDTH_CM = PAGE_WIDTH_CM - MARGINS_CM["left"] - MARGINS_CM["right"]
# style → (size in pt, bold, alignment, space before, space after, first-line indent in cm)
STYLES = {
    "Normal": (16, False, None, 0, 0, 0),
    "Title": (24, True, WD_ALIGN_PARAGRAPH.CENTER, 24, 12, 0),
    "Heading 1": (18, True, None, 12, 4, 0),
    "Heading 2": (16, True, None, 8, 2, 0),
    "Heading 3": (16, True, None, 6, 2, 0),
    "Caption": (14, False, WD_ALIGN_PARAGRAPH.CENTER, 2, 10, 0),
    "Footer": (14, False, WD_ALIGN_PARAGRAPH.CENTER, 0, 0, 0),
    "List Bullet": (16, False, None, 0, 0, 0),
    "Body Text": (16, False, WD_ALIGN_PARAGRAPH.THAI_JUSTIFY, 0, 4, 1.25),
    "Pimpa Cover": (18, True, WD_ALIGN_PARAGRAPH.CENTER, 0, 6, 0),
    "Pimpa Note": (14, False, None, 2, 6, 0),
    "Pimpa Placeholder": (16, False, None, 0, 4, 1.25),
    "Pimpa Table": (14, False, None, 0, 0, 0),
}
GREY = RGBColor(0x6B, 0x6B, 0x6B)


def set_thai_font(rpr, size_pt: float | None = None) -> None:
    """TH Sarabun New for every script of a run's or style's properties, and its sizes."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)
    for script in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(script), DOCX_FONT)
    if size_pt is not None:
        for tag in ("w:sz", "w:szCs"):
            element = rpr.find(qn(tag))
            if element is None:
                element = OxmlElement(tag)
                rpr.append(element)
            element.set(qn("w:val"), str(int(size_pt * 2)))
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "th-TH")
    lang.set(qn("w:bidi"), "th-TH")


def set_up(document: Document) -> None:
    """Page, styles and the footer's page number, once per new document."""
    section = document.sections[0]
    section.page_width, section.page_height = Cm(PAGE_WIDTH_CM), Cm(PAGE_HEIGHT_CM)
    section.left_margin, section.right_margin = Cm(MARGINS_CM["left"]), Cm(MARGINS_CM["right"])
    section.top_margin, section.bottom_margin = Cm(MARGINS_CM["top"]), Cm(MARGINS_CM["bottom"])
    defaults = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    set_thai_font(defaults, 16)
    for name, spec in STYLES.items():
        _style(document, name, *spec)
    document.styles["Pimpa Placeholder"].font.italic = True
    document.styles["Pimpa Placeholder"].font.color.rgb = GREY
    document.styles["Pimpa Note"].font.color.rgb = GREY
    for name in ("Heading 1", "Heading 2", "Heading 3", "Title"):
        document.styles[name].font.color.rgb = RGBColor(0, 0, 0)
        document.styles[name].paragraph_format.keep_with_next = True


def _style(document: Document, name: str, size: float, bold: bool, align, before: float, after: float,
           indent: float) -> None:
    styles = document.styles
    style = styles[name] if name in [s.name for s in styles] else styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    if name.startswith("Pimpa"):
        style.base_style = styles["Normal"]
    style.font.bold = bold
    set_thai_font(style.element.get_or_add_rPr(), size)
    fmt = style.paragraph_format
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    fmt.line_spacing = 1.0
    fmt.first_line_indent = Cm(indent) if indent else None
    if align is not None:
        fmt.alignment = align
    if name == "Title":  # the default Title has a blue rule under it
        ppr = style.element.get_or_add_pPr()
        border = ppr.find(qn("w:pBdr"))
        if border is not None:
            ppr.remove(border)


def page_footer(document: Document, text: str, thai_digits: bool) -> None:
    """'<report> · หน้า N' centred at the foot of every page; N is Word's own PAGE field."""
    paragraph = document.sections[0].footer.paragraphs[0]
    paragraph.style = document.styles["Footer"]
    paragraph.add_run(f"{text} · หน้า ")
    instruction = "PAGE \\* ThaiArabic" if thai_digits else "PAGE"
    for kind, value in (("begin", None), ("instr", instruction), ("separate", None), ("text", "1"), ("end", None)):
        run = paragraph.add_run()
        if kind == "instr":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = f" {value} "
            run._r.append(element)
        elif kind == "text":
            run.text = value
        else:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
            run._r.append(element)

"""Compose a report from its data: the Best Practice report (DESIGN.md section 7, after the
Phimpha report) and the standard-1 part of the SAR (sar.py), as blocks (blocks.py).

The Best Practice's parts are declared in order; each is a heading, the teacher's words of a
narrative section (or a placeholder a teacher understands) and the numbers Pimpa already has.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..ingest.narrative import SECTIONS_BY_CODE
from . import sections as parts
from .blocks import Block, Heading, PageBreak, Para, Report, clean, paragraphs
from .data import ReportData
from .numbers import Numbers

Builder = Callable[[ReportData, Numbers], list[Block]]
UNTITLED = "(ยังไม่ได้ตั้งชื่อผลงาน — แก้ไขได้ที่หน้า รายงาน)"


@dataclass(frozen=True)
class Part:
    heading: str
    texts: tuple[str, ...] = ()  # narrative sections, in order
    numbers: tuple[tuple[str, Builder], ...] = ()  # (sub-heading, blocks from the data)
    subheadings: bool = False  # each narrative section under its own numbered sub-heading


RESULTS: tuple[tuple[str, Builder], ...] = (
    ("หลักสูตรที่จัด", parts.courses_part),
    ("ผู้เรียนจำแนกตามกลุ่มเป้าหมายและเพศ", parts.learners_part),
    ("ผลตามมาตรฐานที่ 1 ตัวบ่งชี้ 1.1–1.3", lambda d, n: parts.indicator_part(d, n) + parts.parts_tables(d, n, 3)),
    ("การนำความรู้ไปใช้ของผู้จบหลักสูตร", parts.applied_part),
    ("ผู้จบหลักสูตรที่เป็นแบบอย่าง/เห็นเป็นประจักษ์ และหลักฐาน", parts.exemplary_part),
    ("รายได้ของผู้จบหลักสูตร ก่อนและหลังเรียน", parts.income_part),
    ("การจำหน่ายผลิตภัณฑ์ จำแนกตามสินค้าและช่องทาง", parts.sales_part),
)

BEST_PRACTICE: tuple[Part, ...] = (
    Part("ชื่อผลงาน", ("title",)),
    Part("ความสอดคล้องกับนโยบาย", ("policy",), (("", lambda d, n: parts.standard_text(n)),)),
    Part("ความเป็นมา", ("background",)),
    Part("ขั้นตอนการดำเนินงาน", ("steps_plan", "steps_activities", "steps_supervision", "steps_summary"),
         subheadings=True),
    Part("ผลการดำเนินงาน / ความสำเร็จที่เป็นจุดเด่น", ("results",), RESULTS),
    Part("รางวัลแห่งความสำเร็จ", ("awards",)),
    Part("ข้อควรคำนึงในการขยายผล / บทเรียนที่ได้รับ", ("lessons",)),
    Part("ข้อมูลหลักฐานอ้างอิง", ("references",)),
)


def office(data: ReportData) -> str:
    """The unit as its office is called: กศน.ตำบล…, กศน.อำเภอ…, สำนักงาน กศน.จังหวัด…"""
    if data.level == "centre":
        return data.unit_name
    return ("กศน." if data.level == "district" else "สำนักงาน กศน.") + data.unit_name


def cover(data: ReportData, n: Numbers, top: list[Block]) -> list[Block]:
    """The first page: what the report is, then the unit, the offices above it and the year."""
    above = [f"กศน.{data.district_name}" if data.level == "centre" else "",
             f"สำนักงาน กศน.{data.province_name}" if data.level in ("centre", "district") else ""]
    lines = [office(data), *[line for line in above if line], f"ปีงบประมาณ {n.year(data.fiscal_year)}"]
    return [*top, Para("", "cover"), *(Para(line, "cover") for line in lines), PageBreak()]


def best_practice(data: ReportData, n: Numbers) -> Report:
    title = " ".join(clean(data.narrative["title"]).split())
    authors = [Para(line, "cover") for line in clean(data.narrative["authors"]).splitlines() if line.strip()]
    blocks = cover(data, n, [Heading("Best Practice", 0), Heading(title or UNTITLED, 0), *authors])
    for number, part in enumerate(BEST_PRACTICE, start=1):
        blocks += render_part(data, n, n.digits(str(number)), part)
    blocks += people(data, n, n.digits(str(len(BEST_PRACTICE) + 1)))
    blocks += [*appendix(data), made_by(data, n)]
    name = title or "Best Practice"
    return Report(f"Best Practice: {name}", f"Best Practice · {office(data)} · ปีงบประมาณ {n.year(data.fiscal_year)}",
                  f"best-practice_{data.unit_code}_{data.fiscal_year}", tuple(blocks))


def render_part(data: ReportData, n: Numbers, number: str, part: Part) -> list[Block]:
    blocks: list[Block] = [Heading(f"{number}. {part.heading}", 1)]
    for position, code in enumerate(part.texts, start=1):
        if part.subheadings:
            sub = SECTIONS_BY_CODE[code].th.split(": ")[-1]
            blocks.append(Heading(f"{number}.{n.digits(str(position))} {sub}", 2))
        blocks += paragraphs(data.narrative[code])
    for position, (heading, build) in enumerate(part.numbers, start=1):
        if heading:
            blocks.append(Heading(f"{number}.{n.digits(str(position))} {heading}", 2))
        blocks += build(data, n)
    return blocks


def people(data: ReportData, n: Numbers, number: str) -> list[Block]:
    """Authors; supporters and the data checker (from the director's sign-off); editors."""
    checked = [Para(parts.signoff_line(signed, n)) for signed in data.signoffs]
    return [
        Heading(f"{number}. ผู้เขียน ผู้สนับสนุนและตรวจสอบข้อมูล บรรณาธิการ", 1),
        Heading("ผู้เขียน", 2), *paragraphs(data.narrative["authors"]),
        Heading("ผู้สนับสนุนและตรวจสอบข้อมูล", 2), *paragraphs(data.narrative["supporters"]),
        *(checked or [Para("ผู้ตรวจสอบข้อมูล: ลงนามรับรองเป็นรายศูนย์ (กศน.ตำบล)", "note")]),
        Heading("บรรณาธิการ", 2), *paragraphs(data.narrative["editors"]),
    ]


def appendix(data: ReportData) -> list[Block]:
    return [PageBreak(), Heading("ภาคผนวก ภาพกิจกรรม", 1), *parts.activity_photos(data)]


def made_by(data: ReportData, n: Numbers) -> Para:
    return Para(f"ตัวเลขและตารางในรายงานนี้มาจากระบบพิมพา ณ วันที่ {n.date(data.made_on, 'long')}", "note")

"""The standard-1 part of the self-assessment report (SAR): written by the district office
(กศน.อำเภอ) with a table per centre; a centre's own SAR section works the same way."""

from __future__ import annotations

from . import sections as parts
from .blocks import Block, Heading, Para, Report, paragraphs
from .compose import RESULTS, Part, appendix, cover, made_by, office, render_part
from .data import ReportData
from .numbers import Numbers

SAR_TITLE = "รายงานการประเมินตนเอง (SAR)"


def sar(data: ReportData, n: Numbers) -> Report:
    top = [Heading(SAR_TITLE, 0), Para("มาตรฐานการศึกษาต่อเนื่อง", "cover"), Para(parts.STANDARD_1, "cover")]
    blocks: list[Block] = cover(data, n, top)
    blocks += [Heading("1. มาตรฐานที่ 1 และตัวบ่งชี้", 1), *parts.standard_text(n)]
    blocks += [Heading(f"2. ผลการประเมินตนเองของ {office(data)}", 1), *parts.indicator_part(data, n)]
    number = 3
    if not data.parts.empty:
        below = "กศน.ตำบล" if data.level == "district" else "หน่วยย่อย"
        blocks += [Heading(f"{number}. ผลการประเมินราย {below}", 1), *parts.parts_tables(data, n)]
        number += 1
    evidence = Part("ข้อมูลประกอบการประเมิน", (), RESULTS[:2] + RESULTS[3:])
    blocks += render_part(data, n, n.digits(str(number)), evidence)
    for heading, code in (("จุดเด่น", "results"), ("ข้อควรพัฒนา / บทเรียนที่ได้รับ", "lessons"),
                          ("ข้อมูลหลักฐานอ้างอิง", "references")):
        number += 1
        blocks += [Heading(f"{n.digits(str(number))}. {heading}", 1), *paragraphs(data.narrative[code])]
    number += 1
    checked = [Para(parts.signoff_line(signed, n)) for signed in data.signoffs]
    blocks += [Heading(f"{n.digits(str(number))}. ผู้ตรวจสอบข้อมูล", 1),
               *(checked or [Para("(ลงนามรับรองเป็นรายศูนย์ ดูในรายงานของแต่ละอำเภอ)", "placeholder")])]
    blocks += [*appendix(data), made_by(data, n)]
    footer = f"SAR มาตรฐานที่ 1 · {office(data)} · ปีงบประมาณ {n.year(data.fiscal_year)}"
    return Report(f"{SAR_TITLE} {office(data)} ปีงบประมาณ {data.fiscal_year}", footer,
                  f"sar_{data.unit_code}_{data.fiscal_year}", tuple(blocks))

"""The report's sections that numbers cannot write, in the teacher's words (Best Practice
report, DESIGN.md section 7), per unit (a centre, or a district for its SAR) and fiscal year.

Every save is kept with who and when; the latest text of each section is the current one.
A centre's narrative is part of its fiscal year: a signed-off year refuses changes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import duckdb
import pandas as pd

from ..core.db import log_action
from ..core.errors import PimpaError
from ..core.roles import Actor, Refused, require_upload, require_within
from ..core.signoffs import signed_off
from ..core.snapshot_layout import refuse_on_rollup
from ..core.units import level_of, require
from ..core.writes import write_transaction

MAX_CHARS = 20_000  # a section of a few pages; more is a paste gone wrong
MAX_TITLE = 300


@dataclass(frozen=True)
class Section:
    code: str
    th: str
    en: str
    hint_th: str = ""
    hint_en: str = ""


SECTIONS: tuple[Section, ...] = (
    Section("title", "ชื่อผลงาน", "Title"),
    Section("policy", "ความสอดคล้องกับนโยบาย", "Link to policy",
            "นโยบาย/ยุทธศาสตร์ที่ผลงานนี้ตอบสนอง (มาตรฐานที่ 1 ตัวบ่งชี้ 1.1–1.3 ใส่ให้ในรายงานแล้ว)",
            "The policy or strategy this work serves (standard 1, indicators 1.1–1.3, is added for you)"),
    Section("background", "ความเป็นมา", "Background",
            "ทำไมจึงจัดหลักสูตรเหล่านี้ ให้ใคร", "Why these courses, for whom"),
    Section("steps_plan", "ขั้นตอนการดำเนินงาน: การวางแผน", "Steps: planning",
            "สำรวจข้อมูล ประสานภาคีเครือข่าย ออกแบบหลักสูตร เตรียมสถานที่และบุคลากร",
            "Survey, partners, course design, preparation"),
    Section("steps_activities", "ขั้นตอนการดำเนินงาน: การจัดกิจกรรม", "Steps: activities"),
    Section("steps_supervision", "ขั้นตอนการดำเนินงาน: การนิเทศ ติดตาม และประเมินผล",
            "Steps: supervision, follow-up and evaluation"),
    Section("steps_summary", "ขั้นตอนการดำเนินงาน: การสรุปและรายงานผล", "Steps: summary and report"),
    Section("results", "ผลการดำเนินงาน / ความสำเร็จที่เป็นจุดเด่น", "Results and outstanding success",
            "ตัวเลขผู้เรียน ผู้จบ ตัวบ่งชี้ และรายได้ ใส่ให้ในรายงานแล้ว เขียนเล่าสิ่งที่ตัวเลขไม่ได้บอก",
            "Learners, graduates, indicators and income are added for you; tell what the numbers do not"),
    Section("awards", "รางวัลแห่งความสำเร็จ", "Awards and recognition"),
    Section("lessons", "ข้อควรคำนึงในการขยายผล / บทเรียนที่ได้รับ", "Lessons and what to keep in mind to scale up"),
    Section("references", "ข้อมูลหลักฐานอ้างอิง", "Evidence and references"),
    Section("authors", "ผู้เขียน", "Written by"),
    Section("supporters", "ผู้สนับสนุน", "Supported by",
            "ผู้ตรวจสอบข้อมูลมาจากการลงนามรับรองของผู้อำนวยการ ไม่ต้องพิมพ์",
            "The data checker comes from the director's sign-off; no need to type it"),
    Section("editors", "บรรณาธิการ", "Editors"),
)
SECTIONS_BY_CODE = {section.code: section for section in SECTIONS}


def current(con: duckdb.DuckDBPyConnection, unit_code: str, fiscal_year: int) -> dict[str, str]:
    """Each section's latest text ('' where none was written), in SECTIONS order."""
    rows = con.execute(
        """SELECT section, arg_max(body, written_at) FROM narratives
           WHERE unit_code = ? AND fiscal_year = ? GROUP BY section""", [unit_code, fiscal_year],
    ).fetchall()
    found = dict(rows)
    return {section.code: found.get(section.code) or "" for section in SECTIONS}


def history(con: duckdb.DuckDBPyConnection, unit_code: str, fiscal_year: int) -> pd.DataFrame:
    """Every saved version, newest first: section, body, written_by, written_at."""
    return con.execute(
        """SELECT section, body, written_by, written_at FROM narratives WHERE unit_code = ? AND fiscal_year = ?
           ORDER BY written_at DESC, section""", [unit_code, fiscal_year],
    ).df()


def save(
    con: duckdb.DuckDBPyConnection, who: Actor, unit_code: str, fiscal_year: int, texts: dict[str, str],
    now: dt.datetime | None = None,
) -> list[str]:
    """Keep the sections whose text changed; return their codes (none changed: nothing written)."""
    require_upload(who)
    require_within(who, unit_code)
    refuse_on_rollup(con)
    level_of(unit_code)
    require(con, unit_code)
    _check(texts)
    with write_transaction(con):
        _refuse_locked(con, unit_code, fiscal_year)
        before = current(con, unit_code, fiscal_year)
        changed = [code for code, body in texts.items() if body.strip() != before[code].strip()]
        stamp = now or dt.datetime.now()
        con.executemany(
            "INSERT INTO narratives VALUES (?, ?, ?, ?, ?, ?)",
            [[unit_code, fiscal_year, code, texts[code].strip(), who.username, stamp] for code in changed],
        )
        if changed:
            log_action(con, who, "narrative", f"unit={unit_code} fiscal_year={fiscal_year} {','.join(changed)}")
    return changed


def _check(texts: dict[str, str]) -> None:
    unknown = set(texts) - set(SECTIONS_BY_CODE)
    if unknown:
        raise PimpaError(f"ไม่รู้จักหัวข้อ {', '.join(sorted(unknown))}", f"unknown sections: {', '.join(sorted(unknown))}")
    long = [SECTIONS_BY_CODE[code] for code, body in texts.items() if len(body) > max_chars(code)]
    if long:
        limit = max_chars(long[0].code)
        raise PimpaError(f"หัวข้อ '{long[0].th}' ยาวเกิน {limit:,} ตัวอักษร",
                         f"section '{long[0].en}' is over {limit:,} characters")


def max_chars(code: str) -> int:
    """A title is a line on the cover; a section may run to a few pages."""
    return MAX_TITLE if code == "title" else MAX_CHARS


def _refuse_locked(con: duckdb.DuckDBPyConnection, unit_code: str, fiscal_year: int) -> None:
    if level_of(unit_code).name != "centre":
        return
    lock = signed_off(con, unit_code, fiscal_year)
    if lock:
        th, en = lock.says()
        raise Refused(f"ปีงบประมาณ {fiscal_year} {th} จึงแก้ไขรายงานไม่ได้ ให้ผู้อำนวยการเปิดให้แก้ไขก่อน",
                      f"fiscal year {fiscal_year} was {en}, so its report cannot change; ask the director to reopen it")

"""Data quality checks, declared as data: what is missing, what is far from its group, and what
contradicts itself, each finding on the file, sheet and row it came from.

A check is a code, its labels and rule in Thai and English, a detail template and one SQL
(gaps.py, outliers.py, contradictions.py) that gives `check_rows.FOUND_COLUMNS`. `findings`
runs them all for a fiscal year within a unit; the page and `python -m pimpa_data check` show
the rules from here. Learners appear only as a masked ID (the last four digits), never a name.
"""

from __future__ import annotations

import datetime as dt
import string
from dataclasses import dataclass
from decimal import Decimal

import duckdb
import pandas as pd

from ..core.dates import format_date_be, format_month_be
from ..core.pdpa import MASK
from ..core.units import COUNTRY, require
from . import contradictions, gaps, outliers
from .arrivals import ARRIVALS, arrival_columns, arrivals, arrivals_long, fiscal_months
from .check_rows import FOUND_COLUMNS
from .facts import query_frame, scope_params, with_facts
from .outliers import MIN_GROUP, Z_LIMIT
from .queries import FOLLOW_UP_DUE_DAYS

__all__ = [
    "ARRIVALS", "CHECKS", "FINDING_COLUMNS", "SECTIONS", "Check", "arrival_columns", "arrivals",
    "arrivals_long", "check_counts", "findings", "fiscal_months",
]

SECTIONS = {
    "missing": ("ข้อมูลที่ยังขาด", "Missing"),
    "outlier": ("ค่าผิดปกติ", "Outliers"),
    "contradiction": ("ข้อมูลขัดแย้งกัน", "Contradictions"),
}
_OUTLIER_RULE_TH = (
    "ผิดปกติเมื่อห่างจากค่ากลาง (มัธยฐาน) ของกลุ่มมากกว่าที่ค่าส่วนใหญ่ห่างกันหลายเท่า"
    f" (คะแนนความห่างเกิน {Z_LIMIT}; วิธีของ Iglewicz–Hoaglin ที่ค่าสุดโต่งไม่ทำให้เกณฑ์เพี้ยน);"
    f" กลุ่มที่มีน้อยกว่า {MIN_GROUP} รายการไม่ตัดสิน และถ้าทุกค่าเท่ากันก็ไม่มีค่าผิดปกติ"
)
_OUTLIER_RULE_EN = (
    f"robust z = 0.6745 × (value − median) / MAD of the group; above {Z_LIMIT} is an outlier"
    " (Iglewicz–Hoaglin); when the MAD is 0 (most values the same) z = (value − median) / (1.253314 × mean"
    " absolute deviation); when that is 0 too, all values are equal and none is an outlier; groups of"
    f" fewer than {MIN_GROUP} rows are not judged"
)


@dataclass(frozen=True)
class Check:
    code: str
    section: str  # a key of SECTIONS
    th: str
    en: str
    rule_th: str
    rule_en: str
    detail_th: str  # over the fields of FOUND_COLUMNS (dates shown in BE in Thai)
    detail_en: str
    sql: str  # may read the relation `facts` (facts.py); bound: scope, $today, $mask, …


CHECKS: tuple[Check, ...] = (
    Check("results_missing", "missing", "ผู้เรียนที่ยังไม่มีผลการประเมิน (หลักสูตรจบแล้ว)", "Learner without a result",
          "ผู้เรียนของหลักสูตรที่วันสิ้นสุดผ่านไปแล้ว แต่ช่องผลการประเมินยังว่าง",
          "a learner of a course whose end date has passed, with the result still blank",
          "หลักสูตรจบเมื่อ {reference} แต่ยังไม่มีผลการประเมิน", "the course ended on {reference}; no result yet",
          gaps.RESULTS_MISSING_SQL),
    Check("course_without_learners", "missing", "หลักสูตรจบแล้วแต่ไม่มีผู้เรียน", "Course ended with no learners",
          "หลักสูตรที่วันสิ้นสุดผ่านไปแล้ว แต่ไม่มีผู้เรียนในทะเบียนผู้เรียนเลย",
          "a course whose end date has passed with nobody in the learner register",
          "'{subject}' จบเมื่อ {reference} ไม่มีผู้เรียนในทะเบียน", "'{subject}' ended on {reference}; no learners",
          gaps.NO_LEARNERS_SQL),
    Check("follow_up_overdue", "missing", "ผู้จบหลักสูตรเลยกำหนดติดตามผล", "Graduate overdue for follow-up",
          f"ผู้จบหลักสูตรที่ยังไม่เคยได้รับการติดตาม และหลักสูตรจบมาเกิน {FOLLOW_UP_DUE_DAYS} วัน",
          f"a graduate never followed up, more than {FOLLOW_UP_DUE_DAYS} days after the course ended",
          "จบหลักสูตรมาแล้ว {value} วัน ยังไม่ได้ติดตาม (กำหนด {reference} วัน)",
          "{value} days since the course ended, never followed up (due within {reference})",
          gaps.OVERDUE_SQL),
    Check("sale_outlier", "outlier", "รายได้จากการจำหน่ายผิดปกติ", "Sale far from the product's others",
          "เทียบรายได้ของแต่ละแถวกับแถวอื่นของสินค้าเดียวกัน (ชื่อสินค้าไม่สนตัวพิมพ์และช่องว่าง) ในปีงบประมาณ"
          " ทั้งฐานข้อมูล ใช้รายได้ต่อแถว ไม่ใช่ต่อหน่วย เพราะจำนวนไม่บังคับและไม่มีหน่วยนับ; " + _OUTLIER_RULE_TH,
          "each row's revenue against the other rows of the same product (case and spaces ignored) in the"
          " fiscal year, over the whole database; revenue per row, not per unit, since quantity is optional"
          " and has no unit of measure; " + _OUTLIER_RULE_EN,
          "'{subject}' {value} บาท มัธยฐานของสินค้านี้ {reference} บาท ({group_size} รายการ, z = {score:.1f})",
          "'{subject}' {value} baht; this product's median {reference} baht ({group_size} rows, z = {score:.1f})",
          outliers.SALES_SQL),
    Check("income_after_high", "outlier", "รายได้หลังเรียนสูงเกินช่วงของศูนย์", "Income after far above the centre's",
          "เทียบรายได้หลังเรียน (ต่อเดือน) กับการติดตามอื่นของศูนย์เดียวกันในปีงบประมาณ เฉพาะที่สูงกว่ามัธยฐาน; "
          + _OUTLIER_RULE_TH,
          "income after (per month) against the centre's other follow-ups of the fiscal year, above the median"
          " only; " + _OUTLIER_RULE_EN,
          "รายได้หลังเรียน {value} บาท/เดือน มัธยฐานของศูนย์ {reference} บาท ({group_size} รายการ, z = {score:.1f})",
          "income after {value} baht/month; the centre's median {reference} baht ({group_size} rows,"
          " z = {score:.1f})",
          outliers.INCOME_SQL),
    Check("exemplary_not_applied", "contradiction", "เป็นแบบอย่างแต่ไม่ได้นำไปใช้", "Exemplary but not applied",
          "การติดตามที่ระบุว่าเป็นแบบอย่าง/เห็นเป็นประจักษ์ แต่การนำความรู้ไปใช้เป็น 'ไม่ใช่'",
          "a follow-up marked exemplary whose 'applied' is no",
          "ติดตามเมื่อ {subject}: เป็นแบบอย่าง แต่ไม่ได้นำไปใช้", "follow-up of {subject}: exemplary, not applied",
          contradictions.EXEMPLARY_NOT_APPLIED_SQL),
    Check("how_without_applied", "contradiction", "ไม่ได้นำไปใช้แต่ระบุลักษณะการนำไปใช้", "How applied, yet not applied",
          "การติดตามที่การนำความรู้ไปใช้เป็น 'ไม่ใช่' แต่กรอกลักษณะการนำไปใช้",
          "a follow-up whose 'applied' is no but which says how it was applied",
          "ติดตามเมื่อ {subject}: ไม่ได้นำไปใช้ แต่ระบุ '{value}'", "follow-up of {subject}: not applied, yet '{value}'",
          contradictions.HOW_WITHOUT_APPLIED_SQL),
    Check("followup_before_end", "contradiction", "วันที่ติดตามก่อนหลักสูตรจบ", "Follow-up dated before the course ended",
          "วันที่ติดตามเป็นข้อมูลบังคับ จึงไม่มีการนำไปใช้ที่ไม่มีวันที่ติดตาม; ที่เกิดได้คือวันที่ติดตามก่อนวันสิ้นสุด"
          "หลักสูตร ซึ่งไม่ใช่การติดตามผู้จบหลักสูตร (มักพิมพ์ปีผิด)",
          "the follow-up date is required, so 'applied without a follow-up date' cannot be stored; what can"
          " is a follow-up dated before its course ended, which is no follow-up of a graduate (often a wrong year)",
          "ติดตามเมื่อ {subject} แต่หลักสูตรจบเมื่อ {reference}", "followed up on {subject}; the course ended {reference}",
          contradictions.FOLLOWUP_BEFORE_END_SQL),
    Check("pass_below_threshold", "contradiction", "ผลการประเมินผ่านแต่เวลาเรียนไม่ถึงเกณฑ์",
          "Pass below the attendance threshold",
          "ผลการประเมิน 'ผ่าน' แต่เวลาเรียนต่ำกว่าเกณฑ์ที่ตั้งไว้ (ไม่นับเป็นผู้จบหลักสูตร)",
          "result 'pass' with attendance under the set threshold (not counted as a graduate)",
          "ผ่าน แต่เวลาเรียน {value:.2f}% ต่ำกว่าเกณฑ์ {reference}%",
          "pass, but attended {value:.2f}%, under the threshold of {reference}%",
          contradictions.PASS_BELOW_THRESHOLD_SQL),
    Check("sale_before_course", "contradiction", "ขายก่อนหลักสูตรเริ่ม", "Sale before its course started",
          "เดือนที่จำหน่ายอยู่ก่อนเดือนที่หลักสูตรของรายการนั้นเริ่ม", "a sale's month is before its course's start month",
          "'{subject}' เดือน {value:month} แต่หลักสูตรเริ่ม {reference}",
          "'{subject}' in {value:month}; the course started {reference}",
          contradictions.SALE_BEFORE_COURSE_SQL),
)
CHECKS_BY_CODE = {check.code: check for check in CHECKS}
FINDING_COLUMNS = (
    "check", "check_th", "check_en", "centre_code", "centre_name", "course_code", "learner_id_masked",
    "detail_th", "detail_en", "value", "file_name", "source_sheet", "source_row", "batch_id", "source",
    "where_th", "where_en",
)
# Where a finding's row came from, by batches.source.
WHERE = {
    "file": ("{file_name} · ชีต {source_sheet} · แถว {source_row}",
             "{file_name} · sheet {source_sheet} · row {source_row}"),
    "form": ("บันทึกผ่านแบบฟอร์มในแดชบอร์ด (ชุดนำเข้า {batch_id})", "entered in the dashboard's form (batch {batch_id})"),
    "sample": ("ข้อมูลตัวอย่าง (ชุดนำเข้า {batch_id}) · {source_sheet} แถว {source_row}",
               "sample data (batch {batch_id}) · {source_sheet} row {source_row}"),
    None: ("ไม่ทราบที่มา", "source unknown"),
}

_RUN_SQL = f"""
SELECT {", ".join(f"found.{name}" for name in FOUND_COLUMNS)}, ce.centre_name, b.file_name, b.source
FROM ({{sql}}) found
LEFT JOIN centres ce ON ce.centre_code = found.centre_code
LEFT JOIN batches b ON b.batch_id = found.batch_id
ORDER BY found.centre_code, found.course_code, b.file_name, found.source_sheet, found.source_row"""


def findings(
    con: duckdb.DuckDBPyConnection, fiscal_year: int, unit_code: str = COUNTRY, today: dt.date | None = None
) -> pd.DataFrame:
    """Every finding of every check (in CHECKS order) for a fiscal year within a unit, as of
    `today`: one row each, with the columns of FINDING_COLUMNS."""
    require(con, unit_code)
    params = scope_params(con, fiscal_year, None, unit_code)
    params |= {"today": today or dt.date.today(), "mask": MASK, **gaps.GAP_PARAMS, **outliers.OUTLIER_PARAMS}
    frames = [_found(con, check, params) for check in CHECKS]
    frames = [frame for frame in frames if len(frame)]
    if not frames:
        return pd.DataFrame(columns=list(FINDING_COLUMNS))
    return pd.concat(frames, ignore_index=True)[list(FINDING_COLUMNS)]


def _found(con: duckdb.DuckDBPyConnection, check: Check, params: dict) -> pd.DataFrame:
    rows = query_frame(con, with_facts(_RUN_SQL.format(sql=check.sql)), params)
    if rows.empty:
        return rows
    pointers = ["file_name", "source_sheet", "source_row"]
    rows[pointers] = rows[pointers].astype(object)
    rows.loc[rows["source"] == "form", pointers] = None  # a form has no file, sheet or row to point at
    records = rows.to_dict("records")
    rows["check"], rows["check_th"], rows["check_en"] = check.code, check.th, check.en
    rows["detail_th"] = [_Shown("th").format(check.detail_th, **r) for r in records]
    rows["detail_en"] = [_Shown("en").format(check.detail_en, **r) for r in records]
    rows["where_th"] = [_Shown("th").format(WHERE.get(r["source"], WHERE[None])[0], **r) for r in records]
    rows["where_en"] = [_Shown("en").format(WHERE.get(r["source"], WHERE[None])[1], **r) for r in records]
    return rows


def check_counts(found: pd.DataFrame) -> pd.DataFrame:
    """Per check, in CHECKS order (none left out): check, section, check_th, check_en, findings."""
    counts = found["check"].value_counts() if len(found) else pd.Series(dtype="int64")
    return pd.DataFrame([
        {"check": c.code, "section": c.section, "check_th": c.th, "check_en": c.en,
         "findings": int(counts.get(c.code, 0))}
        for c in CHECKS
    ])


class _Shown(string.Formatter):
    """Fields as a reader of the language expects them: dates in BE in Thai, ISO in English;
    money with thousands separators; `:month` for a month."""

    def __init__(self, lang: str) -> None:
        self.thai = lang == "th"

    def format_field(self, value: object, format_spec: str) -> str:
        if value is None:
            return "–"
        if isinstance(value, dt.date):
            if format_spec == "month":
                return format_month_be(value) if self.thai else f"{value:%Y-%m}"
            return format_date_be(value) if self.thai else value.isoformat()
        if isinstance(value, (Decimal, float)) and not format_spec:
            return f"{value:,.2f}"
        return super().format_field(value, format_spec)

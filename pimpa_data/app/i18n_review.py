"""UI text of the review (notes and statuses), and of the director's comparisons and trends (i18n.py merges it)."""

from __future__ import annotations

REVIEW_TEXT: dict[str, tuple[str, str]] = {
    "review_add": ("บันทึกผลการตรวจตัวบ่งชี้ {indicator} หรือแถวในตารางนี้", "Review indicator {indicator} or one of its rows"),
    "review_status": ("สถานะ", "Status"),
    "review_row": ("แถวที่ตรวจ (เว้นว่าง = ทั้งช่องตัวบ่งชี้)", "Row reviewed (empty: the whole cell)"),
    "review_whole_cell": ("ทั้งช่องตัวบ่งชี้", "The whole indicator cell"),
    "review_note": ("ข้อสังเกต", "Note"),
    "review_save": ("บันทึกผลการตรวจ", "Save the review"),
    "review_list": ("บันทึกการตรวจของปีงบประมาณนี้", "This fiscal year's reviews"),
    "review_none": ("ยังไม่มีบันทึกการตรวจในปีนี้", "No reviews this year yet"),
    "centres_side_by_side": ("เทียบรายศูนย์", "Centres side by side"),
    "counts_trend": ("ผู้เรียนและผู้จบหลักสูตรรายปีงบประมาณ", "Learners and graduates by fiscal year"),
    "revenue_trend": ("รายได้และกำไรจากการจำหน่ายรายปีงบประมาณ", "Sales revenue and profit by fiscal year"),
    "people": ("คน", "people"),
    "year_locked": ("ปีนี้ลงนามรับรองแล้ว (บันทึกเพิ่มไม่ได้)", "year signed off (no new entries)"),
    "median_income_help": (
        "มัธยฐานรายได้หลังเรียนต่อเดือน ของผู้จบที่มีรายได้ จากการติดตามครั้งล่าสุด",
        "The median monthly income after the course of graduates who earn, from their latest follow-up",
    ),
    "before_to_after": ("ก่อน → หลังเรียน", "Before → after"),
    "before_after_help": (
        "รายได้ต่อเดือนหลังเรียน เทียบกับก่อนเรียน ({before}) เฉพาะผู้จบ {n} คนที่บันทึกรายได้ทั้งก่อนและหลังเรียน",
        "Monthly income after the course, against before it ({before}); only the {n} graduates with income"
        " recorded both before and after",
    ),
    "profit_per_earner": ("กำไรต่อผู้มีรายได้", "Profit per earner"),
    "profit_per_earner_help": (
        "กำไรจากการจำหน่ายทั้งปี (ยอดขายหักต้นทุน) หารด้วยจำนวนผู้จบที่มีรายได้ ต่างจากรายได้ต่อเดือนจากการติดตาม",
        "The year's sales profit (revenue less cost) divided by graduates who earn; not the monthly income from"
        " follow-ups",
    ),
}

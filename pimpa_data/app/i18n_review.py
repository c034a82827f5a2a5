"""UI text of the review: notes and statuses on indicator cells and rows (i18n.py merges it)."""

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
}

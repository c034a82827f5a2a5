"""UI text of the teacher's month: the sample kept apart, and the follow-up visit form (i18n.py merges it)."""

from __future__ import annotations

MONTH_TEXT: dict[str, tuple[str, str]] = {
    "sample_blocks_upload": (
        "ฐานข้อมูลนี้ยังมีข้อมูลตัวอย่าง จึงยังบันทึกข้อมูลจริงไม่ได้ (หลักสูตรจริงจะปนกับหลักสูตรตัวอย่างที่ใช้รหัสเดียวกัน)"
        " ให้ลบข้อมูลตัวอย่างก่อน",
        "This database still holds the sample data, so real data cannot be saved yet (a real course would merge"
        " with a sample course of the same code); remove the sample first.",
    ),
    "sample_remove_sure": (
        "ลบข้อมูลตัวอย่างทั้งหมด (หลักสูตร ผู้เรียน เวลาเรียน การติดตาม รายได้ ของตัวอย่าง) ข้อมูลจริงไม่ถูกแตะต้อง",
        "Remove all the sample's rows (its courses, learners, attendance, follow-ups and sales); real data is"
        " not touched",
    ),
    "sample_remove": ("ลบข้อมูลตัวอย่าง", "Remove the sample"),
    "sample_removed": (
        "ลบข้อมูลตัวอย่างแล้ว {n} แถว นำเข้าข้อมูลจริงได้เลย", "Removed the sample ({n} rows); upload real data now",
    ),
    "sample_ask_admin": (
        "ขอให้ผู้ดูแลระบบลบข้อมูลตัวอย่าง แล้วจึงนำเข้าข้อมูลจริง", "Ask your administrator to remove the sample, then upload.",
    ),
    "visit_title": ("บันทึกการติดตาม", "Record a follow-up visit"),
    "visit_who": ("ผู้จบหลักสูตรที่ไปติดตาม", "Graduate visited"),
    "visit_pick": ("เลือกชื่อจากรายการด้านบน…", "Choose from the list above…"),
    "visit_date": ("วันที่ติดตาม (วัน/เดือน/ปี พ.ศ.)", "Visit date (day/month/BE year)"),
    "visit_date_help": ("เช่น 15/03/2569 หรือ 15 มี.ค. 69", "e.g. 15/03/2569 or 15 มี.ค. 69"),
    "visit_date_missing": ("ใส่วันที่ติดตาม", "enter the visit date"),
    "visit_applied": ("นำความรู้ไปใช้หรือไม่", "Applied what they learned?"),
    "visit_how": ("ลักษณะการนำไปใช้", "How"),
    "visit_how_pick": ("เลือกได้หลายข้อ", "Choose one or more"),
    "visit_before": ("รายได้ก่อนเรียน (บาท/เดือน)", "Income before (baht/month)"),
    "visit_after": ("รายได้หลังเรียน (บาท/เดือน)", "Income after (baht/month)"),
    "visit_exemplary": ("เป็นแบบอย่าง (เห็นเป็นประจักษ์)", "Exemplary (for others to see)"),
    "visit_evidence": ("หลักฐาน/ร่องรอย", "Evidence"),
    "visit_save": ("บันทึกการติดตาม", "Save the visit"),
    "visit_saved": ("บันทึกการติดตาม {name} แล้ว (ชุดนำเข้า {batch}) ตัวบ่งชี้ปรับตามแล้ว",
                    "Saved the visit of {name} (batch {batch}); the indicators are up to date"),
    "yes": ("ใช่", "Yes"),
    "no": ("ไม่ใช่", "No"),
}

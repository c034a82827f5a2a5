"""UI text of photos, the report's narrative and the reports page (i18n.py merges it)."""

from __future__ import annotations

REPORT_TEXT: dict[str, tuple[str, str]] = {
    "photos_activity": ("ภาพกิจกรรม", "Activity photos"),
    "photos_none": ("ยังไม่มีภาพกิจกรรมของหลักสูตรนี้", "No activity photos of this course yet"),
    "photos_evidence": ("ภาพหลักฐาน/ร่องรอยของผู้จบหลักสูตร ({n} ภาพ)", "Graduates' evidence photos ({n})"),
    "photos_add": ("เพิ่มภาพกิจกรรม", "Add an activity photo"),
    "photos_file": ("ภาพ (ถ่ายจากโทรศัพท์หรือเลือกไฟล์)", "Photo (take one with the phone, or choose a file)"),
    "photos_file_help": (
        "รับ JPEG, PNG, WebP และ HEIC ไม่เกิน 25 MB ระบบจะหมุนภาพให้ตรง ย่อเหลือไม่เกิน 1,600 พิกเซล"
        " และลบข้อมูลแฝงในภาพ (เช่น พิกัดที่ถ่าย) ก่อนเก็บ",
        "JPEG, PNG, WebP and HEIC up to 25 MB. The photo is turned upright, shrunk to 1,600 px at most and its"
        " hidden data (such as where it was taken) removed before it is kept.",
    ),
    "photos_caption": ("คำบรรยายภาพ", "Caption"),
    "photos_consent": (
        "บุคคลในภาพยินยอมให้ใช้ภาพนี้ (หรือในภาพไม่มีบุคคลที่ระบุตัวได้)",
        "The people in the photo agreed to its use (or no one can be recognised)",
    ),
    "photos_consent_needed": (
        "ให้ยืนยันการยินยอมของบุคคลในภาพก่อนบันทึก (ยังไม่ได้บันทึกอะไร)",
        "Confirm the consent of the people in the photo first (nothing was saved)",
    ),
    "photos_save": ("บันทึกภาพ", "Save the photo"),
    "photos_saved": ("บันทึกภาพแล้ว (ชุดนำเข้า {batch} ยกเลิกได้ที่หน้านำเข้าข้อมูล)",
                     "Photo saved (batch {batch}, which the upload page can undo)"),
    "photos_unchanged": ("มีภาพนี้อยู่แล้ว ไม่ได้บันทึกซ้ำ", "This photo is already there; nothing was added"),
    "visit_photo": ("ภาพหลักฐาน/ร่องรอย (ถ้ามี)", "Evidence photo (if any)"),
}

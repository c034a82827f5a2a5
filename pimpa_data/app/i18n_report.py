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
    "visit_saved_photo_not": (
        "บันทึกการติดตามแล้ว (ชุดนำเข้า {batch}) แต่ภาพยังไม่ได้บันทึก ให้แก้ตามข้อความด้านบนแล้วเพิ่มภาพอีกครั้ง",
        "The visit is saved (batch {batch}), but not its photo: fix what the message above says and add it again",
    ),
    "page_reports": ("รายงาน", "Reports"),
    "narrative_title": ("เนื้อหาที่ครูเขียน (Best Practice)", "The teacher's words (Best Practice)"),
    "narrative_explain": (
        "หัวข้อที่ตัวเลขเขียนแทนไม่ได้ บันทึกไว้ทุกครั้งที่แก้ (ดูประวัติได้) ตัวเลข ตารางตัวบ่งชี้ ภาพ และผู้ตรวจสอบข้อมูล"
        " รายงานดึงจากข้อมูลให้เอง",
        "The sections numbers cannot write; every save is kept (see the history). Figures, the indicator table,"
        " photos and the data checker come from the data.",
    ),
    "narrative_save": ("บันทึกเนื้อหา", "Save the text"),
    "narrative_read_only": (
        "อ่านอย่างเดียว: ครูของ กศน.ตำบลเป็นผู้เขียนและแก้ไขเนื้อหานี้ แสดงเฉพาะหัวข้อที่เขียนแล้ว",
        "Read only: the centre's teachers write and edit this text; only the sections written so far are shown",
    ),
    "narrative_none_yet": (
        "ครูยังไม่ได้เขียนเนื้อหาของปีงบประมาณนี้", "The teachers have not written this fiscal year's text yet",
    ),
    "narrative_saved": ("บันทึกแล้ว: {sections}", "Saved: {sections}"),
    "narrative_unchanged": ("ไม่มีหัวข้อใดเปลี่ยน จึงไม่ได้บันทึกอะไร", "No section changed; nothing was saved"),
    "narrative_history": ("ประวัติการแก้ไข ({n} ครั้ง)", "History ({n} versions)"),
    "narrative_scope": (
        "เลือก กศน.ตำบล (หรืออำเภอ สำหรับ SAR) ที่แถบด้านข้างก่อน",
        "Choose a centre (or a district, for the SAR) in the sidebar first",
    ),
    "report_make": ("สร้างรายงาน", "Make the report"),
    "report_kind": ("รายงาน", "Report"),
    "report_format": ("ไฟล์", "File"),
    "report_thai_digits": ("ใช้เลขไทย", "Thai digits"),
    "report_with_names": ("ใส่ชื่อผู้เรียนที่เป็นแบบอย่าง", "Include exemplary learners' names"),
    "report_build": ("สร้างรายงาน", "Make the report"),
    "report_building": ("กำลังสร้างรายงาน…", "Making the report…"),
    "report_download": ("ดาวน์โหลด {name}", "Download {name}"),
    "report_names_note": (
        "ไฟล์นี้มีชื่อผู้เรียน (ข้อมูลส่วนบุคคล) เก็บไว้ในที่ปลอดภัย การสร้างรายงานนี้ถูกบันทึกไว้",
        "This file holds learners' names (personal data): keep it safe. Making it was logged.",
    ),
    "page_sources": ("แหล่งข้อมูล", "Data sources"),
    "sources_explain": (
        "ฐานข้อมูลนี้เป็นฐานรวม (อ่านอย่างเดียว) จาก snapshot ของแต่ละอำเภอ ไม่มีชื่อ เบอร์โทร หรือเลขประจำตัวของผู้เรียน"
        " แต่ละอำเภอใช้ snapshot ล่าสุดของเซิร์ฟเวอร์ต้นทาง การแก้ไขข้อมูลทำที่เซิร์ฟเวอร์ของอำเภอนั้น",
        "This database is a read-only roll-up of the districts' snapshots, with no learner names, phone numbers or"
        " ID digits; each district's data is its source server's newest snapshot. Data is changed on the"
        " district's own server.",
    ),
    "sources_none": ("ยังไม่มี snapshot ในฐานรวมนี้", "No snapshot in this roll-up yet"),
    "sources_conflicts": ("ข้อขัดแย้งที่พบตอนรวม", "Conflicts found when combining"),
    "rollup_notice": ("ฐานรวม (อ่านอย่างเดียว) รวมเมื่อ {when} · ดูที่มาได้ที่หน้า 'แหล่งข้อมูล'",
                      "Roll-up (read-only), built {when} · see 'Data sources'"),
}

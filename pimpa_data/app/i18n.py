"""Every piece of UI text, Thai and English side by side. Pages never hold their own strings."""

from __future__ import annotations

from .i18n_access import ACCESS_TEXT, AUDIT_ACTIONS
from .i18n_month import MONTH_TEXT
from .i18n_plan import PLAN_TEXT
from .i18n_report import REPORT_TEXT
from .i18n_review import REVIEW_TEXT

LANGUAGES = {"th": "ไทย", "en": "English"}

TEXT: dict[str, tuple[str, str]] = {
    # app and sidebar
    "app_title": ("พิมพา — ข้อมูลการศึกษาต่อเนื่อง กศน.ตำบล", "Pimpa — continuing education analytics"),
    "language": ("ภาษา / Language", "ภาษา / Language"),
    "fiscal_year": ("ปีงบประมาณ", "Fiscal year (BE)"),
    "province": ("จังหวัด", "Province"),
    "district": ("อำเภอ", "District"),
    "centre": ("กศน.ตำบล", "Centre"),
    "all": ("ทั้งหมด", "All"),
    "country": ("ทั้งประเทศ", "Whole country"),
    "scope": ("ขอบเขต", "Scope"),
    "database_busy": (
        "ฐานข้อมูลกำลังถูกใช้งานโดยงานอื่นของผู้ดูแลระบบ ให้รอสักครู่แล้วโหลดหน้านี้ใหม่",
        "The database is busy with another administrative task; wait a moment, then reload this page.",
    ),
    "sample_notice": (
        "กำลังแสดงข้อมูลตัวอย่างของอำเภอบางปะกง (ชื่อและเลขประจำตัวเป็นข้อมูลสมมติ) — เมื่อจะใช้ข้อมูลจริง"
        " ผู้ดูแลระบบลบข้อมูลตัวอย่างได้ในขั้นเดียวที่หน้า 'นำเข้าข้อมูล'",
        "You are looking at sample data for Bang Pakong district (made-up names and IDs). To use real data, an"
        " administrator removes the sample in one step on the Upload page.",
    ),
    "no_data_year": (
        "ยังไม่มีข้อมูลหลักสูตรที่จบในปีงบประมาณนี้สำหรับหน่วยที่เลือก — เลือกปีหรือหน่วยอื่น หรือนำเข้าข้อมูลที่หน้า 'นำเข้าข้อมูล'",
        "No course ends in this fiscal year for the selected unit — choose another year or unit, or upload data"
        " on the Upload page.",
    ),
    "no_data_at_all": (
        "ยังไม่มีข้อมูล — เริ่มจากหน้า 'นำเข้าข้อมูล' เพื่อนำเข้าไฟล์ Excel ของหลักสูตร ผู้เรียน เวลาเรียน การติดตาม และรายได้",
        "No data yet — start on the Upload page with the Excel files of courses, learners, attendance,"
        " follow-ups and sales.",
    ),
    "download_csv": ("ดาวน์โหลด CSV", "Download CSV"),
    "download_xlsx": ("ดาวน์โหลด Excel", "Download Excel"),
    "rows_count": ("{n} แถว", "{n} rows"),
    "rows_shown": ("แสดง {shown} จาก {n} แถว — ดาวน์โหลดเพื่อดูทั้งหมด", "showing {shown} of {n} rows — download for all"),
    "no_data": ("ไม่มีข้อมูล", "no data"),
    "names_hidden": (
        "ซ่อนชื่อและเลขประจำตัวตาม พ.ร.บ.คุ้มครองข้อมูลส่วนบุคคล (PDPA): แสดงเฉพาะผู้ใช้ของหน่วยที่ผู้เรียนสังกัด",
        "Names and ID numbers are hidden under the PDPA: only users of the learner's own unit see them.",
    ),
    "exports_without_names": (
        "ไฟล์ที่ดาวน์โหลดไม่มีชื่อและเลขประจำตัวผู้เรียน (สำหรับเผยแพร่)",
        "Downloads leave out learners' names and ID numbers (fit for sharing).",
    ),
    # pages
    "page_overview": ("ภาพรวม", "Overview"),
    "page_upload": ("นำเข้าข้อมูล", "Upload"),
    "page_quality": ("มาตรฐานคุณภาพ", "Quality standards"),
    "page_courses": ("หลักสูตรและผู้เรียน", "Courses and learners"),
    "page_income": ("รายได้และการประกอบอาชีพ", "Income and livelihood"),
    "page_followup": ("การติดตามผู้จบหลักสูตร", "Graduate follow-up"),
    # overview
    "courses": ("หลักสูตร", "Courses"),
    "enrolled": ("ผู้เรียน (มีผลประเมิน)", "Learners (result known)"),
    "pending": ("รอผลประเมิน", "Result pending"),
    "graduates": ("ผู้จบหลักสูตร", "Graduates"),
    "followed_up": ("ได้รับการติดตาม", "Followed up"),
    "applied": ("นำความรู้ไปใช้", "Applied it"),
    "exemplary": ("เป็นแบบอย่าง/เห็นเป็นประจักษ์", "Exemplary"),
    "coverage": ("ติดตามแล้ว (F/G)", "Followed up (F/G)"),
    "indicator": ("ตัวบ่งชี้", "Indicator"),
    "result_pct": ("ผลการดำเนินงาน (%)", "Result (%)"),
    "target_pct": ("ค่าเป้าหมาย (%)", "Target (%)"),
    "quality_level": ("ระดับคุณภาพ", "Quality level"),
    "numerator": ("ตัวตั้ง", "Numerator"),
    "denominator": ("ตัวหาร", "Denominator"),
    "against_target": ("ตัวบ่งชี้ 1.1–1.3 เทียบค่าเป้าหมาย", "Indicators 1.1–1.3 against target"),
    "trend": ("แนวโน้มรายปีงบประมาณ", "Trend by fiscal year"),
    "compare_units": ("เปรียบเทียบหน่วยย่อย", "Comparison of units"),
    "impact": ("ผลลัพธ์ด้านรายได้", "Income impact"),
    "revenue": ("รายได้จากการจำหน่าย", "Sales revenue"),
    "cost": ("ต้นทุน", "Cost"),
    "profit": ("กำไร", "Profit"),
    "income_before": ("รายได้ก่อนเรียน/เดือน", "Income before/month"),
    "income_after": ("รายได้หลังเรียน/เดือน", "Income after/month"),
    "earners": ("ผู้จบที่มีรายได้", "Graduates with income"),
    "median_income": ("รายได้/เดือน (มัธยฐาน)", "Median monthly income"),
    "cost_per_graduate": ("ค่าใช้จ่ายต่อผู้จบ", "Cost per graduate"),
    "target_line": ("ค่าเป้าหมาย", "Target"),
    "month": ("เดือน", "Month"),
    "baht": ("บาท", "Baht"),
    "percent": ("ร้อยละ", "Percent"),
    "unit": ("หน่วย", "Unit"),
    "learners": ("ผู้เรียน", "Learners"),
    "by_target_group": ("ผู้เรียนตามกลุ่มเป้าหมายและเพศ", "Learners by target group and sex"),
    "male": ("ชาย", "Male"),
    "female": ("หญิง", "Female"),
    "unknown": ("ไม่ระบุ", "Not given"),
    # upload
    "upload_intro": (
        "เลือกไฟล์ Excel (.xlsx .xls) LibreOffice (.ods) หรือ CSV ได้ครั้งละหลายไฟล์ ระบบจะแสดงตัวอย่างว่าจะเพิ่ม แก้ไข"
        " หรือไม่รับข้อมูลใดบ้าง ก่อนบันทึกจริง ไฟล์ที่มีข้อผิดพลาดจะไม่ถูกบันทึกเลยแม้แต่แถวเดียว"
        " ไฟล์จะถูกตรวจและบันทึกตามลำดับชื่อไฟล์ (ทะเบียนหลักสูตรควรมาก่อนทะเบียนผู้เรียน)",
        "Choose Excel (.xlsx .xls), LibreOffice (.ods) or CSV files, several at once. You will see what each would"
        " insert, update or reject before anything is saved; a file with any problem saves nothing. Files are"
        " checked and saved in name order (a course register before its learners).",
    ),
    "choose_files": ("เลือกไฟล์", "Choose files"),
    "preview": ("ตัวอย่างก่อนบันทึก", "Preview before saving"),
    "kind": ("ชนิดข้อมูล", "Record kind"),
    "read": ("อ่านได้", "Read"),
    "inserted": ("เพิ่มใหม่", "Insert"),
    "updated": ("แก้ไข", "Update"),
    "unchanged": ("ไม่เปลี่ยน", "Unchanged"),
    "status_dry-run": ("พร้อมบันทึก", "Ready to save"),
    "status_loaded": ("บันทึกเรียบร้อย", "Saved"),
    "status_unchanged": ("ไม่มีอะไรเปลี่ยน (ไฟล์นี้นำเข้าแล้ว)", "Nothing changes (already uploaded)"),
    "status_rejected": ("ไม่รับไฟล์ — แก้ไขตามรายการแล้วอัปโหลดใหม่", "Rejected — fix the problems and upload again"),
    "problems": ("รายการที่ต้องแก้ไข", "Problems to fix"),
    "more_problems": ("และอีก {n} รายการ ดูได้ในตารางด้านล่าง", "and {n} more, in the table below"),
    "problem_table": ("ตารางรายการทั้งหมด (ดาวน์โหลดได้)", "All problems as a table (to download)"),
    "confirm_save": ("ยืนยันบันทึกไฟล์ที่พร้อม", "Save the files that are ready"),
    "nothing_to_save": ("ไม่มีไฟล์ที่พร้อมบันทึก", "No file is ready to save"),
    "saving": ("กำลังบันทึก…", "Saving…"),
    "saved": ("บันทึกเรียบร้อย", "Saved"),
    "history": ("ประวัติการนำเข้า", "Upload history"),
    "history_empty": ("ยังไม่มีการนำเข้าข้อมูลของหน่วยนี้", "Nothing has been uploaded for this unit yet"),
    "undo": ("ยกเลิกชุดนำเข้า", "Undo batch"),
    "undo_choose": ("ชุดนำเข้าที่จะยกเลิก", "Batch to undo"),
    "undo_done": ("ยกเลิกชุดนำเข้า {batch} แล้ว", "Batch {batch} undone"),
    "file": ("ไฟล์", "File"),
    "sheet": ("ชีต", "Sheet"),
    "row": ("แถว", "Row"),
    "column": ("คอลัมน์", "Column"),
    "value": ("ค่า", "Value"),
    "problem": ("ปัญหาและวิธีแก้", "Problem and fix"),
    "batch": ("ชุดนำเข้า", "Batch"),
    "loaded_at": ("เวลา", "Time"),
    "loaded_by": ("ผู้นำเข้า", "By"),
    "status": ("สถานะ", "Status"),
    "rows_changed": ("แถวที่เพิ่ม/แก้ไข", "Rows inserted/updated"),
    "active": ("ใช้งาน", "active"),
    "undone": ("ยกเลิกแล้ว", "undone"),
    "templates": ("ดาวน์โหลดแบบฟอร์มสำหรับกรอกข้อมูล", "Download the upload template"),
    "templates_help": (
        "ไฟล์ Excel หนึ่งชีตต่อชนิดข้อมูล มีรายการให้เลือกและคำอธิบายที่หัวคอลัมน์ กรอกแล้วนำเข้าได้ทันที",
        "An Excel workbook with a sheet per record kind, dropdowns and a note on every header; fill it in and"
        " upload it as it is.",
    ),
    "notes": ("หมายเหตุ", "Notes"),
    # quality
    "sar_table": ("ตาราง SAR มาตรฐานที่ 1 คุณภาพของผู้เรียนการศึกษาต่อเนื่อง",
                  "SAR table: standard 1, quality of continuing-education learners"),
    "drill": ("ที่มาของตัวเลข", "Where a figure comes from"),
    "drill_unit": ("หน่วย", "Unit"),
    "drill_part": ("ส่วน", "Part"),
    "flags": ("รายการที่ผู้ประเมินควรตรวจสอบ", "Flags for the assessor"),
    "targets": ("ค่าเป้าหมาย", "Targets"),
    "set_target": ("บันทึกค่าเป้าหมาย", "Save target"),
    "target_saved": ("บันทึกค่าเป้าหมายแล้ว", "Target saved"),
    "target_scope_hint": (
        "ค่าเป้าหมายที่ตั้งให้หน่วยนี้ใช้กับหน่วยย่อยทั้งหมดที่ไม่ได้ตั้งค่าของตนเอง",
        "A target set for this unit applies to every unit below it without its own.",
    ),
    # courses
    "search": ("ค้นหา", "Search"),
    "format": ("รูปแบบ", "Format"),
    "occupation_group": ("กลุ่มอาชีพ", "Occupation group"),
    "choose_course": ("เลือกหลักสูตรเพื่อดูผู้เรียน", "Choose a course to see its learners"),
    "attendance_ratio": ("เวลาเรียน (%)", "Attendance (%)"),
    "result": ("ผลการประเมิน", "Result"),
    # income
    "sales_by_month": ("รายได้รายเดือน", "Sales by month"),
    "by_product": ("ตามสินค้า", "By product"),
    "by_channel": ("ตามช่องทางจำหน่าย", "By channel"),
    "before_after": ("รายได้ต่อเดือนก่อนและหลังเรียน", "Monthly income before and after the course"),
    "before": ("ก่อนเรียน", "Before"),
    "after": ("หลังเรียน", "After"),
    "top_groups": ("กลุ่มอาชีพที่มีรายได้สูงสุด", "Top-earning groups"),
    "no_sales": ("ยังไม่มีข้อมูลการจำหน่ายในปีงบประมาณนี้", "No sales recorded in this fiscal year"),
    # follow-up
    "followup_intro": (
        "ผู้จบหลักสูตรที่ยังไม่ได้รับการติดตาม: 'ถึงกำหนด' เมื่อหลักสูตรจบไม่เกิน {days} วัน"
        " 'เลยกำหนด' เมื่อเกิน {days} วันแล้ว การติดตามนับในปีงบประมาณที่หลักสูตรจบ แม้จะไปติดตามหลัง 30 ก.ย.",
        "Graduates not yet followed up: 'due' within {days} days of the course's end, 'overdue' after that."
        " A follow-up counts in the fiscal year its course ended, even when the visit is after 30 September.",
    ),
    "due": ("ถึงกำหนดติดตาม", "Due"),
    "overdue": ("เลยกำหนดติดตาม", "Overdue"),
    "days_since_end": ("วันหลังจบหลักสูตร", "Days since the course ended"),
    "all_followed": ("ติดตามผู้จบหลักสูตรครบทุกคนแล้ว", "Every graduate has been followed up"),
}


def text(key: str, lang: str = "th", **values: object) -> str:
    th, en = TEXT[key]
    chosen = en if lang == "en" else th
    return chosen.format(**values) if values else chosen


def label(pair: tuple[str, str], lang: str) -> str:
    """Pick from a (Thai, English) pair declared elsewhere (kinds, indicators, flags)."""
    return pair[1] if lang == "en" else pair[0]

TEXT.update({
    "this_unit": ("ทั้งหน่วย", "whole unit"),
    "part_numerator": ("ตัวตั้ง", "numerator"),
    "part_denominator": ("ตัวหาร", "denominator"),
    "drill_rows": ("{n} คน", "{n} people"),
    "flag_none": ("ไม่พบ", "none"),
    "only_this_year": ("เฉพาะปีงบประมาณนี้", "This fiscal year only"),
    "target_for": ("ค่าเป้าหมายของ {unit}", "Targets of {unit}"),
    "admin_only": ("สำหรับผู้ดูแลระบบ", "For administrators"),
    "signoff_title": ("การลงนามรับรองข้อมูล (ผู้ตรวจสอบข้อมูล)", "Sign-off (data checked by)"),
    "signoff_explain": (
        "เมื่อลงนามรับรองแล้ว ข้อมูลของปีงบประมาณนี้จะถูกล็อก: การนำเข้า การยกเลิก และการบันทึกการติดตามที่แก้ข้อมูลปีนี้"
        " จะไม่ได้รับอนุญาตจนกว่าผู้อำนวยการจะเปิดให้แก้ไข",
        "Once signed off, this fiscal year is locked: uploads, undos and follow-up entries that change it are"
        " refused until a director reopens it.",
    ),
    "signoff_sure": ("ข้าพเจ้าตรวจสอบข้อมูลของ {unit} ปีงบประมาณ {year} แล้ว", "I have checked {unit}'s data for {year}"),
    "signoff_button": ("ลงนามรับรองและล็อกปีงบประมาณนี้", "Sign off and lock this year"),
    "signoff_reopen": ("เปิดให้แก้ไข (ยกเลิกการล็อก)", "Reopen for changes"),
    "quality_bands": (
        "ระดับคุณภาพเทียบผลการดำเนินงานกับค่าเป้าหมาย (ร้อยละของค่าเป้าหมาย): {bands}",
        "Quality level by the result as a share of the target: {bands}",
    ),
    "preparing_sample": (
        "กำลังเตรียมฐานข้อมูลและข้อมูลตัวอย่างสำหรับการเปิดครั้งแรก…", "Preparing the database and its sample for a first run…",
    ),
    "days": ("วัน", "days"),
    "below_threshold_note": (
        "ผ่าน แต่เวลาเรียน {pct}% ต่ำกว่าเกณฑ์ {threshold}% จึงยังไม่นับเป็นผู้จบหลักสูตร",
        "Passed, but attended {pct}%, under the {threshold}% threshold: not counted as a graduate",
    ),
    "pending_note": ("รอผลการประเมิน (ยังไม่นับในตัวบ่งชี้)", "Result pending (not yet in the indicators)"),
    "pending_count": ("รอผล {n} คน", "{n} awaiting results"),
    "enrolled_help": (
        "ผู้เรียนที่มีผลประเมินแล้ว (ผ่านหรือไม่ผ่าน) ผู้ที่รอผลยังไม่นับ จนกว่าจะบันทึกผล",
        "Learners with a result (pass or fail); those awaiting results count once the result is recorded",
    ),
    "fiscal_year_rule_sales": (
        "ยอดขายนับตามปีงบประมาณของเดือนที่ขาย (1 ต.ค. – 30 ก.ย.): ขายเดือน ต.ค. {before} นับในปีงบประมาณ {year}"
        " ยอดรวมจึงอาจต่างจากแถว 'รวม' ในไฟล์ที่รวมตามปีปฏิทิน เดือนที่ไม่มียอดขายแสดงเป็น 0",
        "Sales count in the fiscal year of their month (1 Oct – 30 Sep): a sale in October {before} belongs to"
        " fiscal year {year}, so totals may differ from a workbook's calendar-year รวม row. Months without"
        " sales show as 0.",
    ),
    "repeats": ("— ค่าเดียวกันนี้ยังอยู่ใน{where}", "— the same value is also in {where}"),
    "repeats_on_sheet": ("อีก {n} แถวของชีต '{sheet}'", "{n} more rows of sheet '{sheet}'"),
    "problem_count": ("{causes} เรื่อง ใน {rows} แถว", "{causes} causes in {rows} rows"),
    # undo with care
    "undo_placeholder": ("เลือกชุดนำเข้าที่จะยกเลิก…", "Choose a batch to undo…"),
    "undo_summary": (
        "ยกเลิกชุดนำเข้า {batch}: ไฟล์ {file} ของ {centres} บันทึกเมื่อ {date} {when} น. — ข้อมูล {rows} แถวที่ไฟล์นี้เพิ่มหรือแก้"
        " จะกลับเป็นเหมือนก่อนนำเข้า",
        "Undoing batch {batch}: the file {file} of {centres}, saved {date} at {when} — the {rows} rows it added or"
        " changed go back to what they were before.",
    ),
    "undo_confirm": ("ยืนยันยกเลิกชุดนำเข้า {batch}", "Yes, undo batch {batch}"),
})
TEXT.update(ACCESS_TEXT)
TEXT.update(REVIEW_TEXT)
TEXT.update(MONTH_TEXT)
TEXT.update(PLAN_TEXT)
TEXT.update(REPORT_TEXT)


def audit_label(action: str, lang: str) -> str:
    """An audit log action in words; an action from a newer version shows as its code."""
    return label(AUDIT_ACTIONS[action], lang) if action in AUDIT_ACTIONS else action

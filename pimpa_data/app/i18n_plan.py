"""UI text of plan against actual, of what each figure means (the (?) beside it), of the data
quality page and of the evidence rule of 1.3 (i18n.py merges it)."""

from __future__ import annotations

PLAN_TEXT: dict[str, tuple[str, str]] = {
    "plan_vs_actual": ("แผนกับผลจริง: ผู้เรียนเทียบเป้าหมาย และเงินที่เบิกจ่ายเทียบงบประมาณ",
                       "Plan against actual: learners against target, money spent against budget"),
    "plan_heading": ("แผนกับผลจริง", "Plan against actual"),
    "plan_enrolled_pct": ("ผู้เรียนเทียบเป้าหมาย (%)", "Learners of target (%)"),
    "plan_spent_pct": ("เบิกจ่ายจริงเทียบงบประมาณ (%)", "Spent of budget (%)"),
    "plan_line": ("ตามแผน 100%", "As planned: 100%"),
    "plan_explain": (
        "นับหลักสูตรที่สิ้นสุดในปีงบประมาณนี้ ร้อยละคิดเฉพาะหลักสูตรที่บันทึกทั้งสองค่า (เป้าหมายกับผู้เรียน หรืองบประมาณกับ"
        " เบิกจ่ายจริง) หลักสูตรที่ยังไม่บันทึกเบิกจ่ายจริงไม่นับเป็นเงินเหลือจ่าย",
        "Courses ending in this fiscal year. Shares count only courses that recorded both sides (target and"
        " learners, or budget and money spent); a course with no spending recorded is not money saved.",
    ),
    "definitions": ("ความหมายของตัวเลข", "What the figures mean"),
    "graduates_help": (
        "ผู้เรียนที่ผลการประเมินผ่าน และมีเวลาเรียนไม่ต่ำกว่าเกณฑ์ (ตัวตั้งของตัวบ่งชี้ 1.1)",
        "Learners who passed and attended at least the threshold (the numerator of 1.1)",
    ),
    "coverage_help": (
        "ผู้จบหลักสูตรที่ได้รับการติดตามอย่างน้อยหนึ่งครั้ง หารด้วยผู้จบหลักสูตรทั้งหมด",
        "Graduates followed up at least once, divided by all graduates",
    ),
    "revenue_help": (
        "ยอดขายรวมจากแผ่นงานรายได้ ของเดือนที่อยู่ในปีงบประมาณนี้", "Total sales revenue of the months in this fiscal year",
    ),
    "cost_per_graduate_help": (
        "งบประมาณของหลักสูตรที่สิ้นสุดในปีนี้ หารด้วยจำนวนผู้จบหลักสูตร (หลักสูตรที่ไม่ได้บันทึกงบไม่นับ)",
        "The budget of courses ending this year divided by graduates (courses without a budget add nothing)",
    ),
    "profit_help": ("ยอดขายหักต้นทุน ของเดือนในปีงบประมาณนี้", "Revenue less cost, over the months of this fiscal year"),
    "earners_help": (
        "ผู้จบหลักสูตรที่การติดตามครั้งล่าสุดบันทึกรายได้หลังเรียนมากกว่า 0 บาท/เดือน",
        "Graduates whose latest follow-up records an income after the course above 0 baht a month",
    ),
    "cost_help": ("ต้นทุนการผลิตที่บันทึกคู่กับยอดขาย", "Production cost recorded with the sales"),
    "indicator_help": ("{full}\n\nตัวตั้ง: {numerator} ÷ ตัวหาร: {denominator} × 100",
                       "{full}\n\nNumerator: {numerator} ÷ denominator: {denominator} × 100"),
    # the data quality page
    "page_data_quality": ("คุณภาพข้อมูล", "Data quality"),
    "arrivals": ("ข้อมูลที่ได้รับ รายศูนย์ × รายเดือน", "What arrived, centre × month"),
    "arrivals_explain": (
        "นับตามเดือนที่ข้อมูลนั้นเกิดขึ้น (ไม่ใช่วันที่นำเข้า): หลักสูตรตามเดือนที่เริ่ม เวลาเรียนตามวันที่เรียน"
        " การติดตามตามวันที่ติดตาม และรายได้ตามเดือนที่ขาย ช่องสีขาว (0 ในตาราง) คือเดือนที่ยังไม่มีข้อมูลส่งมา",
        "Counted by the month the records are about, not the upload date: courses by their start month,"
        " attendance by session date, follow-ups by follow-up date, sales by their month. A white cell (0 in"
        " the table) is a month with nothing sent.",
    ),
    "arrivals_kind": ("ชนิดข้อมูล", "Records"),
    "findings": ("สิ่งที่ควรตรวจสอบ", "What to check"),
    "finding_none": ("ไม่พบ", "None found"),
    "finding_rule": ("เกณฑ์", "Rule"),
    "finding_total": ("พบ {n} รายการ", "{n} found"),
    "check_source_form": ("บันทึกในแบบฟอร์ม", "entered in the form"),
    "no_findings": ("ไม่พบสิ่งที่ควรตรวจสอบในปีงบประมาณนี้", "Nothing to check in this fiscal year"),
    # the evidence rule of 1.3
    "evidence_rule": ("เกณฑ์หลักฐานของตัวบ่งชี้ 1.3", "Evidence rule of indicator 1.3"),
    "evidence_rule_on": (
        "นับเป็นแบบอย่าง (1.3) เฉพาะเมื่อมีหลักฐาน/ร่องรอย", "Count an exemplary graduate (1.3) only with evidence",
    ),
    "evidence_rule_saved": ("บันทึกเกณฑ์หลักฐานแล้ว", "Evidence rule saved"),
    "evidence_missing": (
        "แบบอย่างที่ไม่มีหลักฐาน/ร่องรอย: {n} คน ({state})", "Exemplary without evidence: {n} ({state})",
    ),
    "evidence_counted": ("ยังนับในตัวบ่งชี้ 1.3", "still counted in 1.3"),
    "evidence_not_counted": ("ไม่นับในตัวบ่งชี้ 1.3 ตามเกณฑ์หลักฐาน", "not counted in 1.3, by the evidence rule"),
    "evidence_column": ("แบบอย่างไม่มีหลักฐาน (คน)", "Exemplary, no evidence"),
}

"""Library results shaped as the tables users read: chosen columns, labels in their language.

Each shape is declared as data: (source column, Thai label, English label). Pages pass a
frame and a language and get back a frame ready to show and download.
"""

from __future__ import annotations

import pandas as pd

from ..core.kinds import KINDS_BY_NAME
from ..core.roles import ROLE_LABELS
from ..measures.indicators import rounded_pct
from ..measures.reviews import STATUSES
from .formatting import date_be
from .i18n import audit_label, label, text

Columns = tuple[tuple[str, str, str], ...]
RESULT_WORDS = {"pass": ("ผ่าน", "Pass"), "fail": ("ไม่ผ่าน", "Fail")}
SEX_WORDS = {"male": ("ชาย", "Male"), "female": ("หญิง", "Female")}
YES_NO = {True: ("ใช่", "Yes"), False: ("ไม่ใช่", "No")}
PENDING = ("รอผล", "Pending")

SAR_COLUMNS: Columns = (
    ("unit_name", "หน่วย", "Unit"),
    ("indicator", "ตัวบ่งชี้", "Indicator"),
    ("indicator_label", "ประเด็น", "What it measures"),
    ("numerator", "ตัวตั้ง (คน)", "Numerator"),
    ("denominator", "ตัวหาร (คน)", "Denominator"),
    ("value_pct", "ผลการดำเนินงาน (%)", "Result (%)"),
    ("target_pct", "ค่าเป้าหมาย (%)", "Target (%)"),
    ("quality_level", "ระดับคุณภาพ", "Quality level"),
    ("evidence_missing", "ไม่มีหลักฐาน (คน)", "No evidence"),
    ("review", "การตรวจ", "Review"),
)
# At 1,366 px the SAR table shows result, target and level without scrolling: the long
# description is cut short on screen (whole on hover, and in the downloads).
SAR_WIDTHS = {"th": {"ประเด็น": "small", "หน่วย": "medium", "การตรวจ": "small", "ไม่มีหลักฐาน (คน)": "small"},
              "en": {"What it measures": "small", "Unit": "medium", "Review": "small", "No evidence": "small"}}
EVIDENCE_MISSING_FOR = "1.3"  # exemplary graduates without evidence: what the 1.3 evidence rule would take out
EVIDENCE_COLUMNS: Columns = (
    ("centre_name", "กศน.ตำบล", "Centre"),
    ("course_code", "รหัสหลักสูตร", "Course"),
    ("course_name", "ชื่อหลักสูตร", "Course name"),
    ("learner_name", "ชื่อ-สกุล", "Name"),
    ("learner_id_masked", "เลขประจำตัว", "ID"),
    ("result", "ผลการประเมิน", "Result"),
    ("attendance_pct", "เวลาเรียน (%)", "Attendance (%)"),
    ("latest_followup_date", "วันที่ติดตามล่าสุด", "Latest follow-up"),
    ("applied_how", "ลักษณะการนำไปใช้", "How applied"),
    ("exemplary", "เป็นแบบอย่าง", "Exemplary"),
    ("evidence", "หลักฐาน/ร่องรอย", "Evidence"),
)
COURSE_COLUMNS: Columns = (
    ("course_code", "รหัสหลักสูตร", "Course"),
    ("course_name", "ชื่อหลักสูตร", "Course name"),
    ("centre_name", "กศน.ตำบล", "Centre"),
    ("course_format", "รูปแบบ", "Format"),
    ("occupation_group", "กลุ่มอาชีพ", "Occupation group"),
    ("hours", "ชั่วโมง", "Hours"),
    ("start_date", "วันเริ่ม", "Start"),
    ("end_date", "วันสิ้นสุด", "End"),
    ("learners", "ผู้เรียน", "Learners"),
    ("pending", "รอผล", "Pending"),
    ("graduates", "จบหลักสูตร", "Graduates"),
    ("followed_up", "ติดตามแล้ว", "Followed up"),
    ("applied", "นำไปใช้", "Applied"),
    ("target_learners", "เป้าหมาย (คน)", "Target learners"),
    ("budget_baht", "งบประมาณ (บาท)", "Budget (baht)"),
    ("spent_baht", "เบิกจ่ายจริง (บาท)", "Spent (baht)"),
)
LEARNER_COLUMNS: Columns = (
    ("learner_name", "ชื่อ-สกุล", "Name"),
    ("learner_id_masked", "เลขประจำตัว", "ID"),
    ("sex", "เพศ", "Sex"),
    ("target_group", "กลุ่มเป้าหมาย", "Target group"),
    ("result", "ผลการประเมิน", "Result"),
    ("score", "คะแนน", "Score"),
    ("attendance_pct", "เวลาเรียน (%)", "Attendance (%)"),
    ("is_graduate", "จบหลักสูตร", "Graduate"),
    ("graduate_note", "หมายเหตุ", "Note"),
    ("follow_up_count", "ติดตาม (ครั้ง)", "Follow-ups"),
    ("applied", "นำไปใช้", "Applied"),
    ("exemplary", "เป็นแบบอย่าง", "Exemplary"),
)
DUE_COLUMNS: Columns = (
    ("status", "สถานะ", "Status"),
    ("centre_name", "กศน.ตำบล", "Centre"),
    ("course_code", "รหัสหลักสูตร", "Course"),
    ("course_name", "ชื่อหลักสูตร", "Course name"),
    ("course_end_date", "วันจบหลักสูตร", "Course ended"),
    ("days_since_end", "ผ่านมา (วัน)", "Days since"),
    ("learner_name", "ชื่อ-สกุล", "Name"),
    ("phone", "เบอร์โทรศัพท์", "Phone"),
    ("learner_id_masked", "เลขประจำตัว", "ID"),
)
PRIVATE_COLUMNS = (("ชื่อ-สกุล", "Name"), ("เบอร์โทรศัพท์", "Phone"))


def shape(frame: pd.DataFrame, columns: Columns, lang: str) -> pd.DataFrame:
    """Keep the declared columns that exist, in order, with labels in the language."""
    present = [(name, th, en) for name, th, en in columns if name in frame.columns]
    shaped = frame[[name for name, _, _ in present]].copy()
    for name in ("result", "sex"):
        if name in shaped:
            words = RESULT_WORDS if name == "result" else SEX_WORDS
            shaped[name] = shaped[name].map(lambda v, w=words: _word(w, v, lang))
    for name in ("exemplary", "is_graduate", "applied"):
        if name in shaped:
            shaped[name] = shaped[name].map(lambda v: _word(YES_NO, v, lang))
    if lang == "en":
        for name in CHOICE_COLUMNS.keys() & set(shaped.columns):
            shaped[name] = shaped[name].map(lambda v, words=CHOICE_COLUMNS[name]: words.get(v, v))
    return shaped.rename(columns={name: en if lang == "en" else th for name, th, en in present})


# Choice columns whose stored Thai values have English labels in kinds.py.
CHOICE_COLUMNS = {
    column.name: {choice.value: choice.en for choice in column.choices}
    for kind in KINDS_BY_NAME.values() for column in kind.columns
    if column.choices and column.type in ("choice",) and column.name != "status"
}


def _word(words: dict, value: object, lang: str) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return label(PENDING, lang) if words is RESULT_WORDS else ""
    pair = words.get(value)
    return label(pair, lang) if pair else str(value)


def private_labels(lang: str) -> tuple[str, ...]:
    """Column labels that leave in a download only when asked for (names, phone numbers)."""
    return tuple(en if lang == "en" else th for th, en in PRIVATE_COLUMNS)


def sar(frame: pd.DataFrame, lang: str, statuses: dict[tuple[str, str], str] | None = None) -> pd.DataFrame:
    """The SAR table: unit, indicator, numerator, denominator, result, target, level, and each
    cell's latest review status (`statuses`, keyed by unit and indicator)."""
    cells = zip(frame["unit_code"], frame["indicator"]) if statuses else ()
    review = [statuses.get(cell) for cell in cells] if statuses else [None] * len(frame)
    table = frame.assign(
        review=[label(STATUSES[s], lang) if s in STATUSES else "" for s in review],
        unit_name=frame["name_en" if lang == "en" else "name_th"],
        indicator_label=frame["indicator_en" if lang == "en" else "indicator_th"],
        value_pct=[rounded_pct(int(n), int(d)) for n, d in zip(frame["numerator"], frame["denominator"])],
        quality_level=frame["quality_level_en" if lang == "en" else "quality_level_th"],
        evidence_missing=[f"{int(n):,}" if code == EVIDENCE_MISSING_FOR and n is not None else "" for n, code
                          in zip(frame.get("exemplary_no_evidence", [None] * len(frame)), frame["indicator"])],
    )
    return shape(table, SAR_COLUMNS, lang)


def kind_label(kind: str, lang: str) -> str:
    found = KINDS_BY_NAME[kind]
    return found.en if lang == "en" else found.th


ACCOUNT_COLUMNS: Columns = (
    ("username", "ชื่อผู้ใช้", "Username"),
    ("display_name", "ชื่อที่แสดง", "Display name"),
    ("role", "บทบาท", "Role"),
    ("unit_code", "หน่วย", "Unit"),
    ("email", "อีเมล", "E-mail"),
    ("active", "สถานะ", "Status"),
    ("changed_at", "แก้ไขล่าสุด", "Last changed"),
    ("changed_by", "แก้ไขโดย", "Changed by"),
)
AUDIT_COLUMNS: Columns = (
    ("logged_at", "เวลา", "When"),
    ("who", "ผู้ใช้", "Who"),
    ("action", "การกระทำ", "Action"),
    ("detail", "รายละเอียด", "Detail"),
    ("client", "จากที่อยู่", "From"),
)


def accounts_frame(users: list[dict[str, object]], lang: str) -> pd.DataFrame:
    frame = pd.DataFrame(users, columns=[name for name, _, _ in ACCOUNT_COLUMNS])
    frame["role"] = frame["role"].map(lambda r: label(ROLE_LABELS[r], lang) if r in ROLE_LABELS else r)
    frame["active"] = frame["active"].map(lambda on: text("active" if on else "disabled", lang))
    return shape(frame.fillna(""), ACCOUNT_COLUMNS, lang)


def audit_frame(entries: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The log with its actions in words and each entry's time of day (a date alone says too little)."""
    frame = entries.assign(
        action=entries["action"].map(lambda a: audit_label(a, lang)),
        logged_at=entries["logged_at"].map(lambda when: f"{date_be(when, lang)} {when:%H:%M:%S}"),
    )
    return shape(frame.fillna(""), AUDIT_COLUMNS, lang)


def explain_graduates(learners: pd.DataFrame, threshold_pct: object, lang: str) -> pd.DataFrame:
    """Say why a learner marked ผ่าน is not a graduate (attendance under the threshold), and
    that a learner without a result waits for one: the numbers a teacher would question."""
    def note(row: pd.Series) -> str:
        if bool(row.get("passed_below_threshold")):
            return text("below_threshold_note", lang, pct=f"{float(row['attendance_pct']):g}",
                        threshold=f"{float(threshold_pct):g}")
        if row.get("result") is None or row.get("result") != row.get("result"):
            return text("pending_note", lang)
        return ""

    return learners.assign(graduate_note=learners.apply(note, axis=1) if len(learners) else "")


def band_legend(levels: list, lang: str) -> str:
    """'ดีเยี่ยม ≥ 100% of the target · ดีมาก ≥ 90% · …': how a result maps to a quality level."""
    parts = [f"{level.en if lang == 'en' else level.th} ≥ {float(level.min_ratio) * 100:g}%" for level in levels]
    return " · ".join(parts)


REVIEW_COLUMNS: Columns = (
    ("written_at", "เวลา", "When"),
    ("written_by", "ผู้ตรวจ", "Reviewer"),
    ("unit_code", "หน่วย", "Unit"),
    ("indicator", "ตัวบ่งชี้", "Indicator"),
    ("part", "ส่วน", "Part"),
    ("course_code", "รหัสหลักสูตร", "Course"),
    ("learner_id_masked", "เลขประจำตัว", "ID"),
    ("status", "สถานะ", "Status"),
    ("note", "บันทึก", "Note"),
)


def review_frame(found: pd.DataFrame, lang: str) -> pd.DataFrame:
    frame = found.assign(
        status=found["status"].map(lambda s: label(STATUSES[s], lang) if s in STATUSES else s),
        part=found["part"].map(lambda p: text(f"part_{p}", lang) if p else ""),
        written_at=found["written_at"].map(lambda when: f"{date_be(when, lang)} {when:%H:%M}"),
    )
    return shape(frame.fillna(""), REVIEW_COLUMNS, lang)


COMPARISON_COLUMNS: Columns = (
    ("centre", "กศน.ตำบล", "Centre"),
    ("enrolled", "ผู้เรียน", "Learners"),
    ("graduates", "ผู้จบ", "Graduates"),
    ("pct_1_1", "1.1 (%)", "1.1 (%)"),
    ("level_1_1", "ระดับ 1.1", "Level 1.1"),
    ("pct_1_2", "1.2 (%)", "1.2 (%)"),
    ("level_1_2", "ระดับ 1.2", "Level 1.2"),
    ("pct_1_3", "1.3 (%)", "1.3 (%)"),
    ("level_1_3", "ระดับ 1.3", "Level 1.3"),
    ("coverage_pct", "ติดตามแล้ว (%)", "Followed up (%)"),
    ("earning", "ผู้จบที่มีรายได้", "Graduates earning"),
    ("median_before_baht", "รายได้ก่อน (มัธยฐาน บาท/เดือน)", "Income before (median, baht/month)"),
    ("median_after_baht", "รายได้หลัง (มัธยฐาน บาท/เดือน)", "Income after (median, baht/month)"),
    ("revenue_baht", "รายได้จากการจำหน่าย", "Sales revenue"),
    ("profit_baht", "กำไร", "Profit"),
    ("cost_per_graduate_baht", "ค่าใช้จ่ายต่อผู้จบ", "Cost per graduate"),
)


def comparison(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Centres side by side: numbers stay numbers, so each column sorts as it should."""
    levels = {f"level_{code}": frame[f"quality_level_{'en' if lang == 'en' else 'th'}_{code}"]
              for code in ("1_1", "1_2", "1_3")}
    shown = frame.assign(centre=frame["name_en" if lang == "en" else "name_th"], **levels)
    return shape(shown, COMPARISON_COLUMNS, lang)


# The money side of the comparison, for the income page.
INCOME_COMPARISON = ("centre", "graduates", "earning", "median_before_baht", "median_after_baht", "revenue_baht",
                     "profit_baht", "cost_per_graduate_baht")


def income_comparison(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    columns = tuple(column for column in COMPARISON_COLUMNS if column[0] in INCOME_COMPARISON)
    return shape(frame.assign(centre=frame["name_en" if lang == "en" else "name_th"]), columns, lang)


PLAN_COLUMNS: Columns = (
    ("centre_name", "กศน.ตำบล", "Centre"),
    ("courses", "หลักสูตร", "Courses"),
    ("target_learners", "เป้าหมาย (คน)", "Target learners"),
    ("enrolled", "ผู้เรียน (คน)", "Learners"),
    ("enrolled_pct", "ผู้เรียนเทียบเป้าหมาย (%)", "Learners of target (%)"),
    ("budget_baht", "งบประมาณ (บาท)", "Budget (baht)"),
    ("spent_baht", "เบิกจ่ายจริง (บาท)", "Spent (baht)"),
    ("spent_pct", "เบิกจ่ายเทียบงบ (%)", "Spent of budget (%)"),
    ("courses_with_spending", "หลักสูตรที่บันทึกเบิกจ่าย", "Courses with spending recorded"),
)


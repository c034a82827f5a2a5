"""The five record kinds, declared as data.

One declaration per kind feeds the header matcher, the validator, the DuckDB schema, the
upload templates and the documentation table. Change a column here and all of them follow.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal

from .choices import (
    APPLIED_WAYS,
    ATTENDANCE_STATUS,
    COURSE_FORMATS,
    OCCUPATION_GROUPS,
    SALES_CHANNELS,
    TARGET_GROUPS,
    Choice,
)

# Types a column may have; validate.PARSERS turns each into a parser, SQL_TYPES into storage.
SQL_TYPES = {
    "text": "VARCHAR",
    "code": "VARCHAR",
    "centre": "VARCHAR",
    "learner_id": "VARCHAR",
    "choice": "VARCHAR",
    "choices": "VARCHAR",
    "result": "VARCHAR",
    "sex": "VARCHAR",
    "int": "INTEGER",
    "decimal": "DECIMAL(10,2)",
    "money": "DECIMAL(14,2)",
    "date": "DATE",
    "month": "DATE",
    "yes_no": "BOOLEAN",
}


@dataclass(frozen=True)
class Column:
    name: str
    th: str
    en: str
    type: str
    aliases: tuple[str, ...] = ()
    required: bool = False
    key: bool = False
    choices: tuple[Choice, ...] = ()
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    above_minimum: bool = False  # the minimum itself is not allowed (hours > 0)
    max_length: int = 300
    stored: bool = True  # False: read to derive other columns, or to recognise the sheet
    strict: bool = True  # False: values outside `choices` are kept as written (an open list)

    @property
    def sql_type(self) -> str:
        return SQL_TYPES[self.type]

    @property
    def headers(self) -> tuple[str, ...]:
        return (self.name, self.th, self.en, *self.aliases)


@dataclass(frozen=True)
class RecordKind:
    name: str
    th: str
    en: str
    sheet_words: tuple[str, ...]
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    one_of: tuple[tuple[str, ...], ...] = ()  # each group: a new row needs at least one of these
    date_order: tuple[str, str] | None = None  # (earlier, later)
    extra_sql: tuple[tuple[str, str], ...] = field(default=())  # derived stored columns
    # Rows that name a course by its code alone: the course's centre is found on upload and
    # stored beside it (centre_code), since two centres may number their courses alike.
    centre_from_course: bool = False

    def column(self, name: str) -> Column:
        return next(column for column in self.columns if column.name == name)

    @property
    def stored_columns(self) -> tuple[Column, ...]:
        return tuple(column for column in self.columns if column.stored)

    @property
    def stored_names(self) -> tuple[str, ...]:
        """Columns of the kind's table that come from the file, in table order."""
        return tuple(column.name for column in self.stored_columns) + tuple(name for name, _ in self.extra_sql)

    @property
    def stored_key(self) -> tuple[str, ...]:
        """The key as the database holds it: the file's key and the course's centre (which a file
        may leave out: it is then found from the course, see ingest/course_owners.py)."""
        return ("centre_code", *self.key) if self.centre_from_course else self.key

    @property
    def required(self) -> tuple[Column, ...]:
        return tuple(column for column in self.columns if column.required)


ZERO, HUNDRED = Decimal(0), Decimal(100)

COURSE_CODE = Column(
    "course_code", "รหัสหลักสูตร", "Course code", "code",
    aliases=("รหัสวิชา", "รหัส", "course", "code"), required=True, key=True, max_length=40,
)
LEARNER_ID = Column(
    "learner_id", "เลขประจำตัวประชาชน", "ID number", "learner_id",
    aliases=("เลขบัตรประชาชน", "เลขบัตรประจำตัวประชาชน", "เลขที่บัตรประชาชน", "บัตรประชาชน",
             "รหัสประจำตัวประชาชน", "เลขประจำตัว", "เลข 13 หลัก", "national id", "citizen id", "id"),
    required=True, key=True,
)
# The course's centre on sheets that name a course: optional, since it is usually found from the
# course itself (ingest/course_owners.py); a district's combined sheet may need it.
COURSE_CENTRE = Column(
    "centre_code", "รหัสตำบล", "Centre", "centre", max_length=120,
    aliases=("รหัสศูนย์", "กศน.ตำบล", "ศกร.ตำบล", "centre", "center"),
)
PREFIX = Column("prefix", "คำนำหน้า", "Title", "text", aliases=("คำนำหน้าชื่อ",), max_length=40)
FIRST_NAME = Column("first_name", "ชื่อ", "First name", "text", aliases=("ชื่อจริง", "first name"))
LAST_NAME = Column("last_name", "สกุล", "Last name", "text", aliases=("นามสกุล", "last name", "surname"))
FULL_NAME = Column(
    "full_name", "ชื่อ-สกุล", "Full name", "text",
    aliases=("ชื่อ - นามสกุล", "ชื่อ-นามสกุล", "ชื่อและนามสกุล", "ชื่อผู้เรียน", "ชื่อผู้จบหลักสูตร",
             "name", "full name", "learner"),
    stored=False,
)
NAME_COLUMNS = (PREFIX, FIRST_NAME, LAST_NAME, FULL_NAME)


def _not_stored(*columns: Column) -> tuple[Column, ...]:
    """Name columns that attendance, follow-up and sales sheets carry: recognised, not kept
    (names live only in the learner register, where PDPA access rules apply)."""
    return tuple(replace(column, stored=False, required=False) for column in columns)


COURSES = RecordKind(
    "courses", "หลักสูตร", "Courses",
    sheet_words=("หลักสูตร", "ทะเบียนหลักสูตร", "courses", "course"),
    columns=(
        COURSE_CODE,
        Column("centre_code", "รหัสตำบล", "Centre", "centre", required=True, max_length=120,
               aliases=("รหัสศูนย์", "กศน.ตำบล", "ศกร.ตำบล", "ศูนย์", "ตำบล", "หน่วยจัด", "centre", "center")),
        Column("course_name", "ชื่อหลักสูตร", "Course name", "text", required=True,
               aliases=("หลักสูตร", "ชื่อวิชา", "course name")),
        Column("course_format", "รูปแบบ", "Format", "choice", choices=COURSE_FORMATS,
               aliases=("รูปแบบการจัด", "รูปแบบการจัดการเรียนรู้", "format")),
        Column("programme", "โครงการ", "Programme", "text", aliases=("ชื่อโครงการ", "program", "programme")),
        Column("occupation_group", "กลุ่มอาชีพ", "Occupation group", "choice", choices=OCCUPATION_GROUPS,
               aliases=("ประเภทอาชีพ", "ด้านอาชีพ", "occupation")),
        Column("hours", "จำนวนชั่วโมง", "Hours", "decimal", required=True, minimum=ZERO, above_minimum=True,
               maximum=Decimal(2000), aliases=("ชั่วโมง", "ชม", "จำนวนชม", "hours")),
        Column("start_date", "วันเริ่ม", "Start date", "date", required=True,
               aliases=("วันที่เริ่ม", "วันเริ่มต้น", "วันที่เริ่มต้น", "เริ่ม", "start")),
        Column("end_date", "วันสิ้นสุด", "End date", "date", required=True,
               aliases=("วันที่สิ้นสุด", "วันจบ", "วันที่จบ", "สิ้นสุด", "end")),
        Column("instructor", "วิทยากร", "Instructor", "text", aliases=("ครูผู้สอน", "ผู้สอน", "ชื่อวิทยากร")),
        Column("budget_baht", "งบประมาณ", "Budget (baht)", "money", minimum=ZERO,
               aliases=("งบ", "งบประมาณที่ใช้", "budget")),
        # Optional: what was really paid out, for plan against actual (measures/plan.py).
        Column("spent_baht", "เบิกจ่ายจริง", "Spent (baht)", "money", minimum=ZERO,
               aliases=("เบิกจ่าย", "ใช้จ่ายจริง", "งบที่ใช้จริง", "ค่าใช้จ่ายจริง", "spent", "actual spending")),
        Column("target_learners", "เป้าหมาย", "Target learners", "int", minimum=ZERO,
               aliases=("จำนวนเป้าหมาย", "เป้าหมายผู้เรียน", "target")),
        Column("venue", "สถานที่", "Venue", "text", aliases=("สถานที่จัด", "สถานที่เรียน", "venue")),
    ),
    key=("course_code",),
    date_order=("start_date", "end_date"),
    centre_from_course=True,  # courses are numbered per centre ("01/2567" recurs): the centre is part of the key
)

ENROLMENTS = RecordKind(
    "enrolments", "ทะเบียนผู้เรียน", "Enrolments",
    sheet_words=("ผู้เรียน", "ทะเบียนผู้เรียน", "ผลการเรียน", "ผู้เข้าเรียน", "enrolments", "learners"),
    columns=(
        COURSE_CODE, COURSE_CENTRE, LEARNER_ID, PREFIX, FIRST_NAME, LAST_NAME, FULL_NAME,
        Column("sex", "เพศ", "Sex", "sex", aliases=("sex", "gender")),
        Column("birth_date", "วันเกิด", "Birth date", "date",
               aliases=("วันเดือนปีเกิด", "วัน/เดือน/ปีเกิด", "birth date")),
        Column("age", "อายุ", "Age", "int", minimum=ZERO, maximum=Decimal(120), aliases=("age",)),
        Column("target_group", "กลุ่มเป้าหมาย", "Target group", "choice", choices=TARGET_GROUPS, strict=False,
               aliases=("ประเภทกลุ่มเป้าหมาย", "target group")),
        Column("home_subdistrict", "ตำบลที่อยู่", "Home subdistrict", "text",
               aliases=("ที่อยู่ตำบล", "ตำบล", "home subdistrict")),
        Column("result", "ผลการประเมิน", "Result", "result",
               aliases=("ผลการเรียน", "ผลการจบหลักสูตร", "ผล", "ผ่านไม่ผ่าน", "result")),
        Column("score", "คะแนน", "Score", "decimal", minimum=ZERO, maximum=HUNDRED, aliases=("score",)),
        Column("certificate_no", "เลขที่วุฒิบัตร", "Certificate no.", "text",
               aliases=("เลขวุฒิบัตร", "วุฒิบัตรเลขที่", "เลขที่เกียรติบัตร")),
        # Personal data like the names: shown and exported only where names are (PDPA).
        Column("phone", "เบอร์โทรศัพท์", "Phone", "text", max_length=40,
               aliases=("เบอร์โทร", "โทรศัพท์", "หมายเลขโทรศัพท์", "เบอร์ติดต่อ", "phone", "tel", "mobile")),
    ),
    key=("course_code", "learner_id"),
    one_of=(("first_name", "full_name"),),
    extra_sql=(("learner_id_last4", "VARCHAR"), ("learner_id_type", "VARCHAR")),
    centre_from_course=True,
)

ATTENDANCE = RecordKind(
    "attendance", "บันทึกเวลาเรียน", "Attendance",
    sheet_words=("เวลาเรียน", "บันทึกเวลาเรียน", "การเข้าเรียน", "เช็คชื่อ", "attendance"),
    columns=(
        COURSE_CODE, COURSE_CENTRE, LEARNER_ID,
        Column("session_date", "วันที่", "Session date", "date", required=True, key=True,
               aliases=("วันที่เรียน", "วันเรียน", "date", "session date")),
        Column("hours", "ชั่วโมง", "Hours", "decimal", minimum=ZERO, maximum=Decimal(24),
               aliases=("จำนวนชั่วโมง", "ชั่วโมงที่เรียน", "ชม", "hours")),
        Column("status", "สถานะ", "Status", "choice", choices=ATTENDANCE_STATUS,
               aliases=("การมาเรียน", "การเข้าเรียน", "มาขาดลา", "status")),
        *_not_stored(*NAME_COLUMNS),
    ),
    key=("course_code", "learner_id", "session_date"),
    centre_from_course=True,
    one_of=(("hours", "status"),),
)

FOLLOW_UPS = RecordKind(
    "follow_ups", "การติดตามผู้จบหลักสูตร", "Follow-ups",
    sheet_words=("ติดตาม", "ติดตามผล", "การติดตามผู้จบหลักสูตร", "follow"),
    columns=(
        COURSE_CODE, COURSE_CENTRE, LEARNER_ID,
        Column("followup_date", "วันที่ติดตาม", "Follow-up date", "date", required=True, key=True,
               aliases=("วันติดตาม", "ติดตามวันที่", "วันที่", "follow-up date")),
        Column("applied", "การนำความรู้ไปใช้", "Applied", "yes_no", required=True,
               aliases=("นำความรู้ไปใช้", "การนำไปใช้", "นำไปใช้", "applied")),
        Column("applied_how", "ลักษณะการนำไปใช้", "How applied", "choices", choices=APPLIED_WAYS,
               aliases=("นำไปใช้ด้าน", "การนำไปใช้ด้าน", "ลักษณะการใช้", "how applied")),
        Column("exemplary", "เป็นแบบอย่าง", "Exemplary", "yes_no",
               aliases=("เห็นเป็นประจักษ์", "เป็นแบบอย่างเห็นเป็นประจักษ์", "แบบอย่าง", "ตัวอย่างที่ดี",
                        "เป็นตัวอย่างที่ดี", "exemplary")),
        Column("evidence", "หลักฐาน", "Evidence", "text",
               aliases=("ร่องรอย", "หลักฐานร่องรอย", "หลักฐาน/ร่องรอย", "evidence"), max_length=1000),
        Column("income_before_baht", "รายได้ก่อนเรียน", "Income before (baht/month)", "money", minimum=ZERO,
               aliases=("รายได้ก่อน", "รายได้ก่อนเข้าร่วม", "income before")),
        Column("income_after_baht", "รายได้หลังเรียน", "Income after (baht/month)", "money", minimum=ZERO,
               aliases=("รายได้หลัง", "รายได้หลังจบหลักสูตร", "income after")),
        Column("note", "หมายเหตุ", "Note", "text", aliases=("note", "notes"), max_length=1000),
        *_not_stored(*NAME_COLUMNS),
    ),
    key=("course_code", "learner_id", "followup_date"),
    centre_from_course=True,
)

SALES = RecordKind(
    "sales", "รายได้จากการจำหน่าย", "Sales",
    sheet_words=("รายได้", "จำหน่าย", "ยอดขาย", "การขาย", "sales"),
    columns=(
        Column("learner_id", LEARNER_ID.th, LEARNER_ID.en, "learner_id", aliases=LEARNER_ID.aliases, key=True),
        Column("group_name", "ชื่อกลุ่ม", "Group", "text", key=True,
               aliases=("ชื่อกลุ่มอาชีพ", "กลุ่ม", "group")),
        COURSE_CODE, COURSE_CENTRE,
        Column("month", "เดือน", "Month", "month", required=True, key=True,
               aliases=("เดือนที่จำหน่าย", "เดือนปี", "month")),
        Column("product", "สินค้า", "Product", "text", required=True, key=True,
               aliases=("ผลิตภัณฑ์", "ชื่อสินค้า", "รายการสินค้า", "product")),
        Column("quantity", "จำนวน", "Quantity", "decimal", minimum=ZERO,
               aliases=("จำนวนที่ขาย", "จำนวนที่จำหน่าย", "quantity")),
        Column("revenue_baht", "รายได้", "Revenue (baht)", "money", required=True, minimum=ZERO,
               aliases=("ยอดขาย", "รายรับ", "รายได้จากการจำหน่าย", "revenue")),
        Column("cost_baht", "ต้นทุน", "Cost (baht)", "money", minimum=ZERO, aliases=("ค่าใช้จ่าย", "cost")),
        Column("channel", "ช่องทางจำหน่าย", "Channel", "choice", choices=SALES_CHANNELS,
               aliases=("ช่องทาง", "ช่องทางการจำหน่าย", "channel")),
        *_not_stored(*NAME_COLUMNS),
    ),
    # The brief keys sales by learner or group, month and product; the course joins the key
    # because group names repeat from centre to centre ("กลุ่มแม่บ้าน"), and one centre's upload
    # must never overwrite another's sales.
    key=("learner_id", "group_name", "course_code", "month", "product"),
    one_of=(("learner_id", "group_name"),),
    extra_sql=(("learner_id_last4", "VARCHAR"),),
    centre_from_course=True,
)

KINDS: tuple[RecordKind, ...] = (COURSES, ENROLMENTS, ATTENDANCE, FOLLOW_UPS, SALES)
KINDS_BY_NAME = {kind.name: kind for kind in KINDS}

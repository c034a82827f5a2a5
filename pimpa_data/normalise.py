"""Pure functions that turn the values teachers type into clean Python values.

Each parser takes one raw cell (str, int, float, date, datetime or None) and returns the
clean value, None for a blank cell, or raises `BadValue` whose two messages (Thai, English)
say what is wrong and how to fix it. None of them touches a file or a database.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import Decimal, InvalidOperation

BE_OFFSET = 543
EXCEL_EPOCH = dt.date(1899, 12, 30)
THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = re.compile(r"[\s\u00a0\u2007\u202f]+")


class BadValue(ValueError):
    """A cell whose value cannot be read; carries a Thai and an English message."""

    def __init__(self, th: str, en: str) -> None:
        super().__init__(en)
        self.th = th
        self.en = en


def clean_text(value: object) -> str:
    """Text without invisible characters, with single spaces, trimmed.

    Also repairs the common typing of sara am as nikhahit + sara aa (ํา → ำ).
    """
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = unicodedata.normalize("NFC", str(value)).translate(INVISIBLE)
    text = text.replace("\u0e4d\u0e32", "\u0e33")
    return _SPACES.sub(" ", text).strip()


def is_blank(value: object) -> bool:
    return clean_text(value) in ("", "-", "–", "—")


def arabic_digits(text: str) -> str:
    return text.translate(THAI_DIGITS)


# ---------------------------------------------------------------- numbers

_NUMBER_UNITS = re.compile(
    r"(บาท|บ\.|คน|ชั่วโมง|ชม\.?|ครั้ง|ชิ้น|หน่วย|baht|thb|hours?|hrs?|%|฿)", re.IGNORECASE
)


def parse_decimal(value: object) -> Decimal | None:
    """A number as an exact Decimal: Thai digits, "1,500 บาท", " ๒,๒๐๐ ", 4500.0."""
    if isinstance(value, bool):
        raise BadValue("ต้องเป็นตัวเลข", "must be a number")
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        # repr() gives the shortest decimal that round-trips: 0.1 -> "0.1", not 0.1000000000000000055…
        return Decimal(repr(value))
    text = arabic_digits(clean_text(value))
    if is_blank(text):
        return None
    text = _NUMBER_UNITS.sub("", text).replace(",", "").replace(" ", "")
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise BadValue(
            f"'{clean_text(value)}' ไม่ใช่ตัวเลข ให้พิมพ์เป็นตัวเลข เช่น 1500 หรือ 1,500",
            f"'{clean_text(value)}' is not a number; type a number such as 1500 or 1,500",
        ) from None
    if not number.is_finite():
        raise BadValue("ต้องเป็นตัวเลข", "must be a finite number")
    return number


def parse_int(value: object) -> int | None:
    number = parse_decimal(value)
    if number is None:
        return None
    if number != number.to_integral_value():
        raise BadValue(
            f"'{clean_text(value)}' ต้องเป็นจำนวนเต็ม", f"'{clean_text(value)}' must be a whole number"
        )
    return int(number)


# ---------------------------------------------------------------- months and dates

THAI_MONTHS = {
    1: ("มกราคม", "ม.ค."),
    2: ("กุมภาพันธ์", "ก.พ."),
    3: ("มีนาคม", "มี.ค."),
    4: ("เมษายน", "เม.ย."),
    5: ("พฤษภาคม", "พ.ค."),
    6: ("มิถุนายน", "มิ.ย."),
    7: ("กรกฎาคม", "ก.ค."),
    8: ("สิงหาคม", "ส.ค."),
    9: ("กันยายน", "ก.ย."),
    10: ("ตุลาคม", "ต.ค."),
    11: ("พฤศจิกายน", "พ.ย."),
    12: ("ธันวาคม", "ธ.ค."),
}
ENGLISH_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def _month_key(word: str) -> str:
    return word.replace(".", "").replace(" ", "").lower()


MONTH_WORDS: dict[str, int] = {}
for _number, (_full, _short) in THAI_MONTHS.items():
    MONTH_WORDS[_month_key(_full)] = _number
    MONTH_WORDS[_month_key(_short)] = _number
for _number, _abbr in enumerate(ENGLISH_MONTHS, start=1):
    MONTH_WORDS[_abbr] = _number
for _number in range(1, 13):
    MONTH_WORDS[dt.date(2000, _number, 1).strftime("%B").lower()] = _number

_ERA = re.compile(r"(พ\.ศ\.|พ\.ศ|ค\.ศ\.|ค\.ศ|b\.e\.|c\.e\.|be|ce)", re.IGNORECASE)
_NUMERIC_DATE = re.compile(r"^(\d{1,4})[/.\-](\d{1,2})[/.\-](\d{1,4})(?:[ t]\d{1,2}:\d{2}(?::\d{2})?)?$")
_WORD_DATE = re.compile(r"^(\d{1,2})\s*([^\d\s]+?)\s*(\d{2}|\d{4})$")
_WORD_MONTH = re.compile(r"^([^\d\s]+?)\s*(\d{2}|\d{4})$")
_NUMERIC_MONTH = re.compile(r"^(\d{1,4})[/.\-](\d{1,4})$")

MIN_YEAR_CE, MAX_YEAR_CE = 1900, 2100


def ce_year(year: int) -> int:
    """A year as typed, in the Common Era: BE when ≥ 2400, two digits are BE (67 → 2567)."""
    if year < 100:
        year += 2500
    if year >= 2400:
        year -= BE_OFFSET
    return year


def _bad_date(value: object) -> BadValue:
    shown = clean_text(value)
    return BadValue(
        f"อ่านวันที่ '{shown}' ไม่ได้ ให้ใช้รูปแบบ วัน/เดือน/ปี พ.ศ. เช่น 15/03/2567 หรือ 15 มี.ค. 2567",
        f"cannot read the date '{shown}'; write it day/month/BE year, e.g. 15/03/2567 or 15 มี.ค. 2567",
    )


def _make_date(year: int, month: int, day: int, raw: object) -> dt.date:
    year = ce_year(year)
    if not MIN_YEAR_CE <= year <= MAX_YEAR_CE:
        raise _bad_date(raw)
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise _bad_date(raw) from None


def _from_excel_serial(serial: float, raw: object) -> dt.date:
    day = EXCEL_EPOCH + dt.timedelta(days=int(serial))
    if day.year >= 2400:  # a BE year typed into a Gregorian cell
        return _make_date(day.year, day.month, day.day, raw)
    if not MIN_YEAR_CE <= day.year <= MAX_YEAR_CE:
        raise _bad_date(raw)
    return day


def _from_text_date(text: str, raw: object) -> dt.date:
    match = _NUMERIC_DATE.match(text)
    if match:
        first, month, last = (int(part) for part in match.groups())
        if len(match.group(1)) == 4:  # 2024-03-15 or 2567-03-15: year first
            return _make_date(first, month, last, raw)
        return _make_date(last, month, first, raw)  # always day first otherwise
    match = _WORD_DATE.match(text)
    if match and _month_key(match.group(2)) in MONTH_WORDS:
        day, word, year = match.groups()
        return _make_date(int(year), MONTH_WORDS[_month_key(word)], int(day), raw)
    raise _bad_date(raw)


def parse_date(value: object) -> dt.date | None:
    """A date in the Common Era from every form in the brief (BE or CE, text or cell)."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return _make_date(value.year, value.month, value.day, value)
    if isinstance(value, bool):
        raise _bad_date(value)
    if isinstance(value, (int, float)):
        return _from_excel_serial(value, value)
    text = arabic_digits(clean_text(value))
    if is_blank(text):
        return None
    text = _ERA.sub("", text.replace("วันที่", "")).strip(" ,")
    text = _SPACES.sub(" ", text)
    if re.fullmatch(r"\d+(\.\d+)?", text) and float(text) > 10000:
        return _from_excel_serial(float(text), value)
    return _from_text_date(text, value)


def _bad_month(value: object) -> BadValue:
    shown = clean_text(value)
    return BadValue(
        f"อ่านเดือน '{shown}' ไม่ได้ ให้เขียนเช่น มี.ค. 2567, มีนาคม 67, 2567-03 หรือ 03/2567",
        f"cannot read the month '{shown}'; write it e.g. มี.ค. 2567, มีนาคม 67, 2567-03 or 03/2567",
    )


def parse_month(value: object) -> dt.date | None:
    """A month as the first day of that month, in the Common Era."""
    if isinstance(value, (dt.date, int, float)) and not isinstance(value, bool):
        day = parse_date(value)
        return day.replace(day=1) if day else None
    text = _ERA.sub("", arabic_digits(clean_text(value))).strip(" ,")
    if is_blank(text):
        return None
    text = _SPACES.sub(" ", text)
    match = _NUMERIC_MONTH.match(text)
    if match:
        first, last = match.groups()
        year, month = (int(first), int(last)) if len(first) == 4 else (int(last), int(first))
        return _month_start(year, month, value)
    match = _WORD_MONTH.match(text)
    if match and _month_key(match.group(1)) in MONTH_WORDS:
        return _month_start(int(match.group(2)), MONTH_WORDS[_month_key(match.group(1))], value)
    try:
        day = parse_date(value)
    except BadValue:
        raise _bad_month(value) from None
    return day.replace(day=1) if day else None


def _month_start(year: int, month: int, raw: object) -> dt.date:
    try:
        return _make_date(year, month, 1, raw)
    except BadValue:
        raise _bad_month(raw) from None


def fiscal_year(day: dt.date) -> int:
    """The Thai fiscal year (BE) a date falls in: 1 Oct 2023 – 30 Sep 2024 is 2567."""
    return day.year + BE_OFFSET + (1 if day.month >= 10 else 0)


def fiscal_year_bounds(year_be: int) -> tuple[dt.date, dt.date]:
    end_year = year_be - BE_OFFSET
    return dt.date(end_year - 1, 10, 1), dt.date(end_year, 9, 30)


def format_date_be(day: dt.date | None, style: str = "short") -> str:
    """'15 มี.ค. 2567' (short), '15 มีนาคม 2567' (long) or '15/03/2567' (numeric)."""
    if day is None:
        return ""
    year = day.year + BE_OFFSET
    if style == "numeric":
        return f"{day.day:02d}/{day.month:02d}/{year}"
    full, short = THAI_MONTHS[day.month]
    return f"{day.day} {full if style == 'long' else short} {year}"


def format_month_be(day: dt.date | None) -> str:
    if day is None:
        return ""
    return f"{THAI_MONTHS[day.month][1]} {day.year + BE_OFFSET}"


# ---------------------------------------------------------------- words

def word_key(value: object) -> str:
    """A comparison key for words: no spaces, punctuation or case."""
    text = arabic_digits(clean_text(value)).lower()
    return re.sub(r"[\s.\-_/,:;()\[\]'\"]+", "", text)


YES_WORDS = {"ใช่", "yes", "y", "true", "1", "✓", "✔", "/", "มี", "เป็น", "นำไปใช้", "ได้นำไปใช้", "ได้", "ใช้"}
NO_WORDS = {"ไม่ใช่", "no", "n", "false", "0", "✗", "✘", "x", "ไม่", "ไม่มี", "ไม่เป็น",
            "ไม่ได้นำไปใช้", "ไม่นำไปใช้", "ไม่ได้ใช้", "ไม่ได้"}
_YES = {word_key(word) for word in YES_WORDS}
_NO = {word_key(word) for word in NO_WORDS}


def parse_yes_no(value: object) -> bool | None:
    if isinstance(value, bool):
        return value
    if is_blank(value):
        return None
    key = word_key(value)
    if key in _YES:
        return True
    if key in _NO:
        return False
    shown = clean_text(value)
    raise BadValue(
        f"'{shown}' ต้องเป็น ใช่ หรือ ไม่ใช่", f"'{shown}' must be yes or no (ใช่ / ไม่ใช่)"
    )


# ---------------------------------------------------------------- Thai ID numbers

def thai_id_check_digit(first_twelve: str) -> int:
    total = sum(int(digit) * weight for digit, weight in zip(first_twelve, range(13, 1, -1)))
    return (11 - total % 11) % 10


def is_valid_thai_id(digits: str) -> bool:
    return (
        len(digits) == 13
        and digits.isdigit()
        and thai_id_check_digit(digits[:12]) == int(digits[12])
    )


def parse_learner_id(value: object) -> tuple[str, str] | None:
    """(id, kind) where kind is 'thai_id' (13 digits, valid check digit) or 'other'.

    Accepts 1-2345-67890-12-1, spaces, Thai digits and numbers read back as 1234567890121.0.
    Letters make it another kind of ID (a passport number), kept as typed in upper case.
    """
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = arabic_digits(clean_text(value)).upper()
    if is_blank(text):
        return None
    compact = re.sub(r"[\s\-.]", "", text)
    if compact.isdigit():
        if len(compact) != 13:
            raise BadValue(
                f"เลขประจำตัวประชาชน '{text}' มี {len(compact)} หลัก ต้องมี 13 หลัก"
                " (ถ้าเป็นตัวเลขในเซลล์ ให้จัดรูปแบบเซลล์เป็นข้อความเพื่อไม่ให้เลข 0 หน้าหาย)",
                f"ID number '{text}' has {len(compact)} digits; a Thai ID has 13"
                " (format the cell as text so leading zeros are kept)",
            )
        if not is_valid_thai_id(compact):
            raise BadValue(
                f"เลขประจำตัวประชาชน '{text}' หลักตรวจสอบ (หลักสุดท้าย) ไม่ถูกต้อง ตรวจดูว่าพิมพ์ผิดหรือไม่",
                f"ID number '{text}' fails the check digit (last digit); look for a typing mistake",
            )
        return compact, "thai_id"
    if re.fullmatch(r"[A-Z0-9]{5,20}", compact) and re.search(r"[A-Z]", compact):
        return compact, "other"
    raise BadValue(
        f"'{text}' ไม่ใช่เลขประจำตัวประชาชน 13 หลัก หรือเลขหนังสือเดินทาง",
        f"'{text}' is neither a 13-digit Thai ID nor a passport-style ID (letters and digits)",
    )

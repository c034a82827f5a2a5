"""Pure functions that turn the values teachers type into clean Python values.

Each parser takes one raw cell (str, int, float, date, datetime or None) and returns the
clean value, None for a blank cell, or raises `BadValue` whose two messages (Thai, English)
say what is wrong and how to fix it. None of them touches a file or a database.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\u00ad"), None)
SPACES = re.compile(r"[\s\u00a0\u2007\u202f]+")
# Sara am typed as nikhahit + sara aa, with a tone mark typed before or between them (นํ้า → น้ำ).
_SARA_AM = re.compile("\u0e4d([\u0e48-\u0e4b]?)\u0e32")


class BadValue(ValueError):
    """A cell whose value cannot be read; carries a Thai and an English message."""

    def __init__(self, th: str, en: str) -> None:
        super().__init__(en)
        self.th = th
        self.en = en


def is_missing(value: object) -> bool:
    """None, or a data frame's empty cell (NaN, NaT, pandas.NA): a value unequal to itself."""
    if value is None:
        return True
    if isinstance(value, str):
        return False
    try:
        return bool(value != value)
    except (TypeError, ValueError, ArithmeticError):
        return True  # pandas.NA is neither equal nor unequal to itself


def clean_text(value: object) -> str:
    """Text without invisible characters, with single spaces, trimmed.

    Also repairs the common typing of sara am as nikhahit + sara aa (ํา → ำ).
    """
    if is_missing(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = _SARA_AM.sub("\\1\u0e33", str(value).translate(INVISIBLE))
    return SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()


def is_blank(value: object) -> bool:
    return clean_text(value) in ("", "-", "–", "—")


def arabic_digits(text: str) -> str:
    return text.translate(THAI_DIGITS)


# ---------------------------------------------------------------- numbers

# Units a number may carry after it, compared in lower case without spaces.
NUMBER_UNITS = frozenset({
    "", "บาท", "บาทถ้วน", "บ.", "บ", "฿", "baht", "thb",
    "คน", "ราย", "ปี", "ชั่วโมง", "ชม.", "ชม", "hour", "hours", "hr", "hrs", "ครั้ง", "คะแนน", "%",
    "ชิ้น", "หน่วย", "อัน", "ตัว", "ใบ", "ชุด", "คู่", "ผืน", "ถุง", "ห่อ", "กล่อง", "ขวด", "กระปุก", "แพ็ค",
    "กก.", "กก", "กิโลกรัม", "กิโล", "kg",
})
_PER_MONTH = re.compile(r"(/|ต่อ)เดือน$")  # incomes are monthly; "/ปี" is not accepted
_NUMBER_TEXT = re.compile(r"([+-]?)\s*฿?\s*(\d[\d,]*(?:\.\d*)?|\.\d+)\s*(\D*)")
_GROUPED = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d*)?")


def _not_a_number(value: object) -> BadValue:
    shown = clean_text(value)
    return BadValue(
        f"'{shown}' ไม่ใช่ตัวเลข ให้พิมพ์เป็นตัวเลข เช่น 1500 หรือ 1,500",
        f"'{shown}' is not a number; type a number such as 1500 or 1,500",
    )


def _unit_known(unit: str) -> bool:
    # "1,500.-" and "1,500-" are how prices are written: the dash means no satang.
    key = unit.replace(" ", "").lower().lstrip(".-")
    return _PER_MONTH.sub("", key) in NUMBER_UNITS


def _decimal_from_text(text: str, raw: object) -> Decimal:
    """'1,500 บาท', '-250', '1,500.-' as a Decimal; commas only between groups of three digits."""
    match = _NUMBER_TEXT.fullmatch(text)
    if not match or not _unit_known(match.group(3)):
        raise _not_a_number(raw)
    sign, digits = match.group(1), match.group(2)
    if "," in digits and not _GROUPED.fullmatch(digits):
        raise BadValue(
            f"'{clean_text(raw)}' ใส่เครื่องหมายจุลภาคผิดที่ ให้คั่นทุก 3 หลัก เช่น 1,500 หรือไม่ต้องคั่นเลย",
            f"'{clean_text(raw)}' has a comma in the wrong place; put one every three digits"
            " (1,500) or none at all",
        )
    return Decimal(sign + digits.replace(",", ""))


def parse_decimal(value: object) -> Decimal | None:
    """A number as an exact Decimal: Thai digits, "1,500 บาท", " ๒,๒๐๐ ", 4500.0."""
    if isinstance(value, bool):
        raise _not_a_number(value)
    if is_blank(value):
        return None
    if isinstance(value, float):
        # repr() gives the shortest decimal that round-trips: 0.1 -> "0.1", not 0.1000000000000000055…
        number = Decimal(repr(float(value)))
    elif isinstance(value, (int, Decimal)):
        number = Decimal(value)
    else:
        number = _decimal_from_text(arabic_digits(clean_text(value)), value)
    if not number.is_finite():
        raise _not_a_number(value)
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


# ---------------------------------------------------------------- words

def word_key(value: object) -> str:
    """A comparison key for words: no spaces, punctuation or case."""
    text = arabic_digits(clean_text(value)).lower()
    return re.sub(r"[\s.\-_/,:;()\[\]'\"]+", "", text)


YES_WORDS = {"ใช่", "yes", "y", "true", "1", "✓", "✔", "/", "มี", "เป็น", "นำไปใช้", "ได้นำไปใช้", "ได้", "ใช้"}
NO_WORDS = {"ไม่ใช่", "no", "n", "false", "0", "✗", "✘", "x", "ไม่", "ไม่มี", "ไม่เป็น",
            "ไม่ได้นำไปใช้", "ไม่นำไปใช้", "ไม่ได้ใช้", "ไม่ได้"}


def _yes_no_key(value: object) -> str:
    # "/" is a tick; word_key() would strip it to "", which must not match "." or "()".
    return word_key(value) or clean_text(value)


_YES = {_yes_no_key(word) for word in YES_WORDS}
_NO = {_yes_no_key(word) for word in NO_WORDS}


def parse_yes_no(value: object) -> bool | None:
    if isinstance(value, bool):
        return value
    if is_blank(value):
        return None
    key = _yes_no_key(value)
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
    digits = arabic_digits(str(digits))
    return bool(re.fullmatch(r"[0-9]{13}", digits)) and thai_id_check_digit(digits[:12]) == int(digits[12])


def _id_digits(text: str) -> str:
    """The digits of an ID written 1-2345-67890-12-1, with spaces, or read back as '….0'."""
    whole = re.fullmatch(r"(\d+)\.0+", text)
    return re.sub(r"[\s\-.]", "", whole.group(1) if whole else text)


def _bad_thai_id(text: str, digits: str) -> BadValue:
    if len(digits) != 13:
        return BadValue(
            f"เลขประจำตัวประชาชน '{text}' มี {len(digits)} หลัก ต้องมี 13 หลัก"
            " (ถ้าเป็นตัวเลขในเซลล์ ให้จัดรูปแบบเซลล์เป็นข้อความเพื่อไม่ให้เลข 0 หน้าหาย)",
            f"ID number '{text}' has {len(digits)} digits; a Thai ID has 13"
            " (format the cell as text so leading zeros are kept)",
        )
    return BadValue(
        f"เลขประจำตัวประชาชน '{text}' หลักตรวจสอบ (หลักสุดท้าย) ไม่ถูกต้อง ตรวจดูว่าพิมพ์ผิดหรือไม่",
        f"ID number '{text}' fails the check digit (last digit); look for a typing mistake",
    )


def _bad_id(text: str) -> BadValue:
    if re.fullmatch(r"\d(\.\d+)?E\+?\d+", text):
        return BadValue(
            f"เลขประจำตัวประชาชน '{text}' ถูกแสดงเป็นเลขยกกำลัง ตัวเลขบางหลักหายไปแล้ว"
            " ให้จัดรูปแบบคอลัมน์เป็นข้อความแล้วพิมพ์เลขใหม่",
            f"ID number '{text}' was saved in scientific notation and has lost digits;"
            " format the column as text and type the IDs again",
        )
    return BadValue(
        f"'{text}' ไม่ใช่เลขประจำตัวประชาชน 13 หลัก หรือเลขหนังสือเดินทาง",
        f"'{text}' is neither a 13-digit Thai ID nor a passport-style ID (letters and digits)",
    )


def parse_learner_id(value: object) -> tuple[str, str] | None:
    """(id, kind) where kind is 'thai_id' (13 digits, valid check digit) or 'other'.

    Accepts 1-2345-67890-12-1, spaces, Thai digits and numbers read back as 1234567890121.0.
    Letters and digits make another kind of ID (a passport number), kept in upper case.
    """
    if isinstance(value, bool):
        raise _bad_id(str(value))
    text = arabic_digits(clean_text(value)).upper()
    if is_blank(text):
        return None
    digits = _id_digits(text)
    if digits.isascii() and digits.isdigit():
        if not is_valid_thai_id(digits):
            raise _bad_thai_id(text, digits)
        return digits, "thai_id"
    if re.fullmatch(r"(?=.*[A-Z])(?=.*\d)[A-Z0-9]{5,20}", digits):
        return digits, "other"
    raise _bad_id(text)

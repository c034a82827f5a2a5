"""Dates and months as teachers type them, in the Buddhist or the Common Era, and back.

Like normalise.py, pure functions: a raw cell in, a `datetime.date` (CE) or None out, or a
`BadValue` whose Thai and English messages say how to fix it. Years of 2400 and more are BE
(CE = BE − 543), two-digit years are BE (67 → 2567), numeric dates are always day first.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from .normalise import SPACES, BadValue, arabic_digits, clean_text, is_blank

BE_OFFSET = 543
EXCEL_EPOCH = dt.date(1899, 12, 30)

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
    return re.sub(r"[\s.,]", "", word).lower()


MONTH_WORDS: dict[str, int] = {"sept": 9}
for _number, (_full, _short) in THAI_MONTHS.items():
    MONTH_WORDS[_month_key(_full)] = _number
    MONTH_WORDS[_month_key(_short)] = _number
for _number, _abbr in enumerate(ENGLISH_MONTHS, start=1):
    MONTH_WORDS[_abbr] = _number
for _number in range(1, 13):
    MONTH_WORDS[dt.date(2000, _number, 1).strftime("%B").lower()] = _number

# Words around a date that say nothing about it: วันที่, เดือน, the era (พ.ศ., ค.ศ., B.E., CE).
# The Latin eras stand alone, so that the "be" of "October" and the "ce" of "December" stay.
_DATE_WORDS = re.compile(
    r"วันที่|เดือน|พ\.\s*ศ\.?|ค\.\s*ศ\.?|(?<![a-z])[bc]\.?\s*e\.?(?![a-z])", re.IGNORECASE
)
_AROUND_SEPARATORS = re.compile(r"\s*([/.\-])\s*")
_TIME = re.compile(r"[ t]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?$", re.IGNORECASE)
# (pattern, what its groups are): day first, unless a four-digit year comes first.
_NUMERIC_DATES = (
    (re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4}|\d{2})"), "dmy"),
    (re.compile(r"(\d{4})[/.\-](\d{1,2})[/.\-](\d{1,2})"), "ymd"),
    (re.compile(r"(\d{2})(\d{2})(\d{4})"), "dmy"),  # 15032567
    (re.compile(r"(\d{4})(\d{2})(\d{2})"), "ymd"),  # 20240315
)
_NUMERIC_MONTHS = (
    (re.compile(r"(\d{1,2})[/.\-](\d{4}|\d{2})"), "my"),
    (re.compile(r"(\d{4})[/.\-](\d{1,2})"), "ym"),
)
_WORD_DATE = re.compile(r"(\d{1,2})\s*(\D+?)\s*(\d{4}|\d{2})")
_WORD_MONTH = re.compile(r"(\D+?)\s*(\d{4}|\d{2})")
_SERIAL_TEXT = re.compile(r"\d{5,6}(?:\.\d+)?")
# Excel serials from 18 May 1927 to the last date Python knows; smaller numbers in a date
# cell are years (2567), ages or counts, not dates of 1900–1927.
SERIAL_MIN, SERIAL_MAX = 10_000, (dt.date.max - EXCEL_EPOCH).days

MIN_YEAR_CE, MAX_YEAR_CE = 1900, 2100


def ce_year(year: int) -> int:
    """A year as typed, in the Common Era: BE when ≥ 2400, two digits are BE (67 → 2567)."""
    if year < 100:
        year += 2500
    if year >= 2400:
        year -= BE_OFFSET
    return year


def _shown(value: object) -> str:
    """A cell as the teacher sees it; a date cell as day/month/year."""
    if isinstance(value, dt.date):
        return f"{value.day:02d}/{value.month:02d}/{value.year}"
    return clean_text(value)


def _bad_date(value: object) -> BadValue:
    shown = _shown(value)
    return BadValue(
        f"อ่านวันที่ '{shown}' ไม่ได้ ให้ใช้รูปแบบ วัน/เดือน/ปี พ.ศ. เช่น 15/03/2567 หรือ 15 มี.ค. 2567",
        f"cannot read the date '{shown}'; write it day/month/BE year, e.g. 15/03/2567 or 15 มี.ค. 2567",
    )


class ImpossibleDay(BadValue):
    """A day the month does not have (31/02/2567): said so, not "cannot read the date"."""


def _impossible_day(year: int, month: int, day: int, raw: object) -> ImpossibleDay:
    days = calendar.monthrange(year, month)[1]
    th, en = THAI_MONTHS[month][0], calendar.month_name[month]
    shown = _shown(raw)
    return ImpossibleDay(
        f"ไม่มีวันที่ '{shown}': {th} {year + 543} มี {days} วัน ให้ตรวจวันที่อีกครั้ง",
        f"there is no '{shown}': {en} {year + 543} (BE) has {days} days; check the date",
    )


def _make_date(year: int, month: int, day: int, raw: object) -> dt.date:
    year = ce_year(year)
    if not MIN_YEAR_CE <= year <= MAX_YEAR_CE:
        raise _bad_date(raw)
    try:
        return dt.date(year, month, day)
    except ValueError:
        if 1 <= month <= 12 and 28 < day <= 31:
            raise _impossible_day(year, month, day, raw) from None
        raise _bad_date(raw) from None


def _from_excel_serial(serial: float, raw: object) -> dt.date:
    if not SERIAL_MIN <= serial < SERIAL_MAX:  # also false for NaN
        raise _bad_date(raw)
    day = EXCEL_EPOCH + dt.timedelta(days=int(serial))
    return _make_date(day.year, day.month, day.day, raw)  # a BE year typed into a date cell too


def _date_text(value: object) -> str:
    """A cell's text with arabic digits, no era or filler words, no spaces around / . -"""
    text = _DATE_WORDS.sub(" ", arabic_digits(clean_text(value)))
    text = _AROUND_SEPARATORS.sub(r"\1", text)
    return SPACES.sub(" ", text).strip(" ,")


def _numeric_date(text: str, raw: object) -> dt.date | None:
    impossible: ImpossibleDay | None = None
    for pattern, order in _NUMERIC_DATES:
        match = pattern.fullmatch(text)
        if match:
            part = dict(zip(order, map(int, match.groups())))
            try:
                return _make_date(part["y"], part["m"], part["d"], raw)
            except ImpossibleDay as error:
                impossible = impossible or error  # told, unless another form reads the text
            except BadValue:
                continue  # 20240315 is not a day-first date; try the next form
    if impossible is not None:
        raise impossible
    return None


def _from_text_date(text: str, raw: object) -> dt.date:
    found = _numeric_date(_TIME.sub("", text), raw)
    if found:
        return found
    match = _WORD_DATE.fullmatch(text)
    if match and _month_key(match.group(2)) in MONTH_WORDS:
        day, word, year = match.groups()
        return _make_date(int(year), MONTH_WORDS[_month_key(word)], int(day), raw)
    raise _bad_date(raw)


def parse_date(value: object) -> dt.date | None:
    """A date in the Common Era from every form in the brief (BE or CE, text or cell)."""
    if is_blank(value):
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return _make_date(value.year, value.month, value.day, value)
    if isinstance(value, bool):
        raise _bad_date(value)
    if isinstance(value, (int, float)):
        return _from_excel_serial(value, value)
    text = _date_text(value)
    if _SERIAL_TEXT.fullmatch(text):
        return _from_excel_serial(float(text), value)
    return _from_text_date(text, value)


def _bad_month(value: object) -> BadValue:
    shown = _shown(value)
    return BadValue(
        f"อ่านเดือน '{shown}' ไม่ได้ ให้เขียนเช่น มี.ค. 2567, มีนาคม 67, 2567-03 หรือ 03/2567",
        f"cannot read the month '{shown}'; write it e.g. มี.ค. 2567, มีนาคม 67, 2567-03 or 03/2567",
    )


def _year_month(text: str) -> tuple[int, int] | None:
    """(year as typed, month) from '03/2567', '2567-03', 'มี.ค. 2567', 'March 2024'."""
    for pattern, order in _NUMERIC_MONTHS:
        match = pattern.fullmatch(text)
        if match:
            part = dict(zip(order, map(int, match.groups())))
            return part["y"], part["m"]
    match = _WORD_MONTH.fullmatch(text)
    if match and _month_key(match.group(1)) in MONTH_WORDS:
        return int(match.group(2)), MONTH_WORDS[_month_key(match.group(1))]
    return None


def parse_month(value: object) -> dt.date | None:
    """A month as the first day of that month, in the Common Era."""
    if is_blank(value):
        return None
    found = _year_month(_date_text(value)) if isinstance(value, str) else None
    try:
        day = _make_date(found[0], found[1], 1, value) if found else parse_date(value)
    except BadValue:
        raise _bad_month(value) from None
    return day.replace(day=1) if day else None


def fiscal_year(day: dt.date) -> int:
    """The Thai fiscal year (BE) a date falls in: 1 Oct 2023 – 30 Sep 2024 is 2567."""
    return day.year + BE_OFFSET + (1 if day.month >= 10 else 0)


def fiscal_year_sql(column: str) -> str:
    """The SQL of `fiscal_year()` over a DATE column (a name from the schema, never user input)."""
    return f"(year({column}) + {BE_OFFSET} + CASE WHEN month({column}) >= 10 THEN 1 ELSE 0 END)"


def fiscal_year_bounds(year_be: int) -> tuple[dt.date, dt.date]:
    """The first and last day of a fiscal year: 2567 → (1 Oct 2023, 30 Sep 2024)."""
    end_year = year_be - BE_OFFSET
    return dt.date(end_year - 1, 10, 1), dt.date(end_year, 9, 30)


DATE_STYLES = ("short", "long", "numeric")


def format_date_be(day: dt.date | None, style: str = "short") -> str:
    """'15 มี.ค. 2567' (short), '15 มีนาคม 2567' (long) or '15/03/2567' (numeric)."""
    if style not in DATE_STYLES:
        raise ValueError(f"unknown date style {style!r}; use one of {', '.join(DATE_STYLES)}")
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

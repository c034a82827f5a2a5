"""Parsers for each column type of kinds.py, built on the pure functions of normalise.py.

`parse_cell(column, raw)` returns the value as it will be stored, or raises BadValue.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from functools import cache

from ..core.dates import parse_date, parse_month
from ..core.kinds import Choice, Column
from ..core.normalise import (
    BadValue,
    arabic_digits,
    clean_text,
    is_blank,
    parse_decimal,
    parse_int,
    parse_learner_id,
    parse_yes_no,
    thai_id_check_digit,
    word_key,
)

CENT = Decimal("0.01")
HUGE = Decimal(10) ** 20  # quantize() to cents fails beyond 26 digits
RESULT_WORDS = {
    "pass": ("ผ่าน", "pass", "passed", "p", "ผ"),
    "fail": ("ไม่ผ่าน", "fail", "failed", "f", "มผ", "ไม่ผ", "ตก"),
    None: ("รอผล", "รอประเมิน", "ยังไม่ประเมิน", "pending"),
}
SEX_WORDS = {
    "male": ("ชาย", "ช", "ผู้ชาย", "male", "m", "นาย"),
    "female": ("หญิง", "ญ", "ผู้หญิง", "female", "f", "นาง", "นางสาว"),
}
MULTI_SEPARATORS = re.compile(r"\s*(?:,|،|、|;|/|\n|\+|และ)\s*")


class NotAllowed(BadValue):
    rule = "choice"


class TooLong(BadValue):
    rule = "too_long"


def _word_table(words: dict[str | None, tuple[str, ...]]) -> dict[str, str | None]:
    return {word_key(word): value for value, group in words.items() for word in group}


RESULTS = _word_table(RESULT_WORDS)
SEXES = _word_table(SEX_WORDS)


@cache
def choice_table(choices: tuple[Choice, ...]) -> dict[str, str]:
    table: dict[str, str] = {}
    for choice in choices:
        for word in (choice.value, choice.en, *choice.aliases):
            table.setdefault(word_key(word), choice.value)
    return table


_THAI = re.compile("[\u0e00-\u0e7f]")


def _thai_word(choice: Choice) -> str:
    """How a Thai teacher writes the choice: its value, or its first Thai alias (present → มา)."""
    return next((word for word in (choice.value, *choice.aliases) if _THAI.search(word)), choice.value)


def _allowed(column: Column) -> tuple[str, str]:
    values = [_thai_word(choice) for choice in column.choices]
    return ", ".join(values), ", ".join(f"{_thai_word(c)} ({c.en})" for c in column.choices)


def _not_allowed(column: Column, raw: object) -> BadValue:
    th, en = _allowed(column)
    return NotAllowed(
        f"'{clean_text(raw)}' ไม่ใช่ค่าที่ใช้ได้ในคอลัมน์ {column.th} ให้ใช้หนึ่งใน: {th}",
        f"'{clean_text(raw)}' is not allowed in {column.en}; use one of: {en}",
    )


def parse_choice(column: Column, raw: object) -> str | None:
    if is_blank(raw):
        return None
    value = choice_table(column.choices).get(word_key(raw))
    if value is not None:
        return value
    if not column.strict:
        return clean_text(raw)
    raise _not_allowed(column, raw)


def parse_choices(column: Column, raw: object) -> str | None:
    """Several values in one cell ("อาชีพเสริม, ลดรายจ่าย"), stored in declared order, ", "-joined."""
    if is_blank(raw):
        return None
    table = choice_table(column.choices)
    found: set[str] = set()
    for piece in filter(None, MULTI_SEPARATORS.split(clean_text(raw))):
        value = table.get(word_key(piece))
        parts = [table.get(word_key(part)) for part in piece.split(" ")] if value is None else [value]
        if None in parts:
            raise _not_allowed(column, piece)
        found.update(parts)
    return ", ".join(c.value for c in column.choices if c.value in found) or None


def _from_words(table: dict[str, str | None], raw: object, th: str, en: str) -> str | None:
    if is_blank(raw):
        return None
    key = word_key(raw)
    if key in table:
        return table[key]
    raise BadValue(f"'{clean_text(raw)}' {th}", f"'{clean_text(raw)}' {en}")


def parse_result(raw: object) -> str | None:
    return _from_words(
        RESULTS, raw,
        "ไม่ใช่ผลการประเมิน ให้ใช้ ผ่าน หรือ ไม่ผ่าน (เว้นว่างถ้ายังไม่ประเมิน)",
        "is not a result; use ผ่าน (pass) or ไม่ผ่าน (fail), or leave it blank while pending",
    )


def parse_sex(raw: object) -> str | None:
    return _from_words(SEXES, raw, "ให้ใช้ ชาย หรือ หญิง", "must be ชาย (male) or หญิง (female)")


def parse_code(raw: object) -> str | None:
    if is_blank(raw):
        return None
    return arabic_digits(clean_text(raw)).upper()


def _two_places(number: Decimal | None, raw: object) -> Decimal | None:
    """Money and hours keep two decimals; float noise (105.00000000000001) is not a third one."""
    if number is None or abs(number) >= HUGE:
        return number  # far beyond any column; the validator says it is too large to store
    rounded = number.quantize(CENT, rounding=ROUND_HALF_UP)
    if abs(number - rounded) > Decimal("0.000001"):
        raise BadValue(
            f"'{clean_text(raw)}' มีทศนิยมเกิน 2 ตำแหน่ง", f"'{clean_text(raw)}' has more than 2 decimal places"
        )
    return rounded


def parse_text(column: Column, raw: object) -> str | None:
    text = clean_text(raw)
    if not text:
        return None
    if len(text) > column.max_length:
        raise TooLong(
            f"ข้อความยาว {len(text):,} ตัวอักษร เกิน {column.max_length:,} ตัวอักษร ตรวจดูว่าวางข้อมูลผิดช่องหรือไม่",
            f"the text is {len(text):,} characters, over the limit of {column.max_length:,};"
            " check that nothing was pasted into the wrong cell",
        )
    return text


def _learner_id(raw: object) -> tuple[str, str] | None:
    """parse_learner_id, with a short cut for the usual cell: 13 plain digits, check digit right."""
    if isinstance(raw, str) and len(raw) == 13 and raw.isascii() and raw.isdigit() \
            and thai_id_check_digit(raw[:12]) == int(raw[12]):
        return raw, "thai_id"
    return parse_learner_id(raw)


PARSERS = {
    "text": parse_text,
    "centre": parse_text,
    "code": lambda column, raw: parse_code(raw),
    "learner_id": lambda column, raw: _learner_id(raw),
    "choice": parse_choice,
    "choices": parse_choices,
    "result": lambda column, raw: parse_result(raw),
    "sex": lambda column, raw: parse_sex(raw),
    "int": lambda column, raw: parse_int(raw),
    "decimal": lambda column, raw: _two_places(parse_decimal(raw), raw),
    "money": lambda column, raw: _two_places(parse_decimal(raw), raw),
    "date": lambda column, raw: parse_date(raw),
    "month": lambda column, raw: parse_month(raw),
    "yes_no": lambda column, raw: parse_yes_no(raw),
}


def parse_cell(column: Column, raw: object) -> object:
    value = PARSERS[column.type](column, raw)
    if value is not None and column.max_length and isinstance(value, str) and len(value) > column.max_length:
        return parse_text(column, value)  # raises the too-long message
    return value


INT32_MAX = 2**31 - 1


def fits_storage(column: Column, value: object) -> bool:
    """Whether a parsed number fits its column's SQL type (DECIMAL(14,2) holds under 10^12)."""
    if value is None or isinstance(value, bool) or not isinstance(value, (int, Decimal)):
        return True
    sql = column.sql_type
    if sql.startswith("DECIMAL"):
        precision, scale = map(int, sql[8:-1].split(","))
        return abs(value) < Decimal(10) ** (precision - scale)
    return sql != "INTEGER" or abs(value) <= INT32_MAX


def too_large_number(column: Column) -> BadValue:
    error = BadValue(
        f"ตัวเลขในคอลัมน์ '{column.th}' ใหญ่เกินกว่าที่เก็บได้ ตรวจดูว่าพิมพ์ตัวเลขเกินหรือวางข้อมูลผิดช่อง",
        f"the number in {column.en} is too large to store; check for extra digits or a value pasted"
        " into the wrong cell",
    )
    error.rule = "range"  # type: ignore[attr-defined]
    return error

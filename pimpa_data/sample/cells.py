"""The many ways teachers type one value into a cell, each readable by DESIGN.md section 4.

`Habits` are drawn once per file: one teacher writes ID numbers with dashes and dates as
'15 มี.ค. 67', another types real Excel dates. Within a file they still mix a little, as the
example workbook in shared/examples does.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..core.dates import BE_OFFSET, THAI_MONTHS, format_date_be

TO_THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
ZERO_WIDTH_SPACE = "\u200b"

DATE_HABITS = (
    ("excel",), ("numeric",), ("short2",), ("long",), ("excel", "numeric"), ("excel", "long", "be_typed"),
    ("short", "numeric"), ("iso", "excel"), ("thai_numeric", "numeric"), ("numeric", "short2", "long"),
)
ID_HABITS = (("text",), ("dashed",), ("number",), ("text", "dashed"), ("text", "number", "spaced"),
             ("dashed", "padded"))
MONEY_HABITS = (("number",), ("comma",), ("baht",), ("number", "thai"), ("number", "comma", "baht"))
MONTH_HABITS = (("short",), ("long2",), ("iso",), ("slash",), ("excel",), ("short", "long2", "iso", "slash"))
EXCEL_ONLY = {"excel", "be_typed", "number"}


@dataclass(frozen=True)
class Habits:
    rng: np.random.Generator
    dates: tuple[str, ...]
    ids: tuple[str, ...]
    money: tuple[str, ...]
    months: tuple[str, ...]
    split_names: bool  # คำนำหน้า / ชื่อ / สกุล, or one ชื่อ-สกุล column
    birth_and_age: str  # "birth", "age" or "both"
    applied_words: tuple[str, str]
    present_marks: tuple[str, ...]
    blank_absent: float  # share of absences left blank rather than written ขาด
    aliases: bool  # headers sometimes use another accepted name
    centre_as: str  # "number", "text" or "name"
    office: str  # what the centre calls itself in titles
    text_only: bool  # CSV: no Excel dates, only characters cp874 has


def draw_habits(rng: np.random.Generator, text_only: bool = False) -> Habits:
    def pick(options: tuple[tuple[str, ...], ...]) -> tuple[str, ...]:
        usable = [o for o in options if not (text_only and set(o) & EXCEL_ONLY)]
        return usable[rng.integers(len(usable))]

    return Habits(
        rng=rng, dates=pick(DATE_HABITS), ids=pick(ID_HABITS), money=pick(MONEY_HABITS),
        months=pick(MONTH_HABITS), split_names=bool(rng.random() < 0.6),
        birth_and_age=("birth", "age", "both")[rng.choice(3, p=[0.5, 0.25, 0.25])],
        applied_words=(("ใช่", "ไม่ใช่"), ("นำไปใช้", "ไม่ได้นำไปใช้"))[rng.integers(2)],
        present_marks=("มา",) if text_only else (("✓",), ("มา",), ("✓", "มา"))[rng.integers(3)],
        blank_absent=float(rng.choice([0.0, 0.5, 1.0])), aliases=bool(rng.random() < 0.4),
        centre_as=("number", "text", "name")[rng.integers(3)],
        office=("กศน.ตำบล", "ศกร.ตำบล")[int(rng.random() < 0.3)], text_only=text_only,
    )


def habit(habits: Habits, styles: tuple[str, ...]) -> str:
    """Mostly the file's first habit, now and then another of its habits."""
    if len(styles) == 1 or habits.rng.random() < 0.7:
        return styles[0]
    return styles[habits.rng.integers(len(styles))]


def blank(value: object) -> bool:
    if isinstance(value, float):
        return math.isnan(value)
    return value is None or value is pd.NA or value is pd.NaT


def as_date(value: object) -> dt.date | None:
    if blank(value):
        return None
    return value.date() if isinstance(value, (pd.Timestamp, dt.datetime)) else value


def date_cell(habits: Habits, value: object, style: str | None = None) -> object:
    day = as_date(value)
    if day is None:
        return None
    style = style or habit(habits, habits.dates)
    be_year = day.year + BE_OFFSET
    if style == "excel":
        return day
    if style == "be_typed":  # a BE year typed into a Gregorian date cell
        return dt.date(be_year, day.month, day.day)
    if style == "short2":
        return f"{day.day} {THAI_MONTHS[day.month][1]} {be_year % 100:02d}"
    if style == "iso":
        return day.isoformat()
    if style == "thai_numeric":
        return format_date_be(day, "numeric").translate(TO_THAI_DIGITS)
    return format_date_be(day, style)


def month_cell(habits: Habits, value: object) -> object:
    month = as_date(value)
    style = habit(habits, habits.months)
    be_year = month.year + BE_OFFSET
    full, short = THAI_MONTHS[month.month]
    return {
        "excel": month,
        "short": f"{short} {be_year}",
        "long2": f"{full} {be_year % 100:02d}",
        "iso": f"{be_year}-{month.month:02d}",
        "slash": f"{month.month:02d}/{be_year}",
    }[style]


def id_cell(habits: Habits, value: str) -> object:
    style = habit(habits, habits.ids)
    if style == "number":
        return int(value) if not habits.text_only else value
    if style == "dashed":
        return f"{value[0]}-{value[1:5]}-{value[5:10]}-{value[10:12]}-{value[12]}"
    if style == "spaced":
        return f"{value[0]} {value[1:5]} {value[5:10]} {value[10:12]} {value[12]}"
    if style == "padded":
        return f" {value} "
    return value


def money_cell(habits: Habits, value: object) -> object:
    if blank(value):
        return None
    amount = round(float(value))
    style = habit(habits, habits.money)
    if style == "comma":
        return f"{amount:,}"
    if style == "baht":
        return f"{amount:,} บาท"
    if style == "thai":
        return f"{amount:,}".translate(TO_THAI_DIGITS)
    return amount


def count_cell(habits: Habits, value: object) -> object:
    """Hours, ages, scores: a number, or in Thai digits where the teacher types them."""
    if blank(value):
        return None
    number = float(value)
    number = int(number) if number.is_integer() else number
    if "thai" in habits.money and habits.rng.random() < 0.3:
        return str(number).translate(TO_THAI_DIGITS)
    return number


def name_cell(habits: Habits, name: str) -> str:
    """Now and then a zero-width space sneaks in from a copied name."""
    if not habits.text_only and habits.rng.random() < 0.02:
        return name + ZERO_WIDTH_SPACE
    return name


def text_cell(value: object) -> object:
    return None if blank(value) else str(value)

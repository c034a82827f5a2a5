"""Numbers, money and dates as Thai users read them: 1,234 · ฿1,234.50 · 15 มี.ค. 2567."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pandas as pd

from ..core.dates import BE_OFFSET, THAI_MONTHS, format_date_be

ENGLISH_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and value != value) or value is pd.NA or value is pd.NaT


def number(value: object, places: int = 0) -> str:
    if _missing(value):
        return "–"
    return f"{float(value):,.{places}f}" if places else f"{round(float(value)):,}"


def baht(value: object, places: int = 0) -> str:
    return "–" if _missing(value) else f"{number(value, places)} ฿"


def baht_short(value: object, lang: str = "th") -> str:
    """A headline amount that fits a narrow card: 4.32 ล้าน ฿ from a million up."""
    if _missing(value) or abs(float(value)) < 1_000_000:
        return baht(value)
    return f"{float(value) / 1_000_000:,.2f} {'M' if lang == 'en' else 'ล้าน'} ฿"


def baht_change(before: object, after: object) -> str | None:
    """After less before as a signed amount (+750 ฿), for a card's delta; None when either is missing."""
    if _missing(before) or _missing(after):
        return None
    change = float(after) - float(before)
    return f"{'+' if change > 0 else '−' if change < 0 else ''}{number(abs(change))} ฿"


def pct(value: object, places: int = 1) -> str:
    return "–" if _missing(value) else f"{float(value):,.{places}f} %"


def date_be(value: object, lang: str = "th") -> str:
    """15 มี.ค. 2567 in Thai; 15 Mar 2567 BE in English (dates always show in the Buddhist Era)."""
    if _missing(value):
        return ""
    day = pd.Timestamp(value).date() if not isinstance(value, dt.date) else value
    if lang == "th":
        return format_date_be(day)
    return f"{day.day} {ENGLISH_MONTHS[day.month - 1]} {day.year + BE_OFFSET}"


def month_be(value: object, lang: str = "th") -> str:
    if _missing(value):
        return ""
    day = pd.Timestamp(value).date()
    name = THAI_MONTHS[day.month][1] if lang == "th" else ENGLISH_MONTHS[day.month - 1]
    return f"{name} {str(day.year + BE_OFFSET)[-2:]}"


def fiscal_year_label(year_be: int, lang: str = "th") -> str:
    return f"ปีงบประมาณ {year_be}" if lang == "th" else f"FY {year_be} (BE)"


def as_float(value: object) -> float | None:
    if _missing(value):
        return None
    return float(value) if isinstance(value, (int, float, Decimal)) else float(str(value))


def display_frame(frame: pd.DataFrame, lang: str = "th") -> pd.DataFrame:
    """A copy fit to show: dates in the Buddhist Era, Decimals as floats (Arrow shows those)."""
    shown = frame.copy()
    for name in shown.columns:
        series = shown[name]
        sample = series.dropna().head(1).tolist()
        if not sample:  # nothing but gaps (no follow-up yet): blank, not "None"
            shown[name] = series.map(lambda v: "" if _missing(v) else v).astype(object)
            continue
        if isinstance(sample[0], (dt.date, pd.Timestamp)) or pd.api.types.is_datetime64_any_dtype(series):
            shown[name] = series.map(lambda v: date_be(v, lang))
        elif isinstance(sample[0], Decimal):
            shown[name] = series.map(as_float)
        elif isinstance(sample[0], str):
            shown[name] = series.map(lambda v: "" if _missing(v) else v)  # blank, not "None"
    return shown


LEVEL_COLOURS = {"Excellent": "green", "Very good": "green", "Good": "blue", "Fair": "orange",
                 "Needs improvement": "red"}


def level_colour(level_en: object) -> str:
    """The colour of a quality level (bands renamed by an admin show grey)."""
    return LEVEL_COLOURS.get(str(level_en), "gray")

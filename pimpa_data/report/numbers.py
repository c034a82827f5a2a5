"""Numbers, money, percentages and dates as the report prints them, with Thai digits on request.

Percentages are `measures.indicators.rounded_pct` (two places, half up), as the `indicators`
command prints them, so a reader can check the report against it digit for digit.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import pandas as pd

from ..core.dates import format_date_be
from ..measures.indicators import rounded_pct
from .blocks import NO_DATA

THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")


def missing(value: object) -> bool:
    return value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and value != value)


@dataclass(frozen=True)
class Numbers:
    thai_digits: bool = False

    def digits(self, text: str) -> str:
        return text.translate(THAI_DIGITS) if self.thai_digits else text

    def count(self, value: object) -> str:
        return NO_DATA if missing(value) else self.digits(f"{int(value):,}")

    def pct(self, numerator: int, denominator: int) -> str:
        value = rounded_pct(int(numerator), int(denominator))
        return NO_DATA if value is None else self.digits(str(value))

    def target(self, value: object) -> str:
        return NO_DATA if missing(value) else self.digits(str(value))

    def baht(self, value: object) -> str:
        if missing(value):
            return NO_DATA
        amount = Decimal(str(value))
        places = 0 if amount == amount.to_integral_value() else 2
        return self.digits(f"{amount:,.{places}f}")

    def hours(self, value: object) -> str:
        if missing(value):
            return NO_DATA
        amount = Decimal(str(value))
        return self.digits(f"{amount.normalize():f}" if amount == amount.to_integral_value() else f"{amount:.1f}")

    def date(self, value: object, style: str = "short") -> str:
        if missing(value):
            return NO_DATA
        day = value.date() if isinstance(value, dt.datetime) else value
        day = day if isinstance(day, dt.date) else pd.Timestamp(day).date()
        return self.digits(format_date_be(day, style))

    def year(self, value: int) -> str:
        return self.digits(str(value))

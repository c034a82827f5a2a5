"""A roll-up's table of districts: where each one's data came from and how old it is."""

from __future__ import annotations

import pandas as pd

from .formatting import date_be
from .tables import Columns, shape

SOURCE_COLUMNS: Columns = (
    ("district", "อำเภอ", "District"),
    ("instance", "เซิร์ฟเวอร์ต้นทาง", "Source server"),
    ("sequence", "snapshot ครั้งที่", "Snapshot no."),
    ("taken", "ถ่ายเมื่อ", "Taken"),
    ("age_days", "อายุข้อมูล (วัน)", "Age (days)"),
    ("folder", "โฟลเดอร์", "Folder"),
)


def sources_frame(found: pd.DataFrame, lang: str) -> pd.DataFrame:
    """A roll-up's districts with where their data came from and how old it is."""
    shown = found.assign(
        district=[f"{name or ''} ({code})" for code, name in
                  zip(found["district_code"], found["district_en" if lang == "en" else "district_th"])],
        taken=found["taken_at"].map(lambda when: f"{date_be(when, lang)} {when:%H:%M} UTC"),
        age_days=found["age"].map(lambda age: round(age.total_seconds() / 86400, 1)),
    )
    return shape(shown, SOURCE_COLUMNS, lang)


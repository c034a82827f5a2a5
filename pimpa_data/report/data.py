"""Gather a report's data once, from the same queries as the dashboard's pages.

Nothing is computed here that a page computes differently: the indicators are `sar_table`,
the courses `queries.courses`, learners, ways of applying, income and sales `measures.impact`,
the exemplary graduates `evidence.cell_rows` of 1.3's numerator. Names and photos follow the
actor's role (PDPA): names and evidence photos only when names are shown, activity photos
only for the unit's teachers, directors and admins.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import duckdb
import pandas as pd

from ..core.errors import PimpaError
from ..core.roles import Actor, Refused, require_within
from ..core.signoffs import SignOff, signed_off
from ..core.units import LEVELS, level_of, require, unit_name, units
from ..ingest import narrative, photos
from ..measures import evidence, impact, queries
from ..measures.indicators import sar_table

EvidenceKey = tuple[str, str, str]  # centre_code, course_code, stored learner_id


@dataclass(frozen=True)
class Photo:
    caption: str
    course_name: str
    centre_name: str
    data: bytes | None  # None: the row is there but its file is not (erased or not yet copied)


@dataclass(frozen=True)
class Signed:
    centre_code: str
    centre_name: str
    signoff: SignOff | None
    signer_name: str  # the director's display name, else the username


@dataclass
class ReportData:
    unit_code: str
    unit_name: str
    level: str  # centre, district, province or country
    fiscal_year: int
    district_name: str  # "อำเภอบางปะกง" ('' for a province or the country)
    province_name: str
    narrative: dict[str, str]
    indicators: pd.DataFrame  # sar_table of the unit: one row per indicator
    parts: pd.DataFrame  # sar_table of the units one level down (empty for a centre)
    courses: pd.DataFrame
    learners: pd.DataFrame
    applied: pd.DataFrame
    exemplary: pd.DataFrame
    income: impact.Income
    sales_totals: impact.SalesTotals
    sales_by_product: pd.DataFrame
    sales_by_channel: pd.DataFrame
    sales_by_month: pd.DataFrame
    signoffs: list[Signed]
    show_names: bool
    show_activity_photos: bool
    activity_photos: list[Photo] = field(default_factory=list)
    evidence_photos: dict[EvidenceKey, list[Photo]] = field(default_factory=dict)
    made_on: dt.date = field(default_factory=dt.date.today)


def gather(
    con: duckdb.DuckDBPyConnection, actor: Actor, unit_code: str, fiscal_year: int,
    show_names: bool | None = None, today: dt.date | None = None,
) -> ReportData:
    """Everything a report of the unit and fiscal year prints, read once."""
    level_name = level_of(unit_code).name
    require(con, unit_code)
    require_within(actor, unit_code)
    may_see = actor.sees_names(unit_code)
    if show_names and not may_see:
        raise Refused(f"{actor.label('th')}ดูชื่อผู้เรียนของหน่วย {unit_code} ไม่ได้",
                      f"a {actor.label('en')} may not see the learners' names of unit {unit_code}")
    names = may_see if show_names is None else bool(show_names)
    district, province = _places(con, unit_code)
    data = ReportData(
        unit_code, unit_name(con, unit_code), level_name, fiscal_year, district, province,
        narrative.current(con, unit_code, fiscal_year),
        sar_table(con, fiscal_year, level_name, unit_code), _parts(con, fiscal_year, unit_code),
        queries.courses(con, fiscal_year, unit_code),
        impact.learners_by(con, fiscal_year, unit_code), impact.applied_ways(con, fiscal_year, unit_code),
        evidence.cell_rows(con, fiscal_year, unit_code, "1.3", "numerator", show_names=names,
                           who=actor if names else None),
        impact.income(con, fiscal_year, unit_code), impact.sales_totals(con, fiscal_year, unit_code),
        impact.sales_by(con, fiscal_year, "product", unit_code),
        impact.sales_by(con, fiscal_year, "channel", unit_code),
        impact.sales_by(con, fiscal_year, "month", unit_code),
        _signoffs(con, unit_code, fiscal_year), names, may_see, made_on=today or dt.date.today(),
    )
    if may_see:
        data.activity_photos = [photo for _, photo in _photos(con, unit_code, fiscal_year, "activity")]
    if names:
        for key, photo in _photos(con, unit_code, fiscal_year, "evidence"):
            data.evidence_photos.setdefault(key, []).append(photo)
    return data


def _places(con: duckdb.DuckDBPyConnection, unit_code: str) -> tuple[str, str]:
    length = len(unit_code) if unit_code.isdigit() else 0
    district = unit_name(con, unit_code[:4]) if length >= 4 else ""
    province = unit_name(con, unit_code[:2]) if length >= 2 else ""
    return district, province


def _parts(con: duckdb.DuckDBPyConnection, fiscal_year: int, unit_code: str) -> pd.DataFrame:
    """The indicators of each unit one level down (each centre of a district), in code order."""
    position = [lv.name for lv in LEVELS].index(level_of(unit_code).name)
    if position + 1 >= len(LEVELS):
        return sar_table(con, fiscal_year, "centre", unit_code).iloc[0:0]
    return sar_table(con, fiscal_year, LEVELS[position + 1].name, unit_code)


def _signoffs(con: duckdb.DuckDBPyConnection, unit_code: str, fiscal_year: int) -> list[Signed]:
    """Each centre's sign-off of the year (ผู้ตรวจสอบข้อมูล), for the centres within the unit."""
    if level_of(unit_code).name not in ("centre", "district"):
        return []  # a province's report lists its districts; sign-offs stay on the district's
    centres = units(con, "centre", unit_code)
    found = []
    for centre_code, name in zip(centres["unit_code"], centres["name_th"]):
        signoff = signed_off(con, centre_code, fiscal_year)
        found.append(Signed(centre_code, name, signoff, _display_name(con, signoff.signed_by) if signoff else ""))
    return found


def _display_name(con: duckdb.DuckDBPyConnection, username: str | None) -> str:
    row = con.execute("SELECT display_name FROM users WHERE username = ?", [username]).fetchone()
    return (row[0] if row and row[0] else None) or (username or "")


def _photos(
    con: duckdb.DuckDBPyConnection, unit_code: str, fiscal_year: int, kind: str
) -> list[tuple[EvidenceKey, Photo]]:
    listing = photos.listing(con, unit_code, fiscal_year, kind=kind)
    if listing.empty:
        return []
    centres = units(con, "centre", unit_code)
    names = dict(zip(centres["unit_code"], centres["name_th"]))
    found = []
    for row in listing.itertuples(index=False):
        key = (row.centre_code, row.course_code, row.learner_id or "")
        photo = Photo(row.caption or "", row.course_name or "", names.get(row.centre_code, row.centre_code),
                      _read(con, row.photo_id))
        found.append((key, photo))
    return found


def _read(con: duckdb.DuckDBPyConnection, photo_id: str) -> bytes | None:
    try:
        path = photos.photo_file(con, photo_id)
    except PimpaError:
        return None
    return path.read_bytes() if path.is_file() else None

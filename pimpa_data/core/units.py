"""Organisational units: country 'TH' → province (2 digits) → district (4) → centre (6).

A unit's code is the prefix of the centre codes within it, so a centre's district and province
are `left(centre_code, 4)` and `left(centre_code, 2)`. Names come from the `centres` table.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import duckdb

from .errors import PimpaError

if TYPE_CHECKING:  # pandas takes 0.3–0.5 s to import; what needs only units (loading a file) should not pay it
    import pandas as pd

COUNTRY = "TH"


@dataclass(frozen=True)
class Level:
    name: str
    th: str
    en: str
    length: int  # digits of the code; 0 for the country
    name_th_sql: str  # over a row of `centres`
    name_en_sql: str

    def code_sql(self, column: str = "centre_code") -> str:
        """The SQL expression giving this level's unit code from a centre-code column."""
        return f"'{COUNTRY}'" if not self.length else f"left({column}, {self.length})"


LEVELS: tuple[Level, ...] = (
    Level("country", "ประเทศ", "Country", 0, "'ประเทศไทย'", "'Thailand'"),
    Level("province", "จังหวัด", "Province", 2,
          "CASE WHEN province_th = 'กรุงเทพมหานคร' THEN province_th ELSE 'จังหวัด' || province_th END",
          "province_en"),
    Level("district", "อำเภอ", "District", 4,
          "CASE WHEN starts_with(district_th, 'เขต') THEN district_th ELSE 'อำเภอ' || district_th END",
          "district_en"),
    Level("centre", "กศน.ตำบล", "Centre", 6, "centre_name", "subdistrict_en"),
)
LEVELS_BY_NAME = {level.name: level for level in LEVELS}
LEVEL_NAMES = tuple(LEVELS_BY_NAME)


def level(name: str) -> Level:
    if name not in LEVELS_BY_NAME:
        raise PimpaError(
            f"ไม่รู้จักระดับ '{name}' ให้ใช้ {', '.join(LEVEL_NAMES)}",
            f"unknown level '{name}'; use one of {', '.join(LEVEL_NAMES)}",
        )
    return LEVELS_BY_NAME[name]


def level_of(unit_code: str) -> Level:
    """The level of a code by its shape: 'TH', 2, 4 or 6 digits."""
    if unit_code == COUNTRY:
        return LEVELS[0]
    for candidate in LEVELS[1:]:
        if len(unit_code) == candidate.length and unit_code.isdigit():
            return candidate
    raise PimpaError(
        f"รหัสหน่วย '{unit_code}' ไม่ถูกต้อง ให้ใช้ TH หรือรหัสจังหวัด 2 หลัก อำเภอ 4 หลัก ตำบล 6 หลัก",
        f"unit code '{unit_code}' is not valid; use TH, a 2-digit province, 4-digit district"
        " or 6-digit centre code",
    )


def unit_prefix(unit_code: str) -> str:
    """The prefix every centre code within the unit starts with ('' for the whole country)."""
    return "" if level_of(unit_code).length == 0 else unit_code


def parent(unit_code: str) -> str | None:
    length = level_of(unit_code).length
    if length == 0:
        return None
    above = LEVELS[[lv.length for lv in LEVELS].index(length) - 1]
    return unit_code[: above.length] if above.length else COUNTRY


def ancestors(unit_code: str) -> list[str]:
    """The unit itself, then each unit above it up to 'TH'."""
    chain = [unit_code]
    while (up := parent(chain[-1])) is not None:
        chain.append(up)
    return chain


def units_sql(level_name: str) -> str:
    """The units of a level within `$unit_prefix`, with their names (unit_code, name_th, name_en)."""
    lv = level(level_name)
    return (
        f"SELECT DISTINCT {lv.code_sql()} AS unit_code, {lv.name_th_sql} AS name_th,"
        f" {lv.name_en_sql} AS name_en FROM centres WHERE starts_with(centre_code, $unit_prefix)"
    )


def check_within(level_name: str, unit_code: str) -> None:
    """A unit can only be split into units of its own level or below."""
    if level(level_name).length and level(level_name).length < level_of(unit_code).length:
        raise PimpaError(
            f"หน่วย {unit_code} อยู่ต่ำกว่าระดับ{level(level_name).th} จึงแบ่งเป็นระดับนี้ไม่ได้",
            f"unit {unit_code} lies below the {level_name} level, so it cannot be split into {level_name}s",
        )
    if level(level_name).length == 0 and unit_code != COUNTRY:
        raise PimpaError(
            "ระดับประเทศใช้ได้กับหน่วย TH เท่านั้น", "the country level only goes with the unit TH"
        )


def require(con: duckdb.DuckDBPyConnection, unit_code: str) -> None:
    """An unknown unit is an error, not an empty table."""
    sql = "SELECT count(*) FROM centres WHERE starts_with(centre_code, $prefix)"
    found = con.execute(sql, {"prefix": unit_prefix(unit_code)}).fetchall()[0][0]
    if not found:
        raise PimpaError(
            f"ไม่พบหน่วยรหัส {unit_code} ในตารางอ้างอิง ตรวจรหัสจังหวัด (2 หลัก) อำเภอ (4 หลัก) หรือตำบล (6 หลัก)",
            f"no unit with code {unit_code} in the reference table; check the 2-digit province,"
            " 4-digit district or 6-digit centre code",
        )


def units(con: duckdb.DuckDBPyConnection, level_name: str, within: str = COUNTRY) -> pd.DataFrame:
    """Units of a level within a unit, in code order: unit_code, name_th, name_en."""
    check_within(level_name, within)
    sql = units_sql(level_name) + " ORDER BY unit_code"
    return con.execute(sql, {"unit_prefix": unit_prefix(within)}).df()


def children(con: duckdb.DuckDBPyConnection, unit_code: str) -> pd.DataFrame:
    """The units one level down (provinces of TH, districts of a province, centres of a district)."""
    length = level_of(unit_code).length
    if length == LEVELS[-1].length:
        return units(con, "centre", unit_code).iloc[0:0]
    below = LEVELS[[lv.length for lv in LEVELS].index(length) + 1]
    return units(con, below.name, unit_code)


def unit_name(con: duckdb.DuckDBPyConnection, unit_code: str, lang: str = "th") -> str:
    """The unit's name in Thai ('th') or English ('en'); an unknown code is an error."""
    require(con, unit_code)
    found = units(con, level_of(unit_code).name, unit_code)
    return str(found.iloc[0]["name_en" if lang == "en" else "name_th"])


def check_centre(con: duckdb.DuckDBPyConnection, unit_code: str) -> None:
    """A centre's code (6 digits) that the reference table knows."""
    if level_of(unit_code).name != "centre":
        raise PimpaError(
            f"'{unit_code}' ไม่ใช่รหัส กศน.ตำบล ให้ใช้รหัสตำบล 6 หลัก เช่น 240409",
            f"'{unit_code}' is not a centre; use a 6-digit centre code, e.g. 240409",
        )
    require(con, unit_code)

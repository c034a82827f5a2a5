"""Centres from the shipped reference table of every Thai subdistrict."""

from __future__ import annotations

import re
import threading
from functools import cached_property
from pathlib import Path

import duckdb

from .normalise import arabic_digits, clean_text

REFERENCE_CSV = Path(__file__).resolve().parents[1] / "reference" / "thai_subdistricts.csv"
CENTRE_PREFIXES = re.compile(r"^(กศน\.?|ศกร\.?|สกร\.?)\s*(ตำบล|ต\.|แขวง)?\s*|^(ตำบล|ต\.|แขวง)\s*")


def seed_centres(con: duckdb.DuckDBPyConnection) -> None:
    """Fill `centres` from the reference CSV; the official province code is the code's first two digits."""
    if con.execute("SELECT count(*) FROM centres").fetchone()[0]:
        return
    con.execute(
        """
        INSERT INTO centres
        SELECT lpad(subdistrict_code::VARCHAR, 6, '0') AS code,
               'กศน.ตำบล' || subdistrict_th, subdistrict_th, subdistrict_en,
               lpad(district_code::VARCHAR, 4, '0'), district_th, district_en,
               left(lpad(subdistrict_code::VARCHAR, 6, '0'), 2), province_th, province_en,
               zip_code::VARCHAR, lat, lon
        FROM read_csv(?, header = true, all_varchar = false,
                      types = {'subdistrict_code': 'VARCHAR', 'district_code': 'VARCHAR',
                               'zip_code': 'VARCHAR'})
        """,
        [str(REFERENCE_CSV)],
    )


def centre_name_key(name: str) -> str:
    """'กศน.ตำบลพิมพา', 'ศกร.ตำบล พิมพา', 'ต.พิมพา' and 'พิมพา' all give 'พิมพา'."""
    return CENTRE_PREFIXES.sub("", clean_text(name)).replace(" ", "")


_DIRECTORIES: dict[tuple, CentreDirectory] = {}
_DIRECTORY_GUARD = threading.Lock()


class CentreDirectory:
    """Answers 'which centre code is this?' for codes and for names."""

    def __init__(self, rows: list[tuple[str, str, str]]) -> None:
        self.rows = rows
        self.codes = {code for code, _, _ in rows}

    @cached_property
    def by_name(self) -> dict[str, list[tuple[str, str]]]:
        """Centres by name key, made at the first name looked up: indexing 7,451 names takes longer
        than checking a month's file, and most files give 6-digit codes."""
        by_name: dict[str, list[tuple[str, str]]] = {}
        for code, name, district in self.rows:
            by_name.setdefault(centre_name_key(name), []).append((code, district))
        return by_name

    @classmethod
    def of(cls, con: duckdb.DuckDBPyConnection) -> CentreDirectory:
        """The directory of the database's centres, built once per process and again if the table changes."""
        version = con.execute("SELECT count(*), min(centre_code), max(centre_code) FROM centres").fetchone()
        with _DIRECTORY_GUARD:
            if version not in _DIRECTORIES:
                rows = con.execute("SELECT centre_code, subdistrict_th, district_th FROM centres").fetchall()
                _DIRECTORIES[version] = cls(rows)
            return _DIRECTORIES[version]

    def resolve(self, value: str) -> str | list[tuple[str, str]] | None:
        """A code; or the candidates when a name is ambiguous; or None when unknown."""
        text = arabic_digits(clean_text(value))
        digits = text.split(".")[0] if re.fullmatch(r"\d+(\.0+)?", text) else ""
        if digits:
            code = digits.zfill(6)
            return code if code in self.codes else None
        candidates = self.by_name.get(centre_name_key(text), [])
        if len(candidates) == 1:
            return candidates[0][0]
        return candidates or None


"""A director's sign-off of a centre's fiscal year (ผู้ตรวจสอบข้อมูล): the year is then locked.

Uploads, undos and follow-up entries that would change a signed-off centre-year are refused
(ingest/locks.py) until a director reopens it. Every sign-off and reopening stays in
`signoffs` and in the audit log.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import duckdb

from .db import log_action
from .roles import ADMIN, DIRECTOR, Actor, Refused, require_within
from .snapshot_layout import refuse_on_rollup
from .units import level_of, require
from .writes import write_transaction


@dataclass(frozen=True)
class SignOff:
    centre_code: str
    fiscal_year: int
    signed_by: str
    signed_at: dt.datetime

    def says(self) -> tuple[str, str]:
        """Who signed and when, in Thai and English, for messages and page captions."""
        when = f"{self.signed_at:%d/%m}/{self.signed_at.year + 543} {self.signed_at:%H:%M}"
        return (f"ลงนามรับรองแล้วโดย {self.signed_by} เมื่อ {when} น.",
                f"signed off by {self.signed_by} on {self.signed_at:%Y-%m-%d %H:%M}")


def _require_signer(actor: Actor, centre_code: str) -> None:
    if actor.role not in (DIRECTOR, ADMIN):
        raise Refused(
            f"{actor.label('th')}ลงนามรับรองหรือเปิดปีงบประมาณให้แก้ไขไม่ได้ เป็นงานของผู้อำนวยการ",
            f"a {actor.label('en')} cannot sign off or reopen a year; a director does",
        )
    require_within(actor, centre_code)


def _check_centre(con: duckdb.DuckDBPyConnection, centre_code: str) -> None:
    if level_of(centre_code).name != "centre":
        raise Refused("ลงนามรับรองได้ทีละ กศน.ตำบล (รหัส 6 หลัก)", "a sign-off is per centre (a 6-digit code)")
    require(con, centre_code)


def signed_off(con: duckdb.DuckDBPyConnection, centre_code: str, fiscal_year: int) -> SignOff | None:
    row = con.execute(
        "SELECT signed_by, signed_at FROM signoffs WHERE centre_code = ? AND fiscal_year = ? AND reopened_at IS NULL",
        [centre_code, fiscal_year],
    ).fetchone()
    return SignOff(centre_code, fiscal_year, *row) if row else None


def sign_off(con: duckdb.DuckDBPyConnection, actor: Actor, centre_code: str, fiscal_year: int) -> SignOff:
    _require_signer(actor, centre_code)
    refuse_on_rollup(con)  # a district signs off its own year, on its own server
    _check_centre(con, centre_code)
    with write_transaction(con):
        if signed_off(con, centre_code, fiscal_year):
            raise Refused(f"ปีงบประมาณ {fiscal_year} ของ {centre_code} ลงนามรับรองไว้แล้ว",
                          f"fiscal year {fiscal_year} of {centre_code} is already signed off")
        now = dt.datetime.now()
        con.execute("INSERT INTO signoffs VALUES (?, ?, ?, ?, NULL, NULL)", [centre_code, fiscal_year,
                                                                           actor.username, now])
        log_action(con, actor, "sign_off", f"centre={centre_code} fiscal_year={fiscal_year}")
    return SignOff(centre_code, fiscal_year, actor.username, now)


def reopen(con: duckdb.DuckDBPyConnection, actor: Actor, centre_code: str, fiscal_year: int) -> None:
    _require_signer(actor, centre_code)
    with write_transaction(con):
        if not signed_off(con, centre_code, fiscal_year):
            raise Refused(f"ปีงบประมาณ {fiscal_year} ของ {centre_code} ยังไม่ได้ลงนามรับรอง",
                          f"fiscal year {fiscal_year} of {centre_code} is not signed off")
        con.execute(
            "UPDATE signoffs SET reopened_by = ?, reopened_at = ? WHERE centre_code = ? AND fiscal_year = ?"
            " AND reopened_at IS NULL", [actor.username, dt.datetime.now(), centre_code, fiscal_year],
        )
        log_action(con, actor, "reopen", f"centre={centre_code} fiscal_year={fiscal_year}")

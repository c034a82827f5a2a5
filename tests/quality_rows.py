"""Small writers of stored rows for the indicator, evidence, impact and target tests.

Rows go straight into the tables (the loader is tested elsewhere), each through bound
parameters. Learner IDs are short strings standing in for the salted hashes.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import duckdb

from pimpa_data.core import db
from pimpa_data.core.summaries import SUMMARISED_KINDS, refresh

PHIMPHA, BANG_PAKONG_CENTRE, THA_SA_AN = "240409", "240401", "240402"
MUEANG_CENTRE = "240101"  # another district of the same province


def open_db(tmp_path: Path) -> duckdb.DuckDBPyConnection:
    return db.connect(tmp_path / "pimpa.duckdb")


def insert(con: duckdb.DuckDBPyConnection, table: str, **values: object) -> None:
    if table != "courses" and "centre_code" not in values and values.get("course_code"):
        # As the store does on upload: the row's course's centre (these fixtures' codes are unique).
        found = con.execute("SELECT centre_code FROM courses WHERE course_code = ?", [values["course_code"]]).fetchone()
        values["centre_code"] = found[0] if found else None
    columns = ", ".join(values)
    marks = ", ".join("?" for _ in values)
    con.execute(f"INSERT INTO {table} ({columns}) VALUES ({marks})", list(values.values()))
    if table in SUMMARISED_KINDS:
        refresh(con)  # the store does this on every upload; rows written here bypass it


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def course(
    con: duckdb.DuckDBPyConnection, code: str, end: str, centre: str = PHIMPHA, hours: str = "10",
    start: str | None = None, budget: str | None = None, name: str | None = None,
    occupation_group: str | None = None,
) -> None:
    insert(con, "courses", course_code=code, centre_code=centre, course_name=name or f"หลักสูตร {code}",
           hours=Decimal(hours), start_date=day(start or end), end_date=day(end),
           budget_baht=Decimal(budget) if budget else None, occupation_group=occupation_group)


def enrol(
    con: duckdb.DuckDBPyConnection, code: str, learner: str, result: str | None = "pass",
    last4: str = "8788", first_name: str | None = None, sex: str | None = None,
    target_group: str | None = None,
) -> None:
    insert(con, "enrolments", course_code=code, learner_id=learner, result=result, learner_id_last4=last4,
           prefix="นาง", first_name=first_name or f"ชื่อ{learner}", last_name="ใจดี", sex=sex,
           target_group=target_group)


def attend(
    con: duckdb.DuckDBPyConnection, code: str, learner: str, date: str,
    hours: str | None = None, status: str | None = None,
) -> None:
    insert(con, "attendance", course_code=code, learner_id=learner, session_date=day(date),
           hours=Decimal(hours) if hours is not None else None, status=status)


def follow_up(
    con: duckdb.DuckDBPyConnection, code: str, learner: str, date: str, applied: bool = True,
    exemplary: bool | None = None, evidence: str | None = None, how: str | None = None,
    before: str | None = None, after: str | None = None,
) -> None:
    insert(con, "follow_ups", course_code=code, learner_id=learner, followup_date=day(date), applied=applied,
           exemplary=exemplary, evidence=evidence, applied_how=how,
           income_before_baht=Decimal(before) if before is not None else None,
           income_after_baht=Decimal(after) if after is not None else None)


def sale(
    con: duckdb.DuckDBPyConnection, code: str, month: str, revenue: str, cost: str | None = None,
    learner: str | None = None, group: str | None = None, product: str = "กะปิ",
) -> None:
    insert(con, "sales", course_code=code, month=day(month), revenue_baht=Decimal(revenue),
           cost_baht=Decimal(cost) if cost is not None else None, learner_id=learner, group_name=group,
           product=product)


def phimpha_2567(con: duckdb.DuckDBPyConnection) -> None:
    """The worked example of the tests (DESIGN.md §2), FY 2567 at กศน.ตำบลพิมพา unless noted.

    K1 no attendance records:      p1 ผ่าน, p2 ไม่ผ่าน, p3 pending        → G: p1
    K2 hours (10 h):               h80 8.00 h ผ่าน (exactly 80 %), h79 7.99 h ผ่าน (79.9 %),
                                   hmiss ผ่าน with no attendance rows (0 %), hfail 10 h ไม่ผ่าน → G: h80
    K3 presence (5 dates held):    s4 present 4 of 5 ผ่าน (80 %), s3 present 3 + leave 1 ผ่าน (60 %) → G: s4
    K4 1 Sep – 15 Oct 2023 (FY 2567, ends after 1 Oct): p1 again ผ่าน → G: p1 (counted per enrolment)
    K5 1 Sep – 2 Oct 2024 (FY 2568): q1 ผ่าน
    Follow-ups: p1/K1 three (not applied; applied + exemplary + evidence; applied) → F, A, X once;
    p1/K4 applied; h80 exemplary but not applied → F only; h79 applied but not a graduate.
    E = 9, pending = 1, G = 4, F = 3, A = 2, X = 1.
    """
    course(con, "K1", "2024-03-15", start="2024-03-01", budget="1000")
    for learner, result in (("p1", "pass"), ("p2", "fail"), ("p3", None)):
        enrol(con, "K1", learner, result)
    course(con, "K2", "2024-05-01", hours="10", budget="500")
    for learner, result, hours in (("h80", "pass", ("4", "4")), ("h79", "pass", ("4", "3.99")),
                                   ("hfail", "fail", ("5", "5")), ("hmiss", "pass", ())):
        enrol(con, "K2", learner, result)
        for date, spent in zip(("2024-04-30", "2024-05-01"), hours):
            attend(con, "K2", learner, date, hours=spent, status="present")
    course(con, "K3", "2024-06-05", start="2024-06-01")
    enrol(con, "K3", "s4")
    enrol(con, "K3", "s3")
    for n, date in enumerate(("2024-06-01", "2024-06-02", "2024-06-03", "2024-06-04", "2024-06-05")):
        attend(con, "K3", "s4", date, status="present" if n < 4 else "absent")
        if n < 4:
            attend(con, "K3", "s3", date, status="present" if n < 3 else "leave")
    course(con, "K4", "2023-10-15", start="2023-09-01")
    enrol(con, "K4", "p1")
    course(con, "K5", "2024-10-02", start="2024-09-01")
    enrol(con, "K5", "q1")
    follow_up(con, "K1", "p1", "2024-04-01", applied=False)
    follow_up(con, "K1", "p1", "2024-05-01", exemplary=True, evidence="รูปถ่ายร้านค้า", how="อาชีพเสริม")
    follow_up(con, "K1", "p1", "2024-06-01", how="อาชีพเสริม, ลดรายจ่าย")
    follow_up(con, "K4", "p1", "2023-12-01", exemplary=False, how="ใช้ในชีวิตประจำวัน")
    follow_up(con, "K2", "h80", "2024-06-01", applied=False, exemplary=True, evidence="รูป")
    follow_up(con, "K2", "h79", "2024-06-01")

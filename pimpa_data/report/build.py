"""Build a report file: gather the data once, compose the blocks, draw DOCX or PDF, log it.

`build_report` is what the Reports page and `python -m pimpa_data report` call.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import duckdb

from ..core.db import log_action
from ..core.errors import PimpaError
from ..core.roles import Actor
from .blocks import Report
from .compose import best_practice
from .data import ReportData, gather
from .numbers import Numbers
from .sar import sar

KINDS: dict[str, tuple[str, str, Callable[[ReportData, Numbers], Report]]] = {
    "best-practice": ("รายงานวิธีปฏิบัติที่เป็นเลิศ (Best Practice)", "Best Practice report", best_practice),
    "sar": ("รายงานการประเมินตนเอง (SAR) มาตรฐานที่ 1", "Self-assessment report (SAR), standard 1", sar),
}
FORMATS = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


@dataclass(frozen=True)
class ReportFile:
    data: bytes
    file_name: str  # to suggest when saving: best-practice_240409_2569.docx
    mime_type: str
    with_names: bool  # learners' names are in it (a file to keep private)


def compose(data: ReportData, kind: str, thai_digits: bool = False) -> Report:
    """The blocks of a report kind from gathered data."""
    _check(kind, KINDS, "ชนิดรายงาน", "report kind")
    return KINDS[kind][2](data, Numbers(thai_digits))


def render(report: Report, fmt: str) -> bytes:
    """The same blocks as a DOCX or a PDF."""
    _check(fmt, FORMATS, "รูปแบบไฟล์", "format")
    if fmt == "docx":
        from .word import render_docx

        return render_docx(report)
    from .pdf import render_pdf

    return render_pdf(report)


def build_report(
    con: duckdb.DuckDBPyConnection, actor: Actor, unit_code: str, fiscal_year: int, kind: str, fmt: str,
    *, show_names: bool | None = None, thai_digits: bool = False, today: dt.date | None = None,
) -> ReportFile:
    """A Best Practice report or the SAR's standard-1 part of a unit and fiscal year, as DOCX or
    PDF. Names (and evidence photos) appear when the actor may see them, unless `show_names` is
    False; asking for them when the actor may not is refused. The generation is audited."""
    _check(kind, KINDS, "ชนิดรายงาน", "report kind")
    _check(fmt, FORMATS, "รูปแบบไฟล์", "format")
    data = gather(con, actor, unit_code, fiscal_year, show_names, today)
    report = compose(data, kind, thai_digits)
    content = render(report, fmt)
    detail = f"kind={kind} format={fmt} unit={unit_code} fiscal_year={fiscal_year} names={data.show_names}"
    log_action(con, actor, "report", detail)
    if data.show_names:
        log_action(con, actor, "export_names", f"report {detail}")
    return ReportFile(content, f"{report.file_stem}.{fmt}", FORMATS[fmt], data.show_names)


def _check(value: str, allowed: dict, th: str, en: str) -> None:
    if value not in allowed:
        raise PimpaError(f"ไม่รู้จัก{th} '{value}' ให้ใช้ {', '.join(allowed)}",
                         f"unknown {en} '{value}'; use one of {', '.join(allowed)}")

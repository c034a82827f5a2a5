"""The numbered parts both report kinds share: the standard-1 tables, courses, learners, ways
of applying, exemplary graduates with their evidence, income and sales; each a list of blocks."""

from __future__ import annotations

import pandas as pd

from ..measures.indicators import INDICATORS
from . import charts
from .blocks import Block, Gallery, Heading, Image, Para, table
from .data import Photo, ReportData
from .numbers import Numbers

SEX_TH = {"female": "หญิง", "male": "ชาย"}
STANDARD_1 = "มาตรฐานที่ 1 คุณภาพของผู้เรียนการศึกษาต่อเนื่อง"
NOTHING = "(ไม่มีข้อมูลในปีงบประมาณนี้)"
INDICATOR_HEADERS = ["ตัวบ่งชี้", "ผลงาน (คน)", "ฐาน (คน)", "ร้อยละ", "ค่าเป้าหมาย (ร้อยละ)", "ระดับคุณภาพ"]


def standard_text(n: Numbers) -> list[Block]:
    """Quality standard 1 and its indicators 1.1–1.3, in full."""
    lead = Para(f"สอดคล้องกับการประกันคุณภาพ ตามมาตรฐานการศึกษาต่อเนื่อง {STANDARD_1}")
    return [lead, *(Para(f"{n.digits(ind.code)} {ind.th_full}", "bullet") for ind in INDICATORS)]


def indicator_table(rows: pd.DataFrame, n: Numbers) -> Block:
    """1.1–1.3 of one unit: numerator, denominator, result, target and quality level."""
    body = [[f"{n.digits(r['indicator'])} {r['indicator_th']}", n.count(r["numerator"]), n.count(r["denominator"]),
             n.pct(r["numerator"], r["denominator"]), n.target(r["target_pct"]), r["quality_level_th"] or "–"]
            for r in rows.to_dict("records")]
    return table(INDICATOR_HEADERS, body, [5.2, 1.4, 1.4, 1.3, 1.7, 1.9], [False, True, True, True, True, False])


def indicator_part(data: ReportData, n: Numbers) -> list[Block]:
    """The unit's table, what its numbers count, and the chart of results against targets."""
    counts = data.indicators.iloc[0] if len(data.indicators) else None
    blocks: list[Block] = [indicator_table(data.indicators, n)]
    if counts is not None:
        blocks.append(Para(
            f"ผู้เรียนที่มีผลการประเมิน {n.count(counts['enrolled'])} คน ผู้จบหลักสูตร {n.count(counts['graduates'])} คน"
            f" ได้รับการติดตาม {n.count(counts['followed_up'])} คน นำความรู้ไปใช้ {n.count(counts['applied'])} คน"
            f" เป็นแบบอย่าง/เห็นเป็นประจักษ์ {n.count(counts['exemplary'])} คน", "note"))
    if counts is not None and counts["enrolled"]:
        blocks.append(Image(charts.indicators_chart(data.indicators), "ผลตัวบ่งชี้ 1.1–1.3 เทียบกับค่าเป้าหมาย"))
    return blocks


def parts_tables(data: ReportData, n: Numbers, heading_level: int = 2) -> list[Block]:
    """A table per unit one level down (each centre of a district), with its sign-off."""
    signed = {s.centre_code: s for s in data.signoffs}
    blocks: list[Block] = []
    for code, rows in data.parts.groupby("unit_code", sort=True):
        blocks.append(Heading(f"{rows.iloc[0]['name_th']} ({n.digits(code)})", heading_level))
        blocks.append(indicator_table(rows, n))
        if code in signed:
            blocks.append(Para(signoff_line(signed[code], n), "note"))
    return blocks


def signoff_line(signed, n: Numbers) -> str:
    if signed.signoff is None:
        return f"ผู้ตรวจสอบข้อมูล: ยังไม่ได้ลงนามรับรอง ({signed.centre_name})"
    when = n.date(signed.signoff.signed_at, "long")
    return f"ผู้ตรวจสอบข้อมูล: {signed.signer_name} ลงนามรับรองข้อมูลของ {signed.centre_name} เมื่อ {when}"


def courses_part(data: ReportData, n: Numbers) -> list[Block]:
    if data.courses.empty:
        return [Para(NOTHING, "placeholder")]
    many = data.level != "centre"
    headers = ["หลักสูตร", *(["กศน.ตำบล"] if many else []), "ชั่วโมง", "วันที่จบ", "ผู้เรียน", "ผู้จบ", "นำไปใช้"]
    rows = [[r["course_name"], *([r["centre_name"]] if many else []), n.hours(r["hours"]), n.date(r["end_date"]),
             n.count(r["learners"]), n.count(r["graduates"]), n.count(r["applied"])]
            for r in data.courses.to_dict("records")]
    widths = [4.6, *([2.8] if many else []), 1.3, 2.2, 1.4, 1.2, 1.4]
    numeric = [False, *([False] if many else []), True, False, True, True, True]
    return [Para(f"จัดหลักสูตรที่จบในปีงบประมาณ {n.year(data.fiscal_year)} รวม {n.count(len(data.courses))} หลักสูตร"),
            table(headers, rows, widths, numeric)]


def learners_part(data: ReportData, n: Numbers) -> list[Block]:
    """Enrolments by target group and sex (a learner in two courses counts twice), and graduates."""
    if data.learners.empty:
        return [Para(NOTHING, "placeholder")]
    frame = data.learners.assign(target_group=data.learners["target_group"].fillna("ไม่ระบุ"),
                                 sex=data.learners["sex"].fillna("unknown"))
    sexes = [s for s in ("female", "male", "unknown") if s in set(frame["sex"])]
    rows, totals = [], dict.fromkeys([*sexes, "all", "graduates"], 0)
    for group, part in frame.groupby("target_group", sort=True):
        by_sex = part.groupby("sex")["enrolments"].sum()
        cells = {s: int(by_sex.get(s, 0)) for s in sexes} | {"all": int(part["enrolments"].sum()),
                                                             "graduates": int(part["graduates"].sum())}
        totals = {key: totals[key] + cells[key] for key in totals}
        rows.append([group, *(n.count(cells[key]) for key in totals)])
    rows.append(["รวม", *(n.count(value) for value in totals.values())])
    headers = ["กลุ่มเป้าหมาย", *(SEX_TH.get(s, "ไม่ระบุเพศ") for s in sexes), "รวม", "ผู้จบหลักสูตร"]
    widths = [4.0, *([1.6] * len(sexes)), 1.6, 2.2]
    return [table(headers, rows, widths, [False, *([True] * (len(sexes) + 2))], total=True),
            Image(charts.learners_chart(data.learners), "ผู้เรียนจำแนกตามกลุ่มเป้าหมายและเพศ")]


def applied_part(data: ReportData, n: Numbers) -> list[Block]:
    rows = [[r["applied_how"], n.count(r["graduates"])]
            for r in data.applied.to_dict("records")]
    return [table(["ลักษณะการนำความรู้ไปใช้", "ผู้จบหลักสูตร (คน)"], rows, [6.0, 2.5], [False, True]),
            Para("ผู้จบหลักสูตรหนึ่งคนอาจนำความรู้ไปใช้ได้หลายลักษณะ", "note")]


def exemplary_part(data: ReportData, n: Numbers) -> list[Block]:
    """Graduates counted in 1.3, their evidence, and the evidence photos (names only when shown)."""
    if data.exemplary.empty:
        return [Para("(ยังไม่มีผู้จบหลักสูตรที่เป็นแบบอย่าง/เห็นเป็นประจักษ์ในปีงบประมาณนี้)", "placeholder")]
    rows, pictures = [], []
    for number, r in enumerate(data.exemplary.to_dict("records"), start=1):
        who = learner_label(r, data.show_names)
        where = r["course_name"] + (f" ({r['centre_name']})" if data.level != "centre" else "")
        rows.append([n.count(number), who, where, r["applied_how"] or "–", r["evidence"] or "–",
                     n.date(r["latest_followup_date"])])
        key = (r["centre_code"], r["course_code"], r["learner_id"])
        pictures += [_evidence_image(photo, who, where) for photo in data.evidence_photos.get(key, [])]
    photos = [p for p in pictures if isinstance(p, Image)]
    missing = [p for p in pictures if not isinstance(p, Image)]
    headers = ["ที่", "ผู้จบหลักสูตร", "หลักสูตร", "การนำไปใช้", "หลักฐาน/ร่องรอย", "ติดตามเมื่อ"]
    blocks: list[Block] = [table(headers, rows, [0.7, 3.6, 2.8, 2.3, 3.2, 2.0], [True] + [False] * 5)]
    if not data.show_names:
        blocks.append(Para("แสดงเฉพาะเลขประจำตัวที่ปิดบังไว้ ไม่แสดงชื่อและภาพหลักฐาน (พ.ร.บ.คุ้มครองข้อมูลส่วนบุคคล)",
                           "note"))
    return blocks + ([Gallery(tuple(photos))] if photos else []) + missing


def learner_label(row: dict, show_names: bool) -> str:
    return (row["learner_name"] if show_names and row["learner_name"] else row["learner_id_masked"]) or "–"


def _evidence_image(photo: Photo, who: str, where: str) -> Block:
    caption = " — ".join(part for part in (f"หลักฐานของ {who}", where, photo.caption) if part)
    if photo.data is None:
        return Para(f"(ไม่พบไฟล์ภาพ: {caption})", "placeholder")
    return Image(photo.data, caption, 7.0, "photo")


def income_part(data: ReportData, n: Numbers) -> list[Block]:
    i = data.income
    rows = [["รายได้เฉลี่ยต่อเดือน (บาท)", n.baht(i.mean_before_baht), n.baht(i.mean_after_baht)],
            ["มัธยฐานรายได้ต่อเดือน (บาท)", n.baht(i.median_before_baht), n.baht(i.median_after_baht)]]
    return [
        Para(f"ผู้จบหลักสูตร {n.count(i.graduates)} คน มีรายได้หลังเรียน {n.count(i.graduates_with_income)} คน"
             f" (มัธยฐาน {n.baht(i.median_income_baht)} บาทต่อเดือน) เปรียบเทียบรายได้ก่อนและหลังเรียนได้"
             f" {n.count(i.compared)} คน"),
        table(["รายการ", "ก่อนเรียน", "หลังเรียน"], rows, [5.0, 2.5, 2.5], [False, True, True]),
    ]


def sales_part(data: ReportData, n: Numbers) -> list[Block]:
    t = data.sales_totals
    if data.sales_by_product.empty:
        return [Para("(ยังไม่มีข้อมูลการจำหน่ายในปีงบประมาณนี้)", "placeholder")]
    blocks: list[Block] = [Para(
        f"รายได้จากการจำหน่ายรวม {n.baht(t.revenue_baht)} บาท ต้นทุน {n.baht(t.cost_baht)} บาท"
        f" กำไร {n.baht(t.profit_baht)} บาท ผู้จำหน่าย {n.count(t.sellers)} คน กลุ่มอาชีพ {n.count(t.groups)} กลุ่ม")]
    for frame, label in ((data.sales_by_product, "สินค้า"), (data.sales_by_channel, "ช่องทางการจำหน่าย")):
        key = frame.columns[0]
        rows = [[r[key] or "ไม่ระบุ", n.baht(r["revenue_baht"]), n.baht(r["cost_baht"]), n.baht(r["profit_baht"])]
                for r in frame.to_dict("records")]
        rows.append(["รวม", n.baht(t.revenue_baht), n.baht(t.cost_baht), n.baht(t.profit_baht)])
        blocks.append(table([label, "รายได้ (บาท)", "ต้นทุน (บาท)", "กำไร (บาท)"], rows, [4.4, 2.2, 2.2, 2.2],
                            [False, True, True, True], total=True))
    blocks.append(Image(charts.sales_chart(data.sales_by_month), "รายได้และกำไรจากการจำหน่ายรายเดือน (บาท)"))
    return blocks


def activity_photos(data: ReportData) -> list[Block]:
    """The appendix: captioned activity photos, numbered, in course order."""
    if not data.show_activity_photos:
        return [Para("(ภาพกิจกรรมแสดงเฉพาะในรายงานของครูและผู้อำนวยการของหน่วย)", "placeholder")]
    if not data.activity_photos:
        return [Para("(ยังไม่มีภาพกิจกรรม — เพิ่มภาพได้ที่หน้าหลักสูตร)", "placeholder")]
    shown, missing = [], []
    for number, photo in enumerate(data.activity_photos, start=1):
        where = photo.course_name + (f" ({photo.centre_name})" if data.level != "centre" else "")
        caption = f"ภาพที่ {number} {photo.caption or where}" + (f" — {where}" if photo.caption else "")
        if photo.data:
            shown.append(Image(photo.data, caption, 7.5, "photo"))
        else:
            missing.append(Para(f"(ไม่พบไฟล์ภาพ: {caption})", "placeholder"))
    return ([Gallery(tuple(shown))] if shown else []) + missing

"""What a reader of the files sees: Sarabun embedded, Thai text that copies back whole, photos
in the appendix, names only for a role that may see them, DOCX styles with the Thai font."""

from __future__ import annotations

import io

import docx
import pytest
from docx.oxml.ns import qn
from report_support import (  # noqa: F401
    ASSESSOR,
    CENTRE,
    DIRECTOR,
    DIRECTOR_NAME,
    TITLE,
    YEAR,
    docx_pictures,
    docx_text,
    flat,
    pdf_fonts,
    pdf_images,
    pdf_text,
    report_con_fixture,
    report_db_fixture,
)

from pimpa_data.measures.evidence import cell_rows
from pimpa_data.measures.indicators import INDICATORS
from pimpa_data.report import build_report

CHARTS = 3  # indicators, learners, sales
ACTIVITY, EVIDENCE = 3, 3


@pytest.fixture(scope="module")
def files(report_con):
    made = {(who.role, fmt): build_report(report_con, who, CENTRE, YEAR, "best-practice", fmt)
            for who in (DIRECTOR, ASSESSOR) for fmt in ("docx", "pdf")}
    return {key: value.data for key, value in made.items()} | {"director-file": made[("director", "pdf")]}


def test_every_font_in_the_pdf_is_embedded_and_it_is_sarabun(files, tmp_path) -> None:
    fonts = pdf_fonts(files[("director", "pdf")], tmp_path)

    assert fonts and all(line.split()[-5] == "yes" for line in fonts), fonts
    assert all("Sarabun" in line for line in fonts), fonts


def test_thai_text_copies_back_from_the_pdf_whole(files, tmp_path) -> None:
    text = pdf_text(files[("director", "pdf")], tmp_path)

    assert flat(TITLE) in flat(text)
    assert flat(INDICATORS[0].th_full) in flat(text)
    assert flat("กศน.ตำบลพิมพา") in flat(text) and flat("จำหน่าย") in flat(text)  # sara am kept
    assert "\ufffd" not in text and "None" not in text and "nan" not in text.split()


def test_the_pdf_and_the_docx_carry_the_charts_and_the_photos(files, tmp_path) -> None:
    pdf = [image for image in pdf_images(files[("director", "pdf")], tmp_path) if image["type"] == "image"]

    assert len(pdf) == CHARTS + ACTIVITY + EVIDENCE
    assert docx_pictures(files[("director", "docx")]) == CHARTS + ACTIVITY + EVIDENCE
    assert "ภาพที่ 1 จัดกิจกรรมโครงการด้านอาชีพ" in docx_text(files[("director", "docx")])


def test_an_assessor_gets_masked_ids_and_no_photos_a_director_gets_names(files, report_con, tmp_path) -> None:
    rows = cell_rows(report_con, YEAR, CENTRE, "1.3", "numerator", show_names=True)
    names, masked = list(rows["learner_name"]), list(rows["learner_id_masked"])
    director, assessor = docx_text(files[("director", "docx")]), docx_text(files[("assessor", "docx")])
    assessor_pdf = flat(pdf_text(files[("assessor", "pdf")], tmp_path))

    assert names and all(name in director for name in names)
    assert not any(name in assessor or flat(name) in assessor_pdf for name in names)
    assert all(mask in assessor for mask in masked)
    assert docx_pictures(files[("assessor", "docx")]) == CHARTS
    assert files["director-file"].with_names


def test_the_generation_is_audited_and_names_as_an_export(files, report_con) -> None:
    logged = report_con.execute(
        "SELECT who, action FROM audit_log WHERE action IN ('report', 'export_names')").fetchall()

    assert logged.count((DIRECTOR.username, "report")) == 2 and logged.count((DIRECTOR.username, "export_names")) == 2
    assert logged.count((ASSESSOR.username, "report")) == 2 and (ASSESSOR.username, "export_names") not in logged


def test_the_data_checker_comes_from_the_directors_signoff(files, tmp_path) -> None:
    assert f"ผู้ตรวจสอบข้อมูล: {DIRECTOR_NAME}" in docx_text(files[("director", "docx")])
    assert flat(f"ผู้ตรวจสอบข้อมูล: {DIRECTOR_NAME}") in flat(pdf_text(files[("director", "pdf")], tmp_path))


@pytest.mark.parametrize("style", ["Normal", "Heading 1", "Heading 2", "Title", "Pimpa Table", "Caption"])
def test_docx_styles_set_the_complex_script_font_word_uses_for_thai(files, style) -> None:
    document = docx.Document(io.BytesIO(files[("director", "docx")]))
    rpr = document.styles[style].element.rPr
    fonts = rpr.find(qn("w:rFonts"))

    assert fonts.get(qn("w:cs")) == "TH Sarabun New" and fonts.get(qn("w:ascii")) == "TH Sarabun New"
    assert fonts.get(qn("w:cstheme")) is None
    assert rpr.find(qn("w:szCs")) is not None
    assert document.styles["Normal"].element.rPr.find(qn("w:szCs")).get(qn("w:val")) == "32"  # 16 pt


def test_docx_is_a4_with_a_page_number_field(files) -> None:
    document = docx.Document(io.BytesIO(files[("director", "docx")]))
    section = document.sections[0]

    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    assert "PAGE" in section.footer._element.xml and "fldChar" in section.footer._element.xml

"""Text a teacher typed (or pasted) is printed, never run: markup, links and formulas come out as
literal text, nothing is fetched; a section not written yet reads as a placeholder."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from report_support import docx_text, flat, pdf_text, poppler

from pimpa_data.core import db
from pimpa_data.core.roles import Actor, Refused
from pimpa_data.ingest import narrative
from pimpa_data.measures.queries import courses
from pimpa_data.report import build_report, compose, gather
from pimpa_data.report.blocks import PLACEHOLDER
from pimpa_data.report.pdf import ReportFetcher, render_pdf

CENTRE, YEAR = "240412", 2569  # ตำบลเขาดิน
A4_WIDTH_PT, RIGHT_MARGIN_PT = 595.28, 2 / 2.54 * 72
TEACHER = Actor("kru.khaodin", "teacher", CENTRE)
HOSTILE = {
    "title": "<script>alert(1)</script>",
    "background": '<img src="http://127.0.0.1:9/track.png"> ดูรูป',
    "awards": '=HYPERLINK("http://127.0.0.1:9/x","คลิก")',
    "lessons": "<style>@import url(http://127.0.0.1:9/x.css);</style>\x0bจบ",
    # A right-to-left override would print the amount backwards: 1000 reads as 0001.
    "results": "รายได้ \u202e0001\u202c บาท\u2066 \u200fต่อเดือน\u2069",
}
LONG_LINK = "https://drive.example.org/" + "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789" * 8  # one word of 300 characters
HOSTILE["references"] = f"ดูภาพทั้งหมดที่ {LONG_LINK}"
SHOWN = {"results": "รายได้ 0001 บาท ต่อเดือน"}  # as typed, without the direction controls
BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
COURSE_NAME = '<b>ตัวหนา</b><link rel="stylesheet" href="file:///etc/passwd">'


@pytest.fixture(scope="module")
def hostile_con(sample_db: Path, tmp_path_factory: pytest.TempPathFactory):
    path = tmp_path_factory.mktemp("hostile") / "pimpa.duckdb"
    shutil.copy(sample_db, path)
    con = db.connect(path)
    narrative.save(con, TEACHER, CENTRE, YEAR, HOSTILE)
    first = courses(con, YEAR, CENTRE)["course_code"][0]
    con.execute("UPDATE courses SET course_name = ? WHERE centre_code = ? AND course_code = ?",
                [COURSE_NAME, CENTRE, first])
    yield con
    con.close()


@pytest.fixture(scope="module")
def rendered(hostile_con):
    report = compose(gather(hostile_con, TEACHER, CENTRE, YEAR), "best-practice")
    fetcher = ReportFetcher()
    pdf = render_pdf(report, fetcher)
    return {"pdf": pdf, "fetcher": fetcher,
            "docx": build_report(hostile_con, TEACHER, CENTRE, YEAR, "best-practice", "docx").data}


def test_the_pdf_fetches_nothing_but_its_own_fonts_and_images(rendered) -> None:
    fetcher = rendered["fetcher"]

    assert fetcher.refused == []
    assert fetcher.asked and all(url.startswith("pimpa:") for url in fetcher.asked)


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_markup_links_and_formulas_come_out_as_literal_text(rendered, fmt, tmp_path) -> None:
    text = flat(pdf_text(rendered["pdf"], tmp_path) if fmt == "pdf" else docx_text(rendered["docx"]))

    for section, typed in [*HOSTILE.items(), ("course", COURSE_NAME)]:
        assert flat(SHOWN.get(section, typed).replace("\x0b", "")) in text
    assert not set(BIDI) & set(text)


def test_a_url_outside_the_report_is_refused() -> None:
    fetcher = ReportFetcher({"font-regular": b""})

    for url in ("http://127.0.0.1:9/x.png", "file:///etc/passwd", "data:image/png;base64,AAAA", "pimpa:other"):
        with pytest.raises(ValueError):
            fetcher.fetch(url)
    assert len(fetcher.refused) == 4


def test_sections_not_written_yet_read_as_a_placeholder(hostile_con) -> None:
    teacher = Actor("kru.bangpakong", "teacher", "240401")
    text = docx_text(build_report(hostile_con, teacher, "240401", 2568, "best-practice", "docx").data)

    assert PLACEHOLDER in text and "(ยังไม่ได้ตั้งชื่อผลงาน" in text
    assert "None" not in text and "nan" not in text.split()


def test_a_unit_outside_the_actors_is_refused(hostile_con) -> None:
    with pytest.raises(Refused):
        build_report(hostile_con, TEACHER, "240401", 2568, "sar", "docx")
    with pytest.raises(Refused):  # an assessor may not ask for names
        build_report(hostile_con, Actor("a", "assessor", "2404"), CENTRE, YEAR, "sar", "docx", show_names=True)


def test_a_long_unbroken_word_stays_inside_the_page(rendered, tmp_path) -> None:
    """A pasted link is broken over lines instead of running past the right margin (2 cm of A4)."""
    boxes = poppler("pdftotext", rendered["pdf"], tmp_path, "-bbox")
    right_edges = [float(edge) for edge in re.findall(r'<word xMin="[\d.]+" yMin="[\d.]+" xMax="([\d.]+)"', boxes)]
    assert right_edges and max(right_edges) <= A4_WIDTH_PT - RIGHT_MARGIN_PT + 1
    assert flat(LONG_LINK) in flat(pdf_text(rendered["pdf"], tmp_path))  # all of it is there, over several lines

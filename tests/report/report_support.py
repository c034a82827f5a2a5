"""What the report tests share: a database of the sample with a teacher's narrative, photos and
a director's sign-off; reading a DOCX and a PDF back as text."""

from __future__ import annotations

import hashlib
import io
import shutil
import subprocess
import unicodedata
from pathlib import Path

import docx
import pytest
from PIL import Image, ImageDraw

from pimpa_data.core import db
from pimpa_data.core.roles import Actor
from pimpa_data.core.signoffs import sign_off
from pimpa_data.ingest import narrative
from pimpa_data.ingest.photos import photo_file
from pimpa_data.measures.evidence import cell_rows
from pimpa_data.measures.queries import courses

CENTRE, DISTRICT, YEAR = "240409", "2404", 2569  # ตำบลพิมพา: three exemplary graduates in 2569
TEACHER = Actor("kru.phimpha", "teacher", CENTRE)
DIRECTOR = Actor("director.bangpakong", "director", DISTRICT)
ASSESSOR = Actor("assessor.chachoengsao", "assessor", DISTRICT)
DIRECTOR_NAME = "นายสมหมาย มั่งคั่ง"
TITLE = "การส่งเสริมและสนับสนุนพัฒนาอาชีพตำบลพิมพา"
TEXTS = {
    "title": TITLE,
    "policy": "ยุทธศาสตร์ที่ 2 ยุทธศาสตร์ด้านการสร้างความสามารถในการแข่งขัน ข้อ 2.1",
    "background": "กลุ่มผู้ว่างงานและกลุ่มแม่บ้านในตำบลพิมพาสนใจเรียนการแปรรูปสัตว์น้ำ\nและสามารถวางขายในตลาดชุมชน",
    "steps_plan": "- ศึกษา/สำรวจรวบรวมข้อมูลท้องถิ่น\n- ประสานงานเครือข่ายและผู้ที่เกี่ยวข้อง",
    "results": "ผู้เข้าร่วมกิจกรรมได้นำความรู้ไปใช้ในชีวิตประจำวัน และมีรายได้จากการจำหน่าย",
    "awards": "สินค้าชุมชนในตำบลพิมพาขายในชุมชน",
    "authors": "นางสาวหฤทัย รัตูดร ครู กศน.ตำบลพิมพา",
}
ACTIVITY_CAPTIONS = ("จัดกิจกรรมโครงการด้านอาชีพ", "การแปรรูปจำหน่าย", "ร่วมกันพัฒนาผลิตภัณฑ์")


def jpeg(colour: tuple[int, int, int], size: tuple[int, int] = (320, 240)) -> bytes:
    image = Image.new("RGB", size, colour)
    ImageDraw.Draw(image).ellipse((40, 40, size[0] - 40, size[1] - 40), fill=(255, 255, 255))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=80)
    return out.getvalue()


def add_photo(con, kind: str, centre: str, course: str, caption: str, colour, learner: str | None = None) -> str:
    data = jpeg(colour)
    photo_id = hashlib.sha256(data).hexdigest()
    path = photo_file(con, photo_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    con.execute(
        "INSERT INTO photos VALUES (?, ?, ?, ?, ?, NULL, ?, true, 320, 240, NULL, 'kru.phimpha', now())",
        [photo_id, kind, centre, course, learner, caption])
    return photo_id


def fill(con) -> None:
    """The narrative, three activity photos, an evidence photo per exemplary graduate, and the
    director's sign-off (after the narrative: a signed-off year is locked)."""
    narrative.save(con, TEACHER, CENTRE, YEAR, TEXTS)
    course_codes = list(courses(con, YEAR, CENTRE)["course_code"])
    for number, caption in enumerate(ACTIVITY_CAPTIONS):
        course = course_codes[number % len(course_codes)]
        add_photo(con, "activity", CENTRE, course, caption, (200, 60 + number * 40, 60))
    for number, row in enumerate(cell_rows(con, YEAR, CENTRE, "1.3", "numerator", show_names=False).itertuples()):
        add_photo(con, "evidence", row.centre_code, row.course_code, "ภาพหลักฐาน", (40, 90, 160 + number * 20),
                  row.learner_id)
    con.execute("INSERT INTO users (username, display_name, role, unit_code, active) VALUES (?, ?, ?, ?, true)",
                [DIRECTOR.username, DIRECTOR_NAME, "director", DISTRICT])
    sign_off(con, DIRECTOR, CENTRE, YEAR)


@pytest.fixture(scope="module", name="report_db")
def report_db_fixture(sample_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("report") / "pimpa.duckdb"
    shutil.copy(sample_db, path)
    con = db.connect(path)
    try:
        fill(con)
    finally:
        con.close()
    return path


@pytest.fixture(scope="module", name="report_con")
def report_con_fixture(report_db: Path):
    con = db.connect(report_db)
    yield con
    con.close()


# ---------------------------------------------------------------- reading the files back

def flat(text: str) -> str:
    """NFKC, without whitespace: pdftotext may split a sara am or break a line anywhere."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def docx_tables(data: bytes) -> list[list[list[str]]]:
    tables = docx.Document(io.BytesIO(data)).tables
    return [[[cell.text for cell in row.cells] for row in table.rows] for table in tables]


def docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def docx_pictures(data: bytes) -> int:
    return len(docx.Document(io.BytesIO(data)).inline_shapes)


def poppler(tool: str, pdf: bytes, tmp_path: Path, *options: str) -> str:
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    return subprocess.run([tool, *options, str(path), "-"] if tool == "pdftotext" else [tool, *options, str(path)],
                          capture_output=True, text=True, check=True).stdout


def pdf_text(pdf: bytes, tmp_path: Path, layout: bool = False) -> str:
    return poppler("pdftotext", pdf, tmp_path, *(["-layout"] if layout else []))


def pdf_images(pdf: bytes, tmp_path: Path) -> list[dict[str, str]]:
    """pdfimages -list as rows: page, num, type, width, height, …"""
    lines = poppler("pdfimages", pdf, tmp_path, "-list").splitlines()
    header = lines[0].split()
    return [dict(zip(header, line.split())) for line in lines[2:]]


def pdf_fonts(pdf: bytes, tmp_path: Path) -> list[str]:
    return poppler("pdffonts", pdf, tmp_path).splitlines()[2:]

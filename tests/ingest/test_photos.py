"""Photos: cleaned in the bounded worker (upright, ≤ 1,600 px, no metadata), stored by content,
a batch each (undo removes the row, purge erases the file), refused when hostile or locked."""

from __future__ import annotations

import io
from pathlib import Path

import duckdb
import pytest
from PIL import Image
from quality_rows import PHIMPHA, course, enrol, follow_up, open_db

from pimpa_data.core.errors import PimpaError
from pimpa_data.core.roles import Actor, Refused
from pimpa_data.core.signoffs import sign_off
from pimpa_data.ingest.limits import UnreadableFile
from pimpa_data.ingest.photo_store import Photo, add_photo, purge
from pimpa_data.ingest.photos import listing, photo_file
from pimpa_data.ingest.undo import undo_batch

TEACHER = Actor("kru.phimpha", "teacher", PHIMPHA)
ADMIN = Actor("admin", "admin", "TH")
GPS = 0x8825


@pytest.fixture
def con(tmp_path: Path) -> duckdb.DuckDBPyConnection:
    connection = open_db(tmp_path)
    course(connection, "K1", "2024-03-15", start="2024-03-01")
    enrol(connection, "K1", "p1")
    follow_up(connection, "K1", "p1", "2024-04-01", exemplary=True)
    yield connection
    connection.close()


def phone_photo(tmp_path: Path, name: str = "IMG_0001.jpg", size: tuple[int, int] = (4000, 3000)) -> Path:
    """A phone's photo: lying on its side (EXIF orientation 6), with a location and a camera owner."""
    image = Image.new("RGB", size, "white")
    image.paste((200, 30, 30), (0, 0, size[0] // 4, size[1]))  # a red band on the left, to see the turn
    exif = image.getexif()
    exif[0x0112] = 6
    exif[0x013B] = "นางสาวเจ้าของกล้อง"
    exif[GPS] = {1: "N", 2: (13.0, 45.0, 0.0), 3: "E", 4: (100.0, 30.0, 0.0)}
    path = tmp_path / name
    image.save(path, exif=exif)
    return path


def activity(**changes: object) -> Photo:
    values = {"kind": "activity", "centre_code": PHIMPHA, "course_code": "K1", "caption": "ฝึกทำกะปิ", "consent": True}
    return Photo(**(values | changes))


def test_a_phone_photo_is_stored_upright_small_and_without_its_location(con, tmp_path):
    saved = add_photo(con, TEACHER, phone_photo(tmp_path), "IMG_0001.jpg", activity())
    assert saved.status == "added" and saved.batch_id is not None
    stored = Image.open(photo_file(con, saved.photo_id))
    assert stored.size == (1200, 1600)  # turned upright, long side 1,600
    assert stored.getpixel((600, 10))[0] > 150 and stored.getpixel((600, 1590))[1] > 200  # the band is on top now
    raw = photo_file(con, saved.photo_id).read_bytes()
    assert not stored.getexif() and b"Exif" not in raw and "เจ้าของกล้อง".encode() not in raw
    assert Image.open(photo_file(con, saved.photo_id, thumb=True)).size == (240, 320)
    shown = listing(con, "2404", 2567)
    assert list(shown["caption"]) == ["ฝึกทำกะปิ"] and list(shown["kind"]) == ["activity"]


def test_the_same_photo_twice_is_kept_once(con, tmp_path):
    first = add_photo(con, TEACHER, phone_photo(tmp_path), "a.jpg", activity())
    again = add_photo(con, TEACHER, phone_photo(tmp_path), "a.jpg", activity())
    assert (again.status, again.photo_id, again.batch_id) == ("unchanged", first.photo_id, None)
    assert len(listing(con, PHIMPHA)) == 1


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"%PDF-1.4 not a photo", "not an accepted image"),
        (b"\xff\xd8\xff\xe0" + b"\x00" * 100, "not an accepted image"),  # a JPEG header and nothing else
    ],
)
def test_a_file_that_is_not_an_image_is_refused_and_nothing_is_kept(con, tmp_path, content, says):
    path = tmp_path / "photo.jpg"
    path.write_bytes(content)
    with pytest.raises(UnreadableFile) as refused:
        add_photo(con, TEACHER, path, "photo.jpg", activity())
    assert says in refused.value.en and "photo.jpg" in refused.value.th
    assert listing(con, PHIMPHA).empty and con.execute("SELECT count(*) FROM batches").fetchone()[0] == 0


def test_a_decompression_bomb_is_refused_quickly(con, tmp_path):
    bomb = tmp_path / "bomb.png"
    Image.new("1", (12_000, 12_000)).save(bomb)  # 144 megapixels in a few hundred bytes
    assert bomb.stat().st_size < 100_000
    with pytest.raises(UnreadableFile) as refused:
        add_photo(con, TEACHER, bomb, "bomb.png", activity())
    assert "megapixels" in refused.value.en


def test_heic_from_a_phone_is_accepted(con, tmp_path):
    pillow_heif = pytest.importorskip("pillow_heif")
    pillow_heif.register_heif_opener()
    path = tmp_path / "IMG_0002.HEIC"
    Image.new("RGB", (2000, 1500), "green").save(path, format="HEIF")
    saved = add_photo(con, TEACHER, path, "IMG_0002.HEIC", activity())
    assert Image.open(photo_file(con, saved.photo_id)).size == (1600, 1200)


def test_without_consent_or_outside_the_unit_nothing_is_saved(con, tmp_path):
    with pytest.raises(PimpaError, match="agreed"):
        add_photo(con, TEACHER, phone_photo(tmp_path), "a.jpg", activity(consent=False))
    with pytest.raises(Refused):
        add_photo(con, Actor("kru.other", "teacher", "240401"), phone_photo(tmp_path), "a.jpg", activity())
    with pytest.raises(Refused):
        add_photo(con, Actor("assessor", "assessor", "2404"), phone_photo(tmp_path), "a.jpg", activity())
    assert listing(con, "TH").empty


def test_an_evidence_photo_belongs_to_a_recorded_follow_up_and_counts_as_evidence(con, tmp_path):
    import datetime as dt

    from pimpa_data.measures.indicators import compute

    with pytest.raises(PimpaError, match="follow-up"):
        add_photo(con, TEACHER, phone_photo(tmp_path), "e.jpg",
                  activity(kind="evidence", learner_id="p1", followup_date=dt.date(2024, 5, 1)))
    assert compute(con, 2567, "centre", PHIMPHA).iloc[0]["exemplary_no_evidence"] == 1
    add_photo(con, TEACHER, phone_photo(tmp_path), "e.jpg",
              activity(kind="evidence", learner_id="p1", followup_date=dt.date(2024, 4, 1)))
    assert compute(con, 2567, "centre", PHIMPHA).iloc[0]["exemplary_no_evidence"] == 0


def test_undo_removes_the_photo_and_purge_erases_its_file(con, tmp_path):
    saved = add_photo(con, TEACHER, phone_photo(tmp_path), "mistake.jpg", activity())
    kept = add_photo(con, TEACHER, phone_photo(tmp_path, size=(800, 600)), "kept.jpg", activity())
    undo_batch(con, saved.batch_id, TEACHER)
    assert list(listing(con, PHIMPHA)["photo_id"]) == [kept.photo_id]
    assert photo_file(con, saved.photo_id).exists()  # undone, not yet erased
    with pytest.raises(Refused):
        purge(con, TEACHER)
    erased = purge(con, ADMIN)
    assert erased.files == 2 and not photo_file(con, saved.photo_id).exists()
    assert not photo_file(con, saved.photo_id, thumb=True).exists()
    assert photo_file(con, kept.photo_id).exists() and photo_file(con, kept.photo_id, thumb=True).exists()
    assert con.execute("SELECT count(*) FROM audit_log WHERE action = 'purge_photos'").fetchone()[0] == 1


def test_a_signed_off_year_takes_no_photo_and_keeps_its_photos(con, tmp_path):
    saved = add_photo(con, TEACHER, phone_photo(tmp_path), "a.jpg", activity())
    sign_off(con, Actor("director", "director", "2404"), PHIMPHA, 2567)
    with pytest.raises(Refused, match="signed off"):
        add_photo(con, TEACHER, phone_photo(tmp_path, size=(900, 600)), "b.jpg", activity())
    with pytest.raises(PimpaError, match="signed off"):
        undo_batch(con, saved.batch_id, TEACHER)


def test_undoing_the_course_waits_for_its_photos(con, tmp_path):
    from pimpa_data.ingest.loading import load_file

    workbook = tmp_path / "k9.csv"
    workbook.write_text("รหัสหลักสูตร,รหัสตำบล,ชื่อหลักสูตร,จำนวนชั่วโมง,วันเริ่ม,วันสิ้นสุด\n"
                        "K9,240409,ทำขนม,6,1/3/2567,2/3/2567\n", encoding="utf-8")
    report = load_file(con, workbook, who="admin")
    saved = add_photo(con, TEACHER, phone_photo(tmp_path), "a.jpg", activity(course_code="K9"))
    with pytest.raises(PimpaError, match=str(saved.batch_id)):
        undo_batch(con, report.batch_id, "admin")


def test_what_the_worker_sends_back_cannot_run_code(tmp_path, monkeypatch):
    import pickle

    from pimpa_data.ingest import images

    class Evil:
        def __reduce__(self):
            return (print, ("pwned",))

    monkeypatch.setattr(images, "_ask_worker", lambda path: images._PlainUnpickler(
        io.BytesIO(pickle.dumps(("image", Evil(), b"", 1, 1)))).load())
    with pytest.raises(pickle.UnpicklingError):
        images.clean_photo(phone_photo(tmp_path), "x.jpg")


def test_the_command_line_lists_photos_and_purges_what_undo_left(con, tmp_path):
    import json
    import subprocess
    import sys

    saved = add_photo(con, TEACHER, phone_photo(tmp_path), "mistake.jpg", activity())
    undo_batch(con, saved.batch_id, TEACHER)
    kept = add_photo(con, TEACHER, phone_photo(tmp_path, size=(640, 480)), "kept.jpg", activity())
    database = con.execute("SELECT path FROM duckdb_databases() WHERE database_name = current_database()").fetchone()[0]
    con.close()

    def cli(*argv: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "pimpa_data", "--db", database, *argv],
                              capture_output=True, text=True, check=False, timeout=120)

    listed = cli("photos", "list", "--unit", "2404", "--format", "json")
    assert listed.returncode == 0, listed.stderr
    assert [row["photo_id"] for row in json.loads(listed.stdout)] == [kept.photo_id]
    purged = cli("photos", "purge")
    assert purged.returncode == 0 and "erased 2 unreferenced photo files" in purged.stdout
    assert Path(json.loads(listed.stdout)[0]["file"]).exists()


def test_no_comment_or_text_chunk_survives_and_16_bit_grey_keeps_its_tones(con, tmp_path):
    from PIL import PngImagePlugin

    commented = tmp_path / "commented.jpg"
    Image.new("RGB", (800, 600), "white").save(commented, comment=b"COMMENT-SECRET 13.75N 100.5E")
    text = PngImagePlugin.PngInfo()
    text.add_text("comment", "PNG-SECRET home address")
    png = tmp_path / "text.png"
    Image.new("RGB", (800, 600), "white").save(png, pnginfo=text)
    for path in (commented, png):
        saved = add_photo(con, TEACHER, path, path.name, activity(caption=path.name))
        for thumb in (False, True):
            raw = photo_file(con, saved.photo_id, thumb=thumb).read_bytes()
            assert b"SECRET" not in raw and b"\xff\xfe" not in raw[:2000]  # no COM segment either
    grey = tmp_path / "grey16.png"
    Image.new("I;16", (600, 400), 30000).save(grey)
    saved = add_photo(con, TEACHER, grey, "grey16.png", activity(caption="grey"))
    assert abs(Image.open(photo_file(con, saved.photo_id)).getpixel((300, 200))[0] - 30000 // 256) <= 2


def test_undoing_a_visit_waits_for_its_evidence_photo(con, tmp_path):
    import datetime as dt

    from pimpa_data.ingest.form_entry import Visit, record_follow_up

    visit = record_follow_up(con, TEACHER, PHIMPHA, "K1", "p1", Visit(dt.date(2024, 6, 1), True, exemplary=True),
                             today=dt.date(2024, 6, 2))
    photo = add_photo(con, TEACHER, phone_photo(tmp_path), "e.jpg",
                      activity(kind="evidence", learner_id="p1", followup_date=dt.date(2024, 6, 1)))
    with pytest.raises(PimpaError, match=str(photo.batch_id)):
        undo_batch(con, visit.batch_id, TEACHER)
    undo_batch(con, photo.batch_id, TEACHER)
    undo_batch(con, visit.batch_id, TEACHER)
    assert listing(con, PHIMPHA).empty

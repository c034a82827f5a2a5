"""Each role through the real sign-in form: what it sees, and what it is refused.

The accounts live in the sample's database (อำเภอบางปะกง, 2404; ตำบลพิมพา is 240409).
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest
from support import DASHBOARD, ROOT, TIMEOUT

from pimpa_data.access import accounts
from pimpa_data.core import audit, db
from pimpa_data.core.roles import Actor, Refused, cli_actor
from pimpa_data.ingest.undo import UndoRefused, list_batches, undo_batch

PASSWORD = "กศน-พิมพา-2567"  # Thai in a password must work as well as ASCII
ACCOUNTS = {  # username: (role, unit)
    "kru.phimpha": ("teacher", "240409"),
    "director.bpk": ("director", "2404"),
    "assessor.bpk": ("assessor", "2404"),
    "admin": ("admin", "TH"),
}


def with_accounts(path: Path) -> Path:
    with db.connect(path) as con:
        for username, (role, unit) in ACCOUNTS.items():
            accounts.add_user(con, cli_actor(), username, role, unit, PASSWORD, email=f"{username}@example.org")
    return path


@pytest.fixture
def accounts_db(app_db: Path) -> Path:
    """The sample, and an account per role."""
    return with_accounts(app_db)


@pytest.fixture
def real_accounts_db(real_db: Path) -> Path:
    """Real uploads of two centres (the sample removed), and an account per role."""
    return with_accounts(real_db)


def sign_in(username: str, password: str = PASSWORD) -> AppTest:
    app = AppTest.from_file(DASHBOARD, default_timeout=TIMEOUT).run()
    app.text_input(key="signin_username").input(username)
    app.text_input(key="signin_password").input(password)
    app.button[0].click().run()
    assert not app.exception, app.exception
    return app


def page(app: AppTest, name: str) -> AppTest:
    app.switch_page(f"app_pages/{name}.py").run()
    assert not app.exception, app.exception
    return app


def shown_text(app: AppTest) -> str:
    parts = (*app.title, *app.markdown, *app.caption, *app.info, *app.success, *app.error, *app.warning)
    return "\n".join(str(e.value) for e in parts)


def audit_rows(path: Path) -> list[tuple]:
    with duckdb.connect(str(path)) as con:
        return con.execute("SELECT who, action, detail, client FROM audit_log ORDER BY logged_at").fetchall()


# ---------------------------------------------------------------- anonymous

def test_an_anonymous_visitor_sees_only_the_sign_in_form(accounts_db: Path) -> None:
    app = AppTest.from_file(DASHBOARD, default_timeout=TIMEOUT).run()
    assert not app.exception
    assert [t.label for t in app.text_input] == ["ชื่อผู้ใช้", "รหัสผ่าน"]
    assert not app.dataframe and not app.metric and not app.get("plotly_chart")
    assert not app.sidebar.selectbox  # no year, no unit: nothing about the data
    assert "ภาพรวม" not in shown_text(app)


def test_a_wrong_password_and_an_unknown_user_get_the_same_answer(accounts_db: Path) -> None:
    wrong = sign_in("kru.phimpha", "not-the-password")
    unknown = sign_in("nobody.here", "not-the-password")
    assert [e.value for e in wrong.error] == [e.value for e in unknown.error]
    assert "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง" in wrong.error[0].value
    assert not wrong.dataframe
    sign_in("tr0ub4dor&3", "x")  # a password typed into the username box is not kept
    failed = [row for row in audit_rows(accounts_db) if row[1] == "sign_in_failed"]
    assert [row[0] for row in failed] == ["kru.phimpha", "(unknown)", "(unknown)"]


def test_without_accounts_a_remote_visitor_is_told_to_create_the_first_admin(
    app_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pimpa_data.app import signin

    monkeypatch.setattr(signin, "is_local", lambda: False)  # a browser elsewhere, or through a proxy
    app = AppTest.from_file(DASHBOARD, default_timeout=TIMEOUT).run()
    assert "users add" in app.code[0].value
    assert not app.text_input and not app.dataframe


# ---------------------------------------------------------------- teacher

def test_a_teacher_sees_their_centre_with_names_and_may_upload(accounts_db: Path) -> None:
    app = sign_in("kru.phimpha")
    assert [box.label for box in app.sidebar.selectbox] == ["ปีงบประมาณ"]  # no other unit to pick
    assert "ครู กศน.ตำบล" in app.sidebar.markdown[0].value
    page(app, "quality")
    names = app.dataframe[1].value["ชื่อ-สกุล"]
    assert (names != "").all()
    page(app, "upload")
    assert app.file_uploader


def test_a_teacher_uploading_another_centres_workbook_gets_one_clear_line(real_accounts_db: Path) -> None:
    workbook = ROOT / "sample_data" / "240412_เขาดิน_2568.xlsx"
    app = page(sign_in("kru.phimpha"), "upload")
    app.file_uploader[0].set_value((workbook.name, workbook.read_bytes(), "application/octet-stream")).run()
    lines = [m.value for m in app.markdown if m.value.startswith("- **")]
    assert len(lines) == 1
    assert "240412" in lines[0] and "นอกหน่วยของคุณ (240409)" in lines[0]
    assert app.button(key="upload_confirm").disabled


def test_a_teacher_may_undo_only_their_centres_batches(real_accounts_db: Path) -> None:
    app = page(sign_in("kru.phimpha"), "upload")
    offered = next(box for box in app.selectbox if box.label == "ชุดนำเข้าที่จะยกเลิก").options
    assert offered and all("240409" in option for option in offered)
    history = app.dataframe[-1].value
    assert set(history["ไฟล์"].str[:6]) == {"240409"}


# ---------------------------------------------------------------- director

def test_a_director_sees_the_district_with_names_but_cannot_upload(accounts_db: Path) -> None:
    app = sign_in("director.bpk")
    assert [box.label for box in app.sidebar.selectbox] == ["ปีงบประมาณ", "กศน.ตำบล"]
    page(app, "quality")
    assert (app.dataframe[1].value["ชื่อ-สกุล"] != "").all()
    workbook = ROOT / "sample_data" / "240409_พิมพา_2569.xlsx"
    with db.connect(accounts_db) as con, pytest.raises(Refused, match="cannot upload"):
        from pimpa_data.ingest.loading import load_file

        load_file(con, workbook, who=Actor("director.bpk", "director", "2404"))


def not_a_page_for(app: AppTest, name: str) -> bool:
    """True when the router offers no such page to the signed-in role (not merely hides a link)."""
    try:
        app.switch_page(f"app_pages/{name}.py")
    except ValueError as error:
        return "Could not find a navigation page" in str(error)
    return False


def test_a_director_is_not_given_the_upload_page(accounts_db: Path) -> None:
    app = sign_in("director.bpk")
    assert not_a_page_for(app, "upload")
    assert not not_a_page_for(app, "followup")


# ---------------------------------------------------------------- assessor

def test_an_assessor_sees_indicators_and_evidence_without_names(accounts_db: Path) -> None:
    app = page(sign_in("assessor.bpk"), "quality")
    assert app.dataframe[0].value.shape[0] > 0  # the SAR table
    assert (app.dataframe[1].value["ชื่อ-สกุล"] == "").all()
    assert any("PDPA" in c.value for c in app.caption)
    assert not [box for box in app.checkbox if box.label == "รวมชื่อผู้เรียน (บันทึกการดาวน์โหลดไว้)"]
    assert "ค่าเป้าหมายของ" not in shown_text(app)  # targets are the admin's
    assert not_a_page_for(app, "upload")


# ---------------------------------------------------------------- admin

def test_an_admin_adds_an_account_through_the_accounts_page(accounts_db: Path) -> None:
    app = page(sign_in("admin"), "accounts")
    app.text_input(key="new_username").input("kru.bangwua")
    app.text_input(key="new_unit").input("240403")
    app.text_input(key="new_password").input("another-pass-9")
    app.text_input(key="new_password_again").input("another-pass-9")
    next(b for b in app.button if b.label == "เพิ่มบัญชี").click().run()
    assert not app.exception
    assert "เพิ่มบัญชี kru.bangwua แล้ว" in shown_text(app)
    with db.connect(accounts_db) as con:
        assert accounts.account_actor(con, "kru.bangwua") == Actor("kru.bangwua", "teacher", "240403")
    logged = [row[:3] for row in audit_rows(accounts_db)]
    assert ("admin", "add_user", "user=kru.bangwua role=teacher unit=240403") in logged


def test_only_an_admin_gets_the_accounts_and_audit_pages(accounts_db: Path) -> None:
    admin = page(sign_in("admin"), "audit")
    log = admin.dataframe[0].value
    assert ("admin", "เข้าสู่ระบบ") in set(zip(log["ผู้ใช้"], log["การกระทำ"]))
    for username in ("kru.phimpha", "director.bpk", "assessor.bpk"):
        app = sign_in(username)
        assert not_a_page_for(app, "audit") and not_a_page_for(app, "accounts")


# ---------------------------------------------------------------- sessions

def test_disabling_an_account_ends_its_session_at_the_next_click(accounts_db: Path) -> None:
    app = sign_in("kru.phimpha")
    assert app.sidebar.selectbox
    with db.connect(accounts_db) as con:
        accounts.set_active(con, cli_actor(), "kru.phimpha", False)
    app.run()
    assert [t.label for t in app.text_input] == ["ชื่อผู้ใช้", "รหัสผ่าน"]
    assert "เข้าสู่ระบบอีกครั้ง" in shown_text(app)


def test_signing_out_returns_to_the_form_and_is_logged(accounts_db: Path) -> None:
    app = sign_in("director.bpk")
    app.sidebar.button(key="sign_out").click().run()
    assert [t.label for t in app.text_input] == ["ชื่อผู้ใช้", "รหัสผ่าน"]
    actions = [row[1] for row in audit_rows(accounts_db) if row[0] == "director.bpk"]
    assert actions == ["sign_in", "sign_out"]


def test_single_sign_on_matches_an_account_only_by_a_verified_email(accounts_db: Path) -> None:
    app = AppTest.from_file(DASHBOARD, default_timeout=TIMEOUT)
    app.user = {"is_logged_in": True, "email": "director.bpk@example.org", "email_verified": True}
    app.run()
    assert "ผู้อำนวยการ" in app.sidebar.markdown[0].value
    with duckdb.connect(str(accounts_db)) as con:  # a session of its own, so idle time and sign-out apply
        assert con.execute("SELECT username FROM sessions WHERE revoked_at IS NULL").fetchall() == [("director.bpk",)]
    assert ("director.bpk", "sign_in") in [row[:2] for row in audit_rows(accounts_db)]
    unverified = AppTest.from_file(DASHBOARD, default_timeout=TIMEOUT)
    unverified.user = {"is_logged_in": True, "email": "director.bpk@example.org", "email_verified": False}
    unverified.run()
    assert [t.label for t in unverified.text_input] == ["ชื่อผู้ใช้", "รหัสผ่าน"]


def test_an_admin_saves_a_target_on_the_quality_page(accounts_db: Path) -> None:
    app = page(sign_in("admin"), "quality")
    app.number_input(key="target_1_1").set_value(85.0).run()
    app.button(key="target_save").click().run()
    assert not app.exception
    assert any("บันทึก" in s.value for s in app.success)
    with duckdb.connect(str(accounts_db)) as con:
        saved = con.execute("SELECT unit_code, target_pct FROM targets WHERE indicator = '1.1' AND updated_by = 'admin'"
                            " AND fiscal_year = 2569").fetchall()
    assert [(unit, float(pct)) for unit, pct in saved] == [("2404", 85.0)]  # the sidebar's unit: the one district


def test_a_teachers_history_keeps_out_other_centres_batches_even_undone(real_accounts_db: Path) -> None:
    with db.connect(real_accounts_db) as con:
        theirs = next(b for b in list_batches(con) if b["file_name"].startswith("240412"))["batch_id"]
        undo_batch(con, theirs, cli_actor())
    app = page(sign_in("kru.phimpha"), "upload")
    history = app.dataframe[-1].value
    assert theirs not in set(history["ชุดนำเข้า"]) and set(history["ไฟล์"].str[:6]) == {"240409"}


def test_the_local_admin_of_an_installation_without_accounts_creates_none(app_db: Path) -> None:
    app = AppTest.from_file(DASHBOARD, default_timeout=TIMEOUT).run()
    assert "ผู้ดูแลระบบในเครื่องนี้" in app.sidebar.markdown[0].value
    assert not_a_page_for(app, "accounts")
    local = Actor("local:someone", "admin", "TH", local=True)
    with db.connect(app_db) as con, pytest.raises(Refused, match="users add"):
        accounts.add_user(con, local, "mallory", "admin", "TH", "a-long-password")


def test_a_teacher_records_a_visit_from_the_due_list(real_accounts_db: Path) -> None:
    app = page(sign_in("kru.phimpha"), "followup")
    due = app.dataframe[0].value
    assert "เบอร์โทรศัพท์" in due.columns  # (these workbooks have no phone column: blank, not "None")
    assert not due["เบอร์โทรศัพท์"].isna().any()
    before = len(due)
    app.selectbox(key="visit_who").select_index(0).run()
    name = app.selectbox(key="visit_who").value
    app.radio[0].set_value(True)
    app.number_input[1].set_value(6000.0)
    app.text_area[0].input("ภาพถ่ายแผงขายขนม")
    next(b for b in app.button if b.label == "บันทึกการติดตาม").click().run()
    assert not app.exception
    assert any("บันทึกการติดตาม" in s.value and "แล้ว" in s.value for s in app.success), [e.value for e in app.error]
    assert len(app.dataframe[0].value) == before - 1  # followed up: off the due list at once
    with duckdb.connect(str(real_accounts_db)) as con:
        assert con.execute("SELECT source, loaded_by FROM batches ORDER BY batch_id DESC LIMIT 1").fetchone() == (
            "form", "kru.phimpha")
    assert name is not None


def test_phone_numbers_show_where_names_do(app_db: Path) -> None:
    import datetime as dt

    from pimpa_data.measures.queries import follow_ups_due

    with db.connect(app_db) as con:  # the sample's learners have (made-up) phone numbers
        shown = follow_ups_due(con, 2569, "240409", dt.date(2026, 11, 29), True)
        hidden = follow_ups_due(con, 2569, "240409", dt.date(2026, 11, 29), False)
    assert len(shown) > 0 and shown["phone"].str.fullmatch(r"08\d-\d{3}-\d{4}").all()
    assert (hidden["phone"] == "").all() and (hidden["learner_name"] == "").all()


def test_an_assessor_sees_the_due_list_without_names_phones_or_the_form(real_accounts_db: Path) -> None:
    app = page(sign_in("assessor.bpk"), "followup")
    due = app.dataframe[0].value
    assert (due["ชื่อ-สกุล"] == "").all() and (due["เบอร์โทรศัพท์"] == "").all()
    assert not [box for box in app.selectbox if box.key == "visit_who"]


def test_a_director_signs_off_a_centres_year_and_the_teachers_upload_waits(real_accounts_db: Path) -> None:
    director = sign_in("director.bpk")
    director.sidebar.selectbox[1].set_value("240409").run()  # the centre picker: ตำบลพิมพา
    page(director, "quality")
    director.checkbox(key="signoff_sure").check().run()
    director.button(key="signoff_button").click().run()
    assert not director.exception
    assert any("ลงนามรับรองแล้วโดย director.bpk" in s.value for s in director.success)
    assert "ลงนามรับรองแล้วโดย director.bpk" in director.caption[0].value  # wherever the centre-year shows

    teacher = page(sign_in("kru.phimpha"), "upload")
    workbook = ROOT / "sample_data" / "240409_พิมพา_2569.xlsx"
    teacher.file_uploader[0].set_value((workbook.name, workbook.read_bytes(), "application/octet-stream")).run()
    assert any("ไม่มีอะไรเปลี่ยน" in m.value for m in teacher.markdown)
    with db.connect(real_accounts_db) as con:
        batch = next(b for b in list_batches(con) if b["file_name"].startswith("240409"))["batch_id"]
        with pytest.raises(UndoRefused, match=r"director\.bpk"):
            undo_batch(con, batch, Actor("kru.phimpha", "teacher", "240409"))

    page(director, "quality").button(key="signoff_reopen").click().run()
    assert not any("ลงนามรับรองแล้วโดย" in c.value for c in director.caption)


def test_an_assessor_reviews_a_cell_and_the_sar_table_shows_it(accounts_db: Path) -> None:
    app = page(sign_in("assessor.bpk"), "quality")
    app.radio(key="review_status").set_value("remark")
    app.text_area(key="review_note").input("ตัวหารไม่ตรงกับทะเบียน")
    next(b for b in app.button if b.label == "บันทึกผลการตรวจ").click().run()
    assert not app.exception
    sar = app.dataframe[0].value
    district = sar[(sar["หน่วย"] == "อำเภอบางปะกง") & (sar["ตัวบ่งชี้"] == "1.1")]
    assert list(district["การตรวจ"]) == ["มีข้อสังเกต"]
    reviews = next(frame.value for frame in app.dataframe if "ผู้ตรวจ" in frame.value.columns)
    assert list(reviews["บันทึก"]) == ["ตัวหารไม่ตรงกับทะเบียน"] and list(reviews["ผู้ตรวจ"]) == ["assessor.bpk"]
    teacher = page(sign_in("kru.phimpha"), "quality")
    assert not [box for box in teacher.radio if box.key == "review_status"]  # teachers read, not review


def test_the_due_list_marks_graduates_whose_year_is_signed_off(real_accounts_db: Path) -> None:
    from pimpa_data.core.signoffs import sign_off

    with db.connect(real_accounts_db) as con:
        sign_off(con, Actor("director.bpk", "director", "2404"), "240409", 2569)
    app = page(sign_in("kru.phimpha"), "followup")
    assert app.dataframe[0].value["สถานะ"].str.endswith("ปีนี้ลงนามรับรองแล้ว (บันทึกเพิ่มไม่ได้)").all()


def test_an_admin_turns_the_evidence_rule_on_and_1_3_leaves_out_rows_without_evidence(accounts_db: Path) -> None:
    from pimpa_data.measures.indicators import compute

    with db.connect(accounts_db) as con:
        before = compute(con, 2569, "district", "2404").iloc[0]
    assert before["exemplary_no_evidence"] > 0  # the sample has some, so the rule changes something
    app = page(sign_in("admin"), "quality")
    app.toggle(key="evidence_rule").set_value(True).run()
    app.button(key="evidence_rule_save").click().run()
    assert not app.exception and any("เกณฑ์หลักฐาน" in s.value for s in app.success)
    with db.connect(accounts_db) as con:
        after = compute(con, 2569, "district", "2404").iloc[0]
    assert after["numerator_1_3"] == before["numerator_1_3"] - before["exemplary_no_evidence"]
    assert after["exemplary_no_evidence"] == before["exemplary_no_evidence"]


def _photo(name: str = "IMG_0100.jpg") -> tuple[str, bytes, str]:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (1200, 900), (40, 120, 200)).save(buffer, "JPEG")
    return (name, buffer.getvalue(), "image/jpeg")


def test_a_teacher_adds_an_activity_photo_to_a_course_and_the_assessor_does_not_see_it(real_accounts_db: Path) -> None:
    app = page(sign_in("kru.phimpha"), "courses")
    app.file_uploader(key=next(w.key for w in app.file_uploader if str(w.key).endswith("-file"))).set_value(_photo())
    app.text_input(key=next(w.key for w in app.text_input if str(w.key).endswith("-caption"))).input("ฝึกทำขนม")
    app.checkbox(key=next(w.key for w in app.checkbox if str(w.key).endswith("-consent"))).check()
    next(b for b in app.button if b.label == "บันทึกภาพ").click().run()
    assert not app.exception and any("บันทึกภาพแล้ว" in s.value for s in app.success), [e.value for e in app.error]
    assert [c for image in app.get("image") for c in image.captions] == ["ฝึกทำขนม"]  # the gallery shows it
    with duckdb.connect(str(real_accounts_db)) as con:
        assert con.execute("SELECT kind, caption, consent, added_by FROM photos").fetchall() == [
            ("activity", "ฝึกทำขนม", True, "kru.phimpha")]
    assessor = page(sign_in("assessor.bpk"), "courses")
    assert not assessor.get("image") and "ภาพกิจกรรม" not in [h.value for h in assessor.subheader]


def test_a_visit_with_an_evidence_photo_and_no_consent_saves_nothing(real_accounts_db: Path) -> None:
    app = page(sign_in("kru.phimpha"), "followup")
    app.selectbox(key="visit_who").select_index(0).run()
    app.file_uploader(key="visit_photo").set_value(_photo())
    next(b for b in app.button if b.label == "บันทึกการติดตาม").click().run()
    assert any("ยินยอม" in e.value for e in app.error)
    with duckdb.connect(str(real_accounts_db)) as con:
        assert con.execute("SELECT count(*) FROM batches WHERE source IN ('form', 'photo')").fetchone()[0] == 0


def test_a_visit_saves_its_evidence_photo_and_the_assessor_sees_it_logged(real_accounts_db: Path) -> None:
    app = page(sign_in("kru.phimpha"), "followup")
    app.selectbox(key="visit_who").select_index(0).run()
    app.radio[0].set_value(True)
    app.checkbox(key="visit_photo_consent").check()
    app.file_uploader(key="visit_photo").set_value(_photo("evidence.heic"))
    next(cb for cb in app.checkbox if cb.label.startswith("เป็นแบบอย่าง") or "แบบอย่าง" in cb.label).check()
    next(b for b in app.button if b.label == "บันทึกการติดตาม").click().run()
    assert not app.exception, app.exception
    with duckdb.connect(str(real_accounts_db)) as con:
        kinds = con.execute("SELECT source FROM batches WHERE source IN ('form', 'photo') ORDER BY batch_id").fetchall()
        assert kinds == [("form",), ("photo",)]
        assert con.execute("SELECT kind FROM photos").fetchall() == [("evidence",)]
    assessor = page(sign_in("assessor.bpk"), "quality")
    assessor.selectbox(key="drill_indicator").select("1.3").run()
    assert any(e.label.startswith("ภาพหลักฐาน") for e in assessor.expander)
    with duckdb.connect(str(real_accounts_db)) as con:
        audit.buffer_of(con).flush(con)  # views are written in batches; the test does not wait for one
        logged = con.execute("SELECT who, detail FROM audit_log WHERE action = 'view_photos'").fetchall()
    assert logged and logged[0][0] == "assessor.bpk"


def test_a_teacher_writes_the_reports_sections_and_makes_the_report(real_accounts_db: Path) -> None:
    app = page(sign_in("kru.phimpha"), "reports")
    app.text_area(key="narrative_title").input("การส่งเสริมอาชีพแปรรูปอาหารทะเล")
    app.text_area(key="narrative_background").input("ผู้ว่างงานและแม่บ้าน <script>alert(1)</script>")
    next(b for b in app.button if b.label == "บันทึกเนื้อหา").click().run()
    assert not app.exception and any("บันทึกแล้ว: ชื่อผลงาน, ความเป็นมา" in s.value for s in app.success)
    assert app.text_area(key="narrative_title").value == "การส่งเสริมอาชีพแปรรูปอาหารทะเล"
    app.radio(key="report_format").set_value("docx")
    next(b for b in app.button if b.label == "สร้างรายงาน").click().run()
    assert not app.exception, app.exception
    download = next(b for b in app.get("download_button") if b.label.startswith("ดาวน์โหลด"))
    assert download.proto.label.endswith(".docx")
    with duckdb.connect(str(real_accounts_db)) as con:
        kept = con.execute("SELECT section, written_by FROM narratives ORDER BY section").fetchall()
        audit.buffer_of(con).flush(con)
        made = con.execute("SELECT who FROM audit_log WHERE action = 'report'").fetchall()
    assert kept == [("background", "kru.phimpha"), ("title", "kru.phimpha")] and made == [("kru.phimpha",)]


def test_the_reports_sections_are_read_only_for_an_assessor_and_on_a_signed_off_year(real_accounts_db: Path) -> None:
    from pimpa_data.core.signoffs import sign_off
    from pimpa_data.ingest import narrative

    assessor = page(sign_in("assessor.bpk"), "reports")
    assessor.sidebar.selectbox[1].set_value("240409").run()  # the centre picker: ตำบลพิมพา
    assert not assessor.text_area and any("ยังไม่ได้เขียน" in i.value for i in assessor.info)  # no empty boxes
    with db.connect(real_accounts_db) as con:
        narrative.save(con, Actor("kru.phimpha", "teacher", "240409"), "240409", 2569, {"title": "ชื่อผลงานทดสอบ"})
    assessor.run()
    assert [area.key for area in assessor.text_area] == ["narrative_title"]  # what is written, and only that
    assert assessor.text_area(key="narrative_title").disabled
    assert any(c.value.startswith("อ่านอย่างเดียว") for c in assessor.caption)
    with db.connect(real_accounts_db) as con:
        sign_off(con, Actor("director.bpk", "director", "2404"), "240409", 2569)
    teacher = page(sign_in("kru.phimpha"), "reports")
    assert teacher.text_area(key="narrative_title").disabled
    assert any("ลงนามรับรองแล้วโดย director.bpk" in i.value for i in teacher.info)

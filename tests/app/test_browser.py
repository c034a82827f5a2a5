"""The dashboard in a real browser: Debian's Chromium driven by Playwright.

Starts `streamlit run dashboard.py` on a database that does not exist yet (so the first run
creates it from sample_data/, as for a new user), opens every page, uploads a file, and saves
screenshots to test-artifacts/screenshots/ for people to look at.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import thai_id, write_xlsx

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
SHOTS = ROOT / "test-artifacts" / "screenshots"
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]
PAGES = (
    ("", "ภาพรวม"), ("quality", "มาตรฐานคุณภาพ"), ("courses", "หลักสูตรและผู้เรียน"),
    ("income", "รายได้และการประกอบอาชีพ"), ("followup", "การติดตามผู้จบหลักสูตร"), ("data-quality", "คุณภาพข้อมูล"),
    ("upload", "นำเข้าข้อมูล"),
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists() and not os.environ.get("CI"),
                       reason="Debian's chromium is not installed (scripts/test.sh installs it)"),
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url: str, process: subprocess.Popen, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited: {process.stdout.read() if process.stdout else ''}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise TimeoutError(f"the dashboard did not start at {url}")


DATABASE: dict[str, Path] = {}


@pytest.fixture(scope="module")
def dashboard(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    DATABASE["path"] = tmp_path_factory.mktemp("browser") / "first-run.duckdb"
    yield from serve(DATABASE["path"])


def serve(database: Path) -> Iterator[str]:
    port = free_port()
    env = {**os.environ, "PIMPA_DB": str(database)}
    env.pop("PIMPA_USER_UNIT", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.headless", "true",
         "--server.port", str(port), "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(url, process)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=20)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def page(dashboard: str, browser):
    context = browser.new_context(viewport={"width": 1366, "height": 1800}, locale="th-TH")
    yield context.new_page()
    context.close()


def settle(tab, title: str) -> None:
    """Wait for the page's title, then for Streamlit to finish running the script."""
    tab.get_by_role("heading", name=title).first.wait_for(timeout=120_000)
    tab.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=120_000
    )
    tab.wait_for_timeout(1500)  # let plotly finish drawing before the screenshot


@pytest.mark.parametrize(("path", "title"), PAGES)
def test_every_page_opens_without_an_error(dashboard: str, page, path: str, title: str) -> None:
    page.goto(f"{dashboard}/{path}")
    settle(page, title)
    page.screenshot(path=str(SHOTS / f"{path or 'overview'}.png"), full_page=True)
    assert page.locator("[data-testid='stException']").count() == 0
    assert page.get_by_text("ข้อมูลตัวอย่าง").first.is_visible()


def uploader_words(page) -> list[str]:
    """What the uploader's button and limits line show: Streamlit's words, or the CSS put over them."""
    return page.evaluate("""() => [...document.querySelectorAll('[data-testid="stFileUploaderDropzone"] button p,'
        + ' [data-testid="stFileUploaderDropzoneInstructions"] span')].map(e => getComputedStyle(e).fontSize === '0px'
        ? getComputedStyle(e, '::after').content : e.innerText)""")


def test_uploading_a_workbook_in_the_browser(dashboard: str, page, tmp_path: Path) -> None:
    header = ["รหัสหลักสูตร", "รหัสตำบล", "ชื่อหลักสูตร", "จำนวนชั่วโมง", "วันเริ่ม", "วันสิ้นสุด"]
    learners = [["รหัสหลักสูตร", "เลขประจำตัวประชาชน", "ชื่อ-สกุล", "ผลการประเมิน"]]
    learners += [["WEB-2569-01", thai_id(700 + n, 4), f"นางสาวทดลอง{n} รักเรียน", "ผ่าน"] for n in range(5)]
    workbook = write_xlsx(tmp_path / "ทดลองอัปโหลด.xlsx", {
        "หลักสูตร": [["ทะเบียนหลักสูตร"], header, ["WEB-2569-01", "กศน.ตำบลพิมพา", "การทำขนมกล้วย", 6,
                                                 "2 ก.ย. 69", "5 ก.ย. 69"]],
        "ผู้เรียน": learners,
    })
    page.goto(f"{dashboard}/upload")
    settle(page, "นำเข้าข้อมูล")
    # A first run holds the sample: real data waits until the (local) admin removes it, in one step.
    page.get_by_text("ลบข้อมูลตัวอย่างทั้งหมด").click()
    page.get_by_role("button", name="ลบข้อมูลตัวอย่าง").click()
    page.get_by_text("ลบข้อมูลตัวอย่างแล้ว").first.wait_for(timeout=60_000)
    page.screenshot(path=str(SHOTS / "sample-removed.png"), full_page=True)
    assert uploader_words(page) == ['"เลือกไฟล์"', '"ไม่เกิน 50 MB ต่อไฟล์ • XLSX, XLSM, XLS, ODS, CSV"']
    page.locator("input[type='file']").set_input_files(str(workbook))
    page.get_by_text("พร้อมบันทึก").first.wait_for(timeout=60_000)
    page.screenshot(path=str(SHOTS / "upload-preview.png"), full_page=True)
    page.get_by_role("button", name="ยืนยันบันทึกไฟล์ที่พร้อม").click()
    page.get_by_text("บันทึกเรียบร้อย").first.wait_for(timeout=60_000)
    page.screenshot(path=str(SHOTS / "upload-saved.png"), full_page=True)
    assert page.locator("[data-testid='stException']").count() == 0


def test_a_page_opened_by_its_own_link_still_has_the_sidebar(dashboard: str, page) -> None:
    page.goto(f"{dashboard}/followup")  # a bookmark, or the browser's reload button
    settle(page, "การติดตามผู้จบหลักสูตร")
    assert page.get_by_text("ปีงบประมาณ").first.is_visible()
    assert page.get_by_role("link", name="ภาพรวม").count() == 1


def test_switching_to_english_relabels_the_sidebar_too(dashboard: str, page) -> None:
    page.goto(f"{dashboard}/courses")
    settle(page, "หลักสูตรและผู้เรียน")
    page.get_by_text("English", exact=True).click()
    settle(page, "Courses and learners")
    page.screenshot(path=str(SHOTS / "courses-english.png"), full_page=True)
    choices = page.locator("[data-testid='stSidebar'] input[role='combobox']")
    shown = [choices.nth(i).input_value() for i in range(choices.count())]
    # The sample is gone (the upload test removed it): one centre's data, so it is chosen for the user.
    assert shown == ["FY 2569 (BE)", "Chachoengsao", "Bang Pakong", "Phimpha"]


def test_the_command_line_works_while_the_dashboard_runs(dashboard: str, page, tmp_path: Path) -> None:
    """The dashboard owns the file; a load from the command line runs through it and shows at once."""
    page.goto(f"{dashboard}/upload")
    settle(page, "นำเข้าข้อมูล")  # the dashboard has opened the database by now
    courses = write_xlsx(tmp_path / "จากคำสั่ง.xlsx", {"หลักสูตร": [
        ["รหัสหลักสูตร", "รหัสตำบล", "ชื่อหลักสูตร", "จำนวนชั่วโมง", "วันเริ่ม", "วันสิ้นสุด"],
        ["CLI-2569-01", "240409", "การทำน้ำพริก", 6, "2 ก.ย. 69", "5 ก.ย. 69"],
    ]})
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "pimpa_data", "--db", str(DATABASE["path"])]
    loads = [subprocess.Popen([*command, "load", str(courses)], cwd=ROOT, env=env, text=True,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(2)]
    results = [(load.wait(timeout=120), load.stdout.read(), load.stderr.read()) for load in loads]
    assert [code for code, _, _ in results] == [0, 0], results
    listed = subprocess.run([*command, "batches"], cwd=ROOT, env=env, text=True, capture_output=True, timeout=120)
    assert listed.returncode == 0 and listed.stdout.count("จากคำสั่ง.xlsx") == 1
    page.reload()
    settle(page, "นำเข้าข้อมูล")
    page.screenshot(path=str(SHOTS / "upload-after-command-line-load.png"), full_page=True)
    assert "จากคำสั่ง.xlsx" in page.content()  # the newest batch, offered for undo (the table is a canvas)


# ---------------------------------------------------------------- signing in

PASSWORD = "browser-pass-2569"


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A dashboard with accounts: a district server, not a laptop."""
    from pimpa_data.access import accounts
    from pimpa_data.core.roles import cli_actor
    from pimpa_data.ingest.loading import load_file
    from pimpa_data.ingest.undo import remove_sample
    from pimpa_data.sample import bootstrap

    database = tmp_path_factory.mktemp("office") / "pimpa.duckdb"
    con = bootstrap.open_database(database)
    remove_sample(con, cli_actor())  # a server in use: the sample gone, the centre's own workbook in
    load_file(con, ROOT / "sample_data" / "240409_พิมพา_2569.xlsx", who=cli_actor())
    accounts.add_user(con, cli_actor(), "kru.phimpha", "teacher", "240409", PASSWORD, "ครูพิมพา ทดสอบ")
    con.close()
    yield from serve(database)


def sign_in_form_only(tab) -> bool:
    tab.get_by_role("heading", name="เข้าสู่ระบบ / Sign in").wait_for(timeout=120_000)
    return tab.get_by_role("link", name="ภาพรวม").count() == 0 and tab.locator("[data-testid='stMetric']").count() == 0


def test_sign_in_survives_a_reload_until_sign_out(office: str, browser) -> None:
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="th-TH")
    tab = context.new_page()
    tab.goto(f"{office}/quality")  # a bookmark to a page with names: the form, nothing else
    assert sign_in_form_only(tab)
    tab.screenshot(path=str(SHOTS / "signin.png"), full_page=True)
    tab.get_by_label("ชื่อผู้ใช้").fill("kru.phimpha")
    tab.get_by_label("รหัสผ่าน").fill(PASSWORD)
    tab.get_by_role("button", name="เข้าสู่ระบบ").click()
    settle(tab, "มาตรฐานคุณภาพ")  # the page the bookmark asked for
    assert tab.get_by_text("ครูพิมพา ทดสอบ").first.is_visible()
    cookie = next(c for c in context.cookies() if c["name"] == "pimpa_session")
    assert cookie["sameSite"] == "Strict" and PASSWORD not in cookie["value"]

    tab.reload()  # a new Streamlit session: only the cookie can carry the sign-in across
    settle(tab, "มาตรฐานคุณภาพ")
    assert tab.get_by_text("ครูพิมพา ทดสอบ").first.is_visible()
    tab.screenshot(path=str(SHOTS / "signed-in-teacher.png"), full_page=True)

    tab.get_by_role("button", name="ออกจากระบบ").click()
    assert sign_in_form_only(tab)
    tab.reload()
    assert sign_in_form_only(tab)
    assert not [c for c in context.cookies() if c["name"] == "pimpa_session" and c["value"]]
    context.close()


def test_the_sign_in_form_fits_a_phone(office: str, browser) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="th-TH", is_mobile=True)
    tab = context.new_page()
    tab.goto(office)
    assert sign_in_form_only(tab)
    tab.screenshot(path=str(SHOTS / "signin-phone.png"), full_page=True)
    assert tab.evaluate("document.documentElement.scrollWidth") <= 390
    context.close()


def test_a_visit_recorded_on_a_phone(office: str, browser) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="th-TH", is_mobile=True)
    tab = context.new_page()
    tab.goto(f"{office}/followup")
    assert sign_in_form_only(tab)
    tab.get_by_label("ชื่อผู้ใช้").fill("kru.phimpha")
    tab.get_by_label("รหัสผ่าน").fill(PASSWORD)
    tab.get_by_role("button", name="เข้าสู่ระบบ").click()
    settle(tab, "การติดตามผู้จบหลักสูตร")
    tab.screenshot(path=str(SHOTS / "followup-phone.png"), full_page=True)
    picker = tab.get_by_label("ผู้จบหลักสูตรที่ไปติดตาม")
    picker.scroll_into_view_if_needed()
    picker.click()
    tab.keyboard.press("ArrowDown")
    tab.keyboard.press("Enter")
    tab.get_by_label("รายได้หลังเรียน (บาท/เดือน)").wait_for(timeout=60_000)
    tab.get_by_label("รายได้หลังเรียน (บาท/เดือน)").fill("6500")
    tab.get_by_label("หลักฐาน/ร่องรอย", exact=True).fill("ภาพถ่ายแผงขายขนม")
    tab.screenshot(path=str(SHOTS / "visit-form-phone.png"), full_page=True)
    assert tab.evaluate("document.documentElement.scrollWidth") <= 390
    tab.get_by_role("button", name="บันทึกการติดตาม").click()
    tab.get_by_text("ตัวบ่งชี้ปรับตามแล้ว").first.wait_for(timeout=60_000)
    tab.screenshot(path=str(SHOTS / "visit-saved-phone.png"), full_page=True)
    assert tab.locator("[data-testid='stException']").count() == 0
    context.close()

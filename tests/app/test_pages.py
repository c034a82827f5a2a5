"""Every dashboard page under Streamlit's AppTest, on the sample data of อำเภอบางปะกง.

The database is built once from sample_data/ (as a first run does) and copied for each test,
so a test that uploads or undoes cannot disturb another.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd
import pytest
from conftest import thai_id, write_xlsx
from streamlit.testing.v1 import AppTest
from support import DASHBOARD, PAGES, ROOT, TIMEOUT, open_page

from pimpa_data.core import db
from pimpa_data.ingest.limits import MAX_FILE_BYTES


def texts(app: AppTest) -> str:
    parts = [e.value for e in (*app.title, *app.markdown, *app.caption, *app.info, *app.success)]
    return "\n".join(str(part) for part in parts)


def count_rows(path: Path, table: str) -> int:
    with duckdb.connect(str(path)) as con:  # the app holds it open in this process: same settings
        return con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


# ---------------------------------------------------------------- every page

@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_on_the_sample_with_its_thai_title(app_db: Path, page: str) -> None:
    app = open_page(page)
    titles = {"overview": "ภาพรวม", "quality": "มาตรฐานคุณภาพ", "courses": "หลักสูตรและผู้เรียน",
              "income": "รายได้และการประกอบอาชีพ", "followup": "การติดตามผู้จบหลักสูตร", "upload": "นำเข้าข้อมูล",
              "data_quality": "คุณภาพข้อมูล"}
    assert app.title[0].value == titles[page]
    assert "ข้อมูลตัวอย่าง" in app.info[0].value  # the sample-data notice


def test_sidebar_defaults_to_the_newest_year_and_the_only_district(app_db: Path) -> None:
    app = open_page("overview")
    year, province, district, centre = (box.value for box in app.sidebar.selectbox)
    assert (year, province, district, centre) == (2569, "24", "2404", "")
    assert app.sidebar.selectbox[0].options[0].endswith("2569")  # newest first
    assert "อำเภอบางปะกง · ปีงบประมาณ 2569" in texts(app)


def test_overview_shows_the_three_indicators_against_target(app_db: Path) -> None:
    app = open_page("overview")
    labels = [m.label for m in app.metric]
    assert any(label.startswith("ตัวบ่งชี้ 1.1") for label in labels)
    assert any(label.startswith("ตัวบ่งชี้ 1.3") for label in labels)
    graduates = next(m.value for m in app.metric if m.label == "ผู้จบหลักสูตร")
    assert int(graduates.replace(",", "")) > 0
    assert len(app.get("plotly_chart")) >= 4


def test_english_switch_relabels_the_page(app_db: Path) -> None:
    app = open_page("overview", lang="en")
    assert app.title[0].value == "Overview"
    assert any(m.label == "Graduates" for m in app.metric)
    assert "FY 2569" in texts(app)


def test_choosing_a_centre_narrows_the_scope(app_db: Path) -> None:
    # AppTest drops the sidebar of an st.navigation app on reruns, so the choice is made up front.
    district = open_page("overview")
    app = open_page("overview", unit_province="24", unit_district="2404", unit_centre="240409")
    assert "กศน.ตำบลพิมพา · ปีงบประมาณ 2569" in texts(app)

    def enrolled(page: AppTest) -> int:
        return int(next(m.value for m in page.metric if m.label.startswith("ผู้เรียน")).replace(",", ""))

    assert 0 < enrolled(app) < enrolled(district)


def test_a_year_without_courses_tells_the_user_to_upload(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "empty.duckdb"
    db.connect(path).close()  # exists, so no sample is loaded
    monkeypatch.setenv("PIMPA_DB", str(path))
    app = open_page("overview")
    assert "นำเข้าข้อมูล" in app.info[0].value


def test_quality_page_has_the_sar_table_drill_down_and_flags(app_db: Path) -> None:
    app = open_page("quality")
    sar = app.dataframe[0].value
    assert list(sar.columns[:2]) == ["หน่วย", "ตัวบ่งชี้"]
    assert len(sar) == 3 * 13  # the district and its 12 centres, three indicators each
    first = sar.iloc[0]
    drill = app.dataframe[1].value
    assert len(drill) == first["ตัวตั้ง (คน)"]  # the rows behind 1.1's numerator
    assert {"ชื่อ-สกุล", "เลขประจำตัว"} <= set(drill.columns)
    assert all(label.endswith(")") for label in (tab.label for tab in app.tabs))


def test_drill_down_follows_the_chosen_indicator_and_part(app_db: Path) -> None:
    app = open_page("quality")
    app.selectbox(key="drill_indicator").select("1.2").run()
    app.radio(key="drill_part").set_value("denominator").run()
    sar = app.dataframe[0].value
    graduates = sar[sar["ตัวบ่งชี้"] == "1.2"].iloc[0]["ตัวหาร (คน)"]
    assert len(app.dataframe[1].value) == graduates


def test_the_local_admins_scope_is_pimpa_user_unit(app_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without accounts, PIMPA_USER_UNIT still says whose laptop this is: no picker reaches past it."""
    monkeypatch.setenv("PIMPA_USER_UNIT", "240409")
    app = open_page("overview")
    assert [box.label for box in app.sidebar.selectbox] == ["ปีงบประมาณ"]
    assert "พิมพา" in app.caption[0].value  # the page's scope line names the centre


def test_courses_page_filters_and_lists_a_courses_learners(app_db: Path) -> None:
    app = open_page("courses")
    everything = len(app.dataframe[0].value)
    app.text_input(key="course_search").input("PMP").run()
    phimpha = app.dataframe[0].value
    assert 0 < len(phimpha) < everything
    assert phimpha["รหัสหลักสูตร"].str.startswith("ตัวอย่าง-PMP").all()  # the sample marks its codes
    learners = app.dataframe[1].value
    assert {"ผลการประเมิน", "เวลาเรียน (%)"} <= set(learners.columns)


def test_followup_page_lists_graduates_due_or_overdue(app_db: Path) -> None:
    app = open_page("followup")
    due = app.dataframe[0].value
    assert len(due) > 0
    assert set(due["สถานะ"]) <= {"ถึงกำหนดติดตาม", "เลยกำหนดติดตาม"}


def test_income_page_charts_sales(app_db: Path) -> None:
    app = open_page("income")
    assert any(m.label == "รายได้จากการจำหน่าย" and m.value != "–" for m in app.metric)
    assert len(app.get("plotly_chart")) >= 4


def test_every_table_offers_csv_and_excel(app_db: Path) -> None:
    app = open_page("quality")
    labels = [button.proto.label for button in app.get("download_button")]
    assert labels.count("ดาวน์โหลด CSV") == labels.count("ดาวน์โหลด Excel") >= 2


# ---------------------------------------------------------------- upload, end to end

def new_course_workbook(path: Path, *, bad_date: bool = False) -> Path:
    header = ["ลำดับ", "รหัสหลักสูตร", "รหัสตำบล", "ชื่อหลักสูตร", "จำนวนชั่วโมง", "วันเริ่ม", "วันสิ้นสุด"]
    course = [1, "TST-2569-01", "240409", "การทำปลาร้าบอง", 12, "1/07/2569", "31/02/2569" if bad_date else "12/07/2569"]
    learners = [["ลำดับ", "รหัสหลักสูตร", "เลขประจำตัวประชาชน", "ชื่อ-สกุล", "ผลการประเมิน"]]
    learners += [[n, "TST-2569-01", thai_id(900 + n, 3), f"นางทดสอบ{n} ใจดี", "ผ่าน"] for n in range(1, 4)]
    return write_xlsx(path, {
        "หลักสูตร": [["ทะเบียนหลักสูตร กศน.ตำบลพิมพา"], [], header, course],
        "ผู้เรียน": learners,
    })


def upload(app: AppTest, path: Path) -> AppTest:
    app.file_uploader[0].set_value((path.name, path.read_bytes(), "application/octet-stream"))
    return app.run()


def test_the_upload_page_offers_the_template(app_db: Path) -> None:
    app = open_page("upload")
    labels = [button.proto.label for button in app.get("download_button")]
    assert "ดาวน์โหลดแบบฟอร์มสำหรับกรอกข้อมูล" in labels


def test_while_the_sample_is_in_uploads_wait_until_the_admin_removes_it(app_db: Path, tmp_path: Path) -> None:
    path = new_course_workbook(tmp_path / "ใหม่.xlsx")
    app = upload(open_page("upload"), path)
    assert any("ยังมีข้อมูลตัวอย่าง" in w.value for w in app.warning)
    assert any("sample --remove" in m.value for m in app.markdown)  # the file's own line says how
    assert app.button(key="upload_confirm").disabled
    app.checkbox(key="sample_remove_sure").check().run()
    app.button(key="sample_remove").click().run()
    assert not app.exception
    assert any("ลบข้อมูลตัวอย่างแล้ว" in s.value for s in app.success)
    assert count_rows(app_db, "courses") == 0 and count_rows(app_db, "attendance") == 0
    assert not any("ข้อมูลตัวอย่าง" in i.value for i in app.info)  # the banner went with it
    app = upload(open_page("upload"), path)
    assert "พร้อมบันทึก" in texts(app)


def test_upload_previews_then_saves_then_undoes(real_db: Path, tmp_path: Path) -> None:
    app_db = real_db
    courses_before = count_rows(app_db, "courses")
    app = upload(open_page("upload"), new_course_workbook(tmp_path / "ใหม่.xlsx"))
    assert "พร้อมบันทึก" in texts(app)
    preview = app.dataframe[0].value
    assert preview.set_index("ชนิดข้อมูล").loc["หลักสูตร", "เพิ่มใหม่"] == 1
    assert preview.set_index("ชนิดข้อมูล").loc["ทะเบียนผู้เรียน", "เพิ่มใหม่"] == 3
    assert count_rows(app_db, "courses") == courses_before  # a preview writes nothing

    app.button(key="upload_confirm").click().run()
    assert not app.exception
    assert "บันทึกเรียบร้อย" in texts(app)
    assert count_rows(app_db, "courses") == courses_before + 1

    undo_choice = next(box for box in app.selectbox if box.label == "ชุดนำเข้าที่จะยกเลิก")
    assert undo_choice.value is None  # nothing chosen for the user
    newest = undo_choice.options[0]
    assert newest.endswith("ใหม่.xlsx")  # the newest batch is first
    undo_choice.select_index(0).run()
    warning = next(w.value for w in app.warning if "ใหม่.xlsx" in w.value)
    assert "กศน.ตำบลพิมพา (240409)" in warning and "4 แถว" in warning  # the file, its centre, its rows
    assert count_rows(app_db, "courses") == courses_before + 1  # choosing undoes nothing yet
    app.button(key="undo_button").click().run()
    assert count_rows(app_db, "courses") == courses_before
    assert any("แล้ว" in s.value and "ยกเลิกชุดนำเข้า" in s.value for s in app.success)


def test_a_rejected_upload_lists_its_problems_and_saves_nothing(real_db: Path, tmp_path: Path) -> None:
    app_db = real_db
    courses_before = count_rows(app_db, "courses")
    app = upload(open_page("upload"), new_course_workbook(tmp_path / "ผิด.xlsx", bad_date=True))
    assert "ไม่รับไฟล์" in texts(app)
    problems = next(frame.value for frame in app.dataframe if "ชีต" in frame.value.columns)
    row = problems.iloc[0]
    assert (row["ชีต"], row["แถว"], row["คอลัมน์"]) == ("หลักสูตร", 4, "วันสิ้นสุด (G)")
    assert "31/02/2569" in row["ค่า"]
    assert any("แถว 4" in m.value and "วันสิ้นสุด (G)" in m.value for m in app.markdown)  # the readable list
    assert app.button(key="upload_confirm").disabled
    assert count_rows(app_db, "courses") == courses_before


def test_uploading_a_workbook_again_changes_nothing(real_db: Path) -> None:
    path = ROOT / "sample_data" / "240409_พิมพา_2569.xlsx"  # already uploaded by real_db
    app = upload(open_page("upload"), path)
    assert "ไม่มีอะไรเปลี่ยน" in texts(app)
    assert app.button(key="upload_confirm").disabled



def test_an_unforeseen_failure_shows_an_incident_code_not_a_traceback(
    app_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pimpa_data.app import sidebar

    def broken(*_: object) -> None:
        raise RuntimeError("a bug at /srv/pimpa/secret.py")

    monkeypatch.setenv("PIMPA_ERROR_LOG", str(tmp_path / "errors.log"))
    monkeypatch.setattr(sidebar, "sidebar", broken)
    app = AppTest.from_file(DASHBOARD, default_timeout=TIMEOUT).run()
    assert not app.exception
    [message] = [e.value for e in app.error]
    assert "ข้อผิดพลาดที่ไม่คาดคิด" in message and "/srv/pimpa" not in message
    assert "a bug at /srv/pimpa/secret.py" in (tmp_path / "errors.log").read_text()


def test_the_server_hides_tracebacks_developer_menus_and_table_exports() -> None:
    """`streamlit run dashboard.py` reads .streamlit/config.toml: the browser never gets a traceback,
    and the only downloads are the pages' own buttons (no names, formulas neutralised)."""
    import tomllib

    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["client"] == {"showErrorDetails": "none", "toolbarMode": "viewer", "disableDataExport": True}
    assert config["server"]["address"] == "localhost"  # an office reaches it through an HTTPS proxy
    assert config["server"]["maxUploadSize"] * 2**20 == MAX_FILE_BYTES
    assert config["browser"]["gatherUsageStats"] is False


@pytest.mark.parametrize("page", PAGES)
def test_no_table_shows_none_or_nan(app_db: Path, page: str) -> None:
    app = open_page(page)
    for frame in app.dataframe:
        for column in frame.value.columns:
            values = frame.value[column]
            if values.dtype == object or pd.api.types.is_string_dtype(values.dtype):
                assert not values.isna().any(), (page, column)
                assert not values.astype(str).isin(["None", "nan", "NaN", "NaT", "<NA>"]).any(), (page, column)


def test_the_sar_table_says_how_levels_follow_the_target(app_db: Path) -> None:
    app = open_page("quality")
    assert any(caption.value.startswith("ระดับคุณภาพเทียบผลการดำเนินงานกับค่าเป้าหมาย") and "≥ 100%" in caption.value
               for caption in app.caption)
    assert "กศน.ตำบล" in app.dataframe[1].value.columns  # evidence says whose row it is


def test_the_overview_puts_the_districts_centres_side_by_side(app_db: Path) -> None:
    app = open_page("overview")
    table = next(frame.value for frame in app.dataframe if "กศน.ตำบล" in frame.value.columns)
    assert len(table) == 12 and {"1.1 (%)", "ระดับ 1.1", "กำไร", "ค่าใช้จ่ายต่อผู้จบ"} <= set(table.columns)
    assert pd.api.types.is_numeric_dtype(table["1.1 (%)"])  # sorts as numbers


def test_income_cards_are_different_figures_with_different_names(app_db: Path) -> None:
    app = open_page("overview")
    cards = {metric.label: metric for metric in app.metric}
    after, change = cards["ก่อน → หลังเรียน"].value, cards["ก่อน → หลังเรียน"].delta
    assert after.endswith(" ฿") and change[0] in "+−" and change.endswith(" ฿")  # after, and how far it rose
    assert "ก่อนเรียน (" in cards["ก่อน → หลังเรียน"].help  # the before figure is one hover away
    assert cards["กำไรต่อผู้มีรายได้"].value != cards["รายได้/เดือน (มัธยฐาน)"].value
    assert all(len(card.value) <= 11 for card in cards.values())  # fits a fifth of the page: 4.32 ล้าน ฿


def chart_titles(app) -> set[str]:
    """Each chart's title, shown as page text right above it (and kept in the figure's meta)."""
    import json

    kept = {json.loads(chart.proto.spec)["layout"]["meta"]["title"] for chart in app.get("plotly_chart")}
    shown = {text.value.strip("*") for text in app.markdown}
    assert kept <= shown  # every chart's title is on the page
    return kept


def test_the_overview_has_trends_of_learners_graduates_and_revenue(app_db: Path) -> None:
    from pimpa_data.measures.impact import revenue_by_year, sales_totals

    app = open_page("overview")
    titles = chart_titles(app)
    assert {"ผู้เรียนและผู้จบหลักสูตรรายปีงบประมาณ", "รายได้และกำไรจากการจำหน่ายรายปีงบประมาณ"} <= titles
    with db.connect(app_db) as con:
        by_year = revenue_by_year(con, "2404", [2567, 2568, 2569])
        assert list(by_year["revenue_baht"]) == [sales_totals(con, y, "2404").revenue_baht for y in (2567, 2568, 2569)]


def test_the_overview_sets_plan_against_actual_per_centre(app_db: Path) -> None:
    from pimpa_data.measures.plan import per_centre

    app = open_page("overview")
    titles = chart_titles(app)
    assert "แผนกับผลจริง: ผู้เรียนเทียบเป้าหมาย และเงินที่เบิกจ่ายเทียบงบประมาณ" in titles
    table = next(frame.value for frame in app.dataframe if "เบิกจ่ายจริง (บาท)" in frame.value.columns)
    with db.connect(app_db) as con:
        expected = per_centre(con, 2569, "2404")
    assert len(table) == len(expected) == 12
    assert table["เบิกจ่ายจริง (บาท)"].sum() == pytest.approx(float(expected["spent_baht"].sum()))
    assert table["งบประมาณ (บาท)"].sum() == pytest.approx(float(expected["budget_baht"].sum()))


def test_every_figure_on_the_overview_says_what_it_means(app_db: Path) -> None:
    app = open_page("overview")
    unexplained = [metric.label for metric in app.metric if not metric.proto.help]
    assert unexplained == []
    indicator = next(metric for metric in app.metric if metric.label.startswith("ตัวบ่งชี้ 1.2"))
    assert "ตัวตั้ง: ผู้จบหลักสูตรที่นำความรู้ไปใช้ ÷ ตัวหาร: ผู้จบหลักสูตร" in indicator.proto.help


def test_the_income_page_compares_the_centres_money(app_db: Path) -> None:
    app = open_page("income")
    assert all(metric.proto.help for metric in app.metric)
    table = next(frame.value for frame in app.dataframe if "กศน.ตำบล" in frame.value.columns)
    assert len(table) == 12 and {"กำไร", "รายได้หลัง (มัธยฐาน บาท/เดือน)"} <= set(table.columns)


def test_the_courses_page_shows_target_budget_and_money_spent(app_db: Path) -> None:
    app = open_page("courses")
    assert {"เป้าหมาย (คน)", "งบประมาณ (บาท)", "เบิกจ่ายจริง (บาท)"} <= set(app.dataframe[0].value.columns)


def test_the_sar_table_counts_exemplary_graduates_without_evidence(app_db: Path) -> None:
    app = open_page("quality")
    sar = app.dataframe[0].value
    missing = sar[sar["ตัวบ่งชี้"] == "1.3"]["ไม่มีหลักฐาน (คน)"]
    assert missing.str.replace(",", "").str.isdigit().all()
    assert (sar[sar["ตัวบ่งชี้"] != "1.3"]["ไม่มีหลักฐาน (คน)"] == "").all()


def test_the_data_quality_page_shows_what_arrived_and_what_to_check(app_db: Path) -> None:
    import datetime as dt

    from pimpa_data.measures import checks

    app = open_page("data_quality")
    grid = next(frame.value for frame in app.dataframe if "ต.ค. 68" in frame.value.columns)
    assert len(grid) == 12 and list(grid.columns)[1] == "ต.ค. 68" and list(grid.columns)[-1] == "ก.ย. 69"
    with db.connect(app_db) as con:
        long = checks.arrivals_long(con, 2569, "2404")
        found = checks.check_counts(checks.findings(con, 2569, "2404", dt.date.today()))
    assert grid.iloc[:, 1:].to_numpy().sum() == long[long["kind"] == "courses"]["records"].sum()
    app.segmented_control(key="arrivals_kind").set_value("sales").run()
    grid = next(frame.value for frame in app.dataframe if "ต.ค. 68" in frame.value.columns)
    assert grid.iloc[:, 1:].to_numpy().sum() == long[long["kind"] == "sales"]["records"].sum()
    titles = [expander.label for expander in app.expander]
    for row in found.itertuples():
        assert f"{row.check_th} ({row.findings:,})" in titles
    outliers = next(frame.value for frame in app.dataframe if "ที่มา (ไฟล์ · ชีต · แถว)" in frame.value.columns)
    assert not outliers.isin(["None", "nan"]).any().any()

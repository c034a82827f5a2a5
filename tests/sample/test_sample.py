"""The sample-data generator: realistic, deterministic frames, and the messy files teachers keep."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from python_calamine import CalamineWorkbook

from pimpa_data.core.dates import fiscal_year, parse_date
from pimpa_data.core.kinds import KINDS, KINDS_BY_NAME
from pimpa_data.core.normalise import is_valid_thai_id, parse_decimal, parse_learner_id
from pimpa_data.sample.files import write_files
from pimpa_data.sample.generator import generate, reference_table
from pimpa_data.sample.sheets import HEADER_ALIASES

BANG_PAKONG = {f"2404{n:02d}" for n in range(1, 13)}
KEYS = {
    "courses": ["course_code"],
    "enrolments": ["course_code", "learner_id"],
    "attendance": ["course_code", "learner_id", "session_date"],
    "follow_ups": ["course_code", "learner_id", "followup_date"],
    "sales": ["learner_id", "group_name", "course_code", "month", "product"],
}
ATTENDANCE_MARKS = {"✓", "มา", "ขาด", "ลา", ""}


@pytest.fixture(scope="module")
def district() -> dict[str, pd.DataFrame]:
    return generate()


@pytest.fixture(scope="module")
def national() -> dict[str, pd.DataFrame]:
    return generate("national", fiscal_years=1)


@pytest.fixture(scope="module")
def sample_dir(district: dict[str, pd.DataFrame], tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("sample")
    write_files(district, folder)
    return folder


def attendance_ratio(frames: dict[str, pd.DataFrame]) -> pd.Series:
    """Per (course, learner): hours attended ÷ course hours, or sessions present ÷ sessions held."""
    rows = frames["attendance"]
    hours = frames["courses"].set_index("course_code")["hours"]
    by_learner = rows.groupby(["course_code", "learner_id"])
    present = by_learner["status"].apply(lambda s: (s == "present").sum())
    held = rows.groupby("course_code")["session_date"].nunique()
    by_hours = by_learner["status"].apply(lambda s: s.isna().all())
    codes = present.index.get_level_values("course_code")
    hour_ratio = by_learner["hours"].sum() / hours.reindex(codes).to_numpy()
    return hour_ratio.where(by_hours, present / held.reindex(codes).to_numpy())


# ---------------------------------------------------------------- the frames

def test_same_seed_gives_the_same_frames(district: dict[str, pd.DataFrame]) -> None:
    again = generate()
    for kind in district:
        pd.testing.assert_frame_equal(district[kind], again[kind])


def test_another_seed_gives_other_data(district: dict[str, pd.DataFrame]) -> None:
    other = generate(seed=1)
    assert set(other["enrolments"]["learner_id"]).isdisjoint(district["enrolments"]["learner_id"])


@pytest.mark.parametrize("kind", [kind.name for kind in KINDS])
def test_columns_are_the_stored_columns_in_order(district: dict[str, pd.DataFrame], kind: str) -> None:
    columns = [c.name for c in KINDS_BY_NAME[kind].stored_columns]
    if kind != "courses":  # a teacher's sheet names the course; its centre comes from the course
        columns.remove("centre_code")
    assert list(district[kind].columns) == columns


@pytest.mark.parametrize("kind", list(KEYS))
def test_keys_are_unique(district: dict[str, pd.DataFrame], kind: str) -> None:
    assert not district[kind].duplicated(KEYS[kind]).any()


def test_every_learner_id_has_a_valid_check_digit(district: dict[str, pd.DataFrame]) -> None:
    ids = pd.concat([district["enrolments"]["learner_id"], district["sales"]["learner_id"].dropna()])
    assert all(is_valid_thai_id(number) and number[0] in "12345678" for number in ids)


@pytest.mark.parametrize(("fiscal_years", "last", "expected"), [
    (3, 2569, {2567, 2568, 2569}),
    (1, 2567, {2567}),
    (2, 2566, {2565, 2566}),
])
def test_courses_end_in_the_requested_fiscal_years(fiscal_years: int, last: int, expected: set[int]) -> None:
    courses = generate(fiscal_years=fiscal_years, last_fiscal_year=last)["courses"]
    assert {fiscal_year(day.date()) for day in courses["end_date"]} == expected
    assert (courses["start_date"] <= courses["end_date"]).all()


def test_hours_match_the_format_and_the_sessions(district: dict[str, pd.DataFrame]) -> None:
    courses = district["courses"].set_index("course_code")
    interest = courses[courses["course_format"] == "กลุ่มสนใจ"]["hours"]
    vocational = courses[courses["course_format"] == "ชั้นเรียนวิชาชีพ"]["hours"]
    assert interest.between(1, 30).all() and vocational.between(31, 100).all()
    sessions = district["attendance"].groupby("course_code")["session_date"].agg(["nunique", "min", "max"])
    assert (sessions["nunique"] * 3 == courses["hours"].reindex(sessions.index)).all()
    assert (sessions["min"] == courses["start_date"].reindex(sessions.index)).all()
    assert (sessions["max"] == courses["end_date"].reindex(sessions.index)).all()


def test_records_refer_to_existing_enrolments(district: dict[str, pd.DataFrame]) -> None:
    enrolled = set(zip(district["enrolments"]["course_code"], district["enrolments"]["learner_id"]))
    for kind in ("attendance", "follow_ups"):
        assert set(zip(district[kind]["course_code"], district[kind]["learner_id"])) <= enrolled
    sales = district["sales"].dropna(subset=["learner_id"])
    assert set(zip(sales["course_code"], sales["learner_id"])) <= enrolled
    assert set(district["sales"]["course_code"]) <= set(district["courses"]["course_code"])


def test_the_mix_has_every_case_an_assessor_meets(district: dict[str, pd.DataFrame]) -> None:
    people, follow_ups = district["enrolments"], district["follow_ups"]
    ratio = attendance_ratio(district)
    results = people.set_index(["course_code", "learner_id"])["result"]
    passed = results == "pass"
    graduates = passed & (ratio.reindex(results.index) >= 0.8)
    followed = set(zip(follow_ups["course_code"], follow_ups["learner_id"]))
    exemplary = follow_ups[follow_ups["exemplary"]]
    assert 0.8 <= passed.sum() / results.notna().sum() <= 0.93
    assert (results == "fail").sum() > 20 and results.isna().sum() > 5
    assert (passed & (ratio.reindex(results.index) < 0.8)).sum() > 5
    assert sum(key not in followed for key in graduates[graduates].index) > 50
    assert exemplary["evidence"].notna().sum() > 20 and exemplary["evidence"].isna().sum() > 0
    assert follow_ups.duplicated(["course_code", "learner_id"]).sum() > 20
    assert district["attendance"]["status"].isna().any() and district["attendance"]["hours"].isna().any()
    assert district["sales"]["group_name"].notna().any() and district["sales"]["learner_id"].notna().any()


def test_shares_look_like_a_real_district(district: dict[str, pd.DataFrame]) -> None:
    people, courses, follow_ups = district["enrolments"], district["courses"], district["follow_ups"]
    assert (people["sex"] == "female").mean() > 0.7
    assert people.groupby("course_code").size().between(8, 20).all()
    year = courses["end_date"].map(lambda day: fiscal_year(day.date()))
    assert courses.groupby(["centre_code", year]).size().between(3, 5).all()
    applied = follow_ups[follow_ups["applied"]].groupby(["course_code", "learner_id"])["exemplary"].any()
    assert 0.08 <= applied.mean() <= 0.18
    income = follow_ups["applied_how"].str.contains("อาชีพ", na=False)
    assert follow_ups.loc[income, "income_after_baht"].notna().all()


def test_only_the_newest_courses_wait_for_results(district: dict[str, pd.DataFrame]) -> None:
    pending = district["enrolments"][district["enrolments"]["result"].isna()]["course_code"]
    assert pending.str.contains("-2569-").all()


def test_follow_ups_and_sales_come_after_the_course(district: dict[str, pd.DataFrame]) -> None:
    end = district["courses"].set_index("course_code")["end_date"]
    follow_ups, sales = district["follow_ups"], district["sales"]
    first = follow_ups.groupby(["course_code", "learner_id"])["followup_date"].min()
    waited = (first - end.reindex(first.index.get_level_values(0)).to_numpy()).dt.days
    assert waited.between(30, 92).all()
    course_end = pd.DatetimeIndex(end.reindex(sales["course_code"]))
    month = sales["month"].dt
    months_after = (month.year - course_end.year) * 12 + month.month - course_end.month
    assert months_after.between(1, 12).all()
    assert follow_ups["followup_date"].max() <= pd.Timestamp("2026-09-30")


def test_a_learner_who_enrols_twice_keeps_their_name(district: dict[str, pd.DataFrame]) -> None:
    people = district["enrolments"]
    twice = people[people["learner_id"].duplicated(keep=False)]
    assert twice["learner_id"].nunique() >= 10
    person = ["first_name", "last_name", "sex", "birth_date"]
    assert (twice.groupby("learner_id")[person].nunique() == 1).all().all()


def test_district_scale_is_bang_pakong(district: dict[str, pd.DataFrame]) -> None:
    courses = district["courses"]
    assert set(courses["centre_code"]) == BANG_PAKONG
    assert "PMP-2567-01" in set(courses["course_code"])
    assert set(courses.loc[courses["centre_code"] == "240409", "course_code"].str[:3]) == {"PMP"}


def test_national_scale_covers_every_centre(national: dict[str, pd.DataFrame]) -> None:
    courses, people = national["courses"], national["enrolments"]
    assert set(courses["centre_code"]) == set(reference_table()["subdistrict_code"])
    assert courses["centre_code"].nunique() == 7451
    assert 9 <= len(people) / len(courses) <= 14
    ids = people["learner_id"].to_numpy(dtype="U13").view("<U1").reshape(-1, 13).astype(int)
    check = (11 - (ids[:, :12] @ np.arange(13, 1, -1)) % 11) % 10
    assert (check == ids[:, 12]).all()
    assert not people.duplicated(KEYS["enrolments"]).any()


# ---------------------------------------------------------------- the files

def sheets(path: Path) -> dict[str, list[list[object]]]:
    book = CalamineWorkbook.from_path(str(path))
    return {name: book.get_sheet_by_name(name).to_python() for name in book.sheet_names}


def header_name(kind: str, text: object) -> str | None:
    """The canonical column a header written by the generator stands for."""
    for column in KINDS_BY_NAME[kind].columns:
        if text == column.th or text in HEADER_ALIASES.get(column.name, ()):
            return column.name
    return None


def test_one_workbook_per_centre_year_and_one_csv_set(sample_dir: Path) -> None:
    workbooks = sorted(p.name for p in sample_dir.glob("*.xlsx"))
    assert len(workbooks) == 12 * 3 - 1 and "240409_พิมพา_2567.xlsx" in workbooks
    csv_files = sorted(p.name for p in sample_dir.glob("*.csv"))
    assert csv_files == [f"240401_บางปะกง_2567_{n}.csv" for n in
                         ("1_หลักสูตร", "2_ผู้เรียน", "3_เวลาเรียน", "4_ติดตามผล", "5_รายได้")]
    assert (sample_dir / csv_files[0]).read_bytes().startswith(b"\xef\xbb\xbf")
    text = (sample_dir / csv_files[1]).read_bytes()
    with pytest.raises(UnicodeDecodeError):
        text.decode("utf-8")
    assert "เลขประจำตัวประชาชน" in text.decode("cp874")


def test_workbook_sheets_have_titles_and_thai_headers(sample_dir: Path) -> None:
    found = sheets(sample_dir / "240409_พิมพา_2567.xlsx")
    assert {"หลักสูตร", "ผู้เรียน", "ติดตามผล", "รายได้", "เวลาเรียน PMP-2567-01"} <= set(found)
    for name, kind in (("หลักสูตร", "courses"), ("ผู้เรียน", "enrolments"), ("ติดตามผล", "follow_ups")):
        rows = found[name]
        assert "ตำบลพิมพา ปีงบประมาณ 2567" in rows[0][0] and not any(rows[1])
        assert rows[2][0] == "ลำดับ" and header_name(kind, rows[2][1]) == "course_code"


def test_attendance_is_a_wide_grid_of_session_dates(
    sample_dir: Path, district: dict[str, pd.DataFrame]
) -> None:
    attendance = district["attendance"]
    for path in sorted(sample_dir.glob("*.xlsx"))[:6]:
        for name, rows in sheets(path).items():
            if not name.startswith("เวลาเรียน "):
                continue
            code = name.removeprefix("เวลาเรียน ")
            course = attendance[attendance["course_code"] == code]
            dates = [parse_date(cell) for cell in rows[2][4:]]
            assert dates == sorted(set(course["session_date"].dt.date))
            learners = [parse_learner_id(row[2])[0] for row in rows[3:]]
            assert learners == list(pd.unique(course["learner_id"]))
            cells = {cell for row in rows[3:] for cell in row[4:]}
            by_hours = course["status"].isna().all()
            assert all(parse_decimal(c) is not None for c in cells) if by_hours else cells <= ATTENDANCE_MARKS


def test_every_course_cell_reads_back_as_written(sample_dir: Path, district: dict[str, pd.DataFrame]) -> None:
    courses = district["courses"].set_index("course_code")
    for path in sorted(sample_dir.glob("*.xlsx")):
        rows = sheets(path)["หลักสูตร"]
        names = [header_name("courses", text) for text in rows[2]]
        for row in rows[3:]:
            if row[0] == "รวม":
                continue
            cells = dict(zip(names, row))
            expected = courses.loc[cells["course_code"]]
            assert parse_date(cells["start_date"]) == expected["start_date"].date()
            assert parse_date(cells["end_date"]) == expected["end_date"].date()
            assert parse_decimal(cells["budget_baht"]) == int(expected["budget_baht"])
            assert parse_decimal(cells["hours"]) == int(expected["hours"])


def test_same_frames_give_the_same_bytes(
    sample_dir: Path, district: dict[str, pd.DataFrame], tmp_path: Path
) -> None:
    for path in write_files(district, tmp_path):
        assert path.read_bytes() == (sample_dir / path.name).read_bytes()


def test_the_loader_takes_every_kind_of_file(sample_dir: Path, tmp_path: Path) -> None:
    from pimpa_data.core import db
    from pimpa_data.ingest import loading

    con = db.connect(tmp_path / "sample.duckdb")
    paths = [*sorted(sample_dir.glob("240401_*")), sample_dir / "240409_พิมพา_2567.xlsx"]
    reports = [loading.load_file(con, path, who="test") for path in paths]
    assert [(report.path, report.status, report.errors[:1]) for report in reports] == [
        (str(path), "loaded", []) for path in paths
    ]
    assert con.execute("SELECT count(*) FROM attendance").fetchone()[0] > 100
    con.close()


def test_dates_in_files_never_read_as_the_wrong_year(sample_dir: Path) -> None:
    rows = sheets(sample_dir / "240409_พิมพา_2567.xlsx")["ติดตามผล"]
    column = [header_name("follow_ups", text) for text in rows[2]].index("followup_date")
    days = [parse_date(row[column]) for row in rows[3:]]
    assert all(dt.date(2023, 10, 1) <= day <= dt.date(2025, 6, 30) for day in days)

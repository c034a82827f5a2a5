"""The dashboard on a roll-up: read-only, says where each district's data came from, and
reopens the file when a refresh renames a new one into place."""

from __future__ import annotations

from pathlib import Path

import pytest
from snapshot_sources import Sources
from streamlit.testing.v1 import AppTest
from support import DASHBOARD, TIMEOUT

from pimpa_data.app import database as database_file
from pimpa_data.core import db
from pimpa_data.core.errors import PimpaError
from pimpa_data.core.roles import Actor
from pimpa_data.export import rollup
from pimpa_data.ingest.loading import load_file
from pimpa_data.ingest.narrative import save

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def rolled(sources: Sources, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    target = tmp_path / "rollup.duckdb"
    rollup.build_rollup([sources.first.snapshot], target)  # the first district only, for now
    monkeypatch.setenv("PIMPA_DB", str(target))
    monkeypatch.setenv("PIMPA_ID_SALT", "pimpa-test-salt")
    monkeypatch.delenv("PIMPA_USER_UNIT", raising=False)
    return target


def open_app(page: str | None = None) -> AppTest:
    app = AppTest.from_file(DASHBOARD, default_timeout=TIMEOUT).run()
    if page:
        app.switch_page(f"app_pages/{page}.py").run()
    assert not app.exception, app.exception
    return app


def test_a_rollup_has_a_sources_page_and_no_upload_page(rolled: Path) -> None:
    app = open_app("sources")
    assert app.title[0].value == "แหล่งข้อมูล"
    table = app.dataframe[0].value
    assert list(table["อำเภอ"]) == ["อำเภอบางปะกง (2404)"] and (table["อายุข้อมูล (วัน)"] >= 0).all()
    assert any("ฐานรวม (อ่านอย่างเดียว)" in info.value for info in app.info)
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        app.switch_page("app_pages/upload.py")  # not offered at all: its address leads to a refusal


def test_a_district_server_has_no_sources_page(app_db: Path) -> None:
    app = open_app()
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        app.switch_page("app_pages/sources.py")


def test_the_library_refuses_writes_to_a_rollup(rolled: Path, tmp_path: Path) -> None:
    with db.connect(rolled) as con:
        report = load_file(con, ROOT / "sample_data" / "240409_พิมพา_2569.xlsx", who="admin")
        assert report.status == "rejected" and report.errors[0].rule == "rollup"
        with pytest.raises(PimpaError, match="roll-up"):
            save(con, Actor("admin", "admin", "TH"), "240409", 2569, {"title": "x"})


def test_a_refreshed_rollup_is_reopened_at_the_next_click(sources: Sources, rolled: Path) -> None:
    app = open_app("overview")
    before = database_file.inode(str(rolled))
    held = database_file.current(str(rolled.resolve()))
    rollup.build_rollup([sources.first.snapshot, sources.second.snapshot], rolled, current=held)
    assert database_file.inode(str(rolled)) != before  # a new file, renamed into place
    app.switch_page("app_pages/sources.py").run()
    assert not app.exception, app.exception
    assert len(app.dataframe[0].value) == 2  # both districts: the new file is the one shown

"""The roll-up: many snapshots into one read-only database whose indicators equal the sources'."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
from snapshot_sources import Sources

from pimpa_data.cli import main
from pimpa_data.core import db
from pimpa_data.core.errors import PimpaError
from pimpa_data.core.snapshot_layout import INSTANCE_SETTING
from pimpa_data.export import rollup
from pimpa_data.export.snapshot import take_snapshot
from pimpa_data.measures import indicators


@pytest.fixture(scope="module")
def rolled(sources: Sources, tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("rollup") / "rollup.duckdb"
    rollup.build_rollup([sources.first.snapshot, sources.second.snapshot], target)
    return target


@pytest.mark.parametrize("fiscal_year", [2567, 2568, 2569])
@pytest.mark.parametrize("level", ["centre", "district"])
def test_indicators_on_the_rollup_equal_each_source(
    sources: Sources, rolled: Path, fiscal_year: int, level: str
) -> None:
    combined = db.connect(rolled, read_only=True)
    for source in sources.all:
        con = db.connect(source.database, read_only=True)
        expected = indicators.compute(con, fiscal_year, level, source.district)
        got = indicators.compute(combined, fiscal_year, level, source.district)
        con.close()
        assert expected["enrolled"].sum() > 0 or fiscal_year == 2567
        pd.testing.assert_frame_equal(got, expected)
    combined.close()


def test_the_rollup_says_where_each_district_came_from(sources: Sources, rolled: Path) -> None:
    con = db.connect(rolled, read_only=True)
    assert rollup.is_rollup(con)
    found = rollup.sources(con)
    assert list(found["district_code"]) == sorted([sources.first.district, sources.second.district])
    assert {"instance", "sequence", "taken_at", "age", "folder", "row_counts"} <= set(found.columns)
    assert (found["age"] >= pd.Timedelta(0)).all()
    assert rollup.conflicts(con).empty
    assert con.execute("SELECT count(*) FROM enrolments WHERE first_name IS NOT NULL").fetchone()[0] == 0
    con.close()


def test_a_districts_own_database_is_not_a_rollup(sources: Sources) -> None:
    con = db.connect(sources.first.database, read_only=True)
    assert not rollup.is_rollup(con) and rollup.sources(con).empty
    con.close()


def test_the_newest_sequence_wins_whatever_the_folder_order_or_clock(sample_db: Path, tmp_path: Path) -> None:
    database = tmp_path / "pimpa.duckdb"
    shutil.copy(sample_db, database)
    con = db.connect(database)
    take_snapshot(con, tmp_path / "snap", who="admin")
    shutil.copytree(tmp_path / "snap", tmp_path / "older")  # a copy of sequence 1, touched later
    con.execute("DELETE FROM sales WHERE month >= DATE '2024-10-01'")
    take_snapshot(con, tmp_path / "snap", who="admin")
    (tmp_path / "older" / "manifest.json").touch()
    target = tmp_path / "rollup.duckdb"
    rollup.build_rollup([tmp_path / "snap", tmp_path / "older"], target)
    combined = db.connect(target, read_only=True)
    assert rollup.sources(combined)["sequence"].tolist() == [2]
    count = "SELECT count(*) FROM sales"
    assert combined.execute(count).fetchone() == con.execute(count).fetchone()
    combined.close()
    con.close()


def test_two_servers_claiming_one_district_is_a_reported_conflict(sample_db: Path, tmp_path: Path) -> None:
    for name in ("a", "b"):
        shutil.copy(sample_db, tmp_path / f"{name}.duckdb")
        con = db.connect(tmp_path / f"{name}.duckdb")
        con.execute("DELETE FROM settings WHERE key = ?", [INSTANCE_SETTING])
        take_snapshot(con, tmp_path / f"snap-{name}", who="admin")
        con.close()
    report = rollup.build_rollup([tmp_path / "snap-a", tmp_path / "snap-b"], tmp_path / "rollup.duckdb")
    assert [c.district for c in report.conflicts] == ["2404"]
    con = db.connect(tmp_path / "rollup.duckdb", read_only=True)
    assert rollup.conflicts(con)["district_code"].tolist() == ["2404"]
    con.close()


def test_a_refresh_replaces_the_file_and_keeps_its_accounts(sources: Sources, tmp_path: Path) -> None:
    target = tmp_path / "rollup.duckdb"
    rollup.build_rollup([sources.first.snapshot], target)
    con = db.connect(target)
    con.execute("INSERT INTO users (username, role, unit_code, active) VALUES ('province', 'director', '24', true)")
    con.close()
    before = rollup.file_stamp(target)
    rollup.build_rollup([sources.first.snapshot, sources.second.snapshot], target)
    assert rollup.file_stamp(target) != before
    con = db.connect(target, read_only=True)
    assert con.execute("SELECT username FROM users").fetchall() == [("province",)]
    assert len(rollup.sources(con)) == 2
    con.close()


def test_a_districts_own_database_is_never_overwritten(sources: Sources) -> None:
    with pytest.raises(PimpaError, match="not a roll-up"):
        rollup.build_rollup([sources.second.snapshot], sources.first.database)


def test_the_command_line(sources: Sources, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "cli.duckdb"
    code = main(["rollup", str(sources.first.snapshot), str(sources.second.snapshot), "--db", str(target)])
    assert code == 0, capsys.readouterr().err
    assert "2 districts" in capsys.readouterr().out
    assert main(["rollup", str(sources.first.snapshot), "--db", str(sources.second.database)]) == 1
    assert main(["rollup", str(tmp_path / "missing"), "--db", str(target)]) == 2

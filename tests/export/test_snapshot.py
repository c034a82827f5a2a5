"""Snapshots: allow-listed Parquet partitions with a manifest, only changed partitions rewritten."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import duckdb
import pytest
from snapshot_sources import Sources

from pimpa_data.cli.running import run_request
from pimpa_data.core import db
from pimpa_data.core.snapshot_layout import MANIFEST, TABLES_BY_NAME
from pimpa_data.export.snapshot import take_snapshot
from pimpa_data.ingest.loading import load_file
from pimpa_data.ingest.undo import remove_sample, undo_batch

ROOT = Path(__file__).resolve().parents[2]


def manifest(folder: Path) -> dict:
    return json.loads((folder / MANIFEST).read_text(encoding="utf-8"))


def test_partitions_are_hive_folders_of_province_district_and_fiscal_year(sources: Sources) -> None:
    found = manifest(sources.first.snapshot)
    assert {"instance", "sequence", "taken_at", "schema_version", "tables", "partitions"} <= set(found)
    assert found["districts"] == ["2404"]
    years = {p["fiscal_year"] for p in found["partitions"] if p["table"] == "courses"}
    assert years == {"2567", "2568", "2569"}
    for part in found["partitions"]:
        path = sources.first.snapshot / part["path"]
        assert hashlib.sha256(path.read_bytes()).hexdigest() == part["sha256"]
        assert part["path"].startswith(f"{part['table']}/province=24/district=2404/")


def test_row_counts_match_the_source(sources: Sources) -> None:
    found = manifest(sources.first.snapshot)
    con = db.connect(sources.first.database)
    for table in ("courses", "enrolments", "attendance", "follow_ups", "sales"):
        assert found["tables"][table]["rows"] == con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    con.close()


@pytest.mark.parametrize("which", ["first", "second"])
def test_no_value_in_any_column_is_a_name_phone_or_id(sources: Sources, which: str) -> None:
    source = getattr(sources, which)
    files = sorted(source.snapshot.rglob("*.parquet"))
    assert files
    con = duckdb.connect()
    for file in files:
        table = file.relative_to(source.snapshot).parts[0]
        relation = con.sql(f"SELECT * FROM read_parquet('{file}', hive_partitioning = false)")
        assert tuple(relation.columns) == TABLES_BY_NAME[table].written  # the allow-list, exactly
        for column in relation.columns:
            values = {str(v) for (v,) in con.sql(f'SELECT DISTINCT "{column}" FROM relation').fetchall()}
            leaked = values & source.names
            assert not leaked, f"{file}: {column} holds {sorted(leaked)[:3]}"


def test_codes_stay_strings_when_read_as_a_hive_dataset(sources: Sources) -> None:
    pattern = str(sources.first.snapshot / "courses" / "**" / "*.parquet")
    row = duckdb.sql(f"""SELECT typeof(district), typeof(fiscal_year), typeof(centre_code), district
        FROM read_parquet('{pattern}', hive_partitioning = true, hive_types_autocast = false) LIMIT 1""").fetchall()[0]
    assert row == ("VARCHAR", "VARCHAR", "VARCHAR", "2404")


def test_a_second_run_writes_nothing_and_an_undo_rewrites_or_removes_its_partitions(
    sample_db: Path, tmp_path: Path
) -> None:
    database = tmp_path / "pimpa.duckdb"
    shutil.copy(sample_db, database)
    con = db.connect(database)
    folder = tmp_path / "snap"
    remove_sample(con, "admin")  # real uploads wait while the sample is in
    assert load_file(con, ROOT / "sample_data" / "240412_เขาดิน_2569.xlsx", who="admin").status == "loaded"
    batch = load_file(con, ROOT / "sample_data" / "240409_พิมพา_2569.xlsx", who="admin").batch_id
    first = take_snapshot(con, folder, who="admin")
    again = take_snapshot(con, folder, who="admin")
    assert again.written == [] and again.removed == [] and again.sequence == first.sequence + 1
    assert again.unchanged == len(first.written)
    undo_batch(con, batch, "admin")
    undone = take_snapshot(con, folder, who="admin")
    assert undone.written and all("fiscal_year=2569" in p for p in undone.written + undone.removed)
    assert all(not (folder / p).exists() for p in undone.removed)
    assert manifest(folder)["tables"]["courses"]["rows"] == con.execute("SELECT count(*) FROM courses").fetchone()[0]
    con.close()


def test_one_fiscal_year_leaves_the_others_as_they_were(sample_db: Path, tmp_path: Path) -> None:
    database = tmp_path / "pimpa.duckdb"
    shutil.copy(sample_db, database)
    con = db.connect(database)
    take_snapshot(con, tmp_path / "snap", who="admin")
    con.execute("UPDATE courses SET hours = hours + 1")
    report = take_snapshot(con, tmp_path / "snap", fiscal_year=2568, who="admin")
    assert report.written == ["courses/province=24/district=2404/fiscal_year=2568/data.parquet"]
    con.close()


def test_the_dashboard_runs_it_with_the_callers_folder(sample_db: Path, tmp_path: Path) -> None:
    database = tmp_path / "pimpa.duckdb"
    shutil.copy(sample_db, database)
    con = db.connect(database)
    caller = tmp_path / "caller"
    caller.mkdir()
    reply = run_request({"argv": ["snapshot", "--out", "shared"], "cwd": str(caller), "who": "admin",
                         "unit": "TH"}, con.cursor())
    assert reply["code"] == 0, reply["stderr"]
    assert (caller / "shared" / MANIFEST).is_file()
    con.close()

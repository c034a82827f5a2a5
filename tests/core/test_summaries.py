"""The per-enrolment summary stays in step with its rows through uploads, corrections and undo,
so the indicators read from it always equal what the raw rows say."""

from __future__ import annotations

from pathlib import Path

from conftest import write_xlsx

from pimpa_data.core.summaries import out_of_step, refresh
from pimpa_data.ingest.loading import load_file
from pimpa_data.ingest.undo import undo_batch
from pimpa_data.measures.indicators import compute

PHIMPHA = "240409"


def load(con, path: Path) -> int:
    report = load_file(con, path, who="test")
    assert report.status == "loaded", report.errors[:3]
    return report.batch_id


def graduates(con) -> int:
    return int(compute(con, 2567, "centre", PHIMPHA).iloc[0]["graduates"])


def test_a_loaded_workbook_is_summarised_exactly(con, example_workbook: Path) -> None:
    load(con, example_workbook)
    assert con.execute("SELECT count(*) FROM enrolment_summary").fetchall()[0][0] == 39
    assert out_of_step(con) == 0


def test_corrections_and_undo_keep_the_summary_in_step(con, example_workbook: Path, tmp_path: Path) -> None:
    load(con, example_workbook)
    before = graduates(con)
    # The course ends a year later (FY 2568): its learners leave FY 2567's figures.
    moved = write_xlsx(tmp_path / "แก้วันจบ.xlsx", {"หลักสูตร": [
        ["รหัสหลักสูตร", "วันสิ้นสุด"], ["PMP-2567-03", "26/07/2568"],
    ]})
    batch = load(con, moved)
    assert out_of_step(con) == 0
    assert graduates(con) < before
    undo_batch(con, batch, "test")
    assert out_of_step(con) == 0
    assert graduates(con) == before


def test_a_rebuild_from_scratch_gives_the_same_figures(con, example_workbook: Path) -> None:
    load(con, example_workbook)
    figures = compute(con, 2567, "centre", PHIMPHA)
    con.execute("BEGIN")
    con.execute("DELETE FROM enrolment_summary")
    refresh(con)
    con.execute("COMMIT")
    assert compute(con, 2567, "centre", PHIMPHA).equals(figures)

"""Targets (ค่าเป้าหมาย): inheritance up the units, year-specific over any-year, editing, quality bands."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest
from quality_rows import PHIMPHA, THA_SA_AN, open_db

from pimpa_data.core.errors import PimpaError
from pimpa_data.measures.targets import (
    QualityLevel,
    attendance_threshold,
    delete_target,
    list_targets,
    quality_levels,
    set_attendance_threshold,
    set_quality_levels,
    set_target,
    target_for,
)


@pytest.fixture
def con(tmp_path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    connection = open_db(tmp_path)
    yield connection
    connection.close()


@pytest.mark.parametrize(("indicator", "expected"), [("1.1", "80"), ("1.2", "80"), ("1.3", "10")])
def test_the_brief_defaults_apply_everywhere(con, indicator, expected):
    for unit in ("TH", "24", "2404", PHIMPHA):
        assert target_for(con, 2567, unit, indicator) == Decimal(expected)


# Each case: targets set as (fiscal_year, unit, pct) for 1.1, then the target of (year, unit).
INHERITANCE = [
    ([(None, "24", "70")], 2567, PHIMPHA, "70"),  # centre ← province
    ([(None, "24", "70"), (None, "2404", "75")], 2567, PHIMPHA, "75"),  # centre ← district
    ([(None, "2404", "75"), (None, PHIMPHA, "60")], 2567, PHIMPHA, "60"),  # its own
    ([(None, "2404", "75"), (None, PHIMPHA, "60")], 2567, THA_SA_AN, "75"),  # a sibling keeps the district's
    ([(None, "2404", "75"), (2567, "2404", "77")], 2567, PHIMPHA, "77"),  # year-specific beats any-year
    ([(None, "2404", "75"), (2567, "2404", "77")], 2568, PHIMPHA, "75"),  # … only in its year
    ([(2567, "2404", "77"), (None, PHIMPHA, "60")], 2567, PHIMPHA, "60"),  # nearer unit first, then year
    ([(2567, "TH", "85")], 2567, PHIMPHA, "85"),  # the country's year row reaches every unit
    ([(2567, "TH", "85")], 2566, PHIMPHA, "80"),  # … and other years keep the default
    ([(None, "24", "70")], 2567, "2404", "70"),  # a district inherits too
    ([(None, "2404", "75")], 2567, "24", "80"),  # a province does not inherit from below
]


@pytest.mark.parametrize(("rows", "year", "unit", "expected"), INHERITANCE)
def test_a_unit_without_its_own_target_inherits_from_above(con, rows, year, unit, expected):
    for fiscal_year, unit_code, pct in rows:
        set_target(con, fiscal_year, unit_code, "1.1", pct, "admin")
    assert target_for(con, year, unit, "1.1") == Decimal(expected)
    assert target_for(con, year, unit, "1.2") == Decimal(80)


def test_setting_again_replaces_and_is_logged(con):
    set_target(con, 2567, PHIMPHA, "1.3", "12", "somchai")
    set_target(con, 2567, PHIMPHA, "1.3", "15.5", "somchai")
    own = list_targets(con, PHIMPHA)
    assert own[own.unit_code == PHIMPHA][["fiscal_year", "indicator", "target_pct"]].values.tolist() == [
        [2567, "1.3", Decimal("15.50")]]
    assert len(own) == 4  # the three defaults of TH come along as the unit's ancestors
    log = con.execute("SELECT who, action FROM audit_log").fetchall()
    assert log == [("somchai", "set_target")] * 2


def test_deleting_a_target_restores_inheritance(con):
    set_target(con, None, PHIMPHA, "1.1", "60", "admin")
    delete_target(con, None, PHIMPHA, "1.1", "admin")
    assert target_for(con, 2567, PHIMPHA, "1.1") == Decimal(80)


@pytest.mark.parametrize(("call", "message"), [
    (lambda con: set_target(con, 2567, PHIMPHA, "1.4", "80", "a"), "unknown indicator '1.4'"),
    (lambda con: set_target(con, 2567, PHIMPHA, "1.1", "120", "a"), "between 0 and 100"),
    (lambda con: set_target(con, 2567, "24040", "1.1", "80", "a"), "unit code '24040' is not valid"),
    (lambda con: delete_target(con, None, "TH", "1.1", "a"), "cannot be removed"),
    (lambda con: set_attendance_threshold(con, "-1", "a"), "between 0 and 100"),
])
def test_bad_edits_say_what_to_do_and_change_nothing(con, call, message):
    before = con.execute("SELECT * FROM targets ORDER BY ALL").fetchall()
    with pytest.raises(PimpaError, match=message):
        call(con)
    assert con.execute("SELECT * FROM targets ORDER BY ALL").fetchall() == before


def test_quality_bands_are_data(con):
    assert [(level.min_ratio, level.th) for level in quality_levels(con)] == [
        (Decimal("1.000"), "ดีเยี่ยม"), (Decimal("0.900"), "ดีมาก"), (Decimal("0.800"), "ดี"),
        (Decimal("0.700"), "พอใช้"), (Decimal("0.000"), "ต้องปรับปรุง")]
    bands = [QualityLevel(Decimal("0.75"), "ผ่าน", "Pass"), QualityLevel(Decimal(0), "ไม่ผ่าน", "Fail")]
    set_quality_levels(con, bands, "admin")
    assert [level.th for level in quality_levels(con)] == ["ผ่าน", "ไม่ผ่าน"]


@pytest.mark.parametrize("ratios", [["0.9", "0.5"], ["1", "1", "0"], ["0.5", "-0.1", "0"]])
def test_quality_bands_must_cover_every_result(con, ratios):
    bands = [QualityLevel(Decimal(r), f"ระดับ{r}", f"level {r}") for r in ratios]
    with pytest.raises(PimpaError, match="one must start at 0"):
        set_quality_levels(con, bands, "admin")
    assert len(quality_levels(con)) == 5


def test_attendance_threshold_setting(con):
    assert attendance_threshold(con) == Decimal(80)
    set_attendance_threshold(con, "75.5", "admin")
    assert attendance_threshold(con) == Decimal("75.5")

"""Units from the reference table: codes, levels, ancestors, names and the sidebar's children."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from quality_rows import open_db

from pimpa_data.core import units
from pimpa_data.core.errors import PimpaError


@pytest.fixture(scope="module")
def con(tmp_path_factory: pytest.TempPathFactory) -> Iterator[duckdb.DuckDBPyConnection]:
    connection = open_db(Path(tmp_path_factory.mktemp("units")))
    yield connection
    connection.close()


@pytest.mark.parametrize(("code", "level", "chain"), [
    ("240409", "centre", ["240409", "2404", "24", "TH"]),
    ("2404", "district", ["2404", "24", "TH"]),
    ("24", "province", ["24", "TH"]),
    ("TH", "country", ["TH"]),
])
def test_levels_and_ancestors_come_from_the_code(code, level, chain):
    assert units.level_of(code).name == level
    assert units.ancestors(code) == chain


@pytest.mark.parametrize("code", ["2404091", "24a4", "", "th"])
def test_a_malformed_code_is_an_error(code):
    with pytest.raises(PimpaError, match="is not valid"):
        units.level_of(code)


@pytest.mark.parametrize(("code", "th", "en"), [
    ("240409", "กศน.ตำบลพิมพา", "Phimpha"),
    ("2404", "อำเภอบางปะกง", "Bang Pakong"),
    ("24", "จังหวัดฉะเชิงเทรา", "Chachoengsao"),
    ("1001", "เขตพระนคร", "Khet Phra Nakhon"),  # Bangkok: เขต, not อำเภอ
    ("10", "กรุงเทพมหานคร", "Bangkok"),
    ("TH", "ประเทศไทย", "Thailand"),
])
def test_names_in_both_languages(con, code, th, en):
    assert (units.unit_name(con, code), units.unit_name(con, code, "en")) == (th, en)


@pytest.mark.parametrize(("code", "count", "first"), [
    ("TH", 77, "10"), ("24", 11, "2401"), ("2404", 12, "240401"), ("240409", 0, None),
])
def test_children_for_the_sidebar(con, code, count, first):
    children = units.children(con, code)
    assert len(children) == count
    assert (children.unit_code.iloc[0] if count else None) == first


def test_every_centre_of_the_country(con):
    assert len(units.units(con, "centre")) == 7451


def test_an_unknown_unit_is_an_error(con):
    with pytest.raises(PimpaError, match="no unit with code 9999"):
        units.unit_name(con, "9999")

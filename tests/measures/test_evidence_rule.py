"""The evidence rule of 1.3: off by default (counted and flagged), on per unit and year, inherited."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from quality_rows import PHIMPHA, THA_SA_AN, course, enrol, follow_up, open_db

from pimpa_data.core.errors import PimpaError
from pimpa_data.measures import evidence, indicators
from pimpa_data.measures.evidence_rule import evidence_required, set_evidence_rule


@pytest.fixture
def con(tmp_path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    con = open_db(tmp_path)
    # FY 2567 at พิมพา: three graduates apply it; two are exemplary, one of them without evidence.
    course(con, "E1", "2024-03-15")
    for learner in ("a", "b", "c"):
        enrol(con, "E1", learner)
    follow_up(con, "E1", "a", "2024-04-01", exemplary=True, evidence="ภาพร้านค้าและใบเสร็จ")
    follow_up(con, "E1", "b", "2024-04-01", exemplary=True, evidence="  ")
    follow_up(con, "E1", "c", "2024-04-01")
    yield con
    con.close()


def cell_1_3(con: duckdb.DuckDBPyConnection, unit: str = PHIMPHA, year: int = 2567) -> tuple[int, int, int]:
    row = indicators.compute(con, year, "centre", unit).iloc[0]
    return int(row["numerator_1_3"]), int(row["denominator_1_3"]), int(row["exemplary_no_evidence"])


def test_off_by_default_the_graduate_without_evidence_counts_and_is_flagged(con):
    assert not evidence_required(con, 2567, PHIMPHA)
    assert cell_1_3(con) == (2, 3, 1)
    flagged = {found.flag.code: found.total for found in evidence.flags(con, 2567, PHIMPHA, show_names=False)}
    assert flagged["exemplary_without_evidence"] == 1


def test_on_the_graduate_without_evidence_leaves_the_numerator_but_stays_in_view(con):
    set_evidence_rule(con, 2567, "2404", True, "admin")
    assert evidence_required(con, 2567, PHIMPHA)
    assert cell_1_3(con) == (1, 3, 1)  # the count an assessor reads stays, whichever way the rule is set
    rows = evidence.cell_rows(con, 2567, PHIMPHA, "1.3", "numerator", show_names=False)
    assert len(rows) == 1
    flagged = {found.flag.code: found.total for found in evidence.flags(con, 2567, PHIMPHA, show_names=False)}
    assert flagged["exemplary_without_evidence"] == 1


@pytest.mark.parametrize(
    ("rules", "year", "unit", "expected"),
    [
        ([(None, "TH", True)], 2567, PHIMPHA, True),  # the country's rule reaches every centre
        ([(None, "2404", True), (None, PHIMPHA, False)], 2567, PHIMPHA, False),  # its own wins
        ([(None, "2404", True), (None, PHIMPHA, False)], 2567, THA_SA_AN, True),  # a sibling inherits
        ([(2568, "2404", True)], 2567, PHIMPHA, False),  # another year's rule does not apply
        ([(None, "2404", False), (2567, "2404", True)], 2567, PHIMPHA, True),  # the year's row beats any-year
        ([(None, PHIMPHA, True)], 2567, "2404", False),  # a district does not inherit from below
    ],
)
def test_the_rule_is_inherited_like_the_targets(con, rules, year, unit, expected):
    for fiscal_year, unit_code, required in rules:
        set_evidence_rule(con, fiscal_year, unit_code, required, "admin")
    assert evidence_required(con, year, unit) is expected


def test_the_indicator_follows_each_centres_own_rule_within_a_district(con):
    course(con, "E2", "2024-03-15", centre=THA_SA_AN)
    enrol(con, "E2", "d")
    follow_up(con, "E2", "d", "2024-04-01", exemplary=True)
    set_evidence_rule(con, None, PHIMPHA, True, "admin")
    district = indicators.compute(con, 2567, "district", "2404").iloc[0]
    assert (district["numerator_1_3"], district["exemplary_no_evidence"]) == (2, 2)  # พิมพา's b out, ท่าสะอ้าน's d in


def test_only_an_administrator_sets_the_rule_and_it_is_logged(con):
    from pimpa_data.core.roles import Actor

    teacher = Actor("kru", "teacher", PHIMPHA)
    with pytest.raises(PimpaError):
        set_evidence_rule(con, 2567, PHIMPHA, True, teacher)
    set_evidence_rule(con, 2567, PHIMPHA, True, "admin")
    assert con.execute("SELECT count(*) FROM audit_log WHERE action = 'set_evidence_rule'").fetchone()[0] == 1

"""Centres side by side: each centre's figures, and the district's are their sum."""

from __future__ import annotations

from pathlib import Path

from pimpa_data.core import db
from pimpa_data.measures.comparison import centres_side_by_side
from pimpa_data.measures.impact import sales_totals
from pimpa_data.measures.indicators import compute


def test_the_per_centre_table_adds_up_to_the_district(app_db: Path) -> None:
    with db.connect(app_db) as con:
        side = centres_side_by_side(con, 2569, "2404")
        district = compute(con, 2569, "district", "2404").iloc[0]
        totals = sales_totals(con, 2569, "2404")
    assert len(side) == 12 and side["unit_code"].str.startswith("2404").all()
    for column in ("enrolled", "graduates", "numerator_1_2", "denominator_1_2", "numerator_1_3"):
        assert side[column].sum() == district[column], column
    assert side["revenue_baht"].dropna().sum() == totals.revenue_baht
    assert side["profit_baht"].dropna().sum() == totals.profit_baht
    assert (side["median_after_baht"].dropna() > 0).all() and (side["cost_per_graduate_baht"].dropna() > 0).all()

"""The reviewer's note on the cell or row being looked at, and the year's notes of the unit."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ..core.errors import PimpaError
from ..measures import reviews
from . import tables, ui
from .i18n import label
from .scope import Scope


def show(scope: Scope, unit: str, indicator: str, part: str, rows: pd.DataFrame) -> None:
    """A note and a status on the chosen indicator cell, or on one of its rows."""
    with st.expander(ui.t("review_add", indicator=indicator), icon=":material/rate_review:"):
        with st.form("review", clear_on_submit=True):
            status = st.radio(ui.t("review_status"), list(reviews.STATUSES), horizontal=True, key="review_status",
                              format_func=lambda s: label(reviews.STATUSES[s], ui.lang()))
            picked = st.selectbox(ui.t("review_row"), list(rows.index), index=None, key="review_row",
                                  placeholder=ui.t("review_whole_cell"), format_func=lambda i: _row_label(rows, i))
            note = st.text_area(ui.t("review_note"), max_chars=reviews.MAX_NOTE, key="review_note")
            saved = st.form_submit_button(ui.t("review_save"), type="primary")
        if saved:
            row = None if picked is None else reviews.Row(*rows.loc[picked, ["centre_code", "course_code",
                                                                               "learner_id"]])
            try:
                reviews.add_note(ui.cursor(), ui.who(), scope.fiscal_year, unit, indicator, part, status, note, row)
                st.cache_data.clear()
                st.rerun()
            except PimpaError as error:
                ui.show_problem(error)


def _row_label(rows: pd.DataFrame, index: int) -> str:
    row = rows.loc[index]
    name = f" {row['learner_name']}" if row.get("learner_name") else ""
    return f"{row['course_code']} · {row['learner_id_masked']}{name}"


def listing(scope: Scope) -> None:
    found = ui.query(reviews.notes, scope.fiscal_year, scope.unit_code)
    st.subheader(ui.t("review_list"))
    if found.empty:
        st.caption(ui.t("review_none"))
        return
    ui.table(tables.review_frame(found, ui.lang()), f"reviews-{scope.unit_code}-{scope.fiscal_year}", "reviews")

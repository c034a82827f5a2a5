"""The data quality page's parts: what arrived per centre and month, and the findings to check,
each with its rule and the file, sheet and row it came from."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from ..measures import checks
from . import chart_box, ui
from .charts import FONT
from .formatting import month_be
from .i18n import label
from .scope import Scope

HEATMAP_MAX_CENTRES = 80  # beyond this a chart of names is unreadable: the table and downloads remain
FINDING_TABLE = (  # (column of the findings, Thai label, English label); `_lang` columns pick a language
    ("centre_name", "กศน.ตำบล", "Centre"),
    ("course_code", "รหัสหลักสูตร", "Course"),
    ("learner_id_masked", "เลขประจำตัว", "ID"),
    ("detail_lang", "รายละเอียด", "Detail"),
    ("where_lang", "ที่มา (ไฟล์ · ชีต · แถว)", "Where (file · sheet · row)"),
)


def show_arrivals(scope: Scope) -> None:
    lang = ui.lang()
    st.subheader(ui.t("arrivals"))
    st.caption(ui.t("arrivals_explain"))
    wide = ui.query(checks.arrivals, scope.fiscal_year, scope.unit_code)
    if wide.empty:
        st.info(ui.t("no_data_year"), icon=":material/inbox:")
        return
    kinds = {arrival.kind: label((arrival.th, arrival.en), lang) for arrival in checks.ARRIVALS}
    kind = st.segmented_control(ui.t("arrivals_kind"), list(kinds), format_func=kinds.get,
                                default=checks.ARRIVALS[0].kind, key="arrivals_kind") or checks.ARRIVALS[0].kind
    grid = arrivals_grid(wide, scope.fiscal_year, kind, lang)
    if len(grid) <= HEATMAP_MAX_CENTRES:
        chart_box.chart(heatmap(grid, kinds[kind]), key="chart_arrivals", toolbar=False)  # months run along its top
    ui.table(grid.reset_index(), f"arrivals-{kind}-{scope.unit_code}-{scope.fiscal_year}", "arrivals")


def arrivals_grid(wide: pd.DataFrame, fiscal_year: int, kind: str, lang: str) -> pd.DataFrame:
    """The library's grid (one row per centre, keyed by code) narrowed to one kind, months
    labelled in the user's language. The code stays beside the name: names repeat."""
    columns = [(name, month) for name, month, of in checks.arrival_columns(fiscal_year) if of == kind]
    grid = wide[[name for name, _ in columns]].astype(int)
    grid.columns = [month_be(month, lang) for _, month in columns]
    names = wide["centre_name"].where(wide["centre_name"].notna(), "")
    grid.index = [f"{name} ({code})" for code, name in zip(wide["centre_code"], names)]
    grid.index.name = ui.t("centre")
    return grid


def heatmap(grid: pd.DataFrame, title: str) -> go.Figure:
    """Blank months stand out white; the count is written in every cell that has one."""
    values = grid.to_numpy()
    figure = go.Figure(go.Heatmap(
        z=values, x=list(grid.columns), y=list(grid.index), colorscale=[[0, "#ffffff"], [0.001, "#d6ecf3"],
                                                                         [1, "#1f6f8b"]],
        text=[[f"{v:,}" if v else "" for v in row] for row in values], texttemplate="%{text}",
        showscale=False, xgap=2, ygap=2, hovertemplate="%{y} · %{x}: %{z:,}<extra></extra>",
    ))
    figure.update_layout(title=title, height=max(300, 28 * len(grid) + 120), font={"family": FONT},
                         margin={"l": 10, "r": 10, "t": 60, "b": 10}, yaxis={"autorange": "reversed"})
    figure.update_xaxes(side="top", type="category")
    return figure


def show_findings(scope: Scope, today: dt.date) -> None:
    lang = ui.lang()
    st.subheader(ui.t("findings"))
    found = ui.query(checks.findings, scope.fiscal_year, scope.unit_code, today)
    counts = checks.check_counts(found)
    sections = list(checks.SECTIONS)
    cells = st.columns(len(sections))
    for cell, section in zip(cells, sections):
        total = counts[counts["section"] == section]["findings"].sum()
        cell.metric(label(checks.SECTIONS[section], lang), f"{total:,}")
    if found.empty:
        st.success(ui.t("no_findings"), icon=":material/check_circle:")
        return
    tabs = st.tabs([label(checks.SECTIONS[section], lang) for section in sections])
    for tab, section in zip(tabs, sections):
        with tab:
            for check in (c for c in checks.CHECKS if c.section == section):
                _one_check(check, found[found["check"] == check.code], scope, lang)


def _one_check(check: checks.Check, rows: pd.DataFrame, scope: Scope, lang: str) -> None:
    title = f"{label((check.th, check.en), lang)} ({len(rows):,})"
    with st.expander(title, expanded=False, icon=":material/check:" if rows.empty else ":material/warning:"):
        st.caption(f"{ui.t('finding_rule')}: {label((check.rule_th, check.rule_en), lang)}")
        if rows.empty:
            st.success(ui.t("finding_none"))
            return
        ui.table(finding_frame(rows, lang), f"check-{check.code}-{scope.unit_code}-{scope.fiscal_year}",
                 f"check_{check.code}", widths={label((th, en), lang): "large" for name, th, en in FINDING_TABLE
                                                if name == "detail_lang"})


def finding_frame(rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The findings of one check as the user reads them, in their language, blanks not None."""
    chosen = rows.assign(detail_lang=rows[f"detail_{lang}"], where_lang=rows[f"where_{lang}"])
    frame = chosen[[name for name, _, _ in FINDING_TABLE]].fillna("")
    return frame.rename(columns={name: label((th, en), lang) for name, th, en in FINDING_TABLE})

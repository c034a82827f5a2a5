"""Making the report on the Reports page: choose the kind and the file format, build it once the
button is pressed (a PDF takes a few seconds), then download it."""

from __future__ import annotations

import streamlit as st

from ..core.errors import PimpaError
from ..report import FORMATS, KINDS, build_report
from . import ui
from .i18n import label
from .scope import Scope


def show(scope: Scope) -> None:
    st.subheader(ui.t("report_make"))
    lang = ui.lang()
    left, middle, right = st.columns([2, 1, 1])
    default = "sar" if scope.level == "district" else "best-practice"
    kind = left.radio(ui.t("report_kind"), list(KINDS), index=list(KINDS).index(default), key="report_kind",
                      format_func=lambda k: label(KINDS[k][:2], lang))
    fmt = middle.radio(ui.t("report_format"), list(FORMATS), key="report_format", format_func=str.upper)
    thai_digits = right.checkbox(ui.t("report_thai_digits"), key="report_thai_digits")
    names = scope.show_names and st.checkbox(ui.t("report_with_names"), key="report_names", value=True)
    if st.button(ui.t("report_build"), type="primary", key="report_build"):
        try:
            with st.spinner(ui.t("report_building")):
                made = build_report(ui.cursor(), ui.actor(), scope.unit_code, scope.fiscal_year, kind, fmt,
                                    show_names=names, thai_digits=thai_digits)
        except PimpaError as error:
            ui.show_problem(error)
            return
        st.session_state["report_made"] = (scope.unit_code, scope.fiscal_year, made)
    unit, year, made = st.session_state.get("report_made", (None, None, None))
    if made is not None and (unit, year) == (scope.unit_code, scope.fiscal_year):  # not another scope's file
        st.download_button(ui.t("report_download", name=made.file_name), made.data, made.file_name,
                           made.mime_type, key="report_download", icon=":material/download:", on_click="ignore")
        if made.with_names:
            st.caption(ui.t("report_names_note"))

"""The administrator's settings of the unit the page shows: targets of 1.1–1.3 and the
evidence rule of 1.3, for this fiscal year or every year."""

from __future__ import annotations

import streamlit as st

from ..core.errors import PimpaError
from ..measures import indicators, targets
from ..measures.evidence_rule import evidence_required, set_evidence_rule
from . import ui
from .scope import Scope


def show(scope: Scope) -> None:
    with st.expander(ui.t("target_for", unit=scope.unit_name) + f" · {ui.t('admin_only')}"):
        st.caption(ui.t("target_scope_hint"))
        only_year = st.checkbox(ui.t("only_this_year"), key="target_only_year", value=True)
        year = scope.fiscal_year if only_year else None
        cells = st.columns(len(indicators.INDICATORS))
        chosen = {}
        for cell, ind in zip(cells, indicators.INDICATORS):
            current = targets.target_for(ui.cursor(), scope.fiscal_year, scope.unit_code, ind.code)
            chosen[ind.code] = cell.number_input(
                f"{ind.code} {ui.t('target_pct')}", 0.0, 100.0, float(current or 0), 1.0, key=f"target_{ind.key}"
            )
        if st.button(ui.t("set_target"), key="target_save"):
            _save(lambda: [targets.set_target(ui.cursor(), year, scope.unit_code, code, str(pct), ui.who())
                           for code, pct in chosen.items()], "target_saved")
        st.markdown(f"**{ui.t('evidence_rule')}**")
        required = st.toggle(ui.t("evidence_rule_on"), key="evidence_rule",
                             value=evidence_required(ui.cursor(), scope.fiscal_year, scope.unit_code))
        if st.button(ui.t("set_target"), key="evidence_rule_save"):
            _save(lambda: set_evidence_rule(ui.cursor(), year, scope.unit_code, required, ui.who()),
                  "evidence_rule_saved")


def _save(change, saved_key: str) -> None:
    try:
        change()
        st.cache_data.clear()
        st.success(ui.t(saved_key))
    except PimpaError as error:
        ui.show_problem(error)

"""The director's sign-off of the centre-year the page shows (ผู้ตรวจสอบข้อมูล), or its reopening."""

from __future__ import annotations

import streamlit as st

from ..core.errors import PimpaError
from ..core.signoffs import reopen, sign_off, signed_off
from . import ui
from .scope import Scope


def show(scope: Scope) -> None:
    st.subheader(ui.t("signoff_title"))
    locked = signed_off(ui.cursor(), scope.unit_code, scope.fiscal_year)
    try:
        if locked:
            st.success(locked.says()[1 if ui.lang() == "en" else 0], icon=":material/lock:")
            if st.button(ui.t("signoff_reopen"), key="signoff_reopen"):
                reopen(ui.cursor(), ui.who(), scope.unit_code, scope.fiscal_year)
                st.rerun()
            return
        st.caption(ui.t("signoff_explain"))
        sure = st.checkbox(ui.t("signoff_sure", unit=scope.unit_name, year=scope.fiscal_year), key="signoff_sure")
        if st.button(ui.t("signoff_button"), key="signoff_button", type="primary", disabled=not sure):
            sign_off(ui.cursor(), ui.who(), scope.unit_code, scope.fiscal_year)
            st.rerun()
    except PimpaError as error:
        ui.show_problem(error)

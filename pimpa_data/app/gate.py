"""What stands in for a page: the sign-in form for a visitor, a refusal for a role without it.

Every page's address stays known to the router (hidden), so a bookmark or a reload never gets
Streamlit's English "page not found" box: a visitor gets the form, and after signing in the
page they asked for; a signed-in user gets one line saying the page is not for their role.
"""

from __future__ import annotations

import streamlit as st

from ..access import accounts
from . import signin, ui

FIRST_ADMIN = "python -m pimpa_data users add USERNAME --role admin --password-stdin"


def show_signin() -> None:
    st.title(ui.t("app_title"))
    message = st.session_state.pop(signin.MESSAGE, None)
    if message:
        st.info(ui.t(message), icon=":material/info:")
    if not accounts.any_accounts(ui.cursor()):
        # Only the server's own machine may act as the local admin of an installation without accounts.
        st.warning(ui.t("no_accounts_remote"), icon=":material/lock:")
        st.code(FIRST_ADMIN, language="bash")
        return
    st.subheader(ui.t("signin_title"))
    with st.form("signin", enter_to_submit=True, clear_on_submit=True):
        username = st.text_input(ui.t("username"), key="signin_username", max_chars=64, autocomplete="username")
        password = st.text_input(ui.t("password"), type="password", key="signin_password", max_chars=256,
                                 autocomplete="current-password")
        submitted = st.form_submit_button(ui.t("signin_button"), type="primary")
    if submitted:
        problem = signin.sign_in(username, password)
        if problem is None:
            st.rerun()
        st.error(ui.t(problem), icon=":material/error:")
    if signin.sso_configured():
        st.divider()
        st.button(ui.t("signin_sso"), on_click=st.login, key="signin_sso")


def show_refused() -> None:
    st.title(ui.t("page_refused_title"))
    st.warning(ui.t("page_refused", role=ui.actor().label(ui.lang())), icon=":material/block:")

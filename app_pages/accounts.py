"""บัญชีผู้ใช้ — accounts: add, change role and unit, reset a password, disable (admins only)."""

import streamlit as st

from pimpa_data.access import accounts
from pimpa_data.app import ui
from pimpa_data.app.tables import accounts_frame
from pimpa_data.core.errors import PimpaError
from pimpa_data.core.roles import ROLE_LABELS, ROLES

ui.page_header("page_accounts")
con, me, lang = ui.cursor(), ui.actor(), ui.lang()
for message in st.session_state.pop("accounts_done", []):
    st.success(message, icon=":material/check_circle:")

users = accounts.list_users(con)
ui.table(accounts_frame(users, lang), "accounts", "accounts")


def role_label(role: str) -> str:
    return ROLE_LABELS[role][0 if lang == "th" else 1]


def done(key: str, **values: object) -> None:
    st.session_state["accounts_done"] = [ui.t(key, **values)]
    st.rerun()


add_tab, edit_tab = st.tabs([ui.t("account_add"), ui.t("account_edit")])
with add_tab, st.form("account_add", clear_on_submit=True):
    left, right = st.columns(2)
    username = left.text_input(ui.t("username"), max_chars=63, help=ui.t("username_help"), key="new_username")
    name = right.text_input(ui.t("display_name"), max_chars=120, key="new_name")
    role = left.selectbox(ui.t("role"), ROLES, format_func=role_label, key="new_role")
    unit = right.text_input(ui.t("unit_code"), max_chars=6, help=ui.t("unit_code_help"), key="new_unit")
    email = left.text_input(ui.t("email"), max_chars=254, key="new_email")
    password = left.text_input(ui.t("password"), type="password", max_chars=256, autocomplete="new-password",
                              key="new_password")
    again = right.text_input(ui.t("password_again"), type="password", max_chars=256, autocomplete="new-password",
                             key="new_password_again")
    if st.form_submit_button(ui.t("account_add"), type="primary"):
        try:
            if password != again:
                raise PimpaError(ui.text("passwords_differ", "th"), ui.text("passwords_differ", "en"))
            accounts.add_user(con, me, username, role, unit.strip() or "TH", password, name, email)
            done("account_added", user=username.strip().lower())
        except PimpaError as error:
            ui.show_problem(error)

with edit_tab:
    if not users:
        st.info(ui.t("no_accounts"))
        st.stop()
    chosen = st.selectbox(ui.t("account"), [u["username"] for u in users], key="account_chosen")
    user = next(u for u in users if u["username"] == chosen)
    with st.form("account_role"):
        left, right = st.columns(2)
        role = left.selectbox(ui.t("role"), ROLES, index=ROLES.index(user["role"]), format_func=role_label)
        unit = right.text_input(ui.t("unit_code"), value=user["unit_code"], max_chars=6)
        if st.form_submit_button(ui.t("account_save_role")):
            try:
                accounts.set_role(con, me, chosen, role, unit.strip())
                done("account_saved", user=chosen)
            except PimpaError as error:
                ui.show_problem(error)
    with st.form("account_password", clear_on_submit=True):
        password = st.text_input(ui.t("new_password"), type="password", max_chars=256, autocomplete="new-password")
        if st.form_submit_button(ui.t("account_set_password")):
            try:
                accounts.set_password(con, me, chosen, password)
                done("account_password_set", user=chosen)
            except PimpaError as error:
                ui.show_problem(error)
    active = bool(user["active"])
    if st.button(ui.t("account_disable" if active else "account_enable"), key="account_switch"):
        try:
            accounts.set_active(con, me, chosen, not active)
            done("account_disabled" if active else "account_enabled", user=chosen)
        except PimpaError as error:
            ui.show_problem(error)

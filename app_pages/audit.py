"""บันทึกการใช้งาน — the audit log: sign-ins, uploads, undos, changes, views of names (admins only)."""

import datetime as dt

import streamlit as st

from pimpa_data.access import audit
from pimpa_data.app import ui
from pimpa_data.app.tables import audit_frame

ui.page_header("page_audit")
con = ui.cursor()
people, actions = audit.audit_choices(con)
left, middle, right = st.columns(3)
who = left.selectbox(ui.t("audit_who"), ["", *people], format_func=lambda w: w or ui.t("all"), key="audit_who")
action = middle.selectbox(ui.t("audit_action"), ["", *actions], key="audit_action",
                          format_func=lambda a: ui.t("all") if not a else ui.audit_label(a))
today = dt.date.today()
days = right.date_input(ui.t("audit_days"), (today - dt.timedelta(days=30), today), max_value=today,
                        key="audit_days", format="DD/MM/YYYY")
since, until = (*days, None, None)[:2] if isinstance(days, tuple) else (days, None)
entries = audit.audit_entries(con, ui.actor(), who=who, action=action, since=since, until=until or since)
ui.table(audit_frame(entries, ui.lang()), f"audit-{today:%Y%m%d}", "audit")

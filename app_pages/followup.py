"""การติดตามผู้จบหลักสูตร — graduates still waiting for a follow-up, due or overdue."""

import datetime as dt

import streamlit as st

from pimpa_data.app import tables, ui, visit_form
from pimpa_data.measures import queries

scope = ui.current_scope()
lang = ui.lang()
ui.page_header("page_followup", scope)
st.write(ui.t("followup_intro", days=queries.FOLLOW_UP_DUE_DAYS))

due = ui.query(queries.follow_ups_due, scope.fiscal_year, scope.unit_code, dt.date.today(), scope.show_names)
if scope.show_names:
    ui.log_view_once(f"fiscal_year={scope.fiscal_year} unit={scope.unit_code} follow-ups due")
if "visit_saved" in st.session_state:
    name, batch = st.session_state.pop("visit_saved")
    st.success(ui.t("visit_saved", name=name, batch=batch), icon=":material/check_circle:")
if due.empty:
    st.success(ui.t("all_followed"))
    st.stop()

overdue = int(due["overdue"].sum())
left, right = st.columns(2)
left.metric(ui.t("due"), f"{len(due) - overdue:,}")
right.metric(ui.t("overdue"), f"{overdue:,}")
due = due.assign(status=[ui.t("overdue" if late else "due") + (f" · {ui.t('year_locked')}" if locked else "")
                         for late, locked in zip(due["overdue"], due["locked"])])
if not scope.show_names:
    st.caption(ui.t("names_hidden"))
ui.table(tables.shape(due, tables.DUE_COLUMNS, lang), f"followup-due-{scope.unit_code}-{scope.fiscal_year}",
         "due", private=tables.private_labels(lang))
if scope.show_names and ui.actor().may_upload:  # the centre's teacher (or an admin) records the visit
    visit_form.show(due)

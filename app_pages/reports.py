"""รายงาน — the centre's report: the teacher's words for its sections, then the Best Practice
report or the SAR's standard-1 part as DOCX (to edit further) or PDF."""

import streamlit as st

from pimpa_data.app import narrative_form, report_box, ui

scope = ui.current_scope()
ui.page_header("page_reports", scope)
if scope.level not in ("centre", "district"):
    st.info(ui.t("narrative_scope"), icon=":material/info:")
    st.stop()
report_box.show(scope)
narrative_form.show(scope)

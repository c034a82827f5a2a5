"""แหล่งข้อมูล — on a roll-up: where each district's data came from, and how old it is."""

import streamlit as st

from pimpa_data.app import rollup_tables, ui
from pimpa_data.export import rollup

lang = ui.lang()
ui.page_header("page_sources")
st.caption(ui.t("sources_explain"))
found = ui.query(rollup.sources)
if found.empty:
    st.info(ui.t("sources_none"), icon=":material/inbox:")
else:
    ui.table(rollup_tables.sources_frame(found, lang), "rollup-sources", "sources")
problems = ui.query(rollup.conflicts)
if len(problems):
    st.subheader(ui.t("sources_conflicts"))
    for row in problems.itertuples():
        st.warning(f"{row.district_code}: {row.message_en if lang == 'en' else row.message_th}",
                   icon=":material/warning:")

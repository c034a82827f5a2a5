"""Pimpa's dashboard: page set-up, language and scope in the sidebar, and the page router."""

import streamlit as st

from pimpa_data.app import ui

st.set_page_config(page_title="Pimpa — พิมพา", page_icon="📊", layout="wide")

PAGES = (
    ("app_pages/overview.py", "page_overview", ":material/dashboard:", "overview"),
    ("app_pages/quality.py", "page_quality", ":material/verified:", "quality"),
    ("app_pages/courses.py", "page_courses", ":material/school:", "courses"),
    ("app_pages/income.py", "page_income", ":material/payments:", "income"),
    ("app_pages/followup.py", "page_followup", ":material/person_search:", "followup"),
    ("app_pages/upload.py", "page_upload", ":material/upload_file:", "upload"),
)

navigation = st.navigation([
    st.Page(path, title=ui.t(key), icon=icon, url_path=url, default=index == 0)
    for index, (path, key, icon, url) in enumerate(PAGES)
])
try:
    st.session_state["scope"] = ui.sidebar()
    navigation.run()
except Exception as error:  # Streamlit's stop and rerun are BaseExceptions and pass through
    ui.show_unexpected(error)

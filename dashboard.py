"""Pimpa's dashboard: page set-up, sign-in, language and scope in the sidebar, and the page router."""

import streamlit as st

from pimpa_data.app import gate, sidebar, signin, ui
from pimpa_data.core.roles import ADMIN, ASSESSOR, DIRECTOR, TEACHER, Actor

st.set_page_config(page_title="Pimpa — พิมพา", page_icon="📊", layout="wide")

LOCAL_ADMIN = "local admin"
ROLLUP_ONLY = ("sources",)  # where a roll-up's districts came from
NO_UPLOADS = ("upload",)  # a roll-up is read-only: its data changes on the districts' servers
EVERYONE = (TEACHER, DIRECTOR, ASSESSOR, ADMIN, LOCAL_ADMIN)
PAGES = (  # path, title, icon, url, the roles that see it
    ("app_pages/overview.py", "page_overview", ":material/dashboard:", "overview", EVERYONE),
    ("app_pages/quality.py", "page_quality", ":material/verified:", "quality", EVERYONE),
    ("app_pages/courses.py", "page_courses", ":material/school:", "courses", EVERYONE),
    ("app_pages/income.py", "page_income", ":material/payments:", "income", EVERYONE),
    ("app_pages/followup.py", "page_followup", ":material/person_search:", "followup", EVERYONE),
    ("app_pages/data_quality.py", "page_data_quality", ":material/fact_check:", "data-quality", EVERYONE),
    ("app_pages/reports.py", "page_reports", ":material/description:", "reports", EVERYONE),
    ("app_pages/upload.py", "page_upload", ":material/upload_file:", "upload", (TEACHER, ADMIN, LOCAL_ADMIN)),
    ("app_pages/sources.py", "page_sources", ":material/hub:", "sources", EVERYONE),
    ("app_pages/accounts.py", "page_accounts", ":material/manage_accounts:", "accounts", (ADMIN,)),
    ("app_pages/audit.py", "page_audit", ":material/policy:", "audit", (ADMIN, LOCAL_ADMIN)),
)


def pages_for(actor: Actor) -> list[st.Page]:
    """The role's pages; the others' addresses lead to a refusal, never to Streamlit's "not found".
    The local administrator (no accounts yet) manages no accounts: the first admin comes from the CLI."""
    role = actor.role if not actor.local else LOCAL_ADMIN
    left_out = NO_UPLOADS if ui.is_rollup() else ROLLUP_ONLY
    shown = [page for page in PAGES if role in page[4] and page[3] not in left_out]
    pages = [
        st.Page(path, title=ui.t(key), icon=icon, url_path=url, default=index == 0)
        for index, (path, key, icon, url, _) in enumerate(shown)
    ]
    return pages + [
        st.Page(gate.show_refused, title=ui.t(key), url_path=url, visibility="hidden")
        for path, key, _, url, roles in PAGES if all(url != page[3] for page in shown)
    ]


def signin_pages() -> list[st.Page]:
    """The sign-in form at every address, so a bookmark opens its page once signed in."""
    form = st.Page(gate.show_signin, title=ui.t("page_signin"), icon=":material/login:", url_path="signin",
                   default=True)
    return [form] + [
        st.Page(gate.show_signin, title=ui.t("page_signin"), url_path=url, visibility="hidden")
        for _, _, _, url, _ in PAGES
    ]


try:
    actor = signin.current_actor()
    signin.write_cookie()
    if actor is None:  # nothing but the sign-in form: no figures, no names
        sidebar.language_picker()
        st.navigation(signin_pages(), position="hidden").run()
    else:
        st.session_state["actor"] = actor
        navigation = st.navigation(pages_for(actor))
        st.session_state["scope"] = sidebar.sidebar(actor)
        navigation.run()
except Exception as error:  # Streamlit's stop and rerun are BaseExceptions and pass through
    ui.show_unexpected(error)

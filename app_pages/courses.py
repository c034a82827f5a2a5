"""หลักสูตรและผู้เรียน — courses of the scope, and one course's learners with attendance and results."""

import streamlit as st

from pimpa_data.app import photo_box, tables, ui
from pimpa_data.measures import queries, targets

scope = ui.current_scope()
lang = ui.lang()
ui.page_header("page_courses", scope)

courses = ui.query(queries.courses, scope.fiscal_year, scope.unit_code)
if courses.empty:
    st.info(ui.t("no_data_year"), icon=":material/inbox:")
    st.stop()

left, middle, right = st.columns([2, 1, 1])
search = left.text_input(ui.t("search"), key="course_search").strip().lower()
formats = middle.multiselect(ui.t("format"), sorted(courses["course_format"].dropna().unique()),
                             key="course_format", placeholder=ui.t("all"))
groups = right.multiselect(ui.t("occupation_group"), sorted(courses["occupation_group"].dropna().unique()),
                           key="course_group", placeholder=ui.t("all"))
shown = courses[
    (courses["course_code"].str.lower().str.contains(search, regex=False)
     | courses["course_name"].str.lower().str.contains(search, regex=False))
    & (courses["course_format"].isin(formats) if formats else True)
    & (courses["occupation_group"].isin(groups) if groups else True)
]
ui.table(tables.shape(shown, tables.COURSE_COLUMNS, lang), f"courses-{scope.unit_code}-{scope.fiscal_year}",
         "courses")

if not shown.empty:
    names = {(row.centre_code, row.course_code): f"{row.course_code} — {row.course_name} ({row.centre_name})"
             for row in shown.itertuples()}
    centre, course = st.selectbox(ui.t("choose_course"), list(names), key="course_pick", format_func=names.get)
    learners = ui.query(queries.course_learners, scope.fiscal_year, scope.unit_code, centre, course,
                        scope.show_names)
    if scope.show_names:
        ui.log_view_once(f"centre={centre} course={course} learners")
    if not scope.show_names:
        st.caption(ui.t("names_hidden"))
    learners = tables.explain_graduates(learners, ui.query(targets.attendance_threshold), lang)
    ui.table(tables.shape(learners, tables.LEARNER_COLUMNS, lang), f"learners-{centre}-{course}", "learners",
             private=tables.private_labels(lang))
    photo_box.course_photos(scope, centre, course)

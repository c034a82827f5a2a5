"""The report's sections in the teacher's words, edited per unit and fiscal year, with history."""

from __future__ import annotations

import streamlit as st

from ..core.errors import PimpaError
from ..core.signoffs import signed_off
from ..ingest import narrative
from . import tables, ui
from .formatting import date_be
from .i18n import label
from .scope import Scope


def show(scope: Scope) -> None:
    st.subheader(ui.t("narrative_title"))
    st.caption(ui.t("narrative_explain"))
    if said := st.session_state.pop("narrative_said", None):
        st.success(said, icon=":material/check_circle:")
    lang = ui.lang()
    lock = signed_off(ui.cursor(), scope.unit_code, scope.fiscal_year) if scope.level == "centre" else None
    may_edit = ui.actor().may_upload and lock is None
    if lock:
        st.info(lock.says()[1 if lang == "en" else 0], icon=":material/lock:")
    texts = narrative.current(ui.cursor(), scope.unit_code, scope.fiscal_year)
    reader = not ui.actor().may_upload  # a director or an assessor reads what the teachers wrote
    sections = [s for s in narrative.SECTIONS if texts[s.code].strip()] if reader else narrative.SECTIONS
    if reader:
        st.caption(ui.t("narrative_read_only"))
    if not sections:
        st.info(ui.t("narrative_none_yet"))
        return
    with st.form(f"narrative-{scope.unit_code}-{scope.fiscal_year}"):
        written = {
            section.code: st.text_area(
                label((section.th, section.en), lang), texts[section.code],
                max_chars=narrative.max_chars(section.code),
                help=label((section.hint_th, section.hint_en), lang) or None, disabled=not may_edit,
                height=68 if section.code in ("title", "authors", "supporters", "editors") else 150,
                key=f"narrative_{section.code}",
            )
            for section in sections
        }
        sent = st.form_submit_button(ui.t("narrative_save"), type="primary", disabled=not may_edit)
    if sent:
        _save(scope, written)
    _history(scope, lang)


def _save(scope: Scope, written: dict[str, str]) -> None:
    try:
        changed = narrative.save(ui.cursor(), ui.actor(), scope.unit_code, scope.fiscal_year, written)
    except PimpaError as error:
        ui.show_problem(error)
        return
    names = ", ".join(label((narrative.SECTIONS_BY_CODE[c].th, narrative.SECTIONS_BY_CODE[c].en), ui.lang())
                      for c in changed)
    st.session_state["narrative_said"] = ui.t("narrative_saved", sections=names) if changed else ui.t(
        "narrative_unchanged")
    st.rerun()


def _history(scope: Scope, lang: str) -> None:
    versions = ui.query(narrative.history, scope.unit_code, scope.fiscal_year)
    if versions.empty:
        return
    with st.expander(ui.t("narrative_history", n=f"{len(versions):,}"), icon=":material/history:"):
        shown = versions.assign(
            section=versions["section"].map(lambda c: label((narrative.SECTIONS_BY_CODE[c].th,
                                                             narrative.SECTIONS_BY_CODE[c].en), lang)
                                            if c in narrative.SECTIONS_BY_CODE else c),
            written_at=versions["written_at"].map(lambda when: f"{date_be(when, lang)} {when:%H:%M}"),
        )
        ui.table(tables.shape(shown.fillna(""), HISTORY_COLUMNS, lang), f"narrative-{scope.unit_code}",
                 "narrative_history")


HISTORY_COLUMNS = (
    ("written_at", "เวลา", "When"),
    ("written_by", "ผู้เขียน", "By"),
    ("section", "หัวข้อ", "Section"),
    ("body", "ข้อความ", "Text"),
)

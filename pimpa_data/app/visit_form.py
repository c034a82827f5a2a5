"""The follow-up visit form, for a phone in the field: pick a graduate from the due list, record
what the teacher found. The library saves it as a batch (ingest/form_entry.py)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pandas as pd
import streamlit as st

from ..core.choices import APPLIED_WAYS
from ..core.dates import format_date_be, parse_date
from ..core.errors import PimpaError
from ..core.normalise import BadValue
from ..ingest.form_entry import Visit, record_follow_up
from ..ingest.photo_store import Photo
from . import photo_box, ui


def show(due: pd.DataFrame) -> None:
    """The form under the due list (the teacher of the centre, or an admin, with names shown)."""
    st.subheader(ui.t("visit_title"))
    rows = {index: row for index, row in due.iterrows()}
    chosen = st.selectbox(
        ui.t("visit_who"), list(rows), index=None, placeholder=ui.t("visit_pick"), key="visit_who",
        format_func=lambda i: f"{rows[i]['learner_name']} — {rows[i]['course_code']} ({rows[i]['days_since_end']:,} "
                              f"{ui.t('days')})",
    )
    if chosen is None:
        return
    graduate = rows[chosen]
    with st.form("visit", clear_on_submit=True):
        day = st.text_input(ui.t("visit_date"), value=format_date_be(dt.date.today(), "numeric"),
                            help=ui.t("visit_date_help"))
        applied = st.radio(ui.t("visit_applied"), (True, False), horizontal=True,
                           format_func=lambda yes: ui.t("yes" if yes else "no"))
        ways = st.multiselect(ui.t("visit_how"), [c.value for c in APPLIED_WAYS], placeholder=ui.t("visit_how_pick"),
                              format_func=lambda v: v if ui.lang() == "th" else _english(v))
        before = st.number_input(ui.t("visit_before"), min_value=0.0, step=500.0, value=None)
        after = st.number_input(ui.t("visit_after"), min_value=0.0, step=500.0, value=None)
        exemplary = st.checkbox(ui.t("visit_exemplary"))
        evidence = st.text_area(ui.t("visit_evidence"), max_chars=1000)
        photo = photo_box.evidence_upload("visit_photo")
        consent = st.checkbox(ui.t("photos_consent"), key="visit_photo_consent")
        saved = st.form_submit_button(ui.t("visit_save"), type="primary", width="stretch")
    if saved:
        _save(graduate, day, (photo, consent), applied=applied, applied_how=tuple(ways),
              income_before_baht=_baht(before), income_after_baht=_baht(after), exemplary=exemplary,
              evidence=evidence)


def _save(graduate: pd.Series, day: str, photo: tuple[tuple[str, bytes] | None, bool], **fields: object) -> None:
    upload, consent = photo
    if upload is not None and not consent:  # ask before anything is saved, not after the visit is
        st.error(ui.t("photos_consent_needed"), icon=":material/error:")
        return
    try:
        when = parse_date(day)
        if when is None:
            raise BadValue(ui.text("visit_date_missing", "th"), ui.text("visit_date_missing", "en"))
        outcome = record_follow_up(ui.cursor(), ui.who(), graduate["centre_code"], graduate["course_code"],
                                   graduate["learner_id"], Visit(when, **fields))
    except (PimpaError, BadValue) as error:
        st.error(error.en if ui.lang() == "en" else error.th, icon=":material/error:")
        return
    if outcome.problems:
        st.error("\n".join(p.en if ui.lang() == "en" else p.th for p in outcome.problems), icon=":material/error:")
        return
    if upload is not None:  # the visit is saved: its evidence photo now has a follow-up to belong to
        evidence = Photo("evidence", graduate["centre_code"], graduate["course_code"], "", consent,
                         graduate["learner_id"], when)
        if not photo_box.save(evidence, *upload):  # the problem is on screen; say the visit itself is kept
            st.cache_data.clear()
            st.warning(ui.t("visit_saved_photo_not", batch=outcome.batch_id), icon=":material/warning:")
            return
    st.cache_data.clear()
    st.session_state["visit_saved"] = (graduate["learner_name"], outcome.batch_id)
    st.rerun()


def _baht(value: float | None) -> Decimal | None:
    return None if value is None else Decimal(str(value)).quantize(Decimal("0.01"))


def _english(value: str) -> str:
    return next(choice.en for choice in APPLIED_WAYS if choice.value == value)

"""Photos on the pages: a course's activity photos (with the teacher's form to add one) and the
evidence photos behind indicator 1.3. Who sees what: teachers and directors the photos of their
units; assessors evidence photos only, each viewing logged, with no download button."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pandas as pd
import streamlit as st

from ..core.errors import PimpaError
from ..core.roles import ASSESSOR
from ..ingest.images import MAX_PHOTO_BYTES, SUFFIXES
from ..ingest.photo_store import Photo, add_photo
from ..ingest.photos import listing, photo_file
from . import ui, uploader
from .scope import Scope

PER_ROW = 4
ACCEPTED = [suffix.lstrip(".") for suffix in SUFFIXES]
MAX_MB = MAX_PHOTO_BYTES // 2**20  # the browser refuses a larger photo before sending it


def course_photos(scope: Scope, centre_code: str, course_code: str) -> None:
    """The chosen course's activity photos, and the form to add one for who may upload there."""
    actor = ui.actor()
    if actor.role == ASSESSOR or not actor.within(centre_code):
        return
    st.subheader(ui.t("photos_activity"))
    if said := st.session_state.pop("photo_said", None):
        st.success(said, icon=":material/check_circle:")
    found = ui.query(listing, centre_code, None, "activity", course_code)
    if found.empty:
        st.caption(ui.t("photos_none"))
    gallery(found)
    if actor.may_upload:
        _add_form(Photo("activity", centre_code, course_code), key=f"photo-{centre_code}-{course_code}")


def evidence_photos(scope: Scope, unit_code: str) -> None:
    """The evidence photos of a unit's graduates in the fiscal year (assessors: viewing is logged)."""
    found = ui.query(listing, unit_code, scope.fiscal_year, "evidence")
    if found.empty:
        return
    with st.expander(ui.t("photos_evidence", n=f"{len(found):,}"), icon=":material/photo_library:"):
        if ui.actor().role == ASSESSOR:
            ui.log_view_once(f"fiscal_year={scope.fiscal_year} unit={unit_code} evidence photos", action="view_photos")
        gallery(found, with_course=True)


def gallery(found: pd.DataFrame, with_course: bool = False) -> None:
    con = ui.cursor()
    for start in range(0, len(found), PER_ROW):
        cells = st.columns(PER_ROW)
        for cell, row in zip(cells, found.iloc[start:start + PER_ROW].itertuples()):
            caption = row.caption if isinstance(row.caption, str) else ""
            if with_course:
                caption = f"{row.course_code} · {caption}" if caption else row.course_code
            cell.image(str(photo_file(con, row.photo_id)), caption=caption or None, width="stretch")


def _add_form(photo: Photo, key: str) -> None:
    with st.form(key, clear_on_submit=True):
        st.markdown(f"**{ui.t('photos_add')}**")
        upload = uploader.file_uploader(ui.t("photos_file"), types=ACCEPTED, limit_mb=MAX_MB, key=f"{key}-file",
                                        help=ui.t("photos_file_help"))
        caption = st.text_input(ui.t("photos_caption"), max_chars=300, key=f"{key}-caption")
        consent = st.checkbox(ui.t("photos_consent"), key=f"{key}-consent")
        sent = st.form_submit_button(ui.t("photos_save"), type="primary")
    if sent and upload is not None and save(Photo(photo.kind, photo.centre_code, photo.course_code, caption,
                                                  consent, photo.learner_id, photo.followup_date),
                                            upload.name, upload.getvalue()):
        st.rerun()  # the gallery above shows it at once


def save(photo: Photo, name: str, data: bytes) -> bool:
    """Clean and keep one uploaded photo; True when it is kept (the message waits for the next run)."""
    suffix = Path(name).suffix.lower()
    try:
        with tempfile.TemporaryDirectory(prefix="pimpa-photo-") as folder:
            path = Path(folder) / f"upload{suffix if suffix in SUFFIXES else '.bin'}"
            path.write_bytes(data)
            saved = add_photo(ui.cursor(), ui.actor(), path, name, photo)
    except PimpaError as error:
        ui.show_problem(error)
        return False
    st.cache_data.clear()
    st.session_state["photo_said"] = ui.t("photos_saved" if saved.status == "added" else "photos_unchanged",
                                          batch=saved.batch_id)
    return True


def evidence_upload(key: str) -> tuple[str, bytes] | None:
    """An optional evidence photo inside the visit form: (name, bytes), or None."""
    upload = uploader.file_uploader(ui.t("visit_photo"), types=ACCEPTED, limit_mb=MAX_MB, key=key,
                                    help=ui.t("photos_file_help"))
    return (upload.name, upload.getvalue()) if upload is not None else None

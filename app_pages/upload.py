"""นำเข้าข้อมูล — the teacher's upload: preview, problems, confirm, history and undo."""

import hashlib

import streamlit as st

from pimpa_data.app import ui, uploader, uploads
from pimpa_data.core.errors import PimpaError
from pimpa_data.export.template import template_bytes
from pimpa_data.ingest.limits import MAX_FILE_BYTES
from pimpa_data.ingest.undo import remove_sample
from pimpa_data.sample import bootstrap

scope = ui.current_scope()
ui.page_header("page_upload")
st.write(ui.t("upload_intro"))
centre = scope.unit_code if scope.level == "centre" else None
st.download_button(
    ui.t("templates"), lambda: template_bytes(centre, scope.fiscal_year), f"pimpa-แบบฟอร์ม-{centre or 'เปล่า'}.xlsx",
    ui.XLSX_MIME, key="template_download", on_click="ignore", icon=":material/download:",
    help=ui.t("templates_help"),
)

if "sample_removed" in st.session_state:
    st.success(ui.t("sample_removed", n=f"{st.session_state.pop('sample_removed'):,}"), icon=":material/check_circle:")
if bootstrap.shows_sample(ui.cursor()):  # real data waits: it would merge with the sample's courses
    st.warning(ui.t("sample_blocks_upload"), icon=":material/science:")
    if ui.actor().is_admin:
        sure = st.checkbox(ui.t("sample_remove_sure"), key="sample_remove_sure")
        if st.button(ui.t("sample_remove"), key="sample_remove", type="primary", disabled=not sure):
            removed = remove_sample(ui.cursor(), ui.who())
            st.cache_data.clear()
            st.session_state["sample_removed"] = sum(removed.values())
            st.rerun()
    else:
        st.caption(ui.t("sample_ask_admin"))

for name, status, batch in st.session_state.pop("upload_done", []):
    message = f"{name}: {ui.t('status_' + status)}" + (f" ({ui.t('batch')} {batch})" if batch else "")
    (st.error if status == "rejected" else st.success)(message)

if "undo_done" in st.session_state:
    st.success(ui.t("undo_done", batch=st.session_state.pop("undo_done")))

upload_round = st.session_state.get("upload_round", 0)  # a new round empties the uploader
files = uploader.file_uploader(
    ui.t("choose_files"), types=("xlsx", "xlsm", "xls", "ods", "csv"), limit_mb=MAX_FILE_BYTES // 2**20,
    accept_multiple_files=True, key=f"upload_files_{upload_round}",
)


def previews(chosen: list) -> list[uploads.FileReport]:
    """What saving the files in name order would do, each seeing the ones before it; worked
    out once per set of files and state of the data, not on every rerun of the page."""
    contents = [(upload.name, upload.getvalue()) for upload in chosen]
    digest = hashlib.sha256(b"".join(name.encode() + hashlib.sha256(data).digest() for name, data in contents))
    key = f"preview:{digest.hexdigest()}:{ui.data_version()}"
    if key not in st.session_state:
        st.session_state[key] = uploads.preview_files(ui.cursor(), contents, ui.who())
    return st.session_state[key]


ready = []
if files:
    files = sorted(files, key=lambda upload: upload.name)  # a course register before its learners
    st.subheader(ui.t("preview"))
    for number, (upload, report) in enumerate(zip(files, previews(files))):
        with st.container(border=True):
            icon = {"dry-run": ":material/check_circle:", "unchanged": ":material/remove_circle:",
                    "rejected": ":material/block:"}.get(report.status, "")
            st.markdown(f"**{icon} {upload.name}** — {ui.t('status_' + report.status)}")
            if report.counts and report.status != "rejected":
                st.dataframe(uploads.counts_frame(report, ui.lang()), hide_index=True)
            for th, en in report.notes:
                st.caption(en if ui.lang() == "en" else th)
            if report.errors:
                lines = uploads.problem_lines(report, ui.lang())
                count = ui.t("problem_count", causes=f"{len(lines):,}", rows=f"{len(report.errors):,}")
                st.markdown(f"**{ui.t('problems')}** ({count})")
                st.markdown("\n".join(lines[: uploads.LISTED_PROBLEMS]))
                if len(lines) > uploads.LISTED_PROBLEMS:
                    st.caption(ui.t("more_problems", n=f"{len(lines) - uploads.LISTED_PROBLEMS:,}"))
                with st.expander(ui.t("problem_table")):
                    ui.table(uploads.problems_frame(report, ui.lang()), f"problems-{upload.name}",
                             f"problems_{number}", download_only=("rule",))
        if report.status == "dry-run":
            ready.append(upload)

    if st.button(ui.t("confirm_save"), type="primary", key="upload_confirm", disabled=not ready):
        progress = st.progress(0.0, text=ui.t("saving"))
        done = []
        for count, upload in enumerate(ready, start=1):
            report = uploads.load_upload(ui.cursor(), upload.name, upload.getvalue(), ui.who())
            progress.progress(count / len(ready), text=f"{upload.name}: {ui.t('status_' + report.status)}")
            done.append((upload.name, report.status, report.batch_id))
        st.cache_data.clear()
        st.session_state["upload_done"] = done
        st.session_state["upload_round"] = upload_round + 1
        st.rerun()

st.divider()
st.subheader(ui.t("history"))
history = uploads.history_frame(ui.cursor(), ui.lang(), scope.unit_code)
if history.empty:
    st.caption(ui.t("history_empty"))
else:
    ui.table(history, "upload-history", "history", counts=(ui.t("rows_changed"),))
batches = uploads.undoable_batches(ui.cursor(), ui.actor(), scope.unit_code)
if batches:
    chosen = st.selectbox(  # nothing chosen for the user: an undo is always a decision
        ui.t("undo_choose"), batches, index=None, placeholder=ui.t("undo_placeholder"),
        key=f"undo_batch_{ui.data_version()}", format_func=lambda b: f"{b['batch_id']} — {b['file_name']}",
    )
    if chosen is not None:
        st.warning(uploads.undo_summary(ui.cursor(), chosen, ui.lang()), icon=":material/undo:")
        if st.button(ui.t("undo_confirm", batch=chosen["batch_id"]), key="undo_button", type="primary"):
            try:
                uploads.undo(ui.cursor(), chosen["batch_id"], ui.who())
                st.cache_data.clear()
                st.session_state["undo_done"] = chosen["batch_id"]
                st.rerun()
            except PimpaError as error:
                ui.show_problem(error)

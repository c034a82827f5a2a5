"""The one module of the library that imports Streamlit: connection, language, scope, tables.

Pages call these helpers so that each page stays a short script: read widgets, call the
library, render.
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Callable
from pathlib import Path

import duckdb
import pandas as pd
import streamlit as st

from ..core import audit, db, owner
from ..core.errorlog import report_unexpected
from ..core.errors import PimpaError
from ..core.roles import DIRECTOR, TEACHER, Actor
from ..core.settings import get_setting
from ..core.signoffs import signed_off
from ..core.snapshot_layout import ROLLUP_SETTING, is_rollup_database
from ..export.safe import to_csv_bytes, to_xlsx_bytes
from ..measures import queries
from ..measures.indicators import Count, Indicator
from ..sample import bootstrap
from . import database as database_file
from .formatting import display_frame, fiscal_year_label
from .i18n import audit_label as _audit_label
from .i18n import label, text
from .scope import Scope

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


_FIRST_RUN = threading.Lock()


def _prepare_first_run(database: Path) -> None:
    """A new install: the file and its sample are made here, outside the cached connection, so
    the page can show a progress bar meanwhile (other sessions wait for it, then go on)."""
    if database.exists():
        return
    with _FIRST_RUN:
        if database.exists():
            return
        bar = st.progress(0.0, text=t("preparing_sample"))
        owner.hold(database, database_file.OWNER_WAIT_SECONDS)
        bootstrap.open_database(database, progress=lambda done: bar.progress(done, text=t("preparing_sample"))).close()
        bar.empty()


def cursor() -> duckdb.DuckDBPyConnection:
    """A cursor of the process's one connection; DuckDB objects are not shared across threads."""
    try:
        _prepare_first_run(Path(_database()))
        return database_file.connection(_database()).cursor()
    except owner.NotOwner:
        st.warning(t("database_busy"), icon=":material/hourglass_top:")
        st.stop()
    except PimpaError as error:
        st.error(error.en if lang() == "en" else error.th)
        st.stop()


def _database() -> str:
    return str(db.default_db_path().resolve())


def data_version() -> tuple[int | None, int, int]:
    """Changes whenever an upload or undo changes the data, or another file (a refreshed roll-up)
    takes the database's place; cached queries key on it."""
    return (database_file.inode(_database()), *queries.data_version(cursor()))


@st.cache_data(show_spinner=False, max_entries=512)
def _cached(database: str, name: str, version: tuple[int, int], args: tuple, kwargs: tuple) -> object:
    module, _, attribute = name.rpartition(".")
    return getattr(importlib.import_module(module), attribute)(cursor(), *args, **dict(kwargs))


def query(function: Callable, *args: object, **kwargs: object) -> object:
    """Call a library query with a fresh cursor, cached until the data changes."""
    name = f"{function.__module__}.{function.__qualname__}"
    return _cached(_database(), name, data_version(), args, tuple(sorted(kwargs.items())))


def audit_label(action: str) -> str:
    return _audit_label(action, lang())


def lang() -> str:
    return st.session_state.get("lang", "th")


def t(key: str, **values: object) -> str:
    return text(key, lang(), **values)


def indicator_help(ind: Indicator) -> str:
    """An indicator's definition: its wording in the standard, and what it divides by what."""
    language = lang()
    return text("indicator_help", language, full=ind.en if language == "en" else ind.th_full,
                numerator=label(_pair(ind.numerator_count), language),
                denominator=label(_pair(ind.denominator_count), language))


def _pair(count: Count) -> tuple[str, str]:
    return count.th, count.en


def actor() -> Actor:
    """Who is using this session (dashboard.py signs them in before any page runs)."""
    return st.session_state["actor"]


def who() -> Actor:
    """The signed-in person, as the library's write paths and the audit log want them."""
    return actor()


# ---------------------------------------------------------------- rendering

def page_header(title_key: str, scope: Scope | None = None) -> None:
    st.title(t(title_key))
    if scope is not None:
        locked = signed_off(cursor(), scope.unit_code, scope.fiscal_year) if scope.level == "centre" else None
        status = f" · :material/lock: {locked.says()[1 if lang() == 'en' else 0]}" if locked else ""
        st.caption(f"{scope.unit_name} · {fiscal_year_label(scope.fiscal_year, lang())}{status}")
    if bootstrap.shows_sample(cursor()):
        st.info(t("sample_notice"), icon=":material/info:")
    if (built := get_setting(cursor(), ROLLUP_SETTING)) is not None:
        st.info(t("rollup_notice", when=built.replace("T", " ")[:16] + " UTC"), icon=":material/hub:")


def is_rollup() -> bool:
    """A read-only roll-up of districts' snapshots: no uploads, and a page of where data came from."""
    return is_rollup_database(cursor())


MAX_SHOWN_ROWS = 1000  # a table of a whole country stays quick to draw; the downloads hold every row


def table(
    frame: pd.DataFrame, name: str, key: str, private: tuple[str, ...] = (),
    total: int | None = None, everything: Callable[[], pd.DataFrame] | None = None,
    download_only: tuple[str, ...] = (),
    widths: dict[str, str] | None = None,
    counts: tuple[str, ...] = (),
) -> None:
    """Show a table with CSV and Excel downloads; `private` columns never leave in a download.

    `frame` may be the first rows only: then `total` says how many there are and `everything`
    fetches them all. The files are built only when a button is pressed. `download_only` columns
    (codes for whoever processes the file) are in the downloads but not on screen. `widths` gives
    columns a width ("small", "medium", "large"), a long text cut short on screen (whole on hover).
    `counts` are whole-number columns shown with thousands separators (not codes or years).
    """
    language = lang()
    total = len(frame) if total is None else total
    shown = frame.head(MAX_SHOWN_ROWS).drop(columns=[c for c in download_only if c in frame.columns])
    config = {label: st.column_config.Column(width=width) for label, width in (widths or {}).items()}
    visible = display_frame(shown, language)
    for name in visible.columns:  # money and shares (Decimals, shown as floats): 23,500 not 23500
        if name in config:
            continue
        if str(name).endswith("(%)") and pd.api.types.is_float_dtype(visible[name]):
            config[name] = st.column_config.NumberColumn(format="%.2f")  # 84.00 beside 71.43, not 84
        elif pd.api.types.is_float_dtype(visible[name]) or name in counts:
            config[name] = st.column_config.NumberColumn(format="localized")
    st.dataframe(visible, hide_index=True, width="stretch", column_config=config)
    private = [c for c in private if c in frame.columns]
    with_names = bool(private) and _may_export_names() and st.checkbox(t("include_names"), key=f"{key}_names")
    hidden = [] if with_names else private
    me = who()  # the file is built when the button is pressed, outside this run's session

    def shareable() -> pd.DataFrame:
        rows = everything() if everything and total > len(frame) else frame
        if with_names:
            audit.note(cursor(), me, "export_names", f"{name} rows={len(rows)}", now=True)
        return display_frame(rows.drop(columns=hidden), language)

    left, right, rest = st.columns([1, 1, 3])
    left.download_button(
        t("download_csv"), lambda: to_csv_bytes(shareable()), f"{name}.csv", "text/csv",
        key=f"{key}_csv", on_click="ignore", width="stretch",
    )
    right.download_button(
        t("download_xlsx"), lambda: to_xlsx_bytes(shareable(), name), f"{name}.xlsx", XLSX_MIME,
        key=f"{key}_xlsx", on_click="ignore", width="stretch",
    )
    count = t("rows_count", n=f"{total:,}")
    if total > MAX_SHOWN_ROWS:
        count = t("rows_shown", shown=f"{MAX_SHOWN_ROWS:,}", n=f"{total:,}")
    rest.caption(count + (" · " + t("exports_without_names") if hidden else ""))


def _may_export_names() -> bool:
    """Names leave in a download only for the unit's own teacher or director, who asks for them."""
    scope = current_scope()
    return scope.show_names and actor().role in (TEACHER, DIRECTOR)


def show_problem(error: PimpaError) -> None:
    """A library error the user can act on, in the page's language."""
    st.error(error.en if lang() == "en" else error.th, icon=":material/error:")


def show_unexpected(error: Exception) -> None:
    """A message with an incident code instead of a traceback (which goes to the error log)."""
    problem = report_unexpected(error, "dashboard")
    st.error(problem.en if lang() == "en" else problem.th, icon=":material/error:")


def log_view_once(detail: str, action: str = "view_names") -> None:
    """Record in the PDPA access log that this user saw learners' names (or evidence photos),
    once per session and list."""
    seen = st.session_state.setdefault("_names_seen", set())
    if (action, detail) not in seen:
        audit.note(cursor(), who(), action, detail)
        seen.add((action, detail))


def current_scope() -> Scope:
    """The scope the sidebar chose on this run (dashboard.py sets it before the page runs)."""
    return st.session_state["scope"]

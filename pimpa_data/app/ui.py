"""The one module of the library that imports Streamlit: connection, language, scope, tables.

Pages call these helpers so that each page stays a short script: read widgets, call the
library, render.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd
import streamlit as st

from ..cli import server
from ..core import db, owner, pdpa
from ..core.dates import fiscal_year
from ..core.errorlog import report_unexpected
from ..core.errors import PimpaError
from ..core.units import COUNTRY, level_of
from ..export.safe import to_csv_bytes, to_xlsx_bytes
from ..measures import queries
from ..sample import bootstrap
from .formatting import display_frame, fiscal_year_label
from .i18n import LANGUAGES, text

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


OWNER_WAIT_SECONDS = 30  # a command-line load that holds the file finishes in seconds


@st.cache_resource(show_spinner="กำลังเตรียมฐานข้อมูล… / Preparing the database…")
def _connection(path: str) -> duckdb.DuckDBPyConnection:
    """The process's one connection. The dashboard owns the file while it runs (its lock stays
    held with the connection) and answers command-line requests for it (cli/server.py)."""
    database = Path(path)
    owner.hold(database, OWNER_WAIT_SECONDS)  # kept for the life of the process, even if this cache is rebuilt
    con = bootstrap.open_database(database)
    server.serve(con, database)
    return con


def cursor() -> duckdb.DuckDBPyConnection:
    """A cursor of the process's one connection; DuckDB objects are not shared across threads."""
    try:
        return _connection(_database()).cursor()
    except owner.NotOwner:
        st.warning(t("database_busy"), icon=":material/hourglass_top:")
        st.stop()
    except PimpaError as error:
        st.error(error.en if lang() == "en" else error.th)
        st.stop()


def _database() -> str:
    return str(db.default_db_path().resolve())


def data_version() -> tuple[int, int]:
    """Changes whenever an upload or undo changes the data; cached queries key on it."""
    return queries.data_version(cursor())


@st.cache_data(show_spinner=False, max_entries=512)
def _cached(database: str, name: str, version: tuple[int, int], args: tuple, kwargs: tuple) -> object:
    module, _, attribute = name.rpartition(".")
    return getattr(importlib.import_module(module), attribute)(cursor(), *args, **dict(kwargs))


def query(function: Callable, *args: object, **kwargs: object) -> object:
    """Call a library query with a fresh cursor, cached until the data changes."""
    name = f"{function.__module__}.{function.__qualname__}"
    return _cached(_database(), name, data_version(), args, tuple(sorted(kwargs.items())))


def lang() -> str:
    return st.session_state.get("lang", "th")


def t(key: str, **values: object) -> str:
    return text(key, lang(), **values)


def who() -> str:
    """The signed-in user's e-mail or name when sign-in is configured; else the local user."""
    try:
        if st.user.is_logged_in:
            return str(st.user.get("email") or st.user.get("name"))
    except (AttributeError, KeyError):
        pass
    return pdpa.current_user()


# ---------------------------------------------------------------- scope (sidebar)

@dataclass(frozen=True)
class Scope:
    fiscal_year: int
    unit_code: str
    unit_name: str

    @property
    def level(self) -> str:
        return level_of(self.unit_code).name

    @property
    def show_names(self) -> bool:
        return pdpa.may_see_names(self.unit_code)

    @property
    def child_level(self) -> str | None:
        order = ["country", "province", "district", "centre"]
        index = order.index(self.level)
        return order[index + 1] if index + 1 < len(order) else None


@st.cache_data(show_spinner=False)
def _options(_con: duckdb.DuckDBPyConnection, database: str, version: tuple[int, int]) -> dict[str, object]:
    return queries.scope_options(_con)


def sidebar() -> Scope:
    st.sidebar.radio(
        "ภาษา / Language", list(LANGUAGES), key="lang", horizontal=True, format_func=LANGUAGES.get
    )
    options = _options(cursor(), _database(), data_version())
    years = options["fiscal_years"] or [fiscal_year(dt.date.today())]
    year = _select(t("fiscal_year"), years, "fiscal_year", lambda y: fiscal_year_label(y, lang()))
    unit_code, unit_name = _unit_pickers(options)
    return Scope(int(year), unit_code, unit_name)


def _select(label: str, options: list, key: str, format_func: Callable, default: int = 0) -> object:
    """A sidebar select box whose choice survives a change of language.

    Streamlit keeps showing a keyed select box's old option labels when only their wording
    changes, so the widget's key carries the language and the choice itself is kept under `key`.
    """
    remembered = st.session_state.get(key)
    index = options.index(remembered) if remembered in options else default
    value = st.sidebar.selectbox(label, options, index=index, key=f"{key}_{lang()}", format_func=format_func)
    st.session_state[key] = value
    return value


ALL = ""  # the "all units" choice; None would read as "nothing chosen"


def _pick(label_key: str, units: pd.DataFrame, key: str) -> str:
    """A select box of units with 'all' first; a single unit is chosen for the user."""
    codes = [ALL, *units["unit_code"]]
    names = dict(zip(units["unit_code"], units["name_en" if lang() == "en" else "name_th"]))
    return _select(
        t(label_key), codes, key, lambda code: t("all") if code == ALL else names[code],
        default=1 if len(units) == 1 else 0,
    )


def _unit_pickers(options: dict[str, object]) -> tuple[str, str]:
    units: pd.DataFrame = options["units"]
    chosen, name = COUNTRY, t("country")
    for level_key, length in (("province", 2), ("district", 4), ("centre", 6)):
        within = units[(units.unit_code.str.len() == length) & units.unit_code.str.startswith(
            "" if chosen == COUNTRY else chosen)]
        picked = _pick(level_key, within, f"unit_{level_key}")
        if picked == ALL:
            break
        chosen = picked
        name = str(within.set_index("unit_code").loc[picked, "name_en" if lang() == "en" else "name_th"])
    return chosen, name


# ---------------------------------------------------------------- rendering

def page_header(title_key: str, scope: Scope | None = None) -> None:
    st.title(t(title_key))
    if scope is not None:
        st.caption(f"{scope.unit_name} · {fiscal_year_label(scope.fiscal_year, lang())}")
    if bootstrap.shows_sample(cursor()):
        st.info(t("sample_notice"), icon=":material/info:")


MAX_SHOWN_ROWS = 1000  # a table of a whole country stays quick to draw; the downloads hold every row


def table(
    frame: pd.DataFrame, name: str, key: str, private: tuple[str, ...] = (),
    total: int | None = None, everything: Callable[[], pd.DataFrame] | None = None,
) -> None:
    """Show a table with CSV and Excel downloads; `private` columns never leave in a download.

    `frame` may be the first rows only: then `total` says how many there are and `everything`
    fetches them all. The files are built only when a button is pressed.
    """
    language = lang()
    total = len(frame) if total is None else total
    st.dataframe(display_frame(frame.head(MAX_SHOWN_ROWS), language), hide_index=True, width="stretch")
    hidden = [c for c in private if c in frame.columns]

    def shareable() -> pd.DataFrame:
        rows = everything() if everything and total > len(frame) else frame
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


def show_unexpected(error: Exception) -> None:
    """A message with an incident code instead of a traceback (which goes to the error log)."""
    problem = report_unexpected(error, "dashboard")
    st.error(problem.en if lang() == "en" else problem.th, icon=":material/error:")


def log_view_once(detail: str) -> None:
    """Record in the PDPA access log that this user saw learners' names, once per session and list."""
    seen = st.session_state.setdefault("_names_seen", set())
    if detail not in seen:
        db.log_action(cursor(), who(), "view_names", detail)
        seen.add(detail)


def current_scope() -> Scope:
    """The scope the sidebar chose on this run (dashboard.py sets it before the page runs)."""
    return st.session_state["scope"]

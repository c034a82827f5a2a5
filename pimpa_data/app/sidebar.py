"""The sidebar: language, who is signed in, the fiscal year and the unit, within the user's own.

The unit pickers start at the user's unit: a teacher of one centre gets none, a district
director picks among the district's centres, an admin of TH among everything. So no page
can be pointed at a unit outside the user's scope.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import duckdb
import pandas as pd
import streamlit as st

from ..core.dates import fiscal_year
from ..core.roles import Actor
from ..core.units import COUNTRY, LEVELS, level_of, unit_name
from ..measures import queries
from . import signin, ui
from .formatting import fiscal_year_label
from .i18n import LANGUAGES
from .scope import Scope


def language_picker() -> None:
    st.sidebar.radio(
        "ภาษา / Language", list(LANGUAGES), key="lang", horizontal=True, format_func=LANGUAGES.get
    )


def sidebar(actor: Actor) -> Scope:
    language_picker()
    _account(actor)
    options = _options(ui.cursor(), ui._database(), ui.data_version())
    years = options["fiscal_years"] or [fiscal_year(dt.date.today())]
    year = _select(ui.t("fiscal_year"), years, "fiscal_year", lambda y: fiscal_year_label(y, ui.lang()))
    unit_code, name = _unit_pickers(options, actor.unit_code)
    return Scope(int(year), unit_code, name, actor)


def _account(actor: Actor) -> None:
    box = st.sidebar.container(border=True)
    shown = actor.display_name or actor.username
    box.markdown(f"**{shown}**  \n{actor.label(ui.lang())} · {_unit_label(actor.unit_code)}")
    if actor.local:
        box.warning(ui.t("local_admin_banner"), icon=":material/admin_panel_settings:")
    elif box.button(ui.t("sign_out"), key="sign_out", icon=":material/logout:"):
        signin.sign_out(actor)
        st.rerun()


def _unit_label(code: str) -> str:
    return ui.t("country") if code == COUNTRY else f"{unit_name(ui.cursor(), code, ui.lang())} ({code})"


@st.cache_data(show_spinner=False)
def _options(_con: duckdb.DuckDBPyConnection, database: str, version: tuple[int, int]) -> dict[str, object]:
    return queries.scope_options(_con)


def _select(label: str, options: list, key: str, format_func: Callable, default: int = 0) -> object:
    """A sidebar select box whose choice survives a change of language.

    Streamlit keeps showing a keyed select box's old option labels when only their wording
    changes, so the widget's key carries the language and the choice itself is kept under `key`.
    """
    remembered = st.session_state.get(key)
    index = options.index(remembered) if remembered in options else default
    value = st.sidebar.selectbox(label, options, index=index, key=f"{key}_{ui.lang()}", format_func=format_func)
    st.session_state[key] = value
    return value


ALL = ""  # the "all units" choice; None would read as "nothing chosen"


def _pick(label_key: str, units: pd.DataFrame, key: str) -> str:
    """A select box of units with 'all' first; a single unit is chosen for the user."""
    codes = [ALL, *units["unit_code"]]
    names = dict(zip(units["unit_code"], units["name_en" if ui.lang() == "en" else "name_th"]))
    return _select(
        ui.t(label_key), codes, key, lambda code: ui.t("all") if code == ALL else names[code],
        default=1 if len(units) == 1 else 0,
    )


def _unit_pickers(options: dict[str, object], root: str) -> tuple[str, str]:
    """Pickers for the levels below the user's unit, each within the one chosen above it."""
    units: pd.DataFrame = options["units"]
    chosen = root
    name = ui.t("country") if root == COUNTRY else unit_name(ui.cursor(), root, ui.lang())
    for level in LEVELS[1:]:
        if level.length <= level_of(root).length:
            continue
        prefix = "" if chosen == COUNTRY else chosen
        within = units[(units.unit_code.str.len() == level.length) & units.unit_code.str.startswith(prefix)]
        picked = _pick(level.name, within, f"unit_{level.name}")
        if picked == ALL:
            break
        chosen = picked
        name = str(within.set_index("unit_code").loc[picked, "name_en" if ui.lang() == "en" else "name_th"])
    return chosen, name

"""Plotly figures for the pages; every label follows the chosen language."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ..core.choices import TARGET_GROUPS
from ..measures.indicators import INDICATORS
from .formatting import as_float, month_be
from .i18n import text

COLOURS = {"1.1": "#1f6f8b", "1.2": "#2a9d8f", "1.3": "#e9a23b", "target": "#c0392b", "before": "#9aa5b1",
           "after": "#2a9d8f", "revenue": "#1f6f8b", "cost": "#e76f51", "profit": "#2a9d8f"}
FONT = "Sarabun, 'TH Sarabun New', Loma, 'Noto Sans Thai', sans-serif"


def _layout(figure: go.Figure, title: str, y_title: str = "", height: int = 360) -> go.Figure:
    figure.update_layout(
        title=title, height=height, margin={"l": 10, "r": 10, "t": 80, "b": 10}, font={"family": FONT},
        # Above the plot, under the title: below it, the legend sat on the x axis's title.
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "xanchor": "left", "x": 0},
        yaxis_title=y_title, separators=".,",
    )
    figure.update_yaxes(tickformat=",")
    return figure


def indicators_vs_target(row: pd.Series, lang: str) -> go.Figure:
    """One bar per indicator (result %) with its target as a marker."""
    names = [f"{text('indicator', lang)} {ind.code}" for ind in INDICATORS]
    values = [as_float(row.get(ind.column("value_pct"))) for ind in INDICATORS]
    targets = [as_float(row.get(ind.column("target_pct"))) for ind in INDICATORS]
    figure = go.Figure()
    figure.add_bar(
        x=names, y=values, name=text("result_pct", lang),
        marker_color=[COLOURS[ind.code] for ind in INDICATORS],
        text=[f"{v:.1f}%" if v is not None else text("no_data", lang) for v in values], textposition="outside",
    )
    figure.add_scatter(
        x=names, y=targets, mode="markers", name=text("target_line", lang),
        marker={"symbol": "line-ew", "size": 40, "line": {"width": 3, "color": COLOURS["target"]}},
    )
    figure.update_yaxes(range=[0, 110])
    return _layout(figure, text("against_target", lang), text("percent", lang))


def trend(frame: pd.DataFrame, lang: str) -> go.Figure:
    figure = go.Figure()
    for ind in INDICATORS:
        figure.add_scatter(
            x=frame["fiscal_year"].astype(str), y=frame[ind.column("value_pct")].map(as_float),
            mode="lines+markers", name=f"{ind.code}", line={"color": COLOURS[ind.code]},
        )
    figure.update_xaxes(type="category", title=text("fiscal_year", lang))
    return _layout(figure, text("trend", lang), text("percent", lang))


def counts_trend(frame: pd.DataFrame, lang: str) -> go.Figure:
    """Learners (with a result) and graduates per fiscal year."""
    years = frame["fiscal_year"].astype(str)
    figure = go.Figure()
    for name, colour in (("enrolled", COLOURS["1.1"]), ("graduates", COLOURS["1.2"])):
        figure.add_bar(x=years, y=frame[name], name=text(name, lang), marker_color=colour,
                       text=frame[name], textposition="outside", cliponaxis=False)  # the top bar's label shows whole
    figure.update_layout(barmode="group")
    figure.update_xaxes(type="category", title=text("fiscal_year", lang))
    return _layout(figure, text("counts_trend", lang), text("people", lang))


def revenue_trend(frame: pd.DataFrame, lang: str) -> go.Figure:
    years = frame["fiscal_year"].astype(str)
    figure = go.Figure()
    figure.add_bar(x=years, y=frame["revenue_baht"].map(as_float), name=text("revenue", lang),
                   marker_color=COLOURS["revenue"])
    figure.add_scatter(x=years, y=frame["profit_baht"].map(as_float), name=text("profit", lang),
                       mode="lines+markers", line={"color": COLOURS["profit"]})
    figure.update_xaxes(type="category", title=text("fiscal_year", lang))
    return _layout(figure, text("revenue_trend", lang), text("baht", lang))


def compare_units(frame: pd.DataFrame, lang: str) -> go.Figure:
    names = frame["name_en" if lang == "en" else "name_th"]
    figure = go.Figure()
    shared: dict[float, list[str]] = {}  # a target the units share: one line, naming its indicators
    for ind in INDICATORS:
        values = frame[ind.column("value_pct")].map(as_float)
        figure.add_bar(
            y=names, x=values, name=ind.code, orientation="h", marker_color=COLOURS[ind.code],
            text=[f"{v:.1f}" if v is not None and v == v else "" for v in values], textposition="outside",
            cliponaxis=False,
        )
        targets = frame[ind.column("target_pct")].map(as_float).dropna().unique()
        if len(targets) == 1:
            shared.setdefault(float(targets[0]), []).append(ind.code)
    for number, (target, codes) in enumerate(sorted(shared.items())):
        # Two targets a few points apart: their labels go either side of their lines, not over each other.
        figure.add_vline(x=target, line={"color": COLOURS["target"], "dash": "dot", "width": 1.5},
                         annotation_text=f"{text('target_line', lang)} {', '.join(codes)}",
                         annotation_position="top left" if number % 2 == 0 else "top right")
    figure.update_layout(barmode="group", yaxis={"autorange": "reversed"})
    figure.update_xaxes(title=text("percent", lang))
    return _layout(figure, text("compare_units", lang), height=max(320, 60 * len(frame) + 120))


def sales_by_month(frame: pd.DataFrame, lang: str) -> go.Figure:
    months = frame["month"].map(lambda m: month_be(m, lang))
    figure = go.Figure()
    for name in ("revenue", "cost"):
        figure.add_bar(x=months, y=frame[f"{name}_baht"].map(as_float), name=text(name, lang),
                       marker_color=COLOURS[name])
    figure.add_scatter(x=months, y=frame["profit_baht"].map(as_float), name=text("profit", lang),
                       mode="lines+markers", line={"color": COLOURS["profit"]})
    figure.update_layout(barmode="group")
    figure.update_xaxes(type="category")
    return _layout(figure, text("sales_by_month", lang), text("baht", lang))


def bars(frame: pd.DataFrame, category: str, value: str, title: str, lang: str, colour: str = "#1f6f8b",
         y_title: str = "") -> go.Figure:
    """Horizontal bars, largest first."""
    ordered = frame.assign(_v=frame[value].map(as_float)).sort_values("_v")
    figure = go.Figure(go.Bar(y=ordered[category].astype(str), x=ordered["_v"], orientation="h",
                              marker_color=colour, text=ordered["_v"].map(lambda v: f"{v:,.0f}"),
                              textposition="auto", textangle=0))  # upright: a 6 on its side reads as a 9
    figure.update_xaxes(tickformat=",", title=y_title)
    return _layout(figure, title, height=max(300, 34 * len(frame) + 120))


def before_after(before: object, after: object, lang: str) -> go.Figure:
    names = [text("before", lang), text("after", lang)]
    values = [as_float(before), as_float(after)]
    figure = go.Figure(go.Bar(
        x=names, y=values, marker_color=[COLOURS["before"], COLOURS["after"]],
        text=[f"{v:,.0f}" if v is not None else "" for v in values], textposition="outside",
    ))
    return _layout(figure, text("before_after", lang), text("baht", lang))


def learners_by_group(frame: pd.DataFrame, lang: str) -> go.Figure:
    figure = go.Figure()
    sexes = {"female": text("female", lang), "male": text("male", lang), None: text("unknown", lang)}
    groups = {choice.value: choice.en for choice in TARGET_GROUPS} if lang == "en" else {}
    for sex, name in sexes.items():
        part = frame[frame["sex"].isna()] if sex is None else frame[frame["sex"] == sex]
        if len(part):
            shown = part["target_group"].map(lambda group: groups.get(group, group), na_action="ignore")
            figure.add_bar(y=shown.fillna(text("unknown", lang)), x=part["learners"], name=name, orientation="h")
    figure.update_layout(barmode="stack")
    figure.update_xaxes(title=text("people", lang))  # people, each once: a report's tables count enrolments
    return _layout(figure, text("by_target_group", lang), height=max(300, 40 * frame["target_group"].nunique() + 140))


def plan_vs_actual(frame: pd.DataFrame, lang: str) -> go.Figure:
    """Per centre: learners enrolled as a share of the target, and money spent as a share of
    the budget, against the plan's 100%."""
    names = frame["centre_name_en" if lang == "en" else "centre_name"]
    figure = go.Figure()
    for column, key, colour in (("enrolled_pct", "plan_enrolled_pct", COLOURS["1.1"]),
                                ("spent_pct", "plan_spent_pct", COLOURS["cost"])):
        values = frame[column].map(as_float)
        figure.add_bar(y=names, x=values, name=text(key, lang), orientation="h", marker_color=colour,
                       text=[f"{v:.0f}%" if v is not None and v == v else "" for v in values],
                       textposition="outside", cliponaxis=False)  # 110% shows whole at the edge
    figure.add_vline(x=100, line={"color": COLOURS["target"], "dash": "dot", "width": 1.5},
                     annotation_text=text("plan_line", lang), annotation_position="top")
    figure.update_layout(barmode="group", yaxis={"autorange": "reversed"})
    figure.update_xaxes(title=text("percent", lang))
    return _layout(figure, text("plan_vs_actual", lang), height=max(320, 50 * len(frame) + 120))

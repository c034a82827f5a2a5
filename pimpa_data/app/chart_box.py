"""A chart on a page: its title as page text above it, then the figure.

A title drawn by plotly cannot wrap: on a phone it was cut off, and the legend above the plot
(which wraps onto two or three lines) ran into it. As page text the title wraps like any other,
and plotly's own margin makes room for the legend.
"""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st


def chart(figure: go.Figure, key: str, where: object = st, toolbar: bool = True) -> None:
    """Draw `figure` in `where` (the page, or one of its columns). The figure keeps its title in
    `layout.meta` for whoever reads it back (tests). Plotly's buttons show while the pointer is over
    the figure; `toolbar` False leaves them out, where they would sit over labels along its top."""
    title = figure.layout.title.text
    if title:
        where.markdown(f"**{title}**")
        figure.update_layout(title=None, meta={"title": title}, margin={"t": 10})
    where.plotly_chart(figure, key=key, config=None if toolbar else {"displayModeBar": False})

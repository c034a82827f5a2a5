"""The report's charts as PNG images, drawn by matplotlib with Sarabun (no browser needed).

Each chart takes the frames the report already gathered, so its bars are the numbers in the
tables beside it. Figures are made without pyplot: nothing global, safe in a server thread.
"""

from __future__ import annotations

import io

import pandas as pd

from ..core.dates import THAI_MONTHS
from ..measures.indicators import rounded_pct
from .fonts import register_with_matplotlib

DPI = 200
RESULT, TARGET, FEMALE, MALE, OTHER = "#2f6f9f", "#c8102e", "#d97a9b", "#4a8fc7", "#9a9a9a"


def _figure(width_in: float, height_in: float):
    from matplotlib.figure import Figure  # imported when a chart is drawn: the CLI starts fast

    figure = Figure(figsize=(width_in, height_in), dpi=DPI)
    figure.set_layout_engine("constrained")
    return figure


def _png(figure) -> bytes:
    out = io.BytesIO()
    figure.savefig(out, format="png", dpi=DPI)
    return out.getvalue()


def _style(axes, family: str) -> None:
    for label in (*axes.get_xticklabels(), *axes.get_yticklabels()):
        label.set_fontfamily(family)
    axes.spines[["top", "right"]].set_visible(False)


def indicators_chart(indicators: pd.DataFrame) -> bytes:
    """Result (%) of 1.1–1.3 as bars, each target as a red line across its bar."""
    family = register_with_matplotlib()
    figure = _figure(6.3, 2.8)
    axes = figure.add_subplot()
    values = [float(rounded_pct(n, d) or 0) for n, d in zip(indicators["numerator"], indicators["denominator"])]
    labels = [f"ตัวบ่งชี้ {code}" for code in indicators["indicator"]]
    bars = axes.bar(labels, values, color=RESULT, width=0.55, label="ผลการดำเนินงาน (ร้อยละ)")
    for bar, value, target in zip(bars, values, indicators["target_pct"]):
        axes.annotate(f"{value:.2f}", (bar.get_x() + bar.get_width() / 2, value), ha="center", va="bottom",
                      fontsize=8, family=family, xytext=(0, 2), textcoords="offset points")
        if not pd.isna(target):
            x = bar.get_x()
            axes.plot([x - 0.05, x + bar.get_width() + 0.05], [float(target)] * 2, color=TARGET, linewidth=2)
    axes.plot([], [], color=TARGET, linewidth=2, label="ค่าเป้าหมาย")
    axes.set_ylim(0, 110)
    axes.set_ylabel("ร้อยละ", family=family)
    axes.legend(prop={"family": family, "size": 8}, loc="upper right", frameon=False)
    _style(axes, family)
    return _png(figure)


def sales_chart(by_month: pd.DataFrame) -> bytes:
    """Revenue and profit per month of the fiscal year (October to September), in baht."""
    family = register_with_matplotlib()
    figure = _figure(6.3, 2.6)
    axes = figure.add_subplot()
    months = [THAI_MONTHS[pd.Timestamp(m).month][1] for m in by_month["month"]]
    axes.bar(months, [float(v) for v in by_month["revenue_baht"]], color=RESULT, label="รายได้จากการจำหน่าย")
    axes.plot(months, [float(v) for v in by_month["profit_baht"]], color=TARGET, marker="o", markersize=3,
              label="กำไร")
    axes.set_ylabel("บาท", family=family)
    axes.yaxis.set_major_formatter(lambda value, _: f"{value:,.0f}")
    axes.legend(prop={"family": family, "size": 8}, loc="upper left", frameon=False)
    _style(axes, family)
    return _png(figure)


def learners_chart(learners: pd.DataFrame) -> bytes:
    """Learners (enrolments) per target group, women and men stacked, largest group on top."""
    family = register_with_matplotlib()
    known = learners.assign(sex=learners["sex"].fillna("unknown"),
                            target_group=learners["target_group"].fillna("ไม่ระบุ"))
    table = known.pivot_table(index="target_group", columns="sex", values="enrolments", aggfunc="sum",
                              fill_value=0)
    table = table.loc[table.sum(axis=1).sort_values().index]
    figure = _figure(6.3, 0.45 + 0.3 * max(len(table), 3))
    axes = figure.add_subplot()
    left = [0] * len(table)
    for sex, label, colour in (("female", "หญิง", FEMALE), ("male", "ชาย", MALE)):
        if sex in table:
            axes.barh(list(table.index), list(table[sex]), left=left, color=colour, label=label)
            left = [a + b for a, b in zip(left, table[sex])]
    others = [c for c in table.columns if c not in ("female", "male")]
    if others:
        axes.barh(list(table.index), list(table[others].sum(axis=1)), left=left, color=OTHER, label="ไม่ระบุ")
    axes.set_xlabel("ผู้เรียน (คน)", family=family)
    axes.legend(prop={"family": family, "size": 8}, loc="lower right", frameon=False)
    _style(axes, family)
    return _png(figure)

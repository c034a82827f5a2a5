"""ภาพรวม — the director's overview: headline figures, 1.1–1.3 against target, trends, units, income."""

import streamlit as st

from pimpa_data.app import chart_box, charts, formatting, tables, ui
from pimpa_data.measures import comparison, impact, indicators, plan

scope = ui.current_scope()
lang = ui.lang()
ui.page_header("page_overview", scope)

summary = ui.query(indicators.compute, scope.fiscal_year, scope.level, scope.unit_code)
row = summary.iloc[0] if len(summary) else None
if row is None or not (row["enrolled"] + row["pending"]):
    st.info(ui.t("no_data_year"), icon=":material/inbox:")
    st.stop()

totals = ui.query(impact.sales_totals, scope.fiscal_year, scope.unit_code)
income = ui.query(impact.income, scope.fiscal_year, scope.unit_code)
cost_per_graduate = ui.query(impact.cost_per_graduate, scope.fiscal_year, scope.unit_code)

cells = st.columns(5)
cells[0].metric(ui.t("enrolled"), formatting.number(row["enrolled"]), help=ui.t("enrolled_help"),
                delta=ui.t("pending_count", n=f"{row['pending']:,}") if row["pending"] else None,
                delta_color="off", delta_arrow="off")
cells[1].metric(ui.t("graduates"), formatting.number(row["graduates"]), help=ui.t("graduates_help"))
cells[2].metric(ui.t("coverage"), formatting.pct(row["coverage_pct"]), help=ui.t("coverage_help"))
cells[3].metric(ui.t("revenue"), formatting.baht_short(totals.revenue_baht, lang),
                help=f"{formatting.baht(totals.revenue_baht)} — {ui.t('revenue_help')}")
cells[4].metric(ui.t("cost_per_graduate"), formatting.baht(cost_per_graduate), help=ui.t("cost_per_graduate_help"))

cards = st.columns(len(indicators.INDICATORS))
for card, ind in zip(cards, indicators.INDICATORS):
    value, target = row[ind.column("value_pct")], row[ind.column("target_pct")]
    level = row[ind.column("quality_level_en" if lang == "en" else "quality_level_th")]
    card.metric(
        f"{ui.t('indicator')} {ind.code} ({row[ind.column('numerator')]:,} / {row[ind.column('denominator')]:,})",
        formatting.pct(value, 2) if value is not None else ui.t("no_data"),
        delta=f"{level} · {ui.t('target_line')} {formatting.pct(target, 0)}" if level else None,
        delta_color=formatting.level_colour(row[ind.column("quality_level_en")]), delta_arrow="off",
        help=ui.indicator_help(ind), border=True,
    )

left, right = st.columns(2)
chart_box.chart(charts.indicators_vs_target(row, lang), key="chart_indicators", where=left)
history = ui.query(indicators.trend, scope.unit_code)
chart_box.chart(charts.trend(history, lang), key="chart_trend", where=right)

left, right = st.columns(2)
chart_box.chart(charts.counts_trend(history, lang), key="chart_counts_trend", where=left)
revenue = ui.query(impact.revenue_by_year, scope.unit_code, [int(y) for y in history["fiscal_year"]])
chart_box.chart(charts.revenue_trend(revenue, lang), key="chart_revenue_trend", where=right)

if scope.child_level:
    units = ui.query(indicators.compute, scope.fiscal_year, scope.child_level, scope.unit_code)
    units = units[(units["enrolled"] + units["pending"]) > 0]
    if len(units) > 1:
        chart_box.chart(charts.compare_units(units, lang), key="chart_units")
if scope.child_level == "centre":
    side = ui.query(comparison.centres_side_by_side, scope.fiscal_year, scope.unit_code)
    if len(side) > 1:
        st.subheader(ui.t("centres_side_by_side"))
        ui.table(tables.comparison(side, lang), f"centres-{scope.unit_code}-{scope.fiscal_year}", "centres")
    planned = ui.query(plan.per_centre, scope.fiscal_year, scope.unit_code)
    if len(planned):
        st.subheader(ui.t("plan_heading"))
        st.caption(ui.t("plan_explain"))
        chart_box.chart(charts.plan_vs_actual(planned, lang), key="chart_plan")
        ui.table(tables.shape(planned, tables.PLAN_COLUMNS, lang), f"plan-{scope.unit_code}-{scope.fiscal_year}",
                 "plan")

st.subheader(ui.t("impact"))
cells = st.columns(5)
cells[0].metric(ui.t("profit"), formatting.baht_short(totals.profit_baht, lang), help=ui.t("profit_help"))
cells[1].metric(ui.t("earners"), formatting.number(income.graduates_with_income), help=ui.t("earners_help"))
cells[2].metric(ui.t("median_income"), formatting.baht(income.median_income_baht), help=ui.t("median_income_help"))
cells[3].metric(ui.t("before_to_after"), formatting.baht(income.median_after_baht),
                formatting.baht_change(income.median_before_baht, income.median_after_baht),
                help=ui.t("before_after_help", n=income.compared, before=formatting.baht(income.median_before_baht)))
cells[4].metric(ui.t("profit_per_earner"), formatting.baht(impact.profit_per_earner(totals, income)),
                help=ui.t("profit_per_earner_help"))
left, right = st.columns(2)
by_month = ui.query(impact.sales_by, scope.fiscal_year, "month", scope.unit_code)
if len(by_month):
    chart_box.chart(charts.sales_by_month(by_month, lang), key="chart_sales", where=left)
else:
    left.info(ui.t("no_sales"))
learners = ui.query(impact.learners_by, scope.fiscal_year, scope.unit_code)
chart_box.chart(charts.learners_by_group(learners, lang), key="chart_learners", where=right)

"""รายได้และการประกอบอาชีพ — sales over months, by product and channel, income before vs after, groups."""

import streamlit as st

from pimpa_data.app import chart_box, charts, formatting, tables, ui
from pimpa_data.measures import comparison, impact

scope = ui.current_scope()
lang = ui.lang()
ui.page_header("page_income", scope)

totals = ui.query(impact.sales_totals, scope.fiscal_year, scope.unit_code)
income = ui.query(impact.income, scope.fiscal_year, scope.unit_code)
cells = st.columns(4)
cells[0].metric(ui.t("revenue"), formatting.baht_short(totals.revenue_baht, lang), help=ui.t("revenue_help"))
cells[1].metric(ui.t("cost"), formatting.baht_short(totals.cost_baht, lang), help=ui.t("cost_help"))
cells[2].metric(ui.t("profit"), formatting.baht_short(totals.profit_baht, lang), help=ui.t("profit_help"))
cells[3].metric(ui.t("earners"), formatting.number(income.graduates_with_income), help=ui.t("earners_help"))
st.caption(ui.t("fiscal_year_rule_sales", year=scope.fiscal_year, before=scope.fiscal_year - 1))

by_month = ui.query(impact.sales_by, scope.fiscal_year, "month", scope.unit_code)
if by_month.empty:
    st.info(ui.t("no_sales"), icon=":material/inbox:")
else:
    chart_box.chart(charts.sales_by_month(by_month, lang), key="chart_months")
    left, right = st.columns(2)
    products = ui.query(impact.sales_by, scope.fiscal_year, "product", scope.unit_code)
    products = products.sort_values("revenue_baht", ascending=False).head(15)
    chart_box.chart(charts.bars(products, "product", "revenue_baht", ui.t("by_product"), lang,
                                y_title=ui.t("baht")), key="chart_products", where=left)
    channels = ui.query(impact.sales_by, scope.fiscal_year, "channel", scope.unit_code)
    chart_box.chart(charts.bars(channels, "channel", "revenue_baht", ui.t("by_channel"), lang,
                                colour="#2a9d8f", y_title=ui.t("baht")), key="chart_channels", where=right)

left, right = st.columns(2)
chart_box.chart(charts.before_after(income.median_before_baht, income.median_after_baht, lang),
                key="chart_before_after", where=left)
left.caption(f"n = {income.compared:,}")
groups = ui.query(impact.sales_by, scope.fiscal_year, "group", scope.unit_code)
groups = groups.dropna(subset=["group_name"]).sort_values("revenue_baht", ascending=False).head(10)
if not groups.empty:
    chart_box.chart(charts.bars(groups, "group_name", "revenue_baht", ui.t("top_groups"), lang,
                                colour="#e9a23b", y_title=ui.t("baht")), key="chart_groups", where=right)

ways = ui.query(impact.applied_ways, scope.fiscal_year, scope.unit_code)
ways = ways.assign(way=ways["applied_how_en" if lang == "en" else "applied_how"])
chart_box.chart(charts.bars(ways, "way", "graduates", ui.t("applied"), lang, colour="#1f6f8b"), key="chart_ways")

if scope.child_level == "centre":
    side = ui.query(comparison.centres_side_by_side, scope.fiscal_year, scope.unit_code)
    if len(side) > 1:
        st.subheader(ui.t("centres_side_by_side"))
        ui.table(tables.income_comparison(side, lang), f"centres-income-{scope.unit_code}-{scope.fiscal_year}",
                 "centres_income")

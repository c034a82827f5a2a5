"""มาตรฐานคุณภาพ — the assessor's page: the SAR table, where each figure comes from, and the flags."""

import datetime as dt

import pandas as pd
import streamlit as st

from pimpa_data.app import photo_box, review_box, rules_box, signoff_box, tables, ui
from pimpa_data.measures import evidence, evidence_rule, indicators, reviews, targets

scope = ui.current_scope()
lang = ui.lang()
show_names = scope.show_names  # read now: a download is built outside this run
ui.page_header("page_quality", scope)

own = ui.query(indicators.sar_table, scope.fiscal_year, scope.level, scope.unit_code)
if own.empty or not (own["enrolled"].iloc[0] + own["pending"].iloc[0]):
    st.info(ui.t("no_data_year"), icon=":material/inbox:")
    st.stop()

st.subheader(ui.t("sar_table"))
parts = [own]
if scope.child_level:
    below = ui.query(indicators.sar_table, scope.fiscal_year, scope.child_level, scope.unit_code)
    parts.append(below[(below["enrolled"] + below["pending"]) > 0])
sar = pd.concat(parts, ignore_index=True)
statuses = ui.query(reviews.cell_statuses, scope.fiscal_year, scope.unit_code)
ui.table(tables.sar(sar, lang, statuses), f"sar-{scope.unit_code}-{scope.fiscal_year}", "sar",
         widths=tables.SAR_WIDTHS[lang])
st.caption(ui.t("quality_bands", bands=tables.band_legend(ui.query(targets.quality_levels), lang)))
missing = int(own["exemplary_no_evidence"].iloc[0])
if missing:
    rule_on = ui.query(evidence_rule.evidence_required, scope.fiscal_year, scope.unit_code)
    st.caption(ui.t("evidence_missing", n=f"{missing:,}",
                    state=ui.t("evidence_not_counted" if rule_on else "evidence_counted")))

st.subheader(ui.t("drill"))
units = sar.drop_duplicates("unit_code")
unit_names = dict(zip(units["unit_code"], units["name_en" if lang == "en" else "name_th"]))
left, middle, right = st.columns(3)
unit = left.selectbox(ui.t("drill_unit"), list(unit_names), format_func=unit_names.get, key="drill_unit")
code = middle.selectbox(
    ui.t("indicator"), [i.code for i in indicators.INDICATORS], key="drill_indicator",
    format_func=lambda c: f"{c} {indicators.INDICATORS_BY_CODE[c].en if lang == 'en' else ''}".strip(),
)
part = right.radio(ui.t("drill_part"), evidence.PARTS, key="drill_part", horizontal=True,
                   format_func=lambda p: ui.t(f"part_{p}"))
shown = ui.MAX_SHOWN_ROWS
rows = ui.query(evidence.cell_rows, scope.fiscal_year, unit, code, part, scope.show_names, limit=shown)
if scope.show_names:
    ui.log_view_once(f"fiscal_year={scope.fiscal_year} unit={unit} cell={code} {part}")
cell = sar[(sar["unit_code"] == unit) & (sar["indicator"] == code)].iloc[0]
counted = indicators.COUNTS_BY_NAME[getattr(indicators.INDICATORS_BY_CODE[code], part)]
st.caption(f"{counted.en if lang == 'en' else counted.th}: " + ui.t("drill_rows", n=f"{cell[part]:,}"))
if not scope.show_names:
    st.caption(ui.t("names_hidden"))
ui.table(
    tables.shape(rows, tables.EVIDENCE_COLUMNS, lang), f"evidence-{unit}-{code}-{part}", "evidence",
    private=tables.private_labels(lang), total=int(cell[part]),
    everything=lambda: tables.shape(evidence.cell_rows(ui.cursor(), scope.fiscal_year, unit, code, part, show_names),
                                    tables.EVIDENCE_COLUMNS, lang),
)
if code == "1.3":
    photo_box.evidence_photos(scope, unit)
if ui.actor().role in reviews.REVIEWERS:
    review_box.show(scope, unit, code, part, rows)
review_box.listing(scope)

st.subheader(ui.t("flags"))
flagged = ui.query(evidence.flags, scope.fiscal_year, scope.unit_code, scope.show_names, dt.date.today(), limit=shown)
if scope.show_names:
    ui.log_view_once(f"fiscal_year={scope.fiscal_year} unit={scope.unit_code} flags")
tabs = st.tabs([f"{f.flag.en if lang == 'en' else f.flag.th} ({f.total:,})" for f in flagged])
for position, (tab, found) in enumerate(zip(tabs, flagged)):
    with tab:
        if found.rows.empty:
            st.success(ui.t("flag_none"))
        else:
            ui.table(
                tables.shape(found.rows, tables.EVIDENCE_COLUMNS, lang), f"flag-{found.flag.code}",
                f"flag_{found.flag.code}", private=tables.private_labels(lang), total=found.total,
                everything=lambda at=position: tables.shape(
                    evidence.flags(ui.cursor(), scope.fiscal_year, scope.unit_code, show_names)[at].rows,
                    tables.EVIDENCE_COLUMNS, lang),
            )

if scope.level == "centre" and ui.actor().role in ("director", "admin"):
    signoff_box.show(scope)
if ui.actor().is_admin:
    rules_box.show(scope)

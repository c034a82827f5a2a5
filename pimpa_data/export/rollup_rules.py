"""A roll-up's rules: each district's targets and evidence rules, resolved at the district by its
own server, and the attendance threshold and quality bands, which a database holds once."""

from __future__ import annotations

import json
from collections import Counter

import duckdb

from ..core.settings import set_setting
from ..core.snapshot_layout import Conflict, Snapshot
from ..core.units import COUNTRY


def read_files(files: list[str]) -> str:
    """Snapshot files as a relation: an explicit list, no partition columns and no type guessing."""
    listed = ", ".join("'" + file.replace("'", "''") + "'" for file in files)
    return f"read_parquet([{listed}], hive_partitioning = false)"


def load_rules(con: duckdb.DuckDBPyConnection, chosen: dict[str, Snapshot]) -> None:
    """Each district's targets and evidence rules, resolved at the district by its own server;
    the country's defaults stay for provinces and the country."""
    con.execute("DELETE FROM targets WHERE unit_code <> ?", [COUNTRY])
    for district, snapshot in sorted(chosen.items()):
        taken = snapshot.manifest["taken_at"]
        if files := snapshot.files("targets", district):
            con.execute(f"""INSERT INTO targets SELECT fiscal_year, unit_code, indicator, target_pct, 'rollup',
                            CAST(? AS TIMESTAMPTZ)::TIMESTAMP FROM {read_files(files)}""", [taken])
        if files := snapshot.files("evidence_rules", district):
            con.execute(f"""INSERT INTO evidence_rules SELECT fiscal_year, unit_code, required, 'rollup',
                            CAST(? AS TIMESTAMPTZ)::TIMESTAMP FROM {read_files(files)}""", [taken])


def district_settings(con: duckdb.DuckDBPyConnection, snapshot: Snapshot, district: str) -> tuple[str, str]:
    """(attendance threshold, quality bands as text) of one district, as its server had them."""
    threshold, bands = "", ""
    if files := snapshot.files("unit_settings", district):
        rows = dict(con.execute(f"SELECT key, value FROM {read_files(files)}").fetchall())
        threshold = rows.get("attendance_threshold_pct", "")
    if files := snapshot.files("quality_levels", district):
        rows = con.execute(f"SELECT min_ratio, level_th, level_en FROM {read_files(files)} ORDER BY min_ratio DESC")
        bands = json.dumps([[str(r), th, en] for r, th, en in rows.fetchall()], ensure_ascii=False)
    return threshold, bands


def common_settings(con: duckdb.DuckDBPyConnection, chosen: dict[str, Snapshot]) -> list[Conflict]:
    """The attendance threshold and quality bands are one per database: those the districts share,
    or the most common, with a conflict for every district that differs."""
    found = {d: district_settings(con, s, d) for d, s in chosen.items()}
    problems = []
    for position, (what_th, what_en) in enumerate((("เกณฑ์เวลาเรียน", "attendance threshold"),
                                                    ("เกณฑ์ระดับคุณภาพ", "quality bands"))):
        values = Counter(v[position] for v in found.values() if v[position])
        if not values:
            continue
        common = values.most_common(1)[0][0]
        _apply_setting(con, position, common)
        problems += [Conflict(d, f"อำเภอ {d} ใช้{what_th}ต่างจากฐานรวม ({v[position]} แทน {common})"
                                 " ตัวเลขของอำเภอนี้ในฐานรวมจึงอาจต่างจากเครื่องของอำเภอ",
                              f"district {d} uses another {what_en} ({v[position]} instead of {common}); its"
                              " figures in the roll-up may differ from its own server's")
                     for d, v in sorted(found.items()) if v[position] and v[position] != common]
    return problems


def _apply_setting(con: duckdb.DuckDBPyConnection, position: int, value: str) -> None:
    if position == 0:
        set_setting(con, "attendance_threshold_pct", value)
        return
    con.execute("DELETE FROM quality_levels")
    con.executemany("INSERT INTO quality_levels VALUES (?, ?, ?)", json.loads(value))

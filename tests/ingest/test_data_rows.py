"""The sheet-at-once row rule keeps exactly the rows the one-row rule keeps."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pimpa_data.ingest.data_rows import columns_of, data_rows, is_data_row

CELLS = st.one_of(
    st.none(),
    st.sampled_from(["", " ", "\u200b", "-", "รวม", " รวมทั้งสิ้น ", "Total", "ลงชื่อ ครู", "(นายสมชาย)",
                     "หมายเหตุ", "PMP-01", "มา", "ขาด", "✓", "1/11/2566", "3000000000013"]),
    st.text(max_size=4),
    st.sampled_from([0, 1, 1.0, True, False, float("nan"), 2.5, dt.date(2024, 1, 1), dt.datetime(2024, 1, 1)]),
)
ROWS = st.lists(st.lists(CELLS, max_size=7), max_size=12)
INDEXES = st.sets(st.integers(0, 6), max_size=3)


@settings(max_examples=400, deadline=None)
@given(rows=ROWS, sequence=INDEXES, dates=INDEXES)
def test_a_sheet_at_once_keeps_the_rows_one_row_at_a_time_keeps(
    rows: list[list[object]], sequence: set[int], dates: set[int]
) -> None:
    expected = [index for index, row in enumerate(rows) if is_data_row(row, sequence, dates)]
    assert data_rows(columns_of(rows), sequence, dates) == expected


@pytest.mark.parametrize(
    ("row", "kept"),
    [
        ([1, "PMP-01", "3000000000013", "1/11/2566", "มา"], True),
        ([1, None, None, None, None], False),  # ลำดับ alone
        ([None, "รวม", None, None, 25], False),
        ([None, "ลงชื่อ", None, None, None], False),  # a lone footer line
        ([None, "ลงชื่อ", "ครูสมชาย", None, None], True),
        ([None, "PMP-01", None, "รวม", None], True),  # รวม in a date column is a mark, not a total row
    ],
)
def test_rows_a_teacher_writes(row: list[object], kept: bool) -> None:
    rows = [row, row]
    assert data_rows(columns_of(rows), {0}, {3}) == ([0, 1] if kept else [])


def test_every_distinct_value_of_a_large_sheet_is_classified() -> None:
    rows = [[index, f"name {index}", f"{index % 28 + 1}/11/2566"] for index in range(5_000)]
    rows[4_000][1] = "รวม"
    assert data_rows(columns_of(rows), {0}, set()) == [*range(4_000), *range(4_001, 5_000)]

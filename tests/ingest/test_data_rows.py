"""The sheet-at-once row rule keeps exactly the rows the one-row rule keeps."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pimpa_data.ingest.data_rows import data_rows, is_data_row
from pimpa_data.ingest.reading import columns_of

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


# ---------------------------------------------------------------- what a teacher sees, with values parsed once

def test_a_repeated_bad_date_and_id_are_reported_on_every_row(registered, files) -> None:
    from conftest import ATTENDANCE_HEADER, LEARNERS, bad_check_digit, load

    wrong_id = bad_check_digit(LEARNERS[0])
    rows = [[n, "PMP-01", LEARNERS[n % 3], "31/02/2567", "มา"] for n in range(1, 5)]
    rows += [[n, "PMP-01", wrong_id, "2/11/2566", "มา"] for n in range(5, 8)]
    report = load(registered, files.write("a.xlsx", {"เวลาเรียน": [ATTENDANCE_HEADER, *rows]}))
    assert report.status == "rejected"
    dates = [(p.row, p.column, p.value, p.en) for p in report.errors if p.rule == "type" and p.value == "31/02/2567"]
    ids = [(p.row, p.column, p.value, p.en) for p in report.errors if p.value == wrong_id]
    assert [row for row, *_ in dates] == [2, 3, 4, 5]
    assert len({message for *_, message in dates}) == 1 and "February 2567 (BE) has 29 days" in dates[0][3]
    assert [row for row, *_ in ids] == [6, 7, 8]
    assert len({(column, message) for _, column, _, message in ids}) == 1

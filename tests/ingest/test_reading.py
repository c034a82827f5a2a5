"""Reading files into grids: every format teachers save, rows numbered as Excel shows them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import Files, write_xlsx_xlsxwriter

from pimpa_data.ingest.reading import UnreadableFile, read_grids

ROWS = [
    ["ทะเบียนหลักสูตร กศน.ตำบลพิมพา"],
    [],
    ["รหัสหลักสูตร", "ชื่อหลักสูตร", "จำนวนชั่วโมง", "วันเริ่ม"],
    ["PMP-01", "น้ำพริกเผากุ้ง", 12, dt.date(2567, 1, 15)],
    ["PMP-02", "การสานตะกร้า", "๔๐", "3/06/2567"],
]


def cells(rows: list[list[object]]) -> list[list[str]]:
    """Rows as text without trailing blanks, so that a CSV and a workbook compare."""
    out = []
    for row in rows:
        texts = ["" if cell in (None, "") else str(int(cell) if isinstance(cell, float) else cell) for cell in row]
        while texts and not texts[-1]:
            texts.pop()
        out.append(texts)
    return out


@pytest.mark.parametrize("name", ["courses.xlsx", "courses.xls", "courses.ods"])
def test_a_workbook_reads_as_its_sheets_with_typed_cells(files: Files, name: str) -> None:
    grids = read_grids(files.write(name, {"หลักสูตร": ROWS, "ว่าง": []}))

    assert [grid.sheet for grid in grids] == ["หลักสูตร"]  # the empty sheet is left out
    assert grids[0].file == name
    rows = grids[0].rows
    assert rows[0][0] == "ทะเบียนหลักสูตร กศน.ตำบลพิมพา"
    assert rows[2][:4] == ROWS[2]
    assert rows[3][0] == "PMP-01" and rows[3][2] == 12
    assert rows[3][3] == dt.date(2567, 1, 15)  # a BE year typed into a date cell arrives as it was typed
    assert rows[4][2] == "๔๐"


def test_an_xlsx_written_without_cell_cache_reads_the_same(files: Files) -> None:
    openpyxl_rows = read_grids(files.write("a.xlsx", {"หลักสูตร": ROWS}))[0].rows
    xlsxwriter_rows = read_grids(write_xlsx_xlsxwriter(files.path("b.xlsx"), {"หลักสูตร": ROWS}))[0].rows

    assert cells(xlsxwriter_rows) == cells(openpyxl_rows)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp874"])
def test_a_csv_reads_in_every_encoding_teachers_save(files: Files, encoding: str) -> None:
    grids = read_grids(files.write("courses.csv", ROWS, encoding=encoding))

    assert [grid.sheet for grid in grids] == [None]
    rows = grids[0].rows
    assert rows[2][0] == "รหัสหลักสูตร"  # no BOM stuck to the first header
    assert rows[4][:3] == ["PMP-02", "การสานตะกร้า", "๔๐"]


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_a_csv_delimiter_is_recognised(files: Files, delimiter: str) -> None:
    rows = read_grids(files.write("courses.csv", ROWS[2:], delimiter=delimiter))[0].rows

    assert rows[0] == ["รหัสหลักสูตร", "ชื่อหลักสูตร", "จำนวนชั่วโมง", "วันเริ่ม"]


@pytest.mark.parametrize("name", ["lead.xlsx", "lead.xls", "lead.ods", "lead.csv"])
def test_row_numbers_count_the_blank_rows_above_the_table(files: Files, name: str) -> None:
    """Grid row 0 is spreadsheet row 1, even when the sheet starts with blank rows and columns."""
    rows = [[None], [None], [None, None, "หัวเรื่อง"], [None, None, "รหัสหลักสูตร", "ชื่อหลักสูตร"]]
    grid = read_grids(files.write(name, {"หลักสูตร": rows} if not name.endswith(".csv") else rows))[0]

    assert len(grid.rows) == 4
    assert grid.rows[3][2:4] == ["รหัสหลักสูตร", "ชื่อหลักสูตร"]


def test_a_course_code_merged_down_belongs_to_each_row(files: Files) -> None:
    rows = [["ทะเบียนผู้เรียน"], ["รหัสหลักสูตร", "ชื่อ-สกุล"], ["PMP-01", "ก"], [None, "ข"], [None, "ค"]]
    grid = read_grids(files.write("learners.xlsx", {"ผู้เรียน": rows}, merged={"ผู้เรียน": ["A1:B1", "A3:A5"]}))[0]

    assert [row[0] for row in grid.rows[2:]] == ["PMP-01"] * 3
    assert grid.rows[0][0] == "ทะเบียนผู้เรียน"


@pytest.mark.parametrize("content", [b"", b"   \r\n"], ids=["0 bytes", "only blanks"])
@pytest.mark.parametrize("name", ["empty.xlsx", "empty.csv"])
def test_an_empty_file_has_no_grids(files: Files, name: str, content: bytes) -> None:
    assert read_grids(files.raw(name, content)) == []


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("photo.xlsx", b"\x89PNG\r\n\x1a\n" + bytes(200)),
        ("report.xls", b"%PDF-1.4\n1 0 obj\n"),
        ("sheet.ods", b"PK\x03\x04 not really a zip"),
        ("data.csv", bytes(range(256)) * 8),
    ],
)
def test_a_file_that_is_not_a_spreadsheet_says_so_in_both_languages(files: Files, name: str, data: bytes) -> None:
    with pytest.raises(UnreadableFile) as raised:
        read_grids(files.raw(name, data))

    assert name in raised.value.th and name in raised.value.en
    assert "อ่าน" in raised.value.th and "cannot" in raised.value.en


def test_display_name_names_the_file_in_grids(files: Files) -> None:
    path: Path = files.write("tmp123.csv", ROWS)

    assert read_grids(path, "หลักสูตร มกราคม.csv")[0].file == "หลักสูตร มกราคม.csv"


MESSY = [
    ["แบบบันทึกเวลาเรียน"],
    ["ลำดับ", "รหัสหลักสูตร", "ค่า"],
    [1, "PMP-01", True],  # True and 1.0 are equal keys: a column holding both must keep both
    [2, "PMP-01", 1],
    [None, "", "มา"],
    [3, "PMP-02", dt.date(2024, 1, 2)],
]


@pytest.mark.parametrize("name", ["messy.xlsx", "messy.ods", "messy.csv"])
def test_the_read_worker_sends_every_cell_as_read_in_process(files: Files, name: str) -> None:
    """The worker sends a sheet a column at a time, text as distinct values and codes; what arrives
    is cell for cell, type for type, what reading in this process gives."""
    from pimpa_data.ingest.bounded import read_grids_bounded

    path = files.write(name, MESSY if name.endswith(".csv") else {"เวลาเรียน": MESSY})
    here, there = read_grids(path), read_grids_bounded(path)
    assert [(g.sheet, g.hidden) for g in there] == [(g.sheet, g.hidden) for g in here]
    for mine, sent in zip(here, there, strict=True):
        width = max(map(len, mine.rows))
        padded = [[*row, *[None] * (width - len(row))] for row in mine.rows]
        assert [[(type(c), c) for c in row] for row in sent.rows] == [[(type(c), c) for c in row] for row in padded]
        assert sent.columns == [list(column) for column in zip(*padded)]


@pytest.mark.parametrize("sent", [
    [("codes", ["a"], bytes(4) + (7).to_bytes(4, "little"))],  # a code past the distinct values
    [("codes", ["a"], b"\x00\x00")],  # a code cut short
    [("cells", ["a", "b"]), ("cells", ["c"])],  # columns of different heights
    [("codes", 5, bytes(4))],  # no list of values
])
def test_a_reply_that_is_no_grid_refuses_the_file_with_a_message(sent: list, monkeypatch: pytest.MonkeyPatch,
                                                                   files: Files) -> None:
    from pimpa_data.ingest import bounded

    monkeypatch.setattr(bounded, "_ask_worker", lambda path, name: ("grids", [("ชีต", sent, False)]))
    with pytest.raises(UnreadableFile) as refused:
        bounded.read_grids_bounded(files.write("any.xlsx", {"s": [["x"]]}))
    assert "any.xlsx" in refused.value.th and "any.xlsx" in refused.value.en

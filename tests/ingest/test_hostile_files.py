# ruff: noqa: E501  (the package XML below is clearer on one line per part)
"""Hostile spreadsheets: each is refused within 10 s and 1 GB with a message in both languages,
nothing is written, and the same process goes on loading good files.

The files are built here, byte by byte where no writer would make them.
"""

from __future__ import annotations

import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import ROOT, Files, registers, write_xls

from pimpa_data.ingest.loading import load_file

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
</Types>"""
ROOT_RELS = """<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>"""
WORKBOOK = """<?xml version="1.0" encoding="UTF-8"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"
 xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheets><sheet name="หลักสูตร" sheetId="1" r:id="rId1"/></sheets></workbook>"""
WORKBOOK_RELS = """<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
</Relationships>"""
SHEET_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'


def xlsx_by_hand(path: Path, sheet_xml: Callable[[zipfile.ZipFile], None] | str) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", ROOT_RELS)
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        if isinstance(sheet_xml, str):
            archive.writestr("xl/worksheets/sheet1.xml", sheet_xml)
        else:
            sheet_xml(archive)
    return path


def one_far_cell(cell: str, dimension: str | None) -> str:
    declared = f'<dimension ref="{dimension}"/>' if dimension else ""
    row = "".join(ch for ch in cell if ch.isdigit())
    return (f'{SHEET_HEAD}{declared}<sheetData><row r="{row}"><c r="{cell}" t="inlineStr"><is><t>x</t></is></c>'
            "</row></sheetData></worksheet>")


def zip_bomb(archive: zipfile.ZipFile) -> None:
    """About 300 MB of sheet XML that deflates to well under 1 MB."""
    row = '<row><c t="inlineStr"><is><t>' + "ก" * 200 + "</t></is></c></row>"
    with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
        sheet.write(f"{SHEET_HEAD}<sheetData>".encode())
        chunk = (row * 2000).encode()
        for _ in range(300 * 2**20 // len(chunk)):
            sheet.write(chunk)
        sheet.write(b"</sheetData></worksheet>")


def ods_repeating(path: Path, rows_repeated: int, columns_repeated: int) -> Path:
    """One cell that the file says to repeat across columns and down rows, as ODS can."""
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    document = OpenDocumentSpreadsheet()
    table = Table(name="หลักสูตร")
    row = TableRow(numberrowsrepeated=rows_repeated)
    cell = TableCell(valuetype="string", numbercolumnsrepeated=columns_repeated)
    cell.addElement(P(text="x"))
    row.addElement(cell)
    table.addElement(row)
    document.spreadsheet.addElement(table)
    document.save(str(path))
    return path


def wide_xlsx(path: Path, columns: int) -> Path:
    import xlsxwriter

    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet("หลักสูตร")
    sheet.write_row(0, 0, ["รหัสหลักสูตร", *(f"c{i}" for i in range(columns))])
    workbook.close()
    return path


HOSTILE: dict[str, Callable[[Files], Path]] = {
    "one cell at XFD1048576, declared": lambda f: xlsx_by_hand(
        f.path("far.xlsx"), one_far_cell("XFD1048576", "A1:XFD1048576")),
    "one cell at XFD1048576, dimension says A1": lambda f: xlsx_by_hand(
        f.path("far_lying.xlsx"), one_far_cell("XFD1048576", "A1")),
    "one cell at ALL100000, no dimension": lambda f: xlsx_by_hand(f.path("all.xlsx"), one_far_cell("ALL100000", None)),
    "zip bomb of 300 MB sheet XML": lambda f: xlsx_by_hand(f.path("bomb.xlsx"), zip_bomb),
    "5,000 columns": lambda f: wide_xlsx(f.path("wide.xlsx"), 5000),
    "ods repeating a cell 10^8 times": lambda f: ods_repeating(f.path("repeat.ods"), 100_000, 999),
    "ods repeating a cell 10^7 times": lambda f: ods_repeating(f.path("repeat_less.ods"), 10_000, 999),
    "xls with a cell at the last row and column": lambda f: write_xls(
        f.path("far.xls"), {"หลักสูตร": [["รหัสหลักสูตร"], *([[]] * 65534), [None] * 255 + ["x"]]}),
    "CSV with a cell of 131,073 characters": lambda f: f.raw(
        "long.csv", ("รหัสหลักสูตร,ชื่อหลักสูตร\nPMP-01," + "ก" * 131_073 + "\n").encode()),
    "CSV of 250,000 rows": lambda f: f.raw("rows.csv", b"course_code\n" + b"PMP-01\n" * 250_000),
    "a picture named .xlsx": lambda f: f.raw("photo.xlsx", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 64),
    "a zip of something else named .xlsx": lambda f: _other_zip(f.path("other.xlsx")),
}


def _other_zip(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "not a workbook")
    return path


# The worker is started from a small Python of its own: Linux counts a child's peak memory from
# the moment it is forked, and after an hour of tests this process is itself over a gigabyte.
_MEASURE = """
import json, resource, subprocess, sys
request = json.dumps({"path": sys.argv[1], "name": "hostile"}) + "\\n"
subprocess.run([sys.executable, "-m", "pimpa_data.ingest.read_worker"], input=request.encode(), capture_output=True,
               timeout=30, check=False)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def worker_peak_kib(path: Path) -> int:
    """The peak resident memory (KiB) of a read worker reading `path` on its own."""
    done = subprocess.run([sys.executable, "-c", _MEASURE, str(path)], capture_output=True, text=True, timeout=60,
                          check=True, cwd=ROOT)
    return int(done.stdout.strip())


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_a_hostile_file_is_refused_quickly_with_a_message_and_the_process_goes_on(
    case: str, con, files: Files
) -> None:
    path = HOSTILE[case](files)
    started = time.perf_counter()
    report = load_file(con, path, who="t")
    elapsed = time.perf_counter() - started
    assert report.status == "rejected"
    assert elapsed <= 10, f"{case}: {elapsed:.1f} s"
    [problem] = report.errors
    assert problem.th and problem.en and "Traceback" not in problem.en and "/" not in problem.en.split(path.name)[0]
    assert "ไฟล์" in problem.th or "ชีต" in problem.th
    assert con.execute("SELECT count(*) FROM courses").fetchone()[0] == 0
    assert worker_peak_kib(path) <= 1.1 * 2**20  # no worker past ~1 GB
    assert load_file(con, files.write("good.xlsx", registers()), who="t").status == "loaded"


def test_a_reply_that_is_not_plain_cell_values_is_never_run() -> None:
    """Even a worker subverted by a file cannot make the server call a function."""
    import io
    import os
    import pickle

    from pimpa_data.ingest.bounded import _SafeUnpickler

    class Sneaky:
        def __reduce__(self) -> tuple:
            return (os.getcwd, ())

    with pytest.raises(pickle.UnpicklingError):
        _SafeUnpickler(io.BytesIO(pickle.dumps(("grids", [("s", [[Sneaky()]], False)])))).load()
    import datetime as dt

    plain = ("grids", [("s", [["ก", 1, 1.5, None, True, dt.date(2024, 1, 2), dt.datetime(2024, 1, 2, 3, 4)]], False)])
    assert _SafeUnpickler(io.BytesIO(pickle.dumps(plain))).load() == plain

"""The worker process that reads one uploaded file: `python -m pimpa_data.ingest.read_worker`.

It imports only the spreadsheet readers, then waits for one request on standard input (a
JSON line: path and display name), limits its own memory and CPU time, reads the file and
writes the outcome to standard output as a pickle of plain values, a sheet a column at a time,
then exits. A file that makes the reader allocate past the limit kills this process, never the
server (`bounded.py`).
"""

from __future__ import annotations

import gc
import json
import os
import pickle
import resource
import sys
from array import array
from pathlib import Path

from .limits import READ_MEMORY_BYTES, READ_SECONDS, UnreadableFile, check_declared
from .reading import CODE_TYPE, read_grids, unreadable


def limit_myself() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (READ_MEMORY_BYTES, READ_MEMORY_BYTES))
    seconds = int(READ_SECONDS) + 2  # the parent's wall-clock limit comes first; this is a backstop
    resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds))


def outcome(path: Path, name: str) -> tuple:
    try:
        check_declared(path, name)
        grids = read_grids(path, name)
    except UnreadableFile as error:
        return ("unreadable", error.th, error.en)
    except MemoryError:
        return ("too_large",)
    except Exception as error:  # whatever else a damaged file makes a reader raise
        problem = unreadable(name, error)
        return ("unreadable", problem.th, problem.en)
    return ("grids", [(grid.sheet, list(map(encoded, grid.columns)), grid.hidden) for grid in grids])


_TEXT_OR_BLANK = frozenset({str, type(None)})


def encoded(column: list[object]) -> tuple:
    """A column of text as its distinct values and a code per cell: a sheet repeats its course
    codes, IDs and dates row after row, so each travels once and the codes as one block of bytes
    (a third of the time of pickling the cells). Numbers and dates travel as they are: 1.0 and
    True are equal keys, and a ลำดับ column has no repeats to spare."""
    if not set(map(type, column)) <= _TEXT_OR_BLANK:
        return ("cells", column)
    distinct = list(dict.fromkeys(column))
    code_of = dict(zip(distinct, range(len(distinct))))
    return ("codes", distinct, array(CODE_TYPE, map(code_of.__getitem__, column)).tobytes())


def main() -> None:
    gc.disable()  # a short-lived process making a sheet's worth of objects: collections only cost time
    request = sys.stdin.readline()
    if not request:  # the parent kept this worker spare and has exited
        return
    limit_myself()
    asked = json.loads(request)
    result = outcome(Path(asked["path"]), asked["name"])
    sys.stdout.buffer.write(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
    sys.stdout.buffer.flush()


if __name__ == "__main__":
    main()
    # Leave without tearing down the interpreter: freeing a sheet's objects one by one is time a
    # teacher would wait for, and the operating system takes the whole process back at once.
    os._exit(0)

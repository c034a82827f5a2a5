"""The worker process that reads one uploaded file: `python -m pimpa_data.ingest.read_worker`.

It imports only the spreadsheet readers, then waits for one request on standard input (a
JSON line: path and display name), limits its own memory and CPU time, reads the file and
writes the outcome to standard output as a pickle of plain values, then exits. A file that
makes the reader allocate past the limit kills this process, never the server (`bounded.py`).
"""

from __future__ import annotations

import gc
import json
import os
import pickle
import resource
import sys
from pathlib import Path

from .limits import READ_MEMORY_BYTES, READ_SECONDS, UnreadableFile, check_declared
from .reading import read_grids, unreadable


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
    return ("grids", [(grid.sheet, shared_strings(grid.rows), grid.hidden) for grid in grids])


def shared_strings(rows: list[list[object]]) -> list[list[object]]:
    """Each distinct text once: a sheet repeats its course codes, IDs and dates row after row, and
    the pickle then carries a repeat as a reference (half the bytes, a third of the unpickling)."""
    seen: dict[str, str] = {}
    keep = seen.setdefault
    return [[keep(cell, cell) if cell.__class__ is str else cell for cell in row] for row in rows]


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

"""Reading an uploaded file in a worker process, so that no file can take the server down.

Each file is read by a fresh process (`read_worker.py`) with a memory and a CPU-time limit,
and waited for with a wall-clock limit; a file that exhausts either is refused with a message
while the server goes on serving everyone else. One worker is started ahead of need, so the
interpreter's start-up is not paid while a teacher waits; the first is started as this module is
imported, so that a one-shot command's own imports hide it. Workers are started with
subprocess (exec, never a fork of the threaded server) and at most two read at once.

What a worker sends back is unpickled with a whitelist (plain values and dates only): even a
worker subverted by a hostile file cannot make the server run code.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import pickle
import signal
import subprocess
import sys
import threading
from array import array
from pathlib import Path

from .limits import READ_MEMORY_BYTES, READ_SECONDS, UnreadableFile, check_size
from .reading import CODE_TYPE, Grid, unreadable

PACKAGE_ROOT = Path(__file__).resolve().parents[2]
_READERS = threading.BoundedSemaphore(2)  # one per core: a third upload waits its turn
_SPARE_LOCK = threading.Lock()


def read_grids_bounded(path: Path, display_name: str | None = None) -> list[Grid]:
    """Every non-empty sheet of a file, read within the limits; UnreadableFile otherwise."""
    name = display_name or path.name
    check_size(path, name)
    with _READERS:
        try:
            result = _ask_worker(path.resolve(), name)
        finally:
            _refill_spare()
    if result[0] == "unreadable":
        raise UnreadableFile(result[1], result[2])
    if result[0] != "grids":
        raise _too_costly(name)
    try:
        return [Grid(name, sheet, hidden=hidden, columns=_columns(sent)) for sheet, sent, hidden in result[1]]
    except (AttributeError, IndexError, KeyError, TypeError, ValueError) as error:  # not a worker's reply
        raise unreadable(name, error) from None


def _columns(sent: list[tuple]) -> list[list[object]]:
    """A sheet's columns from a worker's reply (`read_worker.encoded`), all of one height."""
    columns = [list(map(column[1].__getitem__, _codes(column[2]))) if column[0] == "codes" else column[1]
               for column in sent]
    if len(set(map(len, columns))) > 1:
        raise ValueError("columns of different heights")
    return columns


def _codes(data: bytes) -> array:
    codes = array(CODE_TYPE)
    codes.frombytes(data)
    return codes


def _ask_worker(path: Path, name: str) -> tuple:
    worker = _take_worker()
    request = json.dumps({"path": str(path), "name": name}) + "\n"
    try:
        output, _ = worker.communicate(request.encode(), timeout=READ_SECONDS)
    except subprocess.TimeoutExpired:
        worker.kill()
        worker.communicate()
        raise _too_slow(name) from None
    if worker.returncode == -signal.SIGXCPU:
        raise _too_slow(name)
    if worker.returncode != 0 or not output:
        return ("too_large",)  # stopped by its memory limit (an allocation that failed aborts it)
    try:
        return _SafeUnpickler(io.BytesIO(output)).load()
    except Exception as error:  # a reply that is not the worker's plain values: refuse the file
        problem = unreadable(name, error)
        return ("unreadable", problem.th, problem.en)


def _take_worker() -> subprocess.Popen:
    """The spare worker (started earlier) when there is one, else a new one."""
    global _spare
    with _SPARE_LOCK:
        owner, spare = _spare
        _spare = (owner, None)
    usable = spare is not None and owner == os.getpid() and spare.poll() is None  # a forked child never shares
    return spare if usable else _start_worker()


def _refill_spare() -> None:
    """A spare for the next file, started once this file is read: started earlier, its interpreter
    would take a core from the read it is waiting behind."""
    global _spare
    with _SPARE_LOCK:
        if _spare[1] is None or _spare[0] != os.getpid():
            _spare = (os.getpid(), _start_worker())


def _start_worker() -> subprocess.Popen:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(PACKAGE_ROOT), env.get("PYTHONPATH")]))
    return subprocess.Popen(
        [sys.executable, "-m", "pimpa_data.ingest.read_worker"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, cwd=PACKAGE_ROOT,
    )


class _SafeUnpickler(pickle.Unpickler):
    ALLOWED = frozenset(("datetime", name) for name in ("date", "datetime", "time", "timedelta"))

    def find_class(self, module: str, name: str) -> object:
        if (module, name) in self.ALLOWED:
            return getattr(dt, name)
        raise pickle.UnpicklingError(f"a file reader sent {module}.{name}, which is not a cell value")


def _too_slow(name: str) -> UnreadableFile:
    return UnreadableFile(
        f"อ่านไฟล์ {name} ไม่เสร็จภายใน {READ_SECONDS:.0f} วินาที ไฟล์อาจใหญ่เกินไปหรือเสีย"
        " ให้บันทึกเฉพาะตารางที่ต้องการเป็นไฟล์ใหม่ แล้วลองอีกครั้ง",
        f"reading {name} did not finish within {READ_SECONDS:.0f} seconds; the file may be too large or"
        " damaged: save just the tables you need as a new file and try again",
    )


def _too_costly(name: str) -> UnreadableFile:
    limit = READ_MEMORY_BYTES // 2**20
    return UnreadableFile(
        f"ไฟล์ {name} ต้องใช้หน่วยความจำเกิน {limit:,} MB จึงจะอ่านได้ มักเกิดจากมีค่าหรือรูปแบบในเซลล์ไกล ๆ"
        " หรือไฟล์ถูกบีบอัดผิดปกติ ให้คัดลอกเฉพาะตารางไปวางในไฟล์ใหม่ แล้วลองอีกครั้ง",
        f"{name} needs more than {limit:,} MB of memory to read; a value or format in a far-away cell, or"
        " an unusually compressed file, usually causes this: copy just the table into a new file and try again",
    )


# Started as this module is imported: a command-line load then finds its worker ready, its
# interpreter having started while the command's own imports ran (0.1–0.15 s off a 1 s command).
_spare: tuple[int, subprocess.Popen | None] = (os.getpid(), _start_worker())

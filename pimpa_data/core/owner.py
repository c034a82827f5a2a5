"""Which process owns the database file, and how the others reach it.

DuckDB lets one process open a file for writing, and no other process may then open it at all,
not even read-only. So one process owns the file at a time:

- the running dashboard, for as long as it runs: it answers command-line requests over a
  local socket that only the same operating-system user can reach (`cli/server.py`);
- otherwise one command at a time, holding `<file>.lock` (an advisory `flock`) from opening
  the file to closing it; the others wait their turn (`--wait`).
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import stat
import tempfile
import threading
import time
from pathlib import Path
from typing import IO

from .errors import PimpaError

POLL_SECONDS = 0.1
_HELD: dict[str, IO[bytes]] = {}
_HELD_GUARD = threading.Lock()


class NotOwner(PimpaError):
    """Another process kept the database for longer than this one would wait."""


def lock_path(database: Path) -> Path:
    return database.with_name(database.name + ".lock")


def make_private_folder(folder: Path) -> None:
    """A data folder Pimpa creates is its owner's alone: the database holds learners' names."""
    if not folder.exists():
        folder.mkdir(parents=True, mode=0o700)


def hold(database: Path, wait: float) -> IO[bytes]:
    """Own the database for the rest of this process (the dashboard); a second call returns the
    same lock rather than waiting for itself."""
    key = os.path.realpath(database)
    with _HELD_GUARD:
        if key not in _HELD:
            _HELD[key] = own(database, wait)
        return _HELD[key]


def try_own(database: Path) -> IO[bytes] | None:
    """Take the file's lock without waiting; the open lock file (keep it open to keep the lock)."""
    make_private_folder(database.parent)
    handle = open(lock_path(database), "ab")  # noqa: SIM115 - the handle is the lock, held by the caller
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.close()
        return None
    return handle


def own(database: Path, wait: float) -> IO[bytes]:
    """Take the file's lock, waiting up to `wait` seconds for the process that holds it."""
    deadline = time.monotonic() + wait
    while (handle := try_own(database)) is None:
        if time.monotonic() >= deadline:
            raise waited_too_long(database, wait)
        time.sleep(POLL_SECONDS)
    return handle


def waited_too_long(database: Path, wait: float) -> NotOwner:
    return NotOwner(
        f"ฐานข้อมูล {database} ยังถูกใช้งานโดยคำสั่งอื่นหลังจากรอ {wait:g} วินาที"
        " ให้ลองใหม่ภายหลัง หรือเพิ่มเวลารอด้วย --wait",
        f"the database {database} was still in use by another command after waiting {wait:g} seconds;"
        " try again later, or wait longer with --wait",
    )


def socket_path(database: Path) -> Path:
    """The dashboard's socket for a database: in a private folder of this user (socket paths
    are limited to about 100 bytes, so the name is a digest of the database's full path)."""
    digest = hashlib.sha256(os.path.realpath(database).encode()).hexdigest()[:24]
    return private_folder() / f"{digest}.sock"


def private_folder() -> Path:
    folder = Path(tempfile.gettempdir()) / f"pimpa-{os.getuid()}"
    folder.mkdir(mode=0o700, exist_ok=True)
    info = folder.lstat()
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid() or stat.S_IMODE(info.st_mode) & 0o077:
        raise PimpaError(
            f"โฟลเดอร์ {folder} ไม่ได้เป็นของผู้ใช้นี้หรือผู้อื่นเข้าถึงได้ ให้ลบโฟลเดอร์นี้แล้วเริ่มใหม่",
            f"the folder {folder} is not this user's own or others can reach it; remove it and start again",
        )
    return folder

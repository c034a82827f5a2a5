"""Failures nobody foresaw: a message for the user, the traceback for the administrator.

A traceback shows server paths and cell values, so it never reaches a page or the command
line. It goes to a log file readable by its owner only (`PIMPA_ERROR_LOG`, default beside the
database), rotated at 1 MB with three old files kept; the user gets a short incident code to
quote, which the log line carries too.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import secrets
import threading
from pathlib import Path

from .errors import PimpaError

_LOGGERS: dict[str, logging.Logger] = {}
_GUARD = threading.Lock()


def log_path() -> Path:
    configured = os.environ.get("PIMPA_ERROR_LOG")
    if configured:
        return Path(configured)
    database = Path(os.environ.get("PIMPA_DB") or Path("var") / "pimpa.duckdb")
    return database.parent / "pimpa-errors.log"


def _logger(path: Path) -> logging.Logger:
    with _GUARD:
        if str(path) not in _LOGGERS:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.touch(mode=0o600, exist_ok=True)
            path.chmod(0o600)
            handler = logging.handlers.RotatingFileHandler(path, maxBytes=2**20, backupCount=3, encoding="utf-8")
            handler.setFormatter(logging.Formatter("%(asctime)s %(message)s"))
            logger = logging.getLogger(f"pimpa.errors.{len(_LOGGERS)}")
            logger.propagate = False  # never to the console, where a page or a terminal would show it
            logger.addHandler(handler)
            logger.setLevel(logging.ERROR)
            _LOGGERS[str(path)] = logger
        return _LOGGERS[str(path)]


def report_unexpected(error: BaseException, where: str) -> PimpaError:
    """Log the traceback (owner-only file) and return the message the user sees instead."""
    incident = secrets.token_hex(4)
    path = log_path()
    try:
        _logger(path).error("incident %s in %s", incident, where, exc_info=error)
        for old in path.parent.glob(path.name + ".*"):  # rotated files keep the owner-only mode
            old.chmod(0o600)
    except OSError:
        pass  # a log that cannot be written must not turn one failure into two
    return PimpaError(
        f"เกิดข้อผิดพลาดที่ไม่คาดคิด (รหัส {incident}) ให้ลองใหม่อีกครั้ง หากยังเกิดอีก ให้แจ้งผู้ดูแลระบบ"
        " พร้อมรหัสนี้ (รายละเอียดอยู่ในบันทึกข้อผิดพลาดของเซิร์ฟเวอร์)",
        f"something unexpected went wrong (incident {incident}); try again, and if it happens again, give"
        " this code to the administrator (the details are in the server's error log)",
    )

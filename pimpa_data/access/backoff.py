"""Failed sign-ins slow down further tries, per (username, client address).

Keyed on both, a stranger guessing the director's password from elsewhere slows only
themselves: the director, from their own address, can still sign in. Kept in memory: a
restart forgives, which is acceptable for a wait measured in minutes.
"""

from __future__ import annotations

import threading
import time

FREE_TRIES = 3
MAX_WAIT_SECONDS = 300.0
MAX_ENTRIES = 10_000
_FAILURES: dict[tuple[str, str], tuple[int, float]] = {}
_GUARD = threading.Lock()


def _key(username: str, client: str) -> tuple[str, str]:
    return username.strip().lower(), client or "local"


def wait_left(username: str, client: str) -> float:
    """Seconds before this username may be tried again from this address (0: now)."""
    with _GUARD:
        failures, last = _FAILURES.get(_key(username, client), (0, 0.0))
    if failures < FREE_TRIES:
        return 0.0
    wait = min(2.0 ** (failures - FREE_TRIES), MAX_WAIT_SECONDS)
    return max(0.0, last + wait - time.monotonic())


def attempt(username: str, client: str) -> float:
    """Before checking a password: 0 when this try may go ahead, counted at once as a failure
    (so tries made at the same moment all count; `succeeded` forgives); else the seconds to wait."""
    now = time.monotonic()
    with _GUARD:
        failures, last = _FAILURES.get(_key(username, client), (0, 0.0))
        if failures >= FREE_TRIES:
            left = last + min(2.0 ** (failures - FREE_TRIES), MAX_WAIT_SECONDS) - now
            if left > 0:
                return left
        if len(_FAILURES) >= MAX_ENTRIES:
            _forget_old(now)
        _FAILURES[_key(username, client)] = (failures + 1, now)
    return 0.0


def failed(username: str, client: str) -> None:
    now = time.monotonic()
    with _GUARD:
        if len(_FAILURES) >= MAX_ENTRIES:
            _forget_old(now)
        failures, _ = _FAILURES.get(_key(username, client), (0, 0.0))
        _FAILURES[_key(username, client)] = (failures + 1, now)


def succeeded(username: str, client: str) -> None:
    with _GUARD:
        _FAILURES.pop(_key(username, client), None)


def _forget_old(now: float) -> None:
    for key, (_, last) in list(_FAILURES.items()):
        if now - last > MAX_WAIT_SECONDS:
            del _FAILURES[key]

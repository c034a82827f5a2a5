"""Standard output and error per thread, so that a command run for a client inside the
dashboard's process prints into that client's reply, not onto the server's terminal."""

from __future__ import annotations

import io
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO


class _PerThread(io.TextIOBase):
    def __init__(self, fallback: TextIO) -> None:
        self.fallback = fallback
        self.local = threading.local()

    def _target(self) -> TextIO:
        return getattr(self.local, "stream", None) or self.fallback

    def write(self, text: str) -> int:
        return self._target().write(text)

    def flush(self) -> None:
        self._target().flush()

    def fileno(self) -> int:
        return self.fallback.fileno()

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return getattr(self._target(), "encoding", "utf-8")


_INSTALL = threading.Lock()


def _installed(name: str) -> _PerThread:
    with _INSTALL:
        current = getattr(sys, name)
        if not isinstance(current, _PerThread):
            current = _PerThread(current)
            setattr(sys, name, current)
        return current


@contextmanager
def captured() -> Iterator[tuple[io.StringIO, io.StringIO]]:
    """What this thread prints, in two buffers; other threads print as before."""
    out, err = io.StringIO(), io.StringIO()
    stdout, stderr = _installed("stdout"), _installed("stderr")
    stdout.local.stream, stderr.local.stream = out, err
    try:
        yield out, err
    finally:
        stdout.local.stream = stderr.local.stream = None

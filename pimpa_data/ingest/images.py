"""Cleaning an uploaded photo in a worker process (image_worker.py), within the reader's limits:
no image can take the server down, however large or damaged, and what comes back is plain bytes."""

from __future__ import annotations

import io
import json
import os
import pickle
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from .bounded import PACKAGE_ROOT
from .image_worker import LONG_SIDE, MAX_PIXELS
from .limits import READ_MEMORY_BYTES, READ_SECONDS, UnreadableFile

MAX_PHOTO_BYTES = 25 * 2**20
SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".heic", ".heif")


@dataclass(frozen=True)
class CleanPhoto:
    jpeg: bytes  # long side ≤ 1,600 px, upright, no metadata
    thumb: bytes
    width: int
    height: int


def clean_photo(path: Path, name: str) -> CleanPhoto:
    """The photo at `path` made safe to keep and show; UnreadableFile, with a message, otherwise."""
    size = path.stat().st_size
    if size > MAX_PHOTO_BYTES:
        raise UnreadableFile(
            f"ไฟล์ภาพ {name} ใหญ่ {size / 2**20:,.1f} MB เกิน {MAX_PHOTO_BYTES // 2**20} MB ให้ย่อภาพหรือถ่ายใหม่",
            f"the photo {name} is {size / 2**20:,.1f} MB, over {MAX_PHOTO_BYTES // 2**20} MB; shrink it or retake it",
        )
    reply = _ask_worker(path.resolve())
    if reply[0] == "image":
        return CleanPhoto(*reply[1:])
    raise _refusal(reply[0], name)


def _ask_worker(path: Path) -> tuple:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(PACKAGE_ROOT), env.get("PYTHONPATH")]))
    try:
        done = subprocess.run(
            [sys.executable, "-m", "pimpa_data.ingest.image_worker"], input=json.dumps({"path": str(path)}).encode()
            + b"\n", capture_output=True, timeout=READ_SECONDS, env=env, cwd=PACKAGE_ROOT, check=False,
        )
    except subprocess.TimeoutExpired:
        return ("too_slow",)
    if done.returncode != 0 or not done.stdout:
        return ("too_large",)  # stopped by its memory or CPU limit
    try:
        return _PlainUnpickler(io.BytesIO(done.stdout)).load()
    except Exception:  # not the worker's plain values: refuse the file
        return ("not_image",)


class _PlainUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> object:
        raise pickle.UnpicklingError(f"an image worker sent {module}.{name}, which is not plain data")


def _refusal(reason: str, name: str) -> UnreadableFile:
    kinds = "JPEG, PNG, WebP, HEIC"
    messages = {
        "not_image": (f"ไฟล์ {name} ไม่ใช่ภาพที่รับได้ ({kinds}) หรือไฟล์เสีย ให้ถ่ายหรือบันทึกภาพใหม่",
                      f"{name} is not an accepted image ({kinds}) or is damaged; take or save the photo again"),
        "too_many_pixels": (f"ภาพ {name} มีขนาดเกิน {MAX_PIXELS // 1_000_000} ล้านพิกเซล ให้ย่อภาพก่อน"
                            f" (รายงานใช้ไม่เกิน {LONG_SIDE:,} พิกเซลด้านยาว)",
                            f"{name} has more than {MAX_PIXELS // 1_000_000} megapixels; shrink it first (reports use"
                            f" at most {LONG_SIDE:,} px on the long side)"),
        "too_slow": (f"อ่านภาพ {name} ไม่เสร็จภายใน {READ_SECONDS:.0f} วินาที ไฟล์อาจเสีย",
                     f"reading {name} did not finish within {READ_SECONDS:.0f} seconds; the file may be damaged"),
    }
    limit = READ_MEMORY_BYTES // 2**20
    return UnreadableFile(*messages.get(reason, (f"ภาพ {name} ต้องใช้หน่วยความจำเกิน {limit:,} MB ให้ย่อภาพก่อน",
                                                 f"{name} needs more than {limit:,} MB of memory; shrink it first")))

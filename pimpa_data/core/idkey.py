"""The secret key that turns an ID number into the `learner_id` stored: kept outside the database.

With the key beside the hashes, anyone holding the database file could hash every possible
13-digit number and recover IDs in seconds. So the key lives in `PIMPA_ID_SALT` (a secret
from the environment) or in a key file (`PIMPA_KEY_FILE`, default in the user's configuration
folder, readable by its owner only), and the database keeps only a fingerprint of it: enough
to refuse a wrong or missing key, which would otherwise give every learner a new ID.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from pathlib import Path

from .errors import PimpaError

FINGERPRINT_SETTING = "id_key_fingerprint"


class KeyProblem(PimpaError):
    """The key is missing, or is not the one the database was made with."""


def key_file() -> Path:
    configured = os.environ.get("PIMPA_KEY_FILE")
    if configured:
        return Path(configured).expanduser()
    config_home = os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config"
    return Path(config_home) / "pimpa" / "id.key"


def load_key() -> str | None:
    """The key from the environment, else from the key file; None when there is none yet."""
    from_env = os.environ.get("PIMPA_ID_SALT", "").strip()
    if from_env:
        return from_env
    path = key_file()
    if not path.exists():
        return None
    if path.stat().st_mode & 0o077:  # readable by others: the whole point of keeping it apart is lost
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip() or None


def store_key(key: str, path: Path | None = None) -> Path:
    """Write a new key file (the ID key's, unless `path`), owner-only; never overwrites an existing one."""
    path = path or key_file()
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(key + "\n")
    return path


def new_key() -> str:
    return secrets.token_hex(32)


def fingerprint(key: str) -> str:
    """Names the key without revealing it (an HMAC of a fixed text)."""
    return hmac.new(key.encode(), b"pimpa id key fingerprint", hashlib.sha256).hexdigest()[:16]


def checked_key(stored_fingerprint: str | None) -> str:
    """The key, when it is the one the database was made with; else a message saying what to do."""
    key = load_key()
    where = key_file()
    if key is None:
        raise KeyProblem(
            f"ไม่พบกุญแจเข้ารหัสเลขประจำตัว (ไฟล์ {where} หรือตัวแปร PIMPA_ID_SALT) จึงนำเข้าข้อมูลไม่ได้"
            " ให้คัดลอกไฟล์กุญแจจากเครื่องเดิมหรือจากสำเนาสำรองมาไว้ที่ตำแหน่งนี้",
            f"the ID key is missing (file {where} or PIMPA_ID_SALT), so nothing can be loaded;"
            " copy the key file from the original server or its backup to that place",
        )
    if stored_fingerprint and fingerprint(key) != stored_fingerprint:
        raise KeyProblem(
            f"กุญแจเข้ารหัสเลขประจำตัว ({where} หรือ PIMPA_ID_SALT) ไม่ใช่กุญแจที่ใช้สร้างฐานข้อมูลนี้"
            " หากนำเข้าต่อ ผู้เรียนคนเดิมจะกลายเป็นคนใหม่ ให้ใช้ไฟล์กุญแจเดิมของฐานข้อมูลนี้",
            f"the ID key ({where} or PIMPA_ID_SALT) is not the one this database was made with;"
            " loading with it would store every learner again as someone new; use this database's own key file",
        )
    return key

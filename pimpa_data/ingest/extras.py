"""Unknown columns of a sheet, kept aside as JSON in `extra`, but never personal data (PDPA)."""

from __future__ import annotations

import json
import re

from ..core.normalise import clean_text

# Unknown columns are kept aside, but not personal data (PDPA): names, ID or phone numbers,
# addresses. Such columns are dropped, and long digit runs in the others are masked.
PRIVATE_HEADER = re.compile(
    r"ชื่อ|สกุล|บัตร|ประจำตัว|โทร|มือถือ|ที่อยู่|บ้านเลขที่|อีเมล|ไลน์|\bname\b|phone|mobile|\btel|e-?mail|address|\bline\b"
    r"|passport|\bid\b",
    re.IGNORECASE,
)
LONG_NUMBER = re.compile(r"\d(?:[\s-]?\d){8,}")


def _is_private(header: str) -> bool:
    return bool(PRIVATE_HEADER.search(header))


def _masked(text: str) -> str:
    return LONG_NUMBER.sub(lambda found: "•••" + re.sub(r"\D", "", found.group())[-4:], text)

def has_shareable(extras: dict[str, list[object]]) -> bool:
    """Whether any unknown column may be kept at all."""
    return any(not _is_private(header) for header in extras)


def extras_json(extras: dict[str, list[object]], length: int) -> list[str | None]:
    extras = {header: values for header, values in extras.items() if not _is_private(header)}
    rows: list[str | None] = []
    for position in range(length):
        kept = {header: _masked(clean_text(values[position])) for header, values in extras.items()}
        kept = {header: text for header, text in kept.items() if text}
        rows.append(json.dumps(kept, ensure_ascii=False) if kept else None)
    return rows

"""Thai personal names: splitting "นางสาวสมปอง ทองคำ" into title, first and last name."""

from __future__ import annotations

from ..core.normalise import clean_text

MALE_PREFIXES = ("นาย", "ด.ช.", "เด็กชาย", "mr.", "mr")
FEMALE_PREFIXES = ("นางสาว", "น.ส.", "นาง", "ด.ญ.", "เด็กหญิง", "mrs.", "mrs", "ms.", "ms", "miss")
# Longest first, so that นางสาว is not read as นาง + สาว…
PREFIXES = tuple(sorted(MALE_PREFIXES + FEMALE_PREFIXES, key=len, reverse=True))


def split_prefix(text: str) -> tuple[str | None, str]:
    lowered = text.lower()
    for prefix in PREFIXES:
        if lowered.startswith(prefix) and _ends_prefix(prefix, lowered[len(prefix):]):
            return text[: len(prefix)], text[len(prefix):].strip()
    return None, text


def _ends_prefix(prefix: str, rest: str) -> bool:
    """Thai titles run into the name (นายสมชาย); a Latin one needs a dot or a space (Mr John, not Mrinal)."""
    return not prefix.isascii() or prefix.endswith(".") or rest[:1] in ("", " ")


def split_full_name(value: object) -> tuple[str | None, str | None, str | None]:
    """(prefix, first name, last name); the last name is everything after the first space."""
    text = clean_text(value)
    if not text:
        return None, None, None
    prefix, rest = split_prefix(text)
    first, _, last = rest.partition(" ")
    return prefix, first or None, last.strip() or None


def sex_from_prefix(prefix: object) -> str | None:
    lowered = clean_text(prefix).lower()
    if lowered in MALE_PREFIXES:
        return "male"
    if lowered in FEMALE_PREFIXES:
        return "female"
    return None

"""One error shape for the whole library: a message in Thai and in English."""

from __future__ import annotations


class PimpaError(Exception):
    """Something the user can fix; `th` and `en` say what is wrong and what to do."""

    def __init__(self, th: str, en: str) -> None:
        super().__init__(en)
        self.th = th
        self.en = en

    def __str__(self) -> str:
        return f"{self.th}\n{self.en}"

"""What the sidebar chose: the fiscal year and unit a page shows, and who is looking."""

from __future__ import annotations

from dataclasses import dataclass

from ..core.roles import Actor
from ..core.units import level_of

CHILD_LEVELS = {"country": "province", "province": "district", "district": "centre", "centre": None}


@dataclass(frozen=True)
class Scope:
    fiscal_year: int
    unit_code: str
    unit_name: str
    actor: Actor

    @property
    def level(self) -> str:
        return level_of(self.unit_code).name

    @property
    def show_names(self) -> bool:
        return self.actor.sees_names(self.unit_code)

    @property
    def child_level(self) -> str | None:
        return CHILD_LEVELS[self.level]

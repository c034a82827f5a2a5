"""Who is asking, and what their role lets them do within their unit.

Every write path of the library takes an `Actor` and checks it here, so a page that forgot
to hide a button still cannot let a director upload or a teacher undo another centre's batch.
A role acts within its unit (a centre, district, province or TH) and everything below it.
"""

from __future__ import annotations

import getpass
from dataclasses import dataclass

from .errors import PimpaError
from .units import COUNTRY, unit_prefix

TEACHER, DIRECTOR, ASSESSOR, ADMIN = "teacher", "director", "assessor", "admin"
ROLES = (TEACHER, DIRECTOR, ASSESSOR, ADMIN)
ROLE_LABELS = {
    TEACHER: ("ครู กศน.ตำบล", "teacher"),
    DIRECTOR: ("ผู้อำนวยการ", "director"),
    ASSESSOR: ("ผู้ประเมินคุณภาพ", "quality assessor"),
    ADMIN: ("ผู้ดูแลระบบ", "administrator"),
}
_UPLOADERS = (TEACHER, ADMIN)
_NAME_READERS = (TEACHER, DIRECTOR, ADMIN)


class Refused(PimpaError):
    """The actor's role or unit does not allow this."""


@dataclass(frozen=True)
class Actor:
    username: str
    role: str
    unit_code: str = COUNTRY
    display_name: str = ""
    client: str = ""  # where the request came from (an address, "local" or "cli")
    local: bool = False  # the local administrator of an installation without accounts

    def within(self, unit_code: str) -> bool:
        """True when `unit_code` is the actor's unit or lies below it."""
        return unit_code.startswith(unit_prefix(self.unit_code))

    def sees_names(self, unit_code: str) -> bool:
        """Learners' names (PDPA): teachers, directors and admins of the unit; never assessors."""
        return self.role in _NAME_READERS and self.within(unit_code)

    @property
    def may_upload(self) -> bool:
        return self.role in _UPLOADERS

    @property
    def may_undo(self) -> bool:
        return self.role in _UPLOADERS

    @property
    def is_admin(self) -> bool:
        return self.role == ADMIN

    @property
    def prefix(self) -> str:
        return unit_prefix(self.unit_code)

    def label(self, lang: str = "th") -> str:
        return ROLE_LABELS[self.role][0 if lang == "th" else 1]


def attribution(who: str | Actor, client: str | None = None) -> tuple[str, str | None]:
    """The name and address a log entry records for whoever did it (an Actor, or a plain name)."""
    if isinstance(who, Actor):
        return who.username, client or who.client or None
    return who, client or None


def cli_actor(as_user: str | None = None, unit_code: str = COUNTRY) -> Actor:
    """Whoever has a shell on the server acts as admin, recorded as `cli:<login>` (or as
    `as_user`), within `unit_code` (the local admin's scope, PIMPA_USER_UNIT; TH by default)."""
    name = as_user or f"cli:{getpass.getuser()}"
    return Actor(name, ADMIN, unit_code or COUNTRY, client="cli")


def as_actor(who: str | Actor, unit_code: str = COUNTRY) -> Actor:
    """Library callers (scripts with the database file in hand) may pass a name: they act as an
    admin within `unit_code`. The dashboard always passes the signed-in Actor."""
    return who if isinstance(who, Actor) else Actor(str(who), ADMIN, unit_code or COUNTRY, client="script")


def require_upload(actor: Actor) -> None:
    if not actor.may_upload:
        raise Refused(
            f"{actor.label('th')}นำเข้าข้อมูลไม่ได้ การนำเข้าเป็นงานของครู กศน.ตำบล ของศูนย์นั้น",
            f"a {actor.label('en')} cannot upload data; uploads are done by the centre's teacher",
        )


def require_undo(actor: Actor) -> None:
    if not actor.may_undo:
        raise Refused(
            f"{actor.label('th')}ยกเลิกชุดนำเข้าไม่ได้ ให้ครูของศูนย์หรือผู้ดูแลระบบเป็นผู้ยกเลิก",
            f"a {actor.label('en')} cannot undo uploads; ask the centre's teacher or an administrator",
        )


def require_admin(actor: Actor, what_th: str, what_en: str) -> None:
    if not actor.is_admin:
        raise Refused(
            f"{what_th}ทำได้เฉพาะผู้ดูแลระบบ", f"only an administrator can {what_en}",
        )


def require_within(actor: Actor, unit_code: str) -> None:
    if not actor.within(unit_code):
        raise Refused(
            f"หน่วย {unit_code} อยู่นอกหน่วยของคุณ ({actor.unit_code})",
            f"unit {unit_code} is outside your unit ({actor.unit_code})",
        )

"""Who may see learners' names (PDPA): users of the unit the learners belong to.

An installation says whose it is with PIMPA_USER_UNIT (a centre, district or province code,
or TH). A user sees names only when the scope lies within that unit; by default (TH) the
person running a local copy sees their own data. Downloads never carry names or ID numbers.
"""

from __future__ import annotations

import getpass
import os

from .units import COUNTRY, unit_prefix


def user_unit() -> str:
    return os.environ.get("PIMPA_USER_UNIT", COUNTRY).strip() or COUNTRY


def current_user() -> str:
    """Who is doing this, for upload history and the audit log."""
    return os.environ.get("PIMPA_USER") or getpass.getuser()


def may_see_names(scope_unit: str, unit: str | None = None) -> bool:
    """True when every learner of `scope_unit` belongs to the user's unit."""
    return scope_unit.startswith(unit_prefix(unit or user_unit()))


MASK = "•" * 9  # shown in place of the first nine digits of an ID number
# Over enrolments `e`, with $show_names and $mask bound: the two learner columns every list shows.
LEARNER_NAME_SQL = "CASE WHEN $show_names THEN trim(concat(e.prefix, e.first_name, ' ', e.last_name)) ELSE '' END"
MASKED_ID_SQL = "CASE WHEN e.learner_id_last4 IS NULL THEN '' ELSE $mask || e.learner_id_last4 END"

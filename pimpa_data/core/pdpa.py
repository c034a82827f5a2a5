"""Personal data (PDPA): who the local administrator is, and how names and IDs are shown.

Who may see learners' names is decided by the signed-in person's role and unit
(`roles.Actor.sees_names`). Without accounts (a laptop, or the command line) the local
administrator acts within `PIMPA_USER_UNIT` (a centre, district or province code, or TH).
Downloads carry names only when a teacher or director of the unit asks for them (logged).
"""

from __future__ import annotations

import getpass
import os

from .units import COUNTRY


def user_unit() -> str:
    """The local administrator's unit (no accounts, or the command line)."""
    return os.environ.get("PIMPA_USER_UNIT", COUNTRY).strip() or COUNTRY


def current_user() -> str:
    """Who is doing this, for upload history and the audit log."""
    return os.environ.get("PIMPA_USER") or getpass.getuser()


MASK = "•" * 9  # shown in place of the first nine digits of an ID number
# Over enrolments `e`, with $show_names and $mask bound: the two learner columns every list shows.
LEARNER_NAME_SQL = "CASE WHEN $show_names THEN trim(concat(e.prefix, e.first_name, ' ', e.last_name)) ELSE '' END"
MASKED_ID_SQL = "CASE WHEN e.learner_id_last4 IS NULL THEN '' ELSE $mask || e.learner_id_last4 END"

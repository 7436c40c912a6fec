"""Who may read and write a child's case notes and contact log (docs/case-file.md,
docs/decisions/0098-case-notes-are-the-authoritys-record.md).

Notes and contacts are the local authority's working record: its caseworkers and managers for
the child's authority read, add, correct and withdraw them. Nobody else sees them in Redress, not
the family, supporters, health or social care officers, advice givers or providers; a family sees
them through a subject access request. A sensitive note stays with the authority's staff even if
that choice is ever widened: `may_see_ordinary_notes` is the one place to widen it.
"""

from __future__ import annotations

from typing import Any

import rules

from redress.casework.permissions import is_la_staff


@rules.predicate
def is_sensitive(user: Any, obj: Any) -> bool:
    return bool(getattr(obj, "sensitive", False))


#: Who, besides the authority's staff, may read notes that are not sensitive: nobody.
may_see_ordinary_notes = rules.always_deny

rules.add_perm("casefile.view_notes", is_la_staff)
rules.add_perm("casefile.add_note", is_la_staff)
rules.add_perm("casefile.view_note", is_la_staff | (~is_sensitive & may_see_ordinary_notes))
rules.add_perm("casefile.correct_note", is_la_staff)

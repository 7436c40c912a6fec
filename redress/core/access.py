"""One way to fetch a record for a person: none with that id is a 404, a record they may not
see or change is a 403. Every app's `<entity>_get` selector uses it; auditing the read stays
with the selector, which knows the child and the words."""

from __future__ import annotations

from operator import attrgetter
from typing import Any, TypeVar

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Model, QuerySet
from django.http import Http404

from redress.core.service_checks import require_perm

M = TypeVar("M", bound=Model)


def permitted_get(
    records: QuerySet[M],
    *,
    user: Any,
    perm: str,
    not_found: str,
    of: str | None = None,
    hide: bool = False,
    **lookup: Any,
) -> M:
    """The one record of `records` matching `lookup`, when `user` has `perm` on it, or on what
    `of` names from it ("child", "plan.child"): the permission rules are stated on those.

    With `hide`, a record the person may not see is not found either, so that its existence is
    not disclosed (a staff-only document to a family)."""
    try:
        record = records.get(**lookup)
    except ObjectDoesNotExist:
        raise Http404(not_found) from None
    subject = attrgetter(of)(record) if of else record
    if hide and not user.has_perm(perm, subject):
        raise Http404(not_found)
    require_perm(user, perm, subject)
    return record

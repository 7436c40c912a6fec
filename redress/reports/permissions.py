"""Who may see an authority's appeal figures and who may import published statistics."""

from __future__ import annotations

from typing import Any

import rules

from redress.accounts.models import LA_ROLES, Organisation, Role
from redress.casework.permissions import organisation_ids

VIEW_PERMISSION = "reports.view_authority_figures"
IMPORT_PERMISSION = "reports.import_statistics"


@rules.predicate
def works_at_the_authority(user: Any, authority: Any) -> bool:
    """Local authority staff (caseworkers and managers) of this authority."""
    return (
        isinstance(authority, Organisation)
        and authority.kind == Organisation.Kind.LOCAL_AUTHORITY
        and authority.pk in organisation_ids(user, LA_ROLES)
    )


@rules.predicate
def is_an_la_manager(user: Any) -> bool:
    """Published statistics are public figures shared by every authority: a manager at any
    local authority may import them."""
    return bool(organisation_ids(user, (Role.LA_MANAGER,)))


rules.add_perm(VIEW_PERMISSION, works_at_the_authority)
rules.add_perm(IMPORT_PERMISSION, is_an_la_manager)

"""Who may see an authority's appeal figures and who may import the national published
statistics."""

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


rules.add_perm(VIEW_PERMISSION, works_at_the_authority)
# IMPORT_PERMISSION is not a rule: it is the model permission `reports.import_statistics`
# (StatisticsBatch.Meta.permissions), the national data role. The published figures are one
# dataset every authority sees, so no authority's staff hold it by their role: a superuser has
# it, a superuser may grant it in the admin, and the command line imports as the operator.

PERFORMANCE_PERMISSION = "reports.view_performance"


@rules.predicate
def manages_the_authority(user: Any, authority: Any) -> bool:
    """Managers of this local authority (the authority's own performance is theirs to answer
    for)."""
    return (
        isinstance(authority, Organisation)
        and authority.kind == Organisation.Kind.LOCAL_AUTHORITY
        and authority.pk in organisation_ids(user, (Role.LA_MANAGER,))
    )


rules.add_perm(PERFORMANCE_PERMISSION, manages_the_authority)

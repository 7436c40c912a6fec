"""Who may see and record a plan's personal budget (decision 0151).

The authority's caseworkers and managers record it. The family, and a supporter while the
family's consent is in force, read it once the plan has been shared with them (its draft served
or the plan issued); a health or social care officer asked for advice does not see the family's
budget.
"""

from __future__ import annotations

from typing import Any

import rules

from redress.casework.permissions import is_family, is_la_staff, is_supporter_with_consent


@rules.predicate
def is_plan_shared_with_family(user: Any, obj: Any) -> bool:
    """The plan (a draft served, or issued) has been sent to the family."""
    return bool(getattr(obj, "draft_issued_on", None) or getattr(obj, "issued_on", None))


rules.add_perm(
    "plans.view_personal_budget",
    is_la_staff
    | (is_family & is_plan_shared_with_family)
    | (is_supporter_with_consent & is_plan_shared_with_family),
)
rules.add_perm("plans.change_personal_budget", is_la_staff)

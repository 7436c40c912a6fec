"""Who may see and revoke an API token (object-level, with `rules`): an administrator of the
token's organisation (or of an organisation it is a team inside), or a superuser. An
administrator of one organisation never sees another's tokens; `selectors.tokens_visible_to`
mirrors this for the list."""

from __future__ import annotations

from typing import Any

import rules

from redress.accounts.selectors import administered_organisations
from redress.api.models import ApiToken


@rules.predicate
def is_token_organisation_administrator(user: Any, obj: Any) -> bool:
    """An administrator of the organisation the API token was issued to (or of one it is a team
    inside), or a superuser."""
    if not isinstance(obj, ApiToken):
        return False
    return administered_organisations(user).filter(pk=obj.organisation_id).exists()


rules.add_perm("api.manage_token", is_token_organisation_administrator)

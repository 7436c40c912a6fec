"""Who may use the family's pages for a case (object-level, with `rules`).

The family sees their own case; a supporter (for example SENDIASS) sees it and helps only while
the family's consent is in force. Only the family may withdraw a supporter's consent.
"""

from __future__ import annotations

from typing import Any

import rules

from redress.accounts.models import Role
from redress.casework.permissions import is_family, is_la_staff, is_supporter_with_consent


@rules.predicate
def is_supporter(user: Any) -> bool:
    """Someone who supports families (for example at SENDIASS), with an active membership."""
    return bool(getattr(user, "is_authenticated", False) and Role.SUPPORTER in user.roles())


rules.add_perm("family.view_case", is_family | is_supporter_with_consent)
rules.add_perm("family.contribute", is_family | is_supporter_with_consent)
rules.add_perm("family.manage_consent", is_family)
# The local authority reads what the family sends it: views, documents and requests.
rules.add_perm("family.read_contributions", is_family | is_supporter_with_consent | is_la_staff)
# Comments on the draft plan are the family's own representations (SEND Regulations 2014
# reg 13(1)); a supporter reads them with the family's consent, the council answers them.
rules.add_perm("family.comment_on_draft", is_family)
rules.add_perm("family.answer_draft_comments", is_la_staff)
# A supporter's own list of the families that gave them consent, and their dates (decision 0174).
rules.add_perm("family.view_supporter_caseload", is_supporter)

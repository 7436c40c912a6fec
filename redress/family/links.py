"""Every address outside Redress that the family's pages show, in one place.

The pages take an address from here (`late.py` in Python, `{% family_link "key" %}` in a
template), so a page that moves elsewhere is changed once. `redress check_links` requests each
address and says which no longer answer (decision 0187). `checked` is the day a person last saw
the page at that address say what `what` says; None means it has not been looked at since it was
added, and the release checklist in docs/deploy.md asks for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Link:
    key: str
    url: str
    what: str  # what the page is, for whoever checks it (not shown to families)
    checked: date | None = None


LINKS: dict[str, Link] = {
    link.key: link
    for link in (
        Link(
            "sendiass_network",
            "https://councilfordisabledchildren.org.uk/information-advice-and-support-services-network",
            "The Information, Advice and Support Services Network: finding a local SENDIASS",
        ),
        Link(
            "gov_uk_disagree",
            "https://www.gov.uk/children-with-special-educational-needs/if-you-disagree-with-a-decision",
            "GOV.UK: if you disagree with a decision about special educational needs",
        ),
        Link(
            "ombudsman",
            "https://www.lgo.org.uk/",
            "The Local Government and Social Care Ombudsman",
        ),
        Link(
            "send_tribunal",
            "https://www.gov.uk/courts-tribunals/first-tier-tribunal-special-educational-needs-and-disability",
            "GOV.UK: the First-tier Tribunal (Special Educational Needs and Disability)",
        ),
        Link(
            "judicial_review",
            "https://www.justice.gov.uk/courts/procedure-rules/civil/rules/part54",
            "Civil Procedure Rules Part 54: judicial review",
        ),
        Link(
            "send_regulations",
            "https://www.legislation.gov.uk/uksi/2014/1530/contents",
            "The SEND Regulations 2014 on legislation.gov.uk; the guidance library links each "
            "regulation it cites under this address (redress/guidance/importer.py)",
        ),
    )
}


def url_of(key: str) -> str:
    """The address registered under `key`; a KeyError for a key that is not registered, so a
    mistyped key fails its page's test rather than linking nowhere."""
    return LINKS[key].url

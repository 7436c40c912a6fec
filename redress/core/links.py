"""Every address outside Redress that the family's pages show, in one place.

The pages take an address from here (`late.py` in Python, `{% family_link "key" %}` in a
template), so a page that moves elsewhere is changed once. `redress check_links` requests each
address and says which no longer answer (decision 0187). `checked` is the day a person last saw
the page at that address say what `what` says; None means it has not been looked at since it was
added, and the release checklist in docs/deploy.md asks for it.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import date
from typing import Any


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


# -- Checking that each address still answers (`redress check_links`) ----------------------------

USER_AGENT = "Redress check_links (checks the addresses its pages link to)"


@dataclass(frozen=True)
class Answer:
    """What an address gave: the HTTP status (0 when nothing answered), the address it ended at
    after redirects, the method that gave it, and why it failed when it did."""

    status: int
    final_url: str
    method: str
    error: str = ""

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300  # redirects are followed, so the end is a page


class _SameMethodRedirects(urllib.request.HTTPRedirectHandler):
    """Follow a redirect with the method asked for: urllib's own handler turns HEAD into GET."""

    def redirect_request(
        self, req: Any, fp: Any, code: int, msg: str, headers: Any, newurl: str
    ) -> Any:
        new = super().redirect_request(req, fp, code, msg, headers, newurl)
        if new is not None:
            new.method = req.get_method()
        return new


def _request(url: str, method: str, timeout: float) -> Answer:
    if not url.startswith(("https://", "http://")):
        return Answer(0, url, method, "not a web address")
    opener = urllib.request.build_opener(_SameMethodRedirects())
    # The scheme is checked just above: never file: or another local scheme.
    request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})  # noqa: S310
    try:
        with opener.open(request, timeout=timeout) as response:
            return Answer(response.status, response.geturl(), method)
    except urllib.error.HTTPError as error:
        error.close()
        return Answer(error.code, error.geturl() or url, method, str(error.reason))
    except (urllib.error.URLError, OSError, ValueError) as error:
        reason = getattr(error, "reason", error)
        return Answer(0, url, method, str(reason))


def check(url: str, *, timeout: float = 10.0) -> Answer:
    """Ask with HEAD; a server that refuses HEAD or fails it is asked again with GET, whose
    answer stands (some sites answer only GET)."""
    answer = _request(url, "HEAD", timeout)
    return answer if answer.ok else _request(url, "GET", timeout)

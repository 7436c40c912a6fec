"""The digest of new and updated answers between two dates, for the newsletter.

An answer is in the digest when it was published (by an editor or an import) between the two
dates, inclusive, in London time. It is "new" when it was first published in that period and
"updated" otherwise; the text shown is the version published then, with the editor's reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.template.loader import render_to_string
from django.urls import reverse

from redress.guidance.models import AnswerVersion, Status
from redress.statutory.calendar import format_long_date

LONDON = ZoneInfo("Europe/London")
# The days a digest may start or end on: the years the rest of Redress accepts.
EARLIEST, LATEST = date(1990, 1, 1), date(2099, 12, 31)


def parse_day(value: str) -> date:
    """A day written YYYY-MM-DD (as the pages' addresses and the command take it), between
    EARLIEST and LATEST; ValueError with a sentence a person can act on otherwise."""
    value = value.strip()
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise ValueError
        day = date.fromisoformat(value)
    except ValueError:
        raise ValueError("Enter a real date as year-month-day, for example 2026-12-01") from None
    if not EARLIEST <= day <= LATEST:
        raise ValueError(
            f"Enter a date between {format_long_date(EARLIEST)} and {format_long_date(LATEST)}"
        )
    return day


@dataclass(frozen=True)
class DigestItem:
    question_text: str
    question_url: str  # a path; renderers add the site's address
    answer_url: str
    respondent: str
    body: str
    reason: str
    published_at: datetime
    is_new: bool


@dataclass(frozen=True)
class Digest:
    start: date
    end: date
    new: list[DigestItem] = field(default_factory=list)
    updated: list[DigestItem] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not self.new and not self.updated

    @property
    def title(self) -> str:
        start, end = format_long_date(self.start), format_long_date(self.end)
        return f"Guidance: what changed from {start} to {end}"


def _bounds(start: date, end: date) -> tuple[datetime, datetime]:
    return (
        datetime.combine(start, time.min, tzinfo=LONDON),
        datetime.combine(end + timedelta(days=1), time.min, tzinfo=LONDON),
    )


def digest_between(start: date, end: date) -> Digest:
    if end < start:
        raise ValueError("The end of a digest cannot be before its start.")
    low, high = _bounds(start, end)
    versions = (
        AnswerVersion.objects.filter(
            event__in=[AnswerVersion.Event.PUBLISHED, AnswerVersion.Event.IMPORTED],
            changed_at__gte=low,
            changed_at__lt=high,
            answer__question__status=Status.PUBLISHED,
        )
        .select_related("answer__question", "answer__respondent")
        .order_by("changed_at", "id")
    )
    latest: dict[int, AnswerVersion] = {}
    for version in versions:
        latest[version.answer_id] = version  # the last publication in the period wins
    digest = Digest(start=start, end=end)
    for version in sorted(latest.values(), key=lambda v: (v.answer.question_id, v.answer_id)):
        answer = version.answer
        first = answer.first_published_at
        item = DigestItem(
            question_text=answer.question.text,
            question_url=reverse("guidance:question", args=[answer.question.slug]),
            answer_url=reverse("guidance:answer", args=[answer.pk]),
            respondent=answer.respondent.name,
            body=version.body,
            reason=version.reason,
            published_at=version.changed_at,
            is_new=first is not None and low <= first < high,
        )
        (digest.new if item.is_new else digest.updated).append(item)
    return digest


def render_digest_html(digest: Digest, *, base_url: str, unsubscribe_url: str = "") -> str:
    """A complete HTML document with inline styles, ready to paste into a newsletter or send."""
    return render_to_string(
        "guidance/digest_email.html",
        {"digest": digest, "base_url": base_url.rstrip("/"), "unsubscribe_url": unsubscribe_url},
    )


def _md(text: str) -> str:
    """Escape the characters Markdown would read as formatting."""
    return re.sub(r"([\\`*_\[\]<>#|])", r"\\\1", text)


def render_digest_markdown(digest: Digest, *, base_url: str, unsubscribe_url: str = "") -> str:
    base = base_url.rstrip("/")
    out = [f"# {_md(digest.title)}", ""]
    if digest.is_empty:
        out += ["No answers were added or changed in this period.", ""]
    for heading, items in (("New answers", digest.new), ("Updated answers", digest.updated)):
        if not items:
            continue
        out += [f"## {heading}", ""]
        for item in items:
            when = item.published_at.astimezone(LONDON)
            out += [
                f"### [{_md(item.question_text)}]({base}{item.question_url})",
                "",
                f"**{_md(item.respondent)}**, published {format_long_date(when)}"
                + (f". What changed: {_md(item.reason)}" if not item.is_new else ""),
                "",
            ]
            for paragraph in item.body.split("\n\n"):
                out += [f"> {_md(paragraph)}", ">"]
            out[-1] = ""
            out += [f"[Read this answer]({base}{item.answer_url})", ""]
    if unsubscribe_url:
        out += ["---", "", f"[Unsubscribe]({unsubscribe_url})", ""]
    return "\n".join(out)

"""Importing a published question-and-answer document (plain text, as exported from a word
processor) into the guidance library.

The format, line by line:

- A title and introduction before the first heading or question (kept out of the library and
  listed in the report as the preamble).
- Section headings: a line carrying a Word bookmark (`[bookmark: _Toc…]General questions`), or a
  short line without closing punctuation, with a blank line after it and a question next. Each
  becomes a topic.
- Questions: a line ending in "?" (it may hold several sentences). Inside a respondent's answer
  a line ending in "?" counts as a new question only when a "… Response:" line follows it, or a
  blank line precedes it (then it is reported as a warning, to be checked).
- Answers: lines after a question. Plain lines answer for the default respondent (the body that
  published the document); a line "<Name> Response:" starts that respondent's answer.

Anything that cannot be placed (text between a heading and its first question, a "Response:"
line with no question) is reported, never guessed at. Importing the same document twice
changes nothing: questions are matched by a hash of their normalised text, answers by question
and respondent.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from redress.guidance.models import Question, Status
from redress.guidance.search import search_index_question
from redress.guidance.services import (
    SourceData,
    answer_import,
    question_hash,
    respondent_get_or_create,
    topic_get_or_create,
    unique_slug,
)

DEFAULT_RESPONDENT = "Department for Education"

BOOKMARK_RE = re.compile(r"\[bookmark:[^\]]*\]")
RESPONSE_RE = re.compile(r"^(?P<name>[A-Za-z0-9][\w&'’.\-]*(?: [\w&'’.\-()]+){0,7}) Response:?$")
# "<Name> Response: the answer…" on one line: only for a name in capitalised words, so that an
# ordinary sentence containing "response:" is not taken for a respondent.
RESPONSE_INLINE_RE = re.compile(
    r"^(?P<name>[A-Z0-9][\w&'’.\-]*(?: [A-Z0-9(][\w&'’.\-()]*){0,4}) Response: (?P<rest>\S.*)$"
)
END_PUNCTUATION = tuple('.?!:;,)"”’')

REGULATION_RE = re.compile(
    r"SEND Regulations? 2014,? (?:regulation )?(?P<ref>(?P<number>\d+)(?:\(\w+\))*)"
)
CODE_RE = re.compile(r"(?:SEND )?Code of Practice,? (?:at |paragraph |para\.? )?(?P<ref>\d+\.\d+)")


@dataclass
class ParsedAnswer:
    respondent: str | None  # None: the document's default respondent
    line: int
    paragraphs: list[str] = field(default_factory=list)


@dataclass
class ParsedQuestion:
    text: str
    line: int
    section: str | None
    answers: list[ParsedAnswer] = field(default_factory=list)


@dataclass
class ParsedDocument:
    title: str = ""
    preamble: list[tuple[int, str]] = field(default_factory=list)
    sections: list[str] = field(default_factory=list)
    questions: list[ParsedQuestion] = field(default_factory=list)
    unplaced: list[tuple[int, str, str]] = field(default_factory=list)  # line, text, why
    warnings: list[tuple[int, str]] = field(default_factory=list)


def _clean(raw: str) -> tuple[str, bool]:
    """The line's text without Word's bookmark markers; and whether it carried one."""
    had_bookmark = bool(BOOKMARK_RE.search(raw))
    text = BOOKMARK_RE.sub("", raw).replace("\u00a0", " ").replace("\ufeff", "")
    return re.sub(r"\s+", " ", text).strip(), had_bookmark


def _respondent_name(text: str) -> str | None:
    match = RESPONSE_RE.match(text) or RESPONSE_INLINE_RE.match(text)
    return match.group("name").strip() if match else None


def _inline_answer(text: str) -> str:
    """The answer text after "<Name> Response:" on the same line, if any."""
    match = RESPONSE_INLINE_RE.match(text)
    return match.group("rest").strip() if match else ""


def detect_sources(body: str) -> list[SourceData]:
    """Citations an answer's text makes to the SEND Regulations and the Code of Practice."""
    found: list[SourceData] = []
    for match in REGULATION_RE.finditer(body):
        found.append(
            SourceData(
                kind="regulation",
                citation=f"SEND Regulations 2014, regulation {match.group('ref')}",
                url=f"https://www.legislation.gov.uk/uksi/2014/1530/regulation/{match.group('number')}",
            )
        )
    for match in CODE_RE.finditer(body):
        found.append(
            SourceData(
                kind="code_of_practice",
                citation=f"SEND Code of Practice: 0 to 25 years, paragraph {match.group('ref')}",
            )
        )
    unique: list[SourceData] = []
    for source in found:
        if source not in unique:
            unique.append(source)
    return unique


def parse_document(text: str) -> ParsedDocument:
    doc = ParsedDocument()
    lines = [_clean(raw) for raw in text.splitlines()]

    def next_nonblank(i: int) -> str | None:
        for later, _ in lines[i + 1 :]:
            if later:
                return later
        return None

    section: str | None = None
    question: ParsedQuestion | None = None
    answer: ParsedAnswer | None = None
    started = False  # past the preamble
    previous_blank = True
    question_open = False  # a question seen, and no answer text after it yet

    for index, (line, bookmarked) in enumerate(lines):
        number = index + 1
        if not line:
            previous_blank = True
            continue
        following = next_nonblank(index)
        next_is_blank = index + 1 < len(lines) and not lines[index + 1][0]
        name = _respondent_name(line)
        is_question_like = line.endswith("?")
        looks_like_heading = (
            not is_question_like
            and name is None
            and (
                bookmarked
                or (
                    previous_blank
                    and next_is_blank
                    and len(line) <= 80
                    and not line.endswith(END_PUNCTUATION)
                    and following is not None
                    and following.endswith("?")
                )
            )
        )

        if looks_like_heading:
            section = line
            doc.sections.append(line)
            started, question, answer, question_open = True, None, None, False
        elif is_question_like and _starts_question(
            answer=answer,
            question_open=question_open,
            previous_blank=previous_blank,
            following=following,
            number=number,
            line=line,
            doc=doc,
        ):
            if question is not None and question_open and not previous_blank:
                # A question running over two lines, with no answer in between.
                question.text = f"{question.text} {line}"
                doc.warnings.append((number, "joined to the question on the line before"))
            else:
                question = ParsedQuestion(text=line, line=number, section=section)
                doc.questions.append(question)
            started, answer, question_open = True, None, True
        elif name is not None:
            if question is None:
                doc.unplaced.append((number, line, "a respondent's heading with no question"))
            else:
                answer = next((a for a in question.answers if a.respondent == name), None)
                if answer is not None:
                    doc.warnings.append(
                        (number, f"a second answer from {name}: joined to the first")
                    )
                else:
                    answer = ParsedAnswer(respondent=name, line=number)
                    question.answers.append(answer)
                if rest := _inline_answer(line):
                    answer.paragraphs.append(rest)
                question_open = False
        elif not started:
            if not doc.title:
                doc.title = line
            doc.preamble.append((number, line))
        elif question is None:
            doc.unplaced.append((number, line, "text after a heading, before any question"))
        else:
            if answer is None:
                answer = ParsedAnswer(respondent=None, line=number)
                question.answers.append(answer)
            answer.paragraphs.append(line)
            question_open = False
        previous_blank = False

    for parsed in doc.questions:
        if not parsed.answers:
            doc.warnings.append((parsed.line, "a question with no answer"))
        for parsed_answer in parsed.answers:
            if not parsed_answer.paragraphs:
                doc.warnings.append((parsed_answer.line, "a respondent's heading with no answer"))
    return doc


def _starts_question(
    *,
    answer: ParsedAnswer | None,
    question_open: bool,
    previous_blank: bool,
    following: str | None,
    number: int,
    line: str,
    doc: ParsedDocument,
) -> bool:
    """Whether a line ending in "?" begins a question rather than continuing an answer."""
    if answer is None or answer.respondent is None:
        return True
    if following is not None and _respondent_name(following) is not None:
        return True
    if previous_blank:
        doc.warnings.append(
            (number, "taken as a new question answered by the default respondent: check it")
        )
        return True
    doc.warnings.append((number, "ends in '?' but kept as part of the answer above"))
    return False


@dataclass
class ImportReport:
    document: ParsedDocument
    respondent_answers: dict[str, int] = field(default_factory=dict)
    questions_created: int = 0
    questions_existing: int = 0
    answers: dict[str, int] = field(
        default_factory=lambda: {"created": 0, "updated": 0, "unchanged": 0, "conflict": 0}
    )
    conflicts: list[str] = field(default_factory=list)
    sources_detected: int = 0

    @property
    def question_count(self) -> int:
        """Questions as the library holds them (one asked twice in the document counts once)."""
        return self.questions_created + self.questions_existing

    @property
    def answer_count(self) -> int:
        return sum(self.respondent_answers.values())

    def lines(self) -> list[str]:
        doc = self.document
        out = [
            f"Title: {doc.title or '(none)'}",
            f"Preamble lines not imported: {len(doc.preamble)}",
            f"Sections: {len(doc.sections)} ({'; '.join(doc.sections) or 'none'})",
            f"Questions: {self.question_count} "
            f"({self.questions_created} new, {self.questions_existing} already in the library)",
            f"Answers: {self.answer_count} "
            + "("
            + ", ".join(f"{n} {what}" for what, n in self.answers.items())
            + ")",
        ]
        for name, count in sorted(self.respondent_answers.items()):
            out.append(f"  {name}: {count}")
        out.append(f"Sources detected in answers: {self.sources_detected}")
        for text in self.conflicts:
            out.append(f"Not updated (an editor's draft is waiting): {text}")
        out.append(f"Lines not placed: {len(doc.unplaced)}")
        for number, text, why in doc.unplaced:
            out.append(f"  line {number} ({why}): {text[:100]}")
        out.append(f"Warnings: {len(doc.warnings)}")
        for number, why in doc.warnings:
            out.append(f"  line {number}: {why}")
        return out


@dataclass
class _Merged:
    """One question as the library will hold it: a question the document asks twice, and the
    answers one respondent gives in several places (the default respondent's plain lines and a
    "<Name> Response:" naming the same body), are joined, so nothing overwrites anything and a
    second import finds everything unchanged."""

    parsed: ParsedQuestion
    sections: list[str] = field(default_factory=list)
    answers: dict[str, tuple[str, list[str]]] = field(default_factory=dict)  # key: name, text


def _merge(doc: ParsedDocument, default_respondent: str) -> list[_Merged]:
    merged: dict[str, _Merged] = {}
    for parsed in doc.questions:
        digest = question_hash(parsed.text)
        entry = merged.get(digest)
        if entry is None:
            entry = merged[digest] = _Merged(parsed=parsed)
        else:
            doc.warnings.append(
                (parsed.line, f"the question on line {entry.parsed.line} again: answers joined")
            )
        if parsed.section and parsed.section not in entry.sections:
            entry.sections.append(parsed.section)
        for parsed_answer in parsed.answers:
            name = " ".join((parsed_answer.respondent or default_respondent).split())
            key = name.casefold()
            if key in entry.answers:
                doc.warnings.append(
                    (parsed_answer.line, f"a second answer from {name}: joined to the first")
                )
                entry.answers[key][1].extend(parsed_answer.paragraphs)
            else:
                entry.answers[key] = (name, list(parsed_answer.paragraphs))
    return list(merged.values())


OCCASION_RE = re.compile(
    r"asked at (?:the )?(?:\w+ )?(?P<what>[\w ,'’-]+? events?) held in "
    r"(?P<when>(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December) \d{4})"
)


def detect_occasion(doc: ParsedDocument) -> tuple[str, str]:
    """Where and when the answers were given, from the document's introduction, if it says."""
    for _, line in doc.preamble:
        match = OCCASION_RE.search(line)
        if match:
            return f"at the {match.group('what')}", match.group("when")
    return "", ""


@transaction.atomic
def import_document(
    text: str,
    *,
    source_name: str,
    default_respondent: str = DEFAULT_RESPONDENT,
    given_at: str = "",
    given_on: str = "",
) -> ImportReport:
    """Import a document's questions and answers, published. Safe to run again.

    Every answer records where and when its respondent gave it: `given_at` and `given_on`, or
    what the document's introduction says ("questions asked at the … events held in March
    2021")."""
    doc = parse_document(text)
    report = ImportReport(document=doc)
    found_at, found_on = detect_occasion(doc)
    given_at, given_on = given_at or found_at, given_on or found_on
    reason = f"Imported from {source_name}"
    for entry in _merge(doc, default_respondent):
        parsed = entry.parsed
        digest = question_hash(parsed.text)
        question = Question.objects.filter(text_hash=digest).first()
        if question is None:
            question = Question(
                text=parsed.text,
                text_hash=digest,
                slug=unique_slug(parsed.text),
                status=Status.PUBLISHED,
                published_at=timezone.now(),
            )
            question.full_clean()
            question.save()
            report.questions_created += 1
        else:
            report.questions_existing += 1
            if question.status != Status.PUBLISHED:
                question.status = Status.PUBLISHED
                question.published_at = timezone.now()
                question.save(update_fields=["status", "published_at", "updated_at"])
                # Its answers may already be published and unchanged below: index them now.
                search_index_question(question)
        for section in entry.sections:
            question.topics.add(topic_get_or_create(name=section))
        for name, paragraphs in entry.answers.values():
            report.respondent_answers[name] = report.respondent_answers.get(name, 0) + 1
            if not paragraphs:
                continue
            body = "\n\n".join(paragraphs)
            sources = detect_sources(body)
            report.sources_detected += len(sources)
            _, outcome = answer_import(
                question=question,
                respondent=respondent_get_or_create(name=name),
                body=body,
                sources=sources,
                reason=reason,
                given_at=given_at,
                given_on=given_on,
            )
            report.answers[outcome] += 1
            if outcome == "conflict":
                report.conflicts.append(f"{name} on “{parsed.text[:80]}”")
    return report

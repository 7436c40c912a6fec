"""Every template a `family:` page renders is ready for translation (issue #21, decision 0186).

A sentence left as plain template text would stay in English on a Welsh page, and nothing else
would notice: `makemessages` only collects what `{% translate %}` and `{% blocktranslate %}`
mark. This test reads each template with Django's own lexer and names the file and line of any
human word outside them, in the text, in the attributes a reader hears or sees (aria-label, alt,
title, placeholder) and in string literals handed to tags and filters (a hint, a label, a
default)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.template.base import Lexer, TokenType

REDRESS = Path(__file__).resolve().parents[2]

#: The family's own templates, and the pages from other apps that a `family:` URL renders.
TEMPLATES = sorted((REDRESS / "family" / "templates" / "family").glob("*.html")) + [
    REDRESS / "casefile" / "templates" / "casefile" / "messages.html",  # family:messages
]

#: The shared page chrome and includes every family page also shows (their catalogue is
#: redress/locale, LOCALE_PATHS).
SHARED = [REDRESS / "templates" / "base.html"] + [
    REDRESS / "templates" / "includes" / name
    for name in (
        "date_input_widget.html",
        "deadline_table.html",
        "error_summary.html",
        "field.html",
        "list_filters.html",
        "messages.html",
        "pagination.html",
    )
]

#: Text that is the same in every language. Each language button names its language in that
#: language, so a reader who cannot read the page's language can still find their own.
ALLOWED = frozenset({"English", "Cymraeg"})

#: Attributes whose values are read to the person using the page.
READ_ATTRIBUTES = frozenset({"aria-label", "alt", "title", "placeholder"})

WORD = re.compile(r"[^\W\d_]+")
#: CSS class names written as text (a block that fills a class attribute), not words.
CSS_CLASS = re.compile(r"\b(?:govuk|redress)-[\w!-]*")
#: Stands in for template tags and variables: not a letter, so never a word, and never markup.
HOLE = "\u00a7"
TRANSLATE_TAGS = frozenset({"translate", "trans"})
BLOCK_OPEN = {"blocktranslate": "endblocktranslate", "blocktrans": "endblocktrans"}
LITERAL = re.compile(r"\"(?:[^\"\\]|\\.)*\"|'(?:[^'\\]|\\.)*'")
MARKED_LITERAL = re.compile(r"_\(\s*(?:\"(?:[^\"\\]|\\.)*\"|'(?:[^'\\]|\\.)*')\s*\)")
#: Filter arguments that are formats, not words ("l j F Y").
FORMAT_ARGUMENT = re.compile(r"\|\s*(?:date|time)\s*:\s*(?:\"[^\"]*\"|'[^']*')")


def _is_human_literal(literal: str) -> bool:
    """A sentence or a capitalised word, not a template name, URL name, key or CSS class."""
    text = literal[1:-1]
    has_word = any(len(word) > 1 for word in WORD.findall(text))
    return (has_word and " " in text.strip()) or bool(re.fullmatch(r"[A-Z][a-z]+[.!?]?", text))


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str]] = []
        self._raw = 0  # inside <script> or <style>

    def _check(self, text: str, line: int, shown: str = "") -> None:
        bare = CSS_CLASS.sub(" ", text.replace(HOLE, " "))
        first = WORD.search(bare)
        if first and bare.strip() not in ALLOWED:
            where = line + bare[: first.start()].count("\n")
            self.found.append((where, shown or " ".join(text.replace(HOLE, "{…}").split())))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"script", "style"}:
            self._raw += 1
        for name, value in attrs:
            if name in READ_ATTRIBUTES and value:
                shown = f'{name}="{value.replace(HOLE, "{…}")}"'
                self._check(value, self.getpos()[0], shown)

    def handle_endtag(self, tag: str) -> None:
        if tag in {"script", "style"} and self._raw:
            self._raw -= 1

    def handle_data(self, data: str) -> None:
        if not self._raw:
            self._check(data, self.getpos()[0])


def untranslated(source: str) -> list[tuple[int, str]]:
    """(line, text) for each piece of human text in a template that is not marked."""
    found: list[tuple[int, str]] = []
    skeleton: list[str] = []
    closing = ""  # the end tag of the translation or comment block we are inside
    for token in Lexer(source).tokenize():
        words = token.split_contents() if token.token_type == TokenType.BLOCK else []
        name = words[0] if words else ""
        if closing:
            if name == closing:
                closing = ""
            skeleton.append(HOLE + "\n" * token.contents.count("\n"))
            continue
        if token.token_type == TokenType.TEXT:
            skeleton.append(token.contents)
            continue
        skeleton.append(HOLE)
        if name in BLOCK_OPEN:
            closing = BLOCK_OPEN[name]
        elif name == "comment":
            closing = "endcomment"
        elif token.token_type in (TokenType.BLOCK, TokenType.VAR) and name not in TRANSLATE_TAGS:
            rest = FORMAT_ARGUMENT.sub("", MARKED_LITERAL.sub("", token.contents))
            line = token.lineno or 0  # the lexer always numbers lines
            found += [(line, lit) for lit in LITERAL.findall(rest) if _is_human_literal(lit)]
    reader = _Reader()
    reader.feed("".join(skeleton))
    reader.close()
    return sorted(found + reader.found)


def test_the_check_covers_every_family_template() -> None:
    names = {path.name for path in TEMPLATES}
    assert len(names) > 25 and {"case.html", "_step.html", "messages.html"} <= names
    assert all(path.is_file() for path in SHARED)


@pytest.mark.parametrize(
    "path", TEMPLATES + SHARED, ids=lambda path: str(path.relative_to(REDRESS))
)
def test_every_human_word_is_marked_for_translation(path: Path) -> None:
    found = untranslated(path.read_text())
    where = path.relative_to(REDRESS.parent)
    assert not found, "not marked for translation:\n" + "\n".join(
        f"{where}:{line}: {text}" for line, text in found
    )


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("<p>Nothing has started yet.</p>", [(1, "Nothing has started yet.")]),
        ("<p>\n  {{ count }} date{{ count|pluralize }}</p>", [(2, "{…} date{…}")]),
        (
            '{% load i18n %}\n<a aria-label="Close">{% translate "Hi" %}</a>',
            [(2, 'aria-label="Close"')],
        ),
        ('<img alt="{{ name }}"><span title="A {{ x }}">§</span>', [(1, 'title="A {…}"')]),
        (
            '{% include "includes/field.html" with hint="Use your email." %}',
            [(1, '"Use your email."')],
        ),
        ('{{ name|default:"The family" }}', [(1, '"The family"')]),
        ('{{ name|default:"Nobody" }}', [(1, '"Nobody"')]),
    ],
)
def test_the_check_finds_plain_english(source: str, expected: list[tuple[int, str]]) -> None:
    assert untranslated(source) == expected


@pytest.mark.parametrize(
    "source",
    [
        '{% load i18n %}<h1 class="govuk-heading-l" id="where">{% translate "Where" %}</h1>',
        "{% blocktranslate trimmed with n=child.name %}\n  Back to {{ n }}'s case\n{% endblocktranslate %}",
        "{% comment %}Words for developers{% endcomment %}{# and these #}",
        "<a href=\"{% url 'family:case' child.pk %}\">{{ child.first_name }}</a> — (12).",
        '{% include "includes/field.html" with field=form.code width="govuk-input--width-5" %}',
        '{% include "includes/pagination.html" with label=_("Pages of dates") %}',
        '{{ day|date:"l j F Y" }}{% if kind == "not_before" %}{% endif %}',
        '<button lang="cy">Cymraeg</button><script>var a = "words";</script>',
        "{% block main_class_names %}govuk-main-wrapper redress-large-print{% endblock %}",
    ],
)
def test_the_check_accepts_marked_text(source: str) -> None:
    assert untranslated(source) == []

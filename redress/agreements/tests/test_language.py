"""The neutral-language check: it flags judgmental wording with a neutral suggestion, and leaves
plain, forward-looking wording alone."""

from __future__ import annotations

import pytest

from redress.agreements.language import TERMS, check_text, check_texts


@pytest.mark.parametrize(
    "text, word",
    [
        ("The council failed to send the advice.", "failed"),
        ("The school REFUSED the request.", "REFUSED"),
        ("This was negligent.", "negligent"),
        ("Nobody is to blame for the delay.", "to blame"),
        ("The family think the LA is at fault.", "at fault"),
        ("An incompetent assessment.", "incompetent"),
        ("The report was ignored.", "ignored"),
        ("The officer should have replied.", "should have"),
        ("The officer should  have replied.", "should  have"),
    ],
)
def test_judgmental_words_are_flagged_with_a_suggestion(text: str, word: str) -> None:
    flags = check_text(text, field="what")
    assert [f.word for f in flags] == [word]
    flag = flags[0]
    assert text[flag.start : flag.end] == word
    assert flag.suggestion and flag.why
    assert flag.field == "what"
    assert flag.key == f"what:{word.lower()}"


@pytest.mark.parametrize(
    "text",
    [
        "The local authority will send the draft plan by 4 January 2027.",
        "Faultless work; the failsafe is in place; an unfailing effort; blameless.",
        "Speech and language therapy will be written into section F.",
        "",
    ],
)
def test_neutral_wording_and_words_that_only_contain_a_flagged_word_pass(text: str) -> None:
    assert check_text(text) == []


def test_several_flags_in_order_across_fields() -> None:
    flags = check_texts(
        {"what": "The LA failed and then refused.", "measure": "Nothing here.", "who": "blamed"}
    )
    assert [(f.field, f.word) for f in flags] == [
        ("what", "failed"),
        ("what", "refused"),
        ("who", "blamed"),
    ]


def test_at_fault_is_one_flag_not_two() -> None:
    assert [f.word for f in check_text("They are at fault.")] == ["at fault"]


def test_every_term_has_a_suggestion_and_a_reason() -> None:
    for term in TERMS:
        assert term.forms and term.suggestion.strip() and term.why.strip()

"""One provision, one wording: the citation registry."""

from __future__ import annotations

import pytest

import redress.agreements.legal
import redress.documents.legal
import redress.mediation.legal
from redress.core.citations import Citation, citation


def test_a_provision_stated_twice_with_other_words_is_refused() -> None:
    Citation(key="test_provision", title="A", short="a", text="One wording.")
    Citation(key="test_provision", title="A", short="a", text="One wording.")
    with pytest.raises(ValueError, match="stated twice"):
        Citation(key="test_provision", title="A", short="a", text="Another wording.")


def test_the_letters_and_the_certificates_cite_section_55_in_the_same_words() -> None:
    assert redress.agreements.legal  # every legal module registers on import
    letters = redress.documents.legal.MEDIATION_CERTIFICATE
    certificates = redress.mediation.legal.SECTION_55
    assert letters is certificates is citation("cfa_2014_s55")


def test_the_appeal_time_limit_reads_the_same_on_letters_and_certificates() -> None:
    assert redress.mediation.legal.APPEAL_WINDOW is redress.documents.legal.APPEAL_TIME_LIMIT
    assert "2 months" in redress.documents.legal.APPEAL_TIME_LIMIT.text  # from the catalogue

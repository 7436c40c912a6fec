"""docs/security.md's permission matrix is the one the code enforces: the committed table is
rendered from the registered rules, so a rule changed without the document fails here."""

from __future__ import annotations

from redress.audit import permission_matrix


def test_the_committed_permission_matrix_matches_the_rules() -> None:
    committed = permission_matrix.committed_block()
    assert committed, "docs/security.md has lost its permission-matrix markers"
    assert committed == permission_matrix.render_block(), (
        "Run `redress permission_matrix --write` and commit docs/security.md."
    )


def test_the_matrix_names_every_rule_and_the_national_data_role() -> None:
    from rules.permissions import permissions

    table = permission_matrix.render()
    for key in permissions:
        assert f"`{key}`" in table
    assert "`reports.import_statistics`" in table
    assert "`is_note_author_at_provider`" in table


def test_an_or_group_inside_an_and_keeps_its_brackets() -> None:
    from redress.audit.permission_matrix import _flatten

    assert _flatten("((a | b) & c)") == "(`a` or `b`) and `c`"
    assert _flatten("((a | b) | c)") == "`a` or `b` or `c`"
    assert _flatten("((a & b) | c)") == "(`a` and `b`) or `c`"

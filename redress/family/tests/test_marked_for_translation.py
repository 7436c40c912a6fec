"""The words a family reads from the family app's Python go through gettext (decision 0176), so
`makemessages` finds them and a translation shows. Read from the source: a sentence typed bare
where a family reads it (a form's label, hint or error, a flash message, a validation error, the
plain-words texts) is a sentence the Welsh page would show in English."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

FAMILY = Path(__file__).resolve().parents[1]

GETTEXT = frozenset(
    {
        "_",
        "gettext",
        "gettext_lazy",
        "pgettext",
        "pgettext_lazy",
        "ngettext",
        "ngettext_lazy",
        "npgettext",
        "npgettext_lazy",
    }
)

#: Where the reader is staff, not a family: the council's or a provider's own pages and the
#: caseworker's invitation. (module, class or function) pairs.
STAFF_ONLY = frozenset(
    {
        ("forms.py", "DraftAnswerForm"),  # the council answers a comment
        ("views_tasks.py", "AnswerForm"),  # the task list of whoever must act
        ("views_tasks.py", "TaskListForm"),
        ("views_tasks.py", "task_detail"),
        ("views_invitations.py", "InviteForm"),  # a caseworker invites the family
        ("views_invitations.py", "invite"),
        ("views_draft.py", "draft_comment_answer"),
        ("invitations.py", "_check"),  # the caseworker's invitation page
        ("tasks.py", "family_request_answer"),
        ("services.py", "draft_plan_comment_answer"),
    }
)

#: Every sentence in these modules is shown to families (except dict keys, which are codes).
ALL_WORDS = frozenset({"plain.py", "late.py"})


def is_sentence(node: ast.AST) -> bool:
    """A string of two or more words, or an f-string (which a translator cannot reorder)."""
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return sum(1 for word in node.value.split() if any(c.isalpha() for c in word)) >= 2
    return False


def call_name(node: ast.Call) -> str:
    func = node.func
    return func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")


def bare(node: ast.AST | None) -> Iterator[ast.AST]:
    """The sentences in an expression that no gettext call wraps (dict keys are codes)."""
    if node is None:
        return
    if isinstance(node, ast.Call) and call_name(node) in GETTEXT:
        return
    if isinstance(node, ast.Dict):
        for value in node.values:
            yield from bare(value)
        return
    if is_sentence(node):
        yield node
        return
    if isinstance(node, ast.JoinedStr | ast.Constant):
        return
    for child in ast.iter_child_nodes(node):
        yield from bare(child)


def with_owner(tree: ast.Module) -> Iterator[tuple[ast.AST, str]]:
    """Each node with the name of the top-level class or function it is in ("" at top level)."""
    for top in tree.body:
        owner = top.name if isinstance(top, ast.ClassDef | ast.FunctionDef) else ""
        for node in ast.walk(top):
            yield node, owner


def docstrings(tree: ast.Module) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def labels(node: ast.AST) -> bool:
    """A field's label, hint or error messages, given as an argument or set after."""
    if isinstance(node, ast.keyword):
        return node.arg in {"label", "help_text", "error_messages"}
    return isinstance(node, ast.Assign) and any(
        isinstance(target, ast.Attribute) and target.attr in {"label", "help_text"}
        for target in node.targets
    )


def unmarked(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    name = path.name
    found: list[ast.AST] = []
    for node, owner in with_owner(tree):
        if (name, owner) in STAFF_ONLY:
            continue
        if labels(node):
            found += bare(node.value)  # type: ignore[attr-defined]
        elif isinstance(node, ast.Call):
            func = node.func
            if (
                isinstance(func, ast.Attribute)
                and isinstance(func.value, ast.Name)
                and func.value.id == "messages"
            ) or call_name(node) in {"ValidationError", "add_error"}:
                for arg in node.args:
                    found += bare(arg)
    if name in ALL_WORDS:
        skip = docstrings(tree)
        keys = {id(k) for n in ast.walk(tree) if isinstance(n, ast.Dict) for k in n.keys if k}
        for top in tree.body:
            if isinstance(top, ast.Assign | ast.AnnAssign) and top.value is not None:
                found += [n for n in bare(top.value) if id(n) not in skip | keys]
    lines = sorted({(getattr(n, "lineno", 0), ast.unparse(n)[:70]) for n in found})
    return [f"{name}:{line}: {text}" for line, text in lines]


def test_family_sentences_in_python_are_marked_for_translation() -> None:
    # The late-duty words live in core (below every app) but are read only by families.
    paths = [*sorted(FAMILY.glob("*.py")), FAMILY.parent / "core" / "late.py"]
    problems = [p for path in paths for p in unmarked(path)]
    assert not problems, "Wrap these in _() or gettext():\n" + "\n".join(problems)


def test_the_scan_finds_a_bare_sentence(tmp_path: Path) -> None:
    """The scan itself can fail: each kind of bare sentence it looks for is found."""
    source = tmp_path / "plain.py"
    source.write_text(
        "from django.utils.translation import gettext_lazy as _\n"
        "WHO = {'council': 'The council', 'you': _('You and me')}\n"
        "class F(forms.Form):\n"
        "    a = forms.CharField(label='Your name', help_text=_('As on the letter'))\n"
        "    b = forms.CharField(error_messages={'required': 'Enter your name'})\n"
        "def view(request):\n"
        "    messages.success(request, f'Saved {1}')\n"
        "    raise ValidationError({'text': ['Write something here.']})\n",
        encoding="utf-8",
    )
    found = "\n".join(unmarked(source))
    for sentence in ("The council", "Your name", "Enter your name", "Saved", "Write something"):
        assert sentence in found
    assert "You and me" not in found and "As on the letter" not in found

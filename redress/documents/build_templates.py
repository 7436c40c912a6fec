"""Build the editable Word templates in `templates_docx/` (docxtpl syntax inside python-docx).

The .docx files are committed; run this again after changing the wording here:

    .venv/bin/python -m redress.documents.build_templates

Anyone may also open a template in Word or LibreOffice and edit it directly, keeping the
`{{ … }}` fields and the `{%p … %}` / `{%tr … %}` loop lines. The law the letter cites is never
typed here: it comes from `redress/documents/legal.py` (and the statutory rule catalogue) through
the `citations`, `exceptions` and `rule_citation` fields.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates_docx"
ESCALATION_LETTER = TEMPLATES_DIR / "escalation_letter.docx"

# The notices of appealable decisions: one editable template per kind of decision. Each carries
# the fields of every item regulation 32 requires (`redress.documents.decision_letters`); Redress
# refuses to issue a letter from a template that has lost one.
DECISION_TEMPLATES: dict[str, Path] = {
    key: TEMPLATES_DIR / f"decision_{key}.docx"
    for key in (
        "refuse_assess",
        "refuse_plan",
        "final_plan",
        "review_no_amendment",
        "amended_plan",
        "cessation",
        "refuse_reassess",
        "reassessment_no_amendment",
        "amendment_not_made",
    )
}

# The letters for each step of a case (`redress.documents.step_letters`): one editable template
# per kind. Their law and periods are fields too (`legal_source`, `period`), filled from the
# step letter catalogue and the engine's dates; Redress refuses a letter whose template lost one.
STEP_TEMPLATES: dict[str, Path] = {
    key: TEMPLATES_DIR / f"step_{key}.docx"
    for key in (
        "acknowledgement",
        "advice_health",
        "advice_social_care",
        "advice_psychological",
        "advice_educational",
        "decision_to_assess",
        "consultation",
        "draft_plan",
        "review_invitation",
        "cessation_proposal",
    )
}

_ADVICE_REQUEST = (
    "We are carrying out an education, health and care (EHC) needs assessment for "
    "{{ child_name }} (born {{ child_date_of_birth }}). We ask you for {{ advice_kind }} advice "
    "and information about the child or young person's needs, the provision they may require and "
    "the outcomes it should help them achieve. We send this request under {{ legal_source }}.",
    "{{ period }}",
    "Please tell us at once if you consider that an exception applies and you cannot meet this "
    "time limit, and why.",
)

# What each step letter says: its heading and its paragraphs (fields in `{{ }}`).
_STEP_WORDING: dict[str, tuple[str, tuple[str, ...]]] = {
    "acknowledgement": (
        "We have received your request for an education, health and care needs assessment",
        (
            "Thank you for your request for an education, health and care (EHC) needs "
            "assessment for {{ child_name }} (born {{ child_date_of_birth }}), which we received "
            "on {{ step_date }}.",
            "We will now consider whether to carry out an assessment, and we will ask for your "
            "views. We act under {{ legal_source }}.",
            "{{ period }}",
        ),
    ),
    "advice_health": ("Request for health advice and information", _ADVICE_REQUEST),
    "advice_social_care": ("Request for social care advice and information", _ADVICE_REQUEST),
    "advice_psychological": (
        "Request for psychological advice and information",
        _ADVICE_REQUEST,
    ),
    "advice_educational": ("Request for educational advice and information", _ADVICE_REQUEST),
    "decision_to_assess": (
        "Our decision to carry out an education, health and care needs assessment",
        (
            "On {{ step_date }} we decided to carry out an education, health and care (EHC) "
            "needs assessment for {{ child_name }} (born {{ child_date_of_birth }}). We tell you "
            "of this decision under {{ legal_source }}.",
            "We will now ask for advice and information from you, the school or setting, health, "
            "social care and an educational psychologist.",
            "{{ period }}",
        ),
    ),
    "consultation": (
        "Consultation about naming your school or institution in an EHC plan",
        (
            "We are preparing an education, health and care (EHC) plan for {{ child_name }} "
            "(born {{ child_date_of_birth }}) and are considering naming your school or "
            "institution in it. We enclose the draft plan and consult you under "
            "{{ legal_source }}.",
            "{{ period }}",
        ),
    ),
    "draft_plan": (
        "The draft education, health and care plan for {{ child_name }}",
        (
            "We enclose the draft education, health and care (EHC) plan for {{ child_name }} "
            "(born {{ child_date_of_birth }}), served on {{ step_date }}. We send it under "
            "{{ legal_source }}.",
            "{{ period }}",
            "To comment, write to us at the address above or reply to the email this letter came "
            "with. You may also ask for a meeting with an officer of the local authority to "
            "discuss the draft, and ask us to name a particular school or college in the plan.",
        ),
    ),
    "review_invitation": (
        "Invitation to the annual review of {{ child_name }}'s EHC plan",
        (
            "We invite you to the annual review meeting of the education, health and care (EHC) "
            "plan for {{ child_name }} (born {{ child_date_of_birth }}) on {{ meeting_date }}.",
            "We give this notice under {{ legal_source }}. {{ period }}",
            "Please send us any advice or information you want the review to consider, and tell "
            "us if you cannot attend.",
        ),
    ),
    "cessation_proposal": (
        "We are considering stopping the EHC plan for {{ child_name }}",
        (
            "We are considering whether to cease to maintain the education, health and care "
            "(EHC) plan for {{ child_name }} (born {{ child_date_of_birth }}).",
            "Before we decide, we must consult you under {{ legal_source }}. Please tell us your "
            "views, and anything you want us to take into account. We have made no decision yet; "
            "if we decide to stop the plan we will write to you with our reasons and your right "
            "to appeal.",
        ),
    ),
}

_PLANS_ENCLOSED = frozenset({"final_plan", "amended_plan"})

# What each kind of notice says first: (heading, the decision in a sentence).
_DECISION_OPENINGS: dict[str, tuple[str, str]] = {
    "refuse_assess": (
        "Our decision not to carry out an education, health and care needs assessment",
        "We have decided not to carry out an education, health and care (EHC) needs assessment "
        "for {{ child_name }} (born {{ child_date_of_birth }}). We made this decision on "
        "{{ decision_date }}.",
    ),
    "refuse_plan": (
        "Our decision not to issue an education, health and care plan",
        "We have completed the education, health and care (EHC) needs assessment for "
        "{{ child_name }} (born {{ child_date_of_birth }}) and on {{ decision_date }} decided "
        "not to issue an EHC plan.",
    ),
    "final_plan": (
        "The final education, health and care plan for {{ child_name }}",
        "We enclose the final education, health and care (EHC) plan for {{ child_name }} (born "
        "{{ child_date_of_birth }}), issued on {{ decision_date }}.",
    ),
    "review_no_amendment": (
        "Our decision after the review: the plan stays as it is",
        "We have reviewed the education, health and care (EHC) plan for {{ child_name }} (born "
        "{{ child_date_of_birth }}) and on {{ decision_date }} decided to keep the plan as it "
        "is, without amending it.",
    ),
    "amended_plan": (
        "The amended education, health and care plan for {{ child_name }}",
        "We enclose the amended education, health and care (EHC) plan for {{ child_name }} "
        "(born {{ child_date_of_birth }}), issued on {{ decision_date }}.",
    ),
    "cessation": (
        "Our decision to stop maintaining the education, health and care plan",
        "We have decided to cease to maintain the education, health and care (EHC) plan for "
        "{{ child_name }} (born {{ child_date_of_birth }}). We made this decision on "
        "{{ decision_date }}. We will keep maintaining the plan until the time to appeal has "
        "passed or, if you appeal, until the appeal is decided.",
    ),
    "refuse_reassess": (
        "Our decision not to carry out a re-assessment",
        "You asked us to carry out a re-assessment of the education, health and care needs of "
        "{{ child_name }} (born {{ child_date_of_birth }}). On {{ decision_date }} we decided not "
        "to carry one out.",
    ),
    "reassessment_no_amendment": (
        "Our decision after the re-assessment: the plan stays as it is",
        "We have re-assessed the education, health and care needs of {{ child_name }} (born "
        "{{ child_date_of_birth }}) and on {{ decision_date }} decided not to amend the "
        "education, health and care (EHC) plan.",
    ),
    "amendment_not_made": (
        "Our decision not to make the amendments we proposed",
        "We sent you proposed amendments to the education, health and care (EHC) plan for "
        "{{ child_name }} (born {{ child_date_of_birth }}). On {{ decision_date }} we decided not "
        "to amend the plan.",
    ),
}


def build_escalation_letter(path: Path = ESCALATION_LETTER) -> Path:
    document = Document()
    normal = document.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(11)

    sender = document.add_paragraph("{{ local_authority_name }}")
    sender.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    sender_address = document.add_paragraph("{{ local_authority_address }}")
    sender_address.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    document.add_paragraph("{{ letter_date }}").alignment = WD_ALIGN_PARAGRAPH.RIGHT

    document.add_paragraph("{{ commissioner_name }}")
    document.add_paragraph("{{ commissioner_address }}")

    document.add_heading("Overdue advice for education, health and care needs assessments", level=1)
    document.add_paragraph("Dear {{ commissioner_name }},")
    document.add_paragraph(
        "{{ local_authority_name }} asked you for health advice and information for the "
        "education, health and care (EHC) needs assessments of the {{ child_count_words }} "
        "listed below. The time allowed has passed for each of them and we have not received "
        "the advice."
    )

    table = document.add_table(rows=4, cols=5)
    table.style = "Table Grid"
    headings = ("Child or young person", "Date of birth", "Date requested", "Date due",
                "Days overdue")  # fmt: skip
    for cell, text in zip(table.rows[0].cells, headings, strict=True):
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.bold = True
    table.rows[1].cells[0].text = "{%tr for row in rows %}"
    fields = ("row.child_name", "row.date_of_birth", "row.date_requested", "row.date_due",
              "row.days_overdue")  # fmt: skip
    for cell, field in zip(table.rows[2].cells, fields, strict=True):
        cell.text = "{{ " + field + " }}"
    table.rows[3].cells[0].text = "{%tr endfor %}"
    document.add_paragraph(
        "Dates due are those Redress calculated under {{ rule_citation }} from the date of each "
        "request. Days overdue are counted to {{ letter_date }}."
    )

    document.add_heading("Your duty to provide the advice", level=2)
    document.add_paragraph("{%p for citation in citations %}")
    heading = document.add_paragraph()
    heading.add_run("{{ citation.title }}").bold = True
    document.add_paragraph("{{ citation.text }}")
    document.add_paragraph("{%p endfor %}")
    document.add_paragraph("The exceptions in regulation 8(2) are:")
    document.add_paragraph("{%p for exception in exceptions %}")
    document.add_paragraph(
        "regulation {{ exception.provision }}: {{ exception.text }}", style="List Bullet"
    )
    document.add_paragraph("{%p endfor %}")

    document.add_heading("What we ask you to do", level=2)
    document.add_paragraph(
        "Please send us the advice for each child or young person listed {{ respond_by }}."
    )
    document.add_paragraph(
        "If you consider that one of the exceptions in regulation 8(2) applies to a child or "
        "young person, tell us in writing which one and why. If you decide not to comply with "
        "our request, section 31(3) of the Children and Families Act 2014 requires you to give "
        "us your reasons in writing."
    )
    document.add_paragraph(
        "Each of these families is waiting for the assessment to be completed, and the local "
        "authority's own time limit for the plan keeps running while the advice is outstanding."
    )

    document.add_paragraph("Yours sincerely,")
    document.add_paragraph("{{ signed_by_name }}")
    document.add_paragraph("{{ signed_by_role }}, {{ local_authority_name }}")
    document.add_paragraph("{{ signed_by_email }}")

    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path


def _letter_head(heading_text: str) -> Any:
    """A letter from the authority to one addressee: the sender's block, the date, the addressee,
    the heading and the greeting. The title and language are set for screen readers."""
    document = Document()
    normal = document.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(12)
    document.core_properties.title = heading_text.replace("{{ child_name }}", "the child")
    document.core_properties.language = "en-GB"

    document.add_paragraph("{{ local_authority_name }}").alignment = WD_ALIGN_PARAGRAPH.RIGHT
    document.add_paragraph("{{ local_authority_address }}").alignment = WD_ALIGN_PARAGRAPH.RIGHT
    document.add_paragraph("{{ letter_date }}").alignment = WD_ALIGN_PARAGRAPH.RIGHT
    document.add_paragraph("{{ recipient_name }}")
    document.add_paragraph("{{ recipient_address }}")

    document.add_heading(heading_text, level=1)
    document.add_paragraph("Dear {{ recipient_name }},")
    return document


def build_decision_letter(kind: str, path: Path | None = None) -> Path:
    """The notice of one kind of appealable decision (SEND Regulations 2014 reg 32)."""
    path = path or DECISION_TEMPLATES[kind]
    heading_text, opening = _DECISION_OPENINGS[kind]
    document = _letter_head(heading_text)
    document.add_paragraph(opening)
    if kind not in _PLANS_ENCLOSED:  # a plan's contents are the decision; it has no reasons
        document.add_heading("Our reasons", level=2)
        document.add_paragraph("{{ reasons }}")
    document.add_paragraph("We send you this notice under {{ notice_citation }}.")

    document.add_heading("If you disagree: your right to appeal", level=2)
    document.add_paragraph("{{ appeal_right }}")
    document.add_heading("Mediation", level=2)
    document.add_paragraph("{{ mediation_right }}")
    document.add_paragraph("{{ certificate_rule }}")
    document.add_paragraph("{{ certificate_exemption }}")
    document.add_heading("The mediation adviser", level=2)
    document.add_paragraph(
        "The mediation adviser is independent of the local authority. Contact "
        "{{ mediation_adviser_name }}: {{ mediation_adviser_contact }}."
    )
    document.add_heading("Time limits", level=2)
    document.add_paragraph("{{ contact_adviser_by }}", style="List Bullet")
    document.add_paragraph("{{ appeal_by }}", style="List Bullet")
    document.add_heading("If you decide to mediate", level=2)
    document.add_paragraph("{{ mediation_notice_to_la }}")
    document.add_heading("Health and social care", level=2)
    document.add_paragraph("{{ recommendations }}")
    document.add_heading("Other ways to settle a disagreement", level=2)
    document.add_paragraph("{{ disagreement_resolution }}")
    document.add_heading("Who to contact", level=2)
    document.add_paragraph("About this decision: {{ la_contact }}.")
    document.add_paragraph(
        "For free, impartial and confidential information, advice and support: "
        "{{ sendiass_contact }}."
    )

    document.add_heading("The law this letter follows", level=2)
    document.add_paragraph("{%p for item in required_items %}")
    document.add_paragraph("{{ item.title }} ({{ item.citation }})", style="List Bullet")
    document.add_paragraph("{%p endfor %}")

    document.add_paragraph("Yours sincerely,")
    document.add_paragraph("{{ signed_by_name }}")
    document.add_paragraph("{{ signed_by_role }}, {{ local_authority_name }}")

    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path


def build_step_letter(kind: str, path: Path | None = None) -> Path:
    """The letter for one step of a case (`redress.documents.step_letters`)."""
    path = path or STEP_TEMPLATES[kind]
    heading_text, paragraphs = _STEP_WORDING[kind]
    document = _letter_head(heading_text)
    for text in paragraphs:
        document.add_paragraph(text)
    document.add_paragraph("{%p if communication_needs %}")
    document.add_heading("Communication needs", level=2)
    document.add_paragraph("The family has asked for:")
    document.add_paragraph("{%p for need in communication_needs %}")
    document.add_paragraph("{{ need }}", style="List Bullet")
    document.add_paragraph("{%p endfor %}")
    document.add_paragraph("{%p endif %}")
    document.add_heading("Who to contact", level=2)
    document.add_paragraph("{{ la_contact }}")

    document.add_paragraph("Yours sincerely,")
    document.add_paragraph("{{ signed_by_name }}")
    document.add_paragraph("{{ signed_by_role }}, {{ local_authority_name }}")

    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path


def main() -> None:
    print(build_escalation_letter())
    for kind in DECISION_TEMPLATES:
        print(build_decision_letter(kind))
    for kind in STEP_TEMPLATES:
        print(build_step_letter(kind))


if __name__ == "__main__":
    main()

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

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates_docx"
ESCALATION_LETTER = TEMPLATES_DIR / "escalation_letter.docx"


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


def main() -> None:
    print(build_escalation_letter())


if __name__ == "__main__":
    main()

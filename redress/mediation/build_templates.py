"""Build the mediation's editable Word templates in `templates_docx/` (docxtpl syntax inside
python-docx). The .docx files are committed; run this again after changing the wording here:

    .venv/bin/python -m redress.mediation.build_templates

The templates may also be edited in Word or LibreOffice, keeping the `{{ … }}` fields and the
`{%p … %}` loop lines. The law they cite comes from `redress/mediation/legal.py`.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.document import Document as DocumentType
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates_docx"
CERTIFICATE = TEMPLATES_DIR / "mediation_certificate.docx"
CONFIRMATION = TEMPLATES_DIR / "meeting_confirmation.docx"


def _document() -> DocumentType:
    document = Document()
    normal = document.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(11)
    return document


def _citations(document: DocumentType) -> None:
    document.add_paragraph("{%p for citation in citations %}")
    heading = document.add_paragraph()
    heading.add_run("{{ citation.title }}").bold = True
    document.add_paragraph("{{ citation.text }}")
    document.add_paragraph("{%p endfor %}")


def build_certificate(path: Path = CERTIFICATE) -> Path:
    document = _document()
    document.add_paragraph("{{ provider_name }}").alignment = WD_ALIGN_PARAGRAPH.RIGHT
    document.add_paragraph("{{ provider_address }}").alignment = WD_ALIGN_PARAGRAPH.RIGHT
    document.add_heading("Mediation certificate", level=1)
    document.add_paragraph("Our reference: {{ reference }}")
    document.add_paragraph("Issued on {{ issued_on }}.")
    document.add_paragraph("To: {{ family_names }}")
    document.add_paragraph("Child or young person: {{ child_name }}, born {{ date_of_birth }}")
    document.add_paragraph("Local authority: {{ local_authority_name }}")
    document.add_paragraph("The decision: {{ decision }}, notice dated {{ notice_date }}.")
    document.add_paragraph("Mediation held: {{ mediation_date }}")
    document.add_heading("What this certificate confirms", level=2)
    document.add_paragraph("{{ reason }}")
    document.add_paragraph(
        "The parent or young person contacted the mediation adviser on {{ contacted_on }} "
        "about this decision."
    )
    document.add_heading("Your right to appeal", level=2)
    document.add_paragraph(
        "You may now appeal to the First-tier Tribunal (Special Educational Needs and "
        "Disability). {{ appeal_sentence }}"
    )
    document.add_paragraph("Signed: {{ signatory }}, {{ signatory_role }}, {{ provider_name }}")
    document.add_heading("The law", level=2)
    _citations(document)
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path


def build_confirmation(path: Path = CONFIRMATION) -> Path:
    document = _document()
    document.add_paragraph("{{ provider_name }}").alignment = WD_ALIGN_PARAGRAPH.RIGHT
    document.add_paragraph("{{ sent_on }}").alignment = WD_ALIGN_PARAGRAPH.RIGHT
    document.add_paragraph("{{ recipient_name }}")
    document.add_paragraph("{{ recipient_address }}")
    document.add_heading("Confirmation of the mediation meeting", level=1)
    document.add_paragraph("Case: {{ case_name }}")
    document.add_paragraph("Date: {{ meeting_date }}")
    document.add_paragraph("Start time: {{ start_time }}")
    document.add_paragraph("End time: {{ end_time }}")
    document.add_paragraph("Place: {{ place }}")
    document.add_heading("Documents shared with you", level=2)
    document.add_paragraph("{%p for doc in documents %}")
    document.add_paragraph("{{ doc }}", style="List Bullet")
    document.add_paragraph("{%p endfor %}")
    document.add_paragraph("Accessibility and adjustments: {{ accessibility }}")
    document.add_heading("Who will attend", level=2)
    document.add_paragraph("{%p for attendee in attendees %}")
    document.add_paragraph("{{ attendee }}", style="List Bullet")
    document.add_paragraph("{%p endfor %}")
    document.add_paragraph("{{ experts_statement }}")
    document.add_heading("Recording and confidentiality", level=2)
    document.add_paragraph("{{ recording_wording }}")
    document.add_paragraph("{{ confidentiality_wording }}")
    document.add_heading("The law", level=2)
    _citations(document)
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path


def main() -> None:
    print(build_certificate())
    print(build_confirmation())


if __name__ == "__main__":
    main()

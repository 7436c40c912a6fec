"""Build the editable Word template of an EHC plan, `templates_docx/ehc_plan.docx` (docxtpl).

The .docx is committed; run this again after changing the layout or the section headings:

    .venv/bin/python -m redress.plans.build_templates

A local authority may also open the template in Word or LibreOffice and edit it directly, keeping
the `{{ … }}` fields and the `{%p … %}` / `{%tr … %}` loop lines. Headings come from
`redress/plans/sections.py` (reg 12), one Heading 1 per section, A to K in order; every table has
a header row marked to repeat on each page, so screen readers announce the column headers.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.table import Table

from redress.plans.sections import PROVISION_SECTIONS, SECTIONS, heading

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates_docx"
PLAN_TEMPLATE = TEMPLATES_DIR / "ehc_plan.docx"

PROVISION_HEADERS = ("What the provision is", "Who provides it", "How often", "For how long")
OUTCOME_HEADERS = ("Outcome sought", "By when", "Preparing for adulthood")
APPENDIX_HEADERS = ("Appendix", "Advice from", "Received")
ADVICE_HEADERS = ("Advice", "From", "Received", "Document")


def mark_header_row(table: Table) -> None:
    """Bold the first row and mark it as a header row (w:tblHeader) that repeats on each page."""
    row = table.rows[0]
    tr_pr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)
    for cell in row.cells:
        for paragraph in cell.paragraphs:
            for run in paragraph.runs:
                run.bold = True


def _loop_table(
    document: DocumentObject, headers: tuple[str, ...], loop: str, fields: tuple[str, ...]
) -> Table:
    table: Table = document.add_table(rows=4, cols=len(headers))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.text = text
    mark_header_row(table)
    table.rows[1].cells[0].text = "{%tr for row in " + loop + " %}"
    for cell, field in zip(table.rows[2].cells, fields, strict=True):
        cell.text = "{{ row." + field + " }}"
    table.rows[3].cells[0].text = "{%tr endfor %}"
    return table


def _paragraphs(document: DocumentObject, expression: str) -> None:
    document.add_paragraph("{%p for para in " + expression + " %}")
    document.add_paragraph("{{ para }}")
    document.add_paragraph("{%p endfor %}")


def build_plan_template(path: Path = PLAN_TEMPLATE) -> Path:
    document = Document()
    normal = document.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(12)

    document.add_heading("Education, health and care plan", level=0)
    document.add_paragraph("{{ child_name }}, born {{ date_of_birth }}")
    document.add_paragraph("{{ local_authority }}")
    document.add_paragraph("Version {{ version }}: {{ status }}. {{ issued }}")

    for section in SECTIONS:
        code = section.code
        document.add_heading(heading(code), level=1)
        _paragraphs(document, f"text.{code}")
        if code == "E":
            _loop_table(
                document,
                OUTCOME_HEADERS,
                "outcomes",
                ("text", "by_when", "preparing_for_adulthood"),
            )
        if code in PROVISION_SECTIONS:
            document.add_paragraph("{%p if not provision." + code + " %}")
            document.add_paragraph("No provision is specified in this section.")
            document.add_paragraph("{%p endif %}")
            _loop_table(
                document,
                PROVISION_HEADERS,
                f"provision.{code}",
                ("what", "who", "how_often", "how_long"),
            )
        if code == "J":
            _paragraphs(document, "budget_lines")
        if code == "I":
            document.add_paragraph("Name: {{ placement_name }}")
            document.add_paragraph("Type: {{ placement_type }}")
        if code == "K":
            _loop_table(document, APPENDIX_HEADERS, "appendices", ("title", "source", "received"))
            document.add_paragraph("Advice received for the assessment")
            document.add_paragraph("{%p if not advice_received %}")
            document.add_paragraph("No advice has been received yet.")
            document.add_paragraph("{%p endif %}")
            table = _loop_table(
                document,
                ADVICE_HEADERS,
                "advice_received",
                ("advice_type", "source", "received", "document"),
            )
            # The document cell is rich text: a link to each document the reader may open.
            table.rows[2].cells[3].text = "{{r row.document }}"

    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path


def main() -> None:
    print(build_plan_template())


if __name__ == "__main__":
    main()

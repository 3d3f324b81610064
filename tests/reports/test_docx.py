"""The Word document, read back with python-docx."""

import re
from io import BytesIO

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH

from commissioning.reports.docx import build_docx
from commissioning.reports.models import ImplicationsTemplate
from commissioning.reports.selectors import report_document
from commissioning.reports.services import panel_report_section_save

from .support import (
    consultation_with_outcome,
    eia,
    itemised_framework,
    report_on,
    seed_000_framework,
)

pytestmark = pytest.mark.django_db


def _open(report):
    return docx.Document(BytesIO(build_docx(report_document(report))))


def _headings(document):
    return [
        (p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")
    ]


def _rows(table):
    return [[cell.text for cell in row.cells] for row in table.rows]


def _is_header_row(row):
    return (
        row._tr.trPr is not None and row._tr.trPr.find(docx.oxml.ns.qn("w:tblHeader")) is not None
    )


@pytest.fixture
def report():
    framework = itemised_framework()
    consultation_with_outcome(framework)
    eia(framework)
    report = report_on(framework, author_name="Simon Down", author_role="Commissioning Manager")
    panel_report_section_save(
        actor=None,
        report=report,
        key="consultation",
        body="The key points were:\n- strong support\n- tags\n\nAll responses are in {appendix_b}.",
    )
    return report


def test_sections_are_word_headings_in_the_seeds_order(report) -> None:
    headings = _headings(_open(report))
    assert headings == [
        ("Heading 1", "Purpose of report"),
        ("Heading 1", "Recommendations"),
        ("Heading 1", "Background"),
        ("Heading 1", "Executive summary"),
        ("Heading 1", "Process"),
        ("Heading 1", "Key points of the consultation"),
        ("Heading 1", "Implications"),
        ("Heading 1", "List of appendices"),
        ("Heading 1", "Appendix A: Itemised budget"),
        ("Heading 1", "Appendix B: Consultation comments and our responses"),
        ("Heading 2", "GENERAL"),
        ("Heading 2", "PCC GRANT"),
    ]


def test_paragraph_numbers_run_on_through_the_report(report) -> None:
    document = _open(report)
    numbers = [
        int(match[1]) for p in document.paragraphs if (match := re.match(r"^(\d+)\.\t", p.text))
    ]
    assert numbers == list(range(1, len(numbers) + 1))
    assert len(numbers) >= 8
    bullets = [p.text for p in document.paragraphs if p.style.name == "List Bullet"]
    assert bullets == ["strong support", "tags"]
    assert any(p.text.endswith("All responses are in Appendix B.") for p in document.paragraphs)


def test_title_block_and_core_properties(report) -> None:
    document = _open(report)
    title_block = _rows(document.tables[0])
    assert title_block[0] == ["Panel", "Police and Crime Panel"]
    assert ["Date", "Friday 3 February 2017"] in title_block
    assert ["Subject", "Draft Commissioning Framework 2017/18"] in title_block
    assert ["Author", "Simon Down – Commissioning Manager"] in title_block
    properties = document.core_properties
    assert properties.title == "Police and Crime Panel: Draft Commissioning Framework 2017/18"
    assert properties.author == "Simon Down"
    assert properties.language == "en-GB"


def test_table_1_is_a_real_table_with_the_data_figures() -> None:
    document = _open(report_on(seed_000_framework()))
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "Strategic theme")
    assert _rows(table) == [
        ["Strategic theme", "2016/17 funding (£m)"],
        ["Reducing Offending and Re-offending", "1.995"],
        ["Supporting Victims and Witnesses", "1.185"],
        ["Making Communities and Neighbourhoods Safer", "0.105"],
        ["Protecting the Vulnerable", "0.206"],
        ["Partnership Locality Fund (various themes)", "0.450"],
        ["Total", "3.940"],
    ]
    assert _is_header_row(table.rows[0])
    total = table.rows[-1].cells
    assert all(run.bold for cell in total for run in cell.paragraphs[0].runs)
    assert total[1].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert any(p.text == "Figures may not sum due to rounding." for p in document.paragraphs)


def test_appendix_a_has_sub_totals_and_grand_total_in_bold(report) -> None:
    document = _open(report)
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "Service name")
    rows = _rows(table)
    assert rows[0][-1] == "17/18 proposed costs (£)"
    assert ["Victims sub-total", "", "", "", "312,849"] in rows
    assert ["Prevention sub-total", "", "", "", "14,633.75"] in rows
    assert rows[-1] == ["Grand total", "", "", "", "327,482.75"]
    assert rows[2][-1] == "5,000*"
    assert _is_header_row(table.rows[0])
    subtotal = next(r for r in table.rows if r.cells[0].text == "Victims sub-total")
    assert subtotal.cells[0].paragraphs[0].runs[0].bold
    line = table.rows[1]
    assert not line.cells[0].paragraphs[0].runs[0].bold


def test_appendix_b_tables_have_the_comments_and_responses(report) -> None:
    document = _open(report)
    tables = [t for t in document.tables if t.rows[0].cells[0].text == "No."]
    assert [_rows(t) for t in tables] == [
        [
            ["No.", "Comment", "Our response"],
            ["1", "Strong support for the locality fund.", "Agreed."],
        ],
        [["No.", "Comment", "Our response"], ["2", "Keep bids open all year.", "Amendments made."]],
    ]


def test_durham_template_puts_the_risks_and_implications_in_appendix_1() -> None:
    report = report_on(itemised_framework(), implications_template=ImplicationsTemplate.DURHAM)
    headings = _headings(_open(report))
    start = headings.index(("Heading 1", "Appendix 1: Risks and Implications"))
    assert [text for _, text in headings[start + 1 : start + 14]] == [
        "Finance",
        "Staffing",
        "Equality and Diversity",
        "Accommodation",
        "Crime and Disorder",
        "Children's Act 2004",
        "Stakeholder/Community Engagement",
        "Environment",
        "Collaboration and Partnerships",
        "Value for Money and Productivity",
        "Potential Impact on Police and Crime Plan Priorities",
        "Commissioning",
        "Other risks",
    ]
    assert ("Heading 1", "Implications") not in headings

"""The report as a document: numbering, Table 1, appendices and placeholders, all from
the data."""

from decimal import Decimal

import pytest

from commissioning.budgets.models import ServiceLineCost
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


def test_paragraphs_are_numbered_continuously_through_the_sections() -> None:
    report = report_on(itemised_framework())
    panel_report_section_save(actor=None, report=report, key="purpose", body="One.\n\nTwo.")
    panel_report_section_save(actor=None, report=report, key="recommendations", body="Three.")
    panel_report_section_save(actor=None, report=report, key="background", body="")
    doc = report_document(report)
    numbers = [p.number for s in doc.sections for p in s.paragraphs]
    assert numbers == list(range(1, len(numbers) + 1))
    assert [s.key for s in doc.sections][:2] == ["purpose", "recommendations"]
    # An empty section is left out.
    assert "background" not in [s.key for s in doc.sections]
    assert doc.sections[1].paragraphs[0].number == 3


def test_table_1_is_the_category_totals_in_the_display_unit_with_the_rounding_note() -> None:
    report = report_on(seed_000_framework())
    table = report_document(report).table_1
    assert table is not None
    assert table.headings == ["Strategic theme", "2016/17 funding (£m)"]
    assert [(row.cells[0], row.amount) for row in table.rows] == [
        ("Reducing Offending and Re-offending", "1.995"),
        ("Supporting Victims and Witnesses", "1.185"),
        ("Making Communities and Neighbourhoods Safer", "0.105"),
        ("Protecting the Vulnerable", "0.206"),
        ("Partnership Locality Fund (various themes)", "0.450"),
        ("Total", "3.940"),
    ]
    assert table.rows[-1].emphasis
    assert table.rounding_note


def test_table_1_follows_the_data_when_a_cost_changes() -> None:
    framework = seed_000_framework()
    report = report_on(framework)
    cost = ServiceLineCost.objects.get(line__name__startswith="Protecting")
    cost.amount = Decimal("1205600.00")
    cost.save()
    table = report_document(report).table_1
    assert table is not None
    assert table.rows[3].amount == "1.206"
    assert table.rows[-1].amount == "4.940"


def test_appendix_a_lists_every_line_with_sub_totals_pence_footnotes_and_grand_total() -> None:
    report = report_on(itemised_framework())
    appendix = report_document(report).appendix_a
    assert appendix is not None
    assert appendix.headings[-1] == "17/18 proposed costs (£)"
    rows = [(row.cells[0], row.cells[1], row.amount, row.emphasis) for row in appendix.rows]
    assert rows == [
        ("Victim First", "Catch 22", "307,849", False),
        ("Hardship fund", "To be confirmed", "5,000*", False),
        ("Victims sub-total", "", "312,849", True),
        ("Makes Moves - Charnwood", "To be confirmed", "8,683.75", False),
        ("Street Sport", "To be confirmed", "5,950", False),
        ("Prevention sub-total", "", "14,633.75", True),
        ("Grand total", "", "327,482.75", True),
    ]
    assert appendix.footnotes == [("*", "Room within the budget to negotiate.")]


def test_appendix_b_has_only_published_responses_grouped_by_theme() -> None:
    framework = itemised_framework()
    consultation_with_outcome(framework)
    doc = report_document(report_on(framework))
    assert [(g.heading, g.rows) for g in doc.appendix_b] == [
        ("GENERAL", [(1, "Strong support for the locality fund.", "Agreed.")]),
        ("PCC GRANT", [(2, "Keep bids open all year.", "Amendments made.")]),
    ]


def test_appendices_are_lettered_in_order_with_the_framework_documents_last() -> None:
    framework = itemised_framework()
    consultation_with_outcome(framework)
    eia(framework)
    doc = report_document(report_on(framework))
    assert [(a.label, a.title) for a in doc.appendices] == [
        ("Appendix A", "Itemised budget"),
        ("Appendix B", "Consultation comments and our responses"),
        ("Appendix C", "Equality Impact Assessment"),
    ]


def test_durham_numbers_its_appendices_starting_with_risks_and_implications() -> None:
    framework = itemised_framework()
    doc = report_document(report_on(framework, implications_template=ImplicationsTemplate.DURHAM))
    assert [(a.label, a.kind) for a in doc.appendices] == [
        ("Appendix 1", "risks"),
        ("Appendix 2", "budget"),
    ]
    assert doc.implications_in_appendix
    assert [s.heading for s in doc.implications][:3] == [
        "Finance",
        "Staffing",
        "Equality and Diversity",
    ]
    assert len(doc.implications) == 13


def test_placeholders_are_filled_from_the_data_and_unknown_ones_are_reported() -> None:
    framework = itemised_framework()
    eia(framework)
    report = report_on(framework)
    panel_report_section_save(
        actor=None,
        report=report,
        key="purpose",
        body="Budget {budget}; lines {total}; year {year}; see {appendix_a} and {eia}. "
        "Responses in {appendix_b}. {unknown} stays.",
    )
    doc = report_document(report)
    purpose = doc.sections[0].paragraphs[0].text
    assert purpose == (
        "Budget £4,668,000; lines £327,483; year 2017/18; see Appendix A and Appendix B. "
        "Responses in {appendix_b}. {unknown} stays."
    )
    assert doc.unresolved == ["appendix_b"]


def test_default_paragraphs_name_no_figure_but_show_the_data() -> None:
    framework = itemised_framework()
    report = report_on(framework)
    stored = " ".join(section.body for section in report.sections.all())
    assert "4,668" not in stored
    assert "{budget}" in stored
    doc = report_document(report)
    summary = next(s for s in doc.sections if s.key == "executive_summary")
    assert "£4,668,000" in summary.paragraphs[0].text
    assert (
        doc.sections[0]
        .paragraphs[0]
        .text.startswith(
            "The purpose of this report is to inform the Police and Crime Panel ('the Panel') "
            "on the Draft Commissioning Framework 2017/18, the consultation process"
        )
    )

"""Reads for Panel reports, and the report as a document.

:func:`report_document` puts together everything the preview page, the PDF and the DOCX
show, so the three cannot differ: the officer's narrative (numbered here), and the
figures read from the framework and its consultation at that moment. Narrative may name
a figure through a placeholder (``{budget}``, ``{total}`` …: :data:`PLACEHOLDERS`), which
is filled from the data too, so no figure is ever typed.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.utils import dateformat, timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from commissioning.budgets.models import Framework
from commissioning.budgets.selectors import Totals, framework_totals, itemised_budget
from commissioning.budgets.spreadsheets.values import format_reach
from commissioning.consultations.models import Consultation
from commissioning.consultations.outcomes import published_groups
from commissioning.core.money import Unit, format_money
from commissioning.documents.models import Document, DocumentKind

from .models import ImplicationsTemplate, PanelReport
from .sections import BODY_SECTIONS, IMPLICATIONS, TABLE_1_SECTION, Paragraph, paragraphs

PLACEHOLDERS: dict[str, Promise] = {
    "budget": gettext_lazy("the commissioning budget the framework states for its first year"),
    "total": gettext_lazy("the total of the service lines in the framework's first year"),
    "year": gettext_lazy("the framework's first financial year, like 2017/18"),
    "closes": gettext_lazy("the date the consultation closes"),
    "appendix_a": gettext_lazy("the itemised budget's appendix, like Appendix A"),
    "appendix_b": gettext_lazy("the consultation responses' appendix"),
    "eia": gettext_lazy("the Equality Impact Assessment's appendix"),
}
_PLACEHOLDER = re.compile(r"\{(" + "|".join(PLACEHOLDERS) + r")\}")

_UNIT_HEADINGS = {
    Unit.PENCE: "£",
    Unit.POUNDS: "£",
    Unit.THOUSANDS: "£k",
    Unit.MILLIONS: "£m",
}


def report_list(*, queryset: "QuerySet[PanelReport]") -> "QuerySet[PanelReport]":
    return queryset.select_related("framework__area", "consultation").order_by(
        "-meeting_date", "-pk"
    )


def report_detail(*, queryset: "QuerySet[PanelReport]", pk: int) -> PanelReport:
    return (
        queryset.select_related("framework__area", "framework__plan", "consultation")
        .prefetch_related("sections")
        .get(pk=pk)
    )


def framework_consultation(framework: Framework) -> Consultation | None:
    """The consultation a report on this framework reports on by default: its latest."""
    return framework.consultations.order_by("-closes_at", "-pk").first()


def pounds(amount: Decimal | None) -> str:
    """An exact amount as the itemised budget prints it: 307,849 or 8,683.75."""
    if amount is None:
        return ""
    unit = Unit.POUNDS if amount == amount.to_integral_value() else Unit.PENCE
    return format_money(amount, unit, symbol=False)


def long_date(day: Any) -> str:
    return dateformat.format(day, "l j F Y")


# --- The document -----------------------------------------------------------------------


@dataclass
class Section:
    key: str
    heading: str
    paragraphs: list[Paragraph]


@dataclass
class MoneyRow:
    cells: list[str]
    amount: str
    emphasis: bool = False


@dataclass
class Table1:
    caption: str
    headings: list[str]
    rows: list[MoneyRow]
    rounding_note: bool


@dataclass
class AppendixA:
    headings: list[str]
    # Lines, then the category's sub-total (emphasised), per category; then the total.
    rows: list[MoneyRow]
    footnotes: list[tuple[str, str]]


@dataclass
class CommentGroup:
    heading: str
    rows: list[tuple[int, str, str]]


@dataclass
class Appendix:
    label: str
    title: str
    kind: str  # "risks", "budget", "consultation" or "document"


@dataclass
class ReportDocument:
    report: PanelReport
    framework: Framework
    title_block: list[tuple[str, str]]
    sections: list[Section]
    table_1: Table1 | None
    table_1_after: str
    implications: list[Section]
    implications_in_appendix: bool
    appendices: list[Appendix]
    appendix_a: AppendixA | None
    appendix_b: list[CommentGroup]
    contact: list[tuple[str, str]]
    title: str = ""
    unresolved: list[str] = field(default_factory=list)

    def appendix(self, kind: str) -> Appendix | None:
        return next((a for a in self.appendices if a.kind == kind), None)


def _appendices(
    template: str, has_budget: bool, has_comments: bool, documents: list[Document]
) -> list[Appendix]:
    durham = template == ImplicationsTemplate.DURHAM
    planned: list[tuple[str, str]] = []
    if durham:
        planned.append(("risks", _("Risks and Implications")))
    if has_budget:
        planned.append(("budget", _("Itemised budget")))
    if has_comments:
        planned.append(("consultation", _("Consultation comments and our responses")))
    planned.extend(("document", document.title) for document in documents)
    appendices = []
    for index, (kind, title) in enumerate(planned):
        # Durham numbers its appendices (seed 004's "Appendix 1"); LLR letters them.
        mark = str(index + 1) if durham else chr(ord("A") + index)
        appendices.append(
            Appendix(label=_("Appendix %(mark)s") % {"mark": mark}, title=title, kind=kind)
        )
    return appendices


def _table_1(framework: Framework, totals: Totals) -> Table1 | None:
    if not totals.categories:
        return None
    unit = framework.display_unit
    heading = _("%(year)s funding (%(unit)s)") % {
        "year": framework.first_year,
        "unit": _UNIT_HEADINGS[Unit(unit)],
    }
    rows = [
        MoneyRow([c.category.name], format_money(c.amount, unit, symbol=False))
        for c in totals.categories
    ]
    rows.append(
        MoneyRow([_("Total")], format_money(totals.grand_total, unit, symbol=False), emphasis=True)
    )
    return Table1(
        caption=_("Table 1"),
        headings=[_("Strategic theme"), heading],
        rows=rows,
        rounding_note=totals.rounding_note_needed(unit),
    )


def _appendix_a(framework: Framework) -> AppendixA | None:
    budget = itemised_budget(framework=framework, year=framework.first_year)
    if not any(category.lines for category in budget.categories):
        return None
    rows: list[MoneyRow] = []
    footnotes: dict[str, str] = {}
    for category in budget.categories:
        if not category.lines:
            continue
        for item in category.lines:
            line = item.line
            marker = ""
            if line.footnote is not None:
                marker = line.footnote.marker
                footnotes[marker] = line.footnote.text
            organisation = line.organisation.name if line.organisation else line.organisation_text
            rows.append(
                MoneyRow(
                    [line.name, organisation, line.provision, format_reach(line, framework.area)],
                    pounds(item.cost) + marker,
                )
            )
        rows.append(
            MoneyRow(
                [_("%(category)s sub-total") % {"category": category.category.name}, "", "", ""],
                pounds(category.subtotal),
                emphasis=True,
            )
        )
    rows.append(MoneyRow([_("Grand total"), "", "", ""], pounds(budget.grand_total), emphasis=True))
    return AppendixA(
        headings=[
            _("Service name"),
            _("Delivery organisation"),
            _("Provision"),
            _("Geographical reach"),
            _("%(year)s proposed costs (£)") % {"year": framework.first_year.short},
        ],
        rows=rows,
        footnotes=sorted(footnotes.items()),
    )


def _appendix_b(consultation: Consultation | None) -> list[CommentGroup]:
    """Only what the consultation's published outcome publishes: a Panel report is a
    public paper, so a comment whose author did not agree to publication, or a response
    not yet approved and published, never appears in it."""
    if consultation is None:
        return []
    groups = []
    for group in published_groups(consultation):
        heading = group.theme.name if group.theme else _("Other comments")
        groups.append(
            CommentGroup(
                heading=heading,
                rows=[
                    (
                        row.number,
                        row.comment.published_text,
                        row.office_response.text if row.office_response else "",
                    )
                    for row in group.rows
                ],
            )
        )
    return [group for group in groups if group.rows]


def _title_block(report: PanelReport) -> list[tuple[str, str]]:
    when = long_date(report.meeting_date)
    if report.meeting_time:
        when = _("%(date)s at %(time)s") % {"date": when, "time": report.meeting_time}
    author = " – ".join(part for part in (report.author_name, report.author_role) if part)
    rows = [
        (_("Panel"), report.panel_name),
        (_("Report of"), report.report_of),
        (_("Date"), when),
        (_("Subject"), report.subject),
    ]
    if author:
        rows.append((_("Author"), author))
    return rows


def _contact(report: PanelReport) -> list[tuple[str, str]]:
    rows = [
        (_("Name"), report.contact_name),
        (_("Job title"), report.contact_role),
        (_("Telephone"), report.contact_phone),
        (_("E-mail"), report.contact_email),
    ]
    return [(label, value) for label, value in rows if value]


def _placeholder_values(
    report: PanelReport,
    framework: Framework,
    appendices: list[Appendix],
    documents: list[Document],
    totals: Totals,
) -> dict[str, str]:
    unit = framework.display_unit
    stated = next(
        (b.amount for b in framework.budgets.all() if b.year == framework.first_year), None
    )
    closes = ""
    consultation = report.consultation
    if consultation is not None and consultation.closes_at is not None:
        closes = dateformat.format(timezone.localtime(consultation.closes_at), "j F Y")
    elif framework.consultation_closes_on is not None:
        closes = dateformat.format(framework.consultation_closes_on, "j F Y")
    labels = {a.kind: a.label for a in appendices}
    # Document appendices come last, in the documents' order.
    document_labels = [a.label for a in appendices if a.kind == "document"]
    eia = next(
        (
            label
            for label, document in zip(document_labels, documents, strict=True)
            if document.kind == DocumentKind.EQUALITY_IMPACT_ASSESSMENT
        ),
        "",
    )
    return {
        "budget": format_money(stated, unit) if stated is not None else "",
        "total": format_money(totals.grand_total, unit),
        "year": str(framework.first_year),
        "closes": closes,
        "appendix_a": labels.get("budget", ""),
        "appendix_b": labels.get("consultation", ""),
        "eia": eia,
    }


def _filled(paragraph: Paragraph, values: Mapping[str, str], missing: set[str]) -> Paragraph:
    def fill(match: re.Match[str]) -> str:
        value = values.get(match[1], "")
        if not value:
            missing.add(match[1])
            return match[0]
        return value

    return Paragraph(
        text=_PLACEHOLDER.sub(fill, paragraph.text),
        items=[_PLACEHOLDER.sub(fill, item) for item in paragraph.items],
    )


def report_document(report: PanelReport, bodies: Mapping[str, str] | None = None) -> ReportDocument:
    """The whole report. ``bodies`` (section key to text) stands in for the saved
    sections, for a report that is not saved (the command's default report)."""
    framework = report.framework
    if bodies is None:
        bodies = {section.key: section.body for section in report.sections.all()}
    documents = list(framework.documents.order_by("order", "title", "pk"))
    totals = framework_totals(framework=framework, year=framework.first_year)
    table_1 = _table_1(framework, totals)
    appendix_a = _appendix_a(framework)
    appendix_b = _appendix_b(report.consultation)
    appendices = _appendices(
        report.implications_template, appendix_a is not None, bool(appendix_b), documents
    )
    values = _placeholder_values(report, framework, appendices, documents, totals)
    missing: set[str] = set()

    number = 0
    sections = []
    for spec in BODY_SECTIONS:
        found = [_filled(p, values, missing) for p in paragraphs(bodies.get(spec.key, ""))]
        for paragraph in found:
            number += 1
            paragraph.number = number
        if found or (spec.key == TABLE_1_SECTION and table_1 is not None):
            sections.append(Section(spec.key, str(spec.heading), found))
    implications = [
        Section(
            spec.key,
            str(spec.heading),
            [_filled(p, values, missing) for p in paragraphs(bodies.get(spec.key, ""))]
            or [Paragraph(text=_("None"))],
        )
        for spec in IMPLICATIONS[ImplicationsTemplate(report.implications_template)]
    ]
    return ReportDocument(
        report=report,
        framework=framework,
        title=f"{report.panel_name}: {report.subject}",
        title_block=_title_block(report),
        sections=sections,
        table_1=table_1,
        table_1_after=TABLE_1_SECTION,
        implications=implications,
        implications_in_appendix=report.implications_template == ImplicationsTemplate.DURHAM,
        appendices=appendices,
        appendix_a=appendix_a,
        appendix_b=appendix_b,
        contact=_contact(report),
        unresolved=sorted(missing),
    )


def numbered_preview(report: PanelReport, key: str, bodies: Mapping[str, str]) -> list[Paragraph]:
    """One body section's paragraphs, numbered as they will be in the report."""
    number = 0
    for spec in BODY_SECTIONS:
        found = paragraphs(bodies.get(spec.key, ""))
        if spec.key == key:
            for paragraph in found:
                number += 1
                paragraph.number = number
            return found
        number += len(found)
    return paragraphs(bodies.get(key, ""))

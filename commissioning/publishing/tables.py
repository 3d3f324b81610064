"""The figures of a published framework, for its page and its downloads.

Each table is read once from the budgets selectors and drawn twice: as HTML on the page
and as rows for CSV/XLSX (:mod:`.downloads`). Amounts stay exact ``Decimal`` in both; only
the page rounds them, to the framework's display unit.
"""

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from commissioning.budgets.compare import Comparison, compare_frameworks
from commissioning.budgets.counterparts import Counterpart, default_counterpart
from commissioning.budgets.models import Framework
from commissioning.budgets.selectors import (
    CategoryTotal,
    ItemisedBudget,
    SourceCommitment,
    Totals,
    framework_totals,
    funding_commitments,
    itemised_budget,
)
from commissioning.budgets.spreadsheets.values import format_mechanism, format_reach
from commissioning.core.years import FinancialYear, year_span

from .policies import public_frameworks
from .selectors import ANONYMOUS, priorities_by_category

Cell = str | int | Decimal | None


@dataclass
class DownloadTable:
    """One table as a spreadsheet: a sheet title, column headings, rows."""

    title: str
    headers: list[str]
    rows: list[list[Cell]]
    money_columns: tuple[int, ...] = ()


def chosen_year(framework: Framework, requested: Any) -> FinancialYear:
    """The year asked for (``?year=2017``) if the framework covers it, else its first."""
    try:
        year = FinancialYear(int(requested))
    except (TypeError, ValueError):
        return framework.first_year
    if framework.first_year <= year <= framework.last_year:
        return year
    return framework.first_year


def years_of(framework: Framework) -> list[FinancialYear]:
    return year_span(framework.first_year, framework.last_year)


# --- Reads ---------------------------------------------------------------------------


@dataclass
class ThemeFigures:
    totals: Totals
    rows: list[tuple[CategoryTotal, list[str]]]


def theme_figures(framework: Framework, year: FinancialYear) -> ThemeFigures:
    totals = framework_totals(framework=framework, year=year)
    priorities = priorities_by_category(framework)
    return ThemeFigures(
        totals=totals,
        rows=[(total, priorities.get(total.category.pk, [])) for total in totals.categories],
    )


def itemised_figures(framework: Framework, year: FinancialYear) -> ItemisedBudget:
    """The itemised budget, each item with its geographical reach as published."""
    itemised = itemised_budget(framework=framework, year=year)
    for group in itemised.categories:
        for item in group.lines:
            item.reach = format_reach(item.line, framework.area)  # type: ignore[attr-defined]
    return itemised


def source_figures(framework: Framework, year: FinancialYear) -> list[SourceCommitment]:
    return funding_commitments(framework=framework, year=year)


@dataclass
class Changes:
    counterpart: Counterpart
    comparison: Comparison


def change_figures(framework: Framework, year: FinancialYear) -> Changes | None:
    """Changes against last year: the version this one refreshed, or the area's
    framework for the year before; only ever another *public* framework."""
    counterpart = default_counterpart(
        framework=framework, year=year, visible=public_frameworks.visible(ANONYMOUS)
    )
    if counterpart is None:
        return None
    comparison = compare_frameworks(
        base=counterpart.framework, base_year=counterpart.year, other=framework, other_year=year
    )
    return Changes(counterpart=counterpart, comparison=comparison)


# --- As downloads --------------------------------------------------------------------


def theme_table(framework: Framework, year: FinancialYear) -> DownloadTable:
    figures = theme_figures(framework, year)
    rows: list[list[Cell]] = [
        [total.category.name, "; ".join(priorities), total.amount]
        for total, priorities in figures.rows
    ]
    rows.append([_("Total"), "", figures.totals.grand_total])
    return DownloadTable(
        title=_("Funding by theme %(year)s") % {"year": year.short},
        headers=[_("Category"), _("Plan priorities"), _("Amount (£)")],
        rows=rows,
        money_columns=(2,),
    )


def itemised_table(framework: Framework, year: FinancialYear) -> DownloadTable:
    itemised = itemised_figures(framework, year)
    rows: list[list[Cell]] = []
    for group in itemised.categories:
        for item in group.lines:
            line = item.line
            rows.append(
                [
                    group.category.name,
                    line.name,
                    line.organisation.name if line.organisation else line.organisation_text,
                    line.provision,
                    item.cost,
                    line.footnote.marker if line.footnote else "",
                    item.reach,  # type: ignore[attr-defined]
                    format_mechanism(line.mechanism),
                ]
            )
        rows.append(
            [
                group.category.name,
                _("%(category)s sub-total") % {"category": group.category.name},
                "",
                "",
                group.subtotal,
                "",
                "",
                "",
            ]
        )
    rows.append(["", _("Grand total"), "", "", itemised.grand_total, "", "", ""])
    for footnote in framework.footnotes.all():
        rows.append(["", f"{footnote.marker} {footnote.text}", "", "", None, "", "", ""])
    return DownloadTable(
        title=_("Itemised budget %(year)s") % {"year": year.short},
        headers=[
            _("Category"),
            _("Service name"),
            _("Delivery organisation"),
            _("Provision"),
            _("%(year)s cost (£)") % {"year": year.short},
            _("Footnote"),
            _("Geographical reach"),
            _("Funding mechanism"),
        ],
        rows=rows,
        money_columns=(4,),
    )


def changes_table(framework: Framework, year: FinancialYear) -> DownloadTable | None:
    changes = change_figures(framework, year)
    if changes is None:
        return None
    comparison = changes.comparison
    rows: list[list[Cell]] = []

    def row(kind: str, change: Any, fields: str = "") -> list[Cell]:
        return [kind, change.name, change.before, change.after, change.delta,
                change.percent, fields]  # fmt: skip

    for change in comparison.categories:
        rows.append(row(_("Category"), change))
    rows.append(row(_("Total"), comparison.total))
    for change in comparison.changed:
        rows.append(row(_("Line changed"), change, ", ".join(change.changed_fields)))
    for change in comparison.added:
        rows.append(row(_("Line added"), change))
    for change in comparison.removed:
        rows.append(row(_("Line removed"), change))
    before = comparison.base_year.short
    after = comparison.other_year.short
    return DownloadTable(
        title=_("Changes %(before)s to %(after)s") % {"before": before, "after": after},
        headers=[
            _("Change"),
            _("Name"),
            _("%(year)s (£)") % {"year": before},
            _("%(year)s (£)") % {"year": after},
            _("Difference (£)"),
            _("Difference (%)"),
            _("Also changed"),
        ],
        rows=rows,
        money_columns=(2, 3, 4),
    )


def sources_table(framework: Framework, year: FinancialYear) -> DownloadTable:
    rows: list[list[Cell]] = []
    for commitment in source_figures(framework, year):
        source = commitment.source
        rows.append(
            [
                source.name,
                source.get_kind_display(),
                source.amount,
                _("Yes") if source.is_ring_fenced else _("No"),
                "; ".join(c.name for c in source.ring_fenced_categories.all()),
            ]
        )
    return DownloadTable(
        title=_("Funding sources %(year)s") % {"year": year.short},
        headers=[
            _("Funding source"),
            _("Kind"),
            _("Amount (£)"),
            _("Ring-fenced"),
            _("May only fund"),
        ],
        rows=rows,
        money_columns=(2,),
    )


TABLES: dict[str, Callable[[Framework, FinancialYear], DownloadTable | None]] = {
    "funding-by-theme": theme_table,
    "itemised-budget": itemised_table,
    "significant-changes": changes_table,
    "funding-sources": sources_table,
}

"""The Service lines tab (the itemised budget as officers work on it), a line's page and
its history."""

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from commissioning.core.money import rounding_mismatch
from commissioning.core.years import FinancialYear

from ..forms.lines import cost_field_name
from ..models import BudgetCategory, Footnote, Framework, ServiceLine
from ..selectors import line_funding, service_lines
from ..spreadsheets.values import format_reach
from .lines_base import FrameworkPageView, framework_years, get_in_framework
from .lines_history import line_history

ZERO = Decimal("0.00")


def organisation_label(line: ServiceLine) -> str:
    if line.organisation is not None:
        return line.organisation.name
    return line.organisation_text or str(_("To be confirmed"))


@dataclass
class LineRow:
    line: ServiceLine
    costs: list[Decimal | None]
    organisation: str
    reach: str
    is_first: bool = False
    is_last: bool = False


@dataclass
class CategoryGroup:
    category: BudgetCategory
    rows: list[LineRow] = field(default_factory=list)
    subtotals: list[Decimal] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)


@dataclass
class LinesTable:
    years: list[FinancialYear]
    groups: list[CategoryGroup]
    totals: list[Decimal]
    rounding_note: bool
    line_count: int


def lines_table(framework: Framework, unit: str) -> LinesTable:
    """Every category (even an empty one) with its lines, a sub-total per year and the
    footnotes its lines carry; the grand total per year. Exact sums, rounded only when
    shown."""
    years = framework_years(framework)
    groups = {
        category.pk: CategoryGroup(category=category, subtotals=[ZERO for _year in years])
        for category in framework.categories.order_by("order", "name")
    }
    count = 0
    for line in service_lines(framework=framework):
        by_year = {cost.year: cost.amount for cost in line.costs.all()}
        costs = [by_year.get(year) for year in years]
        group = groups[line.category_id]
        group.rows.append(
            LineRow(
                line=line,
                costs=costs,
                organisation=organisation_label(line),
                reach=format_reach(line, framework.area),
            )
        )
        group.subtotals = [
            subtotal + (cost or ZERO) for subtotal, cost in zip(group.subtotals, costs, strict=True)
        ]
        if line.footnote is not None and line.footnote not in group.footnotes:
            group.footnotes.append(line.footnote)
        count += 1
    totals = [ZERO for _year in years]
    rounding_note = False
    for group in groups.values():
        if group.rows:
            group.rows[0].is_first = True
            group.rows[-1].is_last = True
        totals = [total + subtotal for total, subtotal in zip(totals, group.subtotals, strict=True)]
    for index, total in enumerate(totals):
        parts = [row.costs[index] or ZERO for g in groups.values() for row in g.rows]
        subtotals = [g.subtotals[index] for g in groups.values()]
        if rounding_mismatch(parts, total, unit) or rounding_mismatch(subtotals, total, unit):
            rounding_note = True
    return LinesTable(
        years=years,
        groups=list(groups.values()),
        totals=totals,
        rounding_note=rounding_note,
        line_count=count,
    )


class LinesTabView(FrameworkPageView):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        framework = self.get_framework()
        context = self.framework_context(framework)
        table = lines_table(framework, framework.display_unit)
        can_edit = int(context["can_edit"])
        context.update(
            {
                "table": table,
                # Service, organisation, provision, the years, reach, mechanism, actions.
                "column_count": 5 + len(table.years) + can_edit,
                "trailing_columns": 2 + can_edit,
            }
        )
        return render(request, "budgets/lines/list.html", context)


class LineRecordView(FrameworkPageView):
    def get_line(self, framework: Framework) -> ServiceLine:
        queryset = ServiceLine.objects.select_related(
            "category", "organisation", "reach_group", "footnote"
        ).prefetch_related("reach_sub_areas", "costs")
        line: ServiceLine = get_in_framework(queryset, framework, self.kwargs["line_pk"])
        return line

    def line_context(self, framework: Framework, line: ServiceLine, current: str) -> dict[str, Any]:
        context = self.framework_context(framework)
        context["line"] = line
        tabs = [
            ("details", _("Details"), reverse("budgets:line-detail", args=[framework.pk, line.pk])),
            (
                "history",
                _("History"),
                reverse("budgets:line-history", args=[framework.pk, line.pk]),
            ),
        ]
        context["sub_navigation"] = [(label, href, key == current) for key, label, href in tabs]
        return context


class LineDetailView(LineRecordView):
    def get(self, request: HttpRequest, pk: int, line_pk: int) -> HttpResponse:
        framework = self.get_framework()
        line = self.get_line(framework)
        context = self.line_context(framework, line, "details")
        by_year = {cost.year: cost.amount for cost in line.costs.all()}
        # (year, cost, the id of its box on the edit form)
        context["costs"] = [
            (year, by_year.get(year), f"id_{cost_field_name(year)}") for year in context["years"]
        ]
        context["organisation"] = organisation_label(line)
        context["reach"] = format_reach(line, framework.area)
        context["funding"] = list(line_funding(line=line))
        funded: dict[FinancialYear, Decimal] = {}
        for allocation in context["funding"]:
            year = allocation.source.year
            funded[year] = funded.get(year, ZERO) + allocation.amount
        context["unfunded"] = [
            (year, cost - funded.get(year, ZERO))
            for year, cost in by_year.items()
            if cost > funded.get(year, ZERO)
        ]
        return render(request, "budgets/lines/detail.html", context)


class LineHistoryView(LineRecordView):
    def get(self, request: HttpRequest, pk: int, line_pk: int) -> HttpResponse:
        framework = self.get_framework()
        line = self.get_line(framework)
        context = self.line_context(framework, line, "history")
        context["history"] = line_history(line)
        return render(request, "budgets/lines/history.html", context)

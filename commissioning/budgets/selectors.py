"""Reads for frameworks: exact totals, the itemised budget, funding commitments.

Totals are summed in the database as exact decimals; nothing is rounded here. Display
rounding, and the note when rounded parts do not add up to the rounded total, belong to
:mod:`commissioning.core.money` and the templates.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch, QuerySet, Sum

from commissioning.core.money import Unit, rounding_mismatch
from commissioning.core.years import FinancialYear

from .models import (
    BudgetCategory,
    Framework,
    FrameworkBudget,
    FundingSource,
    LineFunding,
    ServiceLine,
    ServiceLineCost,
)

ZERO = Decimal("0.00")


def framework_list(*, queryset: "QuerySet[Framework]") -> "QuerySet[Framework]":
    return queryset.select_related("area", "plan", "based_on").order_by(
        "area__name", "-first_year", "-version"
    )


def framework_detail(*, queryset: "QuerySet[Framework]", pk: int) -> Framework:
    return (
        queryset.select_related("area", "plan", "based_on")
        .prefetch_related("budgets", "categories__priorities", "footnotes", "sections")
        .get(pk=pk)
    )


@dataclass
class CategoryTotal:
    category: BudgetCategory
    amount: Decimal
    line_count: int


@dataclass
class Totals:
    year: FinancialYear
    categories: list[CategoryTotal]
    grand_total: Decimal
    stated_budget: Decimal | None

    @property
    def difference(self) -> Decimal | None:
        """Lines' total minus the stated budget (positive: lines exceed the budget)."""
        if self.stated_budget is None:
            return None
        return self.grand_total - self.stated_budget

    def rounding_note_needed(self, unit: Unit | str) -> bool:
        return rounding_mismatch((c.amount for c in self.categories), self.grand_total, unit)


def framework_totals(*, framework: Framework, year: FinancialYear) -> Totals:
    """Sub-total per category (every category, even an empty one) and the grand total."""
    sums = {
        row["line__category"]: (row["total"], row["lines"])
        for row in ServiceLineCost.objects.filter(line__framework=framework, year=year)
        .values("line__category")
        .annotate(total=Sum("amount"), lines=Sum(1))
    }
    categories = [
        CategoryTotal(
            category=category,
            amount=sums.get(category.pk, (ZERO, 0))[0] or ZERO,
            line_count=sums.get(category.pk, (ZERO, 0))[1] or 0,
        )
        for category in framework.categories.order_by("order", "name")
    ]
    stated = (
        FrameworkBudget.objects.filter(framework=framework, year=year)
        .values_list("amount", flat=True)
        .first()
    )
    return Totals(
        year=year,
        categories=categories,
        grand_total=sum((c.amount for c in categories), ZERO),
        stated_budget=stated,
    )


@dataclass
class ItemisedLine:
    line: ServiceLine
    cost: Decimal | None


@dataclass
class ItemisedCategory:
    category: BudgetCategory
    lines: list[ItemisedLine] = field(default_factory=list)

    @property
    def subtotal(self) -> Decimal:
        return sum((item.cost or ZERO for item in self.lines), ZERO)


@dataclass
class ItemisedBudget:
    year: FinancialYear
    categories: list[ItemisedCategory]

    @property
    def grand_total(self) -> Decimal:
        return sum((c.subtotal for c in self.categories), ZERO)

    def rounding_note_needed(self, unit: Unit | str) -> bool:
        amounts = [item.cost or ZERO for c in self.categories for item in c.lines]
        subtotals = [c.subtotal for c in self.categories]
        return rounding_mismatch(amounts, self.grand_total, unit) or rounding_mismatch(
            subtotals, self.grand_total, unit
        )


def service_lines(*, framework: Framework) -> "QuerySet[ServiceLine]":
    """Every line with what its row shows, in a fixed number of queries."""
    return (
        framework.lines.select_related("category", "organisation", "reach_group", "footnote")
        .prefetch_related("reach_sub_areas", "costs", "funding__source")
        .order_by("category__order", "category__name", "order", "pk")
    )


def itemised_budget(*, framework: Framework, year: FinancialYear) -> ItemisedBudget:
    """Appendix A: lines grouped by category, each with its cost in the year."""
    lines = (
        framework.lines.select_related("category", "organisation", "reach_group", "footnote")
        .prefetch_related(
            "reach_sub_areas",
            Prefetch(
                "costs", queryset=ServiceLineCost.objects.filter(year=year), to_attr="year_costs"
            ),
        )
        .order_by("category__order", "category__name", "order", "pk")
    )
    groups: dict[int, ItemisedCategory] = {
        category.pk: ItemisedCategory(category=category)
        for category in framework.categories.order_by("order", "name")
    }
    for line in lines:
        year_costs: list[ServiceLineCost] = line.year_costs
        groups[line.category_id].lines.append(
            ItemisedLine(line=line, cost=year_costs[0].amount if year_costs else None)
        )
    return ItemisedBudget(year=year, categories=list(groups.values()))


@dataclass
class SourceCommitment:
    source: FundingSource
    committed: Decimal

    @property
    def remaining(self) -> Decimal:
        return self.source.amount - self.committed

    @property
    def state(self) -> str:
        if self.committed > self.source.amount:
            return "over"
        if self.committed < self.source.amount:
            return "under"
        return "exact"


def funding_commitments(
    *, framework: Framework, year: FinancialYear | None = None
) -> list[SourceCommitment]:
    """Each source with what lines have been funded from it: over- or under-committed
    sources are what the finance officer needs to see."""
    sources: Any = framework.funding_sources.prefetch_related("ring_fenced_categories").annotate(
        committed=Sum("allocations__amount")
    )
    if year is not None:
        sources = sources.filter(year=year)
    return [
        SourceCommitment(source=source, committed=source.committed or ZERO)
        for source in sources.order_by("year", "name")
    ]


def line_funding(*, line: ServiceLine) -> "QuerySet[LineFunding]":
    return line.funding.select_related("source").order_by("source__year", "source__name")

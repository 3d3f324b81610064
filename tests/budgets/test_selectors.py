from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from commissioning.budgets import selectors
from commissioning.core.money import Unit
from commissioning.core.years import FinancialYear
from tests.factories import (
    CategoryFactory,
    FrameworkFactory,
    FundingSourceFactory,
    ServiceLineCostFactory,
    ServiceLineFactory,
)

pytestmark = pytest.mark.django_db
Y17 = FinancialYear(2017)


def _framework_with(amounts_by_category):
    framework = FrameworkFactory()
    for order, amounts in enumerate(amounts_by_category):
        category = CategoryFactory(framework=framework, order=order)
        for amount in amounts:
            ServiceLineCostFactory(
                line=ServiceLineFactory(category=category), year=Y17, amount=amount
            )
    return framework


def test_seed_002_prevention_subtotal_rounds_as_published():
    framework = _framework_with([[Decimal("8683.75"), Decimal("6366.25"), Decimal("3958.75")]])
    totals = selectors.framework_totals(framework=framework, year=Y17)
    assert totals.grand_total == Decimal("19008.75")
    assert totals.categories[0].line_count == 3


def test_totals_list_empty_categories_and_compare_with_the_stated_budget():
    framework = _framework_with([[Decimal("100")], []])
    framework.budgets.create(year=Y17, amount=Decimal("150"))
    totals = selectors.framework_totals(framework=framework, year=Y17)
    assert [c.amount for c in totals.categories] == [Decimal("100.00"), Decimal("0.00")]
    assert totals.difference == Decimal("-50.00")


def test_rounding_note_when_rounded_parts_do_not_add_up():
    framework = _framework_with([[Decimal("0.40")], [Decimal("0.40")], [Decimal("0.40")]])
    totals = selectors.framework_totals(framework=framework, year=Y17)
    assert totals.rounding_note_needed(Unit.POUNDS)
    assert not totals.rounding_note_needed(Unit.PENCE)


def test_itemised_budget_groups_lines_and_counts_queries(django_assert_num_queries):
    framework = _framework_with([[Decimal("1")] * 10, [Decimal("2")] * 10, [Decimal("3")] * 10])
    with django_assert_num_queries(4):
        budget = selectors.itemised_budget(framework=framework, year=Y17)
        names = [item.line.category.name for c in budget.categories for item in c.lines]
    assert len(names) == 30
    assert [c.subtotal for c in budget.categories] == [Decimal("10"), Decimal("20"), Decimal("30")]
    assert budget.grand_total == Decimal("60")


def test_funding_commitments_show_over_and_under_committed_sources():
    framework = FrameworkFactory()
    line = ServiceLineFactory(category=CategoryFactory(framework=framework))
    ServiceLineCostFactory(line=line, amount=Decimal("500"))
    under = FundingSourceFactory(framework=framework, name="Under", amount=Decimal("1000"))
    exact = FundingSourceFactory(framework=framework, name="Exact", amount=Decimal("200"))
    line.funding.create(source=under, amount=Decimal("300"))
    line.funding.create(source=exact, amount=Decimal("200"))
    states = {
        c.source.name: (c.state, c.remaining)
        for c in selectors.funding_commitments(framework=framework)
    }
    assert states == {"Under": ("under", Decimal("700.00")), "Exact": ("exact", Decimal("0.00"))}


amount = st.integers(min_value=0, max_value=10**9).map(lambda p: Decimal(p) / 100)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.lists(amount, max_size=5), min_size=1, max_size=4))
def test_subtotals_always_sum_to_the_grand_total(amounts_by_category):
    framework = _framework_with(amounts_by_category)
    totals = selectors.framework_totals(framework=framework, year=Y17)
    budget = selectors.itemised_budget(framework=framework, year=Y17)
    expected = sum((a for amounts in amounts_by_category for a in amounts), Decimal(0))
    assert totals.grand_total == expected == budget.grand_total
    assert sum((c.amount for c in totals.categories), Decimal(0)) == totals.grand_total
    assert [c.amount for c in totals.categories] == [c.subtotal for c in budget.categories]

"""The demo's plans and frameworks reproduce the seed documents' figures."""

from decimal import Decimal

import pytest
from django.core.management import call_command

from commissioning.budgets.compare import compare_frameworks
from commissioning.budgets.models import Framework, FrameworkStatus, LineFunding, ServiceLine
from commissioning.budgets.selectors import framework_totals, funding_commitments, itemised_budget
from commissioning.core.money import Unit, format_money, rounded
from commissioning.core.years import FinancialYear
from commissioning.demo.frameworks import DURHAM_TITLE, LLR_2016_TITLE, LLR_2017_TITLE
from commissioning.plans.models import PoliceAndCrimePlan

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(demo_loaded, db):
    """The demo, loaded once for this module (see tests/conftest.py)."""


def test_llr_plan_2017_21_has_its_five_priorities_and_crime_prevention(demo):
    plan = PoliceAndCrimePlan.objects.get(area__slug="llr", title="Police and Crime Plan 2017–21")
    names = list(plan.priorities.filter(is_cross_cutting=False).values_list("name", flat=True))
    assert names == [
        "Viable Partnerships",
        "Visible Policing",
        "Victim Services",
        "Vulnerability Group Protection",
        "Value for Money",
    ]
    assert plan.priorities.get(is_cross_cutting=True).name == "Crime Prevention"


def test_2017_18_draft_reproduces_appendix_a(demo):
    framework = Framework.objects.get(title=LLR_2017_TITLE)
    year = FinancialYear(2017)
    totals = framework_totals(framework=framework, year=year)
    shown = {c.category.name: format_money(c.amount, Unit.POUNDS) for c in totals.categories}
    assert shown == {
        "Victims": "£1,321,114",
        "Vulnerable": "£860,181",
        "Prevention": "£1,280,776",
        "Cross cutting": "£1,206,288",
    }
    assert totals.grand_total == Decimal("4668358.75")
    assert format_money(totals.grand_total, Unit.POUNDS) == "£4,668,359"
    assert totals.difference == Decimal("358.75")
    assert framework.lines.count() == 42
    assert framework.status == FrameworkStatus.CONSULTATION
    footnote = framework.footnotes.get()
    assert footnote.marker == "*"
    assert {line.name for line in footnote.lines.all()} == {
        "Safeguarding Boards- City (Adults And Children)",
        "Safeguarding Boards- County + Rutland (Adults And Children)",
    }
    budget = itemised_budget(framework=framework, year=year)
    assert [len(c.lines) for c in budget.categories] == [9, 9, 21, 3]
    force_lines = ServiceLine.objects.filter(
        framework=framework, organisation__name="Leicestershire Police"
    )
    assert force_lines.count() == 5


def test_2016_17_refresh_reproduces_table_1_and_its_rounding(demo):
    framework = Framework.objects.get(title=LLR_2016_TITLE)
    totals = framework_totals(framework=framework, year=FinancialYear(2016))
    assert [rounded(c.amount, Unit.MILLIONS) for c in totals.categories] == [
        Decimal("1.995"),
        Decimal("1.185"),
        Decimal("0.105"),
        Decimal("0.206"),
        Decimal("0.450"),
    ]
    assert rounded(totals.grand_total, Unit.MILLIONS) == Decimal("3.940")
    assert totals.rounding_note_needed(Unit.MILLIONS)


def test_significant_changes_against_2016_17(demo):
    comparison = compare_frameworks(
        base=Framework.objects.get(title=LLR_2016_TITLE),
        base_year=FinancialYear(2016),
        other=Framework.objects.get(title=LLR_2017_TITLE),
        other_year=FinancialYear(2017),
    )
    changed = {c.name: c for c in comparison.changed}
    assert changed["Partnership Locality Fund"].describe() == (
        "Partnership Locality Fund: £450,000 → £500,000, +£50,000"
    )
    assert changed["Integrated Offender management (IOM)"].delta == Decimal("-50000")
    families = (
        "Think Family (city)",
        "Supporting Leicestershire Families",
        "Changing Lives - Rutland",
    )
    assert sum(changed[name].delta for name in families) == Decimal("50000")


def test_durham_2018_19_split_by_priority_with_a_ring_fenced_source(demo):
    framework = Framework.objects.get(area__slug="durham", title=DURHAM_TITLE)
    totals = framework_totals(framework=framework, year=FinancialYear(2018))
    assert {c.category.name: c.amount for c in totals.categories} == {
        "Victims services": Decimal("800000"),
        "Community safety and prevention": Decimal("500000"),
        "Reducing reoffending": Decimal("700000"),
    }
    states = {c.source.name: c.state for c in funding_commitments(framework=framework)}
    assert states == {
        "Ministry of Justice victims' services grant": "exact",
        "Police grant and precept": "exact",
    }
    assert LineFunding.objects.filter(line__framework=framework).count() == 3


def test_loading_again_leaves_frameworks_alone(demo):
    before = (Framework.objects.count(), ServiceLine.objects.count(), ServiceLine.history.count())
    call_command("load_demo", verbosity=0)
    assert (
        Framework.objects.count(),
        ServiceLine.objects.count(),
        ServiceLine.history.count(),
    ) == before

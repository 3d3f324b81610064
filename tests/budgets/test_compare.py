from decimal import Decimal

import pytest

from commissioning.budgets import services
from commissioning.budgets.compare import compare_frameworks
from commissioning.core.roles import Role
from commissioning.core.years import FinancialYear
from tests.factories import (
    CategoryFactory,
    FrameworkFactory,
    ServiceLineCostFactory,
    ServiceLineFactory,
)

pytestmark = pytest.mark.django_db
Y16, Y17 = FinancialYear(2016), FinancialYear(2017)


def _line(framework, category_name, name, amount, year):
    category = framework.categories.filter(name=category_name).first() or CategoryFactory(
        framework=framework, name=category_name
    )
    line = ServiceLineFactory(category=category, name=name)
    ServiceLineCostFactory(line=line, year=year, amount=Decimal(amount))
    return line


def test_refresh_then_edit_reports_added_removed_and_changed_lines(make_user):
    officer = make_user(Role.COMMISSIONING_OFFICER)
    last_year = FrameworkFactory(first_year=Y16)
    _line(last_year, "Cross cutting", "Partnership Locality Fund", "450000", Y16)
    _line(last_year, "Prevention", "Integrated Offender Management (IOM)", "408000", Y16)
    _line(last_year, "Prevention", "Old project", "1000", Y16)
    this_year = services.framework_refresh(
        actor=officer, framework=last_year, title="2017/18", first_year=Y17
    )
    plf = this_year.lines.get(name="Partnership Locality Fund")
    services.service_line_update(actor=officer, line=plf, costs={Y17: Decimal("500000")})
    iom = this_year.lines.get(name__startswith="Integrated")
    services.service_line_update(
        actor=officer, line=iom, name="IOM", costs={Y17: Decimal("358000")}
    )
    services.service_line_delete(actor=officer, line=this_year.lines.get(name="Old project"))
    services.service_line_create(
        actor=officer,
        framework=this_year,
        name="Grants",
        category=plf.category,
        costs={Y17: Decimal("691288")},
    )

    comparison = compare_frameworks(base=last_year, base_year=Y16, other=this_year, other_year=Y17)

    changed = {c.name: c for c in comparison.changed}
    assert changed["Partnership Locality Fund"].describe() == (
        "Partnership Locality Fund: £450,000 → £500,000, +£50,000"
    )
    # Renamed, but matched by identity rather than by name.
    assert changed["IOM"].delta == Decimal("-50000.00")
    assert changed["IOM"].changed_fields == ["service name"]
    assert [c.name for c in comparison.added] == ["Grants"]
    assert [c.name for c in comparison.removed] == ["Old project"]
    categories = {c.name: c for c in comparison.categories}
    assert categories["Cross cutting"].delta == Decimal("741288.00")
    assert categories["Prevention"].percent == Decimal("-12.5")
    assert comparison.total.before == Decimal("859000.00")
    assert comparison.total.after == Decimal("1549288.00")


def test_lines_of_separate_frameworks_match_only_when_linked(make_user):
    officer = make_user(Role.COMMISSIONING_OFFICER)
    a = FrameworkFactory(first_year=Y16)
    b = FrameworkFactory(first_year=Y17)
    old = _line(a, "Victims", "Victim First", "300000", Y16)
    new = _line(b, "Victims", "Victim First", "307849", Y17)
    comparison = compare_frameworks(base=a, base_year=Y16, other=b, other_year=Y17)
    assert [c.kind for c in comparison.lines] == ["added", "removed"]
    assert comparison.suggested_links == [(old, new)]
    assert comparison.categories[0].delta == Decimal("7849.00")  # matched by heading

    services.lines_link(actor=officer, earlier=old, later=new)
    comparison = compare_frameworks(base=a, base_year=Y16, other=b, other_year=Y17)
    assert [(c.kind, c.delta) for c in comparison.lines] == [("changed", Decimal("7849.00"))]
    assert comparison.suggested_links == []


def test_percent_is_none_from_nothing():
    a = FrameworkFactory(first_year=Y16)
    b = FrameworkFactory(first_year=Y17)
    comparison = compare_frameworks(base=a, base_year=Y16, other=b, other_year=Y17)
    assert comparison.total.percent is None
    assert comparison.total.describe() == "Total: £0 → £0, £0"

"""An officer works on a framework's service lines by keyboard alone, with axe-core on
every page: adds a line whose provider is not yet confirmed and which reaches one
sub-area, changes its cost, moves it up, and funds it from a source (a ring-fenced
source outside its category first, which is refused)."""

from collections.abc import Callable
from decimal import Decimal

import pytest
from playwright.sync_api import Page

from commissioning.accounts.models import User
from commissioning.budgets.models import ReachScope, ServiceLine
from commissioning.core.roles import Role
from commissioning.core.years import FinancialYear
from tests.browser.helpers import (
    assert_accessible,
    choose_radio,
    main_heading,
    press_and_follow,
    tab_to,
    type_into,
    visit,
)
from tests.browser.journeys import code_for_device, enter_code, sign_in
from tests.factories import (
    CategoryFactory,
    FrameworkFactory,
    FundingSourceFactory,
    PolicingAreaFactory,
    ServiceLineCostFactory,
    ServiceLineFactory,
    SubAreaFactory,
    make_totp_device,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _banner(page: Page) -> str:
    return page.locator(".govuk-notification-banner").inner_text()


def _error_summary(page: Page) -> list[str]:
    return [
        text.strip()
        for text in page.locator(".govuk-error-summary__list a").all_inner_texts()
        if text.strip()
    ]


def _submit(page: Page, text: str) -> None:
    tab_to(page, page.locator("main form button[type=submit]", has_text=text))
    press_and_follow(page, "Enter", status=200)


def _line_names(page: Page, category: str) -> list[str]:
    table = page.locator("table", has=page.locator("caption", has_text=category))
    return [name.strip() for name in table.locator("tbody th a").all_inner_texts()]


def test_officer_adds_changes_moves_and_funds_a_line(
    page: Page, make_user: Callable[..., User]
) -> None:
    area = PolicingAreaFactory.create(
        name="Leicester, Leicestershire and Rutland", short_name="LLR"
    )
    for name in ("Leicester City", "Leicestershire", "Rutland"):
        SubAreaFactory.create(area=area, name=name)
    framework = FrameworkFactory.create(area=area, title="Commissioning Framework 2017/18")
    victims = CategoryFactory.create(framework=framework, name="Victims", order=1)
    prevention = CategoryFactory.create(framework=framework, name="Prevention", order=2)
    existing = ServiceLineFactory.create(category=victims, name="Victim First", order=1)
    ServiceLineCostFactory.create(line=existing, amount=Decimal("8683.75"))
    grant = FundingSourceFactory.create(
        framework=framework, name="Police grant and precept", amount=Decimal("500000")
    )
    moj = FundingSourceFactory.create(
        framework=framework, name="Ministry of Justice grant", is_ring_fenced=True
    )
    moj.ring_fenced_categories.set([prevention])
    officer = make_user(Role.COMMISSIONING_OFFICER, full_name="Priya Shah")
    device = make_totp_device(officer)
    sign_in(page, officer.email)
    enter_code(page, code_for_device(device))

    visit(page, f"/frameworks/{framework.pk}/lines/")
    assert main_heading(page) == "Commissioning Framework 2017/18"
    assert _line_names(page, "Victims") == ["Victim First"]

    tab_to(page, "Add a service line")
    press_and_follow(page, "Enter", status=200)
    assert main_heading(page) == "Add a service line"

    # Nothing filled in first: the error page must be accessible too.
    _submit(page, "Add the line")
    errors = _error_summary(page)
    assert "Enter the service name" in errors
    assert "Enter the cost for at least one year" in errors
    assert page.title().startswith("Error:")

    type_into(page, "#id_name", "Restorative justice")
    choose_radio(page, "category", "Victims")
    # The delivery organisation stays "Not yet confirmed", with a description.
    assert page.locator("#id_organisation option:checked").inner_text() == "Not yet confirmed"
    type_into(page, "#id_organisation_text", "To be confirmed via strategic review")
    type_into(page, "#id_cost_2017", "52,445")
    choose_radio(page, "reach_scope", "One or more sub-areas")
    tab_to(page, "Leicester City")
    page.keyboard.press("Space")
    _submit(page, "Add the line")

    line = ServiceLine.objects.get(name="Restorative justice")
    assert page.url.endswith(f"/frameworks/{framework.pk}/lines/#line-{line.pk}")
    assert "‘Restorative justice’ has been added" in _banner(page)
    assert _line_names(page, "Victims") == ["Victim First", "Restorative justice"]
    row = page.locator(f"#line-{line.pk}").inner_text()
    assert "To be confirmed via strategic review" in row
    assert "Leicester City" in row
    assert "£52,445" in row
    assert line.organisation is None
    assert line.reach_scope == ReachScope.SUB_AREAS

    tab_to(page, "Change Restorative justice")
    press_and_follow(page, "Enter", status=200)
    assert main_heading(page) == "Change Restorative justice"
    type_into(page, "#id_cost_2017", "60,000")
    _submit(page, "Save changes")
    assert main_heading(page) == "Restorative justice"
    assert "Cost in 2017/18 £60,000.00" in " ".join(page.locator("main dl").inner_text().split())

    tab_to(page, "Back to the service lines")
    press_and_follow(page, "Enter", status=200)
    tab_to(page, "Move up Restorative justice")
    press_and_follow(page, "Enter", status=200)
    assert "‘Restorative justice’ moved up" in _banner(page)
    assert _line_names(page, "Victims") == ["Restorative justice", "Victim First"]

    tab_to(page, page.locator(f"#line-{line.pk} th a"))
    press_and_follow(page, "Enter", status=200)
    tab_to(page, "Change funding")
    press_and_follow(page, "Enter", status=200)
    assert main_heading(page) == "Funding of Restorative justice"

    # The Ministry of Justice grant may fund only Prevention: refused, with the reason.
    type_into(page, f"#id_source_{moj.pk}", "1,000")
    _submit(page, "Save funding")
    assert _error_summary(page) == [
        "Ministry of Justice grant is ring-fenced to Prevention, so it cannot fund "
        "Restorative justice in Victims"
    ]

    type_into(page, f"#id_source_{moj.pk}", "")
    type_into(page, f"#id_source_{grant.pk}", "60,000")
    _submit(page, "Save funding")
    assert main_heading(page) == "Restorative justice"
    assert "The funding of ‘Restorative justice’ has been saved" in _banner(page)
    funding = " ".join(page.locator("main table").inner_text().split())
    assert "Police grant and precept 2017/18 £60,000.00" in funding
    assert [(f.source, f.amount) for f in line.funding.all()] == [(grant, Decimal("60000.00"))]
    assert line.costs.get(year=FinancialYear(2017)).amount == Decimal("60000.00")


def test_finance_officer_adds_a_ring_fenced_source(
    page: Page, make_user: Callable[..., User]
) -> None:
    framework = FrameworkFactory.create(title="Commissioning Framework 2017/18")
    victims = CategoryFactory.create(framework=framework, name="Victims", order=1)
    CategoryFactory.create(framework=framework, name="Prevention", order=2)
    officer = make_user(Role.FINANCE_OFFICER)
    device = make_totp_device(officer)
    sign_in(page, officer.email)
    enter_code(page, code_for_device(device))

    visit(page, f"/frameworks/{framework.pk}/funding/")
    tab_to(page, "Add a funding source")
    press_and_follow(page, "Enter", status=200)
    assert main_heading(page) == "Add a funding source"

    type_into(page, "#id_name", "Ministry of Justice victims' grant")
    choose_radio(page, "kind", "Ministry of Justice victims' services grant")
    type_into(page, "#id_amount", "1,200,000")
    categories = page.locator("#conditional-id_is_ring_fenced")
    assert not categories.is_visible()
    tab_to(page, "#id_is_ring_fenced")
    page.keyboard.press("Space")
    assert categories.is_visible()
    assert_accessible(page)
    tab_to(page, "Victims")
    page.keyboard.press("Space")
    _submit(page, "Save")

    assert main_heading(page) == "Commissioning Framework 2017/18"
    row = " ".join(page.locator("table tbody tr").first.inner_text().split())
    assert "Ministry of Justice victims' grant" in row
    assert "Ring-fenced" in row
    assert "Victims" in row
    assert "Under-committed" in row
    source = framework.funding_sources.get()
    assert list(source.ring_fenced_categories.all()) == [victims]

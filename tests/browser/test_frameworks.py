"""An officer builds a framework by keyboard alone, with axe-core on every page: creates
it, writes a narrative section, states the budget and sends it out for consultation."""

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import Page

from commissioning.accounts.models import User
from commissioning.budgets.models import Framework, FrameworkStatus
from commissioning.budgets.services import section_save
from commissioning.core.roles import Role
from commissioning.core.years import FinancialYear
from tests.browser.helpers import (
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
    PolicingAreaFactory,
    ServiceLineCostFactory,
    ServiceLineFactory,
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


def test_officer_creates_a_framework_and_sends_it_out_for_consultation(
    page: Page, make_user: Callable[..., User]
) -> None:
    PolicingAreaFactory.create(name="Leicester, Leicestershire and Rutland", short_name="LLR")
    officer = make_user(Role.COMMISSIONING_OFFICER, full_name="Priya Shah")
    device = make_totp_device(officer)
    sign_in(page, officer.email)
    enter_code(page, code_for_device(device))

    tab_to(page, page.locator(".govuk-service-navigation__link", has_text="Frameworks"))
    press_and_follow(page, "Enter", status=200)
    assert main_heading(page) == "Commissioning frameworks"
    assert "No frameworks have been created yet" in page.locator("main").inner_text()

    tab_to(page, "Create a framework")
    press_and_follow(page, "Enter", status=200)
    assert main_heading(page) == "Create a framework"

    # A wrong year first: the error page must be accessible too.
    tab_to(page, "#id_area")
    page.keyboard.type("Leicester")
    type_into(page, "#id_title", "Commissioning Framework 2017/18")
    type_into(page, "#id_first_year", "2017/19")
    _submit(page, "Create framework")
    assert _error_summary(page) == ["Enter a financial year like 2017/18"]

    type_into(page, "#id_first_year", "2017/18")
    type_into(page, "#id_budget", "4,668,717")
    _submit(page, "Create framework")
    framework = Framework.objects.get()
    assert page.url.endswith(f"/frameworks/{framework.pk}/")
    assert main_heading(page) == "Commissioning Framework 2017/18"
    assert "has been created as a draft" in _banner(page)
    assert [c.name for c in framework.categories.all()] == [
        "Victims",
        "Vulnerable",
        "Prevention",
        "Cross cutting",
    ]

    # A narrative section, previewed before it is saved.
    tab_to(page, "Add, change or reorder narrative sections")
    press_and_follow(page, "Enter", status=200)
    tab_to(page, "Add a section")
    press_and_follow(page, "Enter", status=200)
    assert main_heading(page) == "Add a narrative section"
    type_into(page, "#id_heading", "Foreword")
    type_into(page, "#id_body", "We commission services that **support victims**.")
    _submit(page, "Preview")
    assert page.locator("main section strong", has_text="support victims").count() == 1
    _submit(page, "Save section")
    assert "‘Foreword’ has been saved" in _banner(page)
    assert framework.sections.get().heading == "Foreword"

    # Back to the overview by its breadcrumb, then state the budget.
    tab_to(page, page.locator(".govuk-breadcrumbs a", has_text="Commissioning Framework 2017/18"))
    press_and_follow(page, "Enter", status=200)
    tab_to(page, "Set the commissioning budget")
    press_and_follow(page, "Enter", status=200)
    type_into(page, "#id_budget_2017", "£4,668,358.75")
    _submit(page, "Save budget")
    assert framework.budgets.get(year=FinancialYear(2017)).amount == Decimal("4668358.75")
    assert "£4,668,358.75" in page.locator("main").inner_text()

    # Out for consultation: the closing date is asked for under the chosen status.
    tab_to(page, "Change the status")
    press_and_follow(page, "Enter", status=200)
    assert main_heading(page) == "Change the status"
    choose_radio(page, "to", "Out for consultation")
    _submit(page, "Change status")
    assert _error_summary(page) == ["Enter the date the consultation closes"]

    closes = timezone.localdate() + dt.timedelta(days=42)
    type_into(page, "#id_closes_on_day", str(closes.day))
    type_into(page, "#id_closes_on_month", str(closes.month))
    type_into(page, "#id_closes_on_year", str(closes.year))
    _submit(page, "Change status")
    assert "The framework is now out for consultation" in _banner(page)
    framework.refresh_from_db()
    assert framework.status == FrameworkStatus.CONSULTATION
    assert framework.consultation_closes_on == closes
    overview = page.locator("main").inner_text()
    assert closes.strftime("%-d %B %Y") in overview
    assert "Out for consultation" in overview

    tab_to(page, page.locator(".app-sub-navigation a", has_text="History"))
    press_and_follow(page, "Enter", status=200)
    history = page.locator("main").inner_text()
    assert "Status changed from Draft to Out for consultation" in history
    assert "Section ‘Foreword’ added by Priya Shah" in history


def test_officer_edits_footnotes_and_refreshes_a_framework(
    page: Page, make_user: Callable[..., User]
) -> None:
    framework = FrameworkFactory.create(title="Commissioning Framework 2017/18")
    category = CategoryFactory.create(framework=framework, name="Victims")
    line = ServiceLineFactory.create(category=category, name="Victim First")
    ServiceLineCostFactory.create(line=line, amount=Decimal("52445"))
    section_save(actor=None, framework=framework, heading="Foreword", body="Hello")
    officer = make_user(Role.FINANCE_OFFICER, full_name="Fran Finance")
    device = make_totp_device(officer)
    sign_in(page, officer.email)
    enter_code(page, code_for_device(device))

    visit(page, f"/frameworks/{framework.pk}/")
    tab_to(page, "Change the details")
    press_and_follow(page, "Enter", status=200)
    assert main_heading(page) == "Change the framework's details"
    type_into(page, "#id_title", "Commissioning Framework 2017/18 (draft)")
    choose_radio(page, "display_unit", "Pounds and pence (£8,683.75)")
    _submit(page, "Save changes")
    assert main_heading(page) == "Commissioning Framework 2017/18 (draft)"
    assert "£52,445.00" in page.locator("main").inner_text()

    tab_to(page, "Add, change or delete footnotes")
    press_and_follow(page, "Enter", status=200)
    tab_to(page, "Add a footnote")
    press_and_follow(page, "Enter", status=200)
    type_into(page, "#id_marker", "*")
    type_into(page, "#id_text", "Room within the budget to negotiate the exact contribution")
    _submit(page, "Save footnote")
    assert "The footnote has been saved" in _banner(page)
    tab_to(page, "Delete footnote *")
    press_and_follow(page, "Enter", status=200)
    assert main_heading(page) == "Are you sure you want to delete footnote *?"
    _submit(page, "Delete footnote")
    assert "This framework has no footnotes." in page.locator("main").inner_text()

    section = framework.sections.get()
    visit(page, f"/frameworks/{framework.pk}/sections/{section.pk}/delete/")
    assert main_heading(page) == "Are you sure you want to delete ‘Foreword’?"

    visit(page, f"/frameworks/{framework.pk}/")
    tab_to(page, "Refresh into a new version")
    press_and_follow(page, "Enter", status=200)
    type_into(page, "#id_title", "Commissioning Framework 2017/18 (refreshed)")
    _submit(page, "Create the new version")
    new = Framework.objects.get(based_on=framework)
    assert new.version == 2
    assert page.url.endswith(f"/frameworks/{new.pk}/")
    assert "Version 2" in page.locator("main").inner_text()

    tab_to(page, "See every version")
    press_and_follow(page, "Enter", status=200)
    rows = page.locator("main tbody tr").all_inner_texts()
    assert len(rows) == 2
    assert "(this framework)" in rows[1]
    # Its Compare link leads to the Compare tab with both versions in their years.
    tab_to(page, page.locator("main tbody a", has_text="Compare"))
    href = page.evaluate("() => document.activeElement.getAttribute('href')")
    assert href == (
        f"/frameworks/{new.pk}/compare/?with={framework.pk}&year=2017%2F18&other_year=2017%2F18"
    )


def test_panel_member_reads_a_framework_without_edit_actions(
    page: Page, make_user: Callable[..., User]
) -> None:
    framework = FrameworkFactory.create(title="Published framework", status="published")
    member = make_user(Role.PANEL_MEMBER, full_name="Pat Panel")
    device = make_totp_device(member)
    sign_in(page, member.email)
    enter_code(page, code_for_device(device))
    visit(page, "/frameworks/")
    assert page.locator("main a", has_text="Create a framework").count() == 0
    tab_to(page, "Published framework")
    press_and_follow(page, "Enter", status=200)
    main = page.locator("main").inner_text()
    assert "Change the status" not in main
    assert "Refresh into a new version" not in main
    visit(page, f"/frameworks/{framework.pk}/edit/", status=403)

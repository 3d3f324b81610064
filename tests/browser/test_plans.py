"""An officer builds a Police and Crime Plan by keyboard alone, with axe-core on every page:
the plan, two priorities (reordered), a Key Performance Question, and the history."""

from collections.abc import Callable

import pytest
from playwright.sync_api import Page

from commissioning.accounts.models import User
from commissioning.core.roles import Role
from commissioning.plans.models import PoliceAndCrimePlan
from tests.browser.helpers import main_heading, press_and_follow, tab_to, type_into
from tests.browser.journeys import code_for_device, enter_code, sign_in
from tests.factories import PolicingAreaFactory, make_totp_device

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _error_summary(page: Page) -> list[str]:
    return [
        text.strip()
        for text in page.locator(".govuk-error-summary__list a").all_inner_texts()
        if text.strip()
    ]


def _submit(page: Page) -> None:
    tab_to(page, page.locator("main form button[type=submit]"))
    press_and_follow(page, "Enter", status=200)


def _add_priority(page: Page, code: str, name: str) -> None:
    tab_to(page, "Add a priority")
    press_and_follow(page, "Enter", status=200)
    assert main_heading(page) == "Add a priority or cross-cutting theme"
    type_into(page, "#id_code", code)
    type_into(page, "#id_name", name)
    _submit(page)
    assert (
        page.locator(".govuk-notification-banner")
        .inner_text()
        .strip()
        .endswith(f"‘{name}’ has been added")
    )


def test_officer_creates_a_plan_with_priorities_and_a_question(
    page: Page, make_user: Callable[..., User]
) -> None:
    PolicingAreaFactory(name="Leicester, Leicestershire and Rutland", slug="llr")
    officer = make_user(Role.COMMISSIONING_OFFICER, full_name="Priya Shah")
    device = make_totp_device(officer)
    sign_in(page, officer.email)
    enter_code(page, code_for_device(device))

    tab_to(page, page.locator(".govuk-service-navigation__link", has_text="Plans"))
    press_and_follow(page, "Enter", status=200)
    assert main_heading(page) == "Police and Crime Plans"
    assert "No plans have been added yet" in page.locator("main").inner_text()

    tab_to(page, "Add a plan")
    press_and_follow(page, "Enter", status=200)
    assert main_heading(page) == "Add a Police and Crime Plan"

    # Nothing filled in: every error, on a page that must pass axe too.
    _submit(page)
    errors = _error_summary(page)
    assert "Select the policing area" in errors
    assert "Enter the plan's title" in errors
    assert page.title().startswith("Error:")

    tab_to(page, "#id_area")
    page.keyboard.press("ArrowDown")  # the first area after "Select an area"
    type_into(page, "#id_title", "Police and Crime Plan 2017–21")
    type_into(page, "#id_starts_on_day", "1")
    type_into(page, "#id_starts_on_month", "4")
    type_into(page, "#id_starts_on_year", "2017")
    type_into(page, "#id_ends_on_day", "31")
    type_into(page, "#id_ends_on_month", "3")
    type_into(page, "#id_ends_on_year", "2021")
    type_into(page, "#id_summary", "Five priorities for a safer LLR")
    _submit(page)

    plan = PoliceAndCrimePlan.objects.get()
    assert plan.area.slug == "llr"
    assert page.url.endswith(f"/plans/{plan.pk}/")
    assert main_heading(page) == "Police and Crime Plan 2017–21"

    _add_priority(page, "VS", "Victim Services")
    _add_priority(page, "VP", "Viable Partnerships")

    tab_to(page, "Add a Key Performance Question to Victim Services")
    press_and_follow(page, "Enter", status=200)
    assert main_heading(page) == "Add a Key Performance Question"
    type_into(page, "#id_text", "Are victims satisfied with the service they receive?")
    _submit(page)
    victims = page.locator(".govuk-summary-card", has_text="Victim Services")
    assert "Are victims satisfied with the service they receive?" in victims.inner_text()

    # Reorder by keyboard: the button names the priority it moves.
    tab_to(page, "Move up Viable Partnerships")
    press_and_follow(page, "Enter", status=200)
    titles = page.locator("main .govuk-summary-card__title").all_inner_texts()
    assert [title.split()[0] for title in titles] == ["VP", "VS"]
    assert [p.code for p in plan.priorities.order_by("order")] == ["VP", "VS"]

    tab_to(page, page.locator(".app-sub-navigation a", has_text="History"), max_tabs=80)
    press_and_follow(page, "Enter", status=200)
    history = page.locator("main").inner_text()
    assert "Created by Priya Shah" in history
    assert "Priority ‘Victim Services’ added" in history
    assert "Key Performance Question added to ‘Victim Services’" in history

"""The public pages: reachable and usable by keyboard, and clean under axe-core."""

import pytest
from playwright.sync_api import Page

from tests.browser.helpers import (
    assert_accessible,
    focused_text,
    main_heading,
    press_and_follow,
    tab_to,
    visit,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("/", "Commissioning for Police and Crime Commissioners"),
        ("/accessibility/", "Accessibility statement for PCC Commissioning"),
        ("/cookies/", "Cookies"),
        ("/privacy/", "Privacy notice"),
    ],
)
def test_public_page_is_accessible(page: Page, path: str, heading: str) -> None:
    visit(page, path)
    assert main_heading(page) == heading


def test_skip_link_is_first_and_moves_focus_to_main_content(page: Page) -> None:
    visit(page, "/")
    page.keyboard.press("Tab")
    assert focused_text(page) == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.url.endswith("#main-content")
    # GOV.UK Frontend's skip link moves focus to <main>, so the next Tab is inside it.
    assert page.evaluate("() => document.activeElement.id") == "main-content"
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.querySelector('main').contains(document.activeElement)")


def test_footer_links_reach_the_information_pages_by_keyboard(page: Page) -> None:
    visit(page, "/")
    for link, heading in [
        ("Accessibility statement", "Accessibility statement for PCC Commissioning"),
        ("Cookies", "Cookies"),
        ("Privacy notice", "Privacy notice"),
    ]:
        tab_to(page, link)
        press_and_follow(page, "Enter", status=200)
        assert main_heading(page) == heading


def test_missing_page_is_a_gov_uk_page_not_found(page: Page) -> None:
    visit(page, "/no-such-page/", status=404)
    assert main_heading(page) == "Page not found"
    assert page.title().startswith("Page not found")


def test_start_button_leads_to_sign_in(page: Page) -> None:
    visit(page, "/")
    tab_to(page, "a.govuk-button--start")
    press_and_follow(page, "Enter", status=200)
    assert "/accounts/login/" in page.url
    assert_accessible(page)

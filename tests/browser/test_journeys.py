"""The main journeys, by keyboard alone, with axe-core on every page on the way.

No clicks: people move with Tab and act with Enter, Space and the arrow keys. Typing an
address (``visit``) stands for someone following a bookmark or a shared link.
"""

from collections.abc import Callable

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page

from commissioning.accounts.models import User
from commissioning.core.roles import Role
from commissioning.organisations.models import Organisation
from tests.browser.helpers import (
    assert_accessible,
    choose_radio,
    main_heading,
    press_and_follow,
    tab_to,
    type_into,
    visit,
)
from tests.browser.journeys import (
    code_for_device,
    code_for_key,
    enter_code,
    key_from_setup_secret,
    sign_in,
    submit_sign_in_form,
)
from tests.factories import OrganisationFactory, make_totp_device

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _error_summary(page: Page) -> list[str]:
    return [
        text.strip()
        for text in page.locator(".govuk-error-summary__list a").all_inner_texts()
        if text.strip()
    ]


def test_staff_sign_in_with_two_factor_and_add_an_organisation(
    page: Page, make_user: Callable[..., User]
) -> None:
    officer = make_user(Role.COMMISSIONING_OFFICER, full_name="Priya Shah")
    device = make_totp_device(officer)

    # A wrong password first: the error page must be accessible too.
    sign_in(page, officer.email, password="not my password")
    assert _error_summary(page) == ["Enter a correct e-mail address and password"]
    assert page.title().startswith("Error:")

    submit_sign_in_form(page, officer.email)
    assert "/accounts/two-factor/verify/" in page.url
    assert main_heading(page) == "Enter the 6-digit code from your authenticator app"

    enter_code(page, "12345")
    assert _error_summary(page) == ["The code must be 6 digits"]

    enter_code(page, code_for_device(device))
    assert page.url.endswith("/dashboard/")
    assert main_heading(page) == "Welcome, Priya"

    tab_to(page, page.locator(".govuk-service-navigation__link", has_text="Organisations"))
    press_and_follow(page, "Enter", status=200)
    assert main_heading(page) == "Organisations"

    tab_to(page, "Add an organisation")
    press_and_follow(page, "Enter", status=200)
    assert main_heading(page) == "Add an organisation"

    # Submitting nothing shows GOV.UK errors, and that page must pass axe as well.
    tab_to(page, page.locator("main form button[type=submit]"))
    press_and_follow(page, "Enter", status=200)
    errors = _error_summary(page)
    assert "Enter the organisation's name" in errors
    assert "Select the type of organisation" in errors

    type_into(page, "Name", "Safe Homes Devon")
    choose_radio(page, "kind", "Community interest company")
    type_into(page, "Town or city (optional)", "Exeter")
    tab_to(page, page.locator("main form button[type=submit]"))
    press_and_follow(page, "Enter", status=200)

    organisation = Organisation.objects.get(name="Safe Homes Devon")
    assert organisation.kind == Organisation.Kind.CIC
    assert page.url.endswith(f"/organisations/{organisation.pk}/")
    assert main_heading(page) == "Safe Homes Devon"
    banner = page.locator(".govuk-notification-banner").inner_text()
    assert "has been added to the register" in banner

    tab_to(page, page.locator(".app-sub-navigation a", has_text="History"))
    press_and_follow(page, "Enter", status=200)
    assert page.url.endswith(f"/organisations/{organisation.pk}/history/")
    history = page.locator("main").inner_text()
    assert "Created by Priya Shah" in history
    assert "Community interest company" in history


def test_provider_sees_their_own_organisation_and_no_other(
    page: Page, make_user: Callable[..., User]
) -> None:
    own = OrganisationFactory.create(name="Hope Refuge")
    other = OrganisationFactory.create(name="Another Charity")
    provider = make_user(Role.PROVIDER, organisation=own, full_name="Sam Lee")

    sign_in(page, provider.email)
    # Providers have no second factor: straight to their dashboard.
    assert page.url.endswith("/dashboard/")
    assert main_heading(page) == "Welcome, Sam"

    tab_to(page, "Your organisation's details")
    press_and_follow(page, "Enter", status=200)
    assert page.url.endswith(f"/organisations/{own.pk}/")
    assert main_heading(page) == "Hope Refuge"

    # Another provider's page, even with its address, is "not found", never "forbidden".
    visit(page, f"/organisations/{other.pk}/", status=404)
    assert main_heading(page) == "Page not found"
    assert "Another Charity" not in page.content()

    # Nor is the OPCC's register of organisations open to them.
    visit(page, "/organisations/", status=403)

    # Signing out is a form button in the header, reachable by keyboard.
    tab_to(page, page.locator(".govuk-service-navigation button", has_text="Sign out"))
    press_and_follow(page, "Enter", status=200)
    assert main_heading(page) == "You have signed out"
    visit(page, "/dashboard/")
    assert "/accounts/login/" in page.url


def test_staff_without_two_factor_are_sent_to_set_it_up(
    page: Page, make_user: Callable[..., User]
) -> None:
    assessor = make_user(Role.ASSESSOR, full_name="Ade Okafor")

    sign_in(page, assessor.email)
    assert "/accounts/two-factor/set-up/" in page.url
    assert main_heading(page) == "Set up two-factor authentication"

    # Nothing else opens until it is set up.
    visit(page, "/dashboard/")
    assert "/accounts/two-factor/set-up/" in page.url

    # "I cannot scan the QR code" opens with the keyboard and shows the key to type.
    tab_to(page, "I cannot scan the QR code")
    page.keyboard.press("Enter")
    secret = page.locator("#secret-key")
    assert secret.is_visible()
    key = key_from_setup_secret(secret.inner_text())
    assert_accessible(page)

    enter_code(page, "000000" if code_for_key(key) != "000000" else "111111")
    assert _error_summary(page), "a wrong code must be reported"

    enter_code(page, code_for_key(key))
    assert page.url.endswith("/dashboard/")
    assert (
        "Two-factor authentication is set up"
        in page.locator(".govuk-notification-banner").inner_text()
    )
    assert TOTPDevice.objects.filter(user=assessor, confirmed=True).count() == 1

"""An officer answers two comments with one response, approves it and publishes the
outcome, by keyboard alone with axe-core on every page; the public outcome page
(/have-your-say/<slug>/outcome/) shows it.
"""

from collections.abc import Callable

import pytest
from playwright.sync_api import Page

from commissioning.accounts.models import User
from commissioning.consultations.models import (
    OfficeResponse,
    OfficeResponseStatus,
    PublishConsent,
    Theme,
)
from commissioning.core.roles import Role
from tests.browser.helpers import (
    choose_radio,
    main_heading,
    press_and_follow,
    tab_to,
    type_into,
    visit,
)
from tests.browser.journeys import code_for_device, enter_code, sign_in
from tests.consultations.test_outcomes import add_comment, closed_consultation
from tests.factories import make_totp_device

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def _banner(page: Page) -> str:
    return page.locator(".govuk-notification-banner").inner_text()


def test_officer_responds_approves_and_publishes_the_outcome(
    page: Page, make_user: Callable[..., User]
) -> None:
    consultation = closed_consultation(title="Draft Commissioning Framework 2017/18")
    general = Theme.objects.create(consultation=consultation, name="GENERAL", order=1)
    grant = Theme.objects.create(consultation=consultation, name="PCC GRANT", order=2)
    add_comment(
        consultation,
        "Please publish a glossary of funding terms.",
        theme=general,
        consent=PublishConsent.ANONYMOUS,
    )
    add_comment(consultation, "A glossary would help small charities.", theme=general)
    add_comment(consultation, "Keep the grant at £25,000.", theme=grant)
    officer = make_user(Role.COMMISSIONING_OFFICER)
    device = make_totp_device(officer)
    sign_in(page, officer.email)
    enter_code(page, code_for_device(device))

    visit(page, f"/consultations/{consultation.pk}/outcome/")
    assert main_heading(page) == "You said, we did"
    assert page.locator("main").inner_text().count("No response yet") == 3

    # Two comments, one response.
    tab_to(page, "Select comment 1")
    page.keyboard.press("Space")
    tab_to(page, "Select comment 2")
    page.keyboard.press("Space")
    tab_to(page, "Respond to the selected comments")
    press_and_follow(page, "Enter", status=200)
    assert main_heading(page) == "Respond to 2 comments"

    type_into(page, "#id_text", "Agreed. A glossary has been added as Appendix C.")
    choose_radio(page, "outcome", "Agreed")
    tab_to(page, "Save as a draft")
    press_and_follow(page, "Enter", status=200)
    assert "saved as a draft" in _banner(page)

    tab_to(page, "Approve the response to comment 1")
    press_and_follow(page, "Enter", status=200)
    assert "approved" in _banner(page)

    tab_to(page, "Publish the outcome")
    press_and_follow(page, "Enter", status=200)
    assert main_heading(page) == "Publish the outcome"
    assert "1 comment has no response (comment 3)" in page.locator("main").inner_text()
    tab_to(page, page.locator("main form button[type=submit]"))
    press_and_follow(page, "Enter", status=200)
    assert "1 response has been published" in _banner(page)
    assert OfficeResponse.objects.get().status == OfficeResponseStatus.PUBLISHED

    # The public page: the consented comment, with the office's response; the imported
    # one (the office's own record) too; never the comment still without a response.
    visit(page, f"/have-your-say/{consultation.slug}/outcome/")
    public = page.locator("main").inner_text()
    assert "Please publish a glossary of funding terms." in public
    assert "A glossary would help small charities." in public
    assert public.count("Agreed. A glossary has been added as Appendix C.") == 2
    assert "Keep the grant at £25,000." not in public

"""An officer imports a past consultation's comment log by keyboard alone, with axe-core
on every page: from the consultations list, a broken file first (nothing imported, every
problem listed), then the corrected one, landing on the new consultation's outcome page."""

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page

from commissioning.accounts.models import User
from commissioning.consultations.models import Comment, Consultation
from commissioning.core.roles import Role
from tests.browser.helpers import (
    assert_accessible,
    main_heading,
    press_and_follow,
    tab_to,
    visit,
)
from tests.browser.journeys import code_for_device, enter_code, sign_in
from tests.factories import PolicingAreaFactory, make_totp_device

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BROKEN = (
    "Ref,Theme,Comment,Response\n"
    "1,Victims,More support for victims of fraud,None required.\n"
    "2,,Fund youth diversion,Agreed.\n"
    "3,Prevention,,Noted.\n"
)
FIXED = (
    "Ref,Theme,Comment,Response\n"
    "1,Victims,More support for victims of fraud,None required.\n"
    "2,Prevention,Fund youth diversion,Agreed.\n"
    "3,Prevention,Publish waiting times,Noted.\n"
)


def _error_summary(page: Page) -> list[str]:
    return [
        re.sub(r"\s+", " ", text).strip()
        for text in page.locator(".govuk-error-summary__list li").all_inner_texts()
        if text.strip()
    ]


def _choose_file(page: Page, path: Path) -> None:
    """Reach the file input with the keyboard, then choose the file. The operating
    system's file dialog is not part of the page, so the file is set as it would set it
    (waiting for the dialog to open proved timing-dependent on a loaded machine)."""
    tab_to(page, "#id_file")
    page.locator("#id_file").set_input_files(str(path))


def _submit(page: Page) -> None:
    tab_to(page, page.locator("main form button[type=submit]", has_text="Import comment log"))
    press_and_follow(page, "Enter", status=200)


def test_officer_imports_a_past_comment_log(
    page: Page, make_user: Callable[..., User], tmp_path: Path
) -> None:
    officer = make_user(Role.COMMISSIONING_OFFICER)
    device = make_totp_device(officer)
    PolicingAreaFactory(name="Leicester, Leicestershire and Rutland")
    broken = tmp_path / "log-2014.csv"
    broken.write_text(BROKEN, encoding="utf-8")
    fixed = tmp_path / "log-2014-fixed.csv"
    fixed.write_text(FIXED, encoding="utf-8")

    sign_in(page, officer.email)
    enter_code(page, code_for_device(device))
    visit(page, "/consultations/")
    tab_to(page, "Import a past comment log")
    press_and_follow(page, "Enter", status=200)
    assert main_heading(page) == "Import a past comment log"

    # Typing on a focused select chooses the option that starts with what is typed.
    tab_to(page, "#id_area")
    page.keyboard.type("Leic")
    assert page.locator("#id_area option:checked").inner_text().startswith("Leicester")
    tab_to(page, "#id_title")
    page.keyboard.type("Commissioning Framework 2014/15")
    tab_to(page, "#id_closes_on_day")
    page.keyboard.type("3")
    page.keyboard.press("Tab")
    page.keyboard.type("2")
    page.keyboard.press("Tab")
    page.keyboard.type("2014")

    # A broken file: nothing imported, every problem listed, in the summary and a table.
    _choose_file(page, broken)
    _submit(page)
    assert page.title().startswith("Error:")
    assert _error_summary(page) == [
        "Row 3, Theme: Enter the theme",
        "Row 4, Comment: Enter the comment",
    ]
    table = re.sub(r"\s+", " ", page.locator("#log-errors").inner_text())
    assert "2 problems in log-2014.csv" in table
    assert not Consultation.objects.exists()

    # The summary's links go to the file box; what was typed is kept.
    tab_to(page, page.locator(".govuk-error-summary a").first)
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "id_file"
    assert page.locator("#id_title").input_value() == "Commissioning Framework 2014/15"

    # The corrected file: imported in one go, landing on the outcome page.
    page.keyboard.press("Shift+Tab")  # back before the file box, so tab_to reaches it
    _choose_file(page, fixed)
    _submit(page)
    consultation = Consultation.objects.get()
    assert page.url.endswith(f"/consultations/{consultation.pk}/outcome/")
    banner = re.sub(r"\s+", " ", page.locator(".govuk-notification-banner").first.inner_text())
    assert "Imported 3 comments in 2 themes" in banner
    assert Comment.objects.filter(consultation=consultation).count() == 3
    assert consultation.closes_at is not None
    assert consultation.closes_at.date().isoformat() == "2014-02-03"
    assert_accessible(page)

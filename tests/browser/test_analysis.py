"""An officer analyses a closed consultation by keyboard alone, with axe-core on every
page: the results with their chart and table, theme suggestions (one accepted), a comment
marked reviewed, and another split in two."""

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Page

from commissioning.accounts.models import User
from commissioning.consultations.models import Comment, QuestionKind, RespondentType, Theme
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
from tests.consultations.test_analysis import add_question, closed_consultation, respond
from tests.factories import make_totp_device

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

GRANT = "The PCC grant application form is far too long for small groups."
SPLIT = "Victims need support after court. Young people need somewhere to go at night."


def _banner(page: Page) -> str:
    return page.locator(".govuk-notification-banner").inner_text()


def test_officer_reads_results_and_themes_comments(
    page: Page, make_user: Callable[..., User]
) -> None:
    consultation = closed_consultation()
    q1 = add_question(
        consultation,
        code="Q2 c)",
        text="Which elements do you consider to be important?",
        kind=QuestionKind.MULTIPLE,
        options=("Implementation phase", "Flexible measures"),
        has_other=True,
    )
    q2 = add_question(consultation, code="Q4", kind=QuestionKind.LONG_TEXT, text="Comments")
    respond(consultation, {q1: (("Implementation phase", "Flexible measures"), "", "")})
    respond(consultation, {q1: (("Flexible measures",), "", ""), q2: ((), "", GRANT)})
    respond(
        consultation,
        {q1: ((), "Bids all year", ""), q2: ((), "", SPLIT)},
        respondent_type=RespondentType.ORGANISATION,
    )
    Theme.objects.create(consultation=consultation, name="PCC GRANT", keywords="grant")
    Theme.objects.create(consultation=consultation, name="VICTIMS AND WITNESSES")
    grant = Comment.objects.get(text=GRANT)
    split = Comment.objects.get(text=SPLIT)

    officer = make_user(Role.COMMISSIONING_OFFICER, full_name="Priya Shah")
    device = make_totp_device(officer)
    sign_in(page, officer.email)
    enter_code(page, code_for_device(device))

    # The results: a chart (a picture with a summary) and the same figures as a table.
    visit(page, f"/consultations/{consultation.pk}/analysis/")
    assert main_heading(page) == "Results"
    figure = page.locator("figure[role=img]").first
    assert "The most chosen was Flexible measures (2, 67%)" in str(
        figure.get_attribute("aria-label")
    )
    table = page.locator("table.govuk-table").first.inner_text()
    assert re.search(r"Other\s+1\s+33%", table)

    choose_radio(page, "respondent_type", "Organisations")
    tab_to(page, "Show results")
    press_and_follow(page, "Enter", status=200)
    assert "1 response from organisations" in page.locator("main").inner_text()

    # Comments: ask for suggestions, accept one.
    tab_to(
        page, page.locator(".app-sub-navigation__link, .app-sub-navigation a", has_text="Comments")
    )
    press_and_follow(page, "Enter", status=200)
    assert main_heading(page) == "Comments"
    assert "0 of 3 comments themed" in page.locator("main").inner_text()
    tab_to(page, "Suggest themes")
    press_and_follow(page, "Enter", status=200)
    assert "Suggestions made for 1 comment" in _banner(page)

    tab_to(page, f"Accept PCC GRANT for comment #{grant.pk}", max_tabs=120)
    press_and_follow(page, "Enter", status=200)
    assert "The comment is now themed PCC GRANT" in _banner(page)
    assert "1 of 3 comments themed" in page.locator("main").inner_text()
    grant.refresh_from_db()
    assert grant.themed_by == officer

    tab_to(page, f"Mark as reviewed comment #{grant.pk}", max_tabs=120)
    press_and_follow(page, "Enter", status=200)
    assert "Marked as reviewed" in _banner(page)
    grant.refresh_from_db()
    assert grant.reviewed

    # Split another comment: first with words that were not in it, then properly.
    tab_to(page, f"Split comment #{split.pk}", max_tabs=150)
    press_and_follow(page, "Enter", status=200)
    assert main_heading(page) == f"Split comment #{split.pk}"
    type_into(page, "#id_part_1", "Victims need support after court.")
    type_into(page, "#id_part_2", "Young people need a youth club.")
    tab_to(page, "Split the comment")
    press_and_follow(page, "Enter", status=200)
    assert (
        "Part 2 must be text from the comment" in page.locator(".govuk-error-summary").inner_text()
    )
    type_into(page, "#id_part_2", "Young people need somewhere to go at night.")
    tab_to(page, "Split the comment")
    press_and_follow(page, "Enter", status=200)
    assert "split into 2 comments" in _banner(page)
    assert list(Comment.objects.filter(answer__question=q2).values_list("text", flat=True)) == [
        GRANT,
        "Victims need support after court.",
        "Young people need somewhere to go at night.",
    ]
    assert "1 of 4 comments themed" in page.locator("main").inner_text()

    # Themes, with their counts.
    tab_to(page, page.locator(".app-sub-navigation a", has_text="Themes"), max_tabs=150)
    press_and_follow(page, "Enter", status=200)
    assert main_heading(page) == "Themes"
    assert re.search(r"PCC GRANT\s+grant\s+1", page.locator("table").inner_text())

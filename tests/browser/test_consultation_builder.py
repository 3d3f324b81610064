"""An officer builds a consultation by keyboard alone, with axe-core on every page: creates
it on a draft framework, adds a section, a "Fully / Partially / Do not support" question
with a comment box and a tick-all-that-apply question with Other, then reads the
Questions tab."""

import datetime as dt
from collections.abc import Callable

import pytest
from django.utils import timezone
from playwright.sync_api import Page

from commissioning.accounts.models import User
from commissioning.consultations.models import Consultation, QuestionKind
from commissioning.core.roles import Role
from tests.browser.helpers import (
    choose_radio,
    main_heading,
    press_and_follow,
    tab_to,
    type_into,
)
from tests.browser.journeys import code_for_device, enter_code, sign_in
from tests.factories import FrameworkFactory, PolicingAreaFactory, make_totp_device

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


def _type_date(page: Page, prefix: str, day: dt.date) -> None:
    type_into(page, f"#id_{prefix}_day", str(day.day))
    type_into(page, f"#id_{prefix}_month", str(day.month))
    type_into(page, f"#id_{prefix}_year", str(day.year))


def _tick(page: Page, selector: str) -> None:
    tab_to(page, selector)
    page.keyboard.press("Space")
    assert page.evaluate("() => document.activeElement.checked"), selector


def test_officer_builds_a_consultation_on_a_draft_framework(
    page: Page, make_user: Callable[..., User]
) -> None:
    area = PolicingAreaFactory.create(
        name="Leicester, Leicestershire and Rutland", short_name="LLR"
    )
    FrameworkFactory.create(area=area, title="Draft Commissioning Framework 2017/18")
    officer = make_user(Role.COMMISSIONING_OFFICER, full_name="Priya Shah")
    device = make_totp_device(officer)
    sign_in(page, officer.email)
    enter_code(page, code_for_device(device))

    tab_to(page, page.locator(".govuk-service-navigation__link", has_text="Consultations"))
    press_and_follow(page, "Enter", status=200)
    assert main_heading(page) == "Consultations"
    assert "No consultations have been created yet" in page.locator("main").inner_text()

    tab_to(page, "Create a consultation")
    press_and_follow(page, "Enter", status=200)
    assert main_heading(page) == "Create a consultation"
    tab_to(page, "#id_area")
    page.keyboard.type("Leicester")
    tab_to(page, "#id_framework")
    page.keyboard.type("Draft")
    type_into(page, "#id_title", "Have your say on the 2017/18 framework")
    type_into(page, "#id_introduction", "The framework sets out how the PCC spends **£4.668m**.")
    opens = timezone.localdate() - dt.timedelta(days=1)
    closes = opens + dt.timedelta(days=35)
    _type_date(page, "opens_on", opens)
    # Closing before it opens first: the error page must be accessible too.
    _type_date(page, "closes_on", opens - dt.timedelta(days=2))
    _submit(page, "Create consultation")
    assert _error_summary(page) == ["The closing date must be after the opening date"]

    _type_date(page, "closes_on", closes)
    _submit(page, "Create consultation")
    consultation = Consultation.objects.get()
    assert page.url.endswith(f"/consultations/{consultation.pk}/")
    assert main_heading(page) == "Have your say on the 2017/18 framework"
    assert "has been created" in _banner(page)
    assert consultation.framework is not None
    overview = page.locator("main").inner_text()
    assert "Draft Commissioning Framework 2017/18" in overview
    assert f"{closes:%-d %B %Y} at 11:59pm" in overview
    assert f"/have-your-say/{consultation.slug}/" in overview

    tab_to(page, "Add or change questions")
    press_and_follow(page, "Enter", status=200)
    assert "The survey has no sections yet" in page.locator("main").inner_text()
    tab_to(page, "Add a section")
    press_and_follow(page, "Enter", status=200)
    assert main_heading(page) == "Add a section"
    type_into(page, "#id_title", "Significant changes")
    type_into(page, "#id_introduction", "- **Partnership Locality Fund**: an additional £50k")
    _submit(page, "Save section")
    assert "‘Significant changes’ has been saved" in _banner(page)

    # A support-scale question with a comment box.
    tab_to(page, "Add a question to section Significant changes")
    press_and_follow(page, "Enter", status=200)
    assert main_heading(page) == "Add a question"
    type_into(page, "#id_code", "Q1")
    type_into(page, "#id_text", "Do you support the proposed significant changes listed above?")
    choose_radio(page, "kind", "Single choice with “explain your answer”")
    type_into(page, "#id_comment_label", "Comments")
    _tick(page, "#id_support_scale")
    _submit(page, "Save question")
    assert "The question has been added" in _banner(page)

    # A tick-all-that-apply question with Other, at most two ticks.
    tab_to(page, "Add a question to section Significant changes")
    press_and_follow(page, "Enter", status=200)
    type_into(page, "#id_code", "Q2 c)")
    type_into(page, "#id_text", "Which elements do you consider to be important?")
    choose_radio(page, "kind", "Multiple choice (tick all that apply)")
    type_into(page, "#id_max_choices", "2")
    type_into(page, "#id_options", "Allowing for an implementation phase\nBeing open all year")
    _tick(page, "#id_has_other")
    _submit(page, "Save question")
    assert "The question has been added" in _banner(page)

    questions = list(consultation.sections.get().questions.order_by("order"))
    assert [(q.code, q.kind) for q in questions] == [
        ("Q1", QuestionKind.SINGLE_WITH_COMMENT),
        ("Q2 c)", QuestionKind.MULTIPLE),
    ]
    assert [o.label for o in questions[0].options.all()] == [
        "Fully support",
        "Partially support",
        "Do not support",
    ]
    assert questions[1].has_other
    assert questions[1].max_choices == 2

    main = page.locator("main").inner_text()
    assert "Section 1: Significant changes" in main
    for text in (
        "Fully support",
        "Do not support",
        "Comments",
        "Being open all year",
        "Other (please specify)",
        "Most that may be ticked",
    ):
        assert text in main, text
    assert page.locator(".govuk-summary-card").count() == 2

    # The second question moves up by keyboard.
    tab_to(page, "Move up Q2 c)")
    press_and_follow(page, "Enter", status=200)
    assert "Q2 c) has been moved up" in _banner(page)
    titles = page.locator(".govuk-summary-card__title").all_inner_texts()
    assert titles[0].startswith("Q2 c)")

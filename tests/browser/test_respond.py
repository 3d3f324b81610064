"""A member of the public answers the seed 002 survey by keyboard alone, with axe-core on
every page, and sees their reference."""

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page

from commissioning.accounts.models import User
from commissioning.consultations import services
from commissioning.consultations.models import Consultation, Question, Response, ResponseStatus
from commissioning.consultations.seed_survey import build_seed_002_survey
from commissioning.core.roles import Role
from tests.browser.helpers import (
    choose_radio,
    main_heading,
    press_and_follow,
    tab_to,
    type_into,
    visit,
)
from tests.factories import PolicingAreaFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _seed_consultation(officer: User) -> Consultation:
    now = timezone.now()
    consultation = services.consultation_create(
        actor=officer,
        area=PolicingAreaFactory.create(),
        title="Draft Commissioning Framework 2017/18",
        opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=13),
        introduction="Tell us what you think of the draft framework.",
        privacy_notice="We keep responses for two years.",
    )
    build_seed_002_survey(actor=officer, consultation=consultation)
    q1 = Question.objects.get(section__consultation=consultation, code="Q1")
    services.question_update(actor=officer, question=q1, required=True)
    q2c = Question.objects.get(section__consultation=consultation, code="Q2 c)")
    services.question_update(actor=officer, question=q2c, has_other=True, max_choices=2)
    return consultation


def _question(consultation: Consultation, code: str) -> Question:
    return Question.objects.get(section__consultation=consultation, code=code)


def _continue(page: Page) -> None:
    tab_to(page, "Save and continue")
    press_and_follow(page, "Enter", status=200)


def _tick(page: Page, label: str) -> None:
    tab_to(page, label)
    page.keyboard.press("Space")


def test_member_of_the_public_responds(page: Page, make_user: Callable[..., User]) -> None:
    consultation = _seed_consultation(make_user(Role.COMMISSIONING_OFFICER))
    q1, q2c = _question(consultation, "Q1"), _question(consultation, "Q2 c)")

    visit(page, "/have-your-say/")
    assert main_heading(page) == "Have your say"
    tab_to(page, consultation.title)
    press_and_follow(page, "Enter", status=200)
    assert main_heading(page) == consultation.title
    tab_to(page, "Start now")
    press_and_follow(page, "Enter", status=200)
    assert main_heading(page) == "About you"

    # Nothing chosen: the error summary says what to do.
    _continue(page)
    assert "Select whether you are responding" in page.locator(".govuk-error-summary").inner_text()
    choose_radio(page, "respondent_type", "As an individual")
    type_into(page, "#id_respondent_name", "Sam Patel")
    _continue(page)

    assert main_heading(page) == "Significant changes"
    choose_radio(page, f"q{q1.pk}", "Partially support")
    type_into(page, f"#id_q{q1.pk}_text", "More for victims of fraud, please.")
    _continue(page)

    assert main_heading(page) == "A grants process"
    choose_radio(page, f"q{_question(consultation, 'Q2 a)').pk}", "No")
    _tick(page, "Being open for bids throughout the year")
    _tick(page, "Other (please specify)")
    type_into(page, f"#id_q{q2c.pk}_other", "Plain English forms")
    _continue(page)

    assert main_heading(page) == "Simpler commissioning"
    choose_radio(page, f"q{_question(consultation, 'Q3 a)').pk}", "Fully support")
    _continue(page)

    assert main_heading(page) == "Anything else"
    type_into(page, f"#id_q{_question(consultation, 'Q4').pk}_text", "Keep it up.")
    _continue(page)

    assert main_heading(page) == "May we publish your response?"
    choose_radio(page, "publish_consent", "Yes, but without my name")
    _continue(page)

    assert main_heading(page) == "Check your answers before sending your response"
    answers = page.locator("main").inner_text()
    assert "Plain English forms" in answers
    assert "Partially support" in answers
    tab_to(page, "Send response")
    press_and_follow(page, "Enter", status=200)

    response = Response.objects.get(consultation=consultation)
    assert response.status == ResponseStatus.SUBMITTED
    assert page.locator(".govuk-panel__title").inner_text().strip() == "Response sent"
    assert response.reference in page.locator(".govuk-panel__body").inner_text()

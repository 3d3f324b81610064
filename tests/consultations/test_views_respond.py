"""The public answering a consultation: every page through the test client."""

import re
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from commissioning.consultations import services
from commissioning.consultations.models import (
    Answer,
    Comment,
    Consultation,
    PublishConsent,
    Question,
    QuestionKind,
    RespondentType,
    Response,
    ResponseStatus,
)
from commissioning.consultations.seed_survey import build_seed_002_survey
from commissioning.core.roles import Role
from tests.factories import PolicingAreaFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(make_user: Any) -> Any:
    return make_user(Role.COMMISSIONING_OFFICER)


def make_consultation(
    officer: Any,
    *,
    opens_at: datetime | None = None,
    closes_at: datetime | None = None,
    title: str = "Draft Commissioning Framework 2017/18",
) -> Consultation:
    now = timezone.now()
    consultation = services.consultation_create(
        actor=officer,
        area=PolicingAreaFactory.create(),
        title=title,
        opens_at=opens_at or now - timedelta(days=1),
        closes_at=closes_at or now + timedelta(days=13),
        introduction="Tell us what you think of **the draft**.",
        privacy_notice="We keep responses for two years.",
        contact="commissioning@example.org",
    )
    build_seed_002_survey(actor=officer, consultation=consultation)
    return consultation


@pytest.fixture
def seed(officer: Any) -> Consultation:
    consultation = make_consultation(officer)
    # Q1 needs an answer, Q2 c) allows at most two ticks and an "Other".
    q1 = Question.objects.get(section__consultation=consultation, code="Q1")
    services.question_update(actor=officer, question=q1, required=True)
    q2c = Question.objects.get(section__consultation=consultation, code="Q2 c)")
    services.question_update(actor=officer, question=q2c, max_choices=2, has_other=True)
    return consultation


def url(name: str, consultation: Consultation, *args: Any) -> str:
    return reverse(f"respond:{name}", args=[consultation.slug, *args])


def q(consultation: Consultation, code: str) -> Question:
    return Question.objects.get(section__consultation=consultation, code=code)


def option(question: Question, label: str) -> str:
    return str(question.options.get(label=label).pk)


def about_you(client: Client, consultation: Consultation, **data: str) -> Any:
    payload = {"respondent_type": RespondentType.INDIVIDUAL, "respondent_name": "Sam Patel"}
    payload.update(data)
    return client.post(url("about-you", consultation), payload)


def answer_all(client: Client, c: Consultation) -> None:
    """Answer every page of the seed survey, as someone would."""
    q1, q2a, q2c, q3a = q(c, "Q1"), q(c, "Q2 a)"), q(c, "Q2 c)"), q(c, "Q3 a)")
    assert about_you(client, c).status_code == 302
    pages = [
        {f"q{q1.pk}": option(q1, "Partially support"), f"q{q1.pk}_text": "More for victims."},
        {
            f"q{q2a.pk}": option(q2a, "No"),
            f"q{q2c.pk}": [option(q2c, "Being open for bids throughout the year"), "__other__"],
            f"q{q2c.pk}_other": "Plain English forms",
        },
        {f"q{q3a.pk}": option(q3a, "Fully support")},
        {f"q{q(c, 'Q4').pk}_text": "Keep going."},
    ]
    for number, data in enumerate(pages, start=1):
        response = client.post(url("section", c, number), data)
        assert response.status_code == 302, response.content.decode()[:2000]
    response = client.post(url("publishing", c), {"publish_consent": PublishConsent.ANONYMOUS})
    assert response["Location"] == url("check", c)


def submission_key(client: Client, c: Consultation) -> str:
    page = client.get(url("check", c)).content.decode()
    match = re.search(r'name="submission_key" value="([0-9a-f-]+)"', page)
    assert match, page
    return match.group(1)


# --- The list and the start page ---------------------------------------------------


def test_index_lists_open_and_recently_closed_but_not_forthcoming(
    client: Client, officer: Any, django_assert_num_queries: Any
) -> None:
    now = timezone.now()
    make_consultation(officer, title="Open one")
    make_consultation(
        officer,
        title="Closed one",
        opens_at=now - timedelta(days=40),
        closes_at=now - timedelta(days=10),
    )
    make_consultation(
        officer,
        title="Long closed",
        opens_at=now - timedelta(days=800),
        closes_at=now - timedelta(days=700),
    )
    make_consultation(
        officer,
        title="Coming soon",
        opens_at=now + timedelta(days=2),
        closes_at=now + timedelta(days=9),
    )
    with django_assert_num_queries(1):
        page = client.get(reverse("respond:index")).content.decode()
    open_part, closed_part = page.split("Recently closed")
    assert "Open one" in open_part
    assert "Closed one" not in open_part
    assert "Closed one" in closed_part
    assert "Long closed" not in page
    assert "Coming soon" not in page


def test_start_page_when_open(
    client: Client, seed: Consultation, django_assert_num_queries: Any
) -> None:
    with django_assert_num_queries(1):
        response = client.get(url("consultation", seed))
    page = response.content.decode()
    assert "<strong>the draft</strong>" in page
    assert "We keep responses for two years." in page
    assert "commissioning@example.org" in page
    assert "Start now" in page
    assert url("about-you", seed) in page


def test_closed_consultation_says_so_everywhere(client: Client, officer: Any) -> None:
    closes = datetime(2017, 2, 11, 0, 0, tzinfo=UTC)  # midnight, winter time: UK = UTC
    closed = make_consultation(officer, opens_at=closes - timedelta(days=30), closes_at=closes)
    page = client.get(url("consultation", closed)).content.decode()
    assert "This consultation closed on 10 February 2017" in page
    assert "Start now" not in page
    for path in (
        url("about-you", closed),
        url("section", closed, 1),
        url("publishing", closed),
        url("check", closed),
        url("save", closed),
    ):
        response = client.get(path)
        assert response.status_code == 200
        assert "This consultation closed on 10 February 2017" in response.content.decode(), path
    response = client.post(url("submit", closed), {"submission_key": str(uuid.uuid4())})
    assert "This consultation closed on 10 February 2017" in response.content.decode()
    assert not Response.objects.exists()


def test_consultation_that_closes_while_someone_answers_refuses_the_rest(
    client: Client, seed: Consultation
) -> None:
    answer_all(client, seed)
    key = submission_key(client, seed)
    Consultation.objects.filter(pk=seed.pk).update(
        closes_at=timezone.now()
    )  # the clock, not a user
    response = client.post(url("submit", seed), {"submission_key": key})
    assert "This consultation closed on" in response.content.decode()
    assert Response.objects.get().status == ResponseStatus.DRAFT


def test_forthcoming_consultation_is_not_found(client: Client, officer: Any) -> None:
    now = timezone.now()
    soon = make_consultation(
        officer, opens_at=now + timedelta(days=1), closes_at=now + timedelta(days=9)
    )
    for path in (url("consultation", soon), url("about-you", soon), url("check", soon)):
        assert client.get(path).status_code == 404


# --- The journey ----------------------------------------------------------------------


def test_full_journey_submits_once_and_shows_the_reference(
    client: Client, seed: Consultation
) -> None:
    answer_all(client, seed)
    check = client.get(url("check", seed)).content.decode()
    assert "Partially support" in check
    assert "More for victims." in check
    assert "Other: Plain English forms" in check
    assert "Yes, but without my name" in check
    assert check.count(">Change<") >= 12  # every answer can be changed
    assert url("section", seed, 2) in check

    key = submission_key(client, seed)
    response = client.post(url("submit", seed), {"submission_key": key})
    assert response["Location"] == url("done", seed)
    done = client.get(url("done", seed)).content.decode()
    stored = Response.objects.get()
    assert stored.status == ResponseStatus.SUBMITTED
    assert stored.respondent_type == RespondentType.INDIVIDUAL
    assert stored.respondent_name == "Sam Patel"
    assert stored.publish_consent == PublishConsent.ANONYMOUS
    assert "govuk-panel" in done
    assert stored.reference in done
    assert set(Comment.objects.values_list("text", flat=True)) == {
        "More for victims.",
        "Plain English forms",
        "Keep going.",
    }


def test_double_submit_stores_one_response_and_shows_the_same_confirmation(
    client: Client, seed: Consultation
) -> None:
    answer_all(client, seed)
    key = submission_key(client, seed)
    first = client.post(url("submit", seed), {"submission_key": key})
    second = client.post(url("submit", seed), {"submission_key": key})
    assert first["Location"] == second["Location"] == url("done", seed)
    assert Response.objects.filter(status=ResponseStatus.SUBMITTED).count() == 1
    assert Response.objects.get().reference in client.get(url("done", seed)).content.decode()


def test_a_key_not_issued_to_this_session_sends_nothing(client: Client, seed: Consultation) -> None:
    answer_all(client, seed)
    submission_key(client, seed)
    response = client.post(url("submit", seed), {"submission_key": str(uuid.uuid4())})
    assert response["Location"] == url("check", seed)
    assert Response.objects.get().status == ResponseStatus.DRAFT


def test_pages_need_a_started_response(client: Client, seed: Consultation) -> None:
    for path in (url("section", seed, 1), url("publishing", seed), url("check", seed)):
        assert client.get(path)["Location"] == url("consultation", seed)
    assert client.get(url("done", seed))["Location"] == url("consultation", seed)


def test_another_session_cannot_see_the_draft(client: Client, seed: Consultation) -> None:
    answer_all(client, seed)
    stranger = Client()
    assert stranger.get(url("check", seed))["Location"] == url("consultation", seed)


def test_about_you_requires_the_organisation_name(client: Client, seed: Consultation) -> None:
    response = about_you(client, seed, respondent_type=RespondentType.ORGANISATION)
    page = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in page
    assert "Enter the name of your organisation" in page
    assert not Response.objects.exists()
    about_you(client, seed, respondent_type="", respondent_name="")
    response = about_you(client, seed, respondent_type="")
    assert "Select whether you are responding as an individual" in response.content.decode()

    about_you(
        client, seed, respondent_type=RespondentType.ORGANISATION, organisation_name="Victim First"
    )
    assert Response.objects.get().organisation_name == "Victim First"


def test_required_question(client: Client, seed: Consultation) -> None:
    about_you(client, seed)
    response = client.post(url("section", seed, 1), {})
    page = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in page
    assert "Select an answer to Q1" in page
    assert not Answer.objects.exists()


def test_other_needs_its_text(client: Client, seed: Consultation) -> None:
    about_you(client, seed)
    q2c = q(seed, "Q2 c)")
    response = client.post(url("section", seed, 2), {f"q{q2c.pk}": ["__other__"]})
    page = response.content.decode()
    assert "Say what your other answer is" in page
    assert f'href="#id_q{q2c.pk}_other"' in page
    assert not Answer.objects.exists()


def test_at_most_max_ticks(client: Client, seed: Consultation) -> None:
    about_you(client, seed)
    q2c = q(seed, "Q2 c)")
    ticks = [str(pk) for pk in q2c.options.values_list("pk", flat=True)[:3]]
    response = client.post(url("section", seed, 2), {f"q{q2c.pk}": ticks})
    assert "Select no more than 2 options" in response.content.decode()
    assert not Answer.objects.exists()
    response = client.post(url("section", seed, 2), {f"q{q2c.pk}": ticks[:2]})
    assert response.status_code == 302
    assert Answer.objects.get().choices.count() == 2


def test_answers_are_shown_again_when_coming_back(client: Client, seed: Consultation) -> None:
    answer_all(client, seed)
    page = client.get(url("section", seed, 2)).content.decode()
    assert re.search(r'value="__other__"[^>]*checked', page)
    assert "Plain English forms" in page


def test_analyst_questions_are_not_asked(client: Client, officer: Any, seed: Consultation) -> None:
    section = seed.sections.get(title="Anything else")
    services.question_create(
        actor=officer,
        section=section,
        code="A1",
        text="Coded by analyst",
        kind=QuestionKind.SHORT_TEXT,
        analyst_only=True,
    )
    about_you(client, seed)
    assert "Coded by analyst" not in client.get(url("section", seed, 4)).content.decode()


def test_section_out_of_range_is_not_found(client: Client, seed: Consultation) -> None:
    about_you(client, seed)
    assert client.get(url("section", seed, 5)).status_code == 404
    assert client.get(url("section", seed, 0)).status_code == 404


def test_check_page_sends_people_back_to_unanswered_steps(
    client: Client, seed: Consultation
) -> None:
    about_you(client, seed)
    assert client.get(url("check", seed))["Location"] == url("publishing", seed)


def test_submit_refused_while_a_required_question_is_unanswered(
    client: Client, seed: Consultation
) -> None:
    about_you(client, seed)
    client.post(url("publishing", seed), {"publish_consent": PublishConsent.NO})
    page = client.get(url("check", seed)).content.decode()
    assert "Not answered" in page
    key = submission_key(client, seed)
    page = client.post(url("submit", seed), {"submission_key": key}).content.decode()
    assert "govuk-error-summary" in page
    assert "Answer every required question: Q1" in page
    assert Response.objects.get().status == ResponseStatus.DRAFT


def test_publishing_requires_a_choice(client: Client, seed: Consultation) -> None:
    about_you(client, seed)
    page = client.get(url("publishing", seed)).content.decode()
    assert "checked" not in page  # nothing chosen for them
    page = client.post(url("publishing", seed), {}).content.decode()
    assert "Select whether we may publish your response" in page


# --- Save and return --------------------------------------------------------------------


def test_save_and_return(
    client: Client, seed: Consultation, django_capture_on_commit_callbacks: Any
) -> None:
    about_you(client, seed)
    q1 = q(seed, "Q1")
    response = client.post(
        url("section", seed, 1),
        {f"q{q1.pk}": option(q1, "Fully support"), "then": "save"},
    )
    assert response["Location"] == url("save", seed)
    page = client.post(url("save", seed), {"email": "not an address"}).content.decode()
    assert "Enter an e-mail address in the correct format" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("save", seed), {"email": "sam@example.org"})
    assert response["Location"] == url("saved", seed)
    assert "sam@example.org" in client.get(url("saved", seed)).content.decode()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["sam@example.org"]
    link = re.search(r"http\S+/resume/(\S+)/", str(message.body))
    assert link, message.body
    token = link.group(1)
    draft = Response.objects.get()
    assert draft.resume_email == "sam@example.org"
    assert token not in draft.resume_token_hash  # only a hash is kept

    # This browser let go of the draft (a shared computer); the link brings it back.
    assert client.get(url("section", seed, 1))["Location"] == url("consultation", seed)
    other = Client()
    resume = url("resume", seed, token)
    assert other.get(resume).status_code == 200
    assert other.post(resume)["Location"] == url("about-you", seed)
    assert 'value="Sam Patel"' in other.get(url("about-you", seed)).content.decode()
    # The link works once.
    assert Client().post(resume).status_code == 404
    assert "This link does not work any more" in Client().get(resume).content.decode()

    answer_all(other, seed)
    key = submission_key(other, seed)
    other.post(url("submit", seed), {"submission_key": key})
    draft.refresh_from_db()
    assert draft.status == ResponseStatus.SUBMITTED
    assert draft.resume_email == ""  # erased once sent


def test_no_mail_when_nothing_was_saved(
    client: Client, seed: Consultation, django_capture_on_commit_callbacks: Any
) -> None:
    about_you(client, seed)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("save", seed), {"email": ""})
    assert mail.outbox == []


def test_invalid_resume_token(client: Client, seed: Consultation) -> None:
    response = client.get(url("resume", seed, "not-a-token"))
    assert response.status_code == 404
    assert "This link does not work any more" in response.content.decode()


# --- Query counts -----------------------------------------------------------------------


def test_query_counts(client: Client, seed: Consultation, django_assert_num_queries: Any) -> None:
    answer_all(client, seed)
    # session, consultation, draft, sections, questions, options (+ answers, choices)
    with django_assert_num_queries(3):
        client.get(url("about-you", seed))
    for number in (1, 2, 3, 4):
        with django_assert_num_queries(8):
            assert client.get(url("section", seed, number)).status_code == 200
    with django_assert_num_queries(4):
        client.get(url("publishing", seed))
    # ... and, the first time, storing the submission key in the session
    with django_assert_num_queries(11):
        client.get(url("check", seed))
    with django_assert_num_queries(8):
        client.get(url("check", seed))
    with django_assert_num_queries(3):
        client.get(url("save", seed))
    client.post(url("submit", seed), {"submission_key": submission_key(client, seed)})
    with django_assert_num_queries(3):
        client.get(url("done", seed))

import threading
import uuid
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from commissioning.consultations import services
from commissioning.consultations.models import (
    Comment,
    Consultation,
    ConsultationStatus,
    PublishConsent,
    QuestionKind,
    RespondentType,
    Response,
    ResponseStatus,
)
from commissioning.core.roles import Role
from tests.factories import PolicingAreaFactory


@pytest.fixture
def officer(make_user):
    return make_user(Role.COMMISSIONING_OFFICER)


def _open_consultation(officer, **kwargs):
    now = timezone.now()
    consultation = services.consultation_create(
        actor=officer,
        area=PolicingAreaFactory(),
        title="Draft Commissioning Framework 2017/18",
        opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=13),
        **kwargs,
    )
    section = services.section_create(actor=officer, consultation=consultation, title="Questions")
    q1 = services.question_create(
        actor=officer,
        section=section,
        code="Q1",
        required=True,
        text="Do you support the proposed significant changes listed above?",
        kind=QuestionKind.SINGLE_WITH_COMMENT,
        options=services.SUPPORT_SCALE,
    )
    q2 = services.question_create(
        actor=officer,
        section=section,
        code="Q2 c)",
        kind=QuestionKind.MULTIPLE,
        max_choices=2,
        text="Which elements do you consider to be important?",
        has_other=True,
        options=["Implementation phase", "Flexible measures", "Proportionate contact"],
    )
    return consultation, q1, q2


def _submit(response, key=None, **kwargs):
    kwargs.setdefault("respondent_type", RespondentType.INDIVIDUAL)
    kwargs.setdefault("publish_consent", PublishConsent.ANONYMOUS)
    return services.response_submit(response=response, submission_key=key or uuid.uuid4(), **kwargs)


@pytest.mark.django_db
def test_status_follows_the_dates_and_actions(officer):
    consultation, _q1, _q2 = _open_consultation(officer)
    now = timezone.now()
    assert consultation.status == ConsultationStatus.OPEN
    assert consultation.status_at(now - timedelta(days=2)) == ConsultationStatus.FORTHCOMING
    assert consultation.status_at(now + timedelta(days=14)) == ConsultationStatus.CLOSED
    consultation.analysis_started_at = now
    assert consultation.status == ConsultationStatus.ANALYSING
    consultation.outcome_published_at = now
    assert consultation.status == ConsultationStatus.OUTCOME_PUBLISHED


@pytest.mark.django_db
def test_a_response_is_submitted_with_its_answers_turned_into_comments(officer):
    consultation, q1, q2 = _open_consultation(officer)
    response = services.response_start(consultation=consultation)
    fully = q1.options.get(label="Fully support")
    services.answer_save(
        response=response, question=q1, choices=[str(fully.pk)], text="More for victims, please."
    )
    flexible = q2.options.get(label="Flexible measures")
    services.answer_save(
        response=response,
        question=q2,
        choices=[str(flexible.pk), services.OTHER],
        other_text="Bids all year",
    )
    submitted = _submit(
        response, respondent_type=RespondentType.ORGANISATION, organisation_name="Catch 22"
    )
    assert submitted.status == ResponseStatus.SUBMITTED
    assert submitted.organisation_name == "Catch 22"
    assert list(Comment.objects.values_list("text", flat=True)) == [
        "More for victims, please.",
        "Bids all year",
    ]


@pytest.mark.django_db
def test_submitting_twice_with_the_same_key_stores_one_response(officer):
    consultation, q1, _q2 = _open_consultation(officer)
    response = services.response_start(consultation=consultation)
    services.answer_save(response=response, question=q1, choices=[str(q1.options.first().pk)])
    key = uuid.uuid4()
    first = _submit(response, key)
    second = _submit(response, key)
    assert first.pk == second.pk
    assert Response.objects.filter(status=ResponseStatus.SUBMITTED).count() == 1
    with pytest.raises(ValidationError, match="already been submitted"):
        _submit(response, uuid.uuid4())


@pytest.mark.django_db(transaction=True)
def test_simultaneous_submissions_of_one_response_store_it_once(officer):
    if connection.vendor == "sqlite":
        pytest.skip("SQLite serialises writers; the race needs PostgreSQL's row locks")
    consultation, q1, _q2 = _open_consultation(officer)
    response = services.response_start(consultation=consultation)
    services.answer_save(response=response, question=q1, choices=[str(q1.options.first().pk)])
    key = uuid.uuid4()
    results, errors = [], []

    def submit():
        try:
            results.append(_submit(Response.objects.get(pk=response.pk), key).pk)
        except Exception as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert set(results) == {response.pk}
    assert Comment.objects.count() == 0  # no written answer, and nothing doubled


@pytest.mark.django_db
def test_answers_are_validated(officer):
    consultation, q1, q2 = _open_consultation(officer)
    response = services.response_start(consultation=consultation)
    a, b, c = (str(o.pk) for o in q2.options.all())
    with pytest.raises(ValidationError, match="no more than 2"):
        services.answer_save(response=response, question=q2, choices=[a, b, c])
    with pytest.raises(ValidationError, match="Say what your other answer is"):
        services.answer_save(response=response, question=q2, choices=[services.OTHER])
    fully, partially, _no = (str(o.pk) for o in q1.options.all())
    with pytest.raises(ValidationError, match="Select one option"):
        services.answer_save(response=response, question=q1, choices=[fully, partially])
    with pytest.raises(ValidationError, match="Select one of the options given"):
        services.answer_save(response=response, question=q1, choices=[a])  # q2's option
    with pytest.raises(ValidationError, match="Answer every required question: Q1"):
        _submit(response)
    with pytest.raises(ValidationError, match="Enter the name of your organisation"):
        _submit(response, respondent_type=RespondentType.ORGANISATION)


@pytest.mark.django_db
def test_questions_are_fixed_once_people_have_responded(officer):
    consultation, q1, _q2 = _open_consultation(officer)
    services.question_update(actor=officer, question=q1, help_text="Before anyone answered")
    response = services.response_start(consultation=consultation)
    services.answer_save(response=response, question=q1, choices=[str(q1.options.first().pk)])
    _submit(response)
    with pytest.raises(ValidationError, match="cannot be changed"):
        services.question_update(actor=officer, question=q1, text="Changed")
    # Adding a question is still fine.
    services.question_create(
        actor=officer, section=q1.section, text="Any other comments?", kind=QuestionKind.LONG_TEXT
    )


@pytest.mark.django_db
def test_after_closing_the_form_refuses_online_responses_but_officers_can_enter_them(officer):
    consultation, q1, _q2 = _open_consultation(officer)
    response = services.response_start(consultation=consultation)
    services.answer_save(response=response, question=q1, choices=[str(q1.options.first().pk)])
    later = consultation.closes_at + timedelta(minutes=1)
    with pytest.raises(ValidationError, match="closed before your response was sent"):
        _submit(response, now=later)
    entered = _submit(response, now=later, channel="letter", entered_by=officer)
    assert entered.channel == "letter"
    assert Consultation.objects.get().responses.get().entered_by == officer


@pytest.mark.django_db
def test_save_and_return_keeps_only_a_hash_and_forgets_the_address_on_submit(officer):
    consultation, q1, _q2 = _open_consultation(officer)
    response = services.response_start(consultation=consultation)
    token = services.response_save_for_later(response=response, email="me@example.org")
    stored = Response.objects.get(pk=response.pk)
    assert token not in stored.resume_token_hash
    assert services.response_resume(token=token) == stored
    assert services.response_resume(token="wrong") is None
    services.answer_save(response=stored, question=q1, choices=[str(q1.options.first().pk)])
    _submit(stored)
    stored.refresh_from_db()
    assert (stored.resume_email, stored.resume_token_hash) == ("", "")
    assert services.response_resume(token=token) is None


@pytest.mark.django_db
def test_officer_entered_responses_need_not_answer_required_questions(officer):
    consultation, _q1, _q2 = _open_consultation(officer)
    response = services.response_start(consultation=consultation)
    with pytest.raises(ValidationError, match="Answer every required question"):
        _submit(response)
    entered = _submit(response, channel="letter", entered_by=officer, check_required=False)
    assert entered.status == ResponseStatus.SUBMITTED

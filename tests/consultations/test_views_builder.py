"""The consultation builder: list, create, overview, details, the Questions tab (sections
and questions: add, change, move, delete), the Responses tab and entering a response
received on paper."""

import datetime as dt
import html
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from commissioning.consultations import services
from commissioning.consultations.models import (
    Channel,
    Comment,
    Consultation,
    Option,
    PublishConsent,
    Question,
    QuestionKind,
    RespondentType,
    Response,
    ResponseStatus,
    Section,
)
from commissioning.consultations.seed_survey import build_seed_002_survey
from commissioning.core.roles import Role
from tests.consultations.factories import (
    ConsultationFactory,
    OptionFactory,
    QuestionFactory,
    ResponseFactory,
    SectionFactory,
)
from tests.factories import FrameworkFactory, PolicingAreaFactory

pytestmark = pytest.mark.django_db

LIST_URL = reverse("consultations:list")
CREATE_URL = reverse("consultations:create")


def url(name, consultation, *args):
    return reverse(f"consultations:{name}", args=[consultation.pk, *args])


def content(response):
    return html.unescape(response.content.decode())


def errors(response):
    form = response.context["form"]
    return {name: [str(m) for m in messages] for name, messages in form.errors.items()}


def date_fields(prefix, day):
    return {f"{prefix}_day": day.day, f"{prefix}_month": day.month, f"{prefix}_year": day.year}


def with_survey(consultation=None):
    """A consultation with one section holding a support-scale question with a comment box
    and a tick-all-that-apply question with Other (at most 2)."""
    consultation = consultation or ConsultationFactory()
    section = services.section_create(actor=None, consultation=consultation, title="Changes")
    q1 = services.question_create(
        actor=None,
        section=section,
        code="Q1",
        kind=QuestionKind.SINGLE_WITH_COMMENT,
        text="Do you support the changes?",
        options=services.SUPPORT_SCALE,
    )
    q2 = services.question_create(
        actor=None,
        section=section,
        code="Q2",
        kind=QuestionKind.MULTIPLE,
        text="Which matter most?",
        options=["Implementation phase", "Flexible measures", "Proportionate contact"],
        has_other=True,
        max_choices=2,
    )
    return consultation, section, q1, q2


# --- Permissions per role ---------------------------------------------------------------


@pytest.fixture
def panel_client(make_user, login):
    return login(make_user(Role.PANEL_MEMBER))


def test_anonymous_visitors_are_sent_to_sign_in(client):
    consultation = ConsultationFactory()
    assert client.get(LIST_URL).status_code == 302
    assert client.get(url("detail", consultation)).status_code == 302


@pytest.mark.parametrize("role", [Role.PROVIDER, Role.CSP])
def test_providers_and_csp_users_see_no_consultation(make_user, login, role):
    consultation, section, q1, _q2 = with_survey()
    client = login(make_user(role))
    assert client.get(LIST_URL).status_code == 403
    assert client.get(CREATE_URL).status_code == 403
    for name in ("detail", "edit", "questions", "responses", "response-add", "section-add"):
        assert client.get(url(name, consultation)).status_code == 404, name
    assert client.get(url("question-edit", consultation, q1.pk)).status_code == 404
    assert client.post(url("section-delete", consultation, section.pk)).status_code == 404
    assert Section.objects.filter(pk=section.pk).exists()


@pytest.mark.parametrize("role", [Role.PANEL_MEMBER, Role.ASSESSOR])
def test_panel_members_and_assessors_read_but_cannot_change(make_user, login, role):
    consultation, section, q1, _q2 = with_survey()
    client = login(make_user(role))
    for name in ("detail", "questions", "responses"):
        page = client.get(url(name, consultation))
        assert page.status_code == 200, name
        for action in ("edit", "section-add", "response-add"):
            assert url(action, consultation) not in content(page), (name, action)
    assert url("question-edit", consultation, q1.pk) not in content(
        client.get(url("questions", consultation))
    )
    assert CREATE_URL not in content(client.get(LIST_URL))
    forms = [
        CREATE_URL,
        url("edit", consultation),
        url("section-add", consultation),
        url("section-edit", consultation, section.pk),
        url("section-delete", consultation, section.pk),
        url("question-add", consultation, section.pk),
        url("question-edit", consultation, q1.pk),
        url("question-delete", consultation, q1.pk),
        url("response-add", consultation),
    ]
    for target in forms:
        assert client.get(target).status_code == 403, target
        assert client.post(target, {"title": "X"}).status_code == 403, target
    for target in (
        url("section-move", consultation, section.pk),
        url("question-move", consultation, q1.pk),
    ):
        assert client.post(target, {"direction": "down"}).status_code == 403, target
    assert Section.objects.get().title == "Changes"
    assert Question.objects.count() == 2


def test_editors_see_every_action(officer_client):
    consultation, section, q1, _q2 = with_survey()
    overview = content(officer_client.get(url("detail", consultation)))
    for name in ("edit", "questions", "responses", "response-add"):
        assert url(name, consultation) in overview, name
    questions = content(officer_client.get(url("questions", consultation)))
    for target in (
        url("section-add", consultation),
        url("section-edit", consultation, section.pk),
        url("question-add", consultation, section.pk),
        url("question-edit", consultation, q1.pk),
        url("question-delete", consultation, q1.pk),
    ):
        assert target in questions, target


def test_objects_of_another_consultation_are_not_found(officer_client):
    _consultation, section, q1, _q2 = with_survey()
    other = ConsultationFactory()
    assert officer_client.get(url("section-edit", other, section.pk)).status_code == 404
    assert officer_client.get(url("question-edit", other, q1.pk)).status_code == 404
    assert officer_client.get(reverse("consultations:detail", args=[999999])).status_code == 404


# --- List, create, overview, details ----------------------------------------------------


def test_empty_list_invites_an_editor_to_create_one(officer_client):
    page = content(officer_client.get(LIST_URL))
    assert "No consultations have been created yet" in page
    assert CREATE_URL in page


def test_list_shows_status_and_counts_submitted_responses(officer_client):
    consultation = ConsultationFactory(title="Draft framework 2017/18")
    ResponseFactory.create_batch(3, consultation=consultation)
    ResponseFactory(consultation=consultation, status=ResponseStatus.DRAFT, submitted_at=None)
    ConsultationFactory(opens_at=timezone.now() + dt.timedelta(days=3), title="Later one")
    response = officer_client.get(LIST_URL)
    rows = {c.title: c for c in response.context["page_obj"].object_list}
    assert rows["Draft framework 2017/18"].response_count == 3
    assert rows["Later one"].response_count == 0
    page = content(response)
    assert "Open" in page
    assert "Forthcoming" in page


def create_data(place, **overrides):
    data = {
        "area": place.pk,
        "framework": "",
        "title": "Draft Commissioning Framework 2017/18",
        "introduction": "The framework sets out **how** the PCC spends £4.668m.",
        "audience": "both",
        **date_fields("opens_on", dt.date(2017, 1, 6)),
        "opens_time": "09:00",
        **date_fields("closes_on", dt.date(2017, 7, 10)),
        "closes_time": "23:59",
        "privacy_notice": "",
        "contact": "opcc@example.org",
    }
    data.update(overrides)
    return data


def test_officer_creates_a_consultation_on_a_framework_in_uk_time(officer_client):
    area = PolicingAreaFactory()
    framework = FrameworkFactory(area=area)
    response = officer_client.post(CREATE_URL, create_data(area, framework=framework.pk))
    consultation = Consultation.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("detail", consultation)
    assert consultation.framework == framework
    assert consultation.slug == "draft-commissioning-framework-201718"
    # 9am in January is GMT; 11:59pm in July is BST (an hour ahead of UTC).
    assert consultation.opens_at == dt.datetime(2017, 1, 6, 9, 0, tzinfo=dt.UTC)
    assert consultation.closes_at == dt.datetime(2017, 7, 10, 22, 59, tzinfo=dt.UTC)
    page = content(officer_client.get(url("detail", consultation)))
    assert "6 January 2017 at 9:00am" in page
    assert "10 July 2017 at 11:59pm" in page
    assert f"/have-your-say/{consultation.slug}/" in page
    assert "<strong>how</strong>" in page
    assert framework.title in page


def test_create_page_offers_the_framework_passed_in_the_address(officer_client):
    framework = FrameworkFactory()
    response = officer_client.get(CREATE_URL, {"framework": framework.pk})
    assert response.context["form"]["framework"].value() == str(framework.pk)


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"title": ""}, "title", "Enter a title"),
        ({"area": ""}, "area", "Select the area"),
        ({"opens_time": "nine"}, "opens_time", "Enter a time like 09:00 or 17:30"),
        ({"closes_time": "25:00"}, "closes_time", "Enter a real time, like 09:00 or 17:30"),
        (
            date_fields("closes_on", dt.date(2017, 1, 6)) | {"closes_time": "08:00"},
            "closes_on",
            "The closing date must be after the opening date",
        ),
        ({"closes_on_month": ""}, "closes_on", "The closing date must include a month"),
    ],
)
def test_create_validation(officer_client, overrides, field, message):
    area = PolicingAreaFactory()
    response = officer_client.post(CREATE_URL, create_data(area, **overrides))
    assert response.status_code == 200
    assert errors(response)[field] == [message]
    assert not Consultation.objects.exists()
    assert "govuk-error-summary" in content(response)


def test_the_framework_must_belong_to_the_area(officer_client):
    area = PolicingAreaFactory(name="Lancashire")
    other = FrameworkFactory()
    response = officer_client.post(CREATE_URL, create_data(area, framework=other.pk))
    assert errors(response)["framework"] == ["Choose a framework of Lancashire"]


def test_times_like_9am_and_5_30pm_are_understood(officer_client):
    area = PolicingAreaFactory()
    officer_client.post(CREATE_URL, create_data(area, opens_time="9am", closes_time="5.30pm"))
    consultation = Consultation.objects.get()
    assert consultation.opens_at.astimezone(dt.UTC).hour == 9
    assert consultation.closes_at == dt.datetime(2017, 7, 10, 16, 30, tzinfo=dt.UTC)


def test_editing_keeps_the_web_address(officer_client):
    consultation = ConsultationFactory(slug="draft-2017-18")
    page = officer_client.get(url("edit", consultation))
    form = page.context["form"]
    assert form["title"].value() == consultation.title
    data = create_data(consultation.area, title="Renamed consultation")
    response = officer_client.post(url("edit", consultation), data)
    assert response.status_code == 302
    consultation.refresh_from_db()
    assert consultation.title == "Renamed consultation"
    assert consultation.slug == "draft-2017-18"
    assert consultation.history.first().history_user is not None


def test_overview_counts_responses_by_channel(officer_client):
    consultation = ConsultationFactory()
    ResponseFactory.create_batch(2, consultation=consultation)
    ResponseFactory(consultation=consultation, channel=Channel.LETTER)
    ResponseFactory(consultation=consultation, status=ResponseStatus.DRAFT, submitted_at=None)
    response = officer_client.get(url("detail", consultation))
    assert response.context["counts"]["submitted"] == 3
    assert response.context["counts"]["in_progress"] == 1
    assert [(str(label), n) for label, n in response.context["by_channel"]] == [
        ("Online", 2),
        ("Letter", 1),
    ]


def test_tabs_link_to_the_pages_that_exist(officer_client):
    consultation = ConsultationFactory()
    page = content(officer_client.get(url("questions", consultation)))
    assert 'aria-current="page">Questions' in page
    for name in ("detail", "responses"):
        assert f'href="{url(name, consultation)}"' in page


# --- Sections ---------------------------------------------------------------------------


def test_officer_adds_changes_moves_and_deletes_sections(officer_client):
    consultation = ConsultationFactory()
    response = officer_client.post(
        url("section-add", consultation), {"title": "Significant changes", "introduction": ""}
    )
    first = Section.objects.get()
    assert response["Location"] == url("questions", consultation) + f"#section-{first.pk}"
    officer_client.post(url("section-add", consultation), {"title": "A grants process"})
    second = Section.objects.get(title="A grants process")
    assert officer_client.post(url("section-add", consultation), {"title": ""}).status_code == 200

    officer_client.post(
        url("section-edit", consultation, first.pk),
        {"title": "Changes", "introduction": "**Read** first"},
    )
    first.refresh_from_db()
    assert (first.title, first.introduction) == ("Changes", "**Read** first")

    officer_client.post(url("section-move", consultation, second.pk), {"direction": "up"})
    assert list(consultation.sections.order_by("order").values_list("title", flat=True)) == [
        "A grants process",
        "Changes",
    ]
    refused = officer_client.post(
        url("section-move", consultation, second.pk), {"direction": "up"}, follow=True
    )
    assert "This is already first" in content(refused)
    bad = officer_client.post(url("section-move", consultation, second.pk), {"direction": "x"})
    assert bad.status_code == 404

    confirm = officer_client.get(url("section-delete", consultation, first.pk))
    assert "Are you sure you want to delete the section ‘Changes’?" in content(confirm)
    officer_client.post(url("section-delete", consultation, first.pk))
    assert list(consultation.sections.values_list("title", flat=True)) == ["A grants process"]


# --- Questions --------------------------------------------------------------------------


def question_data(**overrides):
    data = {
        "code": "Q1",
        "text": "Do you support the proposed significant changes listed above?",
        "help_text": "",
        "kind": QuestionKind.SINGLE_WITH_COMMENT,
        "options": "",
        "support_scale": "on",
        "comment_label": "Comments",
        "max_choices": "",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_officer_adds_a_support_scale_question_with_a_comment_box(officer_client):
    section = SectionFactory()
    consultation = section.consultation
    response = officer_client.post(
        url("question-add", consultation, section.pk),
        question_data(comment_label="Why do you say that?"),
    )
    question = Question.objects.get()
    assert response["Location"].endswith(f"#question-{question.pk}")
    assert [o.label for o in question.options.all()] == [
        "Fully support",
        "Partially support",
        "Do not support",
    ]
    assert question.comment_label == "Why do you say that?"
    assert question.kind == QuestionKind.SINGLE_WITH_COMMENT
    page = content(officer_client.get(url("questions", consultation)))
    assert "Do you support the proposed significant changes listed above?" in page
    assert "Why do you say that?" in page


def test_officer_adds_a_tick_all_that_apply_question_with_other(officer_client):
    section = SectionFactory()
    officer_client.post(
        url("question-add", section.consultation, section.pk),
        question_data(
            code="Q2 c)",
            text="Which elements are important?",
            kind=QuestionKind.MULTIPLE,
            support_scale=None,
            options="Implementation phase\n\nFlexible measures\n",
            has_other="on",
            max_choices="2",
            required="on",
            comment_label="Ignored: not shown for this type",
        ),
    )
    question = Question.objects.get()
    assert [o.label for o in question.options.all()] == [
        "Implementation phase",
        "Flexible measures",
    ]
    assert (question.code, question.has_other, question.max_choices, question.required) == (
        "Q2 c)",
        True,
        2,
        True,
    )
    assert question.comment_label == "Comments"
    page = content(officer_client.get(url("questions", section.consultation)))
    assert "Other (please specify)" in page
    assert "Required" in page


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"text": ""}, "text", "Enter the question"),
        ({"kind": ""}, "kind", "Select the type of answer"),
        (
            {"options": "Yes\nNo"},
            "options",
            "Either type the options or use the support scale, not both",
        ),
        (
            {"kind": QuestionKind.LONG_TEXT, "support_scale": None, "options": "Yes\nNo"},
            "options",
            "Only single choice and tick-box questions have options",
        ),
        (
            {"kind": QuestionKind.SINGLE, "support_scale": None, "options": "Only one"},
            "options",
            "Enter at least 2 options",
        ),
        (
            {"kind": QuestionKind.SINGLE, "support_scale": None, "options": "Yes\nyes"},
            "options",
            "Each option must be different",
        ),
        ({"comment_label": ""}, "comment_label", "Enter the label of the comment box"),
        (
            {"kind": QuestionKind.MULTIPLE, "max_choices": "0"},
            "max_choices",
            "Enter a number of 1 or more",
        ),
    ],
)
def test_question_validation(officer_client, overrides, field, message):
    section = SectionFactory()
    response = officer_client.post(
        url("question-add", section.consultation, section.pk), question_data(**overrides)
    )
    assert response.status_code == 200
    assert errors(response)[field] == [message]
    assert not Question.objects.exists()


def test_officer_changes_a_question_and_its_options(officer_client):
    consultation, _section, q1, q2 = with_survey()
    form = officer_client.get(url("question-edit", consultation, q1.pk)).context["form"]
    assert form["support_scale"].value() is True
    assert form["options"].value() == ""
    first_option = q2.options.order_by("order").first()
    response = officer_client.post(
        url("question-edit", consultation, q2.pk),
        question_data(
            code="Q2",
            text="Which matter most to you?",
            kind=QuestionKind.MULTIPLE,
            support_scale=None,
            options="Implementation phase\nBids all year",
            has_other=None,
            max_choices="",
        ),
    )
    assert response.status_code == 302
    q2.refresh_from_db()
    assert q2.text == "Which matter most to you?"
    assert (q2.has_other, q2.max_choices) == (False, None)
    options = list(q2.options.order_by("order"))
    assert [o.label for o in options] == ["Implementation phase", "Bids all year"]
    assert options[0].pk == first_option.pk  # kept, so its history continues
    assert Option.objects.filter(question=q2).count() == 2


def test_officer_moves_and_deletes_a_question(officer_client):
    consultation, _section, q1, q2 = with_survey()
    officer_client.post(url("question-move", consultation, q2.pk), {"direction": "up"})
    assert list(Question.objects.order_by("order").values_list("code", flat=True)) == ["Q2", "Q1"]
    confirm = content(officer_client.get(url("question-delete", consultation, q1.pk)))
    assert "Are you sure you want to delete this question?" in confirm
    officer_client.post(url("question-delete", consultation, q1.pk))
    assert list(Question.objects.values_list("code", flat=True)) == ["Q2"]


def test_once_people_have_responded_questions_are_fixed_but_can_be_added(officer_client):
    consultation, section, q1, _q2 = with_survey()
    ResponseFactory(consultation=consultation)
    message = "People have already responded, so existing questions cannot be changed"

    page = content(officer_client.get(url("questions", consultation)))
    assert message in page
    assert url("question-edit", consultation, q1.pk) not in page
    assert "Cannot be changed" in page

    refused = officer_client.post(
        url("question-edit", consultation, q1.pk), question_data(text="Changed?")
    )
    assert refused.status_code == 200
    assert message in content(refused)
    q1.refresh_from_db()
    assert q1.text == "Do you support the changes?"

    assert message in content(officer_client.get(url("question-delete", consultation, q1.pk)))
    deleted = officer_client.post(url("question-delete", consultation, q1.pk), follow=True)
    assert message in content(deleted)
    deleting_section = officer_client.post(
        url("section-delete", consultation, section.pk), follow=True
    )
    assert message in content(deleting_section)
    assert Question.objects.filter(pk=q1.pk).exists()

    officer_client.post(
        url("question-add", consultation, section.pk),
        question_data(code="Q3", kind=QuestionKind.LONG_TEXT, support_scale=None, text="More?"),
    )
    assert Question.objects.filter(code="Q3").exists()


# --- Responses --------------------------------------------------------------------------


def test_responses_list_newest_first_with_details(officer_client):
    consultation = ConsultationFactory()
    ResponseFactory(
        consultation=consultation,
        reference="OLDER00001",
        submitted_at=timezone.now() - dt.timedelta(days=2),
    )
    ResponseFactory(
        consultation=consultation,
        reference="NEWER00002",
        channel=Channel.EMAIL,
        respondent_type=RespondentType.ORGANISATION,
        organisation_name="Victim First",
        publish_consent=PublishConsent.WITH_NAME,
    )
    ResponseFactory(
        consultation=consultation,
        reference="DRAFT00003",
        status=ResponseStatus.DRAFT,
        submitted_at=None,
    )
    response = officer_client.get(url("responses", consultation))
    assert [r.reference for r in response.context["page_obj"].object_list] == [
        "NEWER00002",
        "OLDER00001",
    ]
    page = content(response)
    for text in ("Victim First", "E-mail", "Yes, with my name or organisation", "Online"):
        assert text in page
    assert "DRAFT00003" not in page


def test_responses_list_is_paginated(officer_client):
    consultation = ConsultationFactory()
    ResponseFactory.create_batch(55, consultation=consultation)
    second = officer_client.get(url("responses", consultation), {"page": 2})
    assert len(second.context["page_obj"].object_list) == 5
    assert "govuk-pagination" in content(second)


def entry_data(response_page, **overrides):
    key = response_page.context["form"]["submission_key"].value()
    data = {
        "submission_key": str(key),
        "channel": Channel.LETTER,
        **date_fields("received_on", timezone.localdate() - dt.timedelta(days=1)),
        "respondent_type": RespondentType.ORGANISATION,
        "organisation_name": "Rutland County Council",
        "respondent_name": "",
        "publish_consent": PublishConsent.ANONYMOUS,
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_officer_enters_a_letter_received_after_closing(officer_client, make_user):
    consultation, _section, q1, q2 = with_survey(
        ConsultationFactory(
            opens_at=timezone.now() - dt.timedelta(days=30),
            closes_at=timezone.now() - dt.timedelta(days=2),
        )
    )
    partly = q1.options.get(label="Partially support")
    flexible = q2.options.get(label="Flexible measures")
    page = officer_client.get(url("response-add", consultation))
    assert "Do you support the changes?" in content(page)
    data = entry_data(
        page,
        **{
            f"q{q1.pk}": str(partly.pk),
            f"q{q1.pk}_text": "Keep the locality fund.",
            f"q{q2.pk}": [str(flexible.pk), services.OTHER],
            f"q{q2.pk}_other": "Meet other recipients",
        },
    )
    result = officer_client.post(url("response-add", consultation), data)
    assert result.status_code == 302
    response = Response.objects.get()
    assert result["Location"] == url("responses", consultation)
    assert (response.status, response.channel) == (ResponseStatus.SUBMITTED, Channel.LETTER)
    assert response.organisation_name == "Rutland County Council"
    assert response.entered_by is not None
    assert timezone.localtime(response.submitted_at).date() == (
        timezone.localdate() - dt.timedelta(days=1)
    )
    assert list(response.answers.get(question=q1).choices.all()) == [partly]
    assert response.answers.get(question=q2).other_text == "Meet other recipients"
    assert sorted(Comment.objects.values_list("text", flat=True)) == [
        "Keep the locality fund.",
        "Meet other recipients",
    ]
    # The same submission again (a double click) records nothing more.
    officer_client.post(url("response-add", consultation), data)
    assert Response.objects.count() == 1


def test_entering_a_response_checks_every_answer(officer_client):
    consultation, _section, _q1, q2 = with_survey()
    options = [str(o.pk) for o in q2.options.all()]
    page = officer_client.get(url("response-add", consultation))
    response = officer_client.post(
        url("response-add", consultation),
        entry_data(
            page,
            organisation_name="",
            channel=None,
            **{f"q{q2.pk}": options},
        ),
    )
    assert response.status_code == 200
    found = errors(response)
    assert found["channel"] == ["Select how the response was received"]
    assert found["organisation_name"] == ["Enter the name of the organisation"]
    assert not Response.objects.exists()

    response = officer_client.post(
        url("response-add", consultation), entry_data(page, **{f"q{q2.pk}": options})
    )
    assert errors(response)[f"q{q2.pk}"] == ["Select no more than 2 options"]
    assert not Response.objects.exists()


def test_a_response_cannot_be_received_in_the_future(officer_client):
    consultation, *_ = with_survey()
    page = officer_client.get(url("response-add", consultation))
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    response = officer_client.post(
        url("response-add", consultation),
        entry_data(page, **date_fields("received_on", tomorrow)),
    )
    assert errors(response)["received_on"] == ["The date received must be today or in the past"]


def test_a_letter_may_leave_a_required_question_unanswered(officer_client):
    consultation, _section, q1, _q2 = with_survey()
    services.question_create(
        actor=None,
        section=q1.section,
        code="Q9",
        kind=QuestionKind.LONG_TEXT,
        text="Why?",
        required=True,
    )
    page = officer_client.get(url("response-add", consultation))
    response = officer_client.post(url("response-add", consultation), entry_data(page))
    # The online form insists on Q9; a letter answers what its writer chose to.
    assert response.status_code == 302
    assert consultation.responses.filter(status="submitted").count() == 1


# --- Query counts -----------------------------------------------------------------------

# Every page: the session, the user and the OTP device (three queries) before the view.


def test_list_query_count(officer_client, django_assert_num_queries):
    areas = [PolicingAreaFactory() for _ in range(3)]
    for number in range(10):
        consultation = ConsultationFactory(
            area=areas[number % 3], framework=FrameworkFactory(area=areas[number % 3])
        )
        ResponseFactory.create_batch(2, consultation=consultation)
    # Session, user, device; count; the page of consultations with areas, frameworks and
    # response counts.
    with django_assert_num_queries(5):
        response = officer_client.get(LIST_URL)
    assert len(response.context["page_obj"].object_list) == 10


def test_overview_query_count(officer_client, django_assert_num_queries):
    consultation, *_ = with_survey(ConsultationFactory(framework=FrameworkFactory()))
    ResponseFactory.create_batch(5, consultation=consultation)
    # Session, user, device; the consultation with area and framework; response counts;
    # question count.
    with django_assert_num_queries(6):
        officer_client.get(url("detail", consultation))


@pytest.fixture
def seed_002(make_user):
    consultation = ConsultationFactory(title="2017/18 Commissioning Framework consultation")
    build_seed_002_survey(actor=make_user(Role.COMMISSIONING_OFFICER), consultation=consultation)
    return consultation


def test_questions_page_query_count(officer_client, seed_002, django_assert_num_queries):
    # Session, user, device; the consultation; sections, questions and options (one
    # query each); whether anyone has responded.
    with django_assert_num_queries(8):
        response = officer_client.get(url("questions", seed_002))
    assert len(response.context["sections"]) == seed_002.sections.count()
    assert "Fully support" in content(response)


def test_response_entry_page_query_count(officer_client, seed_002, django_assert_num_queries):
    # Session, user, device; the consultation; sections, questions and options.
    with django_assert_num_queries(7):
        officer_client.get(url("response-add", seed_002))


def test_responses_list_query_count(officer_client, django_assert_num_queries):
    consultation = ConsultationFactory()
    ResponseFactory.create_batch(30, consultation=consultation)
    # Session, user, device; the consultation; count; the page of responses.
    with django_assert_num_queries(6):
        response = officer_client.get(url("responses", consultation))
    assert len(response.context["page_obj"].object_list) == 30


def test_submission_key_is_fresh_each_time(officer_client):
    consultation, *_ = with_survey()
    first = officer_client.get(url("response-add", consultation)).context["form"]
    second = officer_client.get(url("response-add", consultation)).context["form"]
    keys = {uuid.UUID(str(form["submission_key"].value())) for form in (first, second)}
    assert len(keys) == 2


def test_option_factory_makes_choice_questions():
    option = OptionFactory()
    assert option.question.kind == QuestionKind.SINGLE
    assert QuestionFactory().kind == QuestionKind.LONG_TEXT


# --- Services the pages use -------------------------------------------------------------


def test_response_enter_refuses_online_and_published_consultations(make_user):
    from django.core.exceptions import ValidationError

    from commissioning.consultations.building import response_enter

    officer = make_user(Role.COMMISSIONING_OFFICER)
    consultation, *_ = with_survey()
    arguments = {
        "actor": officer,
        "consultation": consultation,
        "received_at": timezone.now(),
        "respondent_type": RespondentType.INDIVIDUAL,
        "publish_consent": PublishConsent.NO,
        "answers": {},
    }
    with pytest.raises(ValidationError, match="e-mail, letter or meeting"):
        response_enter(channel=Channel.ONLINE, submission_key=uuid.uuid4(), **arguments)
    consultation.outcome_published_at = timezone.now()
    consultation.save()
    with pytest.raises(ValidationError, match="outcome of this consultation has been published"):
        response_enter(channel=Channel.EMAIL, submission_key=uuid.uuid4(), **arguments)
    assert not Response.objects.exists()


def test_an_empty_section_can_be_deleted_after_responses(officer_client):
    consultation, *_ = with_survey()
    ResponseFactory(consultation=consultation)
    empty = SectionFactory(consultation=consultation, title="Spare")
    officer_client.post(url("section-delete", consultation, empty.pk))
    assert not Section.objects.filter(pk=empty.pk).exists()

"""Services and reads for "you said, we did": responding, approving, publishing all at once
(and freezing), redaction, and what the published table may show."""

import datetime as dt
from typing import Any, cast

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from commissioning.consultations.models import (
    Answer,
    Comment,
    Consultation,
    OfficeResponse,
    OfficeResponseStatus,
    Outcome,
    PublishConsent,
    RespondentType,
    Theme,
)
from commissioning.consultations.outcomes import (
    comment_redact,
    consultation_publish_outcome,
    office_response_approve,
    office_response_create,
    office_response_delete,
    office_response_update,
    outcome_groups,
    published_groups,
)
from commissioning.core.roles import Role
from tests.consultations.factories import ConsultationFactory, QuestionFactory, ResponseFactory
from tests.factories import CategoryFactory, FrameworkFactory, ServiceLineFactory

pytestmark = pytest.mark.django_db

Status = OfficeResponseStatus


def closed_consultation(**kwargs: object) -> Consultation:
    now = timezone.now()
    consultation = ConsultationFactory(
        opens_at=now - dt.timedelta(days=30), closes_at=now - dt.timedelta(days=1), **kwargs
    )
    return cast(Consultation, consultation)


def add_comment(
    consultation: Consultation,
    text: str = "A comment",
    theme: Theme | None = None,
    consent: str | None = None,
    respondent_type: str = RespondentType.INDIVIDUAL,
    **response_fields: object,
) -> Comment:
    """A comment; with ``consent`` it comes from a submitted response (else it is imported)."""
    answer = None
    if consent is not None:
        response: Any = ResponseFactory(
            consultation=consultation,
            publish_consent=consent,
            respondent_type=respondent_type,
            **response_fields,
        )
        question: Any = QuestionFactory(section__consultation=consultation)
        answer = Answer.objects.create(response=response, question=question, text=text)
    order = Comment.objects.filter(consultation=consultation).count() + 1
    return Comment.objects.create(
        consultation=consultation, answer=answer, text=text, theme=theme, order=order
    )


@pytest.fixture
def officer(make_user):
    return make_user(Role.COMMISSIONING_OFFICER)


@pytest.fixture
def consultation():
    return closed_consultation()


def respond(officer, consultation, comments, text="Agreed.", outcome=Outcome.AGREED, **kwargs):
    return office_response_create(
        actor=officer,
        consultation=consultation,
        comments=comments,
        text=text,
        outcome=outcome,
        **kwargs,
    )


# --- Responding -----------------------------------------------------------------------


def test_a_response_to_a_group_of_comments_is_a_draft_covering_them_all(officer, consultation):
    first, second = add_comment(consultation), add_comment(consultation)

    office_response = respond(officer, consultation, [first, second], text="  Agreed.  ")

    assert office_response.status == Status.DRAFT
    assert office_response.text == "Agreed."
    assert set(office_response.comments.all()) == {first, second}
    assert office_response.history.first().history_user == officer


def test_a_comment_has_at_most_one_response(officer, consultation):
    comment = add_comment(consultation, text="x")
    comment.reference = "7"
    comment.save()
    respond(officer, consultation, [comment])

    with pytest.raises(ValidationError) as error:
        respond(officer, consultation, [comment, add_comment(consultation)])

    assert "already have a response: 7" in str(error.value)
    assert OfficeResponse.objects.count() == 1


def test_responding_needs_words_an_outcome_and_a_comment_of_this_consultation(
    officer, consultation
):
    other = add_comment(closed_consultation())
    with pytest.raises(ValidationError) as error:
        respond(officer, consultation, [other], text=" ", outcome="nonsense")
    # Comments are checked first; then the content.
    assert "comments" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        respond(officer, consultation, [add_comment(consultation)], text=" ", outcome="nonsense")
    assert set(error.value.message_dict) == {"text", "outcome"}
    with pytest.raises(ValidationError):
        respond(officer, consultation, [])


def test_what_changed_must_be_part_of_the_framework_and_only_for_amendments(officer):
    framework = FrameworkFactory()
    consultation = closed_consultation(area=framework.area, framework=framework)
    line = ServiceLineFactory(category=CategoryFactory(framework=framework))
    elsewhere = ServiceLineFactory()

    with pytest.raises(ValidationError) as error:
        respond(officer, consultation, [add_comment(consultation)], changed_line=elsewhere)
    assert set(error.value.message_dict) == {"outcome", "changed_line"}

    office_response = respond(
        officer,
        consultation,
        [add_comment(consultation)],
        outcome=Outcome.AMENDMENTS_MADE,
        changed_line=line,
    )
    assert office_response.changed_line == line


@pytest.mark.parametrize("role", [Role.PANEL_MEMBER, Role.ASSESSOR, Role.PROVIDER])
def test_only_editors_respond_approve_publish_or_redact(make_user, role, consultation):
    user = make_user(role)
    comment = add_comment(consultation)
    with pytest.raises(PermissionDenied):
        respond(user, consultation, [comment])
    with pytest.raises(PermissionDenied):
        consultation_publish_outcome(actor=user, consultation=consultation)
    with pytest.raises(PermissionDenied):
        comment_redact(actor=user, comment=comment, redacted_text="x", reason="y")


# --- Approving and changing --------------------------------------------------------------


def test_approving_records_who_and_when(officer, consultation, make_user):
    approver = make_user(Role.ADMIN)
    office_response = respond(officer, consultation, [add_comment(consultation)])

    approved = office_response_approve(actor=approver, office_response=office_response)

    assert approved.status == Status.APPROVED
    assert approved.approved_by == approver
    assert approved.approved_at is not None
    assert approved.history.first().history_change_reason == "Approved"
    with pytest.raises(ValidationError):
        office_response_approve(actor=approver, office_response=office_response)


def test_changing_an_approved_response_sends_it_back_to_draft(officer, consultation):
    office_response = respond(officer, consultation, [add_comment(consultation)])
    office_response_approve(actor=officer, office_response=office_response)

    same = office_response_update(
        actor=officer, office_response=office_response, text="Agreed.", outcome=Outcome.AGREED
    )
    assert same.status == Status.APPROVED  # nothing changed: still approved

    changed = office_response_update(
        actor=officer, office_response=office_response, text="Noted.", outcome=Outcome.NOTED
    )
    assert changed.status == Status.DRAFT
    assert changed.approved_by is None
    assert changed.text == "Noted."


def test_a_draft_response_may_be_deleted(officer, consultation):
    office_response = respond(officer, consultation, [add_comment(consultation)])
    office_response_delete(actor=officer, office_response=office_response)
    assert not OfficeResponse.objects.exists()


# --- Publishing ------------------------------------------------------------------------


def test_publishing_publishes_every_approved_response_at_once_and_leaves_drafts(
    officer, consultation
):
    approved = [respond(officer, consultation, [add_comment(consultation)]) for _ in range(3)]
    for office_response in approved:
        office_response_approve(actor=officer, office_response=office_response)
    draft = respond(officer, consultation, [add_comment(consultation)])

    publication = consultation_publish_outcome(actor=officer, consultation=consultation)

    assert {r.pk for r in publication.published} == {r.pk for r in approved}
    assert [r.pk for r in publication.unpublished] == [draft.pk]
    statuses = dict(OfficeResponse.objects.values_list("pk", "status"))
    assert [statuses[r.pk] for r in approved] == [Status.PUBLISHED] * 3
    assert statuses[draft.pk] == Status.DRAFT
    consultation.refresh_from_db()
    assert consultation.outcome_published_at is not None
    assert consultation.history.first().history_change_reason == "Outcome published"


def test_published_responses_are_frozen(officer, consultation):
    office_response = respond(officer, consultation, [add_comment(consultation)])
    office_response_approve(actor=officer, office_response=office_response)
    consultation_publish_outcome(actor=officer, consultation=consultation)

    with pytest.raises(ValidationError, match="published"):
        office_response_update(
            actor=officer, office_response=office_response, text="New", outcome=Outcome.NOTED
        )
    with pytest.raises(ValidationError, match="published"):
        office_response_delete(actor=officer, office_response=office_response)
    with pytest.raises(ValidationError):
        office_response_approve(actor=officer, office_response=office_response)
    office_response.refresh_from_db()
    assert office_response.text == "Agreed."


def test_publishing_again_publishes_later_approvals_and_keeps_the_first_date(officer, consultation):
    first = respond(officer, consultation, [add_comment(consultation)])
    office_response_approve(actor=officer, office_response=first)
    consultation_publish_outcome(actor=officer, consultation=consultation)
    consultation.refresh_from_db()
    published_at = consultation.outcome_published_at

    later = respond(officer, consultation, [add_comment(consultation)])
    office_response_approve(actor=officer, office_response=later)
    consultation_publish_outcome(
        actor=officer, consultation=consultation, now=timezone.now() + dt.timedelta(days=2)
    )

    later.refresh_from_db()
    consultation.refresh_from_db()
    assert later.status == Status.PUBLISHED
    assert consultation.outcome_published_at == published_at


def test_nothing_approved_or_still_open_means_nothing_is_published(officer):
    consultation = closed_consultation()
    respond(officer, consultation, [add_comment(consultation)])
    with pytest.raises(ValidationError, match="no approved responses"):
        consultation_publish_outcome(actor=officer, consultation=consultation)

    open_one = ConsultationFactory()
    office_response = respond(officer, open_one, [add_comment(open_one)])
    office_response_approve(actor=officer, office_response=office_response)
    with pytest.raises(ValidationError, match="after the consultation closes"):
        consultation_publish_outcome(actor=officer, consultation=open_one)
    office_response.refresh_from_db()
    assert office_response.status == Status.APPROVED


# --- Redaction -------------------------------------------------------------------------


def test_redaction_is_audited_with_its_reason_and_can_be_undone(officer, consultation):
    comment = add_comment(consultation, text="PC Smith at Hinckley was rude to me.")

    comment_redact(
        actor=officer,
        comment=comment,
        redacted_text="[Officer's name removed] was rude to me.",
        reason="Names a police officer",
    )

    comment.refresh_from_db()
    assert comment.published_text == "[Officer's name removed] was rude to me."
    assert comment.redaction_reason == "Names a police officer"
    entry = comment.history.first()
    assert entry.history_user == officer
    assert entry.history_change_reason == "Redacted: Names a police officer"
    assert entry.prev_record.redacted_text == ""

    comment_redact(actor=officer, comment=comment, redacted_text="", reason="Complaint withdrawn")
    comment.refresh_from_db()
    assert comment.published_text == comment.text
    assert comment.redaction_reason == ""
    assert comment.history.first().history_change_reason == (
        "Redaction removed: Complaint withdrawn"
    )


def test_redaction_needs_a_reason_and_a_real_change(officer, consultation):
    comment = add_comment(consultation, text="Original")
    with pytest.raises(ValidationError) as error:
        comment_redact(actor=officer, comment=comment, redacted_text="Original", reason="")
    assert set(error.value.message_dict) == {"reason", "redacted_text"}


# --- Reads -----------------------------------------------------------------------------


def test_groups_follow_theme_order_and_number_comments_throughout(officer, consultation):
    second = Theme.objects.create(consultation=consultation, name="PCC GRANT", order=2)
    first = Theme.objects.create(consultation=consultation, name="GENERAL", order=1)
    a = add_comment(consultation, "a", theme=second)
    b = add_comment(consultation, "b", theme=first)
    c = add_comment(consultation, "c")
    d = add_comment(consultation, "d", theme=first)

    groups = outcome_groups(consultation)

    assert [g.theme for g in groups] == [first, second, None]
    assert [[(r.number, r.comment) for r in g.rows] for g in groups] == [
        [(1, b), (2, d)],
        [(3, a)],
        [(4, c)],
    ]


def test_the_published_table_respects_consent_and_shows_redacted_text(officer, consultation):
    theme = Theme.objects.create(consultation=consultation, name="GENERAL", order=1)
    imported = add_comment(consultation, "Imported", theme=theme)
    refused = add_comment(consultation, "Do not publish me", theme=theme, consent="no")
    anonymous = add_comment(
        consultation, "Anonymous", theme=theme, consent=PublishConsent.ANONYMOUS
    )
    person = add_comment(
        consultation,
        "A person",
        theme=theme,
        consent=PublishConsent.WITH_NAME,
        respondent_name="Ann Example",
    )
    organisation = add_comment(
        consultation,
        "Contact Jo on 07700 900123",
        theme=theme,
        consent=PublishConsent.WITH_NAME,
        respondent_type=RespondentType.ORGANISATION,
        respondent_name="Jo Bloggs",
        organisation_name="Age UK",
    )
    unanswered = add_comment(consultation, "Draft only", theme=theme)
    for comment in (imported, refused, anonymous, person, organisation):
        office_response_approve(
            actor=officer, office_response=respond(officer, consultation, [comment])
        )
    respond(officer, consultation, [unanswered])
    comment_redact(
        actor=officer,
        comment=organisation,
        redacted_text="Contact [removed]",
        reason="Phone number",
    )
    consultation_publish_outcome(actor=officer, consultation=consultation)

    (group,) = published_groups(consultation)

    shown = [(r.number, r.comment.published_text, r.attribution) for r in group.rows]
    assert shown == [
        (1, "Imported", ""),
        (2, "Anonymous", ""),
        (3, "A person", "Ann Example"),
        (4, "Contact [removed]", "Age UK"),
    ]

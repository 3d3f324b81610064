"""The outcome pages: who may see and change what, responding (one comment or a group),
approving, publishing, redaction, the public page, and pinned query counts."""

import datetime as dt
from typing import cast

import pytest
from django.urls import reverse
from django.utils import timezone

from commissioning.areas.models import PolicingArea
from commissioning.consultations.comment_log import comment_log_import
from commissioning.consultations.models import (
    Comment,
    Consultation,
    OfficeResponse,
    OfficeResponseStatus,
    Outcome,
    PublishConsent,
    Theme,
)
from commissioning.consultations.outcomes import (
    consultation_publish_outcome,
    office_response_approve,
    office_response_create,
)
from commissioning.core.roles import Role
from tests.consultations.factories import ConsultationFactory
from tests.consultations.test_outcomes import add_comment, closed_consultation
from tests.factories import (
    CategoryFactory,
    FrameworkFactory,
    PolicingAreaFactory,
    ServiceLineFactory,
)

pytestmark = pytest.mark.django_db


EDITORS = [Role.ADMIN, Role.COMMISSIONING_OFFICER, Role.FINANCE_OFFICER]
READERS = [Role.ASSESSOR, Role.PANEL_MEMBER]
OUTSIDERS = [Role.PROVIDER, Role.CSP]
THEME_COUNT = 12
COMMENT_COUNT = 97


def comment_log(rows: int = COMMENT_COUNT, themes: int = THEME_COUNT) -> bytes:
    """A log of ``rows`` comments across ``themes`` themes; every seventh has no response."""
    lines = ["Ref,Theme,Comment,Response"]
    for number in range(1, rows + 1):
        response = "" if number % 7 == 0 else f"Agreed. Change {number} made."
        lines.append(f"{number},THEME {number % themes:02d},Comment number {number},{response}")
    return "\n".join(lines).encode()


@pytest.fixture
def officer(make_user):
    return make_user(Role.COMMISSIONING_OFFICER)


@pytest.fixture
def imported(officer) -> Consultation:
    return comment_log_import(
        actor=officer,
        area=cast(PolicingArea, PolicingAreaFactory()),
        title="Commissioning framework 2014/15",
        data=comment_log(),
        filename="log.csv",
    )


@pytest.fixture
def consultation() -> Consultation:
    return closed_consultation()


def _urls(consultation: Consultation, office_response: OfficeResponse, comment: Comment) -> dict:
    """Every staff page, with what a reader (not an editor) gets."""
    pk = consultation.pk
    return {
        reverse("consultations:outcome", args=[pk]): 200,
        reverse("consultations:response-export", args=[pk, "csv"]): 200,
        reverse("consultations:analyst-export", args=[pk, "xlsx"]): 200,
        reverse("consultations:outcome-publish", args=[pk]): 403,
        reverse("consultations:outcome-response-create", args=[pk])
        + f"?comments={comment.pk}": 403,
        reverse("consultations:outcome-response-update", args=[pk, office_response.pk]): 403,
        reverse("consultations:outcome-response-delete", args=[pk, office_response.pk]): 403,
        reverse("consultations:comment-redact", args=[pk, comment.pk]): 403,
    }


@pytest.fixture
def pages(officer, consultation):
    answered, unanswered = add_comment(consultation), add_comment(consultation)
    office_response = office_response_create(
        actor=officer,
        consultation=consultation,
        comments=[answered],
        text="Agreed.",
        outcome=Outcome.AGREED,
    )
    return _urls(consultation, office_response, unanswered)


# --- Who may see what ------------------------------------------------------------------


@pytest.mark.parametrize("role", EDITORS)
def test_editors_reach_every_page(make_user, login, role, pages):
    client = login(make_user(role))
    assert {url: client.get(url).status_code for url in pages} == dict.fromkeys(pages, 200)


@pytest.mark.parametrize("role", READERS)
def test_panel_members_and_assessors_read_but_change_nothing(make_user, login, role, pages):
    client = login(make_user(role))
    assert {url: client.get(url).status_code for url in pages} == pages
    outcome_page = next(iter(pages))
    content = client.get(outcome_page).content.decode()
    assert "Add a response" not in content
    assert 'name="comments"' not in content


@pytest.mark.parametrize("role", OUTSIDERS)
def test_providers_and_csps_are_told_nothing_exists(make_user, login, role, pages):
    client = login(make_user(role))
    assert {url: client.get(url).status_code for url in pages} == dict.fromkeys(pages, 404)


def test_anonymous_visitors_are_sent_to_sign_in(client, pages):
    for url in pages:
        assert client.get(url).status_code == 302


def test_readers_cannot_approve_or_publish(make_user, login, consultation, officer):
    office_response = office_response_create(
        actor=officer,
        consultation=consultation,
        comments=[add_comment(consultation)],
        text="Agreed.",
        outcome=Outcome.AGREED,
    )
    client = login(make_user(Role.PANEL_MEMBER))
    approve = reverse(
        "consultations:outcome-response-approve", args=[consultation.pk, office_response.pk]
    )
    assert client.post(approve).status_code == 403
    assert (
        client.post(reverse("consultations:outcome-publish", args=[consultation.pk])).status_code
        == 403
    )
    office_response.refresh_from_db()
    assert office_response.status == OfficeResponseStatus.DRAFT


# --- The outcome page ------------------------------------------------------------------


def test_the_outcome_page_groups_numbered_comments_by_theme(
    login, officer, imported, django_assert_num_queries
):
    client = login(officer)
    url = reverse("consultations:outcome", args=[imported.pk])
    # Session, user, OTP device; the consultation; comments, their responses and the
    # comments each response covers (prefetched): the same for 97 comments as for 1.
    with django_assert_num_queries(7):
        response = client.get(url)

    assert response.status_code == 200
    sections = response.context["sections"]
    # Themes in the log's order of first appearance: 01 (row 1) ... 11, then 00 (row 12).
    expected = [f"THEME {n:02d}" for n in [*range(1, THEME_COUNT), 0]]
    assert [s["theme"].name for s in sections] == expected
    numbers = [row["number"] for s in sections for row in s["rows"]]
    assert numbers == list(range(1, COMMENT_COUNT + 1))
    content = response.content.decode()
    assert content.count("No response yet") == COMMENT_COUNT // 7
    assert content.count(">Published<") == COMMENT_COUNT - COMMENT_COUNT // 7


def test_the_public_page_query_count_does_not_grow_with_comments(
    client, imported, django_assert_num_queries
):
    url = reverse("respond:outcome", args=[imported.slug])
    # The consultation; responses received; comments and their published responses.
    with django_assert_num_queries(4):
        response = client.get(url)
    assert response.status_code == 200
    rows = [row for group in response.context["groups"] for row in group.rows]
    assert len(rows) == COMMENT_COUNT - COMMENT_COUNT // 7


# --- Responding, approving, publishing ---------------------------------------------------


def test_an_officer_responds_to_selected_comments_as_a_group(login, officer, consultation):
    theme = Theme.objects.create(consultation=consultation, name="GENERAL")
    first, _second, third = (add_comment(consultation, f"c{n}", theme=theme) for n in range(3))
    client = login(officer)
    url = reverse("consultations:outcome-response-create", args=[consultation.pk])

    page = client.get(url, {"comments": [first.pk, third.pk]})
    assert page.status_code == 200
    assert [number for number, _comment in page.context["comments"]] == [1, 3]

    response = client.post(
        url, {"comments": [first.pk, third.pk], "text": "Agreed.", "outcome": Outcome.AGREED}
    )

    assert response.status_code == 302
    office_response = OfficeResponse.objects.get()
    assert set(office_response.comments.all()) == {first, third}
    outcome_page = client.get(reverse("consultations:outcome", args=[consultation.pk]))
    rows = {row["number"]: row for s in outcome_page.context["sections"] for row in s["rows"]}
    assert rows[1]["others"] == [3]
    assert rows[2]["office_response"] is None


def test_responding_without_selecting_comments_goes_back_with_a_message(
    login, officer, consultation
):
    client = login(officer)
    url = reverse("consultations:outcome-response-create", args=[consultation.pk])
    response = client.get(url, follow=True)
    assert "Select at least one comment to respond to" in response.content.decode()


def test_an_invalid_response_shows_errors(login, officer, consultation):
    comment = add_comment(consultation)
    client = login(officer)
    url = reverse("consultations:outcome-response-create", args=[consultation.pk])
    response = client.post(url, {"comments": [comment.pk], "text": "", "outcome": ""})
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"text", "outcome"}
    assert not OfficeResponse.objects.exists()


def test_the_changed_part_is_chosen_from_the_consultations_framework(login, officer):
    framework = FrameworkFactory()
    category = CategoryFactory(framework=framework)
    line = ServiceLineFactory(category=category)
    ServiceLineFactory()  # another framework's line: not offered
    consultation = closed_consultation(area=framework.area, framework=framework)
    comment = add_comment(consultation)
    client = login(officer)
    url = reverse("consultations:outcome-response-create", args=[consultation.pk])

    page = client.get(url, {"comments": comment.pk})
    assert list(page.context["form"].fields["changed_line"].queryset) == [line]

    client.post(
        url,
        {
            "comments": [comment.pk],
            "text": "Amendments made.",
            "outcome": Outcome.AMENDMENTS_MADE,
            "changed_line": line.pk,
        },
    )
    assert OfficeResponse.objects.get().changed_line == line


def test_approve_then_publish_then_the_response_is_frozen(login, officer, consultation):
    comment = add_comment(consultation, consent=PublishConsent.ANONYMOUS)
    office_response = office_response_create(
        actor=officer,
        consultation=consultation,
        comments=[comment],
        text="Agreed.",
        outcome=Outcome.AGREED,
    )
    draft = office_response_create(
        actor=officer,
        consultation=consultation,
        comments=[add_comment(consultation)],
        text="Draft",
        outcome=Outcome.NOTED,
    )
    client = login(officer)
    approve = reverse(
        "consultations:outcome-response-approve", args=[consultation.pk, office_response.pk]
    )
    assert client.post(approve).status_code == 302

    publish = reverse("consultations:outcome-publish", args=[consultation.pk])
    confirm = client.get(publish).content.decode()
    assert "1 comment has a draft response (comment 2)" in confirm
    response = client.post(publish, follow=True)
    assert "1 response has been published" in response.content.decode()

    office_response.refresh_from_db()
    draft.refresh_from_db()
    assert office_response.status == OfficeResponseStatus.PUBLISHED
    assert draft.status == OfficeResponseStatus.DRAFT
    update = reverse(
        "consultations:outcome-response-update", args=[consultation.pk, office_response.pk]
    )
    assert "can no longer be changed" in client.get(update).content.decode()
    refused = client.post(update, {"text": "Changed", "outcome": Outcome.NOTED})
    assert refused.status_code == 200
    office_response.refresh_from_db()
    assert office_response.text == "Agreed."


def test_publishing_is_refused_while_the_consultation_is_open(login, officer):
    consultation = ConsultationFactory()
    office_response_approve(
        actor=officer,
        office_response=office_response_create(
            actor=officer,
            consultation=consultation,
            comments=[add_comment(consultation)],
            text="Agreed.",
            outcome=Outcome.AGREED,
        ),
    )
    client = login(officer)
    publish = reverse("consultations:outcome-publish", args=[consultation.pk])
    assert "only after the consultation closes" in client.get(publish).content.decode()
    assert client.post(publish).status_code == 400
    consultation.refresh_from_db()
    assert consultation.outcome_published_at is None


def test_deleting_a_draft_response(login, officer, consultation):
    office_response = office_response_create(
        actor=officer,
        consultation=consultation,
        comments=[add_comment(consultation)],
        text="Agreed.",
        outcome=Outcome.AGREED,
    )
    client = login(officer)
    url = reverse(
        "consultations:outcome-response-delete", args=[consultation.pk, office_response.pk]
    )
    assert client.post(url).status_code == 302
    assert not OfficeResponse.objects.exists()


# --- Redaction and the public page -------------------------------------------------------


def test_redaction_is_shown_on_the_public_page(client, login, officer, imported):
    comment = Comment.objects.get(consultation=imported, reference="1")
    staff = login(officer)
    url = reverse("consultations:comment-redact", args=[imported.pk, comment.pk])
    assert staff.get(url).context["form"].initial["redacted_text"] == "Comment number 1"

    missing_reason = staff.post(url, {"redacted_text": "Comment [removed]", "reason": ""})
    assert "reason" in missing_reason.context["form"].errors
    staff.post(url, {"redacted_text": "Comment [removed]", "reason": "Identifies someone"})

    comment.refresh_from_db()
    assert comment.redacted_text == "Comment [removed]"
    assert comment.history.first().history_change_reason == "Redacted: Identifies someone"
    staff.logout()
    public = client.get(reverse("respond:outcome", args=[imported.slug])).content.decode()
    assert "Comment [removed]" in public
    assert "Comment number 1<" not in public


def test_the_public_page_shows_only_a_published_outcome_and_respects_consent(
    client, officer, consultation
):
    url = reverse("respond:outcome", args=[consultation.slug])
    assert client.get(url).status_code == 404

    named = add_comment(
        consultation,
        "Fund more youth work",
        consent=PublishConsent.WITH_NAME,
        respondent_type="organisation",
        organisation_name="Youth Trust",
    )
    private = add_comment(consultation, "Keep this private", consent=PublishConsent.NO)
    for comment in (named, private):
        office_response_approve(
            actor=officer,
            office_response=office_response_create(
                actor=officer,
                consultation=consultation,
                comments=[comment],
                text="Agreed: see section 3.",
                outcome=Outcome.AGREED,
            ),
        )
    consultation_publish_outcome(actor=officer, consultation=consultation)

    content = client.get(url).content.decode()
    assert "Fund more youth work" in content
    assert "From Youth Trust" in content
    assert "Keep this private" not in content


def test_a_forthcoming_consultation_has_no_public_outcome(client):
    consultation = closed_consultation()
    consultation.opens_at = timezone.now() + dt.timedelta(days=1)
    consultation.closes_at = timezone.now() + dt.timedelta(days=2)
    consultation.outcome_published_at = timezone.now()
    consultation.save()
    assert client.get(reverse("respond:outcome", args=[consultation.slug])).status_code == 404

""" "You said, we did": the office's responses to comments, their approval and publication,
and moderation of what is published.

A response covers one comment or a group of comments (a comment has at most one). Its
status moves draft -> approved -> published (:data:`TRANSITIONS`); changing an approved
response sends it back to draft, to be approved again. Publishing takes every approved
response at once and freezes it: a published response is never edited or deleted, so the
published table stays what was published. Redaction is the one change allowed after
publication, because it protects people: it is audited with its reason.

Reads for the outcome pages live here too (:func:`outcome_groups`, :func:`published_groups`),
so the staff page, the public page and the exports number comments the same way.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from commissioning.budgets.models import NarrativeSection, ServiceLine
from commissioning.core.roles import is_editor

from .models import (
    Comment,
    Consultation,
    ConsultationStatus,
    OfficeResponse,
    OfficeResponseStatus,
    Outcome,
    PublishConsent,
    RespondentType,
    Theme,
)

Status = OfficeResponseStatus
# Which status each may move to. Editing an approved response returns it to draft.
TRANSITIONS: dict[str, frozenset[str]] = {
    Status.DRAFT: frozenset({Status.APPROVED}),
    Status.APPROVED: frozenset({Status.DRAFT, Status.PUBLISHED}),
    Status.PUBLISHED: frozenset(),
}
# History keeps a change reason of at most 100 characters.
REASON_LENGTH = 100


def _require_editor(actor: Any) -> None:
    if not is_editor(actor):
        raise PermissionDenied(_("Only officers may respond to comments"))


def _save(instance: Any, actor: Any, reason: str = "") -> Any:
    instance._history_user = actor
    if reason:
        instance._change_reason = reason[:REASON_LENGTH]
    instance.save()
    return instance


def _move(office_response: OfficeResponse, to: str) -> None:
    if to not in TRANSITIONS[office_response.status]:
        if office_response.status == Status.PUBLISHED:
            raise ValidationError(_("This response has been published and cannot be changed"))
        raise ValidationError(
            _("A %(status)s response cannot become %(to)s")
            % {
                "status": Status(office_response.status).label.lower(),
                "to": Status(to).label.lower(),
            }
        )
    office_response.status = to


def _locked(office_response: OfficeResponse) -> OfficeResponse:
    return (
        OfficeResponse.objects.select_for_update(of=("self",))
        .select_related("consultation__framework")
        .get(pk=office_response.pk)
    )


def _clean_content(
    consultation: Consultation,
    text: str,
    outcome: str,
    changed_section: NarrativeSection | None,
    changed_line: ServiceLine | None,
) -> str:
    errors: dict[str, str] = {}
    text = text.strip()
    if not text:
        errors["text"] = _("Enter the office’s response")
    if outcome not in Outcome.values:
        errors["outcome"] = _("Select the outcome")
    changed = changed_section is not None or changed_line is not None
    if changed and outcome != Outcome.AMENDMENTS_MADE:
        errors["outcome"] = _("Say what changed only when amendments were made")
    framework_id = consultation.framework_id
    if changed_section is not None and changed_section.framework_id != framework_id:
        errors["changed_section"] = _("Select a section of the framework consulted on")
    if changed_line is not None and changed_line.framework_id != framework_id:
        errors["changed_line"] = _("Select a service line of the framework consulted on")
    if errors:
        raise ValidationError(errors)
    return text


def _clean_comments(consultation: Consultation, comments: Iterable[Comment]) -> list[Comment]:
    chosen = list(comments)
    if not chosen:
        raise ValidationError({"comments": _("Select at least one comment")})
    if any(comment.consultation_id != consultation.pk for comment in chosen):
        raise ValidationError({"comments": _("Select comments made on this consultation")})
    answered = sorted(
        str(comment)
        for comment in Comment.objects.filter(
            pk__in=[comment.pk for comment in chosen], office_responses__isnull=False
        ).distinct()
    )
    if answered:
        raise ValidationError(
            {
                "comments": _("These comments already have a response: %(comments)s")
                % {"comments": ", ".join(answered)}
            }
        )
    return chosen


@transaction.atomic
def office_response_create(
    *,
    actor: Any,
    consultation: Consultation,
    comments: Iterable[Comment],
    text: str,
    outcome: str,
    changed_section: NarrativeSection | None = None,
    changed_line: ServiceLine | None = None,
) -> OfficeResponse:
    """A draft response to one comment or a group of comments, none already answered."""
    _require_editor(actor)
    # Locking the consultation serialises responses to it, so two officers cannot each
    # answer the same comment at the same moment.
    consultation = Consultation.objects.select_for_update(of=("self",)).get(pk=consultation.pk)
    chosen = _clean_comments(consultation, comments)
    text = _clean_content(consultation, text, outcome, changed_section, changed_line)
    office_response = _save(
        OfficeResponse(
            consultation=consultation,
            text=text,
            outcome=outcome,
            changed_section=changed_section,
            changed_line=changed_line,
        ),
        actor,
    )
    office_response.comments.set(chosen)
    return office_response


@transaction.atomic
def office_response_update(
    *,
    actor: Any,
    office_response: OfficeResponse,
    text: str,
    outcome: str,
    changed_section: NarrativeSection | None = None,
    changed_line: ServiceLine | None = None,
) -> OfficeResponse:
    """Change a response before it is published. An approved response goes back to
    draft: what was approved is no longer what it says."""
    _require_editor(actor)
    locked = _locked(office_response)
    if locked.status == Status.PUBLISHED:
        _move(locked, Status.DRAFT)  # raises: published responses are frozen
    text = _clean_content(locked.consultation, text, outcome, changed_section, changed_line)
    unchanged = (
        locked.text == text
        and locked.outcome == outcome
        and locked.changed_section_id == getattr(changed_section, "pk", None)
        and locked.changed_line_id == getattr(changed_line, "pk", None)
    )
    if unchanged:
        return locked
    reason = ""
    if locked.status == Status.APPROVED:
        _move(locked, Status.DRAFT)
        locked.approved_by = None
        locked.approved_at = None
        reason = "Changed after approval: back to draft"
    locked.text = text
    locked.outcome = outcome
    locked.changed_section = changed_section
    locked.changed_line = changed_line
    return _save(locked, actor, reason)


@transaction.atomic
def office_response_delete(*, actor: Any, office_response: OfficeResponse) -> None:
    _require_editor(actor)
    locked = _locked(office_response)
    if locked.status == Status.PUBLISHED:
        raise ValidationError(_("This response has been published and cannot be deleted"))
    locked._history_user = actor  # type: ignore[attr-defined]
    locked.delete()


@transaction.atomic
def office_response_approve(
    *, actor: Any, office_response: OfficeResponse, now: datetime | None = None
) -> OfficeResponse:
    _require_editor(actor)
    locked = _locked(office_response)
    _move(locked, Status.APPROVED)
    locked.approved_by = actor
    locked.approved_at = now or timezone.now()
    return _save(locked, actor, "Approved")


@dataclass
class Publication:
    consultation: Consultation
    published: list[OfficeResponse]
    # Responses still in draft: they stay unpublished until approved and published.
    unpublished: list[OfficeResponse] = field(default_factory=list)


def publication_blockers(consultation: Consultation, moment: datetime | None = None) -> str:
    """Why the outcome cannot be published now ("" when it can)."""
    status = consultation.status_at(moment)
    if status in (ConsultationStatus.FORTHCOMING, ConsultationStatus.OPEN):
        return _("The outcome can be published only after the consultation closes")
    return ""


@transaction.atomic
def consultation_publish_outcome(
    *, actor: Any, consultation: Consultation, now: datetime | None = None
) -> Publication:
    """Publish every approved response at once; drafts stay unpublished.

    Sets the consultation's ``outcome_published_at`` the first time. Publishing again
    later publishes responses approved since, and keeps the first publication date.
    """
    _require_editor(actor)
    now = now or timezone.now()
    locked = Consultation.objects.select_for_update(of=("self",)).get(pk=consultation.pk)
    blocker = publication_blockers(locked, now)
    if blocker:
        raise ValidationError(blocker)
    responses = list(
        OfficeResponse.objects.select_for_update(of=("self",))
        .filter(consultation=locked, status__in=[Status.APPROVED, Status.DRAFT])
        .order_by("pk")
    )
    approved = [r for r in responses if r.status == Status.APPROVED]
    if not approved:
        raise ValidationError(_("There are no approved responses to publish"))
    for office_response in approved:
        _move(office_response, Status.PUBLISHED)
        _save(office_response, actor, "Outcome published")
    if locked.outcome_published_at is None:
        locked.outcome_published_at = now
        _save(locked, actor, "Outcome published")
    return Publication(
        consultation=locked,
        published=approved,
        unpublished=[r for r in responses if r.status == Status.DRAFT],
    )


@transaction.atomic
def comment_redact(*, actor: Any, comment: Comment, redacted_text: str, reason: str) -> Comment:
    """Set the text published in place of a comment (blank to publish the comment as
    written again). The reason is kept on the comment and in its history."""
    _require_editor(actor)
    locked = Comment.objects.select_for_update(of=("self",)).get(pk=comment.pk)
    redacted_text, reason = redacted_text.strip(), reason.strip()
    errors: dict[str, str] = {}
    if not reason:
        errors["reason"] = _("Enter why the comment is being redacted")
    elif len(reason) > Comment._meta.get_field("redaction_reason").max_length:  # type: ignore[operator]
        errors["reason"] = _("The reason must be 250 characters or fewer")
    if redacted_text and redacted_text == locked.text.strip():
        errors["redacted_text"] = _(
            "The text for publication is the same as the comment: remove the details "
            "that must not be published"
        )
    if errors:
        raise ValidationError(errors)
    locked.redacted_text = redacted_text
    locked.redaction_reason = reason if redacted_text else ""
    prefix = "Redacted" if redacted_text else "Redaction removed"
    return _save(locked, actor, f"{prefix}: {reason}")


# --- Reads ---------------------------------------------------------------------------


@dataclass
class CommentRow:
    number: int
    comment: Comment
    office_response: OfficeResponse | None
    # Only in the published table: who said it, when they agreed to be named.
    attribution: str = ""


@dataclass
class ThemeGroup:
    theme: Theme | None
    rows: list[CommentRow]


def _comments(consultation: Consultation, responses: "QuerySet[OfficeResponse]") -> list[Comment]:
    return list(
        Comment.objects.filter(consultation=consultation)
        .select_related("theme", "answer__response", "answer__question")
        .prefetch_related(Prefetch("office_responses", queryset=responses))
        .order_by("theme__order", "theme__name", "theme_id", "order", "pk")
    )


def _grouped(rows: Iterable[tuple[Comment, OfficeResponse | None, str]]) -> list[ThemeGroup]:
    themed: list[ThemeGroup] = []
    unthemed: list[tuple[Comment, OfficeResponse | None, str]] = []
    for comment, office_response, attribution in rows:
        if comment.theme is None:
            unthemed.append((comment, office_response, attribution))
            continue
        if not themed or themed[-1].theme != comment.theme:
            themed.append(ThemeGroup(theme=comment.theme, rows=[]))
        themed[-1].rows.append(CommentRow(0, comment, office_response, attribution))
    # Comments not yet themed come last, as their own group.
    groups = themed
    if unthemed:
        groups = [*themed, ThemeGroup(None, [CommentRow(0, *row) for row in unthemed])]
    number = 0
    for group in groups:
        for row in group.rows:
            number += 1
            row.number = number
    return groups


def outcome_groups(consultation: Consultation) -> list[ThemeGroup]:
    """Every comment, in theme order and numbered, with its response (if any)."""
    responses = OfficeResponse.objects.select_related("approved_by").prefetch_related("comments")
    rows = []
    for comment in _comments(consultation, responses):
        office_responses = list(comment.office_responses.all())
        rows.append((comment, office_responses[0] if office_responses else None, ""))
    return _grouped(rows)


def may_publish_comment(comment: Comment) -> bool:
    """A respondent's comment is published only with their consent. An imported comment
    has no respondent: it is the office's own record of what was said."""
    if comment.answer is None:
        return True
    return comment.answer.response.publish_consent in (
        PublishConsent.ANONYMOUS,
        PublishConsent.WITH_NAME,
    )


def attribution(comment: Comment) -> str:
    if comment.answer is None:
        return ""
    response = comment.answer.response
    if response.publish_consent != PublishConsent.WITH_NAME:
        return ""
    if response.respondent_type == RespondentType.ORGANISATION:
        return response.organisation_name
    return response.respondent_name


def published_groups(consultation: Consultation) -> list[ThemeGroup]:
    """The published table: comments with a published response whose author agreed to
    publication, redacted where they were redacted, numbered as published."""
    responses = OfficeResponse.objects.filter(status=Status.PUBLISHED)
    rows = []
    for comment in _comments(consultation, responses):
        office_responses = list(comment.office_responses.all())
        if office_responses and may_publish_comment(comment):
            rows.append((comment, office_responses[0], attribution(comment)))
    return _grouped(rows)

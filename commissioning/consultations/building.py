"""Writes for the officers' survey builder, beside the lead's services: changing a
consultation's details, sections and questions, reordering them, and entering a response
received by e-mail, by letter or at a meeting.

The same rule as in services holds: once anyone has responded, existing questions (and
their options) are fixed, because an answer must keep meaning what it meant. Moving a
section or a question changes no answer, so it stays allowed.
"""

import uuid
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import services
from .models import (
    CHOICE_KINDS,
    Channel,
    Consultation,
    Option,
    Question,
    QuestionKind,
    Response,
    ResponseStatus,
    Section,
)
from .services import ensure_questions_changeable

# Officers enter responses that did not come through the online survey.
OFFICER_CHANNELS = (Channel.EMAIL, Channel.LETTER, Channel.MEETING)


def _save(instance: models.Model, actor: Any, reason: str = "") -> None:
    instance._history_user = actor  # type: ignore[attr-defined]
    if reason:
        instance._change_reason = reason  # type: ignore[attr-defined]
    instance.full_clean()
    instance.save()


# --- The consultation -------------------------------------------------------------------


@transaction.atomic
def consultation_update(*, actor: Any, consultation: Consultation, **fields: Any) -> Consultation:
    """Change the details. The web address (slug) never changes: it may be in print."""
    locked = Consultation.objects.select_for_update(of=("self",)).get(pk=consultation.pk)
    for name, value in fields.items():
        setattr(locked, name, value)
    framework = locked.framework
    if framework is not None and framework.area_id != locked.area_id:
        raise ValidationError(
            {"framework": _("Choose a framework of %(area)s") % {"area": locked.area}}
        )
    if locked.opens_at and locked.closes_at and locked.closes_at <= locked.opens_at:
        raise ValidationError({"closes_at": _("The closing time must be after the opening time")})
    _save(locked, actor)
    return locked


# --- Sections ---------------------------------------------------------------------------


@transaction.atomic
def section_update(*, actor: Any, section: Section, title: str, introduction: str = "") -> Section:
    locked = Section.objects.select_for_update(of=("self",)).get(pk=section.pk)
    locked.title = title.strip()
    locked.introduction = introduction
    _save(locked, actor)
    return locked


@transaction.atomic
def section_delete(*, actor: Any, section: Section) -> None:
    """Delete a section and its questions; refused once anyone has responded, unless the
    section is empty."""
    locked = (
        Section.objects.select_for_update(of=("self",))
        .select_related("consultation")
        .get(pk=section.pk)
    )
    if locked.questions.exists():
        ensure_questions_changeable(locked.consultation)
    locked._history_user = actor  # type: ignore[attr-defined]
    for question in locked.questions.all():
        question._history_user = actor  # type: ignore[attr-defined]
        question.delete()
    locked.delete()


def _move(actor: Any, item: models.Model, siblings: Iterable[Any], direction: str) -> None:
    """Swap ``item`` with its neighbour, then number the siblings 1, 2, 3 ... (equal
    orders from older data sort by pk, as the models do)."""
    if direction not in ("up", "down"):
        raise ValueError(direction)
    items = list(siblings)
    index = next(i for i, sibling in enumerate(items) if sibling.pk == item.pk)
    other = index - 1 if direction == "up" else index + 1
    if other < 0:
        raise ValidationError(_("This is already first"))
    if other >= len(items):
        raise ValidationError(_("This is already last"))
    items[index], items[other] = items[other], items[index]
    for number, sibling in enumerate(items, start=1):
        if sibling.order != number:
            sibling.order = number
            _save(sibling, actor)


@transaction.atomic
def section_move(*, actor: Any, section: Section, direction: str) -> None:
    Consultation.objects.select_for_update(of=("self",)).get(pk=section.consultation_id)
    siblings = Section.objects.filter(consultation=section.consultation_id).order_by("order", "pk")
    _move(actor, section, siblings, direction)


# --- Questions --------------------------------------------------------------------------


def _clean_options(kind: str, options: Iterable[str], fields: Mapping[str, Any]) -> list[str]:
    """The same checks as services.question_create, for a question being changed."""
    labels = [label.strip() for label in options if label.strip()]
    if kind in CHOICE_KINDS:
        if len(labels) < 2 and not (labels and fields.get("has_other")):
            raise ValidationError({"options": _("Enter at least 2 options")})
    elif labels:
        raise ValidationError({"options": _("Only choice questions have options")})
    if len({label.lower() for label in labels}) != len(labels):
        raise ValidationError({"options": _("Each option must be different")})
    if fields.get("max_choices") and kind != QuestionKind.MULTIPLE:
        raise ValidationError(
            {"max_choices": _("Only “tick all that apply” questions have a maximum")}
        )
    return labels


@transaction.atomic
def question_edit(
    *, actor: Any, question: Question, options: Iterable[str] = (), **fields: Any
) -> Question:
    """Change a question and its options (refused once anyone has responded). Options are
    kept by position: the first label typed updates the first option, and so on."""
    locked = (
        Question.objects.select_for_update(of=("self",))
        .select_related("section__consultation")
        .get(pk=question.pk)
    )
    ensure_questions_changeable(locked.section.consultation)
    kind = fields.get("kind", locked.kind)
    labels = _clean_options(kind, options, {"has_other": locked.has_other, **fields})
    for name, value in fields.items():
        setattr(locked, name, value.strip() if name in ("text", "code") else value)
    _save(locked, actor)
    existing = list(locked.options.order_by("order", "pk"))
    for number, label in enumerate(labels, start=1):
        if number <= len(existing):
            option = existing[number - 1]
            if option.label == label and option.order == number:
                continue
            option.label, option.order = label, number
        else:
            option = Option(question=locked, label=label, order=number)
        _save(option, actor)
    for option in existing[len(labels) :]:
        option._history_user = actor  # type: ignore[attr-defined]
        option.delete()
    return locked


@transaction.atomic
def question_move(*, actor: Any, question: Question, direction: str) -> None:
    Section.objects.select_for_update(of=("self",)).get(pk=question.section_id)
    siblings = Question.objects.filter(section=question.section_id).order_by("order", "pk")
    _move(actor, question, siblings, direction)


# --- Responses entered by officers ------------------------------------------------------


def question_key(question: Question) -> str:
    """How :func:`response_enter` names a question in its errors: ``q<pk>``."""
    return f"q{question.pk}"


@transaction.atomic
def response_enter(
    *,
    actor: Any,
    consultation: Consultation,
    channel: str,
    received_at: datetime,
    respondent_type: str,
    publish_consent: str,
    answers: Mapping[int, Mapping[str, Any]],
    submission_key: uuid.UUID,
    organisation_name: str = "",
    respondent_name: str = "",
) -> Response:
    """Record a response received by e-mail, letter or at a meeting, submitted at once
    (even after closing: it was sent in time, or the office accepts it late).

    ``answers`` maps a question's pk to ``{"choices": [...], "other_text": "", "text": ""}``
    as :func:`services.answer_save` takes them. Errors about one question are keyed
    ``q<pk>`` (``q<pk>_other`` for its "Other" text). Repeating ``submission_key`` returns
    the response already stored and writes nothing.
    """
    existing = Response.objects.filter(submission_key=submission_key).first()
    if existing is not None:
        return existing
    if channel not in OFFICER_CHANNELS:
        raise ValidationError(
            {"channel": _("Select how the response was received: e-mail, letter or meeting")}
        )
    if received_at > timezone.now():
        raise ValidationError({"received_at": _("The date received must be today or in the past")})
    if consultation.outcome_published_at is not None:
        raise ValidationError(
            _(
                "The outcome of this consultation has been published: "
                "responses can no longer be added"
            )
        )
    response = Response(
        consultation=consultation, channel=channel, entered_by=actor, started_at=received_at
    )
    _save(response, actor)
    questions = Question.objects.filter(
        section__consultation=consultation, analyst_only=False
    ).select_related("section__consultation")
    errors: dict[str, list[str]] = {}
    for question in questions:
        given = answers.get(question.pk)
        if not given:
            continue
        try:
            services.answer_save(
                response=response,
                question=question,
                choices=given.get("choices", ()),
                other_text=given.get("other_text", ""),
                text=given.get("text", ""),
            )
        except ValidationError as error:
            for key, messages in _keyed(error, question).items():
                errors.setdefault(key, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    submitted = services.response_submit(
        response=response,
        submission_key=submission_key,
        respondent_type=respondent_type,
        publish_consent=publish_consent,
        organisation_name=organisation_name,
        respondent_name=respondent_name,
        channel=channel,
        entered_by=actor,
        now=received_at,
        # A letter answers what its writer chose to answer.
        check_required=False,
    )
    if submitted.pk != response.pk:
        # A simultaneous request with the same key stored it first: drop this copy.
        response._history_user = actor  # type: ignore[attr-defined]
        response.delete()
    elif submitted.status != ResponseStatus.SUBMITTED:
        raise ValidationError(_("The response could not be submitted"))
    return submitted


def _keyed(error: ValidationError, question: Question) -> dict[str, list[str]]:
    key = question_key(question)
    if not hasattr(error, "error_dict"):
        return {key: list(error.messages)}
    return {
        (f"{key}_other" if name == "other_text" else key): list(messages)
        for name, messages in error.message_dict.items()
    }

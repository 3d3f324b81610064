"""Writes for consultations: building the survey, responding, submitting exactly once.

Questions are fixed once anyone has responded (an answer must keep meaning what it
meant); adding a question is still allowed. A submission carries a key: repeating it
(a double click, a retry after a lost connection) returns the same response and writes
nothing more.
"""

import hashlib
import secrets
import uuid
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from commissioning.areas.models import PolicingArea
from commissioning.budgets.models import Framework

from .models import (
    TEXT_KINDS,
    Answer,
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

SUPPORT_SCALE = ("Fully support", "Partially support", "Do not support")


def _save(instance: Any, actor: Any, reason: str | None = None) -> Any:
    instance._history_user = actor
    if reason:
        instance._change_reason = reason
    instance.full_clean()
    instance.save()
    return instance


def _unique_slug(title: str) -> str:
    base = slugify(title)[:70] or "consultation"
    slug, number = base, 2
    while Consultation.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


@transaction.atomic
def consultation_create(
    *,
    actor: Any,
    area: PolicingArea,
    title: str,
    framework: Framework | None = None,
    opens_at: datetime | None = None,
    closes_at: datetime | None = None,
    **fields: Any,
) -> Consultation:
    if framework is not None and framework.area_id != area.pk:
        raise ValidationError({"framework": _("Choose a framework of %(area)s") % {"area": area}})
    if opens_at and closes_at and closes_at <= opens_at:
        raise ValidationError({"closes_at": _("The closing time must be after the opening time")})
    consultation = Consultation(
        area=area,
        title=title.strip(),
        slug=_unique_slug(title),
        framework=framework,
        opens_at=opens_at,
        closes_at=closes_at,
        **fields,
    )
    return _save(consultation, actor)


def has_responses(consultation: Consultation) -> bool:
    return consultation.responses.filter(status=ResponseStatus.SUBMITTED).exists()


def ensure_questions_changeable(consultation: Consultation) -> None:
    if has_responses(consultation):
        raise ValidationError(
            _(
                "People have already responded, so existing questions cannot be changed: "
                "their answers would no longer match. You can still add new questions."
            )
        )


@transaction.atomic
def section_create(
    *, actor: Any, consultation: Consultation, title: str, introduction: str = ""
) -> Section:
    order = (consultation.sections.aggregate(m=Max("order"))["m"] or 0) + 1
    return _save(
        Section(
            consultation=consultation, title=title.strip(), introduction=introduction, order=order
        ),
        actor,
    )


@transaction.atomic
def question_create(
    *,
    actor: Any,
    section: Section,
    text: str,
    kind: str,
    options: Iterable[str] = (),
    code: str = "",
    **fields: Any,
) -> Question:
    """Add a question (allowed even after responses). A choice question needs options;
    ``options=SUPPORT_SCALE`` gives the ready-made "Fully / Partially / Do not support"."""
    labels = [label.strip() for label in options if label.strip()]
    if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE, QuestionKind.SINGLE_WITH_COMMENT):
        if len(labels) < 2 and not (labels and fields.get("has_other")):
            raise ValidationError({"options": _("Enter at least 2 options")})
    elif labels:
        raise ValidationError({"options": _("Only choice questions have options")})
    if len({label.lower() for label in labels}) != len(labels):
        raise ValidationError({"options": _("Each option must be different")})
    max_choices = fields.get("max_choices")
    if max_choices and kind != QuestionKind.MULTIPLE:
        raise ValidationError(
            {"max_choices": _("Only “tick all that apply” questions have a maximum")}
        )
    order = (section.questions.aggregate(m=Max("order"))["m"] or 0) + 1
    question = _save(
        Question(
            section=section, text=text.strip(), kind=kind, code=code.strip(), order=order, **fields
        ),
        actor,
    )
    for number, label in enumerate(labels, start=1):
        _save(Option(question=question, label=label, order=number), actor)
    return question


@transaction.atomic
def question_update(*, actor: Any, question: Question, **fields: Any) -> Question:
    question = (
        Question.objects.select_for_update(of=("self",))
        .select_related("section__consultation")
        .get(pk=question.pk)
    )
    ensure_questions_changeable(question.section.consultation)
    for name, value in fields.items():
        setattr(question, name, value)
    return _save(question, actor)


@transaction.atomic
def question_delete(*, actor: Any, question: Question) -> None:
    ensure_questions_changeable(question.section.consultation)
    question._history_user = actor  # type: ignore[attr-defined]
    question.delete()


# --- Responding ----------------------------------------------------------------------


def response_start(*, consultation: Consultation) -> Response:
    if not consultation.is_open:
        raise ValidationError(_("This consultation is closed"))
    return _save(Response(consultation=consultation), None)


OTHER = "__other__"


@transaction.atomic
def answer_save(
    *,
    response: Response,
    question: Question,
    choices: Iterable[str] = (),
    other_text: str = "",
    text: str = "",
) -> Answer:
    """Record (or replace) the answer to one question. ``choices`` are option ids as
    strings, and OTHER for "Other (please specify)"."""
    if response.status != ResponseStatus.DRAFT:
        raise ValidationError(_("This response has been submitted and cannot be changed"))
    if question.section.consultation_id != response.consultation_id or question.analyst_only:
        raise ValidationError(_("This question is not part of the consultation"))
    chosen = [c for c in choices if c]
    picked_other = OTHER in chosen
    option_ids = {int(c) for c in chosen if c != OTHER and str(c).isdigit()}
    options = list(question.options.filter(pk__in=option_ids))
    if len(options) != len(option_ids) or (picked_other and not question.has_other):
        raise ValidationError(_("Select one of the options given"))
    if question.kind != QuestionKind.MULTIPLE and len(chosen) > 1:
        raise ValidationError(_("Select one option"))
    if question.max_choices and len(chosen) > question.max_choices:
        raise ValidationError(
            _("Select no more than %(count)s options") % {"count": question.max_choices}
        )
    if picked_other and not other_text.strip():
        raise ValidationError({"other_text": _("Say what your other answer is")})
    if question.kind in TEXT_KINDS and chosen:
        raise ValidationError(_("This question takes a written answer"))
    answer, _created = Answer.objects.get_or_create(response=response, question=question)
    answer.other_text = other_text.strip() if picked_other else ""
    answer.text = text.strip()
    answer.save()
    answer.choices.set(options)
    return answer


def _missing_required(response: Response) -> list[Question]:
    answered = {
        a.question_id
        for a in response.answers.prefetch_related("choices")
        if a.text or a.other_text or a.choices.all()
    }
    required = Question.objects.filter(
        section__consultation=response.consultation_id, required=True, analyst_only=False
    )
    return [q for q in required if q.pk not in answered]


def response_submit(
    *,
    response: Response,
    submission_key: uuid.UUID,
    respondent_type: str,
    publish_consent: str,
    organisation_name: str = "",
    respondent_name: str = "",
    channel: str = Channel.ONLINE,
    entered_by: Any = None,
    now: datetime | None = None,
    check_required: bool = True,
) -> Response:
    """Submit exactly once. Repeating the same key returns the stored response.

    ``check_required=False`` is for responses an officer enters from a letter or a
    meeting, which need not have answered every question the online form insists on."""
    try:
        with transaction.atomic():
            return _submit(
                response=response,
                submission_key=submission_key,
                respondent_type=respondent_type,
                publish_consent=publish_consent,
                organisation_name=organisation_name,
                respondent_name=respondent_name,
                channel=channel,
                entered_by=entered_by,
                now=now or timezone.now(),
                check_required=check_required,
            )
    except IntegrityError:
        # Another request with the same key won the race: answer with what it stored.
        existing = Response.objects.filter(submission_key=submission_key).first()
        if existing is None:
            raise
        return existing


def _submit(
    *,
    response: Response,
    submission_key: uuid.UUID,
    respondent_type: str,
    publish_consent: str,
    organisation_name: str,
    respondent_name: str,
    channel: str,
    entered_by: Any,
    now: datetime,
    check_required: bool,
) -> Response:
    locked = (
        Response.objects.select_for_update(of=("self",))
        .select_related("consultation")
        .get(pk=response.pk)
    )
    if locked.status == ResponseStatus.SUBMITTED:
        if locked.submission_key == submission_key:
            return locked
        raise ValidationError(_("This response has already been submitted"))
    consultation = locked.consultation
    online = channel == Channel.ONLINE
    if online and consultation.status_at(now) != "open":
        raise ValidationError(_("This consultation closed before your response was sent"))
    if respondent_type not in RespondentType.values:
        raise ValidationError(
            {
                "respondent_type": _(
                    "Select whether you are responding as an individual or for an organisation"
                )
            }
        )
    if respondent_type == RespondentType.ORGANISATION and not organisation_name.strip():
        raise ValidationError({"organisation_name": _("Enter the name of your organisation")})
    if publish_consent not in PublishConsent.values:
        raise ValidationError({"publish_consent": _("Select whether we may publish your response")})
    missing = _missing_required(locked) if check_required else []
    if missing:
        raise ValidationError(
            _("Answer every required question: %(questions)s")
            % {"questions": ", ".join(q.code or q.text[:40] for q in missing)}
        )
    locked.status = ResponseStatus.SUBMITTED
    locked.submission_key = submission_key
    locked.submitted_at = now
    locked.respondent_type = respondent_type
    locked.organisation_name = organisation_name.strip()
    locked.respondent_name = respondent_name.strip()
    locked.publish_consent = publish_consent
    locked.channel = channel
    locked.entered_by = entered_by
    # Kept only to let the person return to a draft: not needed once it is sent.
    locked.resume_email = ""
    locked.resume_token_hash = ""
    _save(locked, entered_by)
    _comments_from_answers(locked)
    return locked


def _comments_from_answers(response: Response) -> None:
    """Each written answer (and "Other" text) becomes one comment for analysis; an analyst
    may split it later."""
    start = (
        Comment.objects.filter(consultation=response.consultation_id).aggregate(m=Max("order"))["m"]
        or 0
    )
    comments = []
    answers = response.answers.select_related("question").order_by(
        "question__section__order", "question__order"
    )
    for answer in answers:
        for text in (answer.text, answer.other_text):
            if text.strip():
                start += 1
                comments.append(
                    Comment(
                        consultation_id=response.consultation_id,
                        answer=answer,
                        text=text.strip(),
                        order=start,
                    )
                )
    Comment.objects.bulk_create(comments)


# --- Save and return ------------------------------------------------------------------


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def response_save_for_later(*, response: Response, email: str) -> str:
    """Keep the draft and return the secret for the e-mailed link (only its hash is
    stored). The caller sends the e-mail after the transaction commits."""
    locked = Response.objects.select_for_update(of=("self",)).get(pk=response.pk)
    if locked.status != ResponseStatus.DRAFT:
        raise ValidationError(_("This response has already been submitted"))
    token = secrets.token_urlsafe(32)
    locked.resume_email = email.strip()
    locked.resume_token_hash = _hash(token)
    locked.full_clean()
    locked.save(update_fields=["resume_email", "resume_token_hash"])
    return token


def response_resume(*, token: str) -> Response | None:
    if not token:
        return None
    return (
        Response.objects.select_related("consultation")
        .filter(resume_token_hash=_hash(token), status=ResponseStatus.DRAFT)
        .first()
    )

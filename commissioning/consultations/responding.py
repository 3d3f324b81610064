"""Writes for the public's journey through a consultation, around the core services
(``services.answer_save``, ``response_submit``, ``response_save_for_later``).

A draft is written page by page so that nothing typed is lost and "save and come back
later" can return to it. Every write refuses once the consultation has closed: the pages
say so too, but the rule lives here.
"""

from collections.abc import Iterable, Mapping
from datetime import date, time, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from . import services
from .models import Consultation, PublishConsent, Question, RespondentType, Response, ResponseStatus


def closing_date(consultation: Consultation) -> date | None:
    """The last day to respond, as people say it: a consultation closing at midnight
    (the start of 11 February) closed "on 10 February"."""
    if consultation.closes_at is None:
        return None
    local = localtime(consultation.closes_at)
    if local.time() == time(0, 0):
        return local.date() - timedelta(days=1)
    return local.date()


class AnswerRefusedError(ValidationError):
    """``answer_save`` refused one question's answer; ``question`` says which."""

    def __init__(self, question: Question, error: ValidationError) -> None:
        super().__init__(error.error_dict if hasattr(error, "error_dict") else error.messages)
        self.question = question
        self.cause = error


def _locked_draft(response: Response) -> Response:
    locked = (
        Response.objects.select_for_update(of=("self",))
        .select_related("consultation")
        .get(pk=response.pk)
    )
    if locked.status != ResponseStatus.DRAFT:
        raise ValidationError(_("This response has been submitted and cannot be changed"))
    if not locked.consultation.is_open:
        raise ValidationError(_("This consultation is closed"))
    return locked


@transaction.atomic
def response_about_save(
    *, response: Response, respondent_type: str, organisation_name: str, respondent_name: str
) -> Response:
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
    locked = _locked_draft(response)
    locked.respondent_type = respondent_type
    # An individual's answer never keeps an organisation typed before they changed their mind.
    locked.organisation_name = (
        organisation_name.strip() if respondent_type == RespondentType.ORGANISATION else ""
    )
    locked.respondent_name = respondent_name.strip()
    locked.save(update_fields=["respondent_type", "organisation_name", "respondent_name"])
    return locked


@transaction.atomic
def response_consent_save(*, response: Response, publish_consent: str) -> Response:
    if publish_consent not in PublishConsent.values:
        raise ValidationError({"publish_consent": _("Select whether we may publish your response")})
    locked = _locked_draft(response)
    locked.publish_consent = publish_consent
    locked.save(update_fields=["publish_consent"])
    return locked


@transaction.atomic
def section_answers_save(*, response: Response, answers: Iterable[Mapping[str, Any]]) -> None:
    """Save one page's answers together: all of them or, if one is refused, none."""
    locked = _locked_draft(response)
    for answer in answers:
        blank = not (answer["choices"] or answer["other_text"] or answer["text"])
        if blank and not locked.answers.filter(question=answer["question"]).exists():
            continue  # a question left unanswered stays without an answer
        try:
            services.answer_save(response=locked, **answer)
        except ValidationError as error:
            raise AnswerRefusedError(answer["question"], error) from error


def resume_url(response: Response, token: str) -> str:
    path = reverse("respond:resume", args=[response.consultation.slug, token])
    return f"{settings.SITE_URL}{path}"


def _send_resume_email(*, email: str, title: str, link: str, closes: str) -> None:
    subject = _("Your answers to “%(title)s”") % {"title": title}
    body = _(
        "You started answering “%(title)s” and asked to come back later.\n\n"
        "Use this link to continue where you left off:\n%(link)s\n\n"
        "The link works once. %(closes)s\n\n"
        "If you did not ask for this e-mail, you can ignore it."
    ) % {"title": title, "link": link, "closes": closes}
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [email])


@transaction.atomic
def response_save_and_email(*, response: Response, email: str) -> None:
    """Keep the draft for later and e-mail the link, once the draft is safely stored
    (the e-mail is sent after the transaction commits, never for a rolled-back save)."""
    consultation = _locked_draft(response).consultation
    token = services.response_save_for_later(response=response, email=email)
    closing = closing_date(consultation)
    closes = (
        _("The consultation closes on %(date)s.") % {"date": date_format(closing, "j F Y")}
        if closing
        else ""
    )
    link = resume_url(response, token)
    transaction.on_commit(
        lambda: _send_resume_email(
            email=email.strip(), title=consultation.title, link=link, closes=closes
        )
    )


@transaction.atomic
def response_resume_once(*, token: str) -> Response | None:
    """The draft a save-and-return link points to; the link then stops working (it is
    a key to someone's answers, so it must not work twice)."""
    found = services.response_resume(token=token)
    if found is None:
        return None
    locked = (
        Response.objects.select_for_update(of=("self",))
        .select_related("consultation")
        .filter(pk=found.pk, status=ResponseStatus.DRAFT, resume_token_hash=found.resume_token_hash)
        .first()
    )
    if locked is None:  # used by a request that got here first
        return None
    locked.resume_token_hash = ""
    locked.save(update_fields=["resume_token_hash"])
    return locked

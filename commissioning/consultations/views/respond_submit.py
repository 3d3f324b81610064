"""Check your answers, send them (exactly once), and the confirmation."""

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html, format_html_join, linebreaks
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from .. import services
from ..forms.respond import CheckForm
from ..models import Answer, PublishConsent, Question, QuestionKind, RespondentType, Response
from .respond_base import Journey, JourneyView, RespondView, public_sections, section_url


def _text(value: str) -> SafeString:
    # linebreaks escapes first (autoescape=True), then keeps the person's paragraphs.
    return SafeString(linebreaks(value, autoescape=True))


def answer_value(question: Question, answer: Answer | None) -> SafeString | str:
    """How an answer reads on the check page; "" for no answer."""
    if answer is None:
        return ""
    parts: list[SafeString] = []
    if question.kind != QuestionKind.SHORT_TEXT and question.kind != QuestionKind.LONG_TEXT:
        labels = [option.label for option in answer.choices.all()]
        if labels:
            parts.append(
                format_html(
                    '<ul class="govuk-list">{}</ul>',
                    format_html_join("", "<li>{}</li>", ((label,) for label in labels)),
                )
            )
        if answer.other_text:
            parts.append(
                format_html("<p class='govuk-body'>{}: {}</p>", _("Other"), answer.other_text)
            )
    if answer.text:
        parts.append(_text(answer.text))
    return SafeString("".join(parts))


class CheckView(JourneyView):
    def check_context(self, form: CheckForm) -> dict[str, Any]:
        slug = self.consultation.slug
        draft = self.draft
        answers = {
            answer.question_id: answer
            for answer in Answer.objects.filter(response=draft).prefetch_related("choices")
        }
        change = _("Change")
        about = reverse("respond:about-you", args=[slug])
        about_rows: list[dict[str, Any]] = [
            {
                "key": _("Responding"),
                "value": RespondentType(draft.respondent_type).label,
                "actions": [
                    {
                        "href": about,
                        "text": change,
                        "visually_hidden_text": _("how you are responding"),
                    }
                ],
            }
        ]
        if draft.respondent_type == RespondentType.ORGANISATION:
            about_rows.append(
                {
                    "key": _("Organisation"),
                    "value": draft.organisation_name,
                    "actions": [
                        {"href": about, "text": change, "visually_hidden_text": _("organisation")}
                    ],
                }
            )
        about_rows.append(
            {
                "key": _("Name"),
                "value": draft.respondent_name,
                "actions": [{"href": about, "text": change, "visually_hidden_text": _("name")}],
            }
        )
        cards = []
        missing = []
        for number, section in enumerate(public_sections(self.consultation), start=1):
            rows = []
            for question in section.public_questions:  # type: ignore[attr-defined]
                value = answer_value(question, answers.get(question.pk))
                if question.required and not value:
                    missing.append(question)
                rows.append(
                    {
                        "key": f"{question.code} {question.text}".strip(),
                        "value": value,
                        "actions": [
                            {
                                "href": f"{section_url(self.consultation, number)}",
                                "text": change,
                                "visually_hidden_text": question.code or question.text,
                            }
                        ],
                    }
                )
            cards.append({"title": section.title, "rows": rows})
        consent_rows = [
            {
                "key": _("May we publish your response?"),
                "value": PublishConsent(draft.publish_consent).label,
                "actions": [
                    {
                        "href": reverse("respond:publishing", args=[slug]),
                        "text": change,
                        "visually_hidden_text": _("whether we may publish your response"),
                    }
                ],
            }
        ]
        return self.base_context(
            form=form,
            about_rows=about_rows,
            cards=cards,
            consent_rows=consent_rows,
            missing=missing,
            back_url=reverse("respond:publishing", args=[slug]),
        )

    def render_check(self, form: CheckForm) -> HttpResponse:
        return render(self.request, "consultations/respond/check.html", self.check_context(form))

    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        if not self.draft.respondent_type:
            return redirect("respond:about-you", slug)
        if not self.journey.consent_given:
            return redirect("respond:publishing", slug)
        form = CheckForm(initial={"submission_key": self.journey.submission_key()})
        return self.render_check(form)


class SubmitView(CheckView):
    """Send the response. The same key twice (a double click, a retry after a lost
    connection) gives the same confirmation and stores one response."""

    needs_draft = False

    def post(self, request: HttpRequest, slug: str) -> HttpResponse:
        response = self.journey.response(submitted_too=True)
        if response is None:
            return redirect("respond:consultation", slug)
        form = CheckForm(request.POST)
        key = (
            self.journey.matches_key(str(form.cleaned_data["submission_key"]))
            if form.is_valid()
            else None
        )
        if key is None:
            # A form from before the draft changed hands (or tampered with): look again.
            return redirect("respond:check", slug)
        try:
            submitted = services.response_submit(
                response=response,
                submission_key=key,
                respondent_type=response.respondent_type,
                publish_consent=response.publish_consent,
                organisation_name=response.organisation_name,
                respondent_name=response.respondent_name,
            )
        except ValidationError as error:
            self.draft = response
            form.add_error(None, error)
            return self.render_check(form)
        self.journey.finish(submitted)
        return redirect("respond:done", slug)


class DoneView(RespondView):
    """The confirmation, with the reference (still shown if the consultation has since
    closed)."""

    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        self.consultation = self.get_consultation(slug)
        response: Response | None = Journey(request, self.consultation).finished()
        if response is None:
            return redirect("respond:consultation", slug)
        context = self.base_context(response=response)
        return render(request, "consultations/respond/done.html", context)

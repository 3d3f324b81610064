"""The public's pages: the list of consultations, a consultation's start page, and the
form's pages (about you, one page per section, publishing)."""

from datetime import timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from .. import responding, services
from ..forms.respond import AboutYouForm, PublishingForm, section_form_class
from ..forms.respond import initial_from_answers as section_initial
from ..models import Answer, ConsultationStatus, Section
from ..policies import public_consultation_policy
from .respond_base import (
    JourneyView,
    RespondView,
    public_section_count,
    public_sections,
    section_url,
)

# How long a closed consultation stays in the list of recent ones.
RECENTLY_CLOSED = timedelta(days=365)


class IndexView(RespondView):
    def get(self, request: HttpRequest) -> HttpResponse:
        now = timezone.now()
        consultations = public_consultation_policy.visible(request.user).order_by(
            "closes_at", "title"
        )
        open_now, closed = [], []
        for consultation in consultations:
            if consultation.status_at(now) == ConsultationStatus.OPEN:
                open_now.append(consultation)
            elif consultation.closes_at and consultation.closes_at >= now - RECENTLY_CLOSED:
                closed.append(consultation)
        closed.reverse()  # most recently closed first
        context = {
            "open_consultations": [(c, responding.closing_date(c)) for c in open_now],
            "closed_consultations": [(c, responding.closing_date(c)) for c in closed],
        }
        return render(request, "consultations/respond/index.html", context)


class ConsultationView(RespondView):
    """The start page."""

    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        self.consultation = self.get_consultation(slug)
        context = self.base_context(is_open=self.consultation.is_open)
        return render(request, "consultations/respond/consultation.html", context)


class AboutYouView(JourneyView):
    # The first page: it creates the draft when it is answered.
    needs_draft = False

    def _render(self, form: AboutYouForm) -> HttpResponse:
        context = self.base_context(form=form, back_url=self.back_url())
        return render(self.request, "consultations/respond/about_you.html", context)

    def back_url(self) -> str:
        return reverse("respond:consultation", args=[self.consultation.slug])

    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        draft = self.journey.response()
        initial = {}
        if draft is not None and draft.respondent_type:
            initial = {
                "respondent_type": draft.respondent_type,
                "organisation_name": draft.organisation_name,
                "respondent_name": draft.respondent_name,
            }
        return self._render(AboutYouForm(initial=initial))

    def post(self, request: HttpRequest, slug: str) -> HttpResponse:
        form = AboutYouForm(request.POST)
        if not form.is_valid():
            return self._render(form)
        draft = self.journey.response()
        try:
            if draft is None:
                draft = services.response_start(consultation=self.consultation)
                self.journey.begin(draft)
            responding.response_about_save(response=draft, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
            return self._render(form)
        return redirect(section_url(self.consultation, 1))


class SectionView(JourneyView):
    """One section per page: its introduction and its questions."""

    sections: list[Section]
    section: Section
    number: int

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        self.number = int(kwargs["number"])
        return super().dispatch(request, *args, **kwargs)

    def load(self) -> None:
        self.sections = public_sections(self.consultation)
        if not 1 <= self.number <= len(self.sections):
            raise Http404
        self.section = self.sections[self.number - 1]

    def back_url(self) -> str:
        if self.number == 1:
            return reverse("respond:about-you", args=[self.consultation.slug])
        return section_url(self.consultation, self.number - 1)

    def next_url(self) -> str:
        if self.number < len(self.sections):
            return section_url(self.consultation, self.number + 1)
        return reverse("respond:publishing", args=[self.consultation.slug])

    def _render(self, form: Any) -> HttpResponse:
        context = self.base_context(
            form=form,
            section=self.section,
            number=self.number,
            count=len(self.sections),
            back_url=self.back_url(),
        )
        return render(self.request, "consultations/respond/section.html", context)

    def get(self, request: HttpRequest, slug: str, number: int) -> HttpResponse:
        self.load()
        questions = self.section.public_questions  # type: ignore[attr-defined]
        answers = {
            answer.question_id: answer
            for answer in Answer.objects.filter(
                response=self.draft, question__in=questions
            ).prefetch_related("choices")
        }
        form_class = section_form_class(questions)
        return self._render(form_class(initial=section_initial(questions, answers)))

    def post(self, request: HttpRequest, slug: str, number: int) -> HttpResponse:
        self.load()
        form = section_form_class(self.section.public_questions)(request.POST)  # type: ignore[attr-defined]
        if not form.is_valid():
            return self._render(form)
        try:
            responding.section_answers_save(response=self.draft, answers=form.answers())
        except responding.AnswerRefusedError as refused:
            form.add_error(form.field_for_error(refused.question, refused.cause), refused.messages)
            return self._render(form)
        except ValidationError as error:
            form.add_error(None, error)
            return self._render(form)
        if request.POST.get("then") == "save":
            return redirect("respond:save", self.consultation.slug)
        return redirect(self.next_url())


class PublishingView(JourneyView):
    def _render(self, form: PublishingForm) -> HttpResponse:
        count = public_section_count(self.consultation)
        back_url = (
            section_url(self.consultation, count)
            if count
            else reverse("respond:about-you", args=[self.consultation.slug])
        )
        context = self.base_context(form=form, back_url=back_url)
        return render(self.request, "consultations/respond/publishing.html", context)

    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        # No answer is chosen for someone until they have chosen one themselves.
        initial = (
            {"publish_consent": self.draft.publish_consent} if self.journey.consent_given else {}
        )
        return self._render(PublishingForm(initial=initial))

    def post(self, request: HttpRequest, slug: str) -> HttpResponse:
        form = PublishingForm(request.POST)
        if not form.is_valid():
            return self._render(form)
        try:
            responding.response_consent_save(
                response=self.draft, publish_consent=form.cleaned_data["publish_consent"]
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self._render(form)
        self.journey.give_consent()
        return redirect("respond:check", self.consultation.slug)

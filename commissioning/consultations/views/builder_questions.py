"""The Questions tab: the survey's sections and questions, and adding, changing,
reordering and deleting them. Once anyone has responded, existing questions are fixed
(the service says why); adding still works."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from ..building import question_edit, question_move, section_delete, section_move, section_update
from ..forms.builder import QuestionForm, SectionForm
from ..models import Consultation, Question, Section
from ..services import (
    ensure_questions_changeable,
    question_create,
    question_delete,
    section_create,
)
from .builder_base import ConsultationRecordView, add_service_errors, sections_with_questions


def locked_message(consultation: Consultation) -> str:
    """Why existing questions cannot be changed (the service's own words), or ""."""
    try:
        ensure_questions_changeable(consultation)
    except ValidationError as error:
        return " ".join(error.messages)
    return ""


class QuestionsView(ConsultationRecordView):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        consultation = self.get_consultation()
        return self.render_page(
            "consultations/builder/questions.html",
            consultation,
            sections=sections_with_questions(consultation),
            locked_message=locked_message(consultation),
        )


def _questions_url(consultation: Consultation, anchor: str = "") -> str:
    url = reverse("consultations:questions", args=[consultation.pk])
    return f"{url}#{anchor}" if anchor else url


def _direction(request: HttpRequest) -> str:
    direction = request.POST.get("direction", "")
    if direction not in ("up", "down"):
        raise Http404
    return direction


# --- Sections ---------------------------------------------------------------------------


class _SectionFormView(ConsultationRecordView):
    template_name = "consultations/builder/section_form.html"

    def _section(self, consultation: Consultation) -> Section | None:
        return self.section(consultation) if "section_pk" in self.kwargs else None

    def get(self, request: HttpRequest, pk: int, section_pk: int | None = None) -> HttpResponse:
        consultation = self.editable_consultation()
        section = self._section(consultation)
        initial = (
            {"title": section.title, "introduction": section.introduction} if section else None
        )
        return self.render_page(
            self.template_name, consultation, form=SectionForm(initial=initial), section=section
        )

    def post(self, request: HttpRequest, pk: int, section_pk: int | None = None) -> HttpResponse:
        consultation = self.editable_consultation()
        section = self._section(consultation)
        form = SectionForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                if section is None:
                    saved = section_create(
                        actor=request.user,
                        consultation=consultation,
                        title=data["title"],
                        introduction=data["introduction"],
                    )
                else:
                    saved = section_update(
                        actor=request.user,
                        section=section,
                        title=data["title"],
                        introduction=data["introduction"],
                    )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("‘%(title)s’ has been saved") % {"title": saved.title})
                return redirect(_questions_url(consultation, f"section-{saved.pk}"))
        return self.render_page(self.template_name, consultation, form=form, section=section)


class SectionAddView(_SectionFormView):
    pass


class SectionEditView(_SectionFormView):
    pass


class SectionMoveView(ConsultationRecordView):
    def post(self, request: HttpRequest, pk: int, section_pk: int) -> HttpResponse:
        consultation = self.editable_consultation()
        section = self.section(consultation)
        direction = _direction(request)
        try:
            section_move(actor=request.user, section=section, direction=direction)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            text = (
                _("‘%(title)s’ has been moved up")
                if direction == "up"
                else _("‘%(title)s’ has been moved down")
            )
            messages.success(request, text % {"title": section.title})
        return redirect(_questions_url(consultation, f"section-{section.pk}"))


class SectionDeleteView(ConsultationRecordView):
    """A confirmation page (GET) and the deletion (POST)."""

    template_name = "consultations/builder/section_confirm_delete.html"

    def get(self, request: HttpRequest, pk: int, section_pk: int) -> HttpResponse:
        consultation = self.editable_consultation()
        section = self.section(consultation)
        return self.render_page(
            self.template_name,
            consultation,
            section=section,
            question_count=section.questions.count(),
        )

    def post(self, request: HttpRequest, pk: int, section_pk: int) -> HttpResponse:
        consultation = self.editable_consultation()
        section = self.section(consultation)
        try:
            section_delete(actor=request.user, section=section)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("‘%(title)s’ has been deleted") % {"title": section.title})
        return redirect("consultations:questions", pk=consultation.pk)


# --- Questions --------------------------------------------------------------------------

ALIASES = {"options": "options", "max_choices": "max_choices"}


class QuestionAddView(ConsultationRecordView):
    template_name = "consultations/builder/question_form.html"

    def get(self, request: HttpRequest, pk: int, section_pk: int) -> HttpResponse:
        consultation = self.editable_consultation()
        section = self.section(consultation)
        return self.render_page(
            self.template_name, consultation, form=QuestionForm(), section=section, question=None
        )

    def post(self, request: HttpRequest, pk: int, section_pk: int) -> HttpResponse:
        consultation = self.editable_consultation()
        section = self.section(consultation)
        form = QuestionForm(request.POST)
        if form.is_valid():
            try:
                question = question_create(
                    actor=request.user, section=section, **form.service_arguments()
                )
            except ValidationError as error:
                add_service_errors(form, error, ALIASES)
            else:
                messages.success(request, _("The question has been added"))
                return redirect(_questions_url(consultation, f"question-{question.pk}"))
        return self.render_page(
            self.template_name, consultation, form=form, section=section, question=None
        )


class QuestionEditView(ConsultationRecordView):
    template_name = "consultations/builder/question_form.html"

    def _page(
        self, consultation: Consultation, question: Question, form: QuestionForm
    ) -> HttpResponse:
        return self.render_page(
            self.template_name,
            consultation,
            form=form,
            section=question.section,
            question=question,
            locked_message=locked_message(consultation),
        )

    def get(self, request: HttpRequest, pk: int, question_pk: int) -> HttpResponse:
        consultation = self.editable_consultation()
        question = self.question(consultation)
        return self._page(consultation, question, QuestionForm(question=question))

    def post(self, request: HttpRequest, pk: int, question_pk: int) -> HttpResponse:
        consultation = self.editable_consultation()
        question = self.question(consultation)
        form = QuestionForm(request.POST, question=question)
        if form.is_valid():
            try:
                question_edit(actor=request.user, question=question, **form.service_arguments())
            except ValidationError as error:
                add_service_errors(form, error, ALIASES)
            else:
                messages.success(request, _("The question has been saved"))
                return redirect(_questions_url(consultation, f"question-{question.pk}"))
        return self._page(consultation, question, form)


class QuestionMoveView(ConsultationRecordView):
    def post(self, request: HttpRequest, pk: int, question_pk: int) -> HttpResponse:
        consultation = self.editable_consultation()
        question = self.question(consultation)
        direction = _direction(request)
        try:
            question_move(actor=request.user, question=question, direction=direction)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            name = question.code or _("The question")
            text = (
                _("%(name)s has been moved up")
                if direction == "up"
                else _("%(name)s has been moved down")
            )
            messages.success(request, text % {"name": name})
        return redirect(_questions_url(consultation, f"question-{question.pk}"))


class QuestionDeleteView(ConsultationRecordView):
    template_name = "consultations/builder/question_confirm_delete.html"

    def get(self, request: HttpRequest, pk: int, question_pk: int) -> HttpResponse:
        consultation = self.editable_consultation()
        question = self.question(consultation)
        return self.render_page(
            self.template_name,
            consultation,
            question=question,
            locked_message=locked_message(consultation),
        )

    def post(self, request: HttpRequest, pk: int, question_pk: int) -> HttpResponse:
        consultation = self.editable_consultation()
        question = self.question(consultation)
        try:
            question_delete(actor=request.user, question=question)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The question has been deleted"))
        return redirect("consultations:questions", pk=consultation.pk)

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ..forms import QuestionForm
from ..models import KeyPerformanceQuestion, PoliceAndCrimePlan, Priority
from ..selectors import priority_get, question_get
from ..services import kpq_create, kpq_delete, kpq_update
from .base import PlanRecordView
from .priorities import priority_anchor


class _QuestionView(PlanRecordView):
    def get_records(self) -> tuple[PoliceAndCrimePlan, Priority]:
        plan = self.get_editable_plan()
        return plan, priority_get(plan=plan, pk=self.kwargs["priority_pk"])

    def _render(
        self,
        plan: PoliceAndCrimePlan,
        priority: Priority,
        form: QuestionForm,
        question: KeyPerformanceQuestion | None = None,
    ) -> HttpResponse:
        context = {"plan": plan, "priority": priority, "form": form, "question": question}
        return render(self.request, "plans/question_form.html", context)


class QuestionAddView(_QuestionView):
    def get(self, request: HttpRequest, pk: int, priority_pk: int) -> HttpResponse:
        plan, priority = self.get_records()
        return self._render(plan, priority, QuestionForm())

    def post(self, request: HttpRequest, pk: int, priority_pk: int) -> HttpResponse:
        plan, priority = self.get_records()
        form = QuestionForm(request.POST)
        if not form.is_valid():
            return self._render(plan, priority, form)
        try:
            kpq_create(actor=request.user, priority=priority, text=form.cleaned_data["text"])
        except ValidationError as error:
            form.add_error(None, error)
            return self._render(plan, priority, form)
        messages.success(
            request,
            _("A Key Performance Question has been added to ‘%(name)s’") % {"name": priority.name},
        )
        return redirect(priority_anchor(plan, priority))


class QuestionEditView(_QuestionView):
    def get(
        self, request: HttpRequest, pk: int, priority_pk: int, question_pk: int
    ) -> HttpResponse:
        plan, priority = self.get_records()
        question = question_get(priority=priority, pk=question_pk)
        return self._render(plan, priority, QuestionForm(initial={"text": question.text}), question)

    def post(
        self, request: HttpRequest, pk: int, priority_pk: int, question_pk: int
    ) -> HttpResponse:
        plan, priority = self.get_records()
        question = question_get(priority=priority, pk=question_pk)
        form = QuestionForm(request.POST)
        if not form.is_valid():
            return self._render(plan, priority, form, question)
        try:
            kpq_update(actor=request.user, question=question, text=form.cleaned_data["text"])
        except ValidationError as error:
            form.add_error(None, error)
            return self._render(plan, priority, form, question)
        messages.success(request, _("The Key Performance Question has been saved"))
        return redirect(priority_anchor(plan, priority))


class QuestionDeleteView(_QuestionView):
    """A confirmation page (GET) and the deletion (POST)."""

    def get(
        self, request: HttpRequest, pk: int, priority_pk: int, question_pk: int
    ) -> HttpResponse:
        plan, priority = self.get_records()
        question = question_get(priority=priority, pk=question_pk)
        context = {"plan": plan, "priority": priority, "question": question}
        return render(request, "plans/question_confirm_delete.html", context)

    def post(
        self, request: HttpRequest, pk: int, priority_pk: int, question_pk: int
    ) -> HttpResponse:
        plan, priority = self.get_records()
        question = question_get(priority=priority, pk=question_pk)
        kpq_delete(actor=request.user, question=question)
        messages.success(
            request,
            _("A Key Performance Question has been deleted from ‘%(name)s’")
            % {"name": priority.name},
        )
        return redirect(priority_anchor(plan, priority))

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from ..forms import PriorityForm
from ..models import PoliceAndCrimePlan, Priority
from ..selectors import priority_get
from ..services import (
    priority_create,
    priority_delete,
    priority_delete_problems,
    priority_move,
    priority_update,
)
from .base import PlanRecordView, parse_direction


def priority_anchor(plan: PoliceAndCrimePlan, priority: Priority) -> str:
    """The plan page, scrolled to the priority (where the officer was working)."""
    return reverse("plans:detail", args=[plan.pk]) + f"#priority-{priority.pk}"


class _PriorityFormView(PlanRecordView):
    def _render(
        self, plan: PoliceAndCrimePlan, form: PriorityForm, priority: Priority | None = None
    ) -> HttpResponse:
        context = {"plan": plan, "form": form, "priority": priority}
        return render(self.request, "plans/priority_form.html", context)


class PriorityAddView(_PriorityFormView):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        plan = self.get_editable_plan()
        kind = "theme" if request.GET.get("kind") == "theme" else "priority"
        return self._render(plan, PriorityForm(initial={"kind": kind}))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        plan = self.get_editable_plan()
        form = PriorityForm(request.POST)
        if not form.is_valid():
            return self._render(plan, form)
        try:
            priority = priority_create(actor=request.user, plan=plan, **form.service_values())
        except ValidationError as error:
            form.add_error(None, error)
            return self._render(plan, form)
        messages.success(request, _("‘%(name)s’ has been added") % {"name": priority.name})
        return redirect(priority_anchor(plan, priority))


class PriorityEditView(_PriorityFormView):
    def get(self, request: HttpRequest, pk: int, priority_pk: int) -> HttpResponse:
        plan = self.get_editable_plan()
        priority = priority_get(plan=plan, pk=priority_pk)
        initial = {
            "kind": "theme" if priority.is_cross_cutting else "priority",
            "code": priority.code,
            "name": priority.name,
            "description": priority.description,
        }
        return self._render(plan, PriorityForm(initial=initial), priority)

    def post(self, request: HttpRequest, pk: int, priority_pk: int) -> HttpResponse:
        plan = self.get_editable_plan()
        priority = priority_get(plan=plan, pk=priority_pk)
        form = PriorityForm(request.POST)
        if not form.is_valid():
            return self._render(plan, form, priority)
        try:
            priority_update(actor=request.user, priority=priority, data=form.service_values())
        except ValidationError as error:
            form.add_error(None, error)
            return self._render(plan, form, priority)
        messages.success(request, _("The priority has been saved"))
        return redirect(priority_anchor(plan, priority))


class PriorityDeleteView(PlanRecordView):
    """A confirmation page (GET) and the deletion (POST). When a framework's budget
    category is aligned to the priority the page says so and offers no button."""

    def _render(
        self, plan: PoliceAndCrimePlan, priority: Priority, problems: list[str], status: int = 200
    ) -> HttpResponse:
        context: dict[str, Any] = {
            "plan": plan,
            "priority": priority,
            "problems": problems,
            "question_count": priority.questions.count(),
        }
        return render(self.request, "plans/priority_confirm_delete.html", context, status=status)

    def get(self, request: HttpRequest, pk: int, priority_pk: int) -> HttpResponse:
        plan = self.get_editable_plan()
        priority = priority_get(plan=plan, pk=priority_pk)
        return self._render(plan, priority, priority_delete_problems(priority))

    def post(self, request: HttpRequest, pk: int, priority_pk: int) -> HttpResponse:
        plan = self.get_editable_plan()
        priority = priority_get(plan=plan, pk=priority_pk)
        try:
            priority_delete(actor=request.user, priority=priority)
        except ValidationError as error:
            return self._render(plan, priority, list(error.messages), status=400)
        messages.success(request, _("‘%(name)s’ has been deleted") % {"name": priority.name})
        return redirect("plans:detail", pk=plan.pk)


class PriorityMoveView(PlanRecordView):
    """POST only: the "Move up" and "Move down" buttons on the plan page."""

    def post(self, request: HttpRequest, pk: int, priority_pk: int) -> HttpResponse:
        plan = self.get_editable_plan()
        priority = priority_get(plan=plan, pk=priority_pk)
        direction = parse_direction(request.POST.get("direction"))
        priority_move(actor=request.user, priority=priority, direction=direction)
        return redirect(priority_anchor(plan, priority))

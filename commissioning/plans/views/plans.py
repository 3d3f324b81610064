from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ..forms import PlanForm, ReviseForm
from ..history import plan_history
from ..models import PoliceAndCrimePlan
from ..policies import plan_policy
from ..selectors import plan_area_is_fixed, plan_detail, plans_by_area
from ..services import plan_create, plan_revise, plan_update
from .base import PlanPageView, PlanRecordView


class PlanListView(PlanPageView):
    permission = "list"

    def get(self, request: HttpRequest) -> HttpResponse:
        return render(
            request,
            "plans/list.html",
            {
                "groups": plans_by_area(user=request.user),
                "can_create": plan_policy.can_create(request.user),
            },
        )


class PlanDetailView(PlanRecordView):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        plan = plan_detail(user=request.user, pk=pk)
        context = self.record_context(plan, "details")
        priorities = list(plan.priorities.all())
        context["priorities"] = [p for p in priorities if not p.is_cross_cutting]
        context["themes"] = [p for p in priorities if p.is_cross_cutting]
        context["revisions"] = list(plan.revisions.all())
        context["frameworks"] = list(plan.frameworks.all())
        return render(request, "plans/detail.html", context)


class PlanHistoryView(PlanRecordView):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        plan = self.get_plan()
        context = self.record_context(plan, "history")
        context["history"] = plan_history(plan)
        return render(request, "plans/history.html", context)


class PlanCreateView(PlanPageView):
    permission = "create"

    def get(self, request: HttpRequest) -> HttpResponse:
        return self._render(PlanForm())

    def post(self, request: HttpRequest) -> HttpResponse:
        form = PlanForm(request.POST)
        if not form.is_valid():
            return self._render(form)
        try:
            plan = plan_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
            return self._render(form)
        messages.success(request, _("‘%(title)s’ has been added") % {"title": plan.title})
        return redirect("plans:detail", pk=plan.pk)

    def _render(self, form: PlanForm) -> HttpResponse:
        return render(self.request, "plans/plan_form.html", {"form": form, "creating": True})


class PlanEditView(PlanRecordView):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        plan = self.get_editable_plan()
        initial = {
            "area": plan.area_id,
            "title": plan.title,
            "starts_on": plan.starts_on,
            "ends_on": plan.ends_on,
            "summary": plan.summary,
        }
        form = PlanForm(initial=initial, area_editable=not plan_area_is_fixed(plan))
        return self._render(plan, form)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        plan = self.get_editable_plan()
        form = PlanForm(request.POST, area_editable=not plan_area_is_fixed(plan))
        if not form.is_valid():
            return self._render(plan, form)
        try:
            plan_update(actor=request.user, plan=plan, data=form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
            return self._render(plan, form)
        messages.success(request, _("The plan's details have been saved"))
        return redirect("plans:detail", pk=plan.pk)

    def _render(self, plan: PoliceAndCrimePlan, form: PlanForm) -> HttpResponse:
        context = {"plan": plan, "form": form, "creating": False}
        return render(self.request, "plans/plan_form.html", context)


class PlanReviseView(PlanRecordView):
    """A confirmation page (GET) and the revision (POST)."""

    def _check(self) -> PoliceAndCrimePlan:
        plan = self.get_plan()
        if not plan_policy.can_revise(self.request.user, plan):
            raise PermissionDenied
        return plan

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        plan = self._check()
        return self._render(plan, ReviseForm(initial={"title": plan.title}))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        plan = self._check()
        form = ReviseForm(request.POST)
        if not form.is_valid():
            return self._render(plan, form)
        try:
            revision = plan_revise(actor=request.user, plan=plan, title=form.cleaned_data["title"])
        except ValidationError as error:
            form.add_error(None, error)
            return self._render(plan, form)
        messages.success(
            request,
            _("‘%(title)s’ has been revised. This is the new version: change what needs changing")
            % {"title": plan.title},
        )
        return redirect("plans:detail", pk=revision.pk)

    def _render(self, plan: PoliceAndCrimePlan, form: ReviseForm) -> HttpResponse:
        latest = plan.revisions.order_by("-created_at", "-pk").first()
        context = {"plan": plan, "form": form, "revised_by": latest}
        return render(self.request, "plans/revise.html", context)

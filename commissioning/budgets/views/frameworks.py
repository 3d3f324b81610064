"""The list of frameworks, creating one, its overview and changing its details."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import F, Q, QuerySet, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from commissioning.core.money import format_money
from commissioning.core.views import PolicyView
from commissioning.core.years import year_span

from ..forms.frameworks import FrameworkCreateForm, FrameworkEditForm, FrameworkFilterForm
from ..models import Framework
from ..policies import framework_policy
from ..selectors import Totals, framework_list, framework_totals
from ..services import TRANSITIONS, framework_create, framework_update
from .frameworks_base import FrameworkRecordView, add_service_errors

PAGE_SIZE = 50


def _listed(queryset: "QuerySet[Framework]", **filters: Any) -> "QuerySet[Framework]":
    """Frameworks with their lines' total in their first year, summed in the database."""
    if filters.get("area"):
        queryset = queryset.filter(area=filters["area"])
    if filters.get("status"):
        queryset = queryset.filter(status=filters["status"])
    return framework_list(queryset=queryset).annotate(
        first_year_total=Sum("lines__costs__amount", filter=Q(lines__costs__year=F("first_year")))
    )


class FrameworkListView(PolicyView):
    policy = framework_policy
    permission = "list"

    def get(self, request: HttpRequest) -> HttpResponse:
        form = FrameworkFilterForm(request.GET or None)
        filters = form.filters()
        queryset = _listed(framework_policy.visible(request.user), **filters)
        page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
        return render(
            request,
            "budgets/frameworks/list.html",
            {
                "form": form,
                "page_obj": page,
                "filtered": bool(filters),
                "can_create": framework_policy.can_create(request.user),
            },
        )


class FrameworkCreateView(PolicyView):
    policy = framework_policy
    permission = "create"
    template_name = "budgets/frameworks/create.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        return render(request, self.template_name, {"form": FrameworkCreateForm()})

    def post(self, request: HttpRequest) -> HttpResponse:
        form = FrameworkCreateForm(request.POST)
        if form.is_valid():
            try:
                framework = framework_create(actor=request.user, **form.service_arguments())
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request, _("‘%(title)s’ has been created as a draft") % {"title": framework}
                )
                return redirect("budgets:detail", pk=framework.pk)
        return render(request, self.template_name, {"form": form})


def budget_warning(totals: Totals, *, several_years: bool) -> str:
    """What an officer must know when the lines do not add up to the stated budget."""
    difference = totals.difference
    if difference is None or difference == 0:
        return ""
    values = {
        "year": totals.year,
        "total": format_money(totals.grand_total),
        "difference": format_money(abs(difference)),
        "budget": format_money(totals.stated_budget),
    }
    if several_years:
        text = (
            _(
                "In %(year)s the service lines add up to %(total)s, which is %(difference)s "
                "less than the stated budget of %(budget)s"
            )
            if difference < 0
            else _(
                "In %(year)s the service lines add up to %(total)s, which is %(difference)s "
                "more than the stated budget of %(budget)s"
            )
        )
    else:
        text = (
            _(
                "The service lines add up to %(total)s, which is %(difference)s less than "
                "the stated budget of %(budget)s"
            )
            if difference < 0
            else _(
                "The service lines add up to %(total)s, which is %(difference)s more than "
                "the stated budget of %(budget)s"
            )
        )
    return text % values


class FrameworkDetailView(FrameworkRecordView):
    """The Overview tab."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        framework = self.get_framework(detail=True)
        user = request.user
        years = year_span(framework.first_year, framework.last_year)
        stated = {budget.year: budget.amount for budget in framework.budgets.all()}
        totals = [framework_totals(framework=framework, year=year) for year in years]
        warnings = [budget_warning(t, several_years=len(years) > 1) for t in totals]
        can_change_status = framework_policy.can_change_status(user, framework)
        return self.render_page(
            "budgets/frameworks/detail.html",
            framework,
            years=years,
            stated_budgets=[(year, stated.get(year)) for year in years],
            first_totals=totals[0],
            rounding_note=totals[0].rounding_note_needed(framework.display_unit),
            warnings=[warning for warning in warnings if warning],
            sections=list(framework.sections.all()),
            footnotes=list(framework.footnotes.all()),
            can_edit=framework_policy.can_edit(user, framework),
            can_change_status=can_change_status and bool(TRANSITIONS[framework.status]),
            can_refresh=framework_policy.can_refresh(user, framework),
        )


class FrameworkEditView(FrameworkRecordView):
    template_name = "budgets/frameworks/edit.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        framework = self.editable_framework()
        form = FrameworkEditForm(framework=framework)
        return self.render_page(self.template_name, framework, form=form)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        framework = self.editable_framework()
        form = FrameworkEditForm(request.POST, framework=framework)
        if form.is_valid():
            try:
                framework_update(actor=request.user, framework=framework, **form.changes())
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The framework's details have been saved"))
                return redirect("budgets:detail", pk=framework.pk)
        return self.render_page(self.template_name, framework, form=form)

"""A framework's lifecycle: changing its status, refreshing it into a new version, the
versions it belongs with, and the commissioning budget it states for each year."""

from collections import deque
from decimal import Decimal
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from commissioning.core.years import FinancialYear

from ..forms.frameworks import BudgetForm, RefreshForm, StatusForm
from ..models import Framework, FrameworkStatus
from ..policies import framework_policy
from ..services import TRANSITIONS, framework_budget_set, framework_refresh, framework_transition
from .frameworks_base import FrameworkRecordView, add_service_errors


class FrameworkStatusView(FrameworkRecordView):
    """The statuses the framework may move to next (services.TRANSITIONS), chosen and
    confirmed on one page; going out for consultation asks for the closing date."""

    template_name = "budgets/frameworks/status.html"

    def _framework(self) -> Framework:
        framework = self.get_framework()
        self.require(framework_policy.can_change_status(self.request.user, framework))
        return framework

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        framework = self._framework()
        form = StatusForm(choices=TRANSITIONS[framework.status])
        return self.render_page(self.template_name, framework, form=form)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        framework = self._framework()
        form = StatusForm(request.POST, choices=TRANSITIONS[framework.status])
        if form.is_valid():
            target = form.cleaned_data["to"]
            try:
                framework_transition(
                    actor=request.user,
                    framework=framework,
                    to=target,
                    closes_on=form.cleaned_data.get("closes_on"),
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _("The framework is now %(status)s")
                    % {"status": FrameworkStatus(target).label.lower()},
                )
                return redirect("budgets:detail", pk=framework.pk)
        return self.render_page(self.template_name, framework, form=form)


class FrameworkRefreshView(FrameworkRecordView):
    """Start a new version (same years) or next year's framework from this one."""

    template_name = "budgets/frameworks/refresh.html"

    def _framework(self) -> Framework:
        framework = self.get_framework()
        self.require(framework_policy.can_refresh(self.request.user, framework))
        return framework

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        framework = self._framework()
        form = RefreshForm(framework=framework)
        return self.render_page(self.template_name, framework, form=form)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        framework = self._framework()
        form = RefreshForm(request.POST, framework=framework)
        if form.is_valid():
            data = form.cleaned_data
            try:
                new = framework_refresh(
                    actor=request.user,
                    framework=framework,
                    title=data["title"].strip(),
                    first_year=data["first_year"],
                    last_year=data["last_year"] or data["first_year"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _(
                        "‘%(title)s’ (version %(version)s) has been created as a draft "
                        "from ‘%(from)s’"
                    )
                    % {"title": new.title, "version": new.version, "from": framework.title},
                )
                return redirect("budgets:detail", pk=new.pk)
        return self.render_page(self.template_name, framework, form=form)


def version_chain(framework: Framework) -> list[Framework]:
    """Every framework linked to this one by refreshes, in either direction, oldest
    first. One query: refreshes never leave their area."""
    in_area = list(
        Framework.objects.filter(area=framework.area_id)
        .select_related("based_on")
        .order_by("first_year", "version", "pk")
    )
    neighbours: dict[int, set[int]] = {f.pk: set() for f in in_area}
    for candidate in in_area:
        if candidate.based_on_id in neighbours:
            neighbours[candidate.pk].add(candidate.based_on_id)
            neighbours[candidate.based_on_id].add(candidate.pk)
    linked, queue = {framework.pk}, deque([framework.pk])
    while queue:
        for other in neighbours.get(queue.popleft(), ()):
            if other not in linked:
                linked.add(other)
                queue.append(other)
    return [f for f in in_area if f.pk in linked]


def compare_url(framework: Framework, other: Framework) -> str:
    """The Compare tab for this framework against another, each in a year it covers:
    the same year when the other covers it, otherwise the other's nearest year."""
    try:
        base = reverse("budgets:compare", args=[framework.pk])
    except NoReverseMatch:
        return ""
    year = framework.first_year
    other_year = max(other.first_year, min(year, other.last_year))
    query = {"with": other.pk, "year": str(year), "other_year": str(other_year)}
    return f"{base}?{urlencode(query)}"


class FrameworkVersionsView(FrameworkRecordView):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        framework = self.get_framework()
        versions = [
            (version, compare_url(framework, version) if version.pk != framework.pk else "")
            for version in version_chain(framework)
        ]
        return self.render_page(
            "budgets/frameworks/versions.html",
            framework,
            versions=versions,
            can_refresh=framework_policy.can_refresh(request.user, framework),
        )


class FrameworkBudgetView(FrameworkRecordView):
    """The commissioning budget the framework states, for each of its years."""

    template_name = "budgets/frameworks/budget.html"

    def _current(self, framework: Framework) -> dict[FinancialYear, Decimal]:
        return {budget.year: budget.amount for budget in framework.budgets.all()}

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        framework = self.editable_framework()
        form = BudgetForm(framework=framework, current=self._current(framework))
        return self.render_page(self.template_name, framework, form=form)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        framework = self.editable_framework()
        current = self._current(framework)
        form = BudgetForm(request.POST, framework=framework, current=current)
        if form.is_valid():
            try:
                # Every year is saved, or none is; an unchanged year is left alone so that
                # its history records only real changes.
                with transaction.atomic():
                    for year, amount in form.amounts().items():
                        if current.get(year) == amount:
                            continue
                        framework_budget_set(
                            actor=request.user, framework=framework, year=year, amount=amount
                        )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The commissioning budget has been saved"))
                return redirect("budgets:detail", pk=framework.pk)
        return self.render_page(self.template_name, framework, form=form)

"""Adding, changing, deleting and reordering service lines. Each write is one call to a
service, which checks the framework can still be changed and records the history."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from ..forms.lines import ServiceLineForm, cost_field_name
from ..models import Framework, ServiceLine
from ..services import (
    service_line_create,
    service_line_delete,
    service_line_move,
    service_line_update,
)
from .frameworks_base import add_service_errors
from .lines import LineRecordView, organisation_label
from .lines_base import FrameworkPageView, get_in_framework


def lines_url(framework: Framework, line: ServiceLine | None = None) -> str:
    url = reverse("budgets:lines", args=[framework.pk])
    return f"{url}#line-{line.pk}" if line is not None else url


class LineAddView(FrameworkPageView):
    template_name = "budgets/lines/form.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        framework = self.get_framework(edit=True)
        initial: dict[str, Any] = {"mechanism": "direct", "reach_scope": "area"}
        category = request.GET.get("category")
        if category and category.isdigit():
            initial["category"] = int(category)
        form = ServiceLineForm(framework=framework, initial=initial)
        return self._render(framework, form)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        framework = self.get_framework(edit=True)
        form = ServiceLineForm(request.POST, framework=framework)
        if not form.is_valid():
            return self._render(framework, form)
        try:
            line = service_line_create(
                actor=request.user,
                framework=framework,
                costs=form.costs(),
                reach_sub_areas=form.cleaned_data["reach_sub_areas"] or [],
                **form.line_fields(),
            )
        except ValidationError as error:
            add_service_errors(form, error, _costs_alias(framework))
            return self._render(framework, form)
        messages.success(request, _("‘%(name)s’ has been added") % {"name": line.name})
        return redirect(lines_url(framework, line))

    def _render(self, framework: Framework, form: ServiceLineForm) -> HttpResponse:
        context = self.framework_context(framework)
        context.update({"form": form, "back_url": lines_url(framework)})
        return render(self.request, self.template_name, context)


def _costs_alias(framework: Framework) -> dict[str, str | None]:
    # The services name the costs as one; the form has a box per year.
    return {"costs": cost_field_name(framework.first_year)}


class LineEditView(LineRecordView):
    template_name = "budgets/lines/form.html"

    def get(self, request: HttpRequest, pk: int, line_pk: int) -> HttpResponse:
        framework = self.get_framework(edit=True)
        line = self.get_line(framework)
        return self._render(framework, line, ServiceLineForm(framework=framework, line=line))

    def post(self, request: HttpRequest, pk: int, line_pk: int) -> HttpResponse:
        framework = self.get_framework(edit=True)
        line = self.get_line(framework)
        form = ServiceLineForm(request.POST, framework=framework, line=line)
        if not form.is_valid():
            return self._render(framework, line, form)
        try:
            service_line_update(
                actor=request.user,
                line=line,
                costs=form.costs(),
                reach_sub_areas=form.cleaned_data["reach_sub_areas"] or [],
                **form.line_fields(),
            )
        except ValidationError as error:
            add_service_errors(form, error, _costs_alias(framework))
            return self._render(framework, line, form)
        messages.success(
            request, _("‘%(name)s’ has been saved") % {"name": form.line_fields()["name"]}
        )
        return redirect("budgets:line-detail", pk=framework.pk, line_pk=line.pk)

    def _render(
        self, framework: Framework, line: ServiceLine, form: ServiceLineForm
    ) -> HttpResponse:
        context = self.framework_context(framework)
        back_url = reverse("budgets:line-detail", args=[framework.pk, line.pk])
        context.update({"form": form, "line": line, "back_url": back_url})
        return render(self.request, self.template_name, context)


class LineDeleteView(LineRecordView):
    template_name = "budgets/lines/confirm_delete.html"

    def get(self, request: HttpRequest, pk: int, line_pk: int) -> HttpResponse:
        framework = self.get_framework(edit=True)
        line = self.get_line(framework)
        return self._render(framework, line)

    def post(self, request: HttpRequest, pk: int, line_pk: int) -> HttpResponse:
        framework = self.get_framework(edit=True)
        line = self.get_line(framework)
        try:
            service_line_delete(actor=request.user, line=line)
        except ValidationError as error:
            # The framework changed status since the page was shown.
            for message in error.messages:
                messages.error(request, message)
            return redirect("budgets:line-detail", pk=framework.pk, line_pk=line.pk)
        messages.success(request, _("‘%(name)s’ has been deleted") % {"name": line.name})
        return redirect("budgets:lines", pk=framework.pk)

    def _render(self, framework: Framework, line: ServiceLine) -> HttpResponse:
        context = self.framework_context(framework)
        context.update(
            {
                "line": line,
                "organisation": organisation_label(line),
                "funding_count": line.funding.count(),
            }
        )
        return render(self.request, self.template_name, context)


class LineMoveView(FrameworkPageView):
    """Move a line one place up or down in its category (a button on the tab)."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int, line_pk: int) -> HttpResponse:
        framework = self.get_framework(edit=True)
        line = get_in_framework(ServiceLine.objects.all(), framework, line_pk)
        direction = request.POST.get("direction")
        if direction not in ("up", "down"):
            return HttpResponseBadRequest()
        try:
            service_line_move(actor=request.user, line=line, direction=direction)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            text = _("‘%(name)s’ moved up") if direction == "up" else _("‘%(name)s’ moved down")
            messages.success(request, text % {"name": line.name})
        return redirect(lines_url(framework, line))

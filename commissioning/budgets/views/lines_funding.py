"""Splitting a line's cost across the framework's funding sources."""

from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from commissioning.core.years import FinancialYear

from ..forms.funding import LineFundingForm, split_field_name
from ..models import Framework, FundingSource, ServiceLine
from ..selectors import funding_commitments
from ..services import line_funding_set
from .lines import LineRecordView


class LineFundingView(LineRecordView):
    template_name = "budgets/lines/funding.html"

    def _form(
        self, framework: Framework, line: ServiceLine, data: object = None
    ) -> LineFundingForm:
        commitments = funding_commitments(framework=framework)
        return LineFundingForm(
            data,
            line=line,
            sources=[c.source for c in commitments],
            current={a.source_id: a.amount for a in line.funding.all()},
            committed={c.source.pk: c.committed for c in commitments},
            unit=framework.display_unit,
        )

    def get(self, request: HttpRequest, pk: int, line_pk: int) -> HttpResponse:
        framework = self.get_framework(edit=True)
        line = self.get_line(framework)
        return self._render(framework, line, self._form(framework, line))

    def post(self, request: HttpRequest, pk: int, line_pk: int) -> HttpResponse:
        framework = self.get_framework(edit=True)
        line = self.get_line(framework)
        form = self._form(framework, line, request.POST)
        if not form.is_valid():
            return self._render(framework, line, form)
        splits = form.splits()
        try:
            line_funding_set(actor=request.user, line=line, splits=splits)
        except ValidationError as error:
            _show_refusal(form, line, splits, error)
            return self._render(framework, line, form)
        messages.success(
            request, _("The funding of ‘%(name)s’ has been saved") % {"name": line.name}
        )
        return redirect("budgets:line-detail", pk=framework.pk, line_pk=line.pk)

    def _render(
        self, framework: Framework, line: ServiceLine, form: LineFundingForm
    ) -> HttpResponse:
        context = self.line_context(framework, line, "details")
        by_year = {cost.year: cost.amount for cost in line.costs.all()}
        context.update(
            {
                "form": form,
                "groups": [(year, by_year.get(year), fields) for year, fields in form.by_year()],
                "back_url": reverse("budgets:line-detail", args=[framework.pk, line.pk]),
            }
        )
        return render(self.request, self.template_name, context)


def _show_refusal(
    form: LineFundingForm,
    line: ServiceLine,
    splits: dict[FundingSource, Decimal],
    error: ValidationError,
) -> None:
    """Put the service's message against the box it is about: a ring-fenced source that
    may not fund this line's category, or the first box of a year funded beyond the
    line's cost in that year."""
    message = " ".join(error.messages)
    for source in splits:
        allowed = {category.pk for category in source.ring_fenced_categories.all()}
        if source.is_ring_fenced and line.category_id not in allowed:
            form.add_error(split_field_name(source), message)
            return
    costs = {cost.year: cost.amount for cost in line.costs.all()}
    per_year: dict[FinancialYear, Decimal] = {}
    first: dict[FinancialYear, FundingSource] = {}
    for source, amount in splits.items():
        per_year[source.year] = per_year.get(source.year, Decimal(0)) + amount
        first.setdefault(source.year, source)
    for year, total in per_year.items():
        if total > costs.get(year, Decimal(0)):
            form.add_error(split_field_name(first[year]), message)
            return
    form.add_error(None, message)

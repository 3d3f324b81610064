"""The Funding tab: the money a framework is paid from, year by year, and how much of
each source the lines use. Over- and under-committed sources are what the finance
officer needs to see."""

from dataclasses import dataclass, field
from decimal import Decimal

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from commissioning.core.years import FinancialYear

from ..forms.funding import FundingSourceForm
from ..models import Framework, FundingSource, ServiceLineCost
from ..selectors import SourceCommitment, funding_commitments
from ..services import funding_source_delete, funding_source_save
from .frameworks_base import add_service_errors
from .lines_base import FrameworkPageView, framework_years, get_in_framework

ZERO = Decimal("0.00")


@dataclass
class YearFunding:
    year: FinancialYear
    sources: list[SourceCommitment] = field(default_factory=list)
    lines_cost: Decimal = ZERO

    @property
    def amount(self) -> Decimal:
        return sum((c.source.amount for c in self.sources), ZERO)

    @property
    def committed(self) -> Decimal:
        return sum((c.committed for c in self.sources), ZERO)

    @property
    def remaining(self) -> Decimal:
        return self.amount - self.committed

    @property
    def unfunded(self) -> Decimal:
        """What the lines cost in the year beyond what sources have been committed to."""
        return self.lines_cost - self.committed


def funding_by_year(framework: Framework) -> list[YearFunding]:
    years = {year: YearFunding(year=year) for year in framework_years(framework)}
    for commitment in funding_commitments(framework=framework):
        years.setdefault(commitment.source.year, YearFunding(year=commitment.source.year))
        years[commitment.source.year].sources.append(commitment)
    costs = (
        ServiceLineCost.objects.filter(line__framework=framework)
        .values("year")
        .annotate(total=Sum("amount"))
    )
    for row in costs:
        year = row["year"]
        if year in years:
            years[year].lines_cost = row["total"] or ZERO
    return [years[year] for year in sorted(years)]


class FundingTabView(FrameworkPageView):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        framework = self.get_framework()
        context = self.framework_context(framework)
        context["funding_years"] = funding_by_year(framework)
        return render(request, "budgets/funding/list.html", context)


class _SourceFormView(FrameworkPageView):
    template_name = "budgets/funding/form.html"

    def _render(
        self, framework: Framework, form: FundingSourceForm, source: FundingSource | None
    ) -> HttpResponse:
        context = self.framework_context(framework)
        context.update(
            {
                "form": form,
                "source": source,
                "back_url": reverse("budgets:funding", args=[framework.pk]),
            }
        )
        return render(self.request, self.template_name, context)

    def _save(
        self, framework: Framework, form: FundingSourceForm, source: FundingSource | None
    ) -> HttpResponse:
        if not form.is_valid():
            return self._render(framework, form, source)
        try:
            saved = funding_source_save(
                actor=self.request.user, framework=framework, source=source, **form.source_fields()
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self._render(framework, form, source)
        messages.success(self.request, _("‘%(name)s’ has been saved") % {"name": saved.name})
        return redirect("budgets:funding", pk=framework.pk)


class SourceAddView(_SourceFormView):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        framework = self.get_framework(edit=True)
        initial = {"year": framework.first_year.start_year}
        return self._render(
            framework, FundingSourceForm(framework=framework, initial=initial), None
        )

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        framework = self.get_framework(edit=True)
        return self._save(framework, FundingSourceForm(request.POST, framework=framework), None)


def _source(framework: Framework, pk: int) -> FundingSource:
    queryset = FundingSource.objects.prefetch_related("ring_fenced_categories")
    source: FundingSource = get_in_framework(queryset, framework, pk)
    return source


class SourceEditView(_SourceFormView):
    def get(self, request: HttpRequest, pk: int, source_pk: int) -> HttpResponse:
        framework = self.get_framework(edit=True)
        source = _source(framework, source_pk)
        form = FundingSourceForm(framework=framework, source=source)
        return self._render(framework, form, source)

    def post(self, request: HttpRequest, pk: int, source_pk: int) -> HttpResponse:
        framework = self.get_framework(edit=True)
        source = _source(framework, source_pk)
        form = FundingSourceForm(request.POST, framework=framework, source=source)
        return self._save(framework, form, source)


class SourceDeleteView(FrameworkPageView):
    template_name = "budgets/funding/confirm_delete.html"

    def get(self, request: HttpRequest, pk: int, source_pk: int) -> HttpResponse:
        framework = self.get_framework(edit=True)
        return self._render(framework, _source(framework, source_pk), forms.Form())

    def post(self, request: HttpRequest, pk: int, source_pk: int) -> HttpResponse:
        framework = self.get_framework(edit=True)
        source = _source(framework, source_pk)
        try:
            funding_source_delete(actor=request.user, source=source)
        except ValidationError as error:
            form = forms.Form(request.POST)
            form.is_valid()
            form.add_error(None, error)
            return self._render(framework, source, form)
        messages.success(request, _("‘%(name)s’ has been deleted") % {"name": source.name})
        return redirect("budgets:funding", pk=framework.pk)

    def _render(
        self, framework: Framework, source: FundingSource, form: forms.Form
    ) -> HttpResponse:
        context = self.framework_context(framework)
        context.update({"source": source, "form": form, "line_count": source.allocations.count()})
        return render(self.request, self.template_name, context)

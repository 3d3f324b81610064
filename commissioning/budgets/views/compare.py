"""The Compare tab: what changed between another framework (or year) and this one, and
linking two lines by hand so that later comparisons match them."""

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from commissioning.core.money import Unit
from commissioning.core.years import FinancialYear, year_span

from .. import services
from ..compare import Comparison, compare_frameworks
from ..counterparts import default_counterpart
from ..forms.reports import CompareForm, LinkLinesForm
from ..models import Framework
from ..policies import framework_policy
from .frameworks_base import FrameworkRecordView, add_service_errors


def _candidates(visible: "QuerySet[Framework]", framework: Framework) -> "QuerySet[Framework]":
    """The frameworks this one may be compared with: the same area's, any version."""
    return (
        visible.filter(area_id=framework.area_id)
        .exclude(pk=framework.pk)
        .order_by("-first_year", "-version", "-pk")
    )


def _years_of(frameworks: list[Framework]) -> list[FinancialYear]:
    if not frameworks:
        return []
    first = min(f.first_year for f in frameworks)
    last = max(f.last_year for f in frameworks)
    return year_span(first, last)


class CompareView(FrameworkRecordView):
    template_name = "budgets/compare/compare.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        framework = self.get_framework()
        return self.render_comparison(framework, request.GET)

    def render_comparison(
        self,
        framework: Framework,
        params: Any,
        link_form: LinkLinesForm | None = None,
        status: int = 200,
    ) -> HttpResponse:
        candidates = list(_candidates(self.visible(), framework))
        context: dict[str, Any] = {
            "unit": Unit(framework.display_unit),
            "candidates": candidates,
            "can_edit": framework_policy.can_edit(self.request.user, framework),
        }
        if not candidates:
            return self.render_page(self.template_name, framework, status=status, **context)

        years = year_span(framework.first_year, framework.last_year)
        year_text = params.get("year") or str(framework.first_year)
        data = {
            "with": params.get("with"),
            "year": year_text,
            "other_year": params.get("other_year"),
        }
        if not data["with"]:
            try:
                start = FinancialYear.parse(year_text)
            except ValidationError:
                start = framework.first_year
            by_pk = {candidate.pk: candidate for candidate in candidates}
            default = default_counterpart(framework=framework, year=start, visible=self.visible())
            chosen = by_pk.get(default.framework.pk) if default is not None else None
            if chosen is None or default is None:
                data["with"], data["other_year"] = candidates[0].pk, candidates[0].last_year
            else:
                data["with"], data["other_year"] = chosen.pk, default.year
        data["other_year"] = data["other_year"] or ""
        form = CompareForm(
            {key: str(value) for key, value in data.items()},
            frameworks=candidates,
            years=years,
            other_years=_years_of(candidates),
        )
        context["compare_form"] = form
        context["form"] = form
        if form.is_valid():
            other: Framework = form.cleaned_data["with"]
            comparison = compare_frameworks(
                base=other,
                base_year=form.cleaned_data["other_year"],
                other=framework,
                other_year=form.cleaned_data["year"],
            )
            context.update(self._report_context(framework, other, comparison, context["unit"]))
            if context["can_edit"]:
                link_form = link_form or LinkLinesForm(
                    framework=framework,
                    other=other,
                    initial={
                        "other": other.pk,
                        "year": str(comparison.other_year),
                        "other_year": str(comparison.base_year),
                    },
                )
                context["link_form"] = link_form
                if link_form.errors:
                    context["form"] = link_form
        return self.render_page(self.template_name, framework, status=status, **context)

    def _report_context(
        self, framework: Framework, other: Framework, comparison: Comparison, unit: Unit
    ) -> dict[str, Any]:
        return {
            "other": other,
            "comparison": comparison,
            "cost_changes": [
                change.describe(unit) for change in comparison.changed if change.delta != 0
            ],
            "category_sentences": [change.describe(unit) for change in comparison.categories],
            "total_sentence": comparison.total.describe(unit),
            "hidden_params": {
                "other": other.pk,
                "year": str(comparison.other_year),
                "other_year": str(comparison.base_year),
            },
        }


class LinkLinesView(CompareView):
    """POST: a line of this framework is the same service as a line of the other."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        framework = self.get_framework()
        self.require(framework_policy.can_edit(request.user, framework))
        other = (
            _candidates(self.visible(), framework)
            .filter(pk=_int(request.POST.get("other")))
            .first()
        )
        form = LinkLinesForm(request.POST, framework=framework, other=other)
        params = {
            "with": request.POST.get("other", ""),
            "year": request.POST.get("year", ""),
            "other_year": request.POST.get("other_year", ""),
        }
        if other is None:
            form.add_error(None, _("Select a framework to compare with"))
        elif form.is_valid():
            this_line = form.cleaned_data["this_line"]
            other_line = form.cleaned_data["other_line"]
            try:
                services.lines_link(actor=request.user, earlier=other_line, later=this_line)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _("‘%(this)s’ is now matched with ‘%(other)s’ in %(framework)s")
                    % {"this": this_line.name, "other": other_line.name, "framework": other},
                )
                url = reverse("budgets:compare", args=[framework.pk])
                return redirect(f"{url}?{urlencode(params)}")
        return self.render_comparison(framework, params, link_form=form)


def _int(value: str | None) -> int:
    """A submitted id, or 0 (which no record has) when it is not a number."""
    try:
        return int(value or "")
    except ValueError:
        return 0

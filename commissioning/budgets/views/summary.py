"""The Summary tab: funding by theme (seed 000's Table 1), the itemised budget (seed 002's
Appendix A) and two charts, each followed by its figures as a table."""

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.safestring import SafeString

from commissioning.core.money import Unit
from commissioning.core.years import FinancialYear, year_span

from .. import charts
from ..counterparts import Counterpart, default_counterpart
from ..forms.reports import SummaryOptionsForm
from ..models import BudgetCategory, Framework
from ..policies import framework_policy
from ..selectors import Totals, framework_totals, itemised_budget
from ..spreadsheets.values import format_reach
from .frameworks import budget_warning
from .frameworks_base import FrameworkRecordView

ZERO = Decimal("0.00")


@dataclass
class Chart:
    svg: SafeString
    summary: str


@dataclass
class YearOnYearRow:
    name: str
    before: Decimal
    after: Decimal

    @property
    def delta(self) -> Decimal:
        return self.after - self.before


def summary_options(
    request: HttpRequest, framework: Framework
) -> tuple[SummaryOptionsForm, Unit, FinancialYear]:
    """The unit and year asked for, falling back to the framework's own for anything
    missing or not one of the choices."""
    years = year_span(framework.first_year, framework.last_year)
    defaults = {"unit": framework.display_unit, "year": str(framework.first_year)}
    data = {**defaults, **{key: request.GET[key] for key in defaults if request.GET.get(key)}}
    form = SummaryOptionsForm(data, years=years)
    form.is_valid()
    unit = Unit(form.cleaned_data.get("unit") or framework.display_unit)
    year = form.cleaned_data.get("year") or framework.first_year
    return form, unit, year


def _priorities_by_category(framework: Framework) -> dict[int, list[str]]:
    """Each category's plan priorities, in one query."""
    through = BudgetCategory.priorities.through
    names: dict[int, list[str]] = {}
    rows = (
        through.objects.filter(budgetcategory__framework=framework)
        .order_by("priority__order", "priority__name")
        .values_list("budgetcategory_id", "priority__name")
    )
    for category_id, name in rows:
        names.setdefault(category_id, []).append(name)
    return names


def _year_on_year(before: Totals, after: Totals) -> list[YearOnYearRow]:
    """Categories matched by identity (kept by a refresh) or else by name (frameworks
    built separately share headings, not identities)."""
    rows: dict[str, YearOnYearRow] = {}
    identity_keys: dict[object, str] = {}
    for total in before.categories:
        key = total.category.name.strip().lower()
        identity_keys[total.category.identity] = key
        rows[key] = YearOnYearRow(total.category.name, total.amount, ZERO)
    for total in after.categories:
        key = identity_keys.get(total.category.identity, total.category.name.strip().lower())
        row = rows.setdefault(key, YearOnYearRow(total.category.name, ZERO, ZERO))
        row.name = total.category.name
        row.after = total.amount
    return list(rows.values())


def counterpart_label(counterpart: Counterpart, framework: Framework, year: FinancialYear) -> str:
    """What a series is called in the legend: its year, or its version when both are
    the same year."""
    if counterpart.year == year:
        return f"{counterpart.year} v{counterpart.framework.version}"
    return str(counterpart.year)


class SummaryView(FrameworkRecordView):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        framework = self.get_framework()
        form, unit, year = summary_options(request, framework)
        totals = framework_totals(framework=framework, year=year)
        priorities = _priorities_by_category(framework)
        context: dict[str, Any] = {
            "form": form,
            "unit": unit,
            "year": year,
            "multi_year": framework.first_year != framework.last_year,
            "can_edit": framework_policy.can_edit(request.user, framework),
            "totals": totals,
            "theme_rows": [
                (total, priorities.get(total.category.pk, [])) for total in totals.categories
            ],
            "totals_rounding_note": totals.rounding_note_needed(unit),
            # Exact, in pounds and pence, whatever unit the tables use: a £200 gap must not
            # be shown as "£0.000m".
            "budget_warning": budget_warning(totals, several_years=False),
            "itemised": self._itemised(framework, year),
            "footnotes": list(framework.footnotes.all()),
            "category_chart": self._category_chart(totals, year, unit),
        }
        context["itemised_rounding_note"] = context["itemised"].rounding_note_needed(unit)
        counterpart = default_counterpart(framework=framework, year=year, visible=self.visible())
        if counterpart is not None:
            context.update(self._year_on_year_context(framework, year, unit, totals, counterpart))
        return self.render_page("budgets/summary/summary.html", framework, **context)

    def _itemised(self, framework: Framework, year: FinancialYear) -> Any:
        itemised = itemised_budget(framework=framework, year=year)
        for group in itemised.categories:
            for item in group.lines:
                item.reach = format_reach(item.line, framework.area)  # type: ignore[attr-defined]
        return itemised

    def _category_chart(self, totals: Totals, year: FinancialYear, unit: Unit) -> Chart:
        pairs = [(total.category.name, total.amount) for total in totals.categories]
        chart = charts.BarChart(
            summary=charts.category_summary(categories=pairs, year=str(year), unit=unit),
            categories=tuple(name for name, _amount in pairs),
            series=(charts.Series(str(year), tuple(amount for _name, amount in pairs)),),
            unit=unit,
        )
        return Chart(charts.render_bar_chart(chart, id_prefix="by-category"), chart.summary)

    def _year_on_year_context(
        self,
        framework: Framework,
        year: FinancialYear,
        unit: Unit,
        totals: Totals,
        counterpart: Counterpart,
    ) -> dict[str, Any]:
        before = framework_totals(framework=counterpart.framework, year=counterpart.year)
        rows = _year_on_year(before, totals)
        before_label = counterpart_label(counterpart, framework, year)
        after_label = f"{year} v{framework.version}" if counterpart.year == year else str(year)
        chart = charts.BarChart(
            summary=charts.comparison_summary(
                before=before_label,
                after=after_label,
                before_total=before.grand_total,
                after_total=totals.grand_total,
                unit=unit,
            ),
            categories=tuple(row.name for row in rows),
            series=(
                charts.Series(before_label, tuple(row.before for row in rows)),
                charts.Series(after_label, tuple(row.after for row in rows)),
            ),
            unit=unit,
        )
        return {
            "counterpart": counterpart,
            "before_label": before_label,
            "after_label": after_label,
            "year_on_year_rows": rows,
            "year_on_year_before_total": before.grand_total,
            "year_on_year_delta": totals.grand_total - before.grand_total,
            "year_on_year_chart": Chart(
                charts.render_bar_chart(chart, id_prefix="year-on-year"), chart.summary
            ),
        }

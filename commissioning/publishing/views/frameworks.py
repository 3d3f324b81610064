"""A published framework: narrative, funding by theme with its chart, the itemised
budget, significant changes against last year, funding sources, documents and decision
records; and each table as CSV or XLSX."""

from dataclasses import dataclass
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.safestring import SafeString

from commissioning.budgets import charts
from commissioning.budgets.models import Framework
from commissioning.core.money import Unit
from commissioning.core.years import FinancialYear

from ..downloads import CONTENT_TYPES, download_filename, render
from ..policies import public_frameworks
from ..selectors import (
    documents_of,
    framework_decisions,
    framework_for_page,
    is_public_consultation,
)
from ..tables import (
    TABLES,
    ThemeFigures,
    change_figures,
    chosen_year,
    itemised_figures,
    source_figures,
    theme_figures,
    years_of,
)
from .base import PublicPage, breadcrumbs


@dataclass
class Chart:
    svg: SafeString
    summary: str


def category_chart(theme: ThemeFigures, year: FinancialYear, unit: Unit) -> Chart:
    pairs = [(total.category.name, total.amount) for total, _priorities in theme.rows]
    chart = charts.BarChart(
        summary=charts.category_summary(categories=pairs, year=str(year), unit=unit),
        categories=tuple(name for name, _amount in pairs),
        series=(charts.Series(str(year), tuple(amount for _name, amount in pairs)),),
        unit=unit,
    )
    return Chart(charts.render_bar_chart(chart, id_prefix="by-theme"), chart.summary)


class FrameworkView(PublicPage):
    policy = public_frameworks

    def get(self, request: HttpRequest, area: str, pk: int) -> HttpResponse:
        framework = framework_for_page(self.get_area(area), pk)
        year = chosen_year(framework, request.GET.get("year"))
        unit = Unit(framework.display_unit)
        return self.render_page(
            "publishing/framework.html",
            area=framework.area,
            framework=framework,
            year=year,
            unit=unit,
            breadcrumbs=breadcrumbs(framework.area, (framework.title, None)),
            **self.figures(framework, year, unit),
            **self.related(framework),
        )

    def figures(self, framework: Framework, year: FinancialYear, unit: Unit) -> dict[str, Any]:
        theme = theme_figures(framework, year)
        itemised = itemised_figures(framework, year)
        changes = change_figures(framework, year)
        context: dict[str, Any] = {
            "years": years_of(framework),
            # The names the budgets partials (funding_by_theme, itemised) expect.
            "totals": theme.totals,
            "theme_rows": theme.rows,
            "category_chart": category_chart(theme, year, unit),
            "totals_rounding_note": theme.totals.rounding_note_needed(unit),
            "itemised": itemised,
            "itemised_rounding_note": itemised.rounding_note_needed(unit),
            "footnotes": list(framework.footnotes.all()),
            "sources": source_figures(framework, year),
            "changes": changes,
        }
        if changes is not None:
            comparison = changes.comparison
            context.update(
                comparison=comparison,
                total_sentence=comparison.total.describe(unit),
            )
        return context

    def related(self, framework: Framework) -> dict[str, Any]:
        consultations = [
            consultation
            for consultation in framework.consultations.order_by("-opens_at")
            if is_public_consultation(consultation)
        ]
        return {
            "sections": list(framework.sections.order_by("order", "pk")),
            "documents": list(documents_of(framework=framework)),
            "decisions": list(framework_decisions(framework)),
            "consultations": consultations,
        }


class FrameworkDownloadView(PublicPage):
    policy = public_frameworks

    def get(
        self, request: HttpRequest, area: str, pk: str, table: str, year: str, fmt: str
    ) -> HttpResponse:
        framework = framework_for_page(self.get_area(area), int(pk))
        wanted = FinancialYear(int(year)) if year.isdigit() else None
        if wanted is None or chosen_year(framework, wanted.start_year) != wanted:
            raise Http404
        rows = TABLES[table](framework, wanted)
        if rows is None:  # no public framework to compare with
            raise Http404
        response = HttpResponse(render(rows, fmt), content_type=CONTENT_TYPES[fmt])
        filename = download_filename(framework, wanted, table, fmt)
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response

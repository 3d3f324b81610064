"""Template helpers for framework pages: ``{% load budgets_tags %}``.

- ``{{ amount|money:framework.display_unit }}`` or ``{{ amount|money:"pence" }}``:
  £1,234.56 / £1,235 / £1.2k / £4.668m (rounded only here, for display).
- ``{{ amount|money_plain:unit }}``: the same without £ or the k/m suffix, for table
  cells under a heading that names the unit.
- ``{{ year|financial_year }}``: 2017/18; ``{{ year|financial_year:"short" }}``: 17/18.
- ``{{ framework|framework_years }}``: 2017/18, or 2016-2018 for several years.
- ``{{ framework.status|status_colour }}``: the GOV.UK tag colour for a status.
- ``{% framework_tabs framework "lines" as sub_navigation %}``: the framework's tabs
  for includes/sub_navigation.html (budgets/includes/tabs.html does this).
"""

from decimal import Decimal
from typing import Any

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from commissioning.core.money import Unit, format_money
from commissioning.core.years import FinancialYear, span_label

from ..models import FrameworkStatus

register = template.Library()

# Draft and superseded are both quiet (grey); what is live for the public is green.
STATUS_COLOURS = {
    FrameworkStatus.DRAFT: "grey",
    FrameworkStatus.CONSULTATION: "blue",
    FrameworkStatus.FINAL: "turquoise",
    FrameworkStatus.PUBLISHED: "green",
    FrameworkStatus.SUPERSEDED: "grey",
}

# The framework's tabs, in order: (key, label, URL name). Each tab's page is built by
# whoever owns it; every one takes the framework's pk.
TABS = (
    ("overview", _("Overview"), "budgets:detail"),
    ("lines", _("Service lines"), "budgets:lines"),
    ("funding", _("Funding"), "budgets:funding"),
    ("summary", _("Summary"), "budgets:summary"),
    ("compare", _("Compare"), "budgets:compare"),
    # Pages of the apps above budgets, found by URL name (never imported from here).
    ("documents", _("Documents"), "documents:framework"),
    ("decisions", _("Decisions"), "decisions:framework"),
    ("reports", _("Panel reports"), "reports:framework"),
    ("history", _("History"), "budgets:history"),
)


def _decimal(amount: Any) -> Decimal | None:
    if amount is None or amount == "":
        return None
    return amount if isinstance(amount, Decimal) else Decimal(str(amount))


@register.filter
def money(amount: Any, unit: str | None = None) -> str:
    """An exact amount shown in a unit (pounds and pence unless a unit is given)."""
    return format_money(_decimal(amount), unit or Unit.PENCE)


@register.filter
def money_plain(amount: Any, unit: str | None = None) -> str:
    return format_money(_decimal(amount), unit or Unit.PENCE, symbol=False)


@register.filter
def financial_year(year: Any, form: str = "") -> str:
    """A financial year (a FinancialYear, or the year it starts in) as 2017/18."""
    if year is None or year == "":
        return ""
    if not isinstance(year, FinancialYear):
        year = FinancialYear(int(year)) if str(year).isdigit() else FinancialYear.parse(str(year))
    return year.short if form == "short" else str(year)


@register.filter
def framework_years(framework: Any) -> str:
    return span_label(framework.first_year, framework.last_year)


@register.filter
def status_colour(status: str) -> str:
    return STATUS_COLOURS.get(status, "grey")  # type: ignore[call-overload]


@register.simple_tag
def framework_tabs(framework: Any, current: str) -> list[tuple[Any, str, bool]]:
    """(label, href, is_current) for each tab whose page exists."""
    tabs = []
    for key, label, url_name in TABS:
        try:
            href = reverse(url_name, args=[framework.pk])
        except NoReverseMatch:
            # A tab whose page is not routed (yet) is left out rather than broken.
            continue
        tabs.append((label, href, key == current))
    return tabs

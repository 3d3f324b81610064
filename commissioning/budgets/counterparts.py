"""Which framework and year a framework is compared with by default: its previous
version, or else the previous year (of the same framework, or of the area's framework
for that year). Used by the Compare tab and the Summary tab's year-on-year chart."""

from dataclasses import dataclass

from django.db.models import QuerySet

from commissioning.core.years import FinancialYear

from .models import Framework


@dataclass(frozen=True)
class Counterpart:
    framework: Framework
    year: FinancialYear


def _covers(framework: Framework, year: FinancialYear) -> bool:
    return framework.first_year <= year <= framework.last_year


def default_counterpart(
    *, framework: Framework, year: FinancialYear, visible: "QuerySet[Framework]"
) -> Counterpart | None:
    """What ``framework`` in ``year`` is naturally compared with, among ``visible``.

    - a later year of a multi-year framework: the year before, in the same framework;
    - a refresh: the version it was refreshed from, for the same year if it covers it;
    - otherwise the latest version of the area's framework for the year before.
    """
    if year > framework.first_year:
        return Counterpart(framework, year.previous)
    if framework.based_on_id:
        earlier = visible.filter(pk=framework.based_on_id).first()
        if earlier is not None:
            if _covers(earlier, year):
                return Counterpart(earlier, year)
            if _covers(earlier, year.previous):
                return Counterpart(earlier, year.previous)
            return Counterpart(earlier, earlier.last_year)
    previous = year.previous
    candidate = (
        visible.filter(area_id=framework.area_id, first_year__lte=previous, last_year__gte=previous)
        .exclude(pk=framework.pk)
        .order_by("-version", "-pk")
        .first()
    )
    if candidate is None:
        return None
    return Counterpart(candidate, previous)

"""Reads for policing areas, sub-areas and groups, and the population arithmetic that
geographical reach and population-based allocations (the Partnership Locality Fund)
rest on."""

from dataclasses import dataclass
from decimal import ROUND_DOWN, Context, Decimal
from fractions import Fraction

from django.db.models import Count, Prefetch, Q, QuerySet, Sum

from .models import PolicingArea, SubArea, SubAreaGroup

# Unitary authorities and counties tile a policing area; districts and boroughs lie
# inside a county, so counting them as well would count their people twice.
TOP_LEVEL_KINDS = (SubArea.Kind.UNITARY, SubArea.Kind.COUNTY)
# The order sub-areas are shown in: the authorities first, then what lies within them.
KIND_ORDER = (SubArea.Kind.UNITARY, SubArea.Kind.COUNTY, SubArea.Kind.DISTRICT)
# Enough significant digits that a share is exact to well below a penny of any budget.
_SHARE_CONTEXT = Context(prec=34)
_PENNY = Decimal("0.01")


def policing_area_list() -> QuerySet[PolicingArea]:
    """Every policing area with its number of sub-areas and its population (the sum of
    its unitary authorities and counties), in one query."""
    return PolicingArea.objects.annotate(
        sub_area_count=Count("sub_areas", distinct=True),
        population_total=Sum(
            "sub_areas__population", filter=Q(sub_areas__kind__in=TOP_LEVEL_KINDS)
        ),
    ).order_by("name")


def sub_areas_for(area: PolicingArea) -> QuerySet[SubArea]:
    return SubArea.objects.filter(area=area).select_related("parent").order_by("name")


def sub_area_detail_queryset() -> QuerySet[SubArea]:
    return SubArea.objects.select_related("area", "parent").prefetch_related(
        Prefetch("children", queryset=SubArea.objects.order_by("name")),
        Prefetch("groups", queryset=SubAreaGroup.objects.order_by("name")),
    )


def groups_for(area: PolicingArea) -> QuerySet[SubAreaGroup]:
    return (
        SubAreaGroup.objects.filter(area=area)
        .prefetch_related(Prefetch("members", queryset=SubArea.objects.order_by("name")))
        .order_by("name")
    )


def group_detail_queryset() -> QuerySet[SubAreaGroup]:
    return SubAreaGroup.objects.select_related("area").prefetch_related(
        Prefetch("members", queryset=SubArea.objects.order_by("name"))
    )


def counties_in(area: PolicingArea) -> QuerySet[SubArea]:
    return SubArea.objects.filter(area=area, kind=SubArea.Kind.COUNTY).order_by("name")


def group_sub_areas_by_kind(sub_areas: list[SubArea]) -> list[tuple[str, list[SubArea]]]:
    """(kind label, sub-areas) for each kind that has any, in KIND_ORDER."""
    grouped: list[tuple[str, list[SubArea]]] = []
    for kind in KIND_ORDER:
        members = [sub_area for sub_area in sub_areas if sub_area.kind == kind]
        if members:
            grouped.append((str(kind.label), members))
    return grouped


@dataclass(frozen=True)
class AreaPopulation:
    total: int
    # Unitary authorities and counties with no population: the total leaves them out.
    missing: list[SubArea]

    @property
    def is_complete(self) -> bool:
        return not self.missing


def area_population(sub_areas: list[SubArea]) -> AreaPopulation:
    """The population of a policing area from its sub-areas (already fetched)."""
    top_level = [sub_area for sub_area in sub_areas if sub_area.kind in TOP_LEVEL_KINDS]
    return AreaPopulation(
        total=sum(sub_area.population or 0 for sub_area in top_level),
        missing=[sub_area for sub_area in top_level if sub_area.population is None],
    )


@dataclass(frozen=True)
class PopulationShare:
    sub_area: SubArea
    population: int
    # Exact: the shares of an area always add up to exactly one.
    fraction: Fraction

    @property
    def share(self) -> Decimal:
        """The share as a Decimal to 34 significant digits (no float anywhere)."""
        return _SHARE_CONTEXT.divide(
            Decimal(self.fraction.numerator), Decimal(self.fraction.denominator)
        )

    @property
    def percentage(self) -> Decimal:
        """For display: the share as a percentage to one decimal place."""
        return (self.share * 100).quantize(Decimal("0.1"))


@dataclass(frozen=True)
class PopulationShares:
    rows: list[PopulationShare]
    total: int
    # Partnership areas with no population: they cannot have a share until they do.
    missing: list[SubArea]


def population_shares(area: PolicingArea) -> PopulationShares:
    """Each Community Safety Partnership area's population and its exact share of the
    population the partnerships cover, in one query."""
    csp_areas = list(SubArea.objects.filter(area=area, is_csp_area=True).order_by("name"))
    counted = [sub_area for sub_area in csp_areas if sub_area.population]
    total = sum(sub_area.population or 0 for sub_area in counted)
    rows = [
        PopulationShare(
            sub_area=sub_area,
            population=sub_area.population or 0,
            fraction=Fraction(sub_area.population or 0, total),
        )
        for sub_area in counted
    ]
    return PopulationShares(
        rows=rows,
        total=total,
        missing=[sub_area for sub_area in csp_areas if not sub_area.population],
    )


def allocate_by_population(shares: PopulationShares, amount: Decimal) -> dict[int, Decimal]:
    """Split an amount of money between the partnership areas in proportion to their
    populations, to the penny, so that the parts add up to exactly the amount.

    Each area first gets its exact share rounded down to the penny; the pennies left
    over go one each to the areas whose exact shares lost most in the rounding
    (largest remainder), ties going to the larger population, then to the name.
    Returns {sub-area id: amount}.
    """
    if not shares.rows:
        return {}
    pennies = int((amount * 100).to_integral_value(rounding=ROUND_DOWN))
    if Decimal(pennies) != amount * 100:
        raise ValueError("The amount to allocate must be a whole number of pennies.")
    exact = {row.sub_area.pk: row.fraction * pennies for row in shares.rows}
    floors = {pk: value.numerator // value.denominator for pk, value in exact.items()}
    left_over = pennies - sum(floors.values())
    by_remainder = sorted(
        shares.rows,
        key=lambda row: (
            -(exact[row.sub_area.pk] - floors[row.sub_area.pk]),
            -row.population,
            row.sub_area.name,
        ),
    )
    for row in by_remainder[:left_over]:
        floors[row.sub_area.pk] += 1
    return {pk: (Decimal(value) / 100).quantize(_PENNY) for pk, value in floors.items()}

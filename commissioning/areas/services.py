"""Every change to policing areas, sub-areas and their groups.

Each service validates the whole record before saving (raising a ValidationError
keyed by field, which a form can show next to the field), runs in one transaction,
and records the person who made the change in the record's history.
"""

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import PolicingArea, SubArea, SubAreaGroup

# The first mid-year estimates on today's local authority boundaries are for 1991.
EARLIEST_POPULATION_YEAR = 1991
# Paths under /areas/ that a policing area's slug must not take.
RESERVED_SLUGS = frozenset({"new"})


def latest_population_year() -> int:
    # Projections for next year are allowed; anything later is a typing mistake.
    return timezone.localdate().year + 1


def _audit(instance: Any, actor: Any, reason: str) -> None:
    instance._history_user = actor
    instance._change_reason = reason


# --- Policing areas -------------------------------------------------------------------


def _validate_policing_area(
    *, area: PolicingArea | None, name: str, short_name: str, slug: str
) -> None:
    errors: dict[str, str] = {}
    others = PolicingArea.objects.all()
    if area is not None:
        others = others.exclude(pk=area.pk)
    if not name:
        errors["name"] = _("Enter the name of the policing area")
    elif others.filter(name__iexact=name).exists():
        errors["name"] = _("A policing area with this name already exists")
    if not short_name:
        errors["short_name"] = _("Enter a short name, for example LLR")
    if not slug:
        errors["slug"] = _("Enter a slug for web addresses, for example llr")
    elif slug in RESERVED_SLUGS:
        errors["slug"] = _("Choose a different slug: this one is used by the service")
    elif others.filter(slug=slug).exists():
        errors["slug"] = _("A policing area with this slug already exists")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def policing_area_create(
    *, actor: Any, name: str, short_name: str, slug: str, force_name: str = ""
) -> PolicingArea:
    name, short_name, slug = name.strip(), short_name.strip(), slug.strip().lower()
    _validate_policing_area(area=None, name=name, short_name=short_name, slug=slug)
    area = PolicingArea(name=name, short_name=short_name, slug=slug, force_name=force_name.strip())
    _audit(area, actor, _("Policing area created"))
    area.save()
    return area


@transaction.atomic
def policing_area_update(
    *,
    actor: Any,
    area: PolicingArea,
    name: str,
    short_name: str,
    slug: str,
    force_name: str = "",
) -> PolicingArea:
    area = PolicingArea.objects.select_for_update().get(pk=area.pk)
    name, short_name, slug = name.strip(), short_name.strip(), slug.strip().lower()
    _validate_policing_area(area=area, name=name, short_name=short_name, slug=slug)
    area.name, area.short_name, area.slug = name, short_name, slug
    area.force_name = force_name.strip()
    _audit(area, actor, _("Policing area changed"))
    area.save()
    return area


# --- Sub-areas ------------------------------------------------------------------------


def _validate_sub_area(
    *,
    sub_area: SubArea | None,
    area: PolicingArea,
    name: str,
    kind: str,
    parent: SubArea | None,
    is_csp_area: bool,
    csp_name: str,
    population: int | None,
    population_year: int | None,
) -> None:
    errors: dict[str, str] = {}
    others = SubArea.objects.filter(area=area)
    if sub_area is not None:
        others = others.exclude(pk=sub_area.pk)

    if not name:
        errors["name"] = _("Enter the name of the area")
    elif others.filter(name__iexact=name).exists():
        errors["name"] = _("%(area)s already has an area with this name") % {"area": area}

    if kind not in SubArea.Kind.values:
        errors["kind"] = _("Select the kind of area")
    elif kind == SubArea.Kind.DISTRICT:
        if parent is None:
            errors["parent"] = _("Select the county the district or borough lies in")
        elif parent.area_id != area.pk or parent.kind != SubArea.Kind.COUNTY:
            errors["parent"] = _("Select a county in %(area)s") % {"area": area}
    elif parent is not None:
        errors["parent"] = _("Only a district or borough lies in a county: leave this empty")
    if (
        sub_area is not None
        and kind != SubArea.Kind.COUNTY
        and sub_area.kind == SubArea.Kind.COUNTY
        and sub_area.children.exists()
    ):
        errors["kind"] = _(
            "This county has districts or boroughs in it: move them first, or keep it a county"
        )

    if is_csp_area and not csp_name:
        errors["csp_name"] = _("Enter the name of the Community Safety Partnership")

    if population is not None and population <= 0:
        errors["population"] = _("Enter the population as a whole number greater than 0")
    latest = latest_population_year()
    if population_year is not None and not (EARLIEST_POPULATION_YEAR <= population_year <= latest):
        errors["population_year"] = _("Enter a year between %(first)s and %(last)s") % {
            "first": EARLIEST_POPULATION_YEAR,
            "last": latest,
        }
    elif population is not None and population_year is None:
        errors["population_year"] = _("Enter the year of the population estimate")
    elif population is None and population_year is not None and "population" not in errors:
        errors["population"] = _("Enter the population, or remove the year")

    if errors:
        raise ValidationError(errors)


def _sub_area_fields(
    *,
    name: str,
    kind: str,
    parent: SubArea | None,
    is_csp_area: bool,
    csp_name: str,
    population: int | None,
    population_year: int | None,
    population_source: str,
) -> dict[str, Any]:
    return {
        "name": name.strip(),
        "kind": kind,
        "parent": parent,
        "is_csp_area": is_csp_area,
        # A partnership name without a partnership would mislead.
        "csp_name": csp_name.strip() if is_csp_area else "",
        "population": population,
        "population_year": population_year,
        "population_source": population_source.strip(),
    }


@transaction.atomic
def sub_area_create(
    *,
    actor: Any,
    area: PolicingArea,
    name: str,
    kind: str,
    parent: SubArea | None = None,
    is_csp_area: bool = False,
    csp_name: str = "",
    population: int | None = None,
    population_year: int | None = None,
    population_source: str = "",
) -> SubArea:
    fields = _sub_area_fields(
        name=name,
        kind=kind,
        parent=parent,
        is_csp_area=is_csp_area,
        csp_name=csp_name,
        population=population,
        population_year=population_year,
        population_source=population_source,
    )
    _validate_sub_area(
        sub_area=None,
        area=area,
        **{k: v for k, v in fields.items() if k != "population_source"},
    )
    sub_area = SubArea(area=area, **fields)
    _audit(sub_area, actor, _("Area created"))
    sub_area.save()
    return sub_area


@transaction.atomic
def sub_area_update(
    *,
    actor: Any,
    sub_area: SubArea,
    name: str,
    kind: str,
    parent: SubArea | None = None,
    is_csp_area: bool = False,
    csp_name: str = "",
    population: int | None = None,
    population_year: int | None = None,
    population_source: str = "",
) -> SubArea:
    sub_area = SubArea.objects.select_for_update().select_related("area").get(pk=sub_area.pk)
    fields = _sub_area_fields(
        name=name,
        kind=kind,
        parent=parent,
        is_csp_area=is_csp_area,
        csp_name=csp_name,
        population=population,
        population_year=population_year,
        population_source=population_source,
    )
    _validate_sub_area(
        sub_area=sub_area,
        area=sub_area.area,
        **{k: v for k, v in fields.items() if k != "population_source"},
    )
    for field, value in fields.items():
        setattr(sub_area, field, value)
    _audit(sub_area, actor, _("Area changed"))
    sub_area.save()
    return sub_area


# --- Groups of sub-areas ----------------------------------------------------------------


def _validate_group(
    *, group: SubAreaGroup | None, area: PolicingArea, name: str, members: list[SubArea]
) -> None:
    errors: dict[str, str] = {}
    others = SubAreaGroup.objects.filter(area=area)
    if group is not None:
        others = others.exclude(pk=group.pk)
    if not name:
        errors["name"] = _("Enter the name of the group")
    elif others.filter(name__iexact=name).exists():
        errors["name"] = _("%(area)s already has a group with this name") % {"area": area}
    if any(member.area_id != area.pk for member in members):
        errors["members"] = _("Select only areas in %(area)s") % {"area": area}
    elif len({member.pk for member in members}) < 2:
        errors["members"] = _("Select at least two areas")
    if errors:
        raise ValidationError(errors)


def _set_members(group: SubAreaGroup, members: list[SubArea]) -> None:
    """Change the members and save the group, leaving one history entry for both.

    Left to itself, simple-history writes an entry for each removal and each addition
    of members; the membership is recorded once instead, by the save that follows.
    """
    group.skip_history_when_saving = True  # type: ignore[attr-defined]
    try:
        group.members.set(members)
    finally:
        del group.skip_history_when_saving  # type: ignore[attr-defined]
    group.save()


@transaction.atomic
def sub_area_group_create(
    *, actor: Any, area: PolicingArea, name: str, members: Iterable[SubArea]
) -> SubAreaGroup:
    name = name.strip()
    members = list(members)
    _validate_group(group=None, area=area, name=name, members=members)
    group = SubAreaGroup(area=area, name=name)
    _audit(group, actor, _("Group created"))
    group.save()
    _set_members(group, members)
    return group


@transaction.atomic
def sub_area_group_update(
    *, actor: Any, group: SubAreaGroup, name: str, members: Iterable[SubArea]
) -> SubAreaGroup:
    group = SubAreaGroup.objects.select_for_update().select_related("area").get(pk=group.pk)
    name = name.strip()
    members = list(members)
    _validate_group(group=group, area=group.area, name=name, members=members)
    group.name = name
    _audit(group, actor, _("Group changed"))
    _set_members(group, members)
    return group

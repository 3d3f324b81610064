"""Reads for the organisations register. Every query a page needs is made here, with its
joins and prefetches, so a page's query count does not grow with its rows."""

from typing import Any

from django.db import models
from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404

from .identifiers import identifier_search_terms, normalise_name
from .models import Contact, Organisation
from .policies import organisation_policy


def _search(queryset: "models.QuerySet[Organisation]", q: str) -> "models.QuerySet[Organisation]":
    q = (q or "").strip()
    if not q:
        return queryset
    condition = Q(name__icontains=q)
    charities, companies = identifier_search_terms(q)
    if charities:
        condition |= Q(charity_number__in=charities)
    if companies:
        condition |= Q(company_number__in=companies)
    return queryset.filter(condition)


def organisation_list(
    *, user: Any, q: str = "", kind: str = "", include_inactive: bool = False
) -> "models.QuerySet[Organisation]":
    """The organisations a user may see, searched by name, charity or company number
    or org-id, filtered by type; active ones only unless asked otherwise."""
    queryset = _search(organisation_policy.visible(user), q)
    if kind:
        queryset = queryset.filter(kind=kind)
    if not include_inactive:
        queryset = queryset.filter(is_active=True, merged_into__isnull=True)
    return queryset.order_by("name", "pk")


def organisation_detail(*, user: Any, pk: int) -> Organisation:
    """One organisation with its contacts, the record it was merged into and the records
    merged into it; 404 if missing or hidden from the user."""
    queryset = Organisation._default_manager.select_related("merged_into").prefetch_related(
        Prefetch("contacts", queryset=Contact._default_manager.order_by("-is_primary", "name")),
        Prefetch(
            "merged_from",
            queryset=Organisation._default_manager.order_by("name").only(
                "pk", "name", "merged_into"
            ),
        ),
    )
    return organisation_policy.get_visible_or_404(user, queryset, pk=pk)


def organisation_get(*, user: Any, pk: int) -> Organisation:
    """One organisation without its contacts (for forms and history); 404 if hidden."""
    queryset = Organisation._default_manager.select_related("merged_into")
    return organisation_policy.get_visible_or_404(user, queryset, pk=pk)


def contact_get(*, organisation: Organisation, pk: int) -> Contact:
    """A contact of this organisation (the URL names both, so check they belong together)."""
    return get_object_or_404(Contact._default_manager, organisation=organisation, pk=pk)


def organisations_with_identifiers(
    *, charity_number: str = "", company_number: str = "", exclude_pk: int | None = None
) -> dict[str, list[Organisation]]:
    """Unmerged organisations already holding either identifier, keyed by field name.

    A merged record's identity lives on in the record it was merged into, so it does not
    count as a clash.
    """
    found: dict[str, list[Organisation]] = {}
    for field, value in (("charity_number", charity_number), ("company_number", company_number)):
        if not value:
            continue
        queryset = Organisation._default_manager.filter(**{field: value}, merged_into__isnull=True)
        if exclude_pk is not None:
            queryset = queryset.exclude(pk=exclude_pk)
        matches = list(queryset.order_by("name"))
        if matches:
            found[field] = matches
    return found


def organisations_with_same_name(*, name: str, exclude_pk: int | None = None) -> list[Organisation]:
    """Unmerged organisations whose name normalises to the same key (likely duplicates)."""
    key = normalise_name(name)
    if not key:
        return []
    queryset = Organisation._default_manager.filter(name_key=key, merged_into__isnull=True)
    if exclude_pk is not None:
        queryset = queryset.exclude(pk=exclude_pk)
    return list(queryset.order_by("name"))


def merge_candidates(
    *, user: Any, keep: Organisation, q: str = ""
) -> "models.QuerySet[Organisation]":
    """Records that could be merged into ``keep``: not already merged, not ``keep``
    (an inactive record may be merged: often the old record is the inactive one).

    With no search, records whose normalised name contains this one's are suggested
    ("Victim Support" finds "Victim Support Ltd" and "Victim Support Leicestershire").
    Identifiers cannot suggest anything: two unmerged records never share one.
    """
    queryset = (
        organisation_policy.visible(user).filter(merged_into__isnull=True).exclude(pk=keep.pk)
    )
    if q.strip():
        return _search(queryset, q).order_by("name", "pk")
    if not keep.name_key:
        return queryset.none()
    suggestion = Q(name_key__contains=keep.name_key)
    return queryset.filter(suggestion).order_by("name", "pk")

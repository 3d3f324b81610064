"""Reads for Police and Crime Plans. Every query a page needs is made here, with its joins
and prefetches, so that a page's query count does not grow with its rows."""

from dataclasses import dataclass
from typing import Any

from django.db import models
from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404

from commissioning.areas.models import PolicingArea

from .models import KeyPerformanceQuestion, PoliceAndCrimePlan, Priority
from .policies import plan_policy


@dataclass(frozen=True)
class AreaPlans:
    area: PolicingArea
    plans: list[PoliceAndCrimePlan]


def plan_list(*, user: Any) -> "models.QuerySet[PoliceAndCrimePlan]":
    """The plans a user may see, newest first within each area, each with
    ``priority_count`` and ``theme_count`` (cross-cutting themes), the plan it revises
    and ``revised_by_count``."""
    return (
        plan_policy.visible(user)
        .select_related("area", "revises")
        .annotate(
            priority_count=Count(
                "priorities", filter=Q(priorities__is_cross_cutting=False), distinct=True
            ),
            theme_count=Count(
                "priorities", filter=Q(priorities__is_cross_cutting=True), distinct=True
            ),
            revised_by_count=Count("revisions", distinct=True),
        )
        .order_by("area__name", "area_id", "-starts_on", "-created_at", "-pk")
    )


def plans_by_area(*, user: Any) -> list[AreaPlans]:
    """:func:`plan_list` grouped by policing area, areas by name (one query)."""
    groups: list[AreaPlans] = []
    for plan in plan_list(user=user):
        if not groups or groups[-1].area.pk != plan.area_id:
            groups.append(AreaPlans(area=plan.area, plans=[]))
        groups[-1].plans.append(plan)
    return groups


def plan_get(*, user: Any, pk: int) -> PoliceAndCrimePlan:
    """One plan with its area (for forms, confirmation pages and history); 404 if hidden."""
    queryset = PoliceAndCrimePlan._default_manager.select_related("area", "revises")
    return plan_policy.get_visible_or_404(user, queryset, pk=pk)


def plan_detail(*, user: Any, pk: int) -> PoliceAndCrimePlan:
    """One plan with everything its page shows: priorities in order with their questions,
    the plans revising it and the frameworks aligned to it; 404 if missing or hidden."""
    queryset = PoliceAndCrimePlan._default_manager.select_related(
        "area", "revises"
    ).prefetch_related(
        Prefetch(
            "priorities",
            queryset=Priority._default_manager.order_by(
                "is_cross_cutting", "order", "name", "pk"
            ).prefetch_related(
                Prefetch(
                    "questions",
                    queryset=KeyPerformanceQuestion._default_manager.order_by("order", "pk"),
                )
            ),
        ),
        Prefetch(
            "revisions",
            queryset=PoliceAndCrimePlan._default_manager.order_by("created_at", "pk").only(
                "pk", "title", "revises", "starts_on", "ends_on"
            ),
        ),
        # Frameworks' own ordering (newest year and version first), without importing
        # the budgets app, which sits above this one.
        "frameworks",
    )
    return plan_policy.get_visible_or_404(user, queryset, pk=pk)


def plan_area_is_fixed(plan: PoliceAndCrimePlan) -> bool:
    """Whether other records depend on the plan's area: frameworks aligned to it, or a
    chain of revisions (which stays in one area)."""
    return bool(plan.revises_id is not None or plan.revisions.exists() or plan.frameworks.exists())


def priority_get(*, plan: PoliceAndCrimePlan, pk: int) -> Priority:
    """A priority of this plan (the URL names both, so check they belong together)."""
    return get_object_or_404(Priority._default_manager, plan=plan, pk=pk)


def question_get(*, priority: Priority, pk: int) -> KeyPerformanceQuestion:
    return get_object_or_404(KeyPerformanceQuestion._default_manager, priority=priority, pk=pk)


def area_choices() -> "models.QuerySet[PolicingArea]":
    return PolicingArea._default_manager.order_by("name")

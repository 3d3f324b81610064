"""Reading decision records."""

from django.db import models

from .models import Decision, DecisionStatus


def published_decisions() -> "models.QuerySet[Decision]":
    """Decision records the public may read."""
    return Decision.objects.filter(status=DecisionStatus.PUBLISHED)


def decision_list(
    *, queryset: "models.QuerySet[Decision]", status: str = ""
) -> "models.QuerySet[Decision]":
    """For list pages: each record with its area and framework, newest decision first."""
    if status:
        queryset = queryset.filter(status=status)
    return queryset.select_related("area", "framework").order_by(
        models.F("decided_on").desc(nulls_first=True), "-created_at", "-pk"
    )


def decision_detail(*, queryset: "models.QuerySet[Decision]", pk: int) -> Decision:
    return queryset.select_related(
        "area", "framework", "framework__area", "consultation", "signed_by"
    ).get(pk=pk)

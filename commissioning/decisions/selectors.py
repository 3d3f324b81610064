"""Reading decision records."""

from django.db import models

from .models import Decision, DecisionStatus


def published_decisions() -> "models.QuerySet[Decision]":
    """Decision records the public may read."""
    return Decision.objects.filter(status=DecisionStatus.PUBLISHED)

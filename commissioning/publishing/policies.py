"""What the public may see: the one place the publication rules are written.

Anyone, signed in or not, may read the transparency site and the public API. What they
see is only what has been published:

- frameworks whose status is published or superseded (``PUBLIC_FRAMEWORK_STATUSES``);
- decision records whose status is published;
- consultations that have opened (a forthcoming one is not public), and the "you said,
  we did" outcome only once it is published;
- documents whose parent is public (``documents.selectors.public_documents``);
- policing areas with at least one of the above.

Anything else answers 404, exactly as a missing record does.
"""

from typing import Any

from django.db import models
from django.db.models import Exists, OuterRef
from django.utils import timezone

from commissioning.areas.models import PolicingArea
from commissioning.budgets.models import PUBLIC_FRAMEWORK_STATUSES, Framework
from commissioning.consultations.models import Consultation
from commissioning.core.permissions import Policy
from commissioning.decisions.models import Decision
from commissioning.decisions.selectors import published_decisions


class _Public(Policy[Any]):
    def can_list(self, user: Any) -> bool:
        return True


class PublicFrameworkPolicy(_Public):
    model = Framework

    def visible(self, user: Any) -> "models.QuerySet[Framework]":
        return Framework._default_manager.filter(status__in=PUBLIC_FRAMEWORK_STATUSES)


class PublicDecisionPolicy(_Public):
    model = Decision

    def visible(self, user: Any) -> "models.QuerySet[Decision]":
        return published_decisions()


class PublicConsultationPolicy(_Public):
    """Consultations that have opened (their public pages are under /have-your-say/)."""

    model = Consultation

    def visible(self, user: Any) -> "models.QuerySet[Consultation]":
        return Consultation._default_manager.filter(opens_at__lte=timezone.now())

    def is_open_to_public(self, consultation: Consultation) -> bool:
        """The same rule as :meth:`visible`, for a consultation already loaded."""
        return consultation.opens_at is not None and consultation.opens_at <= timezone.now()


class PublicOutcomePolicy(PublicConsultationPolicy):
    """Consultations whose "you said, we did" outcome is published."""

    def visible(self, user: Any) -> "models.QuerySet[Consultation]":
        return super().visible(user).filter(outcome_published_at__isnull=False)


class PublicAreaPolicy(_Public):
    """Policing areas with something published: a framework, a decision record or a
    consultation that has opened."""

    model = PolicingArea

    def visible(self, user: Any) -> "models.QuerySet[PolicingArea]":
        area = OuterRef("pk")
        return PolicingArea._default_manager.filter(
            Exists(public_frameworks.visible(user).filter(area=area))
            | Exists(public_decisions.visible(user).filter(area=area))
            | Exists(public_consultations.visible(user).filter(area=area))
        )


public_frameworks = PublicFrameworkPolicy()
public_decisions = PublicDecisionPolicy()
public_consultations = PublicConsultationPolicy()
public_outcomes = PublicOutcomePolicy()
public_areas = PublicAreaPolicy()

"""Factories for decision records."""

import datetime as _dt

import factory
from django.utils import timezone

from commissioning.budgets.models import Framework
from commissioning.decisions.models import Decision, DecisionStatus
from tests.factories import PolicingAreaFactory


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Decision

    area = factory.SubFactory(PolicingAreaFactory)
    reference = factory.Sequence(lambda n: f"PCC/2017/{n:03d}")
    title = factory.Sequence(lambda n: f"Decision {n}")
    decision = "To approve the Commissioning Framework."
    reasons = "The framework delivers the Police and Crime Plan."
    decided_on = _dt.date(2017, 3, 1)
    decided_by = "Police and Crime Commissioner"
    status = DecisionStatus.DRAFT


def signed_decision_for(framework: Framework) -> Decision:
    """A signed decision record for a framework: what publishing it needs."""
    decision: Decision = DecisionFactory.create(
        area=framework.area,
        framework=framework,
        status=DecisionStatus.SIGNED,
        signed_at=timezone.now(),
    )
    return decision

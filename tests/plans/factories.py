"""Factories for plan tests beyond the shared ones in tests/factories.py."""

import factory

from commissioning.plans.models import KeyPerformanceQuestion
from tests.factories import PriorityFactory


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KeyPerformanceQuestion

    priority = factory.SubFactory(PriorityFactory)
    text = factory.Sequence(lambda n: f"Is question {n} answered?")
    order = factory.Sequence(lambda n: n)

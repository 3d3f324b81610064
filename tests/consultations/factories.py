"""Factories for consultations. Other helpers add theirs at the end of this file."""

import datetime as _dt

import factory
from django.utils import timezone

from commissioning.consultations.models import (
    Channel,
    Consultation,
    Option,
    PublishConsent,
    Question,
    QuestionKind,
    RespondentType,
    Response,
    ResponseStatus,
    Section,
)
from tests.factories import PolicingAreaFactory


class ConsultationFactory(factory.django.DjangoModelFactory):
    """An open consultation (opened yesterday, closes in four weeks)."""

    class Meta:
        model = Consultation

    area = factory.SubFactory(PolicingAreaFactory)
    title = factory.Sequence(lambda n: f"Draft Commissioning Framework consultation {n}")
    slug = factory.Sequence(lambda n: f"consultation-{n}")
    opens_at = factory.LazyFunction(lambda: timezone.now() - _dt.timedelta(days=1))
    closes_at = factory.LazyFunction(lambda: timezone.now() + _dt.timedelta(days=28))


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section

    consultation = factory.SubFactory(ConsultationFactory)
    title = factory.Sequence(lambda n: f"Section {n}")
    order = factory.Sequence(lambda n: n)


class QuestionFactory(factory.django.DjangoModelFactory):
    """A long-text question; pass ``kind`` and add OptionFactory rows for a choice."""

    class Meta:
        model = Question

    section = factory.SubFactory(SectionFactory)
    code = factory.Sequence(lambda n: f"Q{n}")
    text = factory.Sequence(lambda n: f"What do you think about proposal {n}?")
    kind = QuestionKind.LONG_TEXT
    order = factory.Sequence(lambda n: n)


class OptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Option

    question = factory.SubFactory(QuestionFactory, kind=QuestionKind.SINGLE)
    label = factory.Sequence(lambda n: f"Option {n}")
    order = factory.Sequence(lambda n: n)


class ResponseFactory(factory.django.DjangoModelFactory):
    """A submitted online response, from an individual who agreed to anonymous publication."""

    class Meta:
        model = Response

    consultation = factory.SubFactory(ConsultationFactory)
    status = ResponseStatus.SUBMITTED
    channel = Channel.ONLINE
    respondent_type = RespondentType.INDIVIDUAL
    publish_consent = PublishConsent.ANONYMOUS
    submitted_at = factory.LazyFunction(timezone.now)

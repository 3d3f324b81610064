"""Published (and unpublished) records for the publishing tests, built explicitly."""

import datetime as dt
from decimal import Decimal
from typing import Any, cast

from django.utils import timezone

from commissioning.areas.models import PolicingArea
from commissioning.budgets.models import (
    Footnote,
    Framework,
    FrameworkBudget,
    FrameworkStatus,
    FundingSourceKind,
    NarrativeSection,
)
from commissioning.consultations.models import Consultation, Outcome, Theme
from commissioning.consultations.outcomes import (
    consultation_publish_outcome,
    office_response_approve,
    office_response_create,
)
from commissioning.core.money import Unit
from commissioning.decisions.models import Decision, DecisionStatus
from commissioning.documents.models import Document
from tests.consultations.factories import ConsultationFactory
from tests.consultations.test_outcomes import add_comment, closed_consultation
from tests.decisions.factories import DecisionFactory
from tests.documents.factories import DocumentFactory
from tests.factories import (
    CategoryFactory,
    FrameworkFactory,
    FundingSourceFactory,
    PolicingAreaFactory,
    ServiceLineCostFactory,
    ServiceLineFactory,
)

PUBLISHED_AT = dt.datetime(2017, 3, 20, 10, 0, tzinfo=dt.UTC)


def area(slug: str = "llr", name: str = "Leicester, Leicestershire and Rutland") -> PolicingArea:
    return cast(PolicingArea, PolicingAreaFactory(slug=slug, name=name, short_name="LLR"))


def framework(
    place: PolicingArea,
    *,
    title: str = "Commissioning Framework 2017/18",
    status: str = FrameworkStatus.PUBLISHED,
    year: int = 2017,
    categories: tuple[str, ...] = ("Victims", "Vulnerable", "Prevention"),
    lines_per_category: int = 3,
    cost: Decimal = Decimal("1000.50"),
    based_on: Framework | None = None,
    version: int = 1,
) -> Framework:
    """A framework with categories, lines (each costing ``cost``), a stated budget, a
    ring-fenced and an ordinary source, a footnote and a narrative section."""
    from commissioning.core.years import FinancialYear

    made = cast(
        Framework,
        FrameworkFactory(
            area=place,
            title=title,
            status=status,
            first_year=FinancialYear(year),
            based_on=based_on,
            version=version,
            display_unit=Unit.PENCE,
            published_at=PUBLISHED_AT if status in ("published", "superseded") else None,
        ),
    )
    footnote = Footnote.objects.create(framework=made, marker="*", text=f"{title} footnote")
    made_categories = []
    for order, name in enumerate(categories):
        category: Any = CategoryFactory(framework=made, name=name, order=order)
        made_categories.append(category)
        for number in range(lines_per_category):
            line: Any = ServiceLineFactory(
                category=category,
                name=f"{name} service {number + 1}",
                footnote=footnote if number == 0 else None,
            )
            ServiceLineCostFactory(line=line, year=made.first_year, amount=cost)
    FrameworkBudget.objects.create(
        framework=made, year=made.first_year, amount=cost * len(categories) * lines_per_category
    )
    victims: Any = FundingSourceFactory(
        framework=made,
        name=f"{title} victims grant",
        kind=FundingSourceKind.MOJ_VICTIMS,
        amount=Decimal("750000.00"),
        is_ring_fenced=True,
    )
    victims.ring_fenced_categories.set(made_categories[:1])
    FundingSourceFactory(framework=made, name=f"{title} precept", amount=Decimal("250000.00"))
    NarrativeSection.objects.create(
        framework=made, heading=f"{title} foreword", body=f"The **{title}** foreword.", order=1
    )
    return made


def decision(place: PolicingArea, *, title: str, status: str = DecisionStatus.PUBLISHED,
             **kwargs: Any) -> Decision:  # fmt: skip
    published = status == DecisionStatus.PUBLISHED
    return cast(
        Decision,
        DecisionFactory(
            area=place,
            title=title,
            status=status,
            decision=f"{title}: the decision.",
            reasons=f"{title}: the reasons.",
            financial_implications=f"{title}: the cost.",
            legal_implications=f"{title}: the law.",
            signed_at=PUBLISHED_AT if status != DecisionStatus.DRAFT else None,
            published_at=PUBLISHED_AT if published else None,
            **kwargs,
        ),
    )


def document(title: str, **parent: Any) -> Document:
    return cast(Document, DocumentFactory(title=title, **{"framework": None, **parent}))


def published_outcome(place: PolicingArea, officer: Any, *, title: str,
                      comment: str, response: str, **kwargs: Any) -> Consultation:  # fmt: skip
    """A closed consultation with one comment answered and the outcome published."""
    consultation = closed_consultation(area=place, title=title, **kwargs)
    theme = Theme.objects.create(consultation=consultation, name="GENERAL", order=1)
    made = add_comment(consultation, comment, theme=theme)
    office_response_approve(
        actor=officer,
        office_response=office_response_create(
            actor=officer,
            consultation=consultation,
            comments=[made],
            text=response,
            outcome=Outcome.AGREED,
        ),
    )
    consultation_publish_outcome(actor=officer, consultation=consultation)
    return consultation


def forthcoming(place: PolicingArea, *, title: str, **kwargs: Any) -> Consultation:
    now = timezone.now()
    return cast(
        Consultation,
        ConsultationFactory(
            area=place,
            title=title,
            opens_at=now + dt.timedelta(days=3),
            closes_at=now + dt.timedelta(days=30),
            **kwargs,
        ),
    )

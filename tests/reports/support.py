"""Builders for Panel report tests: a framework whose figures are known, a consultation
with published and unpublished responses, and a report on them."""

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils import timezone

from commissioning.areas.models import PolicingArea
from commissioning.budgets.models import Footnote, Framework, FrameworkBudget, FrameworkStatus
from commissioning.consultations.models import (
    Comment,
    Consultation,
    OfficeResponse,
    OfficeResponseStatus,
    Outcome,
    Theme,
)
from commissioning.core.money import Unit
from commissioning.core.years import FinancialYear
from commissioning.organisations.models import Organisation
from commissioning.reports.models import PanelReport
from commissioning.reports.services import panel_report_create
from tests.consultations.factories import ConsultationFactory
from tests.documents.factories import DocumentFactory
from tests.factories import (
    CategoryFactory,
    FrameworkFactory,
    OrganisationFactory,
    PolicingAreaFactory,
    ServiceLineCostFactory,
    ServiceLineFactory,
)

# Seed 000's Table 1, with exact amounts whose rounded parts (3.941) do not add up to the
# rounded total (3.940).
SEED_000_THEMES = [
    ("Reducing Offending and Re-offending", "1995400.00"),
    ("Supporting Victims and Witnesses", "1184600.00"),
    ("Making Communities and Neighbourhoods Safer", "104600.00"),
    ("Protecting the Vulnerable", "205600.00"),
    ("Partnership Locality Fund (various themes)", "449600.00"),
]


def seed_000_framework(**fields: Any) -> Framework:
    """One line per theme, shown in £m to three decimals."""
    fields.setdefault("title", "Commissioning Framework 2016/17 (refresh)")
    fields.setdefault("first_year", FinancialYear(2016))
    fields.setdefault("display_unit", Unit.MILLIONS)
    fields.setdefault("status", FrameworkStatus.PUBLISHED)
    framework: Framework = FrameworkFactory(**fields)  # type: ignore[assignment]
    for order, (name, amount) in enumerate(SEED_000_THEMES):
        category = CategoryFactory(framework=framework, name=name, order=order)
        line = ServiceLineFactory(category=category, name=f"{name} services")
        ServiceLineCostFactory(line=line, amount=Decimal(amount))
    return framework


def itemised_framework() -> Framework:
    """Seed 002's shape: two categories with lines, pence, a footnote and a provider."""
    area = PolicingArea.objects.filter(short_name="LLR").first() or PolicingAreaFactory(
        name="Leicester, Leicestershire and Rutland", short_name="LLR"
    )
    framework: Framework = FrameworkFactory(  # type: ignore[assignment]
        area=area,
        title="Draft Commissioning Framework 2017/18",
        first_year=FinancialYear(2017),
        status=FrameworkStatus.CONSULTATION,
    )
    FrameworkBudget.objects.create(
        framework=framework, year=FinancialYear(2017), amount=Decimal("4668000.00")
    )
    victims = CategoryFactory(framework=framework, name="Victims", order=1)
    prevention = CategoryFactory(framework=framework, name="Prevention", order=2)
    catch_22 = Organisation.objects.filter(name="Catch 22").first() or OrganisationFactory(
        name="Catch 22"
    )
    note = Footnote.objects.create(
        framework=framework, marker="*", text="Room within the budget to negotiate."
    )
    for category, name, amount, extra in (
        (victims, "Victim First", "307849.00", {"organisation": catch_22, "organisation_text": ""}),
        (victims, "Hardship fund", "5000.00", {"footnote": note}),
        (prevention, "Makes Moves - Charnwood", "8683.75", {}),
        (prevention, "Street Sport", "5950.00", {}),
    ):
        line = ServiceLineFactory(
            category=category, name=name, provision=f"{name} provision", **extra
        )
        ServiceLineCostFactory(line=line, amount=Decimal(amount))
    return framework


def consultation_with_outcome(framework: Framework) -> Consultation:
    """A closed consultation: two published responses (one to a comment whose author has
    no say, being imported), and one comment with only a draft response."""
    consultation: Consultation = ConsultationFactory(  # type: ignore[assignment]
        area=framework.area,
        framework=framework,
        opens_at=timezone.now() - dt.timedelta(days=40),
        closes_at=timezone.now() - dt.timedelta(days=10),
        outcome_published_at=timezone.now() - dt.timedelta(days=1),
    )
    general = Theme.objects.create(consultation=consultation, name="GENERAL", order=1)
    grants = Theme.objects.create(consultation=consultation, name="PCC GRANT", order=2)
    for theme, text, response, status in (
        (
            general,
            "Strong support for the locality fund.",
            "Agreed.",
            OfficeResponseStatus.PUBLISHED,
        ),
        (grants, "Keep bids open all year.", "Amendments made.", OfficeResponseStatus.PUBLISHED),
        (grants, "A draft thought.", "Not decided yet.", OfficeResponseStatus.DRAFT),
    ):
        comment = Comment.objects.create(consultation=consultation, theme=theme, text=text)
        office_response = OfficeResponse.objects.create(
            consultation=consultation, text=response, outcome=Outcome.AGREED, status=status
        )
        office_response.comments.set([comment])
    return consultation


def eia(framework: Framework) -> Any:
    return DocumentFactory(framework=framework, title="Equality Impact Assessment")


def report_on(framework: Framework, actor: Any = None, **fields: Any) -> PanelReport:
    fields.setdefault("meeting_date", dt.date(2017, 2, 3))
    return panel_report_create(actor=actor, framework=framework, **fields)

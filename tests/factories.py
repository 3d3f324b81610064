"""Factories shared by every app's tests. Each test states the data it relies on."""

import datetime as _dt
from decimal import Decimal

import factory
from django_otp.plugins.otp_totp.models import TOTPDevice

from commissioning.accounts.models import User
from commissioning.areas.models import PolicingArea, SubArea, SubAreaGroup
from commissioning.budgets.models import (
    BudgetCategory,
    Framework,
    FundingSource,
    FundingSourceKind,
    ServiceLine,
    ServiceLineCost,
)
from commissioning.core.roles import Role
from commissioning.core.years import FinancialYear
from commissioning.organisations.models import Contact, Organisation
from commissioning.plans.models import PoliceAndCrimePlan, Priority

# A fixed TOTP key so that browser tests can compute a code (hex, as django-otp stores it).
TEST_TOTP_KEY = "3132333435363738393031323334353637383930"


class PolicingAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PolicingArea
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Policing area {n}")
    short_name = factory.Sequence(lambda n: f"PA{n}")
    slug = factory.Sequence(lambda n: f"area-{n}")
    force_name = "Example Constabulary"


class SubAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SubArea

    area = factory.SubFactory(PolicingAreaFactory)
    name = factory.Sequence(lambda n: f"District {n}")
    kind = SubArea.Kind.DISTRICT
    is_csp_area = True
    csp_name = factory.LazyAttribute(lambda o: f"{o.name} Community Safety Partnership")
    population = 100_000
    population_year = 2016
    population_source = "Illustrative estimate"


class SubAreaGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SubAreaGroup

    area = factory.SubFactory(PolicingAreaFactory)
    name = factory.Sequence(lambda n: f"Group {n}")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    kind = Organisation.Kind.VCS


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Contact {n}")
    email = factory.Sequence(lambda n: f"contact{n}@example.org")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    full_name = factory.Sequence(lambda n: f"User {n}")
    role = Role.COMMISSIONING_OFFICER
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery")

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            obj.save()


def make_totp_device(user: User, *, confirmed: bool = True) -> TOTPDevice:
    return TOTPDevice.objects.create(
        user=user, name="Authenticator app", key=TEST_TOTP_KEY, confirmed=confirmed
    )


# --- Plans and frameworks -----------------------------------------------------------------


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PoliceAndCrimePlan

    area = factory.SubFactory(PolicingAreaFactory)
    title = factory.Sequence(lambda n: f"Police and Crime Plan {n}")
    starts_on = _dt.date(2017, 4, 1)
    ends_on = _dt.date(2021, 3, 31)


class PriorityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Priority

    plan = factory.SubFactory(PlanFactory)
    code = factory.Sequence(lambda n: f"P{n}")
    name = factory.Sequence(lambda n: f"Priority {n}")
    order = factory.Sequence(lambda n: n)


class FrameworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Framework

    area = factory.SubFactory(PolicingAreaFactory)
    title = factory.Sequence(lambda n: f"Commissioning Framework {n}")
    first_year = FinancialYear(2017)
    last_year = factory.LazyAttribute(lambda o: o.first_year)


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BudgetCategory

    framework = factory.SubFactory(FrameworkFactory)
    name = factory.Sequence(lambda n: f"Category {n}")
    order = factory.Sequence(lambda n: n)


class ServiceLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceLine

    category = factory.SubFactory(CategoryFactory)
    framework = factory.LazyAttribute(lambda o: o.category.framework)
    name = factory.Sequence(lambda n: f"Service {n}")
    organisation_text = "To be confirmed"
    order = factory.Sequence(lambda n: n)


class ServiceLineCostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceLineCost

    line = factory.SubFactory(ServiceLineFactory)
    year = factory.LazyAttribute(lambda o: o.line.framework.first_year)
    amount = Decimal("1000.00")


class FundingSourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FundingSource

    framework = factory.SubFactory(FrameworkFactory)
    year = factory.LazyAttribute(lambda o: o.framework.first_year)
    name = factory.Sequence(lambda n: f"Funding source {n}")
    kind = FundingSourceKind.POLICE_GRANT_PRECEPT
    amount = Decimal("100000.00")

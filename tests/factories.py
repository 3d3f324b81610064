"""Factories shared by every app's tests. Each test states the data it relies on."""

import factory
from django_otp.plugins.otp_totp.models import TOTPDevice

from commissioning.accounts.models import User
from commissioning.areas.models import PolicingArea, SubArea, SubAreaGroup
from commissioning.core.roles import Role
from commissioning.organisations.models import Contact, Organisation

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

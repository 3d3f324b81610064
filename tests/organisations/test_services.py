import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from commissioning.core.roles import Role
from commissioning.organisations.models import Contact, Organisation
from commissioning.organisations.services import (
    PossibleDuplicateError,
    contact_create,
    contact_delete,
    contact_update,
    organisation_create,
    organisation_update,
)
from tests.factories import ContactFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(make_user):
    return make_user(Role.COMMISSIONING_OFFICER)


def test_create_normalises_identifiers_and_records_who_added_it(officer):
    organisation = organisation_create(
        actor=officer,
        name="  Victim Support  ",
        kind=Organisation.Kind.VCS,
        charity_number="1129 878",
        company_number="4919797",
        postcode="le1 1aa",
    )
    organisation.refresh_from_db()
    assert organisation.name == "Victim Support"
    assert organisation.charity_number == "1129878"
    assert organisation.company_number == "04919797"
    assert organisation.postcode == "LE1 1AA"
    assert organisation.org_id == "GB-CHC-1129878"
    assert organisation.name_key == "victim support"
    created = organisation.history.get()
    assert created.history_type == "+"
    assert created.history_user == officer


def test_create_refuses_a_malformed_identifier_with_a_field_error(officer):
    with pytest.raises(ValidationError) as error:
        organisation_create(
            actor=officer, name="Example", kind=Organisation.Kind.VCS, company_number="12AB"
        )
    assert set(error.value.message_dict) == {"company_number"}
    assert not Organisation.objects.exists()


def test_create_refuses_an_unknown_type(officer):
    with pytest.raises(ValidationError) as error:
        organisation_create(actor=officer, name="Example", kind="quango")
    assert "kind" in error.value.message_dict


@pytest.mark.parametrize(
    ("field", "stored", "entered"),
    [("charity_number", "1234567", "1234 567"), ("company_number", "01234567", "1234567")],
)
def test_create_blocks_an_identifier_another_record_has(officer, field, stored, entered):
    existing = OrganisationFactory(name="Existing Trust", **{field: stored})
    with pytest.raises(ValidationError) as error:
        organisation_create(
            actor=officer, name="Something else", kind=Organisation.Kind.VCS, **{field: entered}
        )
    message = error.value.message_dict[field][0]
    assert "Existing Trust" in message
    assert Organisation.objects.get() == existing


def test_an_identifier_held_only_by_a_merged_record_is_free(officer):
    keep = OrganisationFactory()
    OrganisationFactory(charity_number="1234567", merged_into=keep, is_active=False)
    created = organisation_create(
        actor=officer, name="New", kind=Organisation.Kind.VCS, charity_number="1234567"
    )
    assert created.charity_number == "1234567"


def test_create_asks_for_confirmation_when_the_name_matches(officer):
    existing = OrganisationFactory(name="The Example Trust Ltd")
    with pytest.raises(PossibleDuplicateError) as error:
        organisation_create(actor=officer, name="Example Trust", kind=Organisation.Kind.VCS)
    assert error.value.matches == [existing]
    assert Organisation.objects.count() == 1

    organisation_create(
        actor=officer,
        name="Example Trust",
        kind=Organisation.Kind.VCS,
        same_name_confirmed=True,
    )
    assert Organisation.objects.count() == 2


def test_only_editors_create(make_user):
    with pytest.raises(PermissionDenied):
        organisation_create(
            actor=make_user(Role.PANEL_MEMBER), name="Example", kind=Organisation.Kind.VCS
        )


def test_update_changes_values_and_history_shows_before_and_after(officer):
    organisation = OrganisationFactory(name="Old name", town="Leicester")
    organisation_update(
        actor=officer,
        organisation=organisation,
        data={"name": "New name", "company_number": "123456"},
    )
    organisation.refresh_from_db()
    assert organisation.name == "New name"
    assert organisation.name_key == "new name"
    assert organisation.company_number == "00123456"
    latest, previous = organisation.history.all()[:2]
    delta = latest.diff_against(previous)
    assert set(delta.changed_fields) == {"name", "company_number"}
    assert latest.history_user == officer


def test_update_blocks_a_clashing_identifier(officer):
    OrganisationFactory(name="Holder", company_number="01234567")
    organisation = OrganisationFactory()
    with pytest.raises(ValidationError) as error:
        organisation_update(
            actor=officer, organisation=organisation, data={"company_number": "1234567"}
        )
    assert "Holder" in error.value.message_dict["company_number"][0]
    organisation.refresh_from_db()
    assert organisation.company_number == ""


def test_update_keeps_its_own_identifier(officer):
    organisation = OrganisationFactory(charity_number="1234567")
    organisation_update(
        actor=officer, organisation=organisation, data={"charity_number": "1234567"}
    )


def test_update_refuses_fields_outside_the_form(officer):
    with pytest.raises(ValueError, match="merged_into"):
        organisation_update(
            actor=officer, organisation=OrganisationFactory(), data={"merged_into": None}
        )


def test_a_merged_record_cannot_be_updated(officer):
    merged = OrganisationFactory(merged_into=OrganisationFactory(), is_active=False)
    with pytest.raises(PermissionDenied):
        organisation_update(actor=officer, organisation=merged, data={"name": "X"})


def test_a_new_main_contact_replaces_the_old_one(officer):
    organisation = OrganisationFactory()
    old = ContactFactory(organisation=organisation, is_primary=True)
    new = contact_create(
        actor=officer, organisation=organisation, name="Asha Patel", is_primary=True
    )
    old.refresh_from_db()
    assert new.is_primary
    assert not old.is_primary
    assert old.history.first().history_user == officer


def test_contact_update_and_delete_are_recorded(officer):
    contact = ContactFactory(name="Sam Jones")
    contact_update(actor=officer, contact=contact, data={"job_title": "Director"})
    contact.refresh_from_db()
    assert contact.job_title == "Director"
    contact_delete(actor=officer, contact=contact)
    assert not Contact.objects.exists()
    removed = Contact.history.filter(id=contact.pk).first()
    assert removed.history_type == "-"
    assert removed.history_user == officer


def test_contact_create_validates_the_email(officer):
    with pytest.raises(ValidationError) as error:
        contact_create(
            actor=officer, organisation=OrganisationFactory(), name="A", email="not-an-email"
        )
    assert "email" in error.value.message_dict


def test_providers_cannot_change_their_own_contacts(make_user):
    provider = make_user(Role.PROVIDER)
    with pytest.raises(PermissionDenied):
        contact_create(actor=provider, organisation=provider.organisation, name="A")


def test_a_clash_that_gets_past_the_check_is_still_reported_as_one(officer, monkeypatch):
    # Two officers saving the same number at once: the second one's check ran before
    # the first one's row existed, and the database constraint catches it.
    from commissioning.organisations import services

    OrganisationFactory(name="First", charity_number="1234567")
    real_check = services.organisations_with_identifiers
    calls = []

    def check_that_misses_once(**kwargs):
        calls.append(kwargs)
        return {} if len(calls) == 1 else real_check(**kwargs)

    monkeypatch.setattr(services, "organisations_with_identifiers", check_that_misses_once)
    with pytest.raises(ValidationError) as error:
        organisation_create(
            actor=officer, name="Second", kind=Organisation.Kind.VCS, charity_number="1234567"
        )
    assert (
        "‘First’ already has charity number 1234567"
        in error.value.message_dict["charity_number"][0]
    )
    assert len(calls) == 2
    assert Organisation.objects.count() == 1

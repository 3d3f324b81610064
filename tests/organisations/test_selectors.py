import pytest

from commissioning.core.roles import Role
from commissioning.organisations.history import contact_history
from commissioning.organisations.selectors import (
    merge_candidates,
    organisation_list,
    organisations_with_identifiers,
    organisations_with_same_name,
)
from commissioning.organisations.services import contact_delete
from tests.factories import ContactFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def test_list_for_a_provider_holds_only_their_organisation(make_user):
    own = OrganisationFactory(name="Own")
    OrganisationFactory(name="Other")
    provider = make_user(Role.PROVIDER, organisation=own)
    assert list(organisation_list(user=provider)) == [own]


def test_same_name_and_identifier_checks_ignore_merged_records():
    keep = OrganisationFactory(name="Keep")
    OrganisationFactory(
        name="Example Trust", charity_number="1234567", merged_into=keep, is_active=False
    )
    live = OrganisationFactory(name="The Example Trust")
    assert organisations_with_same_name(name="example trust ltd") == [live]
    assert organisations_with_same_name(name="Example Trust", exclude_pk=live.pk) == []
    assert organisations_with_identifiers(charity_number="1234567") == {}


def test_merge_candidates_suggest_similar_names(make_user):
    officer = make_user(Role.COMMISSIONING_OFFICER)
    keep = OrganisationFactory(name="Victim Support")
    OrganisationFactory(name="Victim Support Leicestershire")
    OrganisationFactory(name="The Victim Support Ltd")
    OrganisationFactory(name="Victims First")
    OrganisationFactory(name="Victim Support (old)", merged_into=keep, is_active=False)
    names = [o.name for o in merge_candidates(user=officer, keep=keep)]
    assert names == ["The Victim Support Ltd", "Victim Support Leicestershire"]


def test_contact_history_keeps_removed_contacts(make_user):
    officer = make_user(Role.COMMISSIONING_OFFICER)
    contact = ContactFactory(name="Removed Person", job_title="Chair")
    contact_delete(actor=officer, contact=contact)
    entries = contact_history(contact.organisation)
    assert [entry.action for entry in entries] == [
        "Contact ‘Removed Person’ removed",
        "Contact ‘Removed Person’ added",
    ]
    assert entries[0].who == str(officer)
    added_fields = {change.field: change.after for change in entries[1].changes}
    assert added_fields["Job title"] == "Chair"
    assert "Organisation" not in added_fields

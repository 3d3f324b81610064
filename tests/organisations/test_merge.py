import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from commissioning.accounts.models import User
from commissioning.core.roles import Role
from commissioning.organisations.merging import merge_plan, referencing_relations
from commissioning.organisations.models import Contact, Organisation
from commissioning.organisations.services import REASON_MAX_LENGTH, organisation_merge
from tests.factories import ContactFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(make_user):
    return make_user(Role.COMMISSIONING_OFFICER)


def test_relations_are_discovered_from_the_model():
    related = {(r.related_model, r.field.name) for r in referencing_relations()}
    assert (Contact, "organisation") in related
    assert (User, "organisation") in related
    assert all(r.field.name != "merged_into" for r in referencing_relations())
    names = [r.related_model.__name__ for r in referencing_relations()]
    assert not [name for name in names if name.startswith("Historical")]


def test_merge_moves_contacts_and_referencing_rows_with_history(officer):
    keep = OrganisationFactory(name="Victim Support")
    duplicate = OrganisationFactory(name="Victim Support (old)")
    contact = ContactFactory(organisation=duplicate, name="Jo Bloggs")
    provider = UserFactory(role=Role.PROVIDER, organisation=duplicate)

    organisation_merge(actor=officer, keep=keep, duplicate=duplicate)

    contact.refresh_from_db()
    provider.refresh_from_db()
    duplicate.refresh_from_db()
    assert contact.organisation == keep
    assert provider.organisation == keep
    assert duplicate.merged_into == keep
    assert not duplicate.is_active

    contact_move = contact.history.first()
    assert contact_move.history_user == officer
    assert contact_move.history_change_reason == (
        f"Moved from merged record ‘Victim Support (old)’ (#{duplicate.pk})"
    )
    user_move = provider.history.first()
    assert user_move.organisation_id == keep.pk
    assert user_move.history_user == officer
    assert user_move.history_change_reason.startswith("Moved from merged record")

    kept_record = keep.history.first()
    assert kept_record.history_change_reason == (
        f"Merged ‘Victim Support (old)’ (#{duplicate.pk}) into this record"
    )
    assert kept_record.history_user == officer
    merged_record = duplicate.history.first()
    assert merged_record.history_change_reason == f"Merged into ‘Victim Support’ (#{keep.pk})"
    assert merged_record.merged_into_id == keep.pk
    # The duplicate's earlier history is still there.
    assert duplicate.history.filter(history_type="+").exists()


def test_merge_fills_blanks_from_the_duplicate_and_keeps_what_differs(officer):
    keep = OrganisationFactory(website="https://keep.example", notes="Kept notes")
    duplicate = OrganisationFactory(
        name="Dup",
        charity_number="1234567",
        company_number="01234567",
        website="https://dup.example",
        phone="0116 000 0000",
        address_line_1="1 High Street",
        town="Leicester",
        postcode="LE1 1AA",
        notes="Duplicate notes",
    )
    organisation_merge(actor=officer, keep=keep, duplicate=duplicate)
    keep.refresh_from_db()
    assert keep.charity_number == "1234567"
    assert keep.company_number == "01234567"
    assert keep.org_id == "GB-CHC-1234567"
    assert keep.website == "https://keep.example"
    assert keep.phone == "0116 000 0000"
    assert keep.address_lines == ["1 High Street", "Leicester", "LE1 1AA"]
    assert keep.notes.startswith("Kept notes\n\nNotes from merged record ‘Dup’")
    assert keep.notes.endswith("Duplicate notes")
    # The duplicate keeps its own values as evidence.
    duplicate.refresh_from_db()
    assert duplicate.charity_number == "1234567"


def test_an_address_is_not_mixed_from_two_records(officer):
    keep = OrganisationFactory(town="Leicester")
    duplicate = OrganisationFactory(address_line_1="2 Low Road", town="Loughborough")
    plan = merge_plan(keep, duplicate)
    assert "address_line_1" not in plan.copied_fields
    assert [k.label for k in plan.kept] == ["Address"]
    organisation_merge(actor=officer, keep=keep, duplicate=duplicate)
    keep.refresh_from_db()
    assert keep.address_lines == ["Leicester"]


def test_the_kept_main_contact_stays_the_only_one(officer):
    keep = OrganisationFactory()
    ContactFactory(organisation=keep, is_primary=True, name="Kept main")
    duplicate = OrganisationFactory()
    moved = ContactFactory(organisation=duplicate, is_primary=True, name="Other main")
    organisation_merge(actor=officer, keep=keep, duplicate=duplicate)
    moved.refresh_from_db()
    assert not moved.is_primary
    assert list(keep.contacts.filter(is_primary=True).values_list("name", flat=True)) == [
        "Kept main"
    ]


def test_records_merged_into_the_duplicate_earlier_follow_it(officer):
    keep = OrganisationFactory()
    duplicate = OrganisationFactory()
    earlier = OrganisationFactory(merged_into=duplicate, is_active=False)
    organisation_merge(actor=officer, keep=keep, duplicate=duplicate)
    earlier.refresh_from_db()
    assert earlier.merged_into == keep


def test_merge_plan_lists_what_will_move():
    keep = OrganisationFactory()
    duplicate = OrganisationFactory()
    ContactFactory(organisation=duplicate, name="Jo")
    UserFactory(role=Role.PROVIDER, organisation=duplicate)
    UserFactory(role=Role.PROVIDER, organisation=duplicate)
    plan = merge_plan(keep, duplicate)
    assert [c.name for c in plan.contacts] == ["Jo"]
    assert [(m.label, m.count) for m in plan.moves] == [("Users", 2)]


def test_merging_a_record_into_itself_is_refused(officer):
    organisation = OrganisationFactory()
    with pytest.raises(ValidationError, match="into itself"):
        organisation_merge(actor=officer, keep=organisation, duplicate=organisation)


def test_merging_into_a_merged_record_is_refused(officer):
    final = OrganisationFactory()
    merged = OrganisationFactory(name="Gone", merged_into=final, is_active=False)
    duplicate = OrganisationFactory()
    with pytest.raises(ValidationError, match="‘Gone’ has been merged into another record"):
        organisation_merge(actor=officer, keep=merged, duplicate=duplicate)
    duplicate.refresh_from_db()
    assert duplicate.merged_into is None


def test_merging_into_an_inactive_record_is_refused(officer):
    keep = OrganisationFactory(name="Closed", is_active=False)
    with pytest.raises(ValidationError, match="‘Closed’ is inactive"):
        organisation_merge(actor=officer, keep=keep, duplicate=OrganisationFactory())


def test_merging_an_already_merged_duplicate_is_refused(officer):
    keep = OrganisationFactory()
    duplicate = OrganisationFactory(merged_into=OrganisationFactory(), is_active=False)
    with pytest.raises(ValidationError, match="already been merged"):
        organisation_merge(actor=officer, keep=keep, duplicate=duplicate)


def test_an_inactive_duplicate_can_be_merged(officer):
    keep = OrganisationFactory()
    duplicate = OrganisationFactory(is_active=False)
    organisation_merge(actor=officer, keep=keep, duplicate=duplicate)
    duplicate.refresh_from_db()
    assert duplicate.merged_into == keep


def test_only_editors_merge(make_user):
    keep, duplicate = OrganisationFactory(), OrganisationFactory()
    with pytest.raises(PermissionDenied):
        organisation_merge(actor=make_user(Role.PANEL_MEMBER), keep=keep, duplicate=duplicate)
    duplicate.refresh_from_db()
    assert duplicate.merged_into is None


def test_long_names_are_shortened_to_fit_the_change_reason(officer):
    keep = OrganisationFactory(name="K" * 240)
    duplicate = OrganisationFactory(name="D" * 240)
    organisation_merge(actor=officer, keep=keep, duplicate=duplicate)
    reasons = [
        keep.history.first().history_change_reason,
        duplicate.history.first().history_change_reason,
    ]
    assert all(len(reason) <= REASON_MAX_LENGTH for reason in reasons)
    assert all("…" in reason for reason in reasons)


def test_the_duplicate_can_be_the_source_of_identifiers_under_the_constraint(officer):
    # The kept record takes the duplicate's number; both hold it afterwards, which the
    # partial unique constraint allows because the duplicate is merged.
    keep = OrganisationFactory()
    duplicate = OrganisationFactory(company_number="07654321")
    organisation_merge(actor=officer, keep=keep, duplicate=duplicate)
    assert Organisation.objects.filter(company_number="07654321").count() == 2

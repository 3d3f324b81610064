import pytest
from django.urls import reverse

from commissioning.core.roles import Role
from tests.factories import ContactFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def merge_url(keep):
    return reverse("organisations:merge", args=[keep.pk])


def confirm_url(keep, duplicate):
    return reverse("organisations:merge-confirm", args=[keep.pk, duplicate.pk])


def test_choose_page_suggests_likely_duplicates(officer_client):
    keep = OrganisationFactory(name="Example Trust", charity_number="1234567")
    same_name = OrganisationFactory(name="The Example Trust Ltd")
    OrganisationFactory(name="Unrelated")
    response = officer_client.get(merge_url(keep))
    assert [o.name for o in response.context["page_obj"].object_list] == [same_name.name]
    assert confirm_url(keep, same_name) in response.content.decode()


def test_choose_page_searches_without_offering_the_record_itself_or_merged_ones(officer_client):
    keep = OrganisationFactory(name="Trust A")
    other = OrganisationFactory(name="Trust B")
    OrganisationFactory(name="Trust C", merged_into=other, is_active=False)
    response = officer_client.get(merge_url(keep), {"q": "trust"})
    assert [o.name for o in response.context["page_obj"].object_list] == ["Trust B"]


def test_choose_page_explains_when_the_record_cannot_take_merges(officer_client):
    keep = OrganisationFactory()
    merged = OrganisationFactory(name="Gone", merged_into=keep, is_active=False)
    response = officer_client.get(merge_url(merged))
    assert "‘Gone’ has been merged into another record" in response.content.decode()
    assert "page_obj" not in response.context


def test_confirm_page_shows_both_records_and_what_will_happen(officer_client):
    keep = OrganisationFactory(name="Kept Trust")
    duplicate = OrganisationFactory(name="Duplicate Trust", charity_number="1234567")
    ContactFactory(organisation=duplicate, name="Jo Bloggs")
    UserFactory(role=Role.PROVIDER, organisation=duplicate)
    response = officer_client.get(confirm_url(keep, duplicate))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Kept Trust" in content
    assert "Duplicate Trust" in content
    assert "Jo Bloggs" in content
    assert "Users: 1 will move" in content
    assert "1234567" in content
    assert "A merge cannot be undone." in content
    # Nothing has changed yet.
    duplicate.refresh_from_db()
    assert duplicate.merged_into is None


def test_merge_flow_moves_everything_and_leaves_the_duplicate_viewable(officer_client):
    keep = OrganisationFactory(name="Kept Trust")
    duplicate = OrganisationFactory(name="Duplicate Trust")
    contact = ContactFactory(organisation=duplicate, name="Jo Bloggs")
    response = officer_client.post(confirm_url(keep, duplicate))
    assert response.status_code == 302
    assert response["Location"] == reverse("organisations:detail", args=[keep.pk])
    contact.refresh_from_db()
    assert contact.organisation == keep

    kept_page = officer_client.get(response["Location"]).content.decode()
    assert "‘Duplicate Trust’ has been merged into this record" in kept_page
    assert "Jo Bloggs" in kept_page
    assert "Records merged into this one" in kept_page

    duplicate_page = officer_client.get(reverse("organisations:detail", args=[duplicate.pk]))
    assert duplicate_page.status_code == 200
    assert "This organisation was merged into" in duplicate_page.content.decode()

    history = officer_client.get(reverse("organisations:history", args=[keep.pk]))
    reasons = [entry.reason for entry in history.context["history"]]
    assert f"Merged ‘Duplicate Trust’ (#{duplicate.pk}) into this record" in reasons
    assert f"Moved from merged record ‘Duplicate Trust’ (#{duplicate.pk})" in reasons
    duplicate_history = officer_client.get(reverse("organisations:history", args=[duplicate.pk]))
    actions = [entry.action for entry in duplicate_history.context["history"]]
    assert "Contact ‘Jo Bloggs’ changed" in actions


def test_merging_into_itself_is_refused_with_a_message(officer_client):
    organisation = OrganisationFactory()
    response = officer_client.post(confirm_url(organisation, organisation))
    assert response.status_code == 400
    assert "You cannot merge a record into itself" in response.content.decode()


def test_merging_into_a_merged_record_is_refused_on_the_confirm_page(officer_client):
    final = OrganisationFactory()
    merged = OrganisationFactory(name="Gone", merged_into=final, is_active=False)
    duplicate = OrganisationFactory()
    response = officer_client.get(confirm_url(merged, duplicate))
    assert response.status_code == 400
    assert "These records cannot be merged" in response.content.decode()
    response = officer_client.post(confirm_url(merged, duplicate))
    assert response.status_code == 400
    duplicate.refresh_from_db()
    assert duplicate.merged_into is None


@pytest.mark.parametrize("role", [Role.PANEL_MEMBER, Role.ASSESSOR])
def test_read_only_staff_cannot_merge(make_user, login, role):
    keep, duplicate = OrganisationFactory(), OrganisationFactory()
    client = login(make_user(role))
    assert client.get(merge_url(keep)).status_code == 403
    assert client.post(confirm_url(keep, duplicate)).status_code == 403
    duplicate.refresh_from_db()
    assert duplicate.merged_into is None


def test_providers_get_404_on_merge_pages(make_user, login):
    own = OrganisationFactory()
    other = OrganisationFactory()
    client = login(make_user(Role.PROVIDER, organisation=own))
    assert client.post(confirm_url(own, other)).status_code == 404
    other.refresh_from_db()
    assert other.merged_into is None

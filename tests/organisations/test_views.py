import pytest
from django.urls import reverse

from commissioning.core.roles import Role
from commissioning.organisations.models import Contact, Organisation
from tests.factories import ContactFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

LIST_URL = reverse("organisations:list")


def detail_url(organisation):
    return reverse("organisations:detail", args=[organisation.pk])


# --- List -------------------------------------------------------------------------------


def names_in(response):
    return [o.name for o in response.context["page_obj"].object_list]


def test_list_searches_by_name_and_identifiers(officer_client):
    OrganisationFactory(name="Victim Support", charity_number="1129878")
    OrganisationFactory(name="Juniper Lodge", company_number="01234567")
    OrganisationFactory(name="Leicester City Council", kind=Organisation.Kind.LOCAL_AUTHORITY)

    assert names_in(officer_client.get(LIST_URL, {"q": "victim"})) == ["Victim Support"]
    assert names_in(officer_client.get(LIST_URL, {"q": "1129 878"})) == ["Victim Support"]
    assert names_in(officer_client.get(LIST_URL, {"q": "GB-CHC-1129878"})) == ["Victim Support"]
    assert names_in(officer_client.get(LIST_URL, {"q": "GB-COH-01234567"})) == ["Juniper Lodge"]
    assert names_in(officer_client.get(LIST_URL, {"q": "1234567"})) == ["Juniper Lodge"]
    response = officer_client.get(LIST_URL, {"kind": Organisation.Kind.LOCAL_AUTHORITY})
    assert names_in(response) == ["Leicester City Council"]


def test_list_shows_the_org_id_and_town(officer_client):
    OrganisationFactory(name="Victim Support", charity_number="1129878", town="Leicester")
    response = officer_client.get(LIST_URL)
    content = response.content.decode()
    assert "GB-CHC-1129878" in content
    assert "Leicester" in content


def test_list_hides_merged_and_inactive_records_unless_asked(officer_client):
    keep = OrganisationFactory(name="Kept")
    OrganisationFactory(name="Merged", merged_into=keep, is_active=False)
    OrganisationFactory(name="Closed", is_active=False)
    assert names_in(officer_client.get(LIST_URL)) == ["Kept"]
    response = officer_client.get(LIST_URL, {"include_inactive": "on"})
    assert names_in(response) == ["Closed", "Kept", "Merged"]


def test_list_is_paginated_in_pages_of_25_keeping_filters(officer_client):
    for number in range(30):
        OrganisationFactory(name=f"Trust {number:02d}")
    first = officer_client.get(LIST_URL, {"q": "trust"})
    assert len(names_in(first)) == 25
    assert 'href="?q=trust&amp;page=2"' in first.content.decode()
    second = officer_client.get(LIST_URL, {"q": "trust", "page": 2})
    assert names_in(second) == [f"Trust {n}" for n in range(25, 30)]


def test_list_empty_search_offers_to_clear_filters(officer_client):
    OrganisationFactory(name="Victim Support")
    response = officer_client.get(LIST_URL, {"q": "nothing like it"})
    content = response.content.decode()
    assert "No organisations match your search" in content
    assert f'href="{LIST_URL}">Clear filters' in content


def test_list_is_for_staff_only(make_user, login, client):
    assert client.get(LIST_URL).status_code == 302
    assert login(make_user(Role.PANEL_MEMBER)).get(LIST_URL).status_code == 200
    assert login(make_user(Role.PROVIDER)).get(LIST_URL).status_code == 403
    assert login(make_user(Role.CSP)).get(LIST_URL).status_code == 403


def test_only_editors_see_the_add_button(make_user, login):
    add_url = reverse("organisations:create")
    assert add_url in login(make_user(Role.FINANCE_OFFICER)).get(LIST_URL).content.decode()
    assert add_url not in login(make_user(Role.ASSESSOR)).get(LIST_URL).content.decode()


# --- Detail and history -----------------------------------------------------------------


def test_detail_shows_identifiers_contacts_and_change_links(officer_client):
    organisation = OrganisationFactory(
        name="Victim Support", charity_number="1129878", notes="Quarterly monitoring"
    )
    ContactFactory(organisation=organisation, name="Asha Patel", is_primary=True)
    response = officer_client.get(detail_url(organisation))
    content = response.content.decode()
    assert response.status_code == 200
    assert "GB-CHC-1129878" in content
    assert "Asha Patel" in content
    assert "Main contact" in content
    assert "Quarterly monitoring" in content
    assert reverse("organisations:edit", args=[organisation.pk]) in content
    assert reverse("organisations:history", args=[organisation.pk]) in content


def test_panel_members_see_no_change_links(make_user, login):
    organisation = OrganisationFactory()
    content = login(make_user(Role.PANEL_MEMBER)).get(detail_url(organisation)).content.decode()
    assert reverse("organisations:edit", args=[organisation.pk]) not in content
    assert reverse("organisations:merge", args=[organisation.pk]) not in content


def test_provider_sees_their_own_organisation_without_internal_notes(make_user, login):
    own = OrganisationFactory(notes="Internal remark")
    client = login(make_user(Role.PROVIDER, organisation=own))
    response = client.get(detail_url(own))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Internal remark" not in content
    assert reverse("organisations:edit", args=[own.pk]) not in content
    assert client.get(reverse("organisations:history", args=[own.pk])).status_code == 404
    assert client.get(reverse("organisations:edit", args=[own.pk])).status_code == 403


def test_provider_gets_404_for_another_organisation(make_user, login):
    other = OrganisationFactory()
    client = login(make_user(Role.PROVIDER))
    for name in ("detail", "history", "edit", "contact-add", "merge"):
        assert client.get(reverse(f"organisations:{name}", args=[other.pk])).status_code == 404


def test_csp_users_get_404_for_organisation_pages(make_user, login):
    organisation = OrganisationFactory()
    client = login(make_user(Role.CSP))
    assert client.get(detail_url(organisation)).status_code == 404


def test_missing_organisation_is_404(officer_client):
    assert officer_client.get(reverse("organisations:detail", args=[999999])).status_code == 404


def test_merged_record_says_where_it_went(officer_client):
    keep = OrganisationFactory(name="Kept record")
    merged = OrganisationFactory(name="Old record", merged_into=keep, is_active=False)
    content = officer_client.get(detail_url(merged)).content.decode()
    assert "This organisation was merged into" in content
    assert f'href="{detail_url(keep)}"' in content
    assert reverse("organisations:edit", args=[merged.pk]) not in content


def test_history_includes_contact_changes_even_for_removed_contacts(officer_client):
    organisation = OrganisationFactory(name="Example")
    officer_client.post(
        reverse("organisations:contact-add", args=[organisation.pk]),
        {"name": "Asha Patel", "job_title": "Director"},
    )
    contact = Contact.objects.get()
    officer_client.post(reverse("organisations:contact-delete", args=[organisation.pk, contact.pk]))
    response = officer_client.get(reverse("organisations:history", args=[organisation.pk]))
    actions = [entry.action for entry in response.context["history"]]
    assert actions == [
        "Contact ‘Asha Patel’ removed",
        "Contact ‘Asha Patel’ added",
        "Created",
    ]
    content = response.content.decode()
    assert "Director" in content


# --- Create and edit ----------------------------------------------------------------------

CREATE_URL = reverse("organisations:create")


def test_create_shows_errors_for_missing_and_malformed_values(officer_client):
    response = officer_client.post(CREATE_URL, {"name": "", "charity_number": "12"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "There is a problem" in content
    assert "Enter the organisation&#x27;s name" in content
    assert "Select the type of organisation" in content
    assert "Enter a charity number in the right format" in content
    assert not Organisation.objects.exists()


def test_create_adds_the_organisation(officer_client):
    response = officer_client.post(
        CREATE_URL, {"name": "Victim Support", "kind": "vcs", "company_number": "4919797"}
    )
    organisation = Organisation.objects.get()
    assert response.status_code == 302
    assert response["Location"] == detail_url(organisation)
    assert organisation.company_number == "04919797"


def test_create_blocks_a_duplicate_identifier(officer_client):
    OrganisationFactory(name="Victim Support", charity_number="1129878")
    response = officer_client.post(
        CREATE_URL, {"name": "VS", "kind": "vcs", "charity_number": "1129878"}
    )
    assert response.status_code == 200
    assert "‘Victim Support’ already has charity number 1129878" in response.content.decode()
    assert Organisation.objects.count() == 1


def test_create_asks_to_confirm_a_same_name_organisation(officer_client):
    existing = OrganisationFactory(name="The Example Trust")
    data = {"name": "Example Trust Ltd", "kind": "vcs"}
    response = officer_client.post(CREATE_URL, data)
    content = response.content.decode()
    assert response.status_code == 200
    assert "An organisation with this name is already in the register" in content
    assert detail_url(existing) in content
    assert Organisation.objects.count() == 1
    response = officer_client.post(CREATE_URL, {**data, "same_name_confirmed": "on"})
    assert response.status_code == 302
    assert Organisation.objects.count() == 2


def test_create_is_for_editors_only(make_user, login):
    client = login(make_user(Role.PANEL_MEMBER))
    assert client.get(CREATE_URL).status_code == 403
    assert client.post(CREATE_URL, {"name": "X", "kind": "vcs"}).status_code == 403
    assert not Organisation.objects.exists()


def test_edit_saves_changes(officer_client):
    organisation = OrganisationFactory(name="Old", kind=Organisation.Kind.VCS)
    url = reverse("organisations:edit", args=[organisation.pk])
    assert officer_client.get(url).status_code == 200
    response = officer_client.post(
        url, {"name": "New", "kind": "cic", "town": "Leicester", "is_active": "True"}
    )
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert (organisation.name, organisation.kind, organisation.town) == ("New", "cic", "Leicester")


def test_edit_shows_errors_and_keeps_the_stored_name_in_the_heading(officer_client):
    organisation = OrganisationFactory(name="Stored name")
    url = reverse("organisations:edit", args=[organisation.pk])
    response = officer_client.post(
        url, {"name": "Typed name", "kind": "vcs", "company_number": "X", "is_active": "True"}
    )
    content = response.content.decode()
    assert "Enter a company number in the right format" in content
    assert '<span class="govuk-caption-l">Stored name</span>' in content
    organisation.refresh_from_db()
    assert organisation.name == "Stored name"


def test_a_merged_record_cannot_be_edited(officer_client):
    merged = OrganisationFactory(merged_into=OrganisationFactory(), is_active=False)
    assert officer_client.get(reverse("organisations:edit", args=[merged.pk])).status_code == 403


# --- Contacts -----------------------------------------------------------------------------


def test_contact_add_validates_and_saves(officer_client):
    organisation = OrganisationFactory()
    url = reverse("organisations:contact-add", args=[organisation.pk])
    response = officer_client.post(url, {"name": "", "email": "nope"})
    content = response.content.decode()
    assert "Enter the contact&#x27;s full name" in content
    assert "Enter an e-mail address in the correct format" in content
    response = officer_client.post(url, {"name": "Sam Jones", "is_primary": "on"})
    assert response.status_code == 302
    assert organisation.contacts.get().is_primary


def test_contact_edit_and_remove_with_confirmation(officer_client):
    contact = ContactFactory(name="Sam Jones")
    organisation = contact.organisation
    edit_url = reverse("organisations:contact-edit", args=[organisation.pk, contact.pk])
    officer_client.post(edit_url, {"name": "Sam Jones", "job_title": "Chief Executive"})
    contact.refresh_from_db()
    assert contact.job_title == "Chief Executive"

    delete_url = reverse("organisations:contact-delete", args=[organisation.pk, contact.pk])
    confirmation = officer_client.get(delete_url)
    assert "Are you sure you want to remove Sam Jones?" in confirmation.content.decode()
    assert Contact.objects.filter(pk=contact.pk).exists()
    assert officer_client.post(delete_url).status_code == 302
    assert not Contact.objects.filter(pk=contact.pk).exists()


def test_a_contact_of_another_organisation_is_404(officer_client):
    contact = ContactFactory()
    other = OrganisationFactory()
    url = reverse("organisations:contact-edit", args=[other.pk, contact.pk])
    assert officer_client.get(url).status_code == 404

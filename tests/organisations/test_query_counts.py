"""Query counts pinned on every page of the register, with enough rows for an N+1 to show.

Each signed-in staff request costs a fixed few queries before the view runs (session,
user, two-factor device); the numbers below include them.
"""

import pytest
from django.urls import reverse

from commissioning.core.roles import Role
from commissioning.organisations.services import (
    contact_update,
    organisation_merge,
    organisation_update,
)
from tests.factories import ContactFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(make_user):
    return make_user(Role.COMMISSIONING_OFFICER)


@pytest.fixture
def client_for(login, officer):
    return login(officer)


def test_list_page(client_for, django_assert_num_queries):
    for number in range(30):
        OrganisationFactory(name=f"Trust {number}", charity_number=f"{1000000 + number}")
    # The count and one page of rows.
    with django_assert_num_queries(5):
        response = client_for.get(reverse("organisations:list"), {"q": "trust", "page": 2})
    assert len(response.context["page_obj"].object_list) == 5


def test_detail_page(client_for, django_assert_num_queries):
    organisation = OrganisationFactory()
    for _ in range(6):
        ContactFactory(organisation=organisation)
    OrganisationFactory(merged_into=organisation, is_active=False)
    # The organisation (with merged_into), its contacts, the records merged into it.
    with django_assert_num_queries(6):
        response = client_for.get(reverse("organisations:detail", args=[organisation.pk]))
    assert len(response.context["contacts"]) == 6


def test_history_page(client_for, officer, django_assert_num_queries):
    organisation = OrganisationFactory()
    contacts = [ContactFactory(organisation=organisation) for _ in range(5)]
    for contact in contacts:
        contact_update(actor=officer, contact=contact, data={"job_title": "Manager"})
    organisation_update(actor=officer, organisation=organisation, data={"town": "Leicester"})
    # The organisation, its history, and every contact's history in one query.
    with django_assert_num_queries(6):
        response = client_for.get(reverse("organisations:history", args=[organisation.pk]))
    assert len(response.context["history"]) == 12


def test_merge_choose_page(client_for, django_assert_num_queries):
    keep = OrganisationFactory(name="Trust")
    for number in range(30):
        OrganisationFactory(name=f"Trust {number}")
    # The record kept, then the count and the page of candidates.
    with django_assert_num_queries(6):
        response = client_for.get(reverse("organisations:merge", args=[keep.pk]), {"q": "trust"})
    assert len(response.context["page_obj"].object_list) == 25


def test_history_page_after_a_merge(client_for, officer, django_assert_num_queries):
    keep = OrganisationFactory()
    duplicate = OrganisationFactory()
    for _ in range(4):
        ContactFactory(organisation=duplicate)
    organisation_merge(actor=officer, keep=keep, duplicate=duplicate)
    # One more than usual: the name of the record the contacts came from.
    with django_assert_num_queries(7):
        response = client_for.get(reverse("organisations:history", args=[keep.pk]))
    assert len(response.context["history"]) == 10

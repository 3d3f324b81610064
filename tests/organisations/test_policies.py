import pytest

from commissioning.core.roles import Role
from commissioning.organisations.policies import organisation_policy
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

EDITORS = [Role.ADMIN, Role.COMMISSIONING_OFFICER, Role.FINANCE_OFFICER]
READERS = [Role.ASSESSOR, Role.PANEL_MEMBER]


@pytest.mark.parametrize("role", EDITORS)
def test_editors_list_view_create_edit_and_merge(make_user, role):
    user = make_user(role)
    organisation = OrganisationFactory()
    assert organisation_policy.can_list(user)
    assert organisation_policy.can_create(user)
    assert organisation_policy.can_view(user, organisation)
    assert organisation_policy.can_edit(user, organisation)
    assert organisation_policy.can_merge(user)
    assert organisation in organisation_policy.visible(user)


@pytest.mark.parametrize("role", READERS)
def test_panel_members_and_assessors_only_read(make_user, role):
    user = make_user(role)
    organisation = OrganisationFactory()
    assert organisation_policy.can_list(user)
    assert organisation_policy.can_view(user, organisation)
    assert organisation_policy.can_view_internal(user, organisation)
    assert not organisation_policy.can_create(user)
    assert not organisation_policy.can_edit(user, organisation)
    assert not organisation_policy.can_merge(user)


def test_provider_sees_only_their_own_organisation(make_user):
    own, other = OrganisationFactory(), OrganisationFactory()
    user = make_user(Role.PROVIDER, organisation=own)
    assert list(organisation_policy.visible(user)) == [own]
    assert organisation_policy.can_view(user, own)
    assert not organisation_policy.can_view(user, other)
    assert not organisation_policy.can_list(user)
    assert not organisation_policy.can_edit(user, own)
    assert not organisation_policy.can_view_internal(user, own)


def test_csp_users_see_no_organisations(make_user):
    organisation = OrganisationFactory()
    user = make_user(Role.CSP)
    assert not organisation_policy.visible(user).exists()
    assert not organisation_policy.can_view(user, organisation)
    assert not organisation_policy.can_list(user)


def test_inactive_staff_see_nothing(make_user):
    user = make_user(Role.ADMIN, is_active=False)
    OrganisationFactory()
    assert not organisation_policy.visible(user).exists()
    assert not organisation_policy.can_create(user)


def test_a_merged_record_cannot_be_edited_even_by_an_admin(make_user):
    keep = OrganisationFactory()
    merged = OrganisationFactory(merged_into=keep, is_active=False)
    user = make_user(Role.ADMIN)
    assert organisation_policy.can_view(user, merged)
    assert not organisation_policy.can_edit(user, merged)


def test_nobody_deletes_an_organisation(make_user):
    assert not organisation_policy.can_delete(make_user(Role.ADMIN), OrganisationFactory())

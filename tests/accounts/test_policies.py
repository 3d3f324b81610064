import pytest

from commissioning.accounts.policies import USER_POLICY
from commissioning.core.roles import STAFF_ROLES, Role

pytestmark = pytest.mark.django_db


def test_admins_see_and_manage_every_user(make_user):
    admin = make_user(Role.ADMIN)
    others = [make_user(role) for role in Role]
    assert USER_POLICY.can_list(admin)
    assert USER_POLICY.can_create(admin)
    assert set(USER_POLICY.visible(admin)) == {admin, *others}
    assert all(USER_POLICY.can_edit(admin, other) for other in others)


@pytest.mark.parametrize("role", [r for r in Role if r != Role.ADMIN])
def test_non_admins_see_only_their_own_account(make_user, role):
    user = make_user(role)
    other = make_user(Role.COMMISSIONING_OFFICER)
    assert not USER_POLICY.can_list(user)
    assert not USER_POLICY.can_create(user)
    assert not USER_POLICY.visible(user).exists()
    assert USER_POLICY.can_view(user, user)
    assert not USER_POLICY.can_view(user, other)
    assert not USER_POLICY.can_edit(user, other)
    assert not USER_POLICY.can_edit(user, user)


def test_a_deactivated_admin_can_do_nothing(make_user):
    admin = make_user(Role.ADMIN, is_active=False)
    other = make_user()
    assert not USER_POLICY.can_list(admin)
    assert not USER_POLICY.visible(admin).exists()
    assert not USER_POLICY.can_view(admin, other)
    assert not USER_POLICY.can_edit(admin, other)


@pytest.mark.parametrize("role", list(Role))
def test_only_staff_need_two_factor(make_user, role):
    assert USER_POLICY.needs_two_factor(make_user(role)) == (role in STAFF_ROLES)

import pytest

from commissioning.areas.policies import (
    policing_area_policy,
    sub_area_group_policy,
    sub_area_policy,
)
from commissioning.core.roles import EDITOR_ROLES, STAFF_ROLES, Role
from tests.factories import SubAreaFactory, SubAreaGroupFactory

pytestmark = pytest.mark.django_db

ALL_ROLES = list(Role)


@pytest.fixture
def records():
    sub_area = SubAreaFactory()
    other = SubAreaFactory(area=sub_area.area)
    group = SubAreaGroupFactory(area=sub_area.area)
    return sub_area, other, group


def _user(make_user, role, sub_area):
    if role == Role.CSP:
        return make_user(role, csp_area=sub_area)
    return make_user(role)


@pytest.mark.parametrize("role", ALL_ROLES)
def test_staff_list_and_view_everything(make_user, records, role):
    sub_area, other, group = records
    user = _user(make_user, role, sub_area)
    is_staff = role in STAFF_ROLES
    assert policing_area_policy.can_list(user) is is_staff
    assert sub_area_policy.can_list(user) is is_staff
    assert sub_area_group_policy.can_list(user) is is_staff
    assert policing_area_policy.can_view(user, sub_area.area) is is_staff
    assert sub_area_policy.can_view(user, other) is is_staff
    assert sub_area_group_policy.can_view(user, group) is is_staff
    assert sub_area_policy.can_view_history(user, sub_area) is is_staff


@pytest.mark.parametrize("role", ALL_ROLES)
def test_editors_change_sub_areas_and_groups(make_user, records, role):
    sub_area, _, group = records
    user = _user(make_user, role, sub_area)
    is_editor = role in EDITOR_ROLES
    assert sub_area_policy.can_create(user) is is_editor
    assert sub_area_policy.can_edit(user, sub_area) is is_editor
    assert sub_area_group_policy.can_create(user) is is_editor
    assert sub_area_group_policy.can_edit(user, group) is is_editor


@pytest.mark.parametrize("role", ALL_ROLES)
def test_only_administrators_create_or_change_policing_areas(make_user, records, role):
    sub_area, _, _ = records
    user = _user(make_user, role, sub_area)
    assert policing_area_policy.can_create(user) is (role == Role.ADMIN)
    assert policing_area_policy.can_edit(user, sub_area.area) is (role == Role.ADMIN)


def test_csp_user_sees_only_their_own_sub_area(make_user, records):
    sub_area, other, _group = records
    user = make_user(Role.CSP, csp_area=sub_area)
    assert list(sub_area_policy.visible(user)) == [sub_area]
    assert sub_area_policy.can_view(user, sub_area)
    assert not sub_area_policy.can_view(user, other)
    assert not policing_area_policy.visible(user).exists()
    assert not sub_area_group_policy.visible(user).exists()


def test_provider_sees_nothing(make_user, records):
    user = make_user(Role.PROVIDER)
    assert not policing_area_policy.visible(user).exists()
    assert not sub_area_policy.visible(user).exists()
    assert not sub_area_group_policy.visible(user).exists()


def test_deactivated_staff_see_nothing(make_user, records):
    user = make_user(Role.ADMIN, is_active=False)
    assert not sub_area_policy.visible(user).exists()
    assert not policing_area_policy.can_create(user)

import pytest

from commissioning.core.roles import Role
from commissioning.plans.policies import plan_policy
from tests.factories import PlanFactory

pytestmark = pytest.mark.django_db

EDITORS = [Role.ADMIN, Role.COMMISSIONING_OFFICER, Role.FINANCE_OFFICER]
READERS = [Role.ASSESSOR, Role.PANEL_MEMBER]
OUTSIDERS = [Role.PROVIDER, Role.CSP]


@pytest.mark.parametrize("role", EDITORS)
def test_editors_list_view_create_edit_and_revise(make_user, role):
    user = make_user(role)
    plan = PlanFactory()
    assert plan_policy.can_list(user)
    assert plan_policy.can_create(user)
    assert plan_policy.can_view(user, plan)
    assert plan_policy.can_edit(user, plan)
    assert plan_policy.can_revise(user, plan)
    assert plan in plan_policy.visible(user)
    assert not plan_policy.hides_everything_from(user)


@pytest.mark.parametrize("role", READERS)
def test_panel_members_and_assessors_only_read(make_user, role):
    user = make_user(role)
    plan = PlanFactory()
    assert plan_policy.can_list(user)
    assert plan_policy.can_view(user, plan)
    assert plan in plan_policy.visible(user)
    assert not plan_policy.can_create(user)
    assert not plan_policy.can_edit(user, plan)
    assert not plan_policy.can_revise(user, plan)
    assert not plan_policy.hides_everything_from(user)


@pytest.mark.parametrize("role", OUTSIDERS)
def test_providers_and_csp_users_see_no_plans(make_user, role):
    user = make_user(role)
    plan = PlanFactory()
    assert not plan_policy.visible(user).exists()
    assert not plan_policy.can_list(user)
    assert not plan_policy.can_view(user, plan)
    assert not plan_policy.can_create(user)
    assert not plan_policy.can_edit(user, plan)
    assert plan_policy.hides_everything_from(user)


@pytest.mark.parametrize("role", EDITORS + READERS)
def test_nobody_deletes_a_plan(make_user, role):
    assert not plan_policy.can_delete(make_user(role), PlanFactory())


def test_inactive_staff_see_nothing(make_user):
    user = make_user(Role.ADMIN, is_active=False)
    PlanFactory()
    assert not plan_policy.visible(user).exists()
    assert not plan_policy.can_create(user)

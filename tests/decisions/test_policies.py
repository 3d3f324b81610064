"""Who may do what with decision records."""

import pytest

from commissioning.core.roles import Role
from commissioning.decisions.models import DecisionStatus
from commissioning.decisions.policies import decision_policy
from tests.decisions.factories import DecisionFactory

pytestmark = pytest.mark.django_db
D = DecisionStatus


@pytest.mark.parametrize("role", [Role.ADMIN, Role.COMMISSIONING_OFFICER, Role.FINANCE_OFFICER])
def test_editors_draft_sign_and_publish(make_user, role):
    user = make_user(role)
    draft, signed, published = (DecisionFactory(status=s) for s in (D.DRAFT, D.SIGNED, D.PUBLISHED))
    assert decision_policy.can_create(user)
    assert decision_policy.can_edit(user, draft)
    assert decision_policy.can_delete(user, draft)
    assert decision_policy.can_sign(user, draft)
    assert not decision_policy.can_sign(user, signed)
    assert decision_policy.can_publish(user, signed)
    assert not decision_policy.can_publish(user, draft)
    assert not decision_policy.can_edit(user, signed)
    assert not decision_policy.can_delete(user, published)
    assert decision_policy.visible(user).count() == 3


@pytest.mark.parametrize("role", [Role.PANEL_MEMBER, Role.ASSESSOR])
def test_panel_members_and_assessors_only_read(make_user, role):
    user = make_user(role)
    draft, signed = DecisionFactory(), DecisionFactory(status=D.SIGNED)
    assert decision_policy.can_list(user)
    assert set(decision_policy.visible(user)) == {draft, signed}
    assert not decision_policy.can_create(user)
    assert not decision_policy.can_edit(user, draft)
    assert not decision_policy.can_sign(user, draft)
    assert not decision_policy.can_publish(user, signed)
    assert not decision_policy.can_delete(user, draft)


@pytest.mark.parametrize("role", [Role.PROVIDER, Role.CSP])
def test_providers_and_csp_users_see_nothing(make_user, role):
    user = make_user(role)
    DecisionFactory(status=D.PUBLISHED)
    assert not decision_policy.can_list(user)
    assert not decision_policy.visible(user).exists()

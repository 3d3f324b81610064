"""Who may see and change Panel reports."""

import pytest

from commissioning.core.roles import Role
from commissioning.reports.models import ReportStatus
from commissioning.reports.policies import panel_report_policy

from .support import itemised_framework, report_on

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("role", "sees", "edits"),
    [
        (Role.ADMIN, True, True),
        (Role.COMMISSIONING_OFFICER, True, True),
        (Role.FINANCE_OFFICER, True, True),
        (Role.ASSESSOR, True, False),
        (Role.PANEL_MEMBER, True, False),
        (Role.PROVIDER, False, False),
        (Role.CSP, False, False),
    ],
)
def test_roles(make_user, role, sees, edits) -> None:
    user = make_user(role)
    report = report_on(itemised_framework())
    assert list(panel_report_policy.visible(user)) == ([report] if sees else [])
    assert panel_report_policy.can_list(user) is sees
    assert panel_report_policy.can_create(user) is edits
    assert panel_report_policy.can_edit(user, report) is edits
    assert panel_report_policy.can_delete(user, report) is False


def test_a_final_report_is_not_editable_until_reopened(make_user) -> None:
    officer = make_user(Role.COMMISSIONING_OFFICER)
    report = report_on(itemised_framework())
    report.status = ReportStatus.FINAL
    assert not panel_report_policy.can_edit(officer, report)
    assert panel_report_policy.can_change_status(officer, report)


def test_inactive_staff_see_nothing(make_user) -> None:
    user = make_user(Role.COMMISSIONING_OFFICER, is_active=False)
    report_on(itemised_framework())
    assert not panel_report_policy.visible(user).exists()

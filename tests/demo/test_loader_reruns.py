"""Loading the demo again changes nothing, and puts back what a visitor changed.

Kept apart from test_loader.py, whose tests share one loaded demo (tests/conftest.py,
``demo_loaded``): these need the empty database each test starts with."""

import pytest
from axes.models import AccessAttempt
from django_otp.plugins.otp_totp.models import TOTPDevice

from commissioning.accounts.models import User
from commissioning.areas.models import PolicingArea, SubArea, SubAreaGroup
from commissioning.core.roles import Role
from commissioning.demo import data
from commissioning.demo.loader import load_demo
from commissioning.organisations.models import Organisation

pytestmark = pytest.mark.django_db


def _snapshot():
    """Row counts of everything the loader touches, history included."""
    return {
        "areas": PolicingArea.objects.count(),
        "sub_areas": SubArea.objects.count(),
        "groups": SubAreaGroup.objects.count(),
        "members": SubAreaGroup.members.through.objects.count(),
        "organisations": Organisation.objects.count(),
        "users": User.objects.count(),
        "devices": TOTPDevice.objects.count(),
        "area_history": PolicingArea.history.count(),
        "sub_area_history": SubArea.history.count(),
        "group_history": SubAreaGroup.history.count(),
        "organisation_history": Organisation.history.count(),
        "user_history": User.history.count(),
    }


def test_loading_twice_changes_and_duplicates_nothing():
    first = load_demo()
    after_first = _snapshot()
    second = load_demo()
    assert _snapshot() == after_first
    assert first.changed_anything
    assert not second.changed_anything
    assert all(set(counter) == {"unchanged"} for counter in second.counts.values())
    assert after_first["users"] == len(Role)


def test_rerun_resets_a_changed_password_and_reactivates_without_duplicates():
    load_demo()
    user = User.objects.get(email="officer@demo.example")
    user.set_password("someone changed it")
    user.is_active = False
    user.save()
    summary = load_demo()
    user.refresh_from_db()
    assert user.check_password(data.DEMO_PASSWORD)
    assert user.is_active
    assert summary.passwords_reset == ["officer@demo.example"]
    assert summary.counts["users"]["updated"] == 1
    assert User.objects.filter(email="officer@demo.example").count() == 1


def test_rerun_restores_changed_demo_data():
    load_demo()
    charnwood = SubArea.objects.get(name="Charnwood Borough")
    charnwood.population = 1
    charnwood.save()
    group = SubAreaGroup.objects.get(name="Leicestershire and Rutland")
    group.members.remove(SubArea.objects.get(name="Rutland"))
    summary = load_demo()
    charnwood.refresh_from_db()
    assert charnwood.population == 179_600
    assert group.members.count() == 2
    assert summary.counts["sub-areas"]["updated"] == 1
    assert summary.counts["group memberships"]["updated"] == 1


def test_rerun_clears_a_demo_account_lock_out():
    load_demo()
    for email in ["panel@demo.example", "someone@example.org"]:
        AccessAttempt.objects.create(
            username=email,
            ip_address="127.0.0.1",
            user_agent="test",
            http_accept="*/*",
            path_info="/accounts/login/",
            get_data="",
            post_data="",
            failures_since_start=5,
        )
    load_demo()
    # Only the demo account's lock-out is lifted.
    assert list(AccessAttempt.objects.values_list("username", flat=True)) == ["someone@example.org"]

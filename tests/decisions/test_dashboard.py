"""The dashboard lists decision records still to be signed or published."""

import pytest
from django.urls import reverse

from commissioning.core.roles import Role
from commissioning.decisions.models import DecisionStatus
from tests.decisions.factories import DecisionFactory
from tests.factories import FrameworkFactory

pytestmark = pytest.mark.django_db


def test_staff_see_drafts_and_signed_records_but_not_published_ones(
    make_user, login, django_assert_num_queries
):
    for n in range(4):
        DecisionFactory(title=f"Draft {n}", framework=FrameworkFactory(title=f"Framework {n}"))
    DecisionFactory(title="Awaiting publication", status=DecisionStatus.SIGNED)
    DecisionFactory(title="Already public", status=DecisionStatus.PUBLISHED)
    client = login(make_user(Role.PANEL_MEMBER))
    with django_assert_num_queries(6):  # the same with 5 records as with 1
        html = client.get(reverse("core:dashboard")).content.decode()
    assert "Decision records to sign or publish" in html
    assert "Draft 3" in html
    assert "Framework 3" in html
    assert "Awaiting publication" in html
    assert "Already public" not in html


def test_an_empty_panel_says_so(make_user, login):
    html = login(make_user(Role.ASSESSOR)).get(reverse("core:dashboard")).content.decode()
    assert "Every decision record has been published." in html


def test_providers_see_no_decisions_panel(make_user, login):
    DecisionFactory(title="Hidden decision")
    html = login(make_user(Role.PROVIDER)).get(reverse("core:dashboard")).content.decode()
    assert "Decision records to sign or publish" not in html
    assert "Hidden decision" not in html

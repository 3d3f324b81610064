"""The dashboard shows each app's panel to the people who may see it."""

import pytest
from django.urls import reverse

from commissioning.budgets.models import FrameworkStatus
from commissioning.core.roles import Role
from tests.factories import CategoryFactory, FrameworkFactory, ServiceLineFactory

pytestmark = pytest.mark.django_db


def test_staff_see_frameworks_in_progress(make_user, login, django_assert_num_queries):
    for n in range(6):
        framework = FrameworkFactory(title=f"Framework {n}", status=FrameworkStatus.DRAFT)
        for _ in range(3):
            ServiceLineFactory(category=CategoryFactory(framework=framework))
    FrameworkFactory(title="Old one", status=FrameworkStatus.PUBLISHED)
    client = login(make_user(Role.PANEL_MEMBER))
    # Session, user and device (3), then one query for each panel: frameworks,
    # consultations, decision records.
    with django_assert_num_queries(6):
        response = client.get(reverse("core:dashboard"))
    html = response.content.decode()
    assert "Frameworks in progress" in html
    assert "Framework 5" in html
    assert "Old one" not in html
    assert "Create a framework" not in html  # Panel members read only


def test_editors_are_offered_to_create_one(make_user, login):
    html = login(make_user(Role.FINANCE_OFFICER)).get(reverse("core:dashboard")).content.decode()
    assert "No frameworks are in draft" in html
    assert "Create a framework" in html


def test_providers_see_no_frameworks_panel(make_user, login):
    FrameworkFactory(title="Hidden", status=FrameworkStatus.DRAFT)
    html = login(make_user(Role.PROVIDER)).get(reverse("core:dashboard")).content.decode()
    assert "Frameworks in progress" not in html
    assert "Hidden" not in html


def test_staff_see_consultations_in_progress(make_user, login, django_assert_num_queries):
    from datetime import timedelta

    from django.utils import timezone

    from tests.consultations.factories import ConsultationFactory

    now = timezone.now()
    for n in range(5):
        ConsultationFactory(
            title=f"Consultation {n}",
            opens_at=now - timedelta(days=1),
            closes_at=now + timedelta(days=n + 1),
        )
    ConsultationFactory(title="Done", outcome_published_at=now)
    client = login(make_user(Role.ASSESSOR))
    # Session, user and device (3), then one query for each panel: frameworks,
    # consultations, decision records.
    with django_assert_num_queries(6):
        html = client.get(reverse("core:dashboard")).content.decode()
    assert "Consultations in progress" in html
    assert "Consultation 4" in html
    assert "Done" not in html

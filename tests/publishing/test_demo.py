"""The demo's published records on the transparency site: the LLR 2016/17 refresh (seed
000's Table 1) and the 2017/18 consultation's outcome; the 2017/18 draft stays private."""

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from commissioning.budgets.models import Framework, FrameworkStatus
from commissioning.budgets.selectors import framework_totals
from commissioning.core.money import format_money

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo() -> None:
    call_command("load_demo", verbosity=0, stdout=None)


def test_the_demo_refresh_is_public_and_the_draft_is_not(client: Client, demo) -> None:
    area = client.get(reverse("publishing:area", args=["llr"])).content.decode()
    published = Framework.objects.get(area__slug="llr", status=FrameworkStatus.PUBLISHED)
    draft = Framework.objects.get(area__slug="llr", status=FrameworkStatus.CONSULTATION)
    assert published.title in area
    assert draft.title not in area
    assert "You said, we did" in area
    page = client.get(reverse("publishing:framework", args=["llr", published.pk]))
    assert page.status_code == 200
    content = page.content.decode()
    # Seed 000's Table 1: the total, in the framework's own unit.
    totals = framework_totals(framework=published, year=published.first_year)
    assert format_money(totals.grand_total, published.display_unit) in content
    assert totals.grand_total > 0
    assert client.get(reverse("publishing:framework", args=["llr", draft.pk])).status_code == 404

"""The Funding tab and funding sources: adding, changing and deleting them."""

import html
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from commissioning.budgets.models import FundingSource, FundingSourceKind, LineFunding
from commissioning.core.money import Unit
from commissioning.core.roles import Role
from commissioning.core.years import FinancialYear
from tests.factories import (
    CategoryFactory,
    FrameworkFactory,
    FundingSourceFactory,
    ServiceLineCostFactory,
    ServiceLineFactory,
)

pytestmark = pytest.mark.django_db

Y2016, Y2017 = FinancialYear(2016), FinancialYear(2017)


def text_of(response):
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())


def url(name, framework, source=None):
    args = [framework.pk] if source is None else [framework.pk, source.pk]
    return reverse(f"budgets:{name}", args=args)


@pytest.fixture
def framework():
    return FrameworkFactory(first_year=Y2016, last_year=Y2017, display_unit=Unit.POUNDS)


@pytest.fixture
def victims(framework):
    return CategoryFactory(framework=framework, name="Victims")


def fund(category, source, cost, amount):
    line = ServiceLineFactory(category=category)
    ServiceLineCostFactory(line=line, year=source.year, amount=Decimal(cost))
    return LineFunding.objects.create(line=line, source=source, amount=Decimal(amount))


def test_tab_shows_sources_by_year_with_commitments_and_totals(officer_client, framework, victims):
    moj = FundingSourceFactory(
        framework=framework,
        year=Y2017,
        name="MoJ victims' grant",
        kind=FundingSourceKind.MOJ_VICTIMS,
        amount=Decimal("1000"),
        is_ring_fenced=True,
    )
    moj.ring_fenced_categories.set([victims])
    precept = FundingSourceFactory(
        framework=framework, year=Y2017, name="Police grant and precept", amount=Decimal("5000")
    )
    legacy = FundingSourceFactory(
        framework=framework,
        year=Y2016,
        name="Community Safety Fund",
        kind=FundingSourceKind.COMMUNITY_SAFETY_LEGACY,
        amount=Decimal("300"),
    )
    fund(victims, moj, "800", "700")
    fund(victims, moj, "500", "500")  # 1,200 of 1,000: over-committed
    fund(victims, precept, "2000", "2000")  # 2,000 of 5,000: under-committed
    fund(victims, legacy, "300", "300")  # exactly

    response = officer_client.get(url("funding", framework))

    assert response.status_code == 200
    text = text_of(response)
    assert text.index("Funding sources for 2016/17") < text.index("Funding sources for 2017/18")
    assert (
        "MoJ victims' grant Ministry of Justice victims' services grant Ring-fenced Victims "
        "£1,000 £1,200 -£200 Over-committed"
    ) in text
    assert (
        "Police grant and precept Police grant and precept Any category £5,000 £2,000 £3,000"
        in (text)
    )
    assert "Under-committed" in text
    assert "Community Safety Fund Community safety legacy grant Any category £300 £300 £0" in text
    assert "Fully committed" in text
    assert "Total for 2017/18 £6,000 £3,200 £2,800" in text
    assert "Service lines' cost in 2017/18 £3,300 Not yet funded £100" in text
    content = response.content.decode()
    assert url("source-add", framework) in content
    assert url("source-edit", framework, moj) in content
    assert "govuk-tag--red" in content


def test_a_year_without_sources_says_so(officer_client, framework):
    text = text_of(officer_client.get(url("funding", framework)))
    assert "No funding sources have been added for 2016/17." in text
    assert "No funding sources have been added for 2017/18." in text


def test_tab_query_count(officer_client, framework, victims, django_assert_num_queries):
    prevention = CategoryFactory(framework=framework, name="Prevention")
    for number in range(6):
        source = FundingSourceFactory(
            framework=framework, name=f"Source {number}", is_ring_fenced=True
        )
        source.ring_fenced_categories.set([victims, prevention])
        for _ in range(3):
            fund(victims, source, "100", "50")
    # Session, user, device; the framework; sources with commitments; their categories;
    # the lines' cost per year.
    with django_assert_num_queries(7):
        response = officer_client.get(url("funding", framework))
    assert sum(len(y.sources) for y in response.context["funding_years"]) == 6


def test_panel_members_read_but_cannot_change(make_user, login, framework):
    source = FundingSourceFactory(framework=framework)
    client = login(make_user(Role.PANEL_MEMBER))
    response = client.get(url("funding", framework))
    assert response.status_code == 200
    assert url("source-edit", framework, source) not in response.content.decode()
    assert url("source-add", framework) not in response.content.decode()
    assert client.get(url("source-add", framework)).status_code == 403
    assert client.post(url("source-delete", framework, source)).status_code == 403
    assert FundingSource.objects.count() == 1


def test_providers_are_told_the_pages_do_not_exist(make_user, login, framework):
    source = FundingSourceFactory(framework=framework)
    client = login(make_user(Role.PROVIDER))
    assert client.get(url("funding", framework)).status_code == 404
    assert client.get(url("source-edit", framework, source)).status_code == 404


def test_the_ring_fence_reveals_the_category_checkboxes(officer_client, framework, victims):
    content = officer_client.get(url("source-add", framework)).content.decode()
    assert 'data-aria-controls="conditional-id_is_ring_fenced"' in content
    assert 'id="conditional-id_is_ring_fenced"' in content
    assert 'name="ring_fenced_categories"' in content
    assert "Victims" in content


def test_officer_adds_a_ring_fenced_source(officer_client, framework, victims):
    CategoryFactory(framework=framework, name="Prevention")
    response = officer_client.post(
        url("source-add", framework),
        {
            "year": "2017",
            "name": "MoJ victims' grant",
            "kind": FundingSourceKind.MOJ_VICTIMS,
            "amount": "£1,234,567.89",
            "is_ring_fenced": "on",
            "ring_fenced_categories": [victims.pk],
        },
    )
    assert response.status_code == 302
    source = FundingSource.objects.get()
    assert source.year == Y2017
    assert source.amount == Decimal("1234567.89")
    assert source.is_ring_fenced
    assert list(source.ring_fenced_categories.all()) == [victims]


def test_categories_ticked_without_the_ring_fence_are_ignored(officer_client, framework, victims):
    officer_client.post(
        url("source-add", framework),
        {
            "year": "2016",
            "name": "Precept",
            "kind": FundingSourceKind.POLICE_GRANT_PRECEPT,
            "amount": "100",
            "ring_fenced_categories": [victims.pk],
        },
    )
    source = FundingSource.objects.get()
    assert not source.is_ring_fenced
    assert not source.ring_fenced_categories.exists()


def test_a_ring_fence_needs_categories(officer_client, framework, victims):
    response = officer_client.post(
        url("source-add", framework),
        {
            "year": "2017",
            "name": "MoJ",
            "kind": FundingSourceKind.MOJ_VICTIMS,
            "amount": "100",
            "is_ring_fenced": "on",
        },
    )
    assert response.status_code == 200
    assert "Select the categories a ring-fenced source may fund" in text_of(response)
    assert not FundingSource.objects.exists()


def test_source_form_errors(officer_client, framework):
    response = officer_client.post(url("source-add", framework), {"amount": "12.345"})
    text = text_of(response)
    for message in (
        "Select the financial year",
        "Enter the source's name",
        "Select the kind of funding",
        "Enter an amount with no more than 2 decimal places",
    ):
        assert message in text, message


def test_narrowing_a_ring_fence_under_funded_lines_is_refused(officer_client, framework, victims):
    prevention = CategoryFactory(framework=framework, name="Prevention")
    source = FundingSourceFactory(framework=framework, year=Y2017, name="Grant")
    fund(prevention, source, "100", "100")
    response = officer_client.post(
        url("source-edit", framework, source),
        {
            "year": "2017",
            "name": "Grant",
            "kind": source.kind,
            "amount": "100000",
            "is_ring_fenced": "on",
            "ring_fenced_categories": [victims.pk],
        },
    )
    assert response.status_code == 200
    assert "Grant already funds" in text_of(response)
    source.refresh_from_db()
    assert not source.is_ring_fenced


def test_officer_changes_a_source(officer_client, framework, victims):
    source = FundingSourceFactory(framework=framework, year=Y2017, name="Grant")
    form = officer_client.get(url("source-edit", framework, source)).content.decode()
    assert 'value="Grant"' in form
    assert 'value="100,000.00"' in form
    officer_client.post(
        url("source-edit", framework, source),
        {"year": "2017", "name": "Police grant", "kind": source.kind, "amount": "90,000"},
    )
    source.refresh_from_db()
    assert (source.name, source.amount) == ("Police grant", Decimal("90000.00"))


def test_deleting_a_source_that_funds_lines_is_refused(officer_client, framework, victims):
    source = FundingSourceFactory(framework=framework, name="Grant")
    fund(victims, source, "100", "100")
    confirm = officer_client.get(url("source-delete", framework, source))
    assert "Grant funds 1 service line." in text_of(confirm)
    response = officer_client.post(url("source-delete", framework, source))
    assert response.status_code == 200
    assert "Grant funds lines: remove it from those lines first" in text_of(response)
    assert FundingSource.objects.exists()


def test_deleting_an_unused_source(officer_client, framework):
    source = FundingSourceFactory(framework=framework, name="Grant")
    response = officer_client.post(url("source-delete", framework, source))
    assert response.status_code == 302
    assert not FundingSource.objects.exists()

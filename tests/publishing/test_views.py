"""The transparency pages: what they show, that they are fast (pinned query counts,
no N+1), superseded versions labelled, and 404 for anything unpublished."""

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from commissioning.budgets.models import FrameworkStatus
from commissioning.core.roles import Role
from commissioning.decisions.models import DecisionStatus
from tests.publishing import data

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(make_user):
    return make_user(Role.COMMISSIONING_OFFICER)


@pytest.fixture
def llr(officer):
    """LLR: a superseded 2016/17 version, its published refresh, a decision, a
    published consultation outcome and documents."""
    place = data.area()
    old = data.framework(place, title="Commissioning Framework 2016/17", year=2016,
                         status=FrameworkStatus.SUPERSEDED)  # fmt: skip
    current = data.framework(
        place,
        title="Commissioning Framework 2016/17 refresh",
        year=2016,
        based_on=old,
        version=2,
        cost=Decimal("1500.25"),
    )
    decision = data.decision(place, title="Approve the refresh", framework=current)
    data.document("Equality Impact Assessment 2016/17", framework=current)
    data.document("Signed decision record", decision=decision)
    consultation = data.published_outcome(
        place, officer, title="Have your say 2016/17", comment="More youth work",
        response="Agreed: youth work added.",
    )  # fmt: skip
    return {"area": place, "old": old, "current": current, "decision": decision,
            "consultation": consultation}  # fmt: skip


def framework_url(framework) -> str:
    return reverse("publishing:framework", args=[framework.area.slug, framework.pk])


def test_the_index_lists_only_areas_with_something_published(client: Client, llr) -> None:
    empty = data.area(slug="durham", name="Durham")
    data.framework(empty, title="Durham draft", status=FrameworkStatus.DRAFT)
    response = client.get(reverse("publishing:index"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Leicester, Leicestershire and Rutland" in content
    assert "Durham" not in content
    assert "<title>Published information –" in content
    assert content.count("<h1") == 1
    assert 'aria-label="Breadcrumb"' in content
    assert client.get(reverse("publishing:area", args=["durham"])).status_code == 404


def test_the_area_page_lists_frameworks_decisions_consultations_documents(
    client: Client, llr
) -> None:
    content = client.get(reverse("publishing:area", args=["llr"])).content.decode()
    assert "Commissioning Framework 2016/17 refresh" in content
    assert "Superseded" in content
    assert f'href="{framework_url(llr["current"])}"' in content
    assert "Current version: Commissioning Framework 2016/17 refresh" in content
    assert llr["decision"].reference in content
    assert reverse("respond:outcome", args=[llr["consultation"].slug]) in content
    assert reverse("publishing:outcome-download",
                   args=["llr", llr["consultation"].slug, "csv"]) in content  # fmt: skip
    assert "Equality Impact Assessment 2016/17" in content
    assert "Signed decision record" in content


def test_a_superseded_version_says_so_and_links_to_the_current_one(client: Client, llr) -> None:
    content = client.get(framework_url(llr["old"])).content.decode()
    assert "This version has been superseded" in content
    assert "Read the current version: Commissioning Framework 2016/17 refresh" in content
    assert framework_url(llr["current"]) in content
    assert "(superseded)" in content.split("</title>")[0]

    current = client.get(framework_url(llr["current"])).content.decode()
    assert "This version has been superseded" not in current
    assert "(version 1, superseded)" in current  # it lists its earlier version
    assert framework_url(llr["old"]) in current


def test_the_framework_page_shows_every_table(client: Client, llr) -> None:
    response = client.get(framework_url(llr["current"]))
    content = response.content.decode()
    assert content.count("<h1") == 1
    assert "<title>Commissioning Framework 2016/17 refresh – Leicester" in content
    assert "Commissioning Framework 2016/17 refresh foreword" in content
    assert "<strong>Commissioning Framework 2016/17 refresh</strong> foreword" in content
    # Funding by theme: the chart, then its table (3 lines x £1,500.25 per category).
    assert content.index('class="app-chart"') < content.index("Funding by theme, 2016/17")
    assert "£4,500.75" in content
    # Itemised budget with sub-totals and the grand total (9 lines).
    assert "Victims sub-total" in content
    assert "£13,502.25" in content
    # Significant changes against the superseded version: +£499.75 per category.
    assert "Compared with" in content
    assert "+£1,499.25" in content
    # Funding sources, ring-fenced marked.
    assert "victims grant" in content
    assert "May only fund:" in content
    assert "Equality Impact Assessment 2016/17" in content
    assert llr["decision"].reference in content
    for table in ("funding-by-theme", "itemised-budget", "significant-changes",
                  "funding-sources"):  # fmt: skip
        url = reverse("publishing:framework-download",
                      args=["llr", llr["current"].pk, table, 2016, "csv"])  # fmt: skip
        assert url in content


def test_without_an_earlier_public_framework_there_are_no_changes(client: Client) -> None:
    place = data.area()
    draft = data.framework(place, title="Earlier DRAFT-ONLY", year=2016,
                           status=FrameworkStatus.DRAFT)  # fmt: skip
    published = data.framework(place, title="Later", year=2017)
    content = client.get(framework_url(published)).content.decode()
    assert "There is no earlier published framework" in content
    assert "DRAFT-ONLY" not in content
    assert client.get(framework_url(draft)).status_code == 404


def test_the_decision_page_shows_every_field(client: Client, llr) -> None:
    decision = llr["decision"]
    url = reverse("publishing:decision", args=["llr", decision.pk])
    content = client.get(url).content.decode()
    for text in ("Approve the refresh: the decision.", "Approve the refresh: the reasons.",
                 "Approve the refresh: the cost.", "Approve the refresh: the law.",
                 decision.reference, "1 March 2017", "Police and Crime Commissioner",
                 "Signed decision record", "Commissioning Framework 2016/17 refresh"):  # fmt: skip
        assert text in content
    assert content.count("<h1") == 1


@pytest.mark.parametrize(
    "status", [FrameworkStatus.DRAFT, FrameworkStatus.CONSULTATION, FrameworkStatus.FINAL]
)
def test_an_unpublished_framework_is_not_found(client: Client, status: str) -> None:
    place = data.area()
    data.framework(place, title="Published", year=2016)
    hidden = data.framework(place, title="Hidden", status=status)
    assert client.get(framework_url(hidden)).status_code == 404
    download = reverse("publishing:framework-download",
                       args=["llr", hidden.pk, "itemised-budget", 2017, "csv"])  # fmt: skip
    assert client.get(download).status_code == 404


@pytest.mark.parametrize("status", [DecisionStatus.DRAFT, DecisionStatus.SIGNED])
def test_an_unpublished_decision_is_not_found(client: Client, llr, status: str) -> None:
    hidden = data.decision(llr["area"], title="Hidden", status=status)
    assert client.get(reverse("publishing:decision", args=["llr", hidden.pk])).status_code == 404


def test_a_record_of_another_area_is_not_found_under_this_one(client: Client, llr) -> None:
    other = data.area(slug="durham", name="Durham")
    theirs = data.framework(other, title="Durham 2018/19", year=2018)
    url = reverse("publishing:framework", args=["llr", theirs.pk])
    assert client.get(url).status_code == 404
    assert client.get(framework_url(theirs)).status_code == 200


def test_an_unpublished_outcome_has_no_download(client: Client, llr) -> None:
    from tests.consultations.test_outcomes import closed_consultation

    closed = closed_consultation(area=llr["area"])
    url = reverse("publishing:outcome-download", args=["llr", closed.slug, "csv"])
    assert client.get(url).status_code == 404


# --- Query counts ----------------------------------------------------------------------


def _grow(llr, officer) -> None:
    """More of everything, so that an N+1 shows as a different count."""
    place = llr["area"]
    for number in range(4):
        framework = data.framework(place, title=f"Extra {number}", year=2010 + number,
                                   categories=("A", "B", "C", "D"))  # fmt: skip
        decision = data.decision(place, title=f"Extra decision {number}", framework=framework)
        data.document(f"Extra document {number}", framework=framework)
        data.document(f"Extra decision document {number}", decision=decision)
        data.published_outcome(place, officer, title=f"Extra consultation {number}",
                               comment=f"Comment {number}", response="Noted.")  # fmt: skip


def test_the_index_query_count_is_pinned(client, django_assert_num_queries, llr, officer):
    with django_assert_num_queries(1):
        client.get(reverse("publishing:index"))
    _grow(llr, officer)
    for number in range(5):
        data.framework(data.area(slug=f"area-x{number}", name=f"Area {number}"), title="X")
    with django_assert_num_queries(1):
        assert client.get(reverse("publishing:index")).status_code == 200


def test_the_area_query_count_is_pinned(client, django_assert_num_queries, llr, officer):
    url = reverse("publishing:area", args=["llr"])
    with django_assert_num_queries(5):
        client.get(url)
    _grow(llr, officer)
    with django_assert_num_queries(5):
        assert client.get(url).status_code == 200


def test_the_framework_query_count_is_pinned(client, django_assert_num_queries, llr):
    url = framework_url(llr["current"])
    with django_assert_num_queries(23):
        client.get(url)
    # More lines, categories, sources, documents and decisions: the same count.
    current = llr["current"]
    for number in range(3):
        data.document(f"More {number}", framework=current)
        data.decision(llr["area"], title=f"More {number}", framework=current)
    from tests.factories import CategoryFactory, FundingSourceFactory, ServiceLineCostFactory

    category = CategoryFactory(framework=current, name="Cross cutting", order=9)
    for _number in range(6):
        ServiceLineCostFactory(line__category=category, year=current.first_year)
    FundingSourceFactory(framework=current, name="Another source", is_ring_fenced=True)
    with django_assert_num_queries(23):
        assert client.get(url).status_code == 200


def test_the_decision_query_count_is_pinned(client, django_assert_num_queries, llr):
    url = reverse("publishing:decision", args=["llr", llr["decision"].pk])
    with django_assert_num_queries(3):
        client.get(url)
    for number in range(4):
        data.document(f"More {number}", decision=llr["decision"])
    with django_assert_num_queries(3):
        assert client.get(url).status_code == 200


def test_a_multi_year_framework_shows_the_year_asked_for(client: Client) -> None:
    from commissioning.core.years import FinancialYear
    from tests.factories import ServiceLineCostFactory

    place = data.area()
    framework = data.framework(place, title="Commissioning Framework 2016-2018", year=2016)
    framework.last_year = FinancialYear(2017)
    framework.save()
    line = framework.lines.order_by("pk").first()
    ServiceLineCostFactory(line=line, year=FinancialYear(2017), amount=Decimal("42.42"))
    url = framework_url(framework)
    first = client.get(url).content.decode()
    assert "2016/17 (shown)" in first
    assert f'href="{url}?year=2017"' in first
    second = client.get(url, {"year": "2017"}).content.decode()
    assert "2017/18 (shown)" in second
    assert "£42.42" in second
    assert "(2017/18)" in second.split("</title>")[0]
    # A year it does not cover falls back to its first.
    assert "2016/17 (shown)" in client.get(url, {"year": "2030"}).content.decode()

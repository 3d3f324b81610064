"""The public API: anonymous, read-only, paginated, published records only, CORS for
GET, and its own OpenAPI schema (the staff schema unchanged)."""

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from commissioning.budgets.models import FrameworkStatus
from commissioning.core.roles import Role
from tests.publishing import data

pytestmark = pytest.mark.django_db

JSON = "application/vnd.oai.openapi+json"


@pytest.fixture
def published(make_user):
    place = data.area()
    old = data.framework(place, title="Framework 2016/17", year=2016,
                         status=FrameworkStatus.SUPERSEDED)  # fmt: skip
    new = data.framework(place, title="Framework 2016/17 refresh", year=2016, based_on=old,
                         version=2, cost=Decimal("8683.75"))  # fmt: skip
    decision = data.decision(place, title="Approve the refresh", framework=new)
    data.document("Signed record", decision=decision)
    data.document("EIA", framework=new)
    consultation = data.published_outcome(
        place, make_user(Role.COMMISSIONING_OFFICER), title="Have your say",
        comment="More youth work", response="Agreed.",
    )  # fmt: skip
    return {"old": old, "new": new, "decision": decision, "consultation": consultation}


def test_frameworks_list_is_paginated_with_status(client: Client, published) -> None:
    url = reverse("public_api:framework-list")
    body = client.get(url, {"page_size": 1}).json()
    assert body["count"] == 2
    assert body["next"].endswith("page=2&page_size=1")
    assert body["results"][0]["title"] == "Framework 2016/17 refresh"
    assert body["results"][0]["status"] == "published"
    assert body["results"][0]["based_on"] == published["old"].pk
    second = client.get(url, {"page_size": 1, "page": 2}).json()
    assert second["results"][0]["status"] == "superseded"
    assert client.get(url, {"area": "elsewhere"}).json()["count"] == 0


def test_framework_detail_has_totals_by_category_sources_and_documents(
    client: Client, published
) -> None:
    new = published["new"]
    body = client.get(reverse("public_api:framework-detail", args=[new.pk])).json()
    assert [c["name"] for c in body["categories"]] == ["Victims", "Vulnerable", "Prevention"]
    totals = body["totals"][0]
    assert totals["year"] == "2016/17"
    assert totals["categories"][0] == {"category": body["categories"][0]["id"],
                                       "name": "Victims", "amount": "26051.25"}  # fmt: skip
    assert totals["grand_total"] == "78153.75"
    assert totals["stated_budget"] == "78153.75"
    ring_fenced = next(s for s in body["funding_sources"] if s["is_ring_fenced"])
    assert ring_fenced["amount"] == "750000.00"
    assert ring_fenced["ring_fenced_categories"] == [body["categories"][0]["id"]]
    assert [d["title"] for d in body["documents"]] == ["EIA"]
    assert body["documents"][0]["url"].startswith("http://testserver/documents/")


def test_framework_lines_have_costs_category_provider_reach_and_mechanism(
    client: Client, published, django_assert_num_queries
) -> None:
    url = reverse("public_api:framework-lines", args=[published["new"].pk])
    with django_assert_num_queries(5):
        body = client.get(url, {"page_size": 4}).json()
    assert body["count"] == 9
    line = body["results"][0]
    assert line["name"] == "Victims service 1"
    assert line["category"]["name"] == "Victims"
    assert line["costs"] == [{"year": "2016/17", "amount": "8683.75"}]
    assert line["organisation_text"] == "To be confirmed"
    assert line["reach"]["text"] == "LLR"
    assert line["mechanism"] == "direct"
    assert line["footnote"] == "*"
    with django_assert_num_queries(5):
        assert len(client.get(url, {"page_size": 9}).json()["results"]) == 9


def test_decisions_and_outcomes(client: Client, published) -> None:
    decisions = client.get(reverse("public_api:decision-list")).json()
    assert decisions["count"] == 1
    record = decisions["results"][0]
    assert record["reference"] == published["decision"].reference
    assert record["framework"] == published["new"].pk
    assert record["decision"] == "Approve the refresh: the decision."
    assert [d["title"] for d in record["documents"]] == ["Signed record"]

    outcomes = client.get(reverse("public_api:outcome-list")).json()
    assert [o["slug"] for o in outcomes["results"]] == [published["consultation"].slug]
    detail = client.get(
        reverse("public_api:outcome-detail", args=[published["consultation"].slug])
    ).json()
    assert detail["rows"] == [{"number": 1, "theme": "GENERAL", "comment": "More youth work",
                               "attribution": "", "response": "Agreed.",
                               "outcome": "agreed"}]  # fmt: skip


def test_unpublished_records_are_not_found(client: Client, published) -> None:
    place = published["new"].area
    draft = data.framework(place, title="Draft", status=FrameworkStatus.DRAFT)
    signed = data.decision(place, title="Signed only", status="signed")
    for url in (
        reverse("public_api:framework-detail", args=[draft.pk]),
        reverse("public_api:framework-lines", args=[draft.pk]),
        reverse("public_api:decision-detail", args=[signed.pk]),
    ):
        assert client.get(url).status_code == 404, url


def test_cors_allows_any_origin_to_read(client: Client, published) -> None:
    response = client.get(
        reverse("public_api:framework-list"), HTTP_ORIGIN="https://data.example.org"
    )
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    # The staff API answers no other origin.
    staff = client.get(reverse("api:framework-list"), HTTP_ORIGIN="https://data.example.org")
    assert "Access-Control-Allow-Origin" not in staff


def test_the_api_answers_json_only(client: Client, published) -> None:
    """No browsable API: a browser asking for HTML gets the JSON."""
    url = reverse("public_api:framework-detail", args=[published["new"].pk])
    response = client.get(url, HTTP_ACCEPT="text/html,application/xhtml+xml,*/*;q=0.8")
    assert response["Content-Type"] == "application/json"
    assert response.json()["id"] == published["new"].pk
    assert client.get(url, {"format": "api"}).status_code == 404


def test_writes_are_refused_even_signed_in(client: Client, published, login, make_user) -> None:
    url = reverse("public_api:framework-list")
    detail = reverse("public_api:framework-detail", args=[published["new"].pk])
    assert client.post(url, {"title": "x"}).status_code == 405
    staff = login(make_user(Role.ADMIN))
    # No session authentication: CSRF never applies, and nothing can be written.
    assert staff.post(url, {"title": "x"}).status_code == 405
    assert staff.delete(detail).status_code == 405
    assert staff.put(detail, {}, content_type="application/json").status_code == 405


def test_the_public_schema_describes_only_the_public_api(client: Client) -> None:
    response = client.get(reverse("public_api:schema"), HTTP_ACCEPT=JSON)
    assert response.status_code == 200
    schema = response.json()
    assert schema["info"]["title"] == "PCC Commissioning public API"
    paths = set(schema["paths"])
    assert {"/api/public/frameworks/", "/api/public/frameworks/{id}/",
            "/api/public/frameworks/{id}/lines/", "/api/public/decisions/",
            "/api/public/consultation-outcomes/{slug}/"} <= paths  # fmt: skip
    assert all(path.startswith("/api/public/") for path in paths)
    assert "PublicLine" in schema["components"]["schemas"]
    assert "page" in str(schema["paths"]["/api/public/frameworks/"]["get"]["parameters"])


@pytest.mark.parametrize(
    "path", ["/api/public/frameworks/", "/api/public/decisions/",
             "/api/public/consultation-outcomes/"],
)  # fmt: skip
def test_the_schema_documents_the_area_filter(client: Client, published, path: str) -> None:
    schema = client.get(reverse("public_api:schema"), HTTP_ACCEPT=JSON).json()
    names = [parameter["name"] for parameter in schema["paths"][path]["get"]["parameters"]]
    assert "area" in names
    # ... and the filter does what the schema says.
    assert client.get(path, {"area": "llr"}).json()["count"] >= 1
    assert client.get(path, {"area": "nowhere"}).json()["count"] == 0


def test_the_staff_schema_does_not_change(client: Client) -> None:
    schema = client.get(reverse("api:schema"), HTTP_ACCEPT=JSON).json()
    assert "/api/frameworks/{id}/" in schema["paths"]
    assert not [path for path in schema["paths"] if path.startswith("/api/public/")]
    assert "PublicLine" not in schema["components"]["schemas"]


def test_the_public_schema_is_valid_openapi_without_warnings() -> None:
    from drf_spectacular.drainage import GENERATOR_STATS
    from drf_spectacular.validation import validate_schema

    from commissioning.publishing.api import PublicSchemaGenerator, PublicSchemaView

    GENERATOR_STATS.reset()
    generator = PublicSchemaGenerator(urlconf=PublicSchemaView.urlconf)
    schema = generator.get_schema(request=None, public=True)
    validate_schema(schema)
    assert not GENERATOR_STATS._warn_cache, GENERATOR_STATS._warn_cache
    assert not GENERATOR_STATS._error_cache, GENERATOR_STATS._error_cache


@pytest.mark.parametrize(
    ("name", "queries"),
    [
        ("public_api:framework-list", 2),
        ("public_api:decision-list", 3),
        ("public_api:outcome-list", 2),
    ],
)
def test_list_query_counts_do_not_grow(
    client: Client, published, make_user, django_assert_num_queries, name: str, queries: int
) -> None:
    url = reverse(name)
    with django_assert_num_queries(queries):
        client.get(url)
    place = published["new"].area
    officer = make_user(Role.COMMISSIONING_OFFICER)
    for number in range(3):
        framework = data.framework(place, title=f"More {number}", year=2010 + number)
        decision = data.decision(place, title=f"More {number}", framework=framework)
        data.document(f"More {number}", decision=decision)
        data.published_outcome(place, officer, title=f"More {number}", comment="A",
                               response="B")  # fmt: skip
    with django_assert_num_queries(queries):
        assert client.get(url).json()["count"] >= 4


def test_detail_query_counts_are_pinned(client: Client, published,
                                        django_assert_num_queries) -> None:  # fmt: skip
    with django_assert_num_queries(11):
        client.get(reverse("public_api:framework-detail", args=[published["new"].pk]))
    with django_assert_num_queries(2):
        client.get(reverse("public_api:decision-detail", args=[published["decision"].pk]))


def test_the_outcome_detail_query_count_does_not_grow_with_comments(
    client: Client, published, make_user, django_assert_num_queries
) -> None:
    from commissioning.consultations.models import Outcome, PublishConsent, Theme
    from commissioning.consultations.outcomes import (
        consultation_publish_outcome,
        office_response_approve,
        office_response_create,
    )
    from tests.consultations.test_outcomes import add_comment

    consultation = published["consultation"]
    url = reverse("public_api:outcome-detail", args=[consultation.slug])
    with django_assert_num_queries(3):
        assert len(client.get(url).json()["rows"]) == 1
    officer = make_user(Role.COMMISSIONING_OFFICER)
    theme = Theme.objects.get(consultation=consultation)
    for number in range(4):
        comment = add_comment(consultation, f"Comment {number}", theme=theme,
                              consent=PublishConsent.WITH_NAME, respondent_name=f"N{number}")  # fmt: skip
        office_response_approve(actor=officer, office_response=office_response_create(
            actor=officer, consultation=consultation, comments=[comment], text="Noted.",
            outcome=Outcome.AGREED))  # fmt: skip
    consultation_publish_outcome(actor=officer, consultation=consultation)
    with django_assert_num_queries(3):
        assert len(client.get(url).json()["rows"]) == 5

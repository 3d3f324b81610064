from decimal import Decimal

import pytest
from django.urls import reverse

from commissioning.budgets.models import ReachScope
from commissioning.core.roles import Role
from commissioning.core.years import FinancialYear
from tests.factories import (
    CategoryFactory,
    FrameworkFactory,
    FundingSourceFactory,
    OrganisationFactory,
    ServiceLineCostFactory,
    ServiceLineFactory,
    SubAreaFactory,
)

pytestmark = pytest.mark.django_db
Y17 = FinancialYear(2017)


def _framework(lines_per_category=10, categories=4):
    framework = FrameworkFactory(first_year=Y17)
    framework.budgets.create(year=Y17, amount=Decimal("100000.00"))
    source = FundingSourceFactory(framework=framework)
    sub_area = SubAreaFactory(area=framework.area)
    for c in range(categories):
        category = CategoryFactory(framework=framework, order=c)
        for _ in range(lines_per_category):
            line = ServiceLineFactory(
                category=category,
                organisation=OrganisationFactory(),
                organisation_text="",
                reach_scope=ReachScope.SUB_AREAS,
            )
            line.reach_sub_areas.add(sub_area)
            ServiceLineCostFactory(line=line, year=Y17, amount=Decimal("1234.56"))
            line.funding.create(source=source, amount=Decimal("1000.00"))
    return framework


def test_detail_gives_lines_and_exact_totals_as_decimal_strings(
    make_user, login, django_assert_num_queries
):
    framework = _framework()
    client = login(make_user(Role.PANEL_MEMBER))
    url = reverse("api:framework-detail", args=[framework.pk])
    # Session, user and two-factor device (3), the framework, then one query per
    # prefetched relation, whatever the number of lines.
    with django_assert_num_queries(14):
        response = client.get(url)
    assert response.status_code == 200
    data = response.json()
    assert data["first_year"] == "2017/18"
    assert len(data["lines"]) == 40
    line = data["lines"][0]
    assert line["costs"] == [{"year": "2017/18", "amount": "1234.56"}]
    assert line["reach"]["scope"] == "sub_areas"
    assert line["organisation"]["name"].startswith("Organisation")
    totals = data["totals"][0]
    assert totals["grand_total"] == "49382.40"
    assert totals["stated_budget"] == "100000.00"
    assert totals["difference"] == "-50617.60"
    assert {c["amount"] for c in totals["categories"]} == {"12345.60"}


def test_list_is_paginated_and_filtered_by_area(make_user, login, django_assert_num_queries):
    frameworks = [FrameworkFactory() for _ in range(5)]
    client = login(make_user(Role.COMMISSIONING_OFFICER))
    with django_assert_num_queries(5):
        response = client.get(reverse("api:framework-list"))
    assert response.json()["count"] == 5
    response = client.get(reverse("api:framework-list"), {"area": frameworks[0].area.slug})
    assert [f["id"] for f in response.json()["results"]] == [frameworks[0].pk]


@pytest.mark.parametrize("role", [Role.PROVIDER, Role.CSP])
def test_external_users_see_no_frameworks(make_user, login, role):
    framework = FrameworkFactory()
    client = login(make_user(role))
    assert client.get(reverse("api:framework-list")).status_code == 403
    assert client.get(reverse("api:framework-detail", args=[framework.pk])).status_code in (
        403,
        404,
    )


def test_anonymous_requests_are_refused(client):
    framework = FrameworkFactory()
    assert client.get(reverse("api:framework-list")).status_code == 403
    assert client.get(reverse("api:framework-detail", args=[framework.pk])).status_code == 403


def test_openapi_schema_describes_the_frameworks_api(client):
    response = client.get(reverse("api:schema"), HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert "/api/frameworks/{id}/" in schema["paths"]
    detail = schema["components"]["schemas"]["FrameworkDetail"]["properties"]
    assert detail["totals"]["type"] == "array"


def test_schema_is_valid_openapi_without_warnings(tmp_path):
    from django.core.management import call_command

    # --fail-on-warn: an unannotated field or ambiguous type fails the build, not the reader.
    call_command(
        "spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yaml")
    )
    assert "FrameworkDetail" in (tmp_path / "schema.yaml").read_text()


def test_a_password_alone_does_not_open_the_api(client, make_user):
    """Basic authentication would skip two-factor: only a verified session is accepted."""
    import base64

    FrameworkFactory()
    officer = make_user(Role.COMMISSIONING_OFFICER)
    credentials = base64.b64encode(f"{officer.email}:correct horse battery".encode()).decode()
    response = client.get(reverse("api:framework-list"), HTTP_AUTHORIZATION=f"Basic {credentials}")
    assert response.status_code in (401, 403)


def test_staff_signed_in_without_their_second_factor_are_refused(client, make_user):
    FrameworkFactory()
    officer = make_user(Role.COMMISSIONING_OFFICER)
    client.force_login(officer)  # password checked, no TOTP code entered
    response = client.get(reverse("api:framework-list"), HTTP_ACCEPT="application/json")
    assert response.status_code != 200

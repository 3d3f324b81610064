"""Downloads of a published framework's tables (CSV and XLSX): the figures, exact to
the penny, formulas neutralised, sensible file names; and the outcome table."""

import csv
import io
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from commissioning.budgets.models import FrameworkStatus
from commissioning.core.roles import Role
from tests.factories import ServiceLineCostFactory
from tests.publishing import data

pytestmark = pytest.mark.django_db


@pytest.fixture
def frameworks():
    place = data.area()
    old = data.framework(
        place, title="Commissioning Framework 2016/17", year=2016, cost=Decimal("1000.00")
    )
    new = data.framework(
        place, title="Commissioning Framework 2017/18", year=2017, cost=Decimal("8683.75")
    )
    return old, new


def download(client: Client, framework, table: str, fmt: str, year: int | None = None):
    year = year or framework.first_year.start_year
    url = reverse("publishing:framework-download",
                  args=[framework.area.slug, framework.pk, table, year, fmt])  # fmt: skip
    return client.get(url)


def rows_of_csv(response) -> list[list[str]]:
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def rows_of_xlsx(response) -> list[tuple]:
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet: Any = load_workbook(io.BytesIO(response.content)).active
    return list(sheet.iter_rows(values_only=True))


def test_funding_by_theme_as_csv(client: Client, frameworks) -> None:
    _old, new = frameworks
    response = download(client, new, "funding-by-theme", "csv")
    assert response["Content-Disposition"] == (
        'attachment; filename="llr-commissioning-framework-2017-18-funding-by-theme.csv"'
    )
    rows = rows_of_csv(response)
    assert rows[0] == ["Category", "Plan priorities", "Amount (£)"]
    assert rows[1] == ["Victims", "", "26051.25"]
    assert rows[-1] == ["Total", "", "78153.75"]


def test_itemised_budget_as_xlsx_has_numbers_sub_totals_and_the_grand_total(
    client: Client, frameworks
) -> None:
    _old, new = frameworks
    response = download(client, new, "itemised-budget", "xlsx")
    assert (
        'filename="llr-commissioning-framework-2017-18-itemised-budget.xlsx"'
        in (response["Content-Disposition"])
    )
    rows = rows_of_xlsx(response)
    assert rows[0][:5] == ("Category", "Service name", "Delivery organisation", "Provision",
                           "17/18 cost (£)")  # fmt: skip
    first = rows[1]
    assert first[1] == "Victims service 1"
    assert Decimal(str(first[4])) == Decimal("8683.75")
    assert first[5] == "*"
    subtotal = next(row for row in rows if row[1] == "Victims sub-total")
    assert Decimal(str(subtotal[4])) == Decimal("26051.25")
    grand = next(row for row in rows if row[1] == "Grand total")
    assert Decimal(str(grand[4])) == Decimal("78153.75")
    assert rows[-1][1] == "* Commissioning Framework 2017/18 footnote"


def test_significant_changes_compare_with_the_previous_public_year(
    client: Client, frameworks
) -> None:
    old, new = frameworks
    rows = rows_of_csv(download(client, new, "significant-changes", "csv"))
    assert rows[0] == ["Change", "Name", "16/17 (£)", "17/18 (£)", "Difference (£)",
                       "Difference (%)", "Also changed"]  # fmt: skip
    assert ["Category", "Victims", "3000.00", "26051.25", "23051.25", "768.4", ""] in rows
    assert ["Total", "Total", "9000.00", "78153.75", "69153.75", "768.4", ""] in rows
    # Lines of separate frameworks are different services: added and removed.
    assert sum(1 for row in rows if row[0] == "Line added") == 9
    # The first framework has nothing public before it: no such download.
    assert download(client, old, "significant-changes", "csv").status_code == 404


def test_changes_ignore_an_unpublished_earlier_framework(client: Client) -> None:
    place = data.area()
    data.framework(place, title="Draft 2016/17", year=2016, status=FrameworkStatus.FINAL)
    new = data.framework(place, title="Published 2017/18", year=2017)
    assert download(client, new, "significant-changes", "xlsx").status_code == 404


def test_funding_sources_as_csv(client: Client, frameworks) -> None:
    _old, new = frameworks
    rows = rows_of_csv(download(client, new, "funding-sources", "csv"))
    assert rows[0] == ["Funding source", "Kind", "Amount (£)", "Ring-fenced", "May only fund"]
    assert [
        "Commissioning Framework 2017/18 victims grant",
        "Ministry of Justice victims' services grant",
        "750000.00",
        "Yes",
        "Victims",
    ] in rows


def test_formulas_are_neutralised(client: Client, frameworks) -> None:
    _old, new = frameworks
    line = new.lines.order_by("pk").first()
    line.name = '=HYPERLINK("http://evil.example")'
    line.save()
    rows = rows_of_csv(download(client, new, "itemised-budget", "csv"))
    assert rows[1][1] == '\'=HYPERLINK("http://evil.example")'
    workbook = load_workbook(io.BytesIO(download(client, new, "itemised-budget", "xlsx").content))
    sheet: Any = workbook.active
    cell = sheet["B2"]
    assert cell.data_type == "s"
    assert cell.value == '=HYPERLINK("http://evil.example")'


def test_a_year_the_framework_does_not_cover_is_not_found(client: Client, frameworks) -> None:
    _old, new = frameworks
    assert download(client, new, "itemised-budget", "csv", year=2019).status_code == 404


def test_a_multi_year_framework_downloads_each_year(client: Client) -> None:
    from commissioning.core.years import FinancialYear

    place = data.area()
    framework = data.framework(place, title="Commissioning Framework 2016-2018", year=2016)
    framework.last_year = FinancialYear(2017)
    framework.save()
    line = framework.lines.order_by("pk").first()
    ServiceLineCostFactory(line=line, year=FinancialYear(2017), amount=Decimal("42.42"))
    rows = rows_of_csv(download(client, framework, "itemised-budget", "csv", year=2017))
    assert rows[0][4] == "17/18 cost (£)"
    assert rows[1][4] == "42.42"
    assert rows[2][4] == ""  # no cost that year


def test_the_outcome_table_downloads(client: Client, make_user) -> None:
    place = data.area()
    consultation = data.published_outcome(
        place,
        make_user(Role.COMMISSIONING_OFFICER),
        title="Have your say",
        comment="=cmd|' /C calc'!A0",
        response="Noted.",
    )
    url = reverse("publishing:outcome-download", args=["llr", consultation.slug, "csv"])
    response = client.get(url)
    assert 'filename="have-your-say-you-said-we-did.csv"' in response["Content-Disposition"]
    rows = rows_of_csv(response)
    assert rows[0] == ["Number", "Theme", "Comment", "From", "Our response"]
    assert rows[1] == ["1", "GENERAL", "'=cmd|' /C calc'!A0", "", "Noted."]
    xlsx = client.get(reverse("publishing:outcome-download", args=["llr", consultation.slug,
                                                                   "xlsx"]))  # fmt: skip
    assert rows_of_xlsx(xlsx)[1][4] == "Noted."


@pytest.mark.parametrize(("table", "queries"), [("funding-by-theme", 7), ("itemised-budget", 8),
                                                ("significant-changes", 8),
                                                ("funding-sources", 5)])  # fmt: skip
def test_download_query_counts_do_not_grow_with_lines(
    client: Client, frameworks, django_assert_num_queries, table: str, queries: int
) -> None:
    _old, new = frameworks
    with django_assert_num_queries(queries):
        assert download(client, new, table, "csv").status_code == 200
    category = new.categories.order_by("order").first()
    for _number in range(5):
        ServiceLineCostFactory(line__category=category, year=new.first_year)
    with django_assert_num_queries(queries):
        assert download(client, new, table, "xlsx").status_code == 200


def test_the_outcome_sheet_title_is_translated(client: Client, make_user, monkeypatch) -> None:
    from commissioning.publishing.views import outcomes

    # A translation may use characters Excel forbids in a sheet's name, or be longer.
    monkeypatch.setattr(outcomes, "_", lambda text: f"Vous avez dit : nous avons fait [{text}]")
    place = data.area()
    consultation = data.published_outcome(place, make_user(Role.COMMISSIONING_OFFICER),
                                          title="Have your say", comment="A", response="B")  # fmt: skip
    url = reverse("publishing:outcome-download", args=["llr", consultation.slug, "xlsx"])
    sheet = load_workbook(io.BytesIO(client.get(url).content)).active
    assert sheet is not None
    assert sheet.title == "Vous avez dit - nous avons fait"

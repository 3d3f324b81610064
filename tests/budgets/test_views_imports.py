import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from commissioning.budgets import services
from commissioning.budgets.forms.reports import organisation_field_name
from commissioning.budgets.models import BudgetImport, BudgetImportStatus, FrameworkStatus
from commissioning.budgets.spreadsheets.importing import AS_TEXT, CREATE
from commissioning.budgets.views.exports import export_filename
from commissioning.core.roles import Role
from commissioning.organisations.identifiers import normalise_name
from commissioning.organisations.models import Organisation
from tests.budgets.reports_support import SEED_CSV, Y17, add_line, make_llr
from tests.factories import FrameworkFactory

pytestmark = pytest.mark.django_db

HEADERS = (
    "Service name,Delivery organisation,17/18 proposed costs (£),Geographical reach,Theme,"
    "Funding mechanism,Contract end date\n"
)
BROKEN = (
    HEADERS
    + 'Victim First,Catch 22,"307,849",LLR,Victims,Direct,30/09/2017\n'
    + ",Catch 22,12.345,Leicester Cty,Victims,Lottery,31/02/2017\n"
    + "Hardship fund,Catch 22,,LLR,,,\n"
).encode()
FIXED = (
    HEADERS
    + 'Victim First,Catch 22,"307,849",LLR,Victims,Direct,30/09/2017\n'
    + "Target Hardening,Catch 23,12.34,Leicester City,Victims,Grant,\n"
    + 'Hardship fund,Hope Trust,"5,000",LLR,Victims,,\n'
    + "Review,To be confirmed,100,LLR,Prevention,,\n"
).encode()


@pytest.fixture
def officer(make_user):
    return make_user(Role.COMMISSIONING_OFFICER)


@pytest.fixture
def framework(officer):
    framework = FrameworkFactory(area=make_llr(), first_year=Y17)
    add_line(framework, "Victims", "Existing service", "1000")
    return framework


def _upload(client, framework, data, name="lines.csv"):
    return client.post(
        reverse("budgets:import", args=[framework.pk]),
        {"file": SimpleUploadedFile(name, data)},
    )


def _text(response):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def _error_summary(response):
    html = response.content.decode()
    summary = html[
        html.index("govuk-error-summary__list") : html.index(
            "</ul>", html.index("govuk-error-summary__list")
        )
    ]
    return [
        re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", item)).strip()
        for item in re.findall(r"<li>(.*?)</li>", summary, re.S)
    ]


def test_upload_page_explains_the_columns_and_links_to_a_template(login, officer, framework):
    response = login(officer).get(reverse("budgets:import", args=[framework.pk]))
    text = _text(response)
    assert response.status_code == 200
    assert "Import service lines" in text
    assert "Delivery organisation “delivery organisation”, “organisation”, “provider”" in text
    assert "52,445*" in text
    assert "Importing a file replaces the 1 service line in this framework." in text
    assert reverse("budgets:export", args=[framework.pk, "xlsx"]) in response.content.decode()


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (None, None, "Select a CSV or XLSX file"),
        (b"Service name,Cost\nA,1\n", "lines.pdf", "The selected file must be a CSV or XLSX"),
        (b"", "lines.csv", "The submitted file is empty."),
        (b"Name,Provision\nA,B\n", "lines.csv", "The file must have a column for Cost"),
        (b"x" * (5 * 1024 * 1024 + 1), "big.csv", "The selected file must be smaller than 5MB"),
    ],
)
def test_upload_errors(login, officer, framework, data, name, message):
    client = login(officer)
    if data is None:
        response = client.post(reverse("budgets:import", args=[framework.pk]), {})
    else:
        response = _upload(client, framework, data, name)
    assert response.status_code == 200
    assert any(message in error for error in _error_summary(response))
    assert not BudgetImport.objects.exists()


def test_a_broken_file_imports_nothing_and_lists_every_error(login, officer, framework):
    client = login(officer)
    response = _upload(client, framework, BROKEN)
    upload = BudgetImport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("budgets:import-preview", args=[framework.pk, upload.pk])

    response = client.get(response["Location"])
    assert response.status_code == 200
    expected = [
        "Row 3, Service name: Enter the service name",
        "Row 3, 17/18 proposed costs (£): Enter an amount with no more than 2 decimal places, "
        "like £8,683.75",
        'Row 3, Geographical reach: "Leicester Cty" is not a sub-area or group of LLR '
        "(did you mean Leicester City or Leicestershire?)",
        "Row 3, Funding mechanism: Enter a funding mechanism: direct, co-commissioning, "
        "partnership place-based or grant",
        "Row 3, Contract end date: Enter a real date, like 30/09/2017",
        "Row 4, 17/18 proposed costs (£): Enter the cost",
    ]
    assert [e.replace("&quot;", '"') for e in _error_summary(response)] == expected
    text = _text(response)
    assert "Nothing has been imported. There are 6 problems in lines.csv." in text
    assert "4 17/18 proposed costs (£) Enter the cost" in text  # the table of errors
    assert "Upload the corrected file" in text
    # Confirming a broken file does nothing either.
    response = client.post(reverse("budgets:import-preview", args=[framework.pk, upload.pk]), {})
    assert response.status_code == 200
    assert list(framework.lines.values_list("name", flat=True)) == ["Existing service"]
    upload.refresh_from_db()
    assert upload.status == BudgetImportStatus.PENDING


def test_a_good_file_is_previewed_then_imported_with_organisation_choices(
    login, officer, framework
):
    client = login(officer)
    catch22 = Organisation.objects.get(name="Catch 22")
    response = _upload(client, framework, FIXED)
    preview_url = response["Location"]
    response = client.get(preview_url)

    text = _text(response)
    assert "Check the service lines before importing them" in text
    assert "This will replace the 1 service line in this framework." in text
    assert "Victims Row Service name Delivery organisation 2017/18" in text
    assert "Victims sub-total £312,861.34" in text
    assert "Total, 2017/18 £312,961.34" in text
    assert "New categories Prevention" in text
    assert "Which organisation is ‘Catch 23’?" in text
    assert "Add Hope Trust to the organisations register" in text
    assert "Keep Hope Trust as text" in text
    catch23 = organisation_field_name(normalise_name("Catch 23"))
    hope = organisation_field_name(normalise_name("Hope Trust"))

    # Every organisation needs an answer.
    response = client.post(preview_url, {catch23: str(catch22.pk)})
    assert _error_summary(response) == ["Select what to do with Hope Trust"]
    assert framework.lines.count() == 1

    response = client.post(preview_url, {catch23: str(catch22.pk), hope: CREATE})
    assert response.status_code == 302
    assert response["Location"] == reverse("budgets:lines", args=[framework.pk])
    lines = {line.name: line for line in framework.lines.select_related("organisation")}
    assert sorted(lines) == ["Hardship fund", "Review", "Target Hardening", "Victim First"]
    assert lines["Target Hardening"].organisation == catch22
    assert lines["Hardship fund"].organisation.name == "Hope Trust"
    assert lines["Review"].organisation_text == "To be confirmed"
    assert lines["Victim First"].history.first().history_user == officer
    upload = BudgetImport.objects.get()
    assert (upload.status, upload.applied_at is not None) == (BudgetImportStatus.APPLIED, True)
    response = client.get(response["Location"])
    assert "4 service lines were imported from lines.csv" in _text(response)

    # A stored upload is applied once: confirming again changes nothing.
    response = client.post(preview_url, {catch23: str(catch22.pk), hope: AS_TEXT}, follow=True)
    assert "lines.csv has already been imported" in _text(response)
    assert framework.lines.count() == 4
    assert Organisation.objects.filter(name="Hope Trust").count() == 1


def test_everything_is_checked_again_on_confirmation(login, officer, framework):
    client = login(officer)
    preview_url = _upload(client, framework, FIXED)["Location"]
    client.get(preview_url)
    # Meanwhile the framework became final: it can no longer be changed.
    services.framework_transition(actor=officer, framework=framework, to=FrameworkStatus.FINAL)
    response = client.post(preview_url, {})
    assert response.status_code == 403
    assert list(framework.lines.values_list("name", flat=True)) == ["Existing service"]


def test_a_newer_upload_replaces_an_unconfirmed_one(login, officer, framework):
    client = login(officer)
    first = _upload(client, framework, FIXED)["Location"]
    _upload(client, framework, FIXED)
    response = client.get(first, follow=True)
    assert "was replaced by a later upload" in _text(response)
    assert BudgetImport.objects.filter(status=BudgetImportStatus.DISCARDED).count() == 1


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (Role.ADMIN, 200),
        (Role.FINANCE_OFFICER, 200),
        (Role.PANEL_MEMBER, 403),
        (Role.ASSESSOR, 403),
        (Role.PROVIDER, 404),
        (Role.CSP, 404),
    ],
)
def test_who_may_import(login, make_user, framework, role, status):
    client = login(make_user(role))
    assert client.get(reverse("budgets:import", args=[framework.pk])).status_code == status
    upload = BudgetImport.objects.create(framework=framework, filename="a.csv", content=FIXED)
    url = reverse("budgets:import-preview", args=[framework.pk, upload.pk])
    assert client.get(url).status_code == status


def test_another_frameworks_upload_is_not_found(login, officer, framework):
    other = FrameworkFactory(area=framework.area)
    upload = BudgetImport.objects.create(framework=other, filename="a.csv", content=FIXED)
    url = reverse("budgets:import-preview", args=[framework.pk, upload.pk])
    assert login(officer).get(url).status_code == 404


def test_preview_query_count(login, officer, framework, django_assert_num_queries):
    client = login(officer)
    preview_url = _upload(client, framework, SEED_CSV.read_bytes(), SEED_CSV.name)["Location"]
    # Sign-in (3), the framework, the upload, and checking the file: organisations (2),
    # categories, footnotes, sub-areas, groups, existing lines; the line count (13).
    with django_assert_num_queries(13):
        response = client.get(preview_url)
    assert len(response.context["plan"].lines) == 42


# --- Export -----------------------------------------------------------------------------


def test_xlsx_export_downloads_as_an_attachment(login, make_user, framework):
    framework.title = "Commissioning Framework 2017/18"
    framework.save()
    response = login(make_user(Role.PANEL_MEMBER)).get(
        reverse("budgets:export", args=[framework.pk, "xlsx"])
    )
    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert response["Content-Disposition"] == (
        'attachment; filename="commissioning-framework-2017-18.xlsx"'
    )
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert sheet["C2"].value == "Existing service"


def test_csv_export_is_utf8_with_a_byte_order_mark(login, officer, framework):
    response = login(officer).get(reverse("budgets:export", args=[framework.pk, "csv"]))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment; filename=")
    assert response.content.startswith("\ufeffReference,Category,Service name".encode())


@pytest.mark.parametrize(
    ("title", "filename"),
    [
        ("Commissioning Framework 2017/18", "commissioning-framework-2017-18.csv"),
        ("Commissioning Framework 17/18", "commissioning-framework-17-18.csv"),
        ("Framework", "framework-2017-18.csv"),
        ('"; rm -rf /', "rm-rf-2017-18.csv"),
    ],
)
def test_export_file_names_are_safe(title, filename):
    assert export_filename(FrameworkFactory.build(title=title, first_year=Y17), "csv") == filename


@pytest.mark.parametrize("role", [Role.PROVIDER, Role.CSP])
def test_export_is_hidden_from_providers(login, make_user, framework, role):
    url = reverse("budgets:export", args=[framework.pk, "csv"])
    assert login(make_user(role)).get(url).status_code == 404


def test_export_of_an_unknown_format_is_not_found(login, officer, framework):
    assert login(officer).get(f"/frameworks/{framework.pk}/export.pdf").status_code == 404

"""The page for importing responses from a spreadsheet: editors only; every problem listed
with its row and column; success lands on the Responses tab."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from commissioning.consultations.exports import responses_table, to_xlsx
from commissioning.consultations.models import Response
from commissioning.core.roles import Role
from tests.consultations.test_response_import import Q1, Q2A, csv_file, seeded

pytestmark = pytest.mark.django_db


def url(consultation):
    return reverse("consultations:response-import", args=[consultation.pk])


def upload(data, name="responses.csv"):
    return {"file": SimpleUploadedFile(name, data)}


@pytest.fixture
def officer(make_user):
    return make_user(Role.COMMISSIONING_OFFICER)


@pytest.fixture
def consultation(officer):
    return seeded(officer)


def test_the_responses_tab_links_editors_to_the_import(login, officer, consultation):
    page = login(officer).get(reverse("consultations:responses", args=[consultation.pk]))
    assert url(consultation) in page.content.decode()


def test_the_page_lists_the_columns_in_a_pinned_number_of_queries(
    login, officer, consultation, django_assert_num_queries
):
    client = login(officer)
    with django_assert_num_queries(4):
        page = client.get(url(consultation))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Import responses from a spreadsheet" in html
    assert "Consent to publish" in html
    assert 'enctype="multipart/form-data"' in html


def test_a_good_file_is_imported_and_counted(login, officer, consultation):
    data = csv_file([[Q1, Q2A], ["Fully support", "Yes"], ["Do not support", ""]])

    page = login(officer).post(url(consultation), upload(data), follow=True)

    assert page.redirect_chain == [
        (reverse("consultations:responses", args=[consultation.pk]), 302)
    ]
    assert "Imported 2 responses" in page.content.decode()
    assert Response.objects.filter(consultation=consultation, entered_by=officer).count() == 2


def test_a_download_reimports_as_xlsx(login, officer, consultation):
    target = seeded(officer)
    data = csv_file([[Q1], ["Partially support"]])
    client = login(officer)
    client.post(url(consultation), upload(data))
    xlsx = to_xlsx(responses_table(consultation), "Responses")

    page = client.post(url(target), upload(xlsx, "responses.xlsx"), follow=True)

    assert "Imported 1 response" in page.content.decode()
    assert responses_table(target)[1][0][5:] == responses_table(consultation)[1][0][5:]


def test_problems_are_listed_by_row_and_column_and_nothing_is_written(login, officer, consultation):
    data = csv_file([[Q1, Q2A], ["Fully support", "Yes"], ["Fully supports", "Maybe"]])

    page = login(officer).post(url(consultation), upload(data))

    assert page.status_code == 200
    html = page.content.decode()
    assert "The file has 2 problems, listed below: nothing has been imported" in html
    assert "Nothing has been imported: 2 problems in responses.csv" in html
    assert "“Fully supports” is not one of the options" in html
    assert "“Maybe” is not one of the options: Yes, No" in html
    assert "Error:" in html.split("</title>")[0]
    assert not Response.objects.filter(consultation=consultation).exists()


def test_a_file_of_the_wrong_kind_is_refused_by_the_form(login, officer, consultation):
    page = login(officer).post(url(consultation), upload(b"%PDF", "responses.pdf"))
    assert "The selected file must be a CSV or XLSX" in page.content.decode()
    page = login(officer).post(url(consultation), {})
    assert "Select a CSV or XLSX file" in page.content.decode()


@pytest.mark.parametrize("role", [Role.PANEL_MEMBER, Role.ASSESSOR])
def test_read_only_staff_may_not_import(make_user, login, consultation, role):
    client = login(make_user(role))
    assert client.get(url(consultation)).status_code == 403
    data = csv_file([[Q1], ["Fully support"]])
    assert client.post(url(consultation), upload(data)).status_code == 403
    assert (
        url(consultation)
        not in client.get(
            reverse("consultations:responses", args=[consultation.pk])
        ).content.decode()
    )
    assert not Response.objects.filter(consultation=consultation).exists()


@pytest.mark.parametrize("role", [Role.PROVIDER, Role.CSP])
def test_providers_and_csp_users_find_nothing(make_user, login, consultation, role):
    client = login(make_user(role))
    assert client.get(url(consultation)).status_code == 404
    data = csv_file([[Q1], ["Fully support"]])
    assert client.post(url(consultation), upload(data)).status_code == 404
    assert not Response.objects.filter(consultation=consultation).exists()


def test_anonymous_visitors_are_sent_to_sign_in(client, consultation):
    assert client.get(url(consultation)).status_code == 302

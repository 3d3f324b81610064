"""Importing a past comment log in the browser: who may, a good file (imported in one go,
then the outcome page with the counts and any warnings), a broken one (every problem
listed, nothing written) and the form's own checks."""

import datetime as dt
import html
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from commissioning.consultations.models import (
    Comment,
    Consultation,
    ConsultationStatus,
    OfficeResponse,
    Theme,
)
from commissioning.core.roles import Role
from tests.factories import PolicingAreaFactory

pytestmark = pytest.mark.django_db

URL = reverse("consultations:comment-log-import")

GOOD = (
    "Ref,Theme,Comment,Response,Notes\n"
    "1,Victims,More support for victims of fraud,None required.\n"
    "2,Prevention,Fund youth diversion,Agreed: added to the framework.\n"
    "3,victims,Publish waiting times,\n"
)
BROKEN = (
    "Ref,Theme,Comment,Response\n"
    "1,Victims,More support for victims of fraud,None required.\n"
    "2,,Fund youth diversion,Agreed.\n"
    "3,Prevention,,Noted.\n"
    "2,Prevention,Publish waiting times,Noted.\n"
)


def content(response):
    return html.unescape(response.content.decode())


def upload(text, name="log.csv"):
    return SimpleUploadedFile(name, text.encode(), content_type="text/csv")


def post_data(area, text=GOOD, name="log.csv"):
    return {"area": area.pk, "title": "Commissioning Framework 2014/15", "file": upload(text, name)}


def nothing_written():
    return not (
        Consultation.objects.exists()
        or Theme.objects.exists()
        or Comment.objects.exists()
        or OfficeResponse.objects.exists()
    )


# --- Who may ----------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_sign_in(client):
    assert client.get(URL).status_code == 302


@pytest.mark.parametrize("role", [Role.PANEL_MEMBER, Role.ASSESSOR])
def test_staff_who_only_read_are_refused(make_user, login, role):
    area = PolicingAreaFactory()
    client = login(make_user(role))
    assert client.get(URL).status_code == 403
    assert client.post(URL, post_data(area)).status_code == 403
    assert nothing_written()


@pytest.mark.parametrize("role", [Role.PROVIDER, Role.CSP])
def test_the_page_does_not_exist_for_providers_and_csp_users(make_user, login, role):
    area = PolicingAreaFactory()
    client = login(make_user(role))
    assert client.get(URL).status_code == 404
    assert client.post(URL, post_data(area)).status_code == 404
    assert nothing_written()


def test_editors_see_the_link_on_the_list_and_panel_members_do_not(make_user, login):
    link = "Import a past comment log"
    assert link in content(
        login(make_user(Role.COMMISSIONING_OFFICER)).get(reverse("consultations:list"))
    )
    assert link not in content(
        login(make_user(Role.PANEL_MEMBER)).get(reverse("consultations:list"))
    )


def test_the_form_page_reads_a_fixed_number_of_queries(officer_client, django_assert_num_queries):
    PolicingAreaFactory.create_batch(5)
    # Session, user, two-factor device, the areas for the select.
    with django_assert_num_queries(4):
        response = officer_client.get(URL)
    assert response.status_code == 200
    page = content(response)
    assert re.search(r"<h1[^>]*>\s*Import a past comment log\s*</h1>", page)
    assert 'enctype="multipart/form-data"' in page


# --- A good file ------------------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.COMMISSIONING_OFFICER, Role.FINANCE_OFFICER, Role.ADMIN])
def test_an_editor_imports_a_good_file_in_one_go(make_user, login, role):
    area = PolicingAreaFactory()
    user = make_user(role)
    client = login(user)
    response = client.post(URL, post_data(area))
    consultation = Consultation.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("consultations:outcome", args=[consultation.pk])
    assert consultation.area == area
    assert consultation.title == "Commissioning Framework 2014/15"
    assert consultation.status == ConsultationStatus.OUTCOME_PUBLISHED
    assert list(consultation.themes.order_by("order").values_list("name", flat=True)) == [
        "Victims",
        "Prevention",
    ]
    comments = list(Comment.objects.order_by("order"))
    assert [c.reference for c in comments] == ["1", "2", "3"]
    assert all(c.themed_by == user for c in comments)
    assert OfficeResponse.objects.count() == 2
    assert consultation.history.first().history_user == user

    page = content(client.get(response["Location"]))
    assert "Imported 3 comments in 2 themes" in page
    # The warnings come with the banner, on the page it lands on.
    assert 'The column "Notes" was ignored' in page


def test_the_dates_given_are_uk_days(officer_client):
    area = PolicingAreaFactory()
    data = post_data(area) | {
        "opens_on_day": "6",
        "opens_on_month": "1",
        "opens_on_year": "2014",
        "closes_on_day": "3",
        "closes_on_month": "2",
        "closes_on_year": "2014",
    }
    assert officer_client.post(URL, data).status_code == 302
    consultation = Consultation.objects.get()
    uk = dt.timezone(dt.timedelta(0))  # GMT in January and February
    assert consultation.opens_at == dt.datetime(2014, 1, 6, 0, 0, tzinfo=uk)
    assert consultation.closes_at == dt.datetime(2014, 2, 3, 23, 59, tzinfo=uk)


def test_without_dates_it_closed_yesterday(officer_client):
    officer_client.post(URL, post_data(PolicingAreaFactory()))
    consultation = Consultation.objects.get()
    assert consultation.closes_at < timezone.now()
    assert consultation.closes_at - consultation.opens_at == dt.timedelta(days=28)


def test_an_xlsx_file_is_read(officer_client):
    from io import BytesIO

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for line in GOOD.splitlines():
        sheet.append(line.split(","))
    buffer = BytesIO()
    book.save(buffer)
    data = post_data(PolicingAreaFactory())
    data["file"] = SimpleUploadedFile("log.xlsx", buffer.getvalue())
    assert officer_client.post(URL, data).status_code == 302
    assert Comment.objects.count() == 3


# --- A broken file ----------------------------------------------------------------------


def test_a_broken_file_lists_every_problem_and_writes_nothing(officer_client):
    area = PolicingAreaFactory()
    response = officer_client.post(URL, post_data(area, BROKEN))
    assert response.status_code == 200
    assert nothing_written()
    expected = [
        "Row 3, Theme: Enter the theme",
        "Row 4, Comment: Enter the comment",
        "Row 5, Ref: Ref 2 is already used in row 3",
    ]
    assert response.context["form"].errors["file"] == expected
    page = content(response)
    summary = page.split('class="govuk-error-summary"')[1].split("</ul>")[0]
    for message in expected:
        assert message in summary
    assert 'href="#id_file"' in summary
    table = page.split('id="log-errors"')[1].split("</table>")[0]
    assert "3 problems in log.csv" in " ".join(table.split())
    body = table.split("<tbody")[1]
    rows = [
        " ".join(re.sub(r"<[^>]+>", " ", "<tr " + row).split()) for row in body.split("<tr ")[1:]
    ]
    assert rows == [
        "3 Theme Enter the theme",
        "4 Comment Enter the comment",
        "5 Ref Ref 2 is already used in row 3",
    ]
    # What was typed is kept, so only the file needs choosing again.
    assert 'value="Commissioning Framework 2014/15"' in page


def test_a_file_that_cannot_be_read_is_one_problem(officer_client):
    response = officer_client.post(URL, post_data(PolicingAreaFactory(), "Name,Age\nA,1\n"))
    assert response.status_code == 200
    assert nothing_written()
    assert len(response.context["form"].errors["file"]) == 1
    assert "Whole file" in content(response)


def test_a_closing_date_in_the_future_is_shown_against_the_date(officer_client):
    future = timezone.localdate() + dt.timedelta(days=10)
    data = post_data(PolicingAreaFactory()) | {
        "closes_on_day": future.day,
        "closes_on_month": future.month,
        "closes_on_year": future.year,
    }
    response = officer_client.post(URL, data)
    assert response.status_code == 200
    assert nothing_written()
    assert response.context["form"].errors["closes_on"] == ["The closing date must be in the past"]


# --- The form's own checks --------------------------------------------------------------


def test_the_form_asks_for_area_title_and_file(officer_client):
    response = officer_client.post(URL, {})
    errors = response.context["form"].errors
    assert errors["area"] == ["Select the area"]
    assert errors["title"] == ["Enter a title"]
    assert errors["file"] == ["Select a CSV or XLSX file"]
    assert nothing_written()


def test_only_csv_and_xlsx_files_are_taken(officer_client):
    response = officer_client.post(URL, post_data(PolicingAreaFactory(), GOOD, "log.docx"))
    assert response.context["form"].errors["file"] == ["The selected file must be a CSV or XLSX"]
    assert nothing_written()


def test_files_of_5mb_or_more_are_refused_before_reading(officer_client):
    big = GOOD + "x" * (5 * 1024 * 1024)
    response = officer_client.post(URL, post_data(PolicingAreaFactory(), big))
    assert response.context["form"].errors["file"] == ["The selected file must be smaller than 5MB"]
    assert nothing_written()

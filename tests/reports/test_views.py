"""Panel report pages: who sees what, the forms, the preview and the downloads, with
query counts pinned."""

import datetime as dt
from io import BytesIO

import docx
import pytest
from django.urls import reverse

from commissioning.consultations.models import (
    Comment,
    OfficeResponse,
    OfficeResponseStatus,
    Outcome,
    Theme,
)
from commissioning.core.roles import Role
from commissioning.reports.models import PanelReport, ReportSection, ReportStatus
from tests.factories import OrganisationFactory, ServiceLineCostFactory, ServiceLineFactory

from .support import consultation_with_outcome, eia, itemised_framework, report_on

pytestmark = pytest.mark.django_db

LIST_URL = reverse("reports:list")
CREATE_URL = reverse("reports:create")


def url(name, report, *args):
    return reverse(f"reports:{name}", args=[report.pk, *args])


def content(response):
    return response.content.decode()


@pytest.fixture
def panel_client(make_user, login):
    return login(make_user(Role.PANEL_MEMBER))


@pytest.fixture
def report():
    framework = itemised_framework()
    consultation_with_outcome(framework)
    eia(framework)
    return report_on(framework)


PAGES = ["detail", "preview", "history"]
EDIT_PAGES = ["details", "template"]


def test_anonymous_visitors_are_sent_to_sign_in(client, report) -> None:
    assert client.get(LIST_URL).status_code == 302
    assert client.get(url("detail", report)).status_code == 302
    assert client.get(url("download", report, "pdf")).status_code == 302


@pytest.mark.parametrize("role", [Role.PROVIDER, Role.CSP])
def test_provider_and_csp_users_see_no_report(make_user, login, report, role) -> None:
    client = login(make_user(role))
    assert client.get(LIST_URL).status_code == 403
    for name in PAGES:
        assert client.get(url(name, report)).status_code == 404
    assert client.get(url("download", report, "docx")).status_code == 404
    assert client.get(url("section", report, "purpose")).status_code == 404
    assert client.post(url("status", report), {"to": "final"}).status_code == 404


def test_panel_members_read_and_download_but_change_nothing(panel_client, report) -> None:
    assert panel_client.get(LIST_URL).status_code == 200
    page = panel_client.get(url("detail", report))
    assert page.status_code == 200
    assert url("section", report, "purpose") not in content(page)
    assert "Mark as final" not in content(page)
    assert panel_client.get(url("download", report, "pdf")).status_code == 200
    assert panel_client.get(CREATE_URL).status_code == 403
    for name in EDIT_PAGES:
        assert panel_client.get(url(name, report)).status_code == 403
    assert panel_client.get(url("section", report, "purpose")).status_code == 403
    response = panel_client.post(url("section", report, "purpose"), {"body": "Changed."})
    assert response.status_code == 403
    assert panel_client.post(url("status", report), {"to": "final"}).status_code == 403
    assert ReportSection.objects.get(report=report, key="purpose").body != "Changed."


def test_list_pins_its_queries(officer_client, report, django_assert_num_queries) -> None:
    for _ in range(5):
        report_on(report.framework)
    with django_assert_num_queries(5):
        response = officer_client.get(LIST_URL)
    assert response.status_code == 200
    assert content(response).count(report.subject) >= 6


def test_framework_list_shows_only_its_reports(officer_client, report) -> None:
    other = report_on(itemised_framework(), subject="Another framework's report")
    response = officer_client.get(reverse("reports:framework", args=[report.framework_id]))
    assert report.subject in content(response)
    assert other.subject not in content(response)
    assert f"{CREATE_URL}?framework={report.framework_id}" in content(response)


def test_detail_pins_its_queries(officer_client, report, django_assert_num_queries) -> None:
    with django_assert_num_queries(5):
        response = officer_client.get(url("detail", report))
    page = content(response)
    assert url("section", report, "executive_summary") in page
    assert "Download DOCX" in page


def test_preview_shows_the_whole_report_and_pins_its_queries(
    officer_client, report, django_assert_num_queries
) -> None:
    with django_assert_num_queries(16):
        response = officer_client.get(url("preview", report))
    page = content(response)
    for text in (
        "Purpose of report",
        "Table 1",
        "327,482.75",
        "Appendix A: Itemised budget",
        "Appendix B: Consultation comments and our responses",
        "Appendix C – Equality Impact Assessment",
        "Keep bids open all year.",
        "Financial",
        "Link to Police and Crime Plan",
    ):
        assert text in page, text
    assert "A draft thought." not in page


def test_preview_queries_do_not_grow_with_lines_comments_or_documents(
    officer_client, report, django_assert_num_queries
) -> None:
    framework = report.framework
    for category in framework.categories.all():
        for _ in range(3):
            line = ServiceLineFactory(
                category=category, organisation=OrganisationFactory(), organisation_text=""
            )
            ServiceLineCostFactory(line=line)
    consultation = report.consultation
    for order in range(3):
        theme = Theme.objects.create(consultation=consultation, name=f"Theme {order}", order=9)
        comment = Comment.objects.create(consultation=consultation, theme=theme, text="More.")
        published = OfficeResponse.objects.create(
            consultation=consultation,
            text="Noted.",
            outcome=Outcome.NOTED,
            status=OfficeResponseStatus.PUBLISHED,
        )
        published.comments.set([comment])
    eia(framework)
    with django_assert_num_queries(16):
        officer_client.get(url("preview", report))


def test_officer_creates_a_report_from_a_framework(officer_client) -> None:
    framework = itemised_framework()
    form = officer_client.get(f"{CREATE_URL}?framework={framework.pk}")
    assert f'<option value="{framework.pk}" selected>' in content(form)
    response = officer_client.post(
        CREATE_URL,
        {
            "framework": framework.pk,
            "panel_name": "Leicestershire Police and Crime Panel",
            "meeting_date_day": "3",
            "meeting_date_month": "2",
            "meeting_date_year": "2017",
            "meeting_time": "1:00pm",
            "implications_template": "standard",
        },
    )
    report = PanelReport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("detail", report)
    assert report.meeting_date == dt.date(2017, 2, 3)
    assert report.sections.filter(key="purpose").exclude(body="").exists()


def test_create_shows_errors(officer_client) -> None:
    response = officer_client.post(CREATE_URL, {"panel_name": ""})
    page = content(response)
    assert response.status_code == 200
    assert "Select the framework the report is about" in page
    assert "Enter the name of the panel" in page
    assert "govuk-error-summary" in page
    assert not PanelReport.objects.exists()


def test_officer_edits_a_section_and_sees_its_numbering(officer_client, report) -> None:
    page = officer_client.get(url("section", report, "recommendations"))
    assert page.status_code == 200
    # Purpose has one paragraph, so recommendations start at 2.
    assert 'value="2"' in content(page)
    response = officer_client.post(
        url("section", report, "recommendations"),
        {"body": "2. The Panel are asked to note.\r\n\r\nAnd to comment."},
    )
    assert response.status_code == 302
    assert ReportSection.objects.get(report=report, key="recommendations").body == (
        "The Panel are asked to note.\n\nAnd to comment."
    )
    again = officer_client.get(url("section", report, "recommendations"))
    assert 'value="3"' in content(again)


def test_a_section_the_template_does_not_have_is_missing(officer_client, report) -> None:
    assert officer_client.get(url("section", report, "staffing")).status_code == 404


def test_details_form_saves_and_shows_errors(officer_client, report) -> None:
    data = {
        "panel_name": "Leicestershire Police and Crime Panel",
        "meeting_date_day": "3",
        "meeting_date_month": "2",
        "meeting_date_year": "2017",
        "meeting_time": "1:00pm",
        "subject": "Commissioning Framework 2017/18",
        "report_of": "Police and Crime Commissioner",
        "consultation": report.consultation_id,
        "author_name": "Simon Down",
        "author_role": "Commissioning Manager, OPCC",
        "contact_name": "Simon Down",
        "contact_role": "",
        "contact_email": "nope",
        "contact_phone": "0116 229 8704",
    }
    bad = officer_client.post(url("details", report), data)
    assert "Enter an e-mail address in the correct format" in content(bad)
    data["contact_email"] = "Simon.Down@leics.pcc.pnn.gov.uk"
    assert officer_client.post(url("details", report), data).status_code == 302
    report.refresh_from_db()
    assert report.subject == "Commissioning Framework 2017/18"
    assert report.author_name == "Simon Down"


def test_choosing_the_durham_template(officer_client, report) -> None:
    response = officer_client.post(url("template", report), {"implications_template": "durham"})
    assert response.status_code == 302
    preview = content(officer_client.get(url("preview", report)))
    assert "Appendix 1: Risks and Implications" in preview
    assert "Children&#x27;s Act 2004" in preview


def test_marking_final_stops_editing_until_reopened(officer_client, report) -> None:
    officer_client.post(url("status", report), {"to": "final"})
    report.refresh_from_db()
    assert report.status == ReportStatus.FINAL
    assert officer_client.get(url("section", report, "purpose")).status_code == 403
    assert "Reopen as a draft" in content(officer_client.get(url("detail", report)))
    officer_client.post(url("status", report), {"to": "draft"})
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT


def test_history_lists_changes_to_details_and_paragraphs(officer_client, report) -> None:
    officer_client.post(url("section", report, "purpose"), {"body": "New purpose."})
    page = content(officer_client.get(url("history", report)))
    assert "Created from the framework" in page
    assert "Purpose of report" in page


def test_downloads_are_attachments_of_the_right_type(officer_client, report) -> None:
    response = officer_client.get(url("download", report, "docx"))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response["Content-Disposition"] == (
        'attachment; filename="draft-commissioning-framework-2017-18-2017-02-03.docx"'
    )
    document = docx.Document(BytesIO(response.content))
    assert document.core_properties.language == "en-GB"
    pdf = officer_client.get(url("download", report, "pdf"))
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")


def test_section_and_history_pages_pin_their_queries(
    officer_client, report, django_assert_num_queries
) -> None:
    for body in ("One.", "Two.", "Three."):
        officer_client.post(url("section", report, "purpose"), {"body": body})
    with django_assert_num_queries(5):
        officer_client.get(url("section", report, "purpose"))
    with django_assert_num_queries(9):
        officer_client.get(url("history", report))

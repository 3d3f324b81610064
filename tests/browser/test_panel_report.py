"""An officer writes a Police and Crime Panel report by keyboard alone, with axe-core on
every page: creates it from a framework, rewrites a paragraph, previews the report and
downloads it as a Word document."""

import io
import re
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import docx
import pytest
from playwright.sync_api import Page

from commissioning.accounts.models import User
from commissioning.budgets.models import FrameworkStatus
from commissioning.core.roles import Role
from commissioning.core.years import FinancialYear
from commissioning.reports.models import PanelReport
from tests.browser.helpers import main_heading, press_and_follow, tab_to, type_into, visit
from tests.browser.journeys import code_for_device, enter_code, sign_in
from tests.factories import (
    CategoryFactory,
    FrameworkFactory,
    PolicingAreaFactory,
    ServiceLineCostFactory,
    ServiceLineFactory,
    make_totp_device,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _submit(page: Page, text: str) -> None:
    tab_to(page, page.locator("main form button[type=submit]", has_text=text))
    press_and_follow(page, "Enter", status=200)


def _squashed(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_officer_writes_previews_and_downloads_a_panel_report(
    page: Page, make_user: Callable[..., User]
) -> None:
    area = PolicingAreaFactory.create(
        name="Leicester, Leicestershire and Rutland", short_name="LLR"
    )
    framework = FrameworkFactory.create(
        area=area,
        title="Draft Commissioning Framework 2017/18",
        first_year=FinancialYear(2017),
        status=FrameworkStatus.CONSULTATION,
    )
    for name, amount in (("Victims", "1321114.00"), ("Prevention", "1280775.75")):
        category = CategoryFactory.create(framework=framework, name=name)
        line = ServiceLineFactory.create(category=category, name=f"{name} services")
        ServiceLineCostFactory.create(line=line, amount=Decimal(amount))
    officer = make_user(Role.COMMISSIONING_OFFICER, full_name="Simon Down")
    device = make_totp_device(officer)
    sign_in(page, officer.email)
    enter_code(page, code_for_device(device))

    visit(page, "/reports/")
    assert main_heading(page) == "Police and Crime Panel reports"
    assert "No reports have been written yet" in page.locator("main").inner_text()
    tab_to(page, "Create a report")
    press_and_follow(page, "Enter", status=200)
    assert main_heading(page) == "Create a Panel report"

    # Nothing chosen first: the error page must be accessible too.
    _submit(page, "Create report")
    summary = page.locator(".govuk-error-summary").inner_text()
    assert "Select the framework the report is about" in summary

    tab_to(page, "#id_framework")
    page.keyboard.type("Draft")
    type_into(page, "#id_panel_name", "Leicestershire Police and Crime Panel")
    type_into(page, "#id_meeting_date_day", "3")
    type_into(page, "#id_meeting_date_month", "2")
    type_into(page, "#id_meeting_date_year", "2017")
    type_into(page, "#id_meeting_time", "1:00pm")
    _submit(page, "Create report")
    assert main_heading(page) == "Draft Commissioning Framework 2017/18"
    report = PanelReport.objects.get()
    assert report.panel_name == "Leicestershire Police and Crime Panel"

    # Rewrite the recommendation; the number typed is dropped, the report numbers it.
    tab_to(page, "Change recommendations")
    press_and_follow(page, "Enter", status=200)
    assert main_heading(page) == "Recommendations"
    numbered = page.locator("main .govuk-grid-column-one-third ol > li")
    assert numbered.first.get_attribute("value") == "2"
    type_into(
        page,
        "#id_body",
        "2. The Panel are recommended to note the contents of the report and contribute "
        "to the consultation.",
    )
    _submit(page, "Save paragraphs")
    assert (
        "‘Recommendations’ has been saved"
        in page.locator(".govuk-notification-banner").inner_text()
    )

    tab_to(page, "Preview the report")
    press_and_follow(page, "Enter", status=200)
    preview = _squashed(page.locator("main article").inner_text())
    assert "contribute to the consultation." in preview
    assert "Leicestershire Police and Crime Panel" in preview
    assert "Friday 3 February 2017 at 1:00pm" in preview
    table = page.locator("#table-1")
    rows = [_squashed(row) for row in table.locator("tbody tr").all_inner_texts()]
    assert rows == ["Victims 1,321,114", "Prevention 1,280,776", "Total 2,601,890"]
    assert "Appendix A: Itemised budget" in preview
    assert "2,601,889.75" in preview

    tab_to(page, "Download DOCX")
    with page.expect_download() as download_info:
        page.keyboard.press("Enter")
    download = download_info.value
    assert download.suggested_filename == "draft-commissioning-framework-2017-18-2017-02-03.docx"
    document = docx.Document(io.BytesIO(Path(download.path()).read_bytes()))
    texts = [p.text for p in document.paragraphs]
    assert (
        "2.\tThe Panel are recommended to note the contents of the report and contribute to "
        "the consultation." in texts
    )
    assert document.core_properties.language == "en-GB"

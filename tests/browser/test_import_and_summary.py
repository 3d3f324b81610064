"""An officer imports a framework's service lines from a spreadsheet and reads its
summary, by keyboard alone with axe-core on every page: a broken file first (nothing is
imported and every problem is listed), then the corrected one, choosing what to do with
the organisations the register does not have; then the Summary tab's chart and tables,
and the XLSX download."""

import io
import re
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import cast

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Page

from commissioning.accounts.models import User
from commissioning.budgets.forms.reports import organisation_field_name
from commissioning.budgets.models import Framework
from commissioning.core.roles import Role
from commissioning.organisations.identifiers import normalise_name
from commissioning.organisations.models import Organisation
from tests.browser.helpers import (
    assert_accessible,
    choose_radio,
    main_heading,
    press_and_follow,
    tab_to,
    visit,
)
from tests.browser.journeys import code_for_device, enter_code, sign_in
from tests.budgets.reports_support import Y16, Y17, add_line, make_llr
from tests.factories import FrameworkFactory, make_totp_device

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HEADERS = "Service name,Delivery organisation,17/18 proposed costs (£),Geographical reach,Theme\n"
BROKEN = (
    HEADERS
    + 'Victim First,Catch 22,"307,849",LLR,Victims\n'
    + ",Catch 22,12.345,Leicester Cty,Victims\n"
    + "Partnership Locality Fund,To be confirmed,,LLR,Cross cutting\n"
)
FIXED = (
    HEADERS
    + 'Victim First,Catch 22,"307,849",LLR,Victims\n'
    + 'Target Hardening,Catch 23,"43,636",Leicester City,Victims\n'
    + 'Hardship fund,Hope Trust,"5,000",LLR,Victims\n'
    + 'Partnership Locality Fund,To be confirmed,"500,000",LLR,Cross cutting\n'
)


def _error_summary(page: Page) -> list[str]:
    return [
        re.sub(r"\s+", " ", text).strip()
        for text in page.locator(".govuk-error-summary__list li").all_inner_texts()
        if text.strip()
    ]


def _upload(page: Page, path: Path, button: str) -> None:
    """Reach the file input with the keyboard, choose the file and send it. The operating
    system's file dialog is not part of the page, so the file is set as it would set it."""
    tab_to(page, "#id_file")
    page.locator("#id_file").set_input_files(str(path))
    tab_to(page, page.locator("main form button[type=submit]", has_text=button))
    press_and_follow(page, "Enter", status=200)


def test_officer_imports_a_spreadsheet_and_reads_the_summary(
    page: Page, make_user: Callable[..., User], tmp_path: Path
) -> None:
    officer = make_user(Role.COMMISSIONING_OFFICER)
    device = make_totp_device(officer)
    area = make_llr()
    earlier = cast(
        Framework,
        FrameworkFactory(area=area, first_year=Y16, title="Commissioning Framework 2016/17"),
    )
    add_line(earlier, "Victims", "Victim First", "300000")
    add_line(earlier, "Cross cutting", "Partnership Locality Fund", "450000")
    framework = cast(
        Framework,
        FrameworkFactory(area=area, first_year=Y17, title="Commissioning Framework 2017/18"),
    )
    broken = tmp_path / "appendix-a.csv"
    broken.write_text(BROKEN, encoding="utf-8")
    fixed = tmp_path / "appendix-a-corrected.csv"
    fixed.write_text(FIXED, encoding="utf-8")

    sign_in(page, officer.email)
    enter_code(page, code_for_device(device))
    visit(page, f"/frameworks/{framework.pk}/summary/")
    assert "This framework has no service lines yet." in page.inner_text("main")

    tab_to(page, "Import service lines from a spreadsheet")
    press_and_follow(page, "Enter", status=200)
    assert main_heading(page) == "Import service lines"

    # A broken file: nothing imported, every problem listed with its row and column.
    _upload(page, broken, "Upload and check the file")
    assert main_heading(page) == "Correct the file and upload it again"
    assert _error_summary(page) == [
        "Row 3, Service name: Enter the service name",
        "Row 3, 17/18 proposed costs (£): Enter an amount with no more than 2 decimal "
        "places, like £8,683.75",
        'Row 3, Geographical reach: "Leicester Cty" is not a sub-area or group of LLR '
        "(did you mean Leicester City or Leicestershire?)",
        "Row 4, 17/18 proposed costs (£): Enter the cost",
    ]
    assert page.title().startswith("Error:")
    assert not framework.lines.exists()

    # The corrected file, uploaded from the same page.
    _upload(page, fixed, "Upload the corrected file")
    assert main_heading(page) == "Check the service lines before importing them"
    main = page.inner_text("main")
    assert re.search(r"Victims sub-total\s+£356,485\.00", main)
    assert "This framework has no service lines yet: these will be its first." in main

    catch22 = Organisation.objects.get(name="Catch 22")
    choose_radio(page, organisation_field_name(normalise_name("Catch 23")), catch22.name)
    choose_radio(
        page,
        organisation_field_name(normalise_name("Hope Trust")),
        "Add Hope Trust to the organisations register",
    )
    tab_to(page, page.locator("main form button[type=submit]", has_text="Import 4 service lines"))
    press_and_follow(page, "Enter", status=200)
    assert "4 service lines were imported from appendix-a-corrected.csv" in page.inner_text(
        ".govuk-notification-banner"
    )
    assert framework.lines.get(name="Target Hardening").organisation == catch22
    assert Organisation.objects.filter(name="Hope Trust").exists()

    # The Summary tab: the chart (with its summary for screen readers) and its table.
    tab_to(page, page.locator(".app-sub-navigation a", has_text="Summary"))
    press_and_follow(page, "Enter", status=200)
    figures = page.locator("main figure[role=img]")
    assert figures.count() == 2
    assert (figures.first.get_attribute("aria-label") or "").startswith(
        "Bar chart of the budget by category in 2017/18. The largest is Cross cutting"
    )
    assert figures.first.locator("svg").count() == 1
    table = page.locator("table", has=page.locator("caption", has_text="Funding by theme, 2017/18"))
    rows = [re.sub(r"\s+", " ", r).strip() for r in table.locator("tbody tr").all_inner_texts()]
    assert rows == ["Victims – £356,485", "Cross cutting – £500,000", "Total £856,485"]
    comparison = page.locator(
        "table", has=page.locator("caption", has_text="Funding by theme, 2016/17 and 2017/18")
    )
    assert "Cross cutting £450,000 £500,000 +£50,000" in re.sub(
        r"\s+", " ", comparison.inner_text()
    )

    # Download the XLSX by keyboard.
    tab_to(page, "Excel spreadsheet (XLSX)")
    with page.expect_download() as download_info:
        page.keyboard.press("Enter")
    download = download_info.value
    assert download.suggested_filename == "commissioning-framework-2017-18.xlsx"
    sheet = load_workbook(io.BytesIO(Path(download.path()).read_bytes())).worksheets[0]
    names = [row[2] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert names == [
        "Victim First",
        "Target Hardening",
        "Hardship fund",
        "Partnership Locality Fund",
    ]
    costs = [row[5] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert sum(Decimal(str(c)) for c in costs) == Decimal("856485")
    assert_accessible(page)

    # Compare with last year: imported lines are new, so the same names are offered as
    # the same services; link one by keyboard.
    visit(page, f"/frameworks/{framework.pk}/compare/")
    assert "4 lines added" in page.inner_text("main")
    tab_to(page, re.compile(r"^Link them: Partnership Locality Fund$"))
    press_and_follow(page, "Enter", status=200)
    main = re.sub(r"\s+", " ", page.inner_text("main"))
    assert "Partnership Locality Fund: £450,000 → £500,000, +£50,000" in main
    assert "‘Partnership Locality Fund’ is now matched with" in page.inner_text(
        ".govuk-notification-banner"
    )

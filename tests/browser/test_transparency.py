"""A member of the public, not signed in, finds a published framework on the
transparency site by keyboard alone: the area, the framework with its chart and tables,
a CSV download, a document, and the consultation's "you said, we did" outcome. axe-core
runs on every page."""

import csv
import io
import re
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from django.urls import get_resolver
from playwright.sync_api import Page

from commissioning.accounts.models import User
from commissioning.budgets.models import FrameworkStatus
from commissioning.core.roles import Role
from tests.browser.helpers import (
    assert_accessible,
    main_heading,
    press_and_follow,
    tab_to,
    tracker_for,
    visit,
)
from tests.publishing import data

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _urls_loaded() -> None:
    """Load every URL configuration (and the views it imports) before the first visit,
    so the first page is not slowed past the timeout by importing them."""
    get_resolver().url_patterns  # noqa: B018 - evaluated for its side effect


def test_the_public_finds_a_framework_its_tables_documents_and_outcome(
    page: Page, make_user: Callable[..., User]
) -> None:
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
    data.document("Equality Impact Assessment", framework=current)
    data.decision(place, title="Approve the refresh", framework=current)
    data.published_outcome(
        place,
        make_user(Role.COMMISSIONING_OFFICER),
        title="Have your say on the refresh",
        comment="Please fund more youth work.",
        response="Agreed: youth diversion added.",
        framework=current,
    )

    visit(page, "/transparency/")
    assert main_heading(page) == "Published information"
    tab_to(page, "Leicester, Leicestershire and Rutland")
    press_and_follow(page, "Enter", status=200)
    assert main_heading(page) == "Leicester, Leicestershire and Rutland"
    assert "Superseded" in page.locator("main").inner_text()

    tab_to(page, "Commissioning Framework 2016/17 refresh")
    press_and_follow(page, "Enter", status=200)
    assert main_heading(page) == "Commissioning Framework 2016/17 refresh"
    assert page.title().startswith("Commissioning Framework 2016/17 refresh")
    # The chart, described for screen readers, then its table.
    chart = page.locator("figure[role=img]").first
    assert "The largest is" in (chart.get_attribute("aria-label") or "")
    assert chart.locator("svg.app-chart").is_visible()
    theme = page.locator("table", has=page.locator("caption", has_text="Funding by theme, 2016/17"))
    rows = [re.sub(r"\s+", " ", r).strip() for r in theme.locator("tbody tr").all_inner_texts()]
    assert rows[-1] == "Total £13,502.25"
    main = page.locator("main").inner_text()
    assert "Victims sub-total" in main
    assert "Significant changes against last year" in main
    assert "victims grant" in main

    tab_to(page, "Download funding by theme as CSV")
    with page.expect_download() as download_info:
        page.keyboard.press("Enter")
    download = download_info.value
    assert download.suggested_filename == (
        "llr-commissioning-framework-2016-17-refresh-funding-by-theme.csv"
    )
    rows_csv = list(csv.reader(io.StringIO(Path(download.path()).read_text("utf-8-sig"))))
    assert rows_csv[-1] == ["Total", "", "13502.25"]

    # The document opens in the browser's PDF viewer; then back to the framework.
    tab_to(page, "Equality Impact Assessment")
    with page.expect_navigation() as navigation:
        page.keyboard.press("Enter")
    response = navigation.value
    assert response is not None
    assert response.headers["content-type"] == "application/pdf"
    assert response.status == 200
    assert page.request.get(response.url).body().startswith(b"%PDF")
    # What loaded is the browser's own PDF viewer around our file, not a page of ours:
    # axe has nothing of ours to check there.
    tracker_for(page).mark_checked()
    page.go_back()
    assert_accessible(page)
    assert main_heading(page) == "Commissioning Framework 2016/17 refresh"

    tab_to(page, re.compile(r"^You said, we did"))
    press_and_follow(page, "Enter", status=200)
    assert main_heading(page) == "You said, we did"
    outcome = page.locator("main").inner_text()
    assert "Please fund more youth work." in outcome
    assert "Agreed: youth diversion added." in outcome


def test_a_superseded_version_is_reachable_and_points_to_the_current_one(page: Page) -> None:
    place = data.area()
    old = data.framework(place, title="Commissioning Framework 2016/17", year=2016,
                         status=FrameworkStatus.SUPERSEDED)  # fmt: skip
    current = data.framework(place, title="Commissioning Framework 2016/17 refresh", year=2016,
                             based_on=old, version=2)  # fmt: skip
    visit(page, f"/transparency/llr/frameworks/{old.pk}/")
    banner = page.locator(".govuk-notification-banner").inner_text()
    assert "This version has been superseded" in banner
    tab_to(page, re.compile(r"^Read the current version"))
    press_and_follow(page, "Enter", status=200)
    assert page.url.endswith(f"/transparency/llr/frameworks/{current.pk}/")
    decision_free = page.locator("main").inner_text()
    assert "(version 1, superseded)" in decision_free

"""An officer publishes a framework with its decision record, by keyboard alone, with
axe-core on every page: publishing is refused without a signed decision record, so they
follow the link to create one for the framework, upload its Equality Impact Assessment,
sign it, and publish the framework, which publishes the decision record with it."""

import re
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import cast

import pytest
from playwright.sync_api import Page

from commissioning.accounts.models import User
from commissioning.budgets.models import Framework, FrameworkStatus
from commissioning.core.roles import Role
from commissioning.decisions.models import Decision, DecisionStatus
from tests.browser.helpers import (
    choose_radio,
    main_heading,
    press_and_follow,
    tab_to,
    type_into,
    visit,
)
from tests.browser.journeys import code_for_device, enter_code, sign_in
from tests.documents.factories import PDF_BYTES
from tests.factories import (
    CategoryFactory,
    FrameworkFactory,
    PolicingAreaFactory,
    ServiceLineCostFactory,
    ServiceLineFactory,
    make_totp_device,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _submit(page: Page, text: str) -> None:
    tab_to(page, page.locator("main form button[type=submit]", has_text=text))
    press_and_follow(page, "Enter", status=200)


def _publish(page: Page, framework_pk: int) -> None:
    visit(page, f"/frameworks/{framework_pk}/status/")
    assert main_heading(page) == "Change the status"
    choose_radio(page, "to", "Published")
    _submit(page, "Change status")


def test_officer_signs_a_decision_with_its_eia_and_publishes_the_framework(
    page: Page, make_user: Callable[..., User], tmp_path: Path
) -> None:
    officer = make_user(Role.COMMISSIONING_OFFICER)
    device = make_totp_device(officer)
    area = PolicingAreaFactory(name="Leicester, Leicestershire and Rutland")
    framework = cast(
        Framework,
        FrameworkFactory(
            area=area, title="Commissioning Framework 2017/18", status=FrameworkStatus.FINAL
        ),
    )
    line = ServiceLineFactory(category=CategoryFactory(framework=framework))
    ServiceLineCostFactory(line=line, amount=Decimal("4668000"))
    eia = tmp_path / "EIA 2017-18.pdf"
    eia.write_bytes(PDF_BYTES)

    sign_in(page, officer.email)
    enter_code(page, code_for_device(device))

    # Publishing without a signed decision record is refused, and says what to do.
    _publish(page, framework.pk)
    assert page.title().startswith("Error:")
    summary = _squash(page.locator(".govuk-error-summary").inner_text())
    assert "only with a signed decision record for it" in summary
    tab_to(page, "Create a decision record")
    press_and_follow(page, "Enter", status=200)
    assert main_heading(page) == "Create a decision record"
    # Started from the framework: its area, title and link are filled in.
    assert page.locator("#id_title").input_value() == "Commissioning Framework 2017/18"
    assert (
        page.locator("#id_framework option:checked")
        .inner_text()
        .startswith("Commissioning Framework 2017/18")
    )

    type_into(page, "#id_reference", "PCC/2017/004")
    type_into(page, "#id_decision", "To approve the Commissioning Framework 2017/18.")
    type_into(page, "#id_reasons", "It delivers the priorities of the Police and Crime Plan.")
    tab_to(page, "#id_decided_on_day")
    page.keyboard.type("27")
    page.keyboard.press("Tab")
    page.keyboard.type("2")
    page.keyboard.press("Tab")
    page.keyboard.type("2017")
    type_into(page, "#id_decided_by", "Lord Willy Bach, Police and Crime Commissioner")
    choose_radio(page, "significant_public_interest", "Yes")
    _submit(page, "Save draft")
    decision = Decision.objects.get()
    assert page.url.endswith(f"/decisions/{decision.pk}/")
    assert main_heading(page) == "Commissioning Framework 2017/18"
    assert decision.framework == framework

    # The EIA, on the decision record's Documents tab.
    tab_to(page, page.locator(".app-sub-navigation a", has_text="Documents"))
    press_and_follow(page, "Enter", status=200)
    tab_to(page, "Upload a document")
    press_and_follow(page, "Enter", status=200)
    assert main_heading(page) == "Upload a document"
    type_into(page, "#id_title", "Equality Impact Assessment")
    choose_radio(page, "kind", "Equality Impact Assessment")
    tab_to(page, "#id_file")
    page.locator("#id_file").set_input_files(str(eia))
    _submit(page, "Upload")
    assert page.url.endswith(f"/documents/decision/{decision.pk}/")
    assert "EIA_2017-18.pdf" in page.get_by_role("table", name="Documents").inner_text()
    history = page.get_by_role("table", name="Uploads, changes and deletions, newest first")
    assert "Uploaded" in history.inner_text()
    document = decision.documents.get()
    assert document.content_type == "application/pdf"

    # Sign it, after a page that explains what signing means.
    tab_to(page, page.locator(".app-sub-navigation a", has_text="Details"))
    press_and_follow(page, "Enter", status=200)
    tab_to(page, "Sign the decision record")
    press_and_follow(page, "Enter", status=200)
    assert "cannot be changed or deleted" in page.locator("main").inner_text()
    _submit(page, "Sign the decision record")
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.SIGNED
    assert "has been signed" in page.locator(".govuk-notification-banner").inner_text()

    # Now the framework publishes, and its decision record (with its EIA) with it.
    _publish(page, framework.pk)
    assert page.url.endswith(f"/frameworks/{framework.pk}/")
    framework.refresh_from_db()
    decision.refresh_from_db()
    assert framework.status == FrameworkStatus.PUBLISHED
    assert decision.status == DecisionStatus.PUBLISHED

    # The framework's Decisions tab shows the published record.
    tab_to(page, page.locator(".app-sub-navigation a", has_text="Decisions"))
    press_and_follow(page, "Enter", status=200)
    assert "PCC/2017/004" in page.locator("main table").inner_text()
    assert "Published" in page.locator("main table").inner_text()

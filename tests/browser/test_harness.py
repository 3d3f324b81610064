"""The harness's own checks can fail: axe reports violations, Tab gives up, and a page
loaded but never checked is reported."""

import pytest
from playwright.sync_api import Page

from tests.browser.helpers import (
    assert_accessible,
    axe_violations,
    tab_to,
    tracker_for,
    visit,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_axe_runs_under_the_pages_content_security_policy(page: Page) -> None:
    response = visit(page, "/")
    assert "script-src 'self'" in (response.headers.get("content-security-policy") or "")
    assert page.evaluate("() => typeof window.axe.run") == "function"


def test_assert_accessible_fails_with_a_readable_list(page: Page) -> None:
    visit(page, "/")
    # Break the page the way a careless template would: an unlabelled field, an image
    # without alternative text.
    page.evaluate(
        """() => {
            const main = document.querySelector("main");
            main.insertAdjacentHTML("beforeend", '<input type="text" id="unlabelled">');
            main.insertAdjacentHTML("beforeend", '<img src="/static/images/favicon.svg">');
        }"""
    )
    ids = {violation["id"] for violation in axe_violations(page)}
    assert {"label", "image-alt"} <= ids
    with pytest.raises(pytest.fail.Exception) as failure:
        assert_accessible(page)
    message = str(failure.value)
    assert "image-alt" in message
    assert "#unlabelled" in message


def test_tab_to_fails_when_the_target_cannot_be_reached(page: Page) -> None:
    visit(page, "/")
    page.evaluate(
        """() => document.querySelector("main").insertAdjacentHTML(
            "beforeend", '<a href="/x" tabindex="-1" id="unreachable">Unreachable</a>')"""
    )
    with pytest.raises(pytest.fail.Exception, match="Could not reach 'Unreachable'"):
        tab_to(page, "Unreachable", max_tabs=15)
    tab_to(page, "Cookies")  # and a reachable one is found


def test_pages_loaded_but_not_checked_are_reported(page: Page) -> None:
    tracker = tracker_for(page)
    page.goto("/cookies/")
    page.goto("/privacy/")
    assert_accessible(page)
    assert tracker.unchecked() == [page.url.replace("/privacy/", "/cookies/")]
    # Mark it so that the `page` fixture itself does not fail this test.
    tracker.loads[0].checked = True


def test_only_govuk_radio_reveals_may_carry_aria_expanded(page: Page) -> None:
    visit(page, "/")
    page.evaluate(
        """() => {
            const main = document.querySelector("main");
            main.insertAdjacentHTML("beforeend", `
              <fieldset class="govuk-fieldset"><legend>Reach</legend>
                <input type="radio" name="a" id="revealing" value="1"
                       data-aria-controls="conditional-x" aria-expanded="false">
                <label for="revealing">Sub-areas</label>
                <div id="conditional-x">More</div>
                <input type="radio" name="a" id="scripted" value="3"
                       aria-controls="conditional-x" aria-expanded="true">
                <label for="scripted">Group</label>
                <input type="radio" name="a" id="stray" value="2" aria-expanded="false">
                <label for="stray">Whole area</label>
              </fieldset>`);
        }"""
    )
    violations = axe_violations(page)
    targets = [node["target"] for v in violations for node in v["nodes"]]
    assert targets == [["#stray"]]

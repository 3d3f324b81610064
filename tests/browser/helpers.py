"""Helpers for browser journeys: axe-core checks and keyboard-only navigation.

A journey moves only with the keyboard::

    visit(page, "/")                       # typing an address is fine: it is not a click
    tab_to(page, "Sign in")                # Tab until the element named "Sign in" has focus
    press_and_follow(page, "Enter")        # press a key, wait for the next page, run axe
    type_into(page, "#id_username", "a@b") # Tab to a field, then type

Every page loaded must be checked with :func:`assert_accessible` (``visit`` and
``press_and_follow`` do it for you); the ``page`` fixture fails a test that loaded a
page it never checked.
"""

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Locator, Page, Response

AXE_PATH = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.2 AA, as the accessibility statement promises.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@cache
def _axe_source() -> str:
    if not AXE_PATH.exists():
        pytest.fail(f"axe-core is missing: run `npm ci` in the project ({AXE_PATH}).")
    return AXE_PATH.read_text(encoding="utf-8")


@dataclass
class _Load:
    url: str
    checked: bool = False


@dataclass
class AxeTracker:
    """Records every document the page loads, and which of them axe has checked."""

    loads: list[_Load] = field(default_factory=list)

    @classmethod
    def attach(cls, page: Page) -> "AxeTracker":
        tracker = cls()
        # "load" fires once per new document (not for #fragment changes such as the skip link).
        page.on("load", lambda loaded: tracker.loads.append(_Load(loaded.url)))
        page._axe_tracker = tracker  # type: ignore[attr-defined]
        return tracker

    def mark_checked(self) -> None:
        if self.loads:
            self.loads[-1].checked = True

    def unchecked(self) -> list[str]:
        return [load.url for load in self.loads if not load.checked]


def tracker_for(page: Page) -> AxeTracker:
    """The tracker the ``page`` fixture attached (each page has exactly one)."""
    tracker: AxeTracker = page._axe_tracker  # type: ignore[attr-defined]
    return tracker


def _format_violations(url: str, violations: list[dict[str, Any]]) -> str:
    lines = [f"axe-core found {len(violations)} accessibility violation(s) on {url}:"]
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        lines.append(f"  {violation['helpUrl']}")
        for node in violation["nodes"][:10]:
            target = " ".join(str(part) for part in node["target"])
            lines.append(f"    at {target}")
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            if summary:
                lines.append(f"       {summary}")
    return "\n".join(lines)


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """Run axe-core on the current document and return its violations.

    axe is injected with ``page.evaluate``, which runs through the DevTools protocol
    and so is not blocked by the page's Content-Security-Policy (``script-src 'self'``),
    unlike ``add_script_tag``'s inline script.
    """
    page.wait_for_load_state("load")
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(_axe_source())
    result: list[dict[str, Any]] = page.evaluate(
        """async (tags) => {
            const results = await window.axe.run(document, {
                runOnly: {type: "tag", values: tags},
                resultTypes: ["violations"],
            });
            // GOV.UK Frontend puts aria-expanded on a radio that reveals more questions,
            // on purpose and tested with assistive technology (govuk-frontend#979); axe
            // reports it. Forgive exactly that, and nothing else.
            const govukReveal = (v, n) => {
                if (v.id !== "aria-allowed-attr") return false;
                const el = document.querySelector(n.target[0]);
                const data = [...n.any, ...n.all, ...n.none].flatMap(
                    (c) => [].concat((c.data && c.data.values) || c.data || []));
                // GOV.UK's script turns data-aria-controls into aria-controls on load.
                const revealing = 'input[type="radio"][data-aria-controls], input[type="radio"][aria-controls]';
                return el !== null && el.matches(revealing)
                    && data.length > 0 && data.every((d) => String(d).startsWith("aria-expanded="));
            };
            return results.violations
                .map((v) => ({
                    id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                    nodes: v.nodes
                        .filter((n) => !govukReveal(v, n))
                        .map((n) => ({target: n.target, failureSummary: n.failureSummary})),
                }))
                .filter((v) => v.nodes.length > 0);
        }""",
        AXE_TAGS,
    )
    return result


def assert_accessible(page: Page) -> None:
    """Fail with a readable list if axe-core finds WCAG 2.2 A/AA violations on the page."""
    violations = axe_violations(page)
    tracker: AxeTracker | None = getattr(page, "_axe_tracker", None)
    if tracker is not None:
        tracker.mark_checked()
    if violations:
        pytest.fail(_format_violations(page.url, violations), pytrace=False)


def visit(page: Page, path: str, *, status: int = 200) -> Response:
    """Go to an address (as a person typing it would), check the status and run axe."""
    response = page.goto(path)
    assert response is not None, f"No response for {path}"
    assert response.status == status, f"{path} answered {response.status}, expected {status}"
    assert_accessible(page)
    return response


# Approximates the accessible name: enough for links, buttons and labelled fields.
_FOCUS_MATCHES = """([selector, name]) => {
    const el = document.activeElement;
    if (!el || el === document.body) return [false, "body", ""];
    const squash = (s) => (s || "").replace(/\\s+/g, " ").trim();
    let accessibleName = "";
    if (el.getAttribute("aria-labelledby")) {
        accessibleName = el.getAttribute("aria-labelledby").split(" ")
            .map((id) => document.getElementById(id))
            .filter(Boolean).map((n) => n.textContent).join(" ");
    } else if (el.getAttribute("aria-label")) {
        accessibleName = el.getAttribute("aria-label");
    } else if (el.labels && el.labels.length) {
        accessibleName = Array.from(el.labels).map((l) => l.textContent).join(" ");
    } else if (el.tagName === "INPUT") {
        accessibleName = el.value;
    } else {
        accessibleName = el.textContent;
    }
    accessibleName = squash(accessibleName);
    let bySelector = false;
    if (selector) {
        try { bySelector = el.matches(selector); } catch (e) { bySelector = false; }
    }
    const tag = el.tagName.toLowerCase() + (el.id ? "#" + el.id : "");
    const describe = tag + ' "' + accessibleName + '"';
    return [bySelector || (name !== null && accessibleName === name), describe, accessibleName];
}"""


def _focused_is(page: Page, target: "str | Locator | re.Pattern[str]") -> tuple[bool, str]:
    if isinstance(target, Locator):
        described = page.evaluate(
            "() => { const el = document.activeElement;"
            " return el ? el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') : ''; }"
        )
        matched = target.evaluate_all("(els) => els.includes(document.activeElement)")
        return bool(matched), str(described)
    if isinstance(target, re.Pattern):
        _, described, name = page.evaluate(_FOCUS_MATCHES, [None, None])
        return bool(target.search(name)), described
    matched, described, _ = page.evaluate(_FOCUS_MATCHES, [target, target])
    return bool(matched), described


def tab_to(page: Page, target: "str | Locator | re.Pattern[str]", *, max_tabs: int = 60) -> None:
    """Press Tab until the focused element is ``target``, or fail.

    ``target`` is a CSS selector or an accessible name (exact, whitespace squashed),
    a regular expression searched in the accessible name, or a Playwright Locator.
    A journey that cannot reach something by Tab has found a keyboard-access bug.
    """
    seen: list[str] = []
    for _ in range(max_tabs):
        page.keyboard.press("Tab")
        matched, described = _focused_is(page, target)
        if matched:
            return
        seen.append(described)
    pytest.fail(
        f"Could not reach {target!r} with {max_tabs} presses of Tab on {page.url}.\n"
        "Focus went through:\n" + "\n".join(f"  {item}" for item in seen),
        pytrace=False,
    )


def shift_tab_to(
    page: Page, target: "str | Locator | re.Pattern[str]", *, max_tabs: int = 60
) -> None:
    """As :func:`tab_to`, moving backwards (Shift+Tab)."""
    for _ in range(max_tabs):
        page.keyboard.press("Shift+Tab")
        if _focused_is(page, target)[0]:
            return
    pytest.fail(f"Could not reach {target!r} with Shift+Tab on {page.url}.", pytrace=False)


def type_into(page: Page, target: "str | Locator | re.Pattern[str]", text: str) -> None:
    """Tab to a field and type into it (clearing what is there first)."""
    tab_to(page, target)
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    page.keyboard.type(text)


def choose_radio(page: Page, name: str, label: str, *, max_moves: int = 20) -> None:
    """Tab into a radio group (one Tab stop) and move with the arrow keys, which select as
    they go, until the radio labelled ``label`` is checked."""
    tab_to(page, f"input[type=radio][name='{name}']")
    page.keyboard.press("Space")
    for _ in range(max_moves):
        matched, _described = _focused_is(page, label)
        if matched:
            assert page.evaluate("() => document.activeElement.checked"), label
            return
        page.keyboard.press("ArrowDown")
    pytest.fail(f"No radio labelled {label!r} in the {name!r} group on {page.url}", pytrace=False)


def press_and_follow(page: Page, key: str = "Enter", *, status: int | None = None) -> None:
    """Press a key that should load a new page (follow a link, submit a form), wait for
    the page, check its status if given, and run axe on it."""
    with page.expect_navigation() as navigation:
        page.keyboard.press(key)
    response = navigation.value
    if status is not None:
        assert response is not None
        assert response.status == status, (
            f"{page.url} answered {response.status}, expected {status}"
        )
    assert_accessible(page)


def focused_text(page: Page) -> str:
    return str(page.evaluate("() => (document.activeElement || {}).textContent || ''")).strip()


def main_heading(page: Page) -> str:
    return page.locator("main h1").inner_text().strip()

"""The GOV.UK component includes in commissioning/templates/govuk/."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils.safestring import mark_safe

from tests.core.test_forms_renderer import attr, classes, find, find_all, parse, text


def render(template: str, **context):
    return parse(render_to_string(f"govuk/{template}.html", context))


# --- Pagination -------------------------------------------------------------------------------


def paginate(page_number: int, pages: int, url: str = "/frameworks/?status=draft"):
    page = Paginator(range(pages * 10), 10).page(page_number)
    request = RequestFactory().get(url)
    return render("pagination", page=page, request=request)


def page_links(root):
    return [
        text(item) if "govuk-pagination__item--ellipsis" in classes(item) else text(find(item, "a"))
        for item in find_all(root, "li", "govuk-pagination__item")
    ]


def test_pagination_in_the_middle_has_previous_next_and_ellipses():
    root = paginate(5, 10)
    nav = find(root, "nav", "govuk-pagination")
    assert attr(nav, "aria-label") == "Pagination"
    assert page_links(root) == ["1", "⋯", "4", "5", "6", "⋯", "10"]
    current = find(root, "li", "govuk-pagination__item--current")
    link = find(current, "a")
    assert attr(link, "aria-current") == "page"
    assert attr(link, "aria-label") == "Page 5"
    previous = find(find(root, "div", "govuk-pagination__prev"), "a")
    assert attr(previous, "rel") == "prev"
    assert text(previous) == "Previous page"
    next_link = find(find(root, "div", "govuk-pagination__next"), "a")
    assert attr(next_link, "rel") == "next"
    assert parse_qs(urlsplit(attr(next_link, "href")).query) == {
        "status": ["draft"],
        "page": ["6"],
    }


def test_pagination_keeps_the_other_query_parameters_on_every_link():
    root = paginate(2, 3, url="/organisations/?q=trust&sort=name&page=2")
    for link in find_all(root, "a"):
        query = parse_qs(urlsplit(attr(link, "href")).query)
        assert query["q"] == ["trust"]
        assert query["sort"] == ["name"]
    assert [
        parse_qs(urlsplit(attr(link, "href")).query)["page"] for link in find_all(root, "a")
    ] == [["1"], ["1"], ["2"], ["3"], ["3"]]


def test_first_and_last_pages_have_no_previous_or_next():
    first = paginate(1, 3)
    assert not find_all(first, "div", "govuk-pagination__prev")
    assert find_all(first, "div", "govuk-pagination__next")
    last = paginate(3, 3)
    assert find_all(last, "div", "govuk-pagination__prev")
    assert not find_all(last, "div", "govuk-pagination__next")
    assert page_links(last) == ["1", "2", "3"]


def test_a_single_page_has_no_pagination():
    assert not find_all(paginate(1, 1), "nav")


def test_pagination_landmark_label():
    page = Paginator(range(30), 10).page(1)
    root = render(
        "pagination", page=page, request=RequestFactory().get("/"), landmark_label="Results pages"
    )
    assert attr(find(root, "nav"), "aria-label") == "Results pages"


# --- Summary list -------------------------------------------------------------------------------

ROWS = [
    {
        "key": "Name",
        "value": "Leicester Victim Support",
        "actions": [{"href": "/name/", "text": "Change", "visually_hidden_text": "name"}],
    },
    {"key": "Charity number", "value": ""},
    {
        "key": "Contacts",
        "value": mark_safe('<ul class="govuk-list"><li>Ann</li></ul>'),
        "actions": [
            {"href": "/contacts/add/", "text": "Add", "visually_hidden_text": "a contact"},
            {"href": "/contacts/", "text": "Change", "visually_hidden_text": "contacts"},
        ],
    },
]


def test_summary_list_rows_keys_values_and_actions():
    root = render("summary_list", rows=ROWS)
    rows = find_all(root, "div", "govuk-summary-list__row")
    assert [text(find(row, "dt", "govuk-summary-list__key")) for row in rows] == [
        "Name",
        "Charity number",
        "Contacts",
    ]
    values = [find(row, "dd", "govuk-summary-list__value") for row in rows]
    assert text(values[0]) == "Leicester Victim Support"
    assert text(values[1]) == "Not provided"
    assert find(values[2], "ul", "govuk-list")  # HTML values are kept
    change = find(rows[0], "a")
    assert attr(change, "href") == "/name/"
    assert text(change) == "Change name"
    assert text(find(change, "span", "govuk-visually-hidden")) == "name"
    # A row without actions in a list with actions keeps the columns aligned.
    assert "govuk-summary-list__row--no-actions" in classes(rows[1])
    assert "govuk-summary-list__row--no-actions" not in classes(rows[0])
    actions = find_all(find(rows[2], "ul", "govuk-summary-list__actions-list"), "a")
    assert [text(a) for a in actions] == ["Add a contact", "Change contacts"]


def test_summary_list_without_actions_has_no_action_column():
    root = render("summary_list", rows=[{"key": "Name", "value": "A"}], empty_text="None")
    assert not find_all(root, "dd", "govuk-summary-list__actions")
    assert "govuk-summary-list__row--no-actions" not in classes(find(root, "div"))


def test_summary_card_names_the_card_in_hidden_action_text():
    root = render(
        "summary_list",
        rows=ROWS[:1],
        card_title="Lead organisation",
        card_actions=[{"href": "/remove/", "text": "Remove", "visually_hidden_text": ""}],
    )
    card = find(root, "div", "govuk-summary-card")
    assert text(find(card, "h2", "govuk-summary-card__title")) == "Lead organisation"
    assert text(find(find(card, "li", "govuk-summary-card__action"), "a")) == (
        "Remove (Lead organisation)"
    )
    row_link = find(find(card, "dd", "govuk-summary-list__actions"), "a")
    assert text(row_link) == "Change name (Lead organisation)"


def test_summary_list_row_include():
    root = parse(
        '<dl class="govuk-summary-list">'
        + render_to_string(
            "govuk/summary_list_row.html",
            {"key": "Budget", "value": 0, "href": "/budget/", "visually_hidden_text": "budget"},
        )
        + "</dl>"
    )
    assert text(find(root, "dd", "govuk-summary-list__value")) == "0"
    assert text(find(root, "a")) == "Change budget"


# --- Table -------------------------------------------------------------------------------------


def test_table_with_caption_headers_and_numeric_cells():
    root = render(
        "table",
        caption="Budget by priority",
        head=["Priority", {"text": "Amount", "format": "numeric"}],
        rows=[
            ["Victim services", {"text": "£800,000", "format": "numeric"}],
            ["Reducing reoffending", {"text": "£700,000", "format": "numeric"}],
        ],
        first_cell_is_header=True,
    )
    table = find(root, "table", "govuk-table")
    caption = find(table, "caption")
    assert classes(caption) == {"govuk-table__caption", "govuk-table__caption--m"}
    assert text(caption) == "Budget by priority"
    headers = find_all(find(table, "thead"), "th")
    assert [attr(th, "scope") for th in headers] == ["col", "col"]
    assert "govuk-table__header--numeric" in classes(headers[1])
    body_rows = find_all(find(table, "tbody"), "tr")
    row_header = find(body_rows[0], "th")
    assert (attr(row_header, "scope"), text(row_header)) == ("row", "Victim services")
    cell = find(body_rows[0], "td")
    assert classes(cell) == {"govuk-table__cell", "govuk-table__cell--numeric"}
    assert text(cell) == "£800,000"


def test_table_cells_may_be_plain_values():
    root = render("table", head=["A", "B"], rows=[[1, 0]])
    assert [text(td) for td in find_all(root, "td")] == ["1", "0"]


# --- Small components ---------------------------------------------------------------------------


def test_tag_with_colour():
    tag = find(render("tag", text="Draft", colour="grey"), "strong")
    assert classes(tag) == {"govuk-tag", "govuk-tag--grey"}
    assert text(tag) == "Draft"
    assert classes(find(render("tag", text="Live"), "strong")) == {"govuk-tag"}


@pytest.mark.parametrize(
    ("success", "role", "title"), [(True, "alert", "Success"), (False, "region", "Important")]
)
def test_notification_banner(success, role, title):
    root = render("notification_banner", heading="Framework published", success=success)
    banner = find(root, "div", "govuk-notification-banner")
    assert attr(banner, "role") == role
    assert attr(banner, "data-module") == "govuk-notification-banner"
    assert ("govuk-notification-banner--success" in classes(banner)) is success
    heading = find(banner, "h2", "govuk-notification-banner__title")
    assert attr(banner, "aria-labelledby") == attr(heading, "id")
    assert text(heading) == title
    assert text(find(banner, "p", "govuk-notification-banner__heading")) == "Framework published"


def test_task_list():
    root = render(
        "task_list",
        items=[
            {"title": "Priorities", "href": "/priorities/", "status": "Completed"},
            {
                "title": "Budget",
                "href": "/budget/",
                "hint": "Split by priority",
                "status": "Incomplete",
                "status_colour": "blue",
            },
            {"title": "Publish", "status": "Cannot start yet", "cannot_start_yet": True},
        ],
    )
    items = find_all(root, "li", "govuk-task-list__item")
    assert "govuk-task-list__item--with-link" in classes(items[0])
    link = find(items[1], "a", "govuk-task-list__link")
    assert attr(link, "aria-describedby") == "task-list-2-hint task-list-2-status"
    assert text(find(items[1], "div", id="task-list-2-hint")) == "Split by priority"
    assert classes(find(items[1], "strong")) == {"govuk-tag", "govuk-tag--blue"}
    assert not find_all(items[2], "a")
    assert "govuk-task-list__status--cannot-start-yet" in classes(
        find(items[2], "div", id="task-list-3-status")
    )


def test_back_link():
    link = find(render("back_link", href="/frameworks/"), "a")
    assert (attr(link, "href"), classes(link), text(link)) == (
        "/frameworks/",
        {"govuk-back-link"},
        "Back",
    )


def test_breadcrumbs_take_pairs_or_dicts_and_mark_the_current_page():
    root = render(
        "breadcrumbs",
        items=[("Home", "/"), {"text": "Frameworks", "href": "/frameworks/"}, ("2025 to 2026", "")],
    )
    nav = find(root, "nav", "govuk-breadcrumbs")
    assert attr(nav, "aria-label") == "Breadcrumb"
    items = find_all(nav, "li", "govuk-breadcrumbs__list-item")
    assert [attr(find(item, "a"), "href") for item in items[:2]] == ["/", "/frameworks/"]
    assert text(items[1]) == "Frameworks"
    assert attr(items[2], "aria-current") == "page"
    assert text(items[2]) == "2025 to 2026"
    assert not find_all(items[2], "a")


def test_inset_warning_and_details():
    assert text(find(render("inset_text", text="Figures are provisional"), "div")) == (
        "Figures are provisional"
    )
    warning = find(
        render("warning_text", text="This cannot be undone"), "div", "govuk-warning-text"
    )
    assert text(find(warning, "strong")) == "Warning This cannot be undone"
    assert attr(find(warning, "span", "govuk-warning-text__icon"), "aria-hidden") == "true"
    details = find(render("details", summary="Help", text="Call us", open=True), "details")
    assert attr(details, "open") is True
    assert text(find(details, "span", "govuk-details__summary-text")) == "Help"
    assert text(find(details, "div", "govuk-details__text")) == "Call us"


def test_buttons():
    button = find(
        render("button", text="Delete", variant="warning", prevent_double_click=True), "button"
    )
    assert classes(button) == {"govuk-button", "govuk-button--warning"}
    assert attr(button, "type") == "submit"
    assert attr(button, "data-module") == "govuk-button"
    assert attr(button, "data-prevent-double-click") == "true"
    secondary = find(
        render("button", text="Save as draft", variant="secondary", name="draft", value="1"),
        "button",
    )
    assert classes(secondary) == {"govuk-button", "govuk-button--secondary"}
    assert (attr(secondary, "name"), attr(secondary, "value")) == ("draft", "1")
    link = find(render("button", text="Start now", href="/start/", start=True), "a")
    assert attr(link, "role") == "button"
    assert "govuk-button--start" in classes(link)
    assert text(link) == "Start now"


def test_confirmation_panel():
    panel = find(
        render("panel", title="Framework published", text="Reference FW-12"), "div", "govuk-panel"
    )
    assert classes(panel) == {"govuk-panel", "govuk-panel--confirmation"}
    assert text(find(panel, "h1", "govuk-panel__title")) == "Framework published"
    assert text(find(panel, "div", "govuk-panel__body")) == "Reference FW-12"
    assert find_all(render("panel", title="Done", heading_level=2), "h2")

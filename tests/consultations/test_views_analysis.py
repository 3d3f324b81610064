"""The analysis pages: who may see and change them, what they show, pinned query counts."""

import itertools
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from commissioning.consultations.models import (
    Comment,
    QuestionKind,
    RespondentType,
    Theme,
    ThemeSuggestion,
)
from commissioning.core.roles import Role
from tests.consultations.test_analysis import add_question, closed_consultation, comment, respond

pytestmark = pytest.mark.django_db


def _url(name, *args):
    return reverse(f"consultations:{name}", args=args)


def _text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


@pytest.fixture
def consultation():
    return closed_consultation()


# --- Who may do what ---------------------------------------------------------------------


@pytest.mark.parametrize("name", ["analysis", "comments", "themes"])
def test_providers_and_csp_users_get_404_and_the_public_signs_in(
    client, make_user, login, consultation, name
):
    url = _url(name, consultation.pk)
    assert client.get(url).status_code == 302
    for role in (Role.PROVIDER, Role.CSP):
        assert login(make_user(role)).get(url).status_code == 404


def test_panel_members_read_but_cannot_change(make_user, login, consultation):
    item = comment(consultation, "Text")
    theme = Theme.objects.create(consultation=consultation, name="GENERAL")
    client = login(make_user(Role.PANEL_MEMBER))

    page = client.get(_url("comments", consultation.pk))
    assert page.status_code == 200
    assert "Mark as reviewed" not in page.content.decode()
    assert "Suggest themes" not in page.content.decode()
    posts = [
        _url("analysis-start", consultation.pk),
        _url("comment-theme", consultation.pk, item.pk),
        _url("comment-review", consultation.pk, item.pk),
        _url("comment-split", consultation.pk, item.pk),
        _url("theme-add", consultation.pk),
        _url("theme-delete", consultation.pk, theme.pk),
        _url("suggest", consultation.pk),
    ]
    for url in posts:
        assert client.post(url, {"theme": theme.pk, "reviewed": "yes"}).status_code == 403, url
    item.refresh_from_db()
    assert (item.theme, item.reviewed) == (None, False)


def test_a_comment_of_another_consultation_answers_404(officer_client, consultation):
    foreign = comment(closed_consultation(title="Other"), "Text")
    response = officer_client.post(
        _url("comment-review", consultation.pk, foreign.pk), {"reviewed": "yes"}
    )
    assert response.status_code == 404


# --- Results -----------------------------------------------------------------------------


def test_results_show_a_chart_and_its_table_per_question(officer_client, consultation):
    q = add_question(
        consultation,
        code="Q2 c)",
        kind=QuestionKind.MULTIPLE,
        options=("Implementation phase", "Flexible measures"),
        has_other=True,
    )
    respond(consultation, {q: (("Implementation phase", "Flexible measures"), "", "")})
    respond(consultation, {q: (("Flexible measures",), "Bids all year", "")})

    page = officer_client.get(_url("analysis", consultation.pk))

    html = _text(page)
    assert page.status_code == 200
    assert '<figure class="govuk-!-margin-0 govuk-!-margin-bottom-4" role="img"' in html
    assert "The most chosen was Flexible measures (2, 100%)" in html
    assert 'aria-hidden="true"' in html
    assert "style=" not in html
    rows = re.findall(
        r'<th scope="row" class="govuk-table__header">([^<]+)</th> '
        r"<td[^>]*>(\d+)</td> <td[^>]*>(\d+%)</td>",
        html,
    )
    assert rows == [
        ("Implementation phase", "1", "50%"),
        ("Flexible measures", "2", "100%"),
        ("Other", "1", "50%"),
    ]
    assert "can add up to more than 100%" in html


def test_results_filter_by_respondent_type(officer_client, consultation):
    q = add_question(consultation, code="Q1", options=("Yes", "No"))
    respond(consultation, {q: (("Yes",), "", "")})
    respond(consultation, {q: (("No",), "", "")}, respondent_type=RespondentType.ORGANISATION)

    html = _text(
        officer_client.get(_url("analysis", consultation.pk), {"respondent_type": "organisation"})
    )

    assert "1 response from organisations" in html
    assert re.search(r'value="organisation"[^>]* checked', html)
    assert "The most chosen was No (1, 100%)" in html


def test_results_query_count_is_pinned(officer_client, consultation, django_assert_num_queries):
    questions = [
        add_question(consultation, code=f"Q{n}", kind=QuestionKind.MULTIPLE, options=("A", "B"))
        for n in range(1, 5)
    ]
    for n in range(80):
        respond(
            consultation,
            {
                q: (("A", "B")[: n % 2 + 1], "", "Comment" if q == questions[0] else "")
                for q in questions
            },
            respondent_type=RespondentType.INDIVIDUAL if n % 3 else RespondentType.ORGANISATION,
        )
    url = _url("analysis", consultation.pk)
    with django_assert_num_queries(10):
        assert officer_client.get(url).status_code == 200


def test_an_editor_starts_the_analysis_once_closed(officer_client, consultation):
    assert (
        "Start analysis" in officer_client.get(_url("analysis", consultation.pk)).content.decode()
    )

    page = officer_client.post(_url("analysis-start", consultation.pk), follow=True)

    consultation.refresh_from_db()
    assert consultation.analysis_started_at is not None
    html = _text(page)
    assert "Analysis has started" in html
    assert f"Analysis started on {timezone.localdate():%-d %B %Y}" in html


# --- Comments ----------------------------------------------------------------------------


def test_progress_says_how_many_comments_are_themed(officer_client, consultation):
    theme = Theme.objects.create(consultation=consultation, name="GENERAL")
    for n in range(97):
        comment(consultation, f"Comment {n}", theme=theme if n < 64 else None)
    html = _text(officer_client.get(_url("comments", consultation.pk)))
    assert "64 of 97 comments themed" in html
    assert "97 comments" in html


def test_comments_are_searched_and_filtered(officer_client, consultation):
    health = Theme.objects.create(consultation=consultation, name="HEALTH")
    comment(consultation, "Mental health triage works.", theme=health)
    comment(consultation, "More youth workers.", reviewed=True)

    def shown(**params):
        html = _text(officer_client.get(_url("comments", consultation.pk), params))
        return re.findall(r'<div class="govuk-inset-text[^"]*"><p>([^<]+)</p>', html)

    assert shown() == ["Mental health triage works.", "More youth workers."]
    assert shown(q="youth") == ["More youth workers."]
    assert shown(theme="untagged") == ["More youth workers."]
    assert shown(theme=str(health.pk)) == ["Mental health triage works."]
    assert shown(reviewed="no") == ["Mental health triage works."]
    assert "No comments match" in _text(
        officer_client.get(_url("comments", consultation.pk), {"q": "nothing like it"})
    )


def test_comments_query_count_is_pinned(officer_client, consultation, django_assert_num_queries):
    themes = [
        Theme.objects.create(consultation=consultation, name=name)
        for name in ("GENERAL", "PCC GRANT", "HEALTH")
    ]
    q1 = add_question(consultation, code="Q1", options=("Yes", "No"))
    q2 = add_question(consultation, code="Q2", kind=QuestionKind.LONG_TEXT)
    cycle = itertools.cycle(themes)
    for n in range(80):
        answers = {q1: (("Yes",), "", f"Answer {n}")}
        if n < 40:
            answers[q2] = ((), "", f"Longer answer {n}")
        respond(consultation, answers)
    assert Comment.objects.filter(consultation=consultation).count() == 120
    for item in Comment.objects.filter(consultation=consultation):
        ThemeSuggestion.objects.create(
            comment=item, theme=next(cycle), method="keywords", score=Decimal("0.5")
        )
        ThemeSuggestion.objects.create(
            comment=item, theme=next(cycle), method="tfidf", score=Decimal("0.25")
        )
    url = _url("comments", consultation.pk)
    with django_assert_num_queries(9):
        page = officer_client.get(url, {"page": "2"})
    assert page.status_code == 200
    assert _text(page).count("Accept<span") == 50


def test_accepting_a_suggestion_themes_the_comment_and_keeps_the_place(
    officer_client, consultation
):
    health = Theme.objects.create(consultation=consultation, name="HEALTH")
    item = comment(consultation, "Mental health triage.")
    suggestion = ThemeSuggestion.objects.create(
        comment=item, theme=health, method="keywords", score=Decimal("0.8200")
    )
    listing = _text(officer_client.get(_url("comments", consultation.pk), {"q": "triage"}))
    assert 'HEALTH <span class="govuk-hint govuk-!-display-inline"> (Keyword rules, 82%)' in listing

    response = officer_client.post(
        _url("comment-accept", consultation.pk, item.pk, suggestion.pk),
        {"return_to": "q=triage&page=1&evil=https://example.com"},
    )

    assert response.status_code == 302
    assert response["Location"] == (
        _url("comments", consultation.pk) + f"?q=triage&page=1#comment-{item.pk}"
    )
    item.refresh_from_db()
    assert item.theme == health
    assert item.themed_by.full_name
    assert item.themed_at is not None


def test_an_officer_chooses_a_theme_and_marks_the_comment_reviewed(officer_client, consultation):
    theme = Theme.objects.create(consultation=consultation, name="YOUNG PEOPLE")
    item = comment(consultation, "More youth workers.")

    officer_client.post(_url("comment-theme", consultation.pk, item.pk), {"theme": theme.pk})
    officer_client.post(_url("comment-review", consultation.pk, item.pk), {"reviewed": "yes"})

    item.refresh_from_db()
    assert (item.theme, item.reviewed) == (theme, True)
    html = _text(officer_client.get(_url("comments", consultation.pk)))
    assert "Chosen by " in html
    assert "Mark as not reviewed" in html


def test_splitting_a_comment(officer_client, consultation):
    item = comment(consultation, "Grant forms are long. Youth clubs matter.")
    url = _url("comment-split", consultation.pk, item.pk)

    page = _text(officer_client.get(url))
    assert page.count("> Grant forms are long. Youth clubs matter.</textarea>") == 2

    more = _text(officer_client.post(url, {"part_1": "Grant forms are long.", "add_part": "1"}))
    assert "> Grant forms are long.</textarea>" in more
    assert more.count("<textarea") == 3

    wrong = _text(officer_client.post(url, {"part_1": "Grant forms are long.", "part_2": "New"}))
    assert "There is a problem" in wrong
    assert "Part 2 must be text from the comment, unchanged" in wrong

    done = officer_client.post(
        url, {"part_1": "Grant forms are long.", "part_2": "Youth clubs matter."}
    )
    assert done.status_code == 302
    assert list(
        Comment.objects.filter(consultation=consultation).values_list("text", flat=True)
    ) == ["Grant forms are long.", "Youth clubs matter."]


# --- Themes and suggestions --------------------------------------------------------------


def test_themes_are_listed_with_counts_and_managed(officer_client, consultation):
    used = Theme.objects.create(consultation=consultation, name="GENERAL")
    comment(consultation, "Text", theme=used)

    added = officer_client.post(
        _url("theme-add", consultation.pk), {"name": "HEALTH", "keywords": "mental health\nNHS"}
    )
    assert added.status_code == 302
    health = Theme.objects.get(consultation=consultation, name="HEALTH")
    assert health.keywords == "mental health\nNHS"

    clash = _text(officer_client.post(_url("theme-add", consultation.pk), {"name": "general"}))
    assert "There is already a theme called general" in clash
    empty = _text(officer_client.post(_url("theme-add", consultation.pk), {"name": ""}))
    assert "Enter the theme&#x27;s name" in empty or "Enter the theme’s name" in empty

    officer_client.post(
        _url("theme-edit", consultation.pk, health.pk), {"name": "HEALTH", "keywords": "NHS"}
    )
    health.refresh_from_db()
    assert health.keywords == "NHS"

    refused = _text(officer_client.post(_url("theme-delete", consultation.pk, used.pk)))
    assert "Give them another theme first" in refused
    assert Theme.objects.filter(pk=used.pk).exists()
    officer_client.post(_url("theme-delete", consultation.pk, health.pk))
    assert not Theme.objects.filter(pk=health.pk).exists()

    listing = _text(officer_client.get(_url("themes", consultation.pk)))
    assert re.search(r"GENERAL</th>.*?>1<span", listing)


def test_suggest_reports_how_many_comments_got_suggestions(officer_client, consultation):
    Theme.objects.create(consultation=consultation, name="PCC GRANT", keywords="grant")
    comment(consultation, "The grant form is long.")
    comment(consultation, "Nothing relevant here.")

    page = officer_client.post(_url("suggest", consultation.pk), follow=True)

    assert "Suggestions made for 1 comment" in _text(page)
    assert ThemeSuggestion.objects.count() == 1
    assert not Comment.objects.filter(theme__isnull=False).exists()

"""Selectors and services of the analysis: counts per option, comments, themes, splits."""

import itertools
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from commissioning.areas.models import PolicingArea
from commissioning.consultations import analysis
from commissioning.consultations.models import (
    Answer,
    Comment,
    Consultation,
    OfficeResponse,
    Option,
    Outcome,
    Question,
    QuestionKind,
    RespondentType,
    Response,
    ResponseStatus,
    Section,
    Theme,
    ThemeSuggestion,
)
from commissioning.core.roles import Role
from tests.factories import PolicingAreaFactory

_numbers = itertools.count(1)


# --- Data (imported by the view and browser tests) -------------------------------------


def closed_consultation(*, title: str = "Draft Commissioning Framework 2017/18") -> Consultation:
    now = timezone.now()
    area: PolicingArea = PolicingAreaFactory()  # type: ignore[assignment]
    return Consultation.objects.create(
        area=area,
        title=title,
        slug=f"consultation-{next(_numbers)}",
        opens_at=now - timedelta(days=30),
        closes_at=now - timedelta(days=1),
    )


def add_question(
    consultation: Consultation,
    *,
    code: str,
    kind: str = QuestionKind.SINGLE,
    options: tuple[str, ...] = (),
    has_other: bool = False,
    text: str = "",
) -> Question:
    section = consultation.sections.first() or Section.objects.create(
        consultation=consultation, title="Questions", order=1
    )
    question = Question.objects.create(
        section=section,
        code=code,
        text=text or f"Question {code}",
        kind=kind,
        has_other=has_other,
        order=next(_numbers),
    )
    for order, label in enumerate(options, start=1):
        Option.objects.create(question=question, label=label, order=order)
    return question


def respond(
    consultation: Consultation,
    answers: dict[Question, tuple[tuple[str, ...], str, str]],
    *,
    respondent_type: str = RespondentType.INDIVIDUAL,
    status: str = ResponseStatus.SUBMITTED,
) -> Response:
    """``answers``: question -> (labels ticked, other text, written text). Each written
    text (and other text) becomes a comment, as on submission."""
    response = Response.objects.create(
        consultation=consultation,
        status=status,
        respondent_type=respondent_type,
        submitted_at=timezone.now() if status == ResponseStatus.SUBMITTED else None,
    )
    for question, (labels, other, text) in answers.items():
        answer = Answer.objects.create(
            response=response, question=question, other_text=other, text=text
        )
        answer.choices.set(question.options.filter(label__in=labels))
        for written in (text, other):
            if written and status == ResponseStatus.SUBMITTED:
                Comment.objects.create(
                    consultation=consultation, answer=answer, text=written, order=next(_numbers)
                )
    return response


def comment(consultation: Consultation, text: str, **fields: object) -> Comment:
    return Comment.objects.create(
        consultation=consultation, text=text, order=next(_numbers), **fields
    )


@pytest.fixture
def officer(make_user):
    return make_user(Role.COMMISSIONING_OFFICER, full_name="Priya Shah")


# --- Counts ------------------------------------------------------------------------------


def _options(counts: analysis.Counts, code: str) -> dict[str, tuple[int, int]]:
    item = next(q for q in counts.questions if q.question.code == code)
    return {option.label: (option.count, option.percentage) for option in item.options}


@pytest.mark.django_db
def test_multiple_choice_counts_each_option_on_its_own_never_combinations():
    consultation = closed_consultation()
    q = add_question(
        consultation, code="Q2", kind=QuestionKind.MULTIPLE, options=("A", "B", "C"), has_other=True
    )
    respond(consultation, {q: (("A", "B"), "", "")})
    respond(consultation, {q: (("A",), "Bids all year", "")})
    respond(consultation, {q: ((), "", "")})  # opened the question, ticked nothing
    respond(consultation, {})  # skipped it

    counts = analysis.question_counts(consultation=consultation)

    assert counts.respondents == 4
    item = counts.questions[0]
    assert item.answered == 2
    # A+B counts once for A and once for B; "Other" is an option of its own.
    assert _options(counts, "Q2") == {
        "A": (2, 100),
        "B": (1, 50),
        "C": (0, 0),
        "Other": (1, 50),
    }
    assert [o.label for o in item.options] == ["A", "B", "C", "Other"]
    assert not any("+" in o.label for o in item.options)


@pytest.mark.django_db
def test_percentages_are_of_those_who_answered_the_question_rounded_half_up():
    consultation = closed_consultation()
    q = add_question(consultation, code="Q1", options=("Fully", "Partially", "Not"))
    for label in ("Fully", "Fully", "Partially"):
        respond(consultation, {q: ((label,), "", "")})
    respond(consultation, {})

    assert _options(analysis.question_counts(consultation=consultation), "Q1") == {
        "Fully": (2, 67),
        "Partially": (1, 33),
        "Not": (0, 0),
    }
    assert analysis.percentage(1, 8) == 13  # 12.5 rounds up
    assert analysis.percentage(0, 0) == 0


@pytest.mark.django_db
def test_counts_filter_by_respondent_type_and_ignore_drafts():
    consultation = closed_consultation()
    q = add_question(consultation, code="Q1", options=("Yes", "No"))
    respond(consultation, {q: (("Yes",), "", "")}, respondent_type=RespondentType.INDIVIDUAL)
    respond(consultation, {q: (("No",), "", "")}, respondent_type=RespondentType.ORGANISATION)
    respond(consultation, {q: (("No",), "", "")}, respondent_type=RespondentType.ORGANISATION)
    respond(consultation, {q: (("Yes",), "", "")}, status=ResponseStatus.DRAFT)

    everyone = analysis.question_counts(consultation=consultation)
    organisations = analysis.question_counts(
        consultation=consultation, respondent_type=RespondentType.ORGANISATION
    )

    assert everyone.respondents == 3
    assert _options(everyone, "Q1") == {"Yes": (1, 33), "No": (2, 67)}
    assert organisations.respondents == 2
    assert _options(organisations, "Q1") == {"Yes": (0, 0), "No": (2, 100)}


@pytest.mark.django_db
def test_counts_take_the_same_queries_whatever_the_number_of_questions(
    django_assert_num_queries,
):
    consultation = closed_consultation()
    questions = [
        add_question(consultation, code=f"Q{n}", kind=QuestionKind.MULTIPLE, options=("A", "B"))
        for n in range(1, 7)
    ]
    for _i in range(5):
        respond(consultation, dict.fromkeys(questions, (("A", "B"), "", "A comment")))
    # Questions, their options, ticks per option, per-question totals, respondents.
    with django_assert_num_queries(5):
        counts = analysis.question_counts(consultation=consultation)
    assert [q.written for q in counts.questions] == [5] * 6


# --- Comments ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_comment_list_searches_and_filters():
    consultation = closed_consultation()
    health = Theme.objects.create(consultation=consultation, name="HEALTH")
    first = comment(consultation, "Mental health triage works.", theme=health, reviewed=True)
    second = comment(consultation, "More youth workers, please.")
    other = closed_consultation(title="Another")
    comment(other, "Mental health elsewhere.")

    def listed(**filters):
        return list(analysis.comment_list(consultation=consultation, **filters))

    assert listed() == [first, second]
    assert listed(q="MENTAL") == [first]
    assert listed(theme=analysis.UNTAGGED) == [second]
    assert listed(theme=str(health.pk)) == [first]
    assert listed(reviewed=False) == [second]


@pytest.mark.django_db
def test_progress_counts_themed_and_reviewed_comments():
    consultation = closed_consultation()
    theme = Theme.objects.create(consultation=consultation, name="GENERAL")
    for n in range(5):
        comment(consultation, f"Comment {n}", theme=theme if n < 3 else None, reviewed=n == 0)
    assert analysis.progress(consultation=consultation) == analysis.Progress(5, 3, 1)


@pytest.mark.django_db
def test_choosing_a_theme_records_who_decided_and_when(officer):
    consultation = closed_consultation()
    theme = Theme.objects.create(consultation=consultation, name="VICTIMS AND WITNESSES")
    item = comment(consultation, "Victims need support after court.")

    analysis.comment_set_theme(actor=officer, comment=item, theme=theme)

    item.refresh_from_db()
    assert item.theme == theme
    assert item.themed_by == officer
    assert item.themed_at is not None
    latest = item.history.first()
    assert latest.history_user == officer
    assert latest.history_change_reason == "Theme set to VICTIMS AND WITNESSES"

    analysis.comment_set_theme(actor=officer, comment=item, theme=None)
    item.refresh_from_db()
    assert (item.theme, item.themed_by, item.themed_at) == (None, None, None)


@pytest.mark.django_db
def test_a_theme_of_another_consultation_is_refused(officer):
    consultation = closed_consultation()
    foreign = Theme.objects.create(consultation=closed_consultation(title="Other"), name="X")
    item = comment(consultation, "Text")
    with pytest.raises(ValidationError):
        analysis.comment_set_theme(actor=officer, comment=item, theme=foreign)


@pytest.mark.django_db
def test_a_suggestion_themes_nothing_until_a_person_accepts_it(officer):
    consultation = closed_consultation()
    health = Theme.objects.create(consultation=consultation, name="HEALTH")
    item = comment(consultation, "Mental health triage.")
    suggestion = ThemeSuggestion.objects.create(
        comment=item, theme=health, method="keywords", score=Decimal("0.8200")
    )
    item.refresh_from_db()
    assert item.theme is None

    analysis.comment_accept_suggestion(actor=officer, suggestion=suggestion)

    item.refresh_from_db()
    assert item.theme == health
    assert item.themed_by == officer
    assert item.history.first().history_user == officer


@pytest.mark.django_db
def test_marking_reviewed_is_audited(officer):
    item = comment(closed_consultation(), "Text")
    analysis.comment_mark_reviewed(actor=officer, comment=item, reviewed=True)
    item.refresh_from_db()
    assert item.reviewed is True
    assert item.history.first().history_user == officer


@pytest.mark.django_db
def test_nothing_changes_once_the_outcome_is_published(officer):
    consultation = closed_consultation()
    consultation.outcome_published_at = timezone.now()
    consultation.save()
    item = comment(consultation, "Text")
    with pytest.raises(ValidationError, match="outcome has been published"):
        analysis.comment_mark_reviewed(actor=officer, comment=item, reviewed=True)


# --- Splitting ---------------------------------------------------------------------------

WHOLE = "The grant form is too long. Young people need somewhere to go."


@pytest.mark.django_db
def test_a_comment_is_replaced_by_its_parts_in_order(officer):
    consultation = closed_consultation()
    before = comment(consultation, "First.")
    item = comment(consultation, WHOLE, reference="12")
    after = comment(consultation, "Last.")
    health = Theme.objects.create(consultation=consultation, name="HEALTH")
    ThemeSuggestion.objects.create(comment=item, theme=health, method="tfidf", score=Decimal("0.5"))

    parts = analysis.comment_split(
        actor=officer,
        comment=item,
        parts=["The grant form is too long.", "", "Young people need somewhere to go."],
    )

    assert parts[0].pk == item.pk
    texts = list(Comment.objects.filter(consultation=consultation).values_list("text", flat=True))
    assert texts == [
        "First.",
        "The grant form is too long.",
        "Young people need somewhere to go.",
        "Last.",
    ]
    assert [p.reference for p in parts] == ["12a", "12b"]
    assert not ThemeSuggestion.objects.filter(comment=item).exists()
    assert item.history.first().history_change_reason == "Split into 2 comments"
    assert parts[1].history.first().history_user == officer
    assert before.pk < after.pk


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("parts", "message"),
    [
        (["The grant form is too long."], "at least 2 parts"),
        (["The grant form is too long.", "   "], "at least 2 parts"),
        (["The grant form is too long.", "Young people need a youth club."], "Part 2 must be"),
        ([WHOLE, "Young people need somewhere to go."], "Part 1 is the whole comment"),
    ],
)
def test_parts_must_be_passages_of_the_comment(officer, parts, message):
    item = comment(closed_consultation(), WHOLE)
    with pytest.raises(ValidationError, match=message):
        analysis.comment_split(actor=officer, comment=item, parts=parts)
    item.refresh_from_db()
    assert item.text == WHOLE


@pytest.mark.django_db
def test_windows_line_endings_from_a_textarea_still_match(officer):
    item = comment(closed_consultation(), "One.\nTwo.\nThree.")
    parts = analysis.comment_split(actor=officer, comment=item, parts=["One.\r\nTwo.", "Three."])
    assert [p.text for p in parts] == ["One.\nTwo.", "Three."]


@pytest.mark.django_db
def test_a_comment_with_an_office_response_is_not_split(officer):
    consultation = closed_consultation()
    item = comment(consultation, WHOLE)
    office = OfficeResponse.objects.create(
        consultation=consultation, text="Noted.", outcome=Outcome.NOTED
    )
    office.comments.add(item)
    with pytest.raises(ValidationError, match="responded"):
        analysis.comment_split(
            actor=officer,
            comment=item,
            parts=["The grant form is too long.", "Young people need somewhere to go."],
        )


# --- Themes and the start of analysis --------------------------------------------------


@pytest.mark.django_db
def test_themes_are_created_changed_and_deleted_only_when_unused(officer):
    consultation = closed_consultation()
    theme = analysis.theme_create(
        actor=officer, consultation=consultation, name="  PCC  GRANT ", keywords="grant*\r\n\r\nbid"
    )
    assert (theme.name, theme.keywords) == ("PCC GRANT", "grant*\nbid")
    with pytest.raises(ValidationError, match="already a theme"):
        analysis.theme_create(actor=officer, consultation=consultation, name="pcc grant")

    analysis.theme_update(actor=officer, theme=theme, name="GRANTS", keywords="grant")
    theme.refresh_from_db()
    assert theme.name == "GRANTS"

    used = comment(consultation, "Text", theme=theme)
    with pytest.raises(ValidationError, match="Give them another theme"):
        analysis.theme_delete(actor=officer, theme=theme)
    used.delete()
    analysis.theme_delete(actor=officer, theme=theme)
    assert not Theme.objects.filter(pk=theme.pk).exists()
    assert Theme.history.filter(id=theme.pk, history_type="-").get().history_user == officer


@pytest.mark.django_db
def test_analysis_starts_only_once_the_consultation_has_closed(officer):
    consultation = closed_consultation()
    consultation.closes_at = timezone.now() + timedelta(days=1)
    consultation.save()
    with pytest.raises(ValidationError, match="once the consultation has closed"):
        analysis.analysis_start(actor=officer, consultation=consultation)

    started = analysis.analysis_start(
        actor=officer, consultation=consultation, now=timezone.now() + timedelta(days=2)
    )
    assert started.analysis_started_at is not None
    assert started.history.first().history_user == officer
    with pytest.raises(ValidationError):
        analysis.analysis_start(actor=officer, consultation=started)

"""Analysis of a consultation's responses: counts per question, and the comments that
people theme, split and review.

Selectors read; services write (keyword-only, atomic, audited). A machine's suggestion
never themes a comment: only :func:`comment_set_theme` and
:func:`comment_accept_suggestion` do, and both record the person who decided.
"""

from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import (
    CHOICE_KINDS,
    Answer,
    Comment,
    Consultation,
    ConsultationStatus,
    Question,
    Response,
    ResponseStatus,
    Theme,
    ThemeSuggestion,
)

# --- Counts -------------------------------------------------------------------------------


def percentage(count: int, total: int) -> int:
    """A whole percentage, rounded half up (GOV.UK statistics show whole numbers)."""
    if total <= 0:
        return 0
    return int((Decimal(count) * 100 / total).quantize(Decimal(1), rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class OptionCount:
    label: str
    count: int
    percentage: int
    is_other: bool = False


@dataclass(frozen=True)
class QuestionCounts:
    question: Question
    answered: int  # respondents who chose at least one option (or "Other")
    written: int  # respondents who wrote something in its text box
    options: tuple[OptionCount, ...]

    @property
    def is_choice(self) -> bool:
        return self.question.kind in CHOICE_KINDS


@dataclass(frozen=True)
class Counts:
    respondents: int
    questions: tuple[QuestionCounts, ...]


def submitted_responses(
    consultation: Consultation, respondent_type: str | None = None
) -> "QuerySet[Response]":
    responses = Response.objects.filter(consultation=consultation, status=ResponseStatus.SUBMITTED)
    if respondent_type:
        responses = responses.filter(respondent_type=respondent_type)
    return responses


def question_counts(*, consultation: Consultation, respondent_type: str | None = None) -> Counts:
    """Per question, how many respondents chose each option.

    A multiple-choice answer counts once for every option ticked, never as a combination;
    "Other" counts as an option of its own. Percentages are of the respondents who
    answered that question, so for multiple choice they may add up to more than 100.
    A fixed number of queries whatever the number of questions or responses.
    """
    responses = submitted_responses(consultation, respondent_type)
    questions = list(
        Question.objects.filter(section__consultation=consultation)
        .select_related("section")
        .prefetch_related("options")
    )
    through = Answer.choices.through
    ticked: dict[int, int] = {
        row["option_id"]: row["n"]
        for row in through.objects.filter(answer__response__in=responses)
        .values("option_id")
        .annotate(n=Count("answer_id"))
    }
    per_question: dict[int, dict[str, int]] = {
        row["question_id"]: {key: int(row[key]) for key in ("answered", "other", "written")}
        for row in Answer.objects.filter(response__in=responses)
        .values("question_id")
        .annotate(
            answered=Count(
                "pk", filter=Q(choices__isnull=False) | ~Q(other_text=""), distinct=True
            ),
            other=Count("pk", filter=~Q(other_text=""), distinct=True),
            written=Count("pk", filter=~Q(text=""), distinct=True),
        )
    }
    rows = []
    for question in questions:
        stats = per_question.get(question.pk, {})
        answered = stats.get("answered", 0)
        options = [
            OptionCount(o.label, ticked.get(o.pk, 0), percentage(ticked.get(o.pk, 0), answered))
            for o in question.options.all()
        ]
        if question.has_other:
            other = stats.get("other", 0)
            options.append(
                OptionCount(_("Other"), other, percentage(other, answered), is_other=True)
            )
        rows.append(QuestionCounts(question, answered, stats.get("written", 0), tuple(options)))
    return Counts(respondents=responses.count(), questions=tuple(rows))


# --- Comments -----------------------------------------------------------------------------

UNTAGGED = "untagged"


def comment_list(
    *,
    consultation: Consultation,
    q: str = "",
    theme: str = "",
    reviewed: bool | None = None,
) -> "QuerySet[Comment]":
    """The consultation's comments in order, with what the list shows already fetched.

    ``theme`` is a theme's id, or ``UNTAGGED`` for comments without one."""
    comments = Comment.objects.filter(consultation=consultation)
    if q.strip():
        comments = comments.filter(text__icontains=q.strip())
    if theme == UNTAGGED:
        comments = comments.filter(theme__isnull=True)
    elif theme.isdigit():
        comments = comments.filter(theme_id=int(theme))
    if reviewed is not None:
        comments = comments.filter(reviewed=reviewed)
    suggestions = ThemeSuggestion.objects.select_related("theme").order_by("-score", "pk")
    return comments.select_related(
        "theme", "themed_by", "answer__question", "answer__response"
    ).prefetch_related(Prefetch("suggestions", queryset=suggestions))


@dataclass(frozen=True)
class Progress:
    total: int
    themed: int
    reviewed: int


def progress(*, consultation: Consultation) -> Progress:
    totals = Comment.objects.filter(consultation=consultation).aggregate(
        total=Count("pk"),
        themed=Count("pk", filter=Q(theme__isnull=False)),
        reviewed=Count("pk", filter=Q(reviewed=True)),
    )
    return Progress(totals["total"], totals["themed"], totals["reviewed"])


def themes_with_counts(*, consultation: Consultation) -> "QuerySet[Theme]":
    return Theme.objects.filter(consultation=consultation).annotate(comment_count=Count("comments"))


# --- Services -----------------------------------------------------------------------------


def _save(instance: Any, actor: Any, reason: str | None = None) -> Any:
    instance._history_user = actor
    if reason:
        instance._change_reason = reason
    instance.full_clean()
    instance.save()
    return instance


def _ensure_changeable(consultation: Consultation) -> None:
    if consultation.outcome_published_at is not None:
        raise ValidationError(
            _("The outcome has been published, so its comments and themes can no longer change")
        )


def _locked_comment(comment: Comment) -> Comment:
    return (
        Comment.objects.select_for_update(of=("self",))
        .select_related("consultation")
        .get(pk=comment.pk)
    )


@transaction.atomic
def analysis_start(
    *, actor: Any, consultation: Consultation, now: datetime | None = None
) -> Consultation:
    """Record that the office has started analysing: only once the consultation has closed."""
    locked = Consultation.objects.select_for_update(of=("self",)).get(pk=consultation.pk)
    now = now or timezone.now()
    if locked.status_at(now) != ConsultationStatus.CLOSED:
        raise ValidationError(_("Analysis can start only once the consultation has closed"))
    locked.analysis_started_at = now
    return _save(locked, actor, "Analysis started")


@transaction.atomic
def comment_set_theme(*, actor: Any, comment: Comment, theme: Theme | None) -> Comment:
    """A person's decision: the comment's theme (or none), recorded with who and when."""
    locked = _locked_comment(comment)
    _ensure_changeable(locked.consultation)
    if theme is not None and theme.consultation_id != locked.consultation_id:
        raise ValidationError({"theme": _("Select one of this consultation's themes")})
    locked.theme = theme
    locked.themed_by = actor if theme is not None else None
    locked.themed_at = timezone.now() if theme is not None else None
    reason = f"Theme set to {theme}" if theme else "Theme removed"
    return _save(locked, actor, reason[:100])  # the history's reason holds 100 characters


@transaction.atomic
def comment_accept_suggestion(*, actor: Any, suggestion: ThemeSuggestion) -> Comment:
    """A person accepts a machine's suggestion: from now on it is their decision."""
    locked = _locked_comment(suggestion.comment)
    _ensure_changeable(locked.consultation)
    locked.theme_id = suggestion.theme_id
    locked.themed_by = actor
    locked.themed_at = timezone.now()
    reason = f"Accepted the suggestion {suggestion.theme} ({suggestion.method}, {suggestion.score})"
    return _save(locked, actor, reason[:100])


@transaction.atomic
def comment_mark_reviewed(*, actor: Any, comment: Comment, reviewed: bool) -> Comment:
    locked = _locked_comment(comment)
    _ensure_changeable(locked.consultation)
    locked.reviewed = reviewed
    return _save(locked, actor, "Reviewed" if reviewed else "Marked as not reviewed")


def _normalise(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _part_reference(reference: str, index: int) -> str:
    # "12" becomes "12a", "12b"...; left as it is when a letter would not fit.
    suffix = chr(ord("a") + index) if index < 26 else ""
    candidate = f"{reference}{suffix}"
    return candidate if reference and len(candidate) <= 20 else reference


@transaction.atomic
def comment_split(*, actor: Any, comment: Comment, parts: list[str]) -> list[Comment]:
    """Replace a comment by two or more parts, in order, each a passage of its text.

    The first part keeps the comment's identity (its history shows the text before and
    after); the others are new comments placed straight after it. Every part starts
    untagged and unreviewed: the theme given to the whole may not fit each part, and its
    suggestions were made for the whole text, so they are dropped.
    """
    locked = _locked_comment(comment)
    _ensure_changeable(locked.consultation)
    if locked.redacted_text:
        raise ValidationError(
            _("This comment has been redacted for publication. Split comments before redacting.")
        )
    if locked.office_responses.exists():
        raise ValidationError(
            _("The office has responded to this comment, so it can no longer be split")
        )
    whole = _normalise(locked.text)
    cleaned = [_normalise(part).strip() for part in parts]
    cleaned = [part for part in cleaned if part]
    if len(cleaned) < 2:
        raise ValidationError(_("Enter at least 2 parts"))
    for number, part in enumerate(cleaned, start=1):
        if part not in whole:
            raise ValidationError(
                _("Part %(number)s must be text from the comment, unchanged") % {"number": number}
            )
        if part == whole.strip():
            raise ValidationError(
                _("Part %(number)s is the whole comment: remove the text of the other parts")
                % {"number": number}
            )
    reference = locked.reference
    locked.text = cleaned[0]
    locked.reference = _part_reference(reference, 0)
    locked.theme, locked.themed_by, locked.themed_at, locked.reviewed = None, None, None, False
    locked.suggestions.all().delete()
    _save(locked, actor, f"Split into {len(cleaned)} comments")
    created = [
        _save(
            Comment(
                consultation=locked.consultation,
                answer_id=locked.answer_id,
                reference=_part_reference(reference, index),
                text=part,
                order=locked.order,  # same place; the ordering breaks ties by id
            ),
            actor,
            f"Split from comment {locked.pk}",
        )
        for index, part in enumerate(cleaned[1:], start=1)
    ]
    return [locked, *created]


def _check_theme_name(consultation: Consultation, name: str, exclude: int | None) -> str:
    name = " ".join(name.split())
    if not name:
        raise ValidationError({"name": _("Enter the theme's name")})
    clash = Theme.objects.filter(consultation=consultation, name__iexact=name)
    if exclude is not None:
        clash = clash.exclude(pk=exclude)
    if clash.exists():
        raise ValidationError({"name": _("There is already a theme called %(n)s") % {"n": name}})
    return name


def _keywords(text: str) -> str:
    return "\n".join(line.strip() for line in _normalise(text).split("\n") if line.strip())


@transaction.atomic
def theme_create(*, actor: Any, consultation: Consultation, name: str, keywords: str = "") -> Theme:
    _ensure_changeable(consultation)
    name = _check_theme_name(consultation, name, None)
    order = Theme.objects.filter(consultation=consultation).count() + 1
    theme = Theme(consultation=consultation, name=name, keywords=_keywords(keywords), order=order)
    return _save(theme, actor)


@transaction.atomic
def theme_update(*, actor: Any, theme: Theme, name: str, keywords: str = "") -> Theme:
    locked = (
        Theme.objects.select_for_update(of=("self",))
        .select_related("consultation")
        .get(pk=theme.pk)
    )
    _ensure_changeable(locked.consultation)
    locked.name = _check_theme_name(locked.consultation, name, locked.pk)
    locked.keywords = _keywords(keywords)
    return _save(locked, actor)


@transaction.atomic
def theme_delete(*, actor: Any, theme: Theme) -> None:
    locked = (
        Theme.objects.select_for_update(of=("self",))
        .select_related("consultation")
        .get(pk=theme.pk)
    )
    _ensure_changeable(locked.consultation)
    if locked.comments.exists():
        raise ValidationError(
            _("Comments are tagged with this theme. Give them another theme first.")
        )
    locked._history_user = actor  # type: ignore[attr-defined]
    locked.delete()

"""Importing a past consultation's comment log ("Ref | Theme | Comment | Response").

Before this product the office kept the outcome of a consultation as a Word or Excel table
of comments, each with a theme and the office's response. :func:`comment_log_import` turns
such a table into a closed consultation whose outcome is published: its themes, its
comments (themed and reviewed) and one published office response per answered comment.

Every row is checked before anything is written; one bad row means nothing is imported,
and every error found is reported with its row and column.
"""

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from commissioning.areas.models import PolicingArea
from commissioning.core.roles import is_editor
from commissioning.core.spreadsheets import SpreadsheetError, cell_text, read_rows

from .models import (
    Comment,
    Consultation,
    OfficeResponse,
    OfficeResponseStatus,
    Outcome,
    Theme,
)

MAX_ROWS = 5000
MAX_REF = Comment._meta.get_field("reference").max_length or 20
MAX_THEME = Theme._meta.get_field("name").max_length or 120
MAX_TITLE = Consultation._meta.get_field("title").max_length or 250
# Text fields have no limit in the database; a cell longer than this is a pasting mistake.
MAX_TEXT = 10_000
MAX_SLUG = Consultation._meta.get_field("slug").max_length or 80
# When the log does not say when the consultation ran: it closed the day before the import
# and ran for four weeks, so that it is closed whatever the time of day.
DEFAULT_LENGTH = timedelta(days=28)

# Column key -> the headings (lower case, spaces collapsed, trailing dots dropped) that mean it.
HEADINGS: dict[str, tuple[str, ...]] = {
    "ref": ("ref", "reference", "ref no", "no"),
    "theme": ("theme",),
    "comment": ("comment", "comments"),
    "response": ("response", "responses", "our response", "opcc response"),
}
LABELS = {"ref": "Ref", "theme": "Theme", "comment": "Comment", "response": "Response"}
# Ref may be left out: a log without references is still a log.
REQUIRED = ("theme", "comment", "response")


@dataclass
class RowError:
    """One problem: ``row`` is the spreadsheet's row number (the headings are row 1), or 0
    for a problem with the whole file."""

    row: int
    column: str
    message: str

    def __str__(self) -> str:
        if self.row:
            return _("Row %(row)s, %(column)s: %(message)s") % {
                "row": self.row,
                "column": self.column,
                "message": self.message,
            }
        return f"{self.column}: {self.message}" if self.column else self.message


class CommentLogError(Exception):
    """The log cannot be imported. ``errors`` lists every problem found; nothing was written."""

    def __init__(self, errors: list[RowError], message: str = "") -> None:
        self.errors = errors
        self.message = message or _("The comment log was not imported")
        super().__init__(self.message)


@dataclass(frozen=True)
class LogRow:
    row: int
    reference: str
    theme: str
    comment: str
    response: str


@dataclass
class CommentLog:
    rows: list[LogRow]
    themes: list[str]  # in order of first appearance, spelt as first written
    warnings: list[str] = field(default_factory=list)


def infer_outcome(response: str) -> str:
    """The outcome a response's wording makes obvious; "Noted" when it is not obvious."""
    text = re.sub(r"\s+", " ", response).strip().lower()
    if re.match(r"none required\b", text):
        return Outcome.NONE_REQUIRED
    # "Noted, but this is outside the scope of the framework": scope is the useful part.
    if "not within" in text or "outside the scope" in text:
        return Outcome.OUT_OF_SCOPE
    starts = (
        ("partially", Outcome.PARTIALLY_AGREED),
        ("amendments made", Outcome.AMENDMENTS_MADE),
        ("amendment made", Outcome.AMENDMENTS_MADE),
        ("not adopted", Outcome.NOT_ADOPTED),
        ("agreed", Outcome.AGREED),
        ("noted", Outcome.NOTED),
    )
    for start, outcome in starts:
        if text.startswith(start):
            return outcome
    return Outcome.NOTED


def _heading_key(heading: str) -> str | None:
    normalised = re.sub(r"\s+", " ", heading).strip().rstrip(".:").lower()
    return next((key for key, names in HEADINGS.items() if normalised in names), None)


def _text(value: object) -> str:
    # A reference typed as 12 comes back from a spreadsheet as the number 12.0.
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = cell_text(value)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _raw_rows(data: bytes, filename: str) -> list[list[Any]]:
    try:
        return read_rows(data, filename)
    except SpreadsheetError as error:
        raise CommentLogError([RowError(0, "", str(error))]) from error


def _columns(headings: list[str]) -> tuple[dict[str, int], list[str]]:
    columns: dict[str, int] = {}
    ignored = []
    for index, heading in enumerate(headings):
        key = _heading_key(heading)
        if key is None:
            if heading:
                ignored.append(heading)
            continue
        if key in columns:
            message = _('The file has two "%(label)s" columns. Remove one and upload it again.')
            raise CommentLogError([RowError(0, "", message % {"label": LABELS[key]})])
        columns[key] = index
    missing = [LABELS[key] for key in REQUIRED if key not in columns]
    if missing:
        message = _(
            "The file must have columns headed Ref, Theme, Comment and Response "
            "in its first row (missing: %(missing)s)"
        ) % {"missing": ", ".join(missing)}
        raise CommentLogError([RowError(0, "", message)])
    return columns, ignored


def _check_length(errors: list[RowError], number: int, key: str, value: str, limit: int) -> None:
    if len(value) > limit:
        message = _("%(label)s must be %(limit)s characters or fewer") % {
            "label": LABELS[key],
            "limit": f"{limit:,}",
        }
        errors.append(RowError(number, LABELS[key], message))


def read_comment_log(*, data: bytes, filename: str) -> CommentLog:
    """Read and check a comment log, writing nothing. Raises :class:`CommentLogError` with
    every problem found."""
    numbered = [
        (number, [_text(value) for value in row])
        for number, row in enumerate(_raw_rows(data, filename), start=1)
    ]
    numbered = [(number, cells) for number, cells in numbered if any(cells)]
    if not numbered:
        raise CommentLogError([RowError(0, "", _("The selected file is empty"))])
    (_header_number, headings), body = numbered[0], numbered[1:]
    columns, ignored = _columns(headings)
    if not body:
        raise CommentLogError([RowError(0, "", _("The file has no comments"))])
    if len(body) > MAX_ROWS:
        message = _("The file must have no more than %(max)s rows") % {"max": f"{MAX_ROWS:,}"}
        raise CommentLogError([RowError(0, "", message)])

    errors: list[RowError] = []
    rows: list[LogRow] = []
    themes: dict[str, str] = {}  # folded name -> name as first written
    references: dict[str, int] = {}  # folded reference -> row it was first used in
    for number, cells in body:

        def cell(key: str, cells: list[str] = cells) -> str:
            index = columns.get(key)
            return cells[index].strip() if index is not None and index < len(cells) else ""

        reference, theme = cell("ref"), re.sub(r"\s+", " ", cell("theme"))
        comment, response = cell("comment"), cell("response")
        if not theme:
            errors.append(RowError(number, LABELS["theme"], _("Enter the theme")))
        if not comment:
            errors.append(RowError(number, LABELS["comment"], _("Enter the comment")))
        _check_length(errors, number, "ref", reference, MAX_REF)
        _check_length(errors, number, "theme", theme, MAX_THEME)
        _check_length(errors, number, "comment", comment, MAX_TEXT)
        _check_length(errors, number, "response", response, MAX_TEXT)
        if reference:
            first = references.setdefault(reference.casefold(), number)
            if first != number:
                message = _("Ref %(ref)s is already used in row %(row)s") % {
                    "ref": reference,
                    "row": first,
                }
                errors.append(RowError(number, LABELS["ref"], message))
        if theme:
            # "General" and "GENERAL" are one theme, named as it was first written.
            theme = themes.setdefault(theme.casefold(), theme)
        rows.append(LogRow(number, reference, theme, comment, response))
    if errors:
        raise CommentLogError(errors)
    warnings = [
        _('The column "%(heading)s" was ignored') % {"heading": heading} for heading in ignored
    ]
    return CommentLog(rows=rows, themes=list(themes.values()), warnings=warnings)


def _unique_slug(title: str) -> str:
    base = slugify(title)[: MAX_SLUG - 6].strip("-") or "consultation"
    taken = set(Consultation.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, suffix = base, 2
    while slug in taken:
        slug, suffix = f"{base}-{suffix}", suffix + 1
    return slug


def _check_consultation(
    title: str, opens_at: datetime, closes_at: datetime, now: datetime
) -> list[RowError]:
    errors = []
    if not title:
        errors.append(RowError(0, _("Title"), _("Enter a title")))
    elif len(title) > MAX_TITLE:
        message = _("Title must be %(limit)s characters or fewer") % {"limit": MAX_TITLE}
        errors.append(RowError(0, _("Title"), message))
    if closes_at > now:
        errors.append(RowError(0, _("Closes"), _("The closing date must be in the past")))
    if opens_at >= closes_at:
        message = _("The opening date must be before the closing date")
        errors.append(RowError(0, _("Opens"), message))
    return errors


@transaction.atomic
def comment_log_import(
    *,
    actor: Any,
    area: PolicingArea,
    title: str,
    data: bytes,
    filename: str,
    opens_at: datetime | None = None,
    closes_at: datetime | None = None,
) -> Consultation:
    """Create a closed consultation, with its outcome published, from a comment log.

    ``actor`` is the person importing (``None`` only for a system import); they are
    recorded as having themed the comments and approved the responses. Raises
    :class:`CommentLogError` listing every problem; then nothing is written.
    """
    if actor is not None and not is_editor(actor):
        raise PermissionDenied(_("Only officers may import a comment log"))
    now = timezone.now()
    closes_at = closes_at or now - timedelta(days=1)
    opens_at = opens_at or closes_at - DEFAULT_LENGTH
    title = title.strip()
    problems = _check_consultation(title, opens_at, closes_at, now)
    try:
        log = read_comment_log(data=data, filename=filename)
    except CommentLogError as error:
        raise CommentLogError(problems + error.errors) from error
    if problems:
        raise CommentLogError(problems)

    reason = f"Imported from {filename}"[:100]

    def save(instance: Any) -> Any:
        instance._history_user = actor
        instance._change_reason = reason
        instance.save()
        return instance

    consultation = Consultation(
        area=area,
        title=title,
        slug=_unique_slug(title),
        opens_at=opens_at,
        closes_at=closes_at,
        analysis_started_at=now,
        outcome_published_at=now,
    )
    consultation.full_clean()
    save(consultation)
    themes = {
        name: save(Theme(consultation=consultation, name=name, order=order))
        for order, name in enumerate(log.themes, start=1)
    }
    for order, row in enumerate(log.rows, start=1):
        comment = save(
            Comment(
                consultation=consultation,
                reference=row.reference,
                text=row.comment,
                theme=themes[row.theme],
                themed_by=actor,
                themed_at=now,
                reviewed=True,
                order=order,
            )
        )
        if not row.response:
            continue
        # One response per comment, even where consecutive comments share the same words:
        # that is how the log was written, and it keeps each row's answer its own.
        office_response = save(
            OfficeResponse(
                consultation=consultation,
                text=row.response,
                outcome=infer_outcome(row.response),
                status=OfficeResponseStatus.PUBLISHED,
                approved_by=actor,
                approved_at=now,
            )
        )
        office_response.comments.add(comment)
    return consultation

"""Downloads for a consultation: every response (one row each, for analysis in a
spreadsheet), the analyst's view of every comment, and the published "you said, we did"
table (CSV, XLSX, or a Word document like seed 000's Appendix B).

Columns are stable: they follow the survey's question and option order, never the
answers received, so two downloads of the same survey line up column for column.
"""

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from commissioning.core.spreadsheets import CONTENT_TYPES as SPREADSHEET_TYPES
from commissioning.core.spreadsheets import write_csv, write_xlsx

from .models import (
    Answer,
    Consultation,
    Question,
    QuestionKind,
    Response,
    ResponseStatus,
)
from .outcomes import may_publish_comment, outcome_groups, published_groups

Cell = str | int | datetime | None
Table = tuple[list[str], list[list[Cell]]]

CONTENT_TYPES = {
    **SPREADSHEET_TYPES,
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
# A question's heading in a column name is cut short: the full text is in the survey.
HEADING_LENGTH = 80


def filename(consultation: Consultation, what: str, fmt: str) -> str:
    stem = slugify(consultation.title)[:60].strip("-") or f"consultation-{consultation.pk}"
    return f"{stem}-{what}.{fmt}"


# --- Responses -----------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    heading: str
    value: Callable[[Answer | None], Cell]


def question_heading(question: Question, number: int) -> str:
    code = question.code or f"Q{number}"
    text = " ".join(question.text.split())
    if len(text) > HEADING_LENGTH:
        text = text[: HEADING_LENGTH - 1].rstrip() + "…"
    return f"{code} {text}"


def _chosen_label(answer: Answer | None) -> Cell:
    if answer is None:
        return ""
    labels = [option.label for option in answer.choices.all()]
    if answer.other_text:
        labels.append("Other")
    return "; ".join(labels)


def _ticked(option_pk: int) -> Callable[[Answer | None], Cell]:
    def value(answer: Answer | None) -> Cell:
        return int(answer is not None and any(o.pk == option_pk for o in answer.choices.all()))

    return value


def _question_columns(question: Question, number: int) -> list[Column]:
    base = question_heading(question, number)
    kind = question.kind
    if kind in (QuestionKind.SHORT_TEXT, QuestionKind.LONG_TEXT):
        return [Column(base, lambda a: a.text if a else "")]
    columns: list[Column] = []
    if kind == QuestionKind.MULTIPLE:
        for option in question.options.all():
            columns.append(Column(f"{base} [{option.label}]", _ticked(option.pk)))
    else:
        columns.append(Column(base, _chosen_label))
    if question.has_other:
        columns.append(Column(f"{base} [Other]", lambda a: a.other_text if a else ""))
    if kind == QuestionKind.SINGLE_WITH_COMMENT:
        label = question.comment_label or "Comments"
        columns.append(Column(f"{base} [{label}]", lambda a: a.text if a else ""))
    return columns


def _local(moment: datetime | None) -> datetime | None:
    # Spreadsheets have no time zones: show the time as it was in the UK.
    return timezone.localtime(moment).replace(tzinfo=None) if moment else None


def responses_table(consultation: Consultation) -> Table:
    """One row per submitted response, for staff: the organisation is named, and the
    respondent's choice about publication is given, so that the published table (not this
    export) is where consent is applied. It re-imports through response_import."""
    questions = list(
        Question.objects.filter(section__consultation=consultation).prefetch_related("options")
    )
    # Each column with the question whose answer it reads.
    columns = [
        (column, question.pk)
        for number, question in enumerate(questions, start=1)
        for column in _question_columns(question, number)
    ]
    responses = (
        Response.objects.filter(consultation=consultation, status=ResponseStatus.SUBMITTED)
        .order_by("submitted_at", "pk")
        .prefetch_related(Prefetch("answers", queryset=Answer.objects.prefetch_related("choices")))
    )
    headers = [
        "Reference",
        "Submitted",
        "Received by",
        "Responding as",
        "Organisation",
        "Consent to publish",
        *[column.heading for column, _pk in columns],
    ]
    rows: list[list[Cell]] = []
    for response in responses:
        answers = {answer.question_id: answer for answer in response.answers.all()}
        rows.append(
            [
                response.reference,
                _local(response.submitted_at),
                response.get_channel_display(),
                response.get_respondent_type_display(),
                response.organisation_name,
                response.get_publish_consent_display(),
                *[column.value(answers.get(pk)) for column, pk in columns],
            ]
        )
    return headers, rows


# --- The analyst's view ----------------------------------------------------------------


def analysis_table(consultation: Consultation) -> Table:
    """One row per comment, numbered as on the outcome page, with its theme, notes and
    the office's response."""
    headers = [
        "Number",
        "Comment reference",
        "Response reference",
        "Question",
        "Theme",
        "Reviewed",
        "Comment",
        "Text for publication",
        "Why redacted",
        "Analyst's notes",
        "May be published",
        "Our response",
        "Outcome",
        "Response status",
    ]
    rows: list[list[Cell]] = []
    for group in outcome_groups(consultation):
        for row in group.rows:
            comment, office_response = row.comment, row.office_response
            answer = comment.answer
            rows.append(
                [
                    row.number,
                    comment.reference,
                    answer.response.reference if answer else "",
                    str(answer.question) if answer else "",
                    group.theme.name if group.theme else "",
                    "Yes" if comment.reviewed else "No",
                    comment.text,
                    comment.redacted_text,
                    comment.redaction_reason,
                    comment.notes,
                    "Yes" if may_publish_comment(comment) else "No",
                    office_response.text if office_response else "",
                    office_response.get_outcome_display() if office_response else "",
                    office_response.get_status_display() if office_response else "",
                ]
            )
    return headers, rows


# --- The published table ---------------------------------------------------------------


def outcome_table(consultation: Consultation) -> Table:
    headers = [_("Number"), _("Theme"), _("Comment"), _("From"), _("Our response")]
    rows: list[list[Cell]] = []
    for group in published_groups(consultation):
        for row in group.rows:
            rows.append(
                [
                    row.number,
                    group.theme.name if group.theme else _("Other comments"),
                    row.comment.published_text,
                    row.attribution,
                    row.office_response.text if row.office_response else "",
                ]
            )
    return headers, rows


def outcome_docx(consultation: Consultation) -> bytes:
    """A Word document: a heading per theme, each with a real table (comment number,
    comment, our response) whose heading row repeats on every page."""
    from docx import Document
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = Document()
    document.core_properties.title = _("%(title)s: you said, we did") % {
        "title": consultation.title
    }
    document.add_heading(consultation.title, level=0)
    document.add_paragraph(
        _("The comments received in the consultation, grouped by theme, with our response to each.")
    )
    for group in published_groups(consultation):
        document.add_heading(group.theme.name if group.theme else _("Other comments"), level=1)
        table = document.add_table(rows=1, cols=3)
        table.style = "Table Grid"
        header = table.rows[0]
        for cell, text in zip(
            header.cells, (_("No."), _("Comment"), _("Our response")), strict=True
        ):
            cell.text = ""
            cell.paragraphs[0].add_run(text).bold = True
        # Mark the first row as a header row (read out as such, repeated across pages).
        properties = header._tr.get_or_add_trPr()
        marker = OxmlElement("w:tblHeader")
        marker.set(qn("w:val"), "true")
        properties.append(marker)
        for row in group.rows:
            cells = table.add_row().cells
            cells[0].text = str(row.number)
            cells[1].text = row.comment.published_text
            if row.attribution:
                cells[1].add_paragraph(_("From: %(who)s") % {"who": row.attribution})
            cells[2].text = row.office_response.text if row.office_response else ""
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# --- Writing tables --------------------------------------------------------------------


def to_csv(table: Table) -> bytes:
    headers, rows = table
    return write_csv(headers, rows)


def to_xlsx(table: Table, title: str, widths: Sequence[int] = ()) -> bytes:
    headers, rows = table
    return write_xlsx(headers, rows, title=title, widths=widths)


def render_table(table: Table, fmt: str, title: str, widths: Sequence[int] = ()) -> bytes:
    return to_xlsx(table, title, widths) if fmt == "xlsx" else to_csv(table)

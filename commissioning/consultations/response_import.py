"""Importing responses from a spreadsheet: responses collected on paper or by another
survey tool, typed into the layout the responses export writes (so an export re-imports).

Every row is checked before anything is written: one bad row and nothing is imported,
and the officer sees every problem with its row and column. Headings name the questions
as the export writes them; a column the import does not know is an error rather than
being skipped, so a mistyped heading never loses answers silently.
"""

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from commissioning.core.spreadsheets import SpreadsheetError, cell_text, read_rows

from . import services
from .comment_log import RowError
from .exports import question_heading
from .models import (
    TEXT_KINDS,
    Channel,
    Consultation,
    PublishConsent,
    Question,
    QuestionKind,
    RespondentType,
    Response,
)

# The export's own columns about the response. "Reference" is read only to refuse a
# response imported twice; the imported response gets a reference of its own.
REFERENCE = "Reference"
SUBMITTED = "Submitted"
CHANNEL = "Received by"
RESPONDING_AS = "Responding as"
ORGANISATION = "Organisation"
# Not in the export (which shows an organisation only where it may be named): without
# it, a named organisation has consented to be named, and anyone else to nothing.
CONSENT = "Consent to publish"
RESPONSE_COLUMNS = (REFERENCE, SUBMITTED, CHANNEL, RESPONDING_AS, ORGANISATION, CONSENT)
TICKED = {"1": True, "1.0": True, "0": False, "0.0": False, "": False}
DATE_FORMATS = ("%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d", "%d/%m/%Y %H:%M", "%d/%m/%Y")


class ResponseImportError(Exception):
    """Nothing was imported. ``errors`` lists every problem found."""

    def __init__(self, errors: list[RowError]) -> None:
        self.errors = errors
        super().__init__(_("The responses were not imported"))


@dataclass
class _Slot:
    """What one column holds: a question's answer ("answer"), one option's tick
    ("option"), the "Other" text ("other") or the comment on a choice ("comment")."""

    question: Question
    part: str
    code: str  # how errors name the question: its code, or Q<number> as the export does
    name: str  # how errors name the column: the code, with [option] where there is one
    option_pk: int | None = None


@dataclass
class _Row:
    number: int
    received_at: datetime
    channel: str
    respondent_type: str
    organisation_name: str
    publish_consent: str
    answers: dict[int, dict[str, Any]] = field(default_factory=dict)


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def _accepted(choices: Any) -> dict[str, str]:
    """A choice's value and its label, either accepted, case-insensitively."""
    accepted = {_key(str(label)): value for value, label in choices.choices}
    accepted.update({_key(value): value for value in choices.values})
    return accepted


def _slots(questions: list[Question]) -> dict[str, _Slot]:
    """Every heading the export writes for these questions (numbered as it numbers them)."""
    slots: dict[str, _Slot] = {}
    for number, question in enumerate(questions, start=1):
        base = question_heading(question, number)
        name = question.code or f"Q{number}"
        if question.kind in TEXT_KINDS:
            slots[_key(base)] = _Slot(question, "answer", name, name)
            continue
        if question.kind == QuestionKind.MULTIPLE:
            for option in question.options.all():
                slots[_key(f"{base} [{option.label}]")] = _Slot(
                    question, "option", name, f"{name} [{option.label}]", option.pk
                )
        else:
            slots[_key(base)] = _Slot(question, "answer", name, name)
        if question.has_other:
            slots[_key(f"{base} [Other]")] = _Slot(question, "other", name, f"{name} [Other]")
        if question.kind == QuestionKind.SINGLE_WITH_COMMENT:
            label = question.comment_label or "Comments"
            slots[_key(f"{base} [{label}]")] = _Slot(question, "comment", name, f"{name} [{label}]")
    return slots


def _received_at(value: Any) -> datetime | None:
    """The export writes UK local time without a zone; XLSX gives a datetime."""
    if isinstance(value, datetime):
        moment = value
    else:
        text = cell_text(value)
        for fmt in DATE_FORMATS:
            try:
                moment = datetime.strptime(text, fmt).replace(
                    tzinfo=timezone.get_current_timezone()
                )
                break
            except ValueError:
                continue
        else:
            return None
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


class _Reader:
    def __init__(self, consultation: Consultation, rows: list[list[Any]]) -> None:
        self.consultation = consultation
        self.errors: list[RowError] = []
        self.now = timezone.now()
        questions = list(
            Question.objects.filter(section__consultation=consultation).prefetch_related("options")
        )
        self.slots = _slots(questions)
        self.headings = [cell_text(h) for h in rows[0]]
        self.rows = rows[1:]
        self.columns = self._columns()
        self.existing = set(
            Response.objects.filter(consultation=consultation).values_list("reference", flat=True)
        )
        self.references: set[str] = set()

    def error(self, row: int, column: str, message: str) -> None:
        self.errors.append(RowError(row, column, message))

    def _columns(self) -> dict[int, str | _Slot]:
        columns: dict[int, str | _Slot] = {}
        seen: set[str] = set()
        known = {_key(name): name for name in RESPONSE_COLUMNS}
        for index, heading in enumerate(self.headings):
            key = _key(heading)
            if not key:
                continue
            if key in seen:
                self.error(0, heading, _("this heading appears more than once"))
                continue
            seen.add(key)
            if key in known:
                columns[index] = known[key]
            elif key in self.slots:
                columns[index] = self.slots[key]
            else:
                self.error(
                    0,
                    heading,
                    _(
                        "this heading does not match a question in this consultation; "
                        "use the headings of the responses download"
                    ),
                )
        return columns

    def read(self) -> list[_Row]:
        read = []
        for number, cells in enumerate(self.rows, start=2):
            if not any(cell_text(cell) for cell in cells):
                continue  # a blank line, often at the end of a file
            values: dict[str | int, Any] = {}
            for index, column in self.columns.items():
                cell = cells[index] if index < len(cells) else None
                values[column if isinstance(column, str) else id(column)] = cell
            row = self._row(number, values)
            if row is not None:
                read.append(row)
        return read

    def _choice(self, number: int, column: str, text: str, choices: Any) -> str:
        value = _accepted(choices).get(_key(text))
        if value is None:
            labels = ", ".join(str(label) for label in choices.labels)
            self.error(
                number,
                column,
                _("“%(text)s” is not one of: %(labels)s") % {"text": text, "labels": labels},
            )
            return ""
        return str(value)

    def _row(self, number: int, values: dict[str | int, Any]) -> _Row | None:
        before = len(self.errors)

        def text(name: str) -> str:
            return cell_text(values.get(name))

        reference = text(REFERENCE)
        if reference and (reference in self.existing or reference in self.references):
            self.error(
                number,
                REFERENCE,
                _("response %(reference)s has already been imported into this consultation")
                % {"reference": reference},
            )
        if reference:
            self.references.add(reference)
        received_at = self.now
        if text(SUBMITTED):
            parsed = _received_at(values.get(SUBMITTED))
            if parsed is None:
                self.error(number, SUBMITTED, _("enter a date like 2017-02-03 or 3/2/2017"))
            elif parsed > self.now:
                self.error(number, SUBMITTED, _("the date must be today or in the past"))
            else:
                received_at = parsed
        channel: str = Channel.IMPORT
        if text(CHANNEL):
            channel = self._choice(number, CHANNEL, text(CHANNEL), Channel) or channel
            if channel == Channel.ONLINE and self.consultation.status_at(received_at) != "open":
                self.error(
                    number,
                    CHANNEL,
                    _("an online response must have been sent while the consultation was open"),
                )
        organisation = text(ORGANISATION)
        respondent_type: str = (
            RespondentType.ORGANISATION if organisation else RespondentType.INDIVIDUAL
        )
        if text(RESPONDING_AS):
            respondent_type = self._choice(
                number, RESPONDING_AS, text(RESPONDING_AS), RespondentType
            )
        if respondent_type == RespondentType.ORGANISATION and not organisation:
            self.error(
                number,
                ORGANISATION,
                _("enter the organisation’s name: a response for an organisation needs one"),
            )
        consent: str = PublishConsent.WITH_NAME if organisation else PublishConsent.NO
        if text(CONSENT):
            consent = self._choice(number, CONSENT, text(CONSENT), PublishConsent)
        row = _Row(number, received_at, channel, respondent_type, organisation, consent)
        self._answers(row, values)
        return row if len(self.errors) == before else None

    def _answers(self, row: _Row, values: dict[str | int, Any]) -> None:
        slots = [c for c in self.columns.values() if isinstance(c, _Slot)]
        for slot in slots:
            value = cell_text(values.get(id(slot)))
            if not value:
                continue
            question = slot.question
            if question.analyst_only:
                self.error(row.number, slot.name, _("this question is for analysts to answer"))
                continue
            answer = row.answers.setdefault(
                question.pk, {"choices": [], "other_text": "", "text": ""}
            )
            if slot.part == "option":
                ticked = TICKED.get(value.casefold())
                if ticked is None:
                    self.error(
                        row.number,
                        slot.name,
                        _("enter 1 if this option was chosen or 0 if not, not “%(value)s”")
                        % {"value": value},
                    )
                elif ticked:
                    answer["choices"].append(str(slot.option_pk))
            elif slot.part == "other":
                answer["other_text"] = value
                if services.OTHER not in answer["choices"]:
                    answer["choices"].append(services.OTHER)
            elif slot.part == "comment" or question.kind in TEXT_KINDS:
                answer["text"] = value
            else:
                self._single(row, slot, value, answer)
        for slot in slots:
            given = row.answers.get(slot.question.pk)
            if given is not None and slot.part in ("answer", "option"):
                self._check(row, slot, given)

    def _single(self, row: _Row, slot: _Slot, value: str, answer: dict[str, Any]) -> None:
        options = {_key(option.label): option for option in slot.question.options.all()}
        option = options.get(_key(value))
        if option is not None:
            answer["choices"].append(str(option.pk))
        elif slot.question.has_other and _key(value) == _key("Other"):
            if services.OTHER not in answer["choices"]:
                answer["choices"].append(services.OTHER)
        else:
            labels = [o.label for o in slot.question.options.all()]
            if slot.question.has_other:
                labels.append("Other")
            self.error(
                row.number,
                slot.name,
                _("“%(value)s” is not one of the options: %(labels)s")
                % {"value": value, "labels": ", ".join(labels)},
            )

    def _check(self, row: _Row, slot: _Slot, answer: dict[str, Any]) -> None:
        """What answer_save would refuse, found before anything is written (once per
        question)."""
        if answer.get("checked"):
            return
        answer["checked"] = True
        question, name = slot.question, slot.code
        chosen = answer["choices"]
        if question.kind != QuestionKind.MULTIPLE and len(chosen) > 1:
            self.error(row.number, name, _("choose one option only"))
        elif question.max_choices and len(chosen) > question.max_choices:
            self.error(
                row.number,
                name,
                _("choose no more than %(count)s options") % {"count": question.max_choices},
            )
        if services.OTHER in chosen and not answer["other_text"]:
            self.error(row.number, f"{name} [Other]", _("say what the other answer is"))


def read_responses(*, consultation: Consultation, data: bytes, filename: str) -> list[_Row]:
    """Every row, checked; raises ResponseImportError listing every problem."""
    try:
        rows = read_rows(data, filename)
    except SpreadsheetError as error:
        raise ResponseImportError([RowError(0, "", str(error))]) from error
    if not rows or not any(cell_text(cell) for cell in rows[0]):
        raise ResponseImportError([RowError(0, "", _("The first row must hold the headings"))])
    reader = _Reader(consultation, rows)
    read = reader.read()
    if not reader.errors and not read:
        reader.error(0, "", _("The file has headings but no responses"))
    if reader.errors:
        raise ResponseImportError(reader.errors)
    return read


@transaction.atomic
def responses_import(
    *, actor: Any, consultation: Consultation, data: bytes, filename: str
) -> list[Response]:
    """Create one submitted response per row, or nothing at all. Each is entered by
    ``actor`` and need not answer every required question (a paper form answers what its
    writer chose to answer)."""
    if consultation.outcome_published_at is not None:
        raise ResponseImportError(
            [
                RowError(
                    0,
                    "",
                    _(
                        "The outcome of this consultation has been published: "
                        "responses can no longer be added"
                    ),
                )
            ]
        )
    rows = read_responses(consultation=consultation, data=data, filename=filename)
    questions = {
        q.pk: q
        for q in Question.objects.filter(section__consultation=consultation).select_related(
            "section"
        )
    }
    created = []
    for row in rows:
        try:
            created.append(_create(actor, consultation, row, questions))
        except ValidationError as error:
            # Checked above; kept so that a rule the checks missed still stops the import.
            raise ResponseImportError(
                [RowError(row.number, "", message) for message in error.messages]
            ) from error
    return created


def _create(
    actor: Any, consultation: Consultation, row: _Row, questions: dict[int, Question]
) -> Response:
    response = Response(
        consultation=consultation,
        channel=row.channel,
        entered_by=actor,
        started_at=row.received_at,
    )
    response._history_user = actor  # type: ignore[attr-defined]
    response._change_reason = "Imported from a spreadsheet"  # type: ignore[attr-defined]
    response.full_clean()
    response.save()
    for pk, answer in row.answers.items():
        if not (answer["choices"] or answer["text"]):
            continue  # every option column 0: the question was not answered
        services.answer_save(
            response=response,
            question=questions[pk],
            choices=answer["choices"],
            other_text=answer["other_text"],
            text=answer["text"],
        )
    return services.response_submit(
        response=response,
        submission_key=uuid.uuid4(),
        respondent_type=row.respondent_type,
        publish_consent=row.publish_consent,
        organisation_name=row.organisation_name,
        channel=row.channel,
        entered_by=actor,
        now=row.received_at,
        check_required=False,
    )

"""Importing responses from a spreadsheet in the responses download's layout: a download
re-imports; one bad row and nothing is written, every problem named by row and column."""

import uuid
from typing import Any

import pytest
from django.utils import timezone

from commissioning.consultations import services
from commissioning.consultations.exports import responses_table, to_csv, to_xlsx
from commissioning.consultations.models import (
    Channel,
    Comment,
    Consultation,
    PublishConsent,
    Question,
    QuestionKind,
    RespondentType,
    Response,
)
from commissioning.consultations.response_import import ResponseImportError, responses_import
from commissioning.consultations.seed_survey import build_seed_002_survey
from commissioning.core.roles import Role
from tests.consultations.factories import ConsultationFactory

pytestmark = pytest.mark.django_db

Q1 = "Q1 Do you support the proposed significant changes listed above?"
Q2A = "Q2 a) Have you been a PCC grant recipient in the past?"


@pytest.fixture
def officer(make_user):
    return make_user(Role.COMMISSIONING_OFFICER)


def seeded(actor: Any) -> Consultation:
    """The seed 002 survey plus a question with "Other", as the last column."""
    consultation: Consultation = ConsultationFactory()  # type: ignore[assignment]
    build_seed_002_survey(actor=actor, consultation=consultation)
    section = consultation.sections.order_by("-order")[0]
    services.question_create(
        actor=actor,
        section=section,
        code="Q5",
        kind=QuestionKind.MULTIPLE,
        text="How did you hear about the consultation?",
        options=["Newsletter", "Website"],
        has_other=True,
    )
    return consultation


def question(consultation: Consultation, code: str) -> Question:
    return Question.objects.get(section__consultation=consultation, code=code)


def respond(consultation: Consultation, answers: dict[str, dict[str, Any]], **about: Any) -> None:
    response = services.response_start(consultation=consultation)
    for code, given in answers.items():
        q = question(consultation, code)
        labels = given.pop("labels", [])
        choices = [str(o.pk) for o in q.options.all() if o.label in labels]
        if "Other" in labels:
            choices.append(services.OTHER)
        services.answer_save(response=response, question=q, choices=choices, **given)
    about.setdefault("respondent_type", RespondentType.INDIVIDUAL)
    about.setdefault("publish_consent", PublishConsent.ANONYMOUS)
    services.response_submit(response=response, submission_key=uuid.uuid4(), **about)


def without_references(table: tuple[list[str], list[list[Any]]]) -> list[list[str]]:
    rows = [line.split(",") for line in to_csv(table).decode("utf-8-sig").splitlines()]
    return [row[1:] for row in rows]


def csv_file(rows: list[list[str]]) -> bytes:
    return "\r\n".join(",".join(f'"{cell}"' for cell in row) for row in rows).encode()


@pytest.fixture
def answered(officer):
    source = seeded(officer)
    respond(
        source,
        {
            "Q1": {"labels": ["Partially support"], "text": "Keep the youth fund, please"},
            "Q2 a)": {"labels": ["Yes"]},
            "Q2 c)": {"labels": ["Being open for bids throughout the year"]},
            "Q4": {"text": "=Formula-looking text, and a comma"},
            "Q5": {"labels": ["Website", "Other"], "other_text": "A friend told me"},
        },
    )
    respond(
        source,
        {"Q3 a)": {"labels": ["Do not support"]}},
        respondent_type=RespondentType.ORGANISATION,
        organisation_name="Victim Support",
        publish_consent=PublishConsent.WITH_NAME,
    )
    return source


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_download_of_responses_reimports_into_the_same_survey(officer, answered, fmt):
    table = responses_table(answered)
    data = to_csv(table) if fmt == "csv" else to_xlsx(table, "Responses")
    target = seeded(officer)

    created = responses_import(
        actor=officer, consultation=target, data=data, filename=f"responses.{fmt}"
    )

    assert len(created) == 2
    assert without_references(responses_table(target)) == without_references(table)
    imported = Response.objects.get(consultation=target, organisation_name="Victim Support")
    assert imported.entered_by == officer
    assert imported.channel == Channel.ONLINE  # as the "Received by" column says
    assert imported.publish_consent == PublishConsent.WITH_NAME
    # Written answers become comments for analysis, as for any response.
    texts = set(Comment.objects.filter(consultation=target).values_list("text", flat=True))
    assert texts == {
        "Keep the youth fund, please",
        "=Formula-looking text, and a comma",
        "A friend told me",
    }


def test_rows_without_a_channel_are_imported_with_fresh_keys(officer):
    consultation = seeded(officer)
    data = csv_file(
        [
            [Q1, f"{Q1}  [comments]", Q2A],  # headings match whatever their case and spaces
            ["fully SUPPORT", "Paper form", ""],
            ["", "", "No"],
        ]
    )

    created = responses_import(
        actor=officer, consultation=consultation, data=data, filename="x.csv"
    )

    assert [r.channel for r in created] == [Channel.IMPORT, Channel.IMPORT]
    assert len({r.submission_key for r in created}) == 2
    assert all(r.publish_consent == PublishConsent.NO for r in created)  # nobody said yes
    first = created[0].answers.get()
    assert [o.label for o in first.choices.all()] == ["Fully support"]
    assert first.text == "Paper form"


def test_one_bad_row_imports_nothing_and_every_problem_is_listed(officer):
    consultation = seeded(officer)
    q5 = "Q5 How did you hear about the consultation?"
    data = csv_file(
        [
            [Q1, Q2A, f"{q5} [Website]", f"{q5} [Other]", "Responding as", "Received by"],
            ["Fully support", "Yes", "1", "", "", "Letter"],
            ["Fully supports", "Yes", "yes", "", "", ""],
            ["", "Maybe", "0", "", "On behalf of an organisation", "Pigeon"],
        ]
    )

    with pytest.raises(ResponseImportError) as raised:
        responses_import(actor=officer, consultation=consultation, data=data, filename="x.csv")

    assert [str(e) for e in raised.value.errors] == [
        "Row 3, Q1: “Fully supports” is not one of the options: "
        "Fully support, Partially support, Do not support",
        "Row 3, Q5 [Website]: enter 1 if this option was chosen or 0 if not, not “yes”",
        "Row 4, Received by: “Pigeon” is not one of: Online, E-mail, Letter, Meeting, Imported",
        "Row 4, Organisation: enter the organisation’s name: a response for an "
        "organisation needs one",
        "Row 4, Q2 a): “Maybe” is not one of the options: Yes, No",
    ]
    assert not Response.objects.filter(consultation=consultation).exists()


def test_unknown_headings_and_whole_file_problems_are_errors(officer):
    consultation = seeded(officer)

    with pytest.raises(ResponseImportError) as raised:
        responses_import(
            actor=officer,
            consultation=consultation,
            data=csv_file([[Q1, "Q1 Do you support it?"], ["Fully support", "x"]]),
            filename="x.csv",
        )
    assert [e.column for e in raised.value.errors] == ["Q1 Do you support it?"]

    with pytest.raises(ResponseImportError) as raised:
        responses_import(actor=officer, consultation=consultation, data=b"x", filename="x.pdf")
    assert str(raised.value.errors[0]) == "The selected file must be a CSV or XLSX"
    assert not Response.objects.filter(consultation=consultation).exists()


def test_answers_are_checked_as_the_survey_checks_them(officer):
    consultation = seeded(officer)
    q5 = "Q5 How did you hear about the consultation?"
    data = csv_file(
        [
            [Q1, f"{q5} [Other]", "Submitted"],
            ["Other", "", "2999-01-01"],
            ["", "", "last week"],
        ]
    )

    with pytest.raises(ResponseImportError) as raised:
        responses_import(actor=officer, consultation=consultation, data=data, filename="x.csv")

    assert [str(e) for e in raised.value.errors] == [
        "Row 2, Submitted: the date must be today or in the past",
        "Row 2, Q1: “Other” is not one of the options: "
        "Fully support, Partially support, Do not support",
        "Row 3, Submitted: enter a date like 2017-02-03 or 3/2/2017",
    ]


def test_a_response_already_imported_is_refused(officer, answered):
    data = to_csv(responses_table(answered))

    with pytest.raises(ResponseImportError) as raised:
        responses_import(actor=officer, consultation=answered, data=data, filename="x.csv")

    assert [e.column for e in raised.value.errors] == ["Reference", "Reference"]
    assert Response.objects.filter(consultation=answered).count() == 2


def test_nothing_is_imported_once_the_outcome_is_published(officer):
    consultation = seeded(officer)
    consultation.outcome_published_at = timezone.now()
    consultation.save()

    with pytest.raises(ResponseImportError):
        responses_import(
            actor=officer,
            consultation=consultation,
            data=csv_file([[Q2A], ["Yes"]]),
            filename="x.csv",
        )
    assert not Response.objects.filter(consultation=consultation).exists()

"""Downloads: every response (stable columns, 0/1 per option, Other text), the analyst's
view, and the published table as CSV, XLSX and a Word document."""

import csv
import datetime as dt
import io
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from docx import Document
from openpyxl import load_workbook

from commissioning.consultations.exports import analysis_table, responses_table
from commissioning.consultations.models import (
    Answer,
    Comment,
    Consultation,
    PublishConsent,
    QuestionKind,
    RespondentType,
    Theme,
)
from commissioning.consultations.outcomes import (
    comment_redact,
    consultation_publish_outcome,
    office_response_approve,
    office_response_create,
)
from commissioning.core.roles import Role
from tests.consultations.factories import (
    OptionFactory,
    QuestionFactory,
    ResponseFactory,
    SectionFactory,
)
from tests.consultations.test_outcomes import add_comment, closed_consultation
from tests.consultations.test_views_outcome import COMMENT_COUNT, THEME_COUNT, comment_log

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(make_user):
    return make_user(Role.COMMISSIONING_OFFICER)


def _csv(content: bytes) -> list[list[str]]:
    assert content.startswith(b"\xef\xbb\xbf")  # a byte-order mark, for Excel
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def _survey(consultation: Consultation) -> dict[str, Any]:
    """Questions of every kind, created out of order to show columns follow the survey."""
    second = SectionFactory(consultation=consultation, order=2)
    first = SectionFactory(consultation=consultation, order=1)
    comment_q = QuestionFactory(
        section=second,
        code="Q3",
        text="Do you support the grant?",
        kind=QuestionKind.SINGLE_WITH_COMMENT,
        comment_label="Why?",
        order=1,
    )
    single = QuestionFactory(
        section=first, code="Q1", text="Do you support it?", kind=QuestionKind.SINGLE, order=1
    )
    multiple = QuestionFactory(
        section=first,
        code="Q2",
        text="Which areas?",
        kind=QuestionKind.MULTIPLE,
        has_other=True,
        order=2,
    )
    text = QuestionFactory(section=second, code="Q4", text="Anything else?", order=2)
    options = {
        "fully": OptionFactory(question=single, label="Fully support", order=1),
        "not": OptionFactory(question=single, label="Do not support", order=2),
        # Created in reverse: the option's order decides its column, not its id.
        "rutland": OptionFactory(question=multiple, label="Rutland", order=2),
        "city": OptionFactory(question=multiple, label="Leicester City", order=1),
        "yes": OptionFactory(question=comment_q, label="Yes", order=1),
        "no": OptionFactory(question=comment_q, label="No", order=2),
    }
    return {
        "single": single,
        "multiple": multiple,
        "comment": comment_q,
        "text": text,
        **options,
    }


def _answer(response, question, options=(), **fields) -> Answer:
    answer = Answer.objects.create(response=response, question=question, **fields)
    answer.choices.set(options)
    return answer


# --- Every response ----------------------------------------------------------------------


def test_response_columns_follow_the_survey_with_one_column_per_option():
    consultation = closed_consultation()
    _survey(consultation)

    headers, rows = responses_table(consultation)

    assert headers == [
        "Reference",
        "Submitted",
        "Received by",
        "Responding as",
        "Organisation",
        "Consent to publish",
        "Q1 Do you support it?",
        "Q2 Which areas? [Leicester City]",
        "Q2 Which areas? [Rutland]",
        "Q2 Which areas? [Other]",
        "Q3 Do you support the grant?",
        "Q3 Do you support the grant? [Why?]",
        "Q4 Anything else?",
    ]
    assert rows == []


def test_each_response_is_one_row_of_labels_ticks_other_text_and_comments(
    django_assert_num_queries,
):
    consultation = closed_consultation()
    survey = _survey(consultation)
    full = ResponseFactory(
        consultation=consultation,
        respondent_type=RespondentType.ORGANISATION,
        organisation_name="Age UK",
        publish_consent=PublishConsent.WITH_NAME,
        submitted_at=timezone.now() - dt.timedelta(hours=2),
    )
    _answer(full, survey["single"], [survey["fully"]])
    _answer(full, survey["multiple"], [survey["rutland"]], other_text="=HYPERLINK(1)")
    _answer(full, survey["comment"], [survey["no"]], text="Too small")
    _answer(full, survey["text"], text="More for victims")
    sparse = ResponseFactory(
        consultation=consultation,
        respondent_type=RespondentType.ORGANISATION,
        organisation_name="Secret Society",
        publish_consent=PublishConsent.ANONYMOUS,
    )
    _answer(sparse, survey["multiple"], [survey["city"], survey["rutland"]])
    ResponseFactory(consultation=consultation, status="draft")  # not submitted: left out
    for _ in range(10):
        ResponseFactory(consultation=consultation)

    # Questions, options; responses, answers, choices: the same for 12 responses as for 1.
    with django_assert_num_queries(5):
        _headers, rows = responses_table(consultation)

    assert len(rows) == 12
    assert rows[0][0] == full.reference
    assert rows[0][2:] == [
        "Online",
        "On behalf of an organisation",
        "Age UK",
        "Yes, with my name or organisation",
        "Fully support",
        0,
        1,
        "=HYPERLINK(1)",
        "No",
        "Too small",
        "More for victims",
    ]
    # Staff see the organisation and the consent given (the published table applies it);
    # unanswered questions are blank and unticked options 0.
    assert rows[1][4:] == ["Secret Society", "Yes, but without my name", "", 1, 1, "", "", "", ""]


def test_the_csv_download_neutralises_formulas_and_the_xlsx_keeps_text_as_text(login, officer):
    consultation = closed_consultation()
    survey = _survey(consultation)
    response = ResponseFactory(consultation=consultation)
    _answer(response, survey["multiple"], [], other_text="=HYPERLINK(1)")
    client = login(officer)

    download = client.get(reverse("consultations:response-export", args=[consultation.pk, "csv"]))
    assert download["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="' in download["Content-Disposition"]
    rows = _csv(download.content)
    assert rows[1][9] == "'=HYPERLINK(1)"

    download = client.get(reverse("consultations:response-export", args=[consultation.pk, "xlsx"]))
    sheet = load_workbook(io.BytesIO(download.content)).active
    assert sheet.cell(row=2, column=10).value == "=HYPERLINK(1)"
    assert sheet.cell(row=2, column=10).data_type == "s"
    assert sheet.cell(row=2, column=8).value == 0


# --- The analyst's view ------------------------------------------------------------------


def test_the_analysis_export_has_a_row_per_comment_with_theme_notes_and_response(officer):
    consultation = closed_consultation()
    theme = Theme.objects.create(consultation=consultation, name="VICTIMS", order=1)
    comment = add_comment(consultation, "More for victims", theme=theme, consent="no")
    comment.notes = "Check with the victims' lead"
    comment.save()
    add_comment(consultation, "Unthemed")
    office_response_create(
        actor=officer,
        consultation=consultation,
        comments=[comment],
        text="Agreed.",
        outcome="agreed",
    )

    headers, rows = analysis_table(consultation)

    by_heading = [dict(zip(headers, row, strict=True)) for row in rows]
    assert by_heading[0]["Number"] == 1
    assert by_heading[0]["Theme"] == "VICTIMS"
    assert by_heading[0]["Analyst's notes"] == "Check with the victims' lead"
    assert by_heading[0]["May be published"] == "No"
    assert by_heading[0]["Our response"] == "Agreed."
    assert by_heading[0]["Response status"] == "Draft"
    assert by_heading[0]["Response reference"] == comment.answer.response.reference
    assert by_heading[1]["Theme"] == ""
    assert by_heading[1]["Our response"] == ""


# --- The published table -----------------------------------------------------------------


@pytest.fixture
def imported(officer):
    from commissioning.consultations.comment_log import comment_log_import
    from tests.factories import PolicingAreaFactory

    return comment_log_import(
        actor=officer,
        area=PolicingAreaFactory(),
        title="Commissioning framework 2014/15",
        data=comment_log(),
        filename="log.csv",
    )


PUBLISHED = COMMENT_COUNT - COMMENT_COUNT // 7


def test_the_outcome_downloads_match_the_published_table(
    login, officer, imported, django_assert_num_queries
):
    first = Comment.objects.get(consultation=imported, reference="1")
    comment_redact(actor=officer, comment=first, redacted_text="[removed]", reason="Names")
    client = login(officer)
    url = reverse("consultations:outcome-export", args=[imported.pk, "csv"])

    # Session, user, device; consultation; comments, published responses.
    with django_assert_num_queries(6):
        rows = _csv(client.get(url).content)

    assert rows[0] == ["Number", "Theme", "Comment", "From", "Our response"]
    assert len(rows) == PUBLISHED + 1
    assert rows[1] == ["1", "THEME 01", "[removed]", "", "Agreed. Change 1 made."]
    assert [int(row[0]) for row in rows[1:]] == list(range(1, PUBLISHED + 1))

    sheet = load_workbook(
        io.BytesIO(
            client.get(reverse("consultations:outcome-export", args=[imported.pk, "xlsx"])).content
        )
    ).active
    assert sheet.max_row == PUBLISHED + 1
    assert sheet.cell(row=2, column=3).value == "[removed]"


def test_the_word_document_has_a_numbered_table_per_theme(login, officer, imported):
    client = login(officer)
    download = client.get(reverse("consultations:outcome-export", args=[imported.pk, "docx"]))
    assert download["Content-Type"].startswith("application/vnd.openxmlformats")

    document = Document(io.BytesIO(download.content))

    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == [f"THEME {n:02d}" for n in [*range(1, THEME_COUNT), 0]]
    assert len(document.tables) == THEME_COUNT
    first = document.tables[0]
    assert [cell.text for cell in first.rows[0].cells] == ["No.", "Comment", "Our response"]
    assert [cell.text for cell in first.rows[1].cells] == [
        "1",
        "Comment number 1",
        "Agreed. Change 1 made.",
    ]
    numbers = [int(row.cells[0].text) for table in document.tables for row in table.rows[1:]]
    assert numbers == list(range(1, PUBLISHED + 1))


def test_the_outcome_download_waits_for_publication(login, officer):
    consultation = closed_consultation()
    comment = add_comment(consultation)
    client = login(officer)
    url = reverse("consultations:outcome-export", args=[consultation.pk, "docx"])
    assert client.get(url).status_code == 404

    office_response_approve(
        actor=officer,
        office_response=office_response_create(
            actor=officer,
            consultation=consultation,
            comments=[comment],
            text="Noted.",
            outcome="noted",
        ),
    )
    consultation_publish_outcome(actor=officer, consultation=consultation)
    assert client.get(url).status_code == 200


def test_an_unknown_format_is_not_found(login, officer):
    consultation = closed_consultation()
    client = login(officer)
    response = client.get(f"/consultations/{consultation.pk}/export/responses.pdf")
    assert response.status_code == 404

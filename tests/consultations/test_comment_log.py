import io
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import ManagementUtility, call_command
from django.utils import timezone
from openpyxl import Workbook

from commissioning.consultations.comment_log import (
    CommentLogError,
    comment_log_import,
    infer_outcome,
    read_comment_log,
)
from commissioning.consultations.models import (
    Comment,
    Consultation,
    ConsultationStatus,
    OfficeResponse,
    OfficeResponseStatus,
    Outcome,
    Theme,
)
from commissioning.core.roles import Role
from tests.factories import PolicingAreaFactory

pytestmark = pytest.mark.django_db

DATA = Path(__file__).parent / "comment_log_data"
LOG = DATA / "comment_log_2014.csv"
BROKEN = DATA / "broken.csv"
THEMES = ["GENERAL", "PCC GRANT", "PARTNERSHIP LOCALITY FUND", "YOUNG PEOPLE"]


@pytest.fixture
def officer(make_user):
    return make_user(Role.COMMISSIONING_OFFICER, email="officer@example.org")


@pytest.fixture
def area():
    return PolicingAreaFactory(slug="llr", name="Leicester, Leicestershire and Rutland")


def _import(officer, area, path=LOG, title="Commissioning framework 2014/15", **kwargs):
    return comment_log_import(
        actor=officer, area=area, title=title, data=path.read_bytes(), filename=path.name, **kwargs
    )


def _xlsx(rows):
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- The service ------------------------------------------------------------------------


def test_import_creates_a_consultation_whose_outcome_is_published(officer, area):
    consultation = _import(officer, area)

    assert consultation.area == area
    assert consultation.slug == "commissioning-framework-201415"
    assert consultation.status == ConsultationStatus.OUTCOME_PUBLISHED
    now = timezone.now()
    assert consultation.closes_at < now - timedelta(hours=23)
    assert consultation.closes_at - consultation.opens_at == timedelta(days=28)
    assert consultation.analysis_started_at is not None


def test_themes_are_created_in_order_of_first_appearance_as_written(officer, area):
    consultation = _import(officer, area)

    assert list(consultation.themes.values_list("name", "order")) == [
        (name, order) for order, name in enumerate(THEMES, start=1)
    ]


def test_every_row_becomes_a_themed_reviewed_comment_in_order(officer, area):
    consultation = _import(officer, area)

    comments = list(consultation.comments.select_related("theme"))
    assert [c.reference for c in comments] == [str(n) for n in range(1, 16)]
    assert [c.order for c in comments] == list(range(1, 16))
    assert comments[7].theme.name == "PARTNERSHIP LOCALITY FUND"
    assert comments[7].text.startswith("The Partnership Locality Fund lets local partners")
    assert all(c.reviewed and c.themed_by == officer and c.themed_at for c in comments)


def test_each_answered_comment_has_its_own_published_response(officer, area):
    consultation = _import(officer, area)

    responses = list(consultation.office_responses.prefetch_related("comments"))
    # Row 14 has no response; the other fourteen have one each, even where the words repeat.
    assert len(responses) == 14
    assert [[c.reference for c in r.comments.all()] for r in responses] == [
        [str(n)] for n in range(1, 16) if n != 14
    ]
    assert not Comment.objects.get(
        consultation=consultation, reference="14"
    ).office_responses.exists()
    assert {r.status for r in responses} == {OfficeResponseStatus.PUBLISHED}
    assert all(r.approved_by == officer and r.approved_at for r in responses)
    outcomes = {r.comments.get().reference: r.outcome for r in responses}
    assert outcomes["1"] == Outcome.NONE_REQUIRED
    assert outcomes["3"] == Outcome.AGREED
    assert outcomes["7"] == Outcome.AMENDMENTS_MADE
    assert outcomes["9"] == Outcome.PARTIALLY_AGREED
    assert outcomes["11"] == Outcome.OUT_OF_SCOPE
    assert outcomes["12"] == Outcome.NOTED
    assert sum(o == Outcome.NONE_REQUIRED for o in outcomes.values()) == 9


def test_history_records_the_actor_and_the_file(officer, area):
    consultation = _import(officer, area)

    records = [
        consultation.history.get(),
        Theme.history.filter(consultation_id=consultation.pk, history_type="+").first(),
        Comment.history.filter(consultation_id=consultation.pk, history_type="+").first(),
        OfficeResponse.history.filter(consultation_id=consultation.pk, history_type="+").first(),
    ]
    for record in records:
        assert record.history_user == officer
        assert record.history_change_reason == "Imported from comment_log_2014.csv"
    assert Comment.history.filter(consultation_id=consultation.pk).count() == 15
    # Linking the comment is recorded too, as the same person.
    linked = OfficeResponse.history.filter(consultation_id=consultation.pk, history_type="~")
    assert linked.exists()
    assert set(linked.values_list("history_user", flat=True)) == {officer.pk}


def test_the_slug_is_made_unique(officer, area):
    first = _import(officer, area)
    second = _import(officer, area)

    assert second.slug == f"{first.slug}-2"
    assert _import(officer, area).slug == f"{first.slug}-3"


def test_given_dates_are_kept(officer, area):
    opens = datetime(2014, 1, 6, tzinfo=UTC)
    closes = datetime(2014, 2, 3, 17, tzinfo=UTC)

    consultation = _import(officer, area, opens_at=opens, closes_at=closes)

    assert (consultation.opens_at, consultation.closes_at) == (opens, closes)


def test_a_closing_date_in_the_future_is_refused(officer, area):
    with pytest.raises(CommentLogError) as raised:
        _import(officer, area, closes_at=timezone.now() + timedelta(days=1))

    assert [str(e) for e in raised.value.errors] == ["Closes: The closing date must be in the past"]
    assert not Consultation.objects.exists()


def test_the_import_reads_xlsx_with_numeric_refs_and_ignores_extra_columns(officer, area):
    data = _xlsx(
        [
            ["ref", "THEME", "Comment", "Response", "Respondent"],
            [1, "HEALTH", "Mental health triage in custody is vital.", "None required.", "A"],
            [2.0, "Health", "Fund the street triage pilot.", "Agreed.", "B"],
            [None, None, None, None, None],
            [None, "VICTIMS AND WITNESSES", "Victims need one point of contact.", None, "C"],
        ]
    )

    log = read_comment_log(data=data, filename="log.xlsx")
    consultation = comment_log_import(
        actor=officer, area=area, title="Old log", data=data, filename="log.xlsx"
    )

    assert log.warnings == ['The column "Respondent" was ignored']
    # "Health" is the theme first written "HEALTH".
    assert list(consultation.themes.values_list("name", flat=True)) == [
        "HEALTH",
        "VICTIMS AND WITNESSES",
    ]
    assert list(consultation.comments.values_list("reference", "theme__name")) == [
        ("1", "HEALTH"),
        ("2", "HEALTH"),
        ("", "VICTIMS AND WITNESSES"),
    ]
    assert consultation.office_responses.count() == 2


def test_a_windows_1252_csv_is_read(officer, area):
    text = (
        "Ref;Theme;Comment;Response\r\n"
        "A1;GENERAL;“Excellent” – the £1.2m for victims is welcome;None required.\r\n"
    )

    consultation = comment_log_import(
        actor=officer, area=area, title="Excel", data=text.encode("cp1252"), filename="x.csv"
    )

    assert consultation.comments.get().text == "“Excellent” – the £1.2m for victims is welcome"


def test_a_broken_file_reports_every_row_and_writes_nothing(officer, area):
    with pytest.raises(CommentLogError) as raised:
        _import(officer, area, path=BROKEN)

    assert [str(e) for e in raised.value.errors] == [
        "Row 3, Theme: Enter the theme",
        "Row 4, Comment: Enter the comment",
        "Row 5, Ref: Ref 3 is already used in row 4",
        "Row 6, Ref: Ref must be 20 characters or fewer",
    ]
    assert not Consultation.objects.exists()
    assert not Theme.objects.exists()
    assert not Comment.objects.exists()


def test_over_long_text_is_refused(officer, area):
    data = _xlsx(
        [
            ["Ref", "Theme", "Comment", "Response"],
            [1, "T" * 121, "x" * 10_001, "y" * 10_001],
        ]
    )

    with pytest.raises(CommentLogError) as raised:
        comment_log_import(actor=officer, area=area, title="Long", data=data, filename="a.xlsx")

    assert [str(e) for e in raised.value.errors] == [
        "Row 2, Theme: Theme must be 120 characters or fewer",
        "Row 2, Comment: Comment must be 10,000 characters or fewer",
        "Row 2, Response: Response must be 10,000 characters or fewer",
    ]


@pytest.mark.parametrize(
    ("data", "filename", "message"),
    [
        (b"Ref,Theme,Comment\n1,A,B\n", "a.csv", "(missing: Response)"),
        (b"Ref,Comments,Theme,Comment,Response\n", "a.csv", 'two "Comment" columns'),
        (b"Ref,Theme,Comment,Response\n", "a.csv", "The file has no comments"),
        (b"   ", "a.csv", "The selected file is empty"),
        (b"Ref,Theme,Comment,Response\n", "a.docx", "must be a CSV or XLSX"),
        (b"not a spreadsheet", "a.xlsx", "could not be read as an XLSX"),
    ],
)
def test_a_file_that_cannot_be_read_is_one_clear_error(officer, area, data, filename, message):
    with pytest.raises(CommentLogError) as raised:
        comment_log_import(actor=officer, area=area, title="T", data=data, filename=filename)

    assert len(raised.value.errors) == 1
    assert message in str(raised.value.errors[0])
    assert not Consultation.objects.exists()


def test_a_missing_title_is_reported_with_the_rows(officer, area):
    with pytest.raises(CommentLogError) as raised:
        _import(officer, area, path=BROKEN, title="  ")

    assert str(raised.value.errors[0]) == "Title: Enter a title"
    assert len(raised.value.errors) == 5


def test_only_officers_may_import(make_user, area):
    with pytest.raises(PermissionDenied):
        _import(make_user(Role.PROVIDER), area)
    assert not Consultation.objects.exists()


def test_import_query_count_grows_by_a_fixed_amount_per_row(
    officer, area, django_assert_num_queries
):
    # Fixed: the savepoint and its release, the slug, the full_clean checks, the
    # consultation and its history. Then two per theme and per comment (the row and its
    # history), and eight per response (the row, its history, and the link: the m2m
    # checks, the through row, and the history of both).
    with django_assert_num_queries(10 + 2 * 4 + 2 * 15 + 8 * 14):
        _import(officer, area)


@pytest.mark.parametrize(
    ("text", "outcome"),
    [
        ("None required.", Outcome.NONE_REQUIRED),
        ("none required", Outcome.NONE_REQUIRED),
        ("Agreed – see section 3.", Outcome.AGREED),
        ("Amendments made to paragraph 2.", Outcome.AMENDMENTS_MADE),
        ("Partially agreed.", Outcome.PARTIALLY_AGREED),
        ("Not adopted: the budget does not allow it.", Outcome.NOT_ADOPTED),
        ("Noted.", Outcome.NOTED),
        ("Noted, but this is outside the scope of the framework.", Outcome.OUT_OF_SCOPE),
        ("This is not within the framework.", Outcome.OUT_OF_SCOPE),
        ("We will consider this next year.", Outcome.NOTED),
    ],
)
def test_infer_outcome(text, outcome):
    assert infer_outcome(text) == outcome


# --- The command ------------------------------------------------------------------------


def _run(*args):
    """Run the command as manage.py would, returning (exit status, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_comment_log", *[str(a) for a in args], stdout=out, stderr=err)
    except Exception as error:  # CommandError: manage.py prints it and exits 1
        return getattr(error, "returncode", 99), out.getvalue(), err.getvalue() + str(error)
    return 0, out.getvalue(), err.getvalue()


def test_command_prints_the_new_consultations_id(officer, area):
    status, out, err = _run(
        LOG, "--area", "llr", "--title", "Framework 2014/15", "--user", "officer@example.org"
    )

    assert status == 0
    consultation = Consultation.objects.get()
    assert out.strip() == str(consultation.pk)
    assert 'Warning: The column "Notes" was ignored' in err
    assert consultation.comments.count() == 15
    assert consultation.history.get().history_user == officer


def test_command_takes_the_dates_as_uk_days(area):
    status, _out, _err = _run(
        LOG, "--area", "llr", "--title", "T", "--opens", "2014-01-06", "--closes", "2014-07-01"
    )

    assert status == 0
    consultation = Consultation.objects.get()
    # Midnight in January is midnight GMT; 23:59 in July is 22:59 GMT.
    assert consultation.opens_at == datetime(2014, 1, 6, tzinfo=UTC)
    assert consultation.closes_at == datetime(2014, 7, 1, 22, 59, tzinfo=UTC)


def test_command_reports_every_bad_row_on_stderr(area):
    status, out, err = _run(BROKEN, "--area", "llr", "--title", "T")

    assert status == 1
    assert out == ""
    assert "Row 3, Theme: Enter the theme\n" in err
    assert "Row 4, Comment: Enter the comment\n" in err
    assert "Row 5, Ref: Ref 3 is already used in row 4\n" in err
    assert "Row 6, Ref: Ref must be 20 characters or fewer\n" in err
    assert "Nothing was imported: 4 error(s) in broken.csv" in err
    assert not Consultation.objects.exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([LOG, "--area", "nowhere", "--title", "T"], "There is no policing area nowhere"),
        ([DATA / "missing.csv", "--area", "llr", "--title", "T"], "Cannot read"),
        ([LOG, "--area", "llr", "--title", "T", "--user", "x@y.z"], "No active user"),
        ([LOG, "--area", "llr", "--title", "T", "--closes", "31/01/2014"], "is not a date"),
    ],
)
def test_command_fails_clearly(area, args, message):
    status, out, err = _run(*args)

    assert status == 1
    assert out == ""
    assert message in err
    assert not Consultation.objects.exists()


def test_manage_py_exits_non_zero_on_error(area, capsys):
    utility = ManagementUtility(
        ["manage.py", "import_comment_log", str(BROKEN), "--area", "llr", "--title", "T"]
    )

    with pytest.raises(SystemExit) as exited:
        utility.execute()

    assert exited.value.code == 1
    assert "Row 3, Theme: Enter the theme" in capsys.readouterr().err

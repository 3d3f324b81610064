import io

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from commissioning.budgets.models import Framework, FrameworkStatus, ServiceLine
from commissioning.core.roles import Role
from commissioning.organisations.models import Organisation
from tests.budgets.reports_support import SEED_CSV, Y17, add_line, import_seed, make_llr
from tests.factories import FrameworkFactory

pytestmark = pytest.mark.django_db

BROKEN = (
    "Service name,Delivery organisation,17/18 proposed costs (£),Geographical reach,Theme\n"
    'Victim First,Catch 22,"307,849",LLR,Victims\n'
    ",Catch 22,12.345,Leicester Cty,Victims\n"
)
UNKNOWN = (
    "Service name,Delivery organisation,Cost,Theme\n"
    "Target Hardening,Catch 23,100,Victims\n"
    "Hardship fund,Catch 23,50,Victims\n"
)


@pytest.fixture
def area():
    return make_llr()


def _run(*args):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_budget", *[str(a) for a in args], stdout=out, stderr=err)
    except CommandError as error:
        return 1, out.getvalue(), err.getvalue() + str(error)
    return 0, out.getvalue(), err.getvalue()


def _write(tmp_path, text, name="lines.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_imports_the_seed_into_a_framework(area):
    framework = FrameworkFactory(area=area, first_year=Y17)
    status, out, err = _run(SEED_CSV, "--framework", framework.pk, "--organisations-as-text")
    assert status == 0, err
    assert f"Imported 42 service line(s) into {framework.title} (framework {framework.pk})" in out
    assert "Warning: These rows were read as category headings" in err
    assert framework.lines.count() == 42
    line = framework.lines.get(name="Victim First")
    assert line.history.get().history_change_reason == (
        "Imported from llr_2017_18_appendix_a.csv by manage.py import_budget"
    )


def test_creates_a_draft_framework_and_prints_its_id(area, make_user):
    officer = make_user(Role.COMMISSIONING_OFFICER, email="priya@example.org")
    status, out, err = _run(
        SEED_CSV,
        "--area", "llr",
        "--year", "2017/18",
        "--title", "Commissioning Framework 2017/18",
        "--create-organisations",
        "--user", "PRIYA@example.org",
    )  # fmt: skip
    assert status == 0, err
    framework = Framework.objects.get()
    assert out.splitlines()[0] == str(framework.pk)
    assert (framework.status, framework.area, framework.first_year) == (
        FrameworkStatus.DRAFT,
        area,
        Y17,
    )
    record = framework.history.get()
    assert record.history_user == officer
    assert record.history_change_reason.startswith("Imported from llr_2017_18_appendix_a.csv")
    assert Organisation.objects.filter(name="Force").exists()
    assert framework.lines.count() == 42


def test_every_error_is_printed_and_nothing_is_written(area, tmp_path):
    framework = FrameworkFactory(area=area, first_year=Y17)
    add_line(framework, "Victims", "Existing", "1")
    status, _out, err = _run(_write(tmp_path, BROKEN), "--framework", framework.pk)
    assert status == 1
    lines = err.splitlines()
    assert lines[:3] == [
        "Row 3, Service name: Enter the service name",
        "Row 3, 17/18 proposed costs (£): Enter an amount with no more than 2 decimal places, "
        "like £8,683.75",
        'Row 3, Geographical reach: "Leicester Cty" is not a sub-area or group of LLR '
        "(did you mean Leicester City or Leicestershire?)",
    ]
    assert "Nothing was imported: 3 error(s) in lines.csv" in err
    assert list(framework.lines.values_list("name", flat=True)) == ["Existing"]


def test_a_new_framework_is_not_created_when_the_file_has_errors(area, tmp_path):
    path = _write(tmp_path, BROKEN)
    status, _out, _err = _run(path, "--area", "llr", "--year", "2017/18", "--title", "New")
    assert status == 1
    assert not Framework.objects.exists()


def test_unknown_organisations_need_a_flag_and_get_suggestions(area, tmp_path):
    framework = FrameworkFactory(area=area, first_year=Y17)
    path = _write(tmp_path, UNKNOWN)
    status, _out, err = _run(path, "--framework", framework.pk)
    assert status == 1
    assert (
        "Row 2, Delivery organisation: Catch 23 is not in the organisations register "
        "(did you mean Catch 22?); also in rows 3"
    ) in err
    assert "--create-organisations or --organisations-as-text" in err
    assert not framework.lines.exists()

    status, _out, err = _run(path, "--framework", framework.pk, "--organisations-as-text")
    assert status == 0, err
    assert set(framework.lines.values_list("organisation_text", flat=True)) == {"Catch 23"}


def test_creating_organisations_needs_a_user(area, tmp_path):
    framework = FrameworkFactory(area=area, first_year=Y17)
    status, _out, err = _run(
        _write(tmp_path, UNKNOWN), "--framework", framework.pk, "--create-organisations"
    )
    assert status == 1
    assert "--create-organisations needs --user EMAIL" in err


def test_dry_run_writes_nothing(area):
    status, out, err = _run(
        SEED_CSV, "--area", "llr", "--year", "2017/18", "--title", "Draft",
        "--organisations-as-text", "--dry-run",
    )  # fmt: skip
    assert status == 0, err
    assert "Dry run: 42 service line(s) would be imported into a new framework" in out
    assert not Framework.objects.exists()
    assert not ServiceLine.objects.exists()

    framework = FrameworkFactory(area=area, first_year=Y17)
    status, out, _err = _run(
        SEED_CSV, "--framework", framework.pk, "--organisations-as-text", "--dry-run"
    )
    assert status == 0
    assert "nothing was written" in out
    assert not framework.lines.exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--framework", "999"], "There is no framework 999"),
        (["--area", "llr", "--year", "2017/18"], "missing --title"),
        (["--area", "nowhere", "--year", "2017/18", "--title", "X"], "no policing area nowhere"),
        (["--area", "llr", "--year", "2017", "--title", "X"], "Enter a financial year like"),
        (["--framework", "1", "--user", "nobody@example.org"], "No active user"),
    ],
)
def test_bad_arguments_are_refused(area, args, message):
    status, _out, err = _run(SEED_CSV, *args)
    assert status == 1
    assert message in err


def test_unreadable_file(area, tmp_path):
    framework = FrameworkFactory(area=area, first_year=Y17)
    status, _out, err = _run(_write(tmp_path, "Name\nA\n"), "--framework", framework.pk)
    assert status == 1
    assert "The file must have a column for Cost" in err
    status, _out, err = _run(tmp_path / "missing.csv", "--framework", framework.pk)
    assert status == 1
    assert "Cannot read" in err


def test_a_final_framework_cannot_be_imported_into(area):
    framework = FrameworkFactory(area=area, first_year=Y17, status=FrameworkStatus.FINAL)
    status, _out, err = _run(SEED_CSV, "--framework", framework.pk, "--organisations-as-text")
    assert status == 1
    assert "cannot be changed" in err


def test_export_budget_writes_a_reimportable_file(area, tmp_path, make_user):
    framework = import_seed(
        FrameworkFactory(area=area, first_year=Y17), make_user(Role.COMMISSIONING_OFFICER)
    )
    output = tmp_path / "out.xlsx"
    out = io.StringIO()
    call_command(
        "export_budget", "--framework", str(framework.pk), "--format", "xlsx",
        "--output", str(output), stdout=out,
    )  # fmt: skip
    assert f"Wrote 42 service line(s) of {framework.title}" in out.getvalue()
    sheet = load_workbook(output).worksheets[0]
    assert sheet["C2"].value == "Victim First"

    csv_output = tmp_path / "out.csv"
    call_command(
        "export_budget", "--framework", str(framework.pk), "--format", "csv",
        "--output", str(csv_output), stdout=io.StringIO(),
    )  # fmt: skip
    status, _out, err = _run(csv_output, "--framework", framework.pk)
    assert status == 0, err
    assert framework.lines.count() == 42


def test_export_budget_of_a_missing_framework(tmp_path):
    with pytest.raises(CommandError, match="There is no framework 5"):
        call_command(
            "export_budget", "--framework", "5", "--format", "csv",
            "--output", str(tmp_path / "x.csv"),
        )  # fmt: skip

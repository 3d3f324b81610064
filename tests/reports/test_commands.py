"""manage.py panel_report: writes the framework's latest report, or the default one
without saving it, and fails cleanly."""

import datetime as dt
from io import BytesIO, StringIO

import docx
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from pypdf import PdfReader

from commissioning.reports.models import PanelReport, ReportSection

from .support import itemised_framework, report_on

pytestmark = pytest.mark.django_db


def test_writes_the_latest_report_as_docx(tmp_path) -> None:
    framework = itemised_framework()
    report_on(framework, subject="Earlier", meeting_date=dt.date(2016, 11, 1))
    report_on(framework, subject="Commissioning Framework 2017/18")
    output = tmp_path / "report.docx"
    out = StringIO()
    call_command("panel_report", framework=framework.pk, fmt="docx", output=str(output), stdout=out)
    document = docx.Document(BytesIO(output.read_bytes()))
    assert document.core_properties.subject == "Commissioning Framework 2017/18"
    assert f"Wrote {output}" in out.getvalue()


def test_builds_the_default_report_without_saving_it(tmp_path) -> None:
    framework = itemised_framework()
    output = tmp_path / "report.pdf"
    call_command(
        "panel_report", "--framework", str(framework.pk), "--format", "PDF", "--output", str(output)
    )
    text = " ".join(page.extract_text() for page in PdfReader(BytesIO(output.read_bytes())).pages)
    assert "Purpose of report" in text
    assert "327,482.75" in " ".join(text.split())
    assert not PanelReport.objects.exists()
    assert not ReportSection.objects.exists()
    assert not PanelReport.history.exists()


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"framework": 999999, "fmt": "pdf"}, "There is no framework with id 999999"),
        ({"fmt": "odt"}, "Unknown format 'odt': use docx or pdf"),
    ],
)
def test_refuses_an_unknown_framework_or_format(tmp_path, arguments, message) -> None:
    framework = itemised_framework()
    options = {"framework": framework.pk, "output": str(tmp_path / "out"), **arguments}
    with pytest.raises(CommandError, match=message):
        call_command("panel_report", **options)
    assert not (tmp_path / "out").exists()


def test_refuses_a_path_it_cannot_write(tmp_path) -> None:
    framework = itemised_framework()
    with pytest.raises(CommandError, match="does not exist"):
        call_command(
            "panel_report", framework=framework.pk, fmt="pdf", output=str(tmp_path / "no" / "x.pdf")
        )
    with pytest.raises(CommandError, match="is a directory"):
        call_command("panel_report", framework=framework.pk, fmt="pdf", output=str(tmp_path))
    # A file where a folder should be: the write itself fails (as it would for a folder
    # without permission, which root, running the tests in a container, would ignore).
    not_a_folder = tmp_path / "file.txt"
    not_a_folder.write_text("")
    with pytest.raises(CommandError, match="Could not write"):
        call_command(
            "panel_report", framework=framework.pk, fmt="docx", output=str(not_a_folder / "x.docx")
        )


def test_a_missing_argument_is_a_usage_error(tmp_path) -> None:
    with pytest.raises(CommandError, match="--framework"):
        call_command("panel_report", fmt="pdf", output=str(tmp_path / "x.pdf"))

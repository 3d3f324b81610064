"""Write a framework's Police and Crime Panel report as DOCX or PDF.

    manage.py panel_report --framework 12 --format pdf --output report.pdf

Uses the framework's latest saved report (the one with the latest meeting date). A
framework with no report yet gets the report an officer would start from (the default
paragraphs, with every figure from the data), built in memory and not saved: the
command only reads, so it leaves nothing behind in the records or their history.

Exit status: 0 when written; 1 (CommandError) for an unknown framework, a format other
than docx or pdf, or an output file that cannot be written.
"""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from commissioning.budgets.models import Framework
from commissioning.reports.defaults import DEFAULT_PANEL, DEFAULT_REPORT_OF, default_bodies
from commissioning.reports.docx import build_docx
from commissioning.reports.models import ImplicationsTemplate, PanelReport
from commissioning.reports.pdf import build_pdf
from commissioning.reports.selectors import framework_consultation, report_document

FORMATS = ("docx", "pdf")


class Command(BaseCommand):
    help = "Write a framework's Police and Crime Panel report as DOCX or PDF."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--framework", required=True, type=int, help="The framework's id.")
        parser.add_argument("--format", required=True, dest="fmt", help="docx or pdf.")
        parser.add_argument("--output", required=True, help="The file to write.")

    def handle(self, *args: Any, framework: int, fmt: str, output: str, **options: Any) -> None:
        fmt = fmt.lower()
        if fmt not in FORMATS:
            raise CommandError(f"Unknown format {fmt!r}: use docx or pdf")
        found = Framework.objects.select_related("area", "plan").filter(pk=framework).first()
        if found is None:
            raise CommandError(f"There is no framework with id {framework}")
        path = Path(output)
        if path.is_dir():
            raise CommandError(f"{output} is a directory: give a file name")
        if not path.parent.exists():
            raise CommandError(f"The folder {path.parent} does not exist")

        report = (
            PanelReport.objects.filter(framework=found)
            .select_related("framework__area", "consultation")
            .order_by("-meeting_date", "-pk")
            .first()
        )
        if report is not None:
            doc = report_document(report)
            source = f"report {report.pk} ({report})"
        else:
            unsaved = _default_report(found)
            doc = report_document(unsaved, bodies=default_bodies(unsaved))
            source = "the default report (no report has been saved for this framework)"
        content = build_docx(doc) if fmt == "docx" else build_pdf(doc)
        try:
            path.write_bytes(content)
        except OSError as exc:
            raise CommandError(f"Could not write {output}: {exc.strerror or exc}") from exc
        self.stdout.write(f"Wrote {output} from {source}.")


def _default_report(framework: Framework) -> PanelReport:
    return PanelReport(
        framework=framework,
        consultation=framework_consultation(framework),
        panel_name=DEFAULT_PANEL,
        report_of=DEFAULT_REPORT_OF,
        subject=framework.title,
        meeting_date=timezone.localdate(),
        implications_template=ImplicationsTemplate.STANDARD,
    )

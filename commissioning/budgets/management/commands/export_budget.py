"""manage.py export_budget: write a framework's service lines to a CSV or XLSX file, in
the layout import_budget reads."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ...models import Framework
from ...spreadsheets.exporting import export_csv, export_xlsx


class Command(BaseCommand):
    help = "Export a framework's service lines as CSV or XLSX (re-importable)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--framework", type=int, required=True, help="the framework's id")
        parser.add_argument("--format", choices=("csv", "xlsx"), required=True)
        parser.add_argument("--output", required=True, help="the file to write")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            framework = Framework.objects.select_related("area").get(pk=options["framework"])
        except Framework.DoesNotExist as error:
            raise CommandError(f"There is no framework {options['framework']}") from error
        content = export_xlsx(framework) if options["format"] == "xlsx" else export_csv(framework)
        output = Path(options["output"])
        try:
            output.write_bytes(content)
        except OSError as error:
            raise CommandError(f"Cannot write {output}: {error.strerror}") from error
        self.stdout.write(
            f"Wrote {framework.lines.count()} service line(s) of {framework.title} to {output}"
        )

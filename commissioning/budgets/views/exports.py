"""Downloading a framework's service lines as CSV or XLSX, in the layout the importer
reads (an export re-imports to the identical framework)."""

import re

from django.http import HttpRequest, HttpResponse
from django.utils.text import slugify

from ..models import Framework
from ..spreadsheets.exporting import export_csv, export_xlsx
from .frameworks_base import FrameworkRecordView

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def export_filename(framework: Framework, fmt: str) -> str:
    """A safe file name naming the framework and its years, such as
    commissioning-framework-2017-18.xlsx."""
    title = framework.title
    first_year = str(framework.first_year)
    if first_year not in title and framework.first_year.short not in title:
        title = f"{title} {first_year}"
    stem = slugify(re.sub(r"[/\\]", "-", title))[:80].strip("-") or f"framework-{framework.pk}"
    return f"{stem}.{fmt}"


class ExportView(FrameworkRecordView):
    def get(self, request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
        framework = self.get_framework()
        content = export_xlsx(framework) if fmt == "xlsx" else export_csv(framework)
        response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
        response["Content-Disposition"] = (
            f'attachment; filename="{export_filename(framework, fmt)}"'
        )
        return response

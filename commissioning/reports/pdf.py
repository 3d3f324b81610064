"""The report as a tagged PDF (WeasyPrint), from the same content as the preview page.

``pdf_tags=True`` writes the structure tree (headings, lists, tables with their header
cells), so a screen reader can read the PDF; the title comes from the template's
``<title>`` and the language from ``<html lang="en-GB">``.
"""

from typing import Any

from django.conf import settings
from django.template.loader import render_to_string

from .selectors import ReportDocument

TEMPLATE = "reports/pdf.html"


def report_html(doc: ReportDocument) -> str:
    return render_to_string(TEMPLATE, {"doc": doc})


def _fetch_nothing(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    """The report needs no external resources; refusing them all means text an officer
    wrote can never make the server fetch a URL."""
    raise ValueError(f"The report does not load external resources ({url})")


def build_pdf(doc: ReportDocument) -> bytes:
    # Imported here: WeasyPrint takes seconds to import, and every process that loads the
    # URL configuration would otherwise pay for it on its first request.
    from weasyprint import HTML  # type: ignore[import-untyped]

    html = HTML(
        string=report_html(doc), base_url=str(settings.BASE_DIR), url_fetcher=_fetch_nothing
    )
    pdf: bytes = html.write_pdf(pdf_tags=True)
    return pdf

"""Writing a published table as CSV or XLSX, and naming the file.

Text that starts like a spreadsheet formula is never written as one: a leading
apostrophe in CSV, an explicit string cell in XLSX (the same rule as the budgets and
consultations exports). Amounts are exact: "8683.75" in CSV, a number formatted to the
penny in XLSX.
"""

import re

from django.utils.text import slugify

from commissioning.budgets.models import Framework
from commissioning.core.spreadsheets import CONTENT_TYPES, write_csv, write_xlsx
from commissioning.core.years import FinancialYear

from .tables import DownloadTable

FORMATS = tuple(CONTENT_TYPES)


def render(table: DownloadTable, fmt: str) -> bytes:
    if fmt == "csv":
        return write_csv(table.headers, table.rows)
    return write_xlsx(
        table.headers,
        table.rows,
        title=table.title,
        widths=(28, 40, 32, 40, 16, 16, 24, 24)[: len(table.headers)],
        money_columns=table.money_columns,
    )


def download_filename(framework: Framework, year: FinancialYear, table: str, fmt: str) -> str:
    """Such as llr-commissioning-framework-2017-18-itemised-budget.csv: the area, the
    framework, the year (once) and the table."""
    stem = slugify(re.sub(r"[/\\]", "-", framework.title))[:80].strip("-")
    stem = stem or f"framework-{framework.pk}"
    year_slug = f"{year.start_year}-{year.short[-2:]}"
    if year_slug not in stem:
        stem = f"{stem}-{year_slug}"
    area = slugify(framework.area.slug)
    if not stem.startswith(f"{area}-"):
        stem = f"{area}-{stem}"
    return f"{stem}-{table}.{fmt}"

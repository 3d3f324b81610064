"""Writing a published table as CSV or XLSX, and naming the file.

Text that starts like a spreadsheet formula is never written as one: a leading
apostrophe in CSV, an explicit string cell in XLSX (the same rule as the budgets and
consultations exports). Amounts are exact: "8683.75" in CSV, a number formatted to the
penny in XLSX.
"""

import csv
import io
import re
from typing import Any

from django.utils.text import slugify

from commissioning.budgets.models import Framework
from commissioning.budgets.spreadsheets.exporting import FORMULA_STARTS
from commissioning.core.years import FinancialYear

from .tables import Cell, DownloadTable

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
FORMATS = tuple(CONTENT_TYPES)


def _csv_cell(value: Cell) -> str:
    if value is None:
        return ""
    text = str(value)
    return f"'{text}" if isinstance(value, str) and text.startswith(FORMULA_STARTS) else text


def sheet_title(title: str) -> str:
    """Excel forbids some characters in sheet names and allows at most 31 (a translated
    title may have either)."""
    return re.sub(r"[\[\]:*?/\\]", "-", str(title))[:31]


def to_csv(table: DownloadTable) -> bytes:
    """UTF-8 with a byte-order mark, so that Excel reads "£" correctly."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([_csv_cell(heading) for heading in table.headers])
    for row in table.rows:
        writer.writerow([_csv_cell(value) for value in row])
    return out.getvalue().encode("utf-8-sig")


def to_xlsx(table: DownloadTable) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    workbook = Workbook()
    sheet: Any = workbook.active
    sheet.title = sheet_title(table.title)
    sheet.append(table.headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.data_type = "s"
    for row in table.rows:
        sheet.append(row)
        for index, cell in enumerate(sheet[sheet.max_row]):
            if isinstance(cell.value, str):
                cell.data_type = "s"  # never a formula, whatever the text starts with
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            elif index in table.money_columns and cell.value is not None:
                cell.number_format = "#,##0.00"
    for letter, width in zip("ABCDEFGH", (28, 40, 32, 40, 16, 16, 24, 24), strict=False):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def render(table: DownloadTable, fmt: str) -> bytes:
    return to_xlsx(table) if fmt == "xlsx" else to_csv(table)


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

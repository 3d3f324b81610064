"""Exporting a framework's service lines in the layout the importer reads, so that an
export re-imports to the identical framework (the Reference column keeps identities)."""

import csv
import io
from decimal import Decimal

from commissioning.core.spreadsheets import FORMULA_STARTS
from commissioning.core.years import FinancialYear

from ..models import Framework, ServiceLine
from ..selectors import service_lines
from .values import format_mechanism, format_reach


def _csv_safe(value: str) -> str:
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


def _headers(years: list[FinancialYear]) -> list[str]:
    return [
        "Reference",
        "Category",
        "Service name",
        "Delivery organisation",
        "Provision",
        *[f"{year.short} proposed costs (£)" for year in years],
        "Footnote",
        "Geographical reach",
        "Funding mechanism",
        "Contract end date",
        "Commissioning intention",
    ]


def _years(framework: Framework) -> list[FinancialYear]:
    return [
        FinancialYear(y)
        for y in range(framework.first_year.start_year, framework.last_year.start_year + 1)
    ]


def _rows(framework: Framework) -> list[list[object]]:
    years = _years(framework)
    rows: list[list[object]] = []
    line: ServiceLine
    for line in service_lines(framework=framework):
        costs = {cost.year: cost.amount for cost in line.costs.all()}
        rows.append(
            [
                str(line.identity),
                line.category.name,
                line.name,
                line.organisation.name if line.organisation else line.organisation_text,
                line.provision,
                *[costs.get(year) for year in years],
                line.footnote.marker if line.footnote else "",
                format_reach(line, framework.area),
                format_mechanism(line.mechanism),
                line.contract_end_date,
                line.intention_code,
            ]
        )
    return rows


def _footnote_rows(framework: Framework) -> list[str]:
    return [f"{f.marker} {f.text}" for f in framework.footnotes.all()]


def export_csv(framework: Framework) -> bytes:
    """UTF-8 with a byte-order mark, so that Excel opens "£" correctly."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(_headers(_years(framework)))
    for row in _rows(framework):
        writer.writerow(
            [
                f"{value:.2f}"
                if isinstance(value, Decimal)
                else ("" if value is None else _csv_safe(str(value)))
                for value in row
            ]
        )
    for text in _footnote_rows(framework):
        writer.writerow([_csv_safe(text)])
    return out.getvalue().encode("utf-8-sig")


def export_xlsx(framework: Framework) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=False)
    sheet = workbook.create_sheet("Service lines", 0)
    workbook.remove(workbook.worksheets[1])
    headers = _headers(_years(framework))
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    money_columns = [i for i, h in enumerate(headers, start=1) if h.endswith("costs (£)")]
    for row in _rows(framework):
        sheet.append(row)
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # never a formula, whatever the text starts with
    for column in money_columns:
        for (cell,) in sheet.iter_rows(min_row=2, min_col=column, max_col=column):
            cell.number_format = "#,##0.00"
    date_column = headers.index("Contract end date") + 1
    for (cell,) in sheet.iter_rows(min_row=2, min_col=date_column, max_col=date_column):
        cell.number_format = "dd/mm/yyyy"
    for text in _footnote_rows(framework):
        sheet.append([text])
        sheet.cell(row=sheet.max_row, column=1).data_type = "s"  # never a formula
    widths = {
        "Reference": 38,
        "Category": 18,
        "Service name": 40,
        "Delivery organisation": 32,
        "Provision": 48,
    }
    for index, header in enumerate(headers, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = widths.get(header, 18)
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()

"""Reading uploaded CSV and XLSX files into rows of cells, for every importer; and
writing tables as CSV and XLSX, for every download.

CSV may be UTF-8 (with or without a byte-order mark) or Windows-1252, as Excel saves it,
with commas, semicolons or tabs; XLSX is read from its first sheet, values not formulas.
"""

import csv
import io
import itertools
import re
import zipfile
from collections.abc import Collection, Iterable, Sequence
from datetime import datetime
from typing import Any

from django.utils.translation import gettext as _

MAX_BYTES = 5 * 1024 * 1024
# An XLSX is a zip: 5MB compressed can hold gigabytes ("zip bomb"). Its parts are checked
# before anything is decompressed, and no importer needs more rows than this.
MAX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024
MAX_ROWS = 100_000
# Exports protect text that looks like a formula with a leading apostrophe.
_FORMULA_STARTS = ("=", "+", "-", "@")


class SpreadsheetError(ValueError):
    """The file as a whole cannot be read. The message is fit to show to the person."""


def cell_text(value: object) -> str:
    """A cell as text: dates as 2017-09-30, floats exactly as written, and the apostrophe
    an export put before formula-like text taken off again."""
    if value is None:
        return ""
    if hasattr(value, "strftime"):
        return str(value.strftime("%Y-%m-%d"))
    if isinstance(value, float):
        return repr(value)
    text = str(value).strip()
    if text.startswith("'") and text[1:2] in _FORMULA_STARTS:
        return text[1:]
    return text


def read_rows(data: bytes, filename: str) -> list[list[Any]]:
    """Every row of the file, cells as the reader gives them (see cell_text)."""
    if len(data) > MAX_BYTES:
        raise SpreadsheetError(_("The file must be smaller than 5MB"))
    if not data.strip():
        raise SpreadsheetError(_("The selected file is empty"))
    lower = filename.lower()
    if lower.endswith(".xlsx"):
        return _xlsx_rows(data)
    if lower.endswith(".csv"):
        return _csv_rows(data)
    raise SpreadsheetError(_("The selected file must be a CSV or XLSX"))


def _csv_rows(data: bytes) -> list[list[Any]]:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1252 decodes almost anything
        raise SpreadsheetError(_("The selected file must be a CSV saved as UTF-8"))
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = list(itertools.islice(csv.reader(io.StringIO(text), dialect), MAX_ROWS + 1))
    if len(rows) > MAX_ROWS:
        raise _too_many_rows()
    return rows


def _check_zip(data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            total = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError) as exc:
        raise SpreadsheetError(
            _("The selected file could not be read as an XLSX spreadsheet")
        ) from exc
    if total > MAX_UNCOMPRESSED_BYTES:
        raise SpreadsheetError(
            _("The spreadsheet is too large to import: split it into smaller files")
        )


def _too_many_rows() -> SpreadsheetError:
    return SpreadsheetError(
        _("The file has more than %(count)s rows: split it into smaller files")
        % {"count": f"{MAX_ROWS:,}"}
    )


def _xlsx_rows(data: bytes) -> list[list[Any]]:
    from openpyxl import load_workbook

    _check_zip(data)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds of error for a bad file
        raise SpreadsheetError(
            _("The selected file could not be read as an XLSX spreadsheet")
        ) from exc
    try:
        rows: list[list[Any]] = []
        for row in workbook.worksheets[0].iter_rows(values_only=True):
            if len(rows) == MAX_ROWS:
                raise _too_many_rows()
            rows.append(list(row))
        return rows
    finally:
        workbook.close()


# --- Writing tables (every CSV and XLSX download of a table) -----------------------------

# A cell starting with one of these is a formula to Excel: text that does is written with
# a leading apostrophe (CSV) or as an explicit string (XLSX), so that opening a download
# can never run a formula someone typed into a name or a comment (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def csv_cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    text = str(value)
    return f"'{text}" if isinstance(value, str) and text.startswith(FORMULA_STARTS) else text


def sheet_title(title: str) -> str:
    """Excel forbids some characters in a sheet's name and allows at most 31 (a translated
    title may have either)."""
    return re.sub(r"[\[\]:*?/\\]", "-", str(title))[:31]


def write_csv(headers: Sequence[object], rows: Iterable[Sequence[object]]) -> bytes:
    """UTF-8 with a byte-order mark, so that Excel reads accents and "£" correctly."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([csv_cell(heading) for heading in headers])
    for row in rows:
        writer.writerow([csv_cell(value) for value in row])
    return out.getvalue().encode("utf-8-sig")


def write_xlsx(
    headers: Sequence[object],
    rows: Iterable[Sequence[object]],
    *,
    title: str,
    widths: Sequence[int] = (),
    money_columns: Collection[int] = (),
) -> bytes:
    """One sheet: a bold heading row, frozen; text always text (never a formula); dates
    and times as such; ``money_columns`` (0-based) to the penny."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet: Any = workbook.active
    sheet.title = sheet_title(title)
    sheet.append(list(headers))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.data_type = "s"
    for row in rows:
        sheet.append(list(row))
        for index, cell in enumerate(sheet[sheet.max_row]):
            if isinstance(cell.value, str):
                cell.data_type = "s"  # never a formula, whatever the text starts with
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            elif isinstance(cell.value, datetime):
                cell.number_format = "dd/mm/yyyy hh:mm"
            elif index in money_columns and cell.value is not None:
                cell.number_format = "#,##0.00"
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()

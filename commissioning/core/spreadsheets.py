"""Reading uploaded CSV and XLSX files into rows of cells, for every importer.

CSV may be UTF-8 (with or without a byte-order mark) or Windows-1252, as Excel saves it,
with commas, semicolons or tabs; XLSX is read from its first sheet, values not formulas.
"""

import csv
import io
import itertools
import zipfile
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

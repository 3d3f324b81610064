import datetime
import io
import zipfile
from decimal import Decimal

import pytest
from openpyxl import Workbook, load_workbook

from commissioning.core import spreadsheets
from commissioning.core.spreadsheets import SpreadsheetError, cell_text, read_rows


def test_cell_text():
    assert cell_text(None) == ""
    assert cell_text(datetime.date(2017, 9, 30)) == "2017-09-30"
    assert cell_text(8683.75) == "8683.75"
    assert cell_text("  Catch 22 ") == "Catch 22"
    assert cell_text("'=SUM(A1)") == "=SUM(A1)"
    assert cell_text("'quoted") == "'quoted"


def test_csv_in_utf8_or_windows_1252_with_any_delimiter():
    assert read_rows("a;b\n1;2\n".encode("cp1252"), "x.csv") == [["a", "b"], ["1", "2"]]
    assert read_rows("\ufeffName,Cost\nCafé,£1\n".encode(), "x.CSV") == [
        ["Name", "Cost"],
        ["Café", "£1"],
    ]


def test_xlsx_first_sheet_values():
    book = Workbook()
    book.active.append(["Name", "Cost"])
    book.active.append(["Victim First", 307849])
    out = io.BytesIO()
    book.save(out)
    assert read_rows(out.getvalue(), "x.xlsx") == [["Name", "Cost"], ["Victim First", 307849]]


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"", "x.csv", "The selected file is empty"),
        (b"x" * (5 * 1024 * 1024 + 1), "x.csv", "smaller than 5MB"),
        (b"x", "x.pdf", "must be a CSV or XLSX"),
        (b"not a zip", "x.xlsx", "could not be read as an XLSX"),
    ],
)
def test_unreadable_files(data, name, message):
    with pytest.raises(SpreadsheetError, match=message):
        read_rows(data, name)


def test_an_xlsx_that_decompresses_too_far_is_refused_before_reading(monkeypatch):
    monkeypatch.setattr(spreadsheets, "MAX_UNCOMPRESSED_BYTES", 1000)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", "0" * 5000)  # compresses to a few bytes
    with pytest.raises(SpreadsheetError, match="too large"):
        read_rows(buffer.getvalue(), "big.xlsx")


@pytest.mark.parametrize("name", ["rows.csv", "rows.xlsx"])
def test_more_rows_than_the_cap_are_refused(monkeypatch, name):
    monkeypatch.setattr(spreadsheets, "MAX_ROWS", 3)
    if name.endswith(".csv"):
        data = b"a\n1\n2\n3\n"
    else:
        workbook = Workbook()
        for value in ("a", 1, 2, 3):
            workbook.active.append([value])
        out = io.BytesIO()
        workbook.save(out)
        data = out.getvalue()
    with pytest.raises(SpreadsheetError, match="more than 3 rows"):
        read_rows(data, name)
    monkeypatch.setattr(spreadsheets, "MAX_ROWS", 4)
    assert len(read_rows(data, name)) == 4


def test_written_tables_never_hold_formulas_and_read_back():
    headers = ["Name", "Amount", "When"]
    when = datetime.datetime(2017, 2, 10, 23, 59)  # noqa: DTZ001 - spreadsheets hold UK time, naive
    rows = [["=SUM(A1)", Decimal("8683.75"), when]]
    csv_bytes = spreadsheets.write_csv(headers, rows)
    assert csv_bytes.decode("utf-8-sig").splitlines()[1] == "'=SUM(A1),8683.75,2017-02-10 23:59"
    xlsx = spreadsheets.write_xlsx(headers, rows, title="You said: we did [1]", money_columns={1})
    sheet = load_workbook(io.BytesIO(xlsx)).active
    assert sheet is not None
    assert sheet.title == "You said- we did -1-"
    assert sheet["A2"].data_type == "s"
    assert sheet["B2"].number_format == "#,##0.00"
    assert read_rows(csv_bytes, "t.csv")[1][0] == "'=SUM(A1)"
    assert cell_text(read_rows(xlsx, "t.xlsx")[1][0]) == "=SUM(A1)"

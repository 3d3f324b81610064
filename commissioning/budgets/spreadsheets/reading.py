"""Reading a table of service lines from CSV or XLSX, and recognising its columns.

Real spreadsheets name their columns in many ways ("Cost", "17/18 proposed costs (£)",
"Theme" or "Category"), so headers are matched by meaning, not by exact text.
"""

import re
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from commissioning.core.spreadsheets import SpreadsheetError, cell_text, read_rows
from commissioning.core.years import FinancialYear

MAX_ROWS = 5000


class TableError(SpreadsheetError):
    """The file as a whole cannot be read. The message is fit to show to the officer."""


# Column keys, each with the header texts (normalised) that mean it.
COLUMNS: dict[str, tuple[str, ...]] = {
    "reference": ("reference", "line reference", "line id", "ref"),
    "category": ("category", "theme", "budget category", "strategic theme", "priority"),
    "name": ("service name", "service", "name", "service line"),
    "organisation": (
        "delivery organisation",
        "organisation",
        "provider",
        "delivered by",
        "delivery organization",
    ),
    "provision": ("provision", "description", "service description"),
    "cost": ("cost", "costs", "amount", "proposed cost", "proposed costs", "cost £", "costs £"),
    "reach": ("geographical reach", "reach", "geography", "area covered", "coverage"),
    "mechanism": ("funding mechanism", "mechanism", "commissioning mechanism"),
    "contract_end_date": ("contract end date", "contract end", "end date", "contract ends"),
    "intention_code": (
        "commissioning intention",
        "commissioning intention code",
        "intention code",
        "ci code",
        "ci",
    ),
    "footnote": ("footnote", "footnote marker", "note marker"),
}
REQUIRED = ("name", "cost")
LABELS = {
    "reference": "Reference",
    "category": "Category",
    "name": "Service name",
    "organisation": "Delivery organisation",
    "provision": "Provision",
    "cost": "Cost",
    "reach": "Geographical reach",
    "mechanism": "Funding mechanism",
    "contract_end_date": "Contract end date",
    "intention_code": "Commissioning intention",
    "footnote": "Footnote",
}

# "17/18 proposed costs (£)", "2017/18 cost", "Cost 2017/18"
_YEAR_COST = re.compile(r"(?P<year>(?:\d{2}|\d{4})\s*[/-]\s*\d{2,4})")


def normalise_header(text: object) -> str:
    cleaned = str(text or "").lower().replace("£", " £ ")
    cleaned = re.sub(r"\([^)]*\)", " ", cleaned)  # "(£)", "(optional)"
    cleaned = re.sub(r"[^a-z0-9£/ -]+", " ", cleaned)
    return re.sub(r"\s+", " ", cleaned).strip(" -")


@dataclass(frozen=True)
class Column:
    key: str
    index: int
    header: str
    year: FinancialYear | None = None


@dataclass
class Table:
    columns: list[Column]
    rows: list[tuple[int, list[str]]]  # (spreadsheet row number, cell texts)
    unrecognised: list[str]

    def column(self, key: str) -> Column | None:
        return next((c for c in self.columns if c.key == key), None)

    @property
    def cost_columns(self) -> list[Column]:
        return [c for c in self.columns if c.key == "cost"]


def _match(header: str) -> tuple[str, FinancialYear | None] | None:
    normalised = normalise_header(header)
    if not normalised:
        return None
    year_match = _YEAR_COST.search(normalised)
    words = _YEAR_COST.sub(" ", normalised).replace("£", " ")
    words = re.sub(r"\s+", " ", words).strip()
    if year_match and re.search(r"\b(cost|costs|amount|budget|funding|spend)\b", words):
        try:
            return "cost", FinancialYear.parse(year_match["year"].replace(" ", ""))
        except Exception:  # an unreadable year: treat as an unrecognised column
            return None
    for key, names in COLUMNS.items():
        if words in names or normalised in names:
            return key, None
    if re.search(r"\bcosts?\b", words):
        return "cost", None
    return None


def recognise(headers: list[str]) -> tuple[list[Column], list[str]]:
    columns: list[Column] = []
    unrecognised = []
    seen: set[tuple[str, Any]] = set()
    for index, header in enumerate(headers):
        matched = _match(header)
        if matched is None:
            if str(header or "").strip():
                unrecognised.append(str(header).strip())
            continue
        key, year = matched
        if (key, year) in seen:
            raise TableError(
                _('The file has two "%(label)s" columns. Remove one and upload it again.')
                % {"label": LABELS[key] + (f" {year}" if year else "")}
            )
        seen.add((key, year))
        columns.append(Column(key=key, index=index, header=str(header).strip(), year=year))
    missing = [LABELS[key] for key in REQUIRED if key not in {c.key for c in columns}]
    if missing:
        raise TableError(
            _(
                "The file must have a column for %(missing)s. "
                "The first row must hold the column headings."
            )
            % {"missing": _(" and ").join(missing)}
        )
    return columns, unrecognised


def read_table(data: bytes, filename: str) -> Table:
    """Read the first sheet of an XLSX, or a CSV (UTF-8, or Windows-1252 as Excel saves it)."""
    try:
        raw_rows = read_rows(data, filename)
    except SpreadsheetError as error:
        raise TableError(str(error)) from error
    # The header row is the first row that is not blank.
    numbered = [
        (number, [cell_text(v) for v in row]) for number, row in enumerate(raw_rows, start=1)
    ]
    numbered = [(n, row) for n, row in numbered if any(row)]
    if not numbered:
        raise TableError(_("The selected file is empty"))
    headers, body = numbered[0][1], numbered[1:]
    if len(body) > MAX_ROWS:
        raise TableError(_("The file must have no more than %(max)s rows") % {"max": MAX_ROWS})
    columns, unrecognised = recognise(headers)
    return Table(columns=columns, rows=body, unrecognised=unrecognised)

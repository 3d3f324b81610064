"""Financial years: 1 April to 31 March, written "2017/18".

A financial year is stored as the calendar year it starts in (2017 for 2017/18) in a
:class:`FinancialYearField`, and handled in Python as a :class:`FinancialYear`.
"""

import re
from dataclasses import dataclass
from datetime import date
from functools import total_ordering
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

_FORMS = [
    re.compile(r"^(?P<start>\d{4})\s*[/-]\s*(?P<end>\d{2})$"),  # 2017/18, 2017-18
    re.compile(r"^(?P<start>\d{4})\s*[/-]\s*(?P<end>\d{4})$"),  # 2017/2018
    re.compile(r"^(?P<start>\d{2})\s*[/-]\s*(?P<end>\d{2})$"),  # 17/18
]
EARLIEST = 2000
LATEST = 2099


@total_ordering
@dataclass(frozen=True)
class FinancialYear:
    start_year: int

    def __post_init__(self) -> None:
        if not EARLIEST <= self.start_year <= LATEST:
            raise ValueError(f"financial year starting {self.start_year} is out of range")

    @classmethod
    def parse(cls, text: str) -> "FinancialYear":
        """Read "2017/18", "2017-18", "2017/2018" or "17/18"; ValidationError otherwise."""
        cleaned = (text or "").strip()
        for pattern in _FORMS:
            match = pattern.match(cleaned)
            if not match:
                continue
            start, end = match["start"], match["end"]
            start_year = int(start) if len(start) == 4 else 2000 + int(start)
            # A two-digit end names the following year's last two digits (2099/00).
            expected_end = start_year + 1 if len(end) == 4 else (start_year + 1) % 100
            if int(end) != expected_end or not EARLIEST <= start_year <= LATEST:
                break
            return cls(start_year)
        raise ValidationError(
            _("Enter a financial year like 2017/18"), code="invalid_financial_year"
        )

    @classmethod
    def containing(cls, day: date) -> "FinancialYear":
        return cls(day.year if day.month >= 4 else day.year - 1)

    @property
    def start(self) -> date:
        return date(self.start_year, 4, 1)

    @property
    def end(self) -> date:
        return date(self.start_year + 1, 3, 31)

    @property
    def previous(self) -> "FinancialYear":
        return FinancialYear(self.start_year - 1)

    @property
    def next(self) -> "FinancialYear":
        return FinancialYear(self.start_year + 1)

    @property
    def short(self) -> str:
        """17/18, as column headings in the seeds have it."""
        return f"{self.start_year % 100:02d}/{(self.start_year + 1) % 100:02d}"

    def __str__(self) -> str:
        return f"{self.start_year}/{(self.start_year + 1) % 100:02d}"

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, FinancialYear):
            return NotImplemented
        return self.start_year < other.start_year

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end


def year_span(first: FinancialYear, last: FinancialYear) -> list[FinancialYear]:
    return [FinancialYear(year) for year in range(first.start_year, last.start_year + 1)]


def span_label(first: FinancialYear, last: FinancialYear) -> str:
    """ "2017/18" for one year; "2016-2018" for several, as multi-year frameworks are titled."""
    if first == last:
        return str(first)
    return f"{first.start_year}-{last.start_year + 1}"


if TYPE_CHECKING:
    _FieldBase = models.Field[FinancialYear | int | str | None, FinancialYear]
else:
    _FieldBase = models.Field


class FinancialYearField(_FieldBase):
    """Stores a FinancialYear as the year it starts in (a small integer column)."""

    description = _("Financial year")

    def get_internal_type(self) -> str:
        return "PositiveSmallIntegerField"

    def from_db_value(self, value: int | None, *args: Any) -> FinancialYear | None:
        return None if value is None else FinancialYear(value)

    def to_python(self, value: Any) -> FinancialYear | None:
        if value is None or value == "" or isinstance(value, FinancialYear):
            return value or None
        if isinstance(value, int):
            return FinancialYear(value)
        return FinancialYear.parse(str(value))

    def get_prep_value(self, value: Any) -> int | None:
        value = self.to_python(value)
        return None if value is None else value.start_year

    def value_to_string(self, obj: models.Model) -> str:
        value = self.value_from_object(obj)
        return "" if value is None else str(value)

"""Form fields for answers GOV.UK asks for in its own way: money and dates."""

import re
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from commissioning.core.money import AmountError, format_money, parse_amount

from .widgets import DATE_PARTS, DateInputWidget, MoneyInput


class MoneyField(forms.DecimalField):
    """An amount in pounds and pence, stored to the penny (14 digits, 2 places).

    Accepts what people type: "£1,234.56", "1,234", "1234.5". Refuses a misplaced comma,
    more than two decimal places and, unless ``allow_negative``, a negative amount.
    """

    widget = MoneyInput
    default_error_messages = {
        "required": _("Enter an amount"),
        "min_value": _("Enter an amount of %(limit_value)s or more"),
        "max_value": _("Enter an amount of %(limit_value)s or less"),
    }

    def __init__(self, *, allow_negative: bool = False, **kwargs: Any) -> None:
        self.allow_negative = allow_negative
        kwargs.setdefault("max_digits", 14)
        kwargs.setdefault("decimal_places", 2)
        super().__init__(**kwargs)
        # The min/max messages show their limits as money (£1,000.00), not as 1000.
        for validator in self.validators:
            limit = getattr(validator, "limit_value", None)
            if isinstance(limit, Decimal | int) and not isinstance(limit, bool):
                validator.limit_value = _MoneyLimit(limit)  # type: ignore[attr-defined]

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        if value in self.empty_values or (isinstance(value, str) and not value.strip()):
            return None
        try:
            return parse_amount(value, allow_negative=self.allow_negative).amount
        except AmountError as exc:
            raise ValidationError(str(exc), code="invalid") from exc


class _MoneyLimit(Decimal):
    """A validator limit that reads as money in its error message."""

    def __str__(self) -> str:
        return format_money(Decimal(self))


# What people type for a month as well as its number: "Jan", "January", "sept".
_MONTH_NAMES = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
_DIGITS = re.compile(r"^\d+$")
_PART_NAMES = {"day": _("day"), "month": _("month"), "year": _("year")}


class GovukDateField(forms.Field):
    """A date asked for in three boxes, with GOV.UK's error messages.

    The messages name the date by ``error_label`` (default: the field's label, or
    "Date"): "Start date must include a month", "Start date must be a real date". Each
    error says which boxes are wrong (``params["date_parts"]``) so only those are
    highlighted.
    """

    widget = DateInputWidget
    default_error_messages = {
        "required": _("Enter %(label_lower)s"),
        "incomplete": _("%(label)s must include a %(parts)s"),
        "invalid": _("%(label)s must be a real date"),
        "year_length": _("Year must include 4 numbers"),
    }

    def __init__(self, *, error_label: "str | Promise | None" = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.error_label = error_label

    @property
    def _label(self) -> str:
        return str(self.error_label or self.label or _("Date"))

    def _error(
        self, code: str, date_parts: tuple[str, ...] = DATE_PARTS, **params: Any
    ) -> ValidationError:
        label = self._label
        named = bool(self.error_label or self.label)
        return ValidationError(
            self.error_messages[code],
            code=code,
            params={
                "label": capfirst(label),
                # "Enter start date"; "Enter a date" when the field has no name.
                "label_lower": label[:1].lower() + label[1:] if named else _("a date"),
                "date_parts": date_parts,
                **params,
            },
        )

    def to_python(self, value: Any) -> date | None:
        if value in self.empty_values:
            return None
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        if isinstance(value, str):  # another widget, or data from an API or a test
            try:
                return date.fromisoformat(value.strip())
            except ValueError as exc:
                raise self._error("invalid") from exc
        parts = dict(zip(DATE_PARTS, (str(v or "").strip() for v in value), strict=False))
        entered = {part: parts.get(part, "") for part in DATE_PARTS}
        if not any(entered.values()):
            return None
        missing = tuple(part for part in DATE_PARTS if not entered[part])
        if missing:
            names = [str(_PART_NAMES[part]) for part in missing]
            joined = (
                names[0]
                if len(names) == 1
                else _("%(first)s and %(second)s")
                % {
                    "first": names[0],
                    "second": names[1],
                }
            )
            raise self._error("incomplete", missing, parts=joined)
        month_text = entered["month"].lower().rstrip(".")
        if month_text in _MONTH_NAMES:
            entered["month"] = str(_MONTH_NAMES[month_text])
        not_numbers = tuple(part for part in DATE_PARTS if not _DIGITS.match(entered[part]))
        if not_numbers:
            raise self._error("invalid", not_numbers)
        if len(entered["year"]) != 4:
            raise self._error("year_length", ("year",))
        day, month, year = (int(entered[part]) for part in DATE_PARTS)
        if year < 1:
            raise self._error("invalid", ("year",))
        if not 1 <= month <= 12:
            raise self._error("invalid", ("month",))
        try:
            return date(year, month, day)
        except ValueError as exc:
            raise self._error("invalid", ("day",)) from exc

    def validate(self, value: Any) -> None:
        if value in self.empty_values and self.required:
            raise self._error("required")

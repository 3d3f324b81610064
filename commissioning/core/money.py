"""Money: exact amounts as Decimal, parsed from what people type and spreadsheets hold,
and rounded only when displayed.

Published tables round their parts and their total separately, so the parts shown may
not add up to the total shown (seed 000's Table 1: parts 3.941, total 3.940);
:func:`rounding_mismatch` says when a table must carry the note "Figures may not sum due
to rounding".
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

PENNY = Decimal("0.01")
MAX_AMOUNT = Decimal("999999999999.99")  # DecimalField(max_digits=14, decimal_places=2)

# Footnote markers that may follow an amount in a published table: 52,445*
_MARKER = r"(?P<marker>\*{1,3}|†|‡)?"
_AMOUNT = re.compile(
    r"^(?P<sign>-)?£?(?P<number>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<pence>\d+))?" + _MARKER + r"$"
)


class AmountError(ValueError):
    """An amount that cannot be read. The message is fit to show to the person."""


@dataclass(frozen=True)
class ParsedAmount:
    amount: Decimal
    marker: str = ""


def parse_amount(text: object, *, allow_negative: bool = False) -> ParsedAmount:
    """Read an amount such as "£1,234.56", "1,234", "8,683.75" or "52,445*".

    Thousands separators must be in the right places ("1,23,4" is refused, as a typing
    slip is likelier than a strange convention). At most two decimal places.
    """
    if isinstance(text, Decimal | int) and not isinstance(text, bool):
        value = Decimal(text)
        return ParsedAmount(_checked(value, allow_negative=allow_negative))
    if isinstance(text, float):
        # Spreadsheet cells arrive as binary floats: 8683.75 is exact, 0.1 is not, so
        # go through the shortest decimal representation, never the binary value.
        return parse_amount(repr(text), allow_negative=allow_negative)
    raw = str(text or "").strip()
    compact = re.sub(r"\s+", "", raw).replace("−", "-")
    if compact.startswith("£-"):
        compact = "-£" + compact[2:]
    match = _AMOUNT.match(compact)
    if not raw:
        raise AmountError(_("Enter an amount"))
    if not match:
        raise AmountError(_("Enter an amount in pounds and pence, like £1,234.56"))
    digits = match["number"].replace(",", "")
    if len(match["pence"] or "") > 2:
        raise AmountError(_("Enter an amount with no more than 2 decimal places, like £8,683.75"))
    pence = (match["pence"] or "").ljust(2, "0")
    try:
        value = Decimal(f"{digits}.{pence}" if pence else digits)
    except InvalidOperation as exc:  # pragma: no cover - the pattern admits only digits
        raise AmountError(_("Enter an amount in pounds and pence, like £1,234.56")) from exc
    if match["sign"]:
        value = -value
    return ParsedAmount(_checked(value, allow_negative=allow_negative), match["marker"] or "")


def _checked(value: Decimal, *, allow_negative: bool) -> Decimal:
    if value != value.quantize(PENNY, rounding=ROUND_HALF_UP):
        raise AmountError(_("Enter an amount with no more than 2 decimal places, like £8,683.75"))
    if value < 0 and not allow_negative:
        raise AmountError(_("Enter an amount of £0 or more"))
    if abs(value) > MAX_AMOUNT:
        raise AmountError(_("Enter an amount less than £1,000,000,000,000"))
    return value.quantize(PENNY)


class Unit(models.TextChoices):
    """How amounts are shown. The stored amount is always exact, to the penny."""

    PENCE = "pence", _("Pounds and pence (£8,683.75)")
    POUNDS = "pounds", _("Pounds (£8,684)")
    THOUSANDS = "thousands", _("Thousands of pounds (£8.7k)")
    MILLIONS = "millions", _("Millions of pounds to three decimals (£0.009m)")


_QUANTUM = {
    Unit.PENCE: (Decimal(1), PENNY),
    Unit.POUNDS: (Decimal(1), Decimal(1)),
    Unit.THOUSANDS: (Decimal(1000), Decimal("0.1")),
    Unit.MILLIONS: (Decimal(1_000_000), Decimal("0.001")),
}


def rounded(amount: Decimal, unit: Unit | str) -> Decimal:
    """The amount in the unit, rounded half up (as published tables do)."""
    divisor, quantum = _QUANTUM[Unit(unit)]
    return (amount / divisor).quantize(quantum, rounding=ROUND_HALF_UP)


def format_money(
    amount: Decimal | None, unit: Unit | str = Unit.PENCE, *, symbol: bool = True
) -> str:
    """£1,234.56 / £1,235 / £1.2k / £4.668m; without the symbol for table cells under a
    heading that names the unit."""
    if amount is None:
        return ""
    unit = Unit(unit)
    value = rounded(amount, unit)
    sign = "-" if value < 0 else ""
    number = f"{abs(value):,}"
    suffix = {Unit.THOUSANDS: "k", Unit.MILLIONS: "m"}.get(unit, "")
    return f"{sign}{'£' if symbol else ''}{number}{suffix if symbol else ''}"


def rounding_mismatch(parts: Iterable[Decimal], total: Decimal, unit: Unit | str) -> bool:
    """True when the rounded parts, added up, differ from the rounded total."""
    return sum((rounded(part, unit) for part in parts), Decimal(0)) != rounded(total, unit)


def money_field(verbose_name: Any, **kwargs: Any) -> "models.DecimalField[Decimal, Decimal]":
    """The one way amounts are stored: 14 digits, to the penny."""
    return models.DecimalField(verbose_name, max_digits=14, decimal_places=2, **kwargs)

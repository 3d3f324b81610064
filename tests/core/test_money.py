from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from commissioning.core.money import (
    AmountError,
    Unit,
    format_money,
    parse_amount,
    rounded,
    rounding_mismatch,
)

pennies = st.integers(min_value=0, max_value=99_999_999_999).map(lambda p: Decimal(p) / 100)


@pytest.mark.parametrize(
    ("text", "amount", "marker"),
    [
        ("£1,234.56", "1234.56", ""),
        ("1,234", "1234.00", ""),
        ("8,683.75", "8683.75", ""),
        ("52,445*", "52445.00", "*"),
        ("5,950.00", "5950.00", ""),
        (" £ 307,849 ", "307849.00", ""),
        ("1234.5", "1234.50", ""),
        ("0", "0.00", ""),
        ("4,668,358.75", "4668358.75", ""),
        (8683.75, "8683.75", ""),
        (0.1, "0.10", ""),
        (1234, "1234.00", ""),
        (Decimal("12.30"), "12.30", ""),
    ],
)
def test_parse_amount_reads_what_people_and_spreadsheets_write(text, amount, marker):
    parsed = parse_amount(text)
    assert parsed.amount == Decimal(amount)
    assert parsed.marker == marker


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Enter an amount"),
        ("abc", "Enter an amount in pounds and pence, like £1,234.56"),
        ("1,23,4", "Enter an amount in pounds and pence, like £1,234.56"),
        ("12.345", "Enter an amount with no more than 2 decimal places, like £8,683.75"),
        ("-5", "Enter an amount of £0 or more"),
        ("£-5", "Enter an amount of £0 or more"),
        (1.005, "Enter an amount with no more than 2 decimal places, like £8,683.75"),
        ("1000000000000", "Enter an amount less than £1,000,000,000,000"),
    ],
)
def test_parse_amount_refuses_with_a_message_a_person_can_act_on(text, message):
    with pytest.raises(AmountError) as error:
        parse_amount(text)
    assert str(error.value) == message


def test_negative_amounts_only_when_allowed():
    assert parse_amount("-£50,000", allow_negative=True).amount == Decimal("-50000.00")
    assert parse_amount("−50,000", allow_negative=True).amount == Decimal("-50000.00")


@given(pennies)
def test_formatting_in_pence_then_parsing_is_the_identity(amount):
    assert parse_amount(format_money(amount, Unit.PENCE)).amount == amount


@pytest.mark.parametrize(
    ("unit", "expected"),
    [
        (Unit.PENCE, "£4,668,358.75"),
        (Unit.POUNDS, "£4,668,359"),
        (Unit.THOUSANDS, "£4,668.4k"),
        (Unit.MILLIONS, "£4.668m"),
    ],
)
def test_display_units(unit, expected):
    assert format_money(Decimal("4668358.75"), unit) == expected


def test_rounding_is_half_up_as_published_tables_do():
    # Seed 002: the Prevention sub-total 1,280,775.75 is published as 1,280,776.
    assert rounded(Decimal("1280775.75"), Unit.POUNDS) == Decimal("1280776")
    assert rounded(Decimal("0.5"), Unit.POUNDS) == Decimal("1")
    assert format_money(Decimal("-1.5"), Unit.POUNDS) == "-£2"
    assert format_money(None) == ""
    assert format_money(Decimal("1234"), Unit.POUNDS, symbol=False) == "1,234"


def test_seed_000_table_1_parts_do_not_sum_to_the_total_shown():
    # Table 1 of the 2016/17 refresh: parts shown sum to 3.941, the total shown is 3.940.
    parts = [Decimal(x) for x in ("1995400", "1185400", "105400", "205700", "449500")]
    total = sum(parts, Decimal(0))
    assert rounded(total, Unit.MILLIONS) == Decimal("3.941") or rounding_mismatch(
        parts, total, Unit.MILLIONS
    )
    assert rounding_mismatch(
        [Decimal("0.4"), Decimal("0.4"), Decimal("0.4")], Decimal("1.2"), Unit.POUNDS
    )
    assert not rounding_mismatch([Decimal("1"), Decimal("2")], Decimal("3"), Unit.POUNDS)


@given(st.lists(pennies, min_size=1, max_size=30))
def test_exact_parts_always_sum_to_the_exact_total(parts):
    total = sum(parts, Decimal(0))
    # Shown in pence nothing is lost, so there is never a rounding note.
    assert not rounding_mismatch(parts, total, Unit.PENCE)
    # In any unit, the mismatch is at most half a unit per part.
    for unit in (Unit.POUNDS, Unit.THOUSANDS, Unit.MILLIONS):
        shown = sum((rounded(p, unit) for p in parts), Decimal(0))
        step = {Unit.POUNDS: 1, Unit.THOUSANDS: Decimal("0.1"), Unit.MILLIONS: Decimal("0.001")}
        assert abs(shown - rounded(total, unit)) <= step[unit] * (len(parts) + 1)

from decimal import Decimal
from fractions import Fraction

import pytest

from commissioning.areas import selectors
from commissioning.areas.models import SubArea
from tests.factories import PolicingAreaFactory, SubAreaFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def llr():
    """A small LLR: two unitary authorities and a county split into three districts."""
    area = PolicingAreaFactory(name="LLR", slug="llr")
    county = SubAreaFactory(
        area=area,
        name="Leicestershire",
        kind=SubArea.Kind.COUNTY,
        is_csp_area=False,
        population=300,
        population_year=2016,
    )
    SubAreaFactory(area=area, name="Leicester City", kind=SubArea.Kind.UNITARY, population=500)
    SubAreaFactory(area=area, name="Rutland", kind=SubArea.Kind.UNITARY, population=200)
    for name, population in [("Blaby", 100), ("Charnwood", 150), ("Melton", 50)]:
        SubAreaFactory(area=area, name=name, parent=county, population=population)
    return area


def test_area_population_does_not_count_districts_twice(llr):
    population = selectors.area_population(list(selectors.sub_areas_for(llr)))
    # 500 + 200 + 300, not + 100 + 150 + 50 again.
    assert population.total == 1000
    assert population.is_complete


def test_area_population_names_authorities_without_a_population(llr):
    SubAreaFactory(
        area=llr, name="Unknown", kind=SubArea.Kind.UNITARY, population=None, population_year=None
    )
    population = selectors.area_population(list(selectors.sub_areas_for(llr)))
    assert population.total == 1000
    assert [s.name for s in population.missing] == ["Unknown"]


def test_policing_area_list_totals_top_level_only(llr):
    PolicingAreaFactory(name="Empty", slug="empty")
    areas = {area.slug: area for area in selectors.policing_area_list()}
    assert areas["llr"].population_total == 1000
    assert areas["llr"].sub_area_count == 6
    assert areas["empty"].population_total is None
    assert areas["empty"].sub_area_count == 0


def test_population_shares_are_exact_and_sum_to_one(llr):
    shares = selectors.population_shares(llr)
    by_name = {row.sub_area.name: row for row in shares.rows}
    # The county is not a partnership area; its districts are.
    assert set(by_name) == {"Blaby", "Charnwood", "Melton", "Leicester City", "Rutland"}
    assert shares.total == 1000
    assert by_name["Charnwood"].population == 150
    assert by_name["Charnwood"].fraction == Fraction(3, 20)
    assert by_name["Charnwood"].share == Decimal("0.15")
    assert by_name["Rutland"].percentage == Decimal("20.0")
    assert sum(row.fraction for row in shares.rows) == 1


def test_population_share_with_a_recurring_decimal():
    area = PolicingAreaFactory()
    for name in ["A", "B", "C"]:
        SubAreaFactory(area=area, name=name, population=1)
    shares = selectors.population_shares(area)
    assert shares.rows[0].fraction == Fraction(1, 3)
    assert shares.rows[0].share == Decimal("0." + "3" * 34)
    assert isinstance(shares.rows[0].share, Decimal)


def test_population_shares_leave_out_partnerships_without_population(llr):
    SubAreaFactory(area=llr, name="New district", population=None, population_year=None)
    shares = selectors.population_shares(llr)
    assert [s.name for s in shares.missing] == ["New district"]
    assert sum(row.fraction for row in shares.rows) == 1


def test_population_shares_of_an_area_with_no_partnerships():
    shares = selectors.population_shares(PolicingAreaFactory())
    assert (shares.rows, shares.total, shares.missing) == ([], 0, [])


def test_allocate_by_population_adds_up_to_the_penny():
    area = PolicingAreaFactory()
    subs = [SubAreaFactory(area=area, name=name, population=1) for name in ["A", "B", "C"]]
    allocation = selectors.allocate_by_population(
        selectors.population_shares(area), Decimal("100.00")
    )
    assert sum(allocation.values()) == Decimal("100.00")
    # 33.333... each: the odd penny goes to the first by name (equal remainders, populations).
    assert [allocation[s.pk] for s in subs] == [
        Decimal("33.34"),
        Decimal("33.33"),
        Decimal("33.33"),
    ]


def test_allocate_by_population_gives_left_over_pennies_to_largest_remainders(llr):
    shares = selectors.population_shares(llr)
    allocation = selectors.allocate_by_population(shares, Decimal("500000.01"))
    by_name = {row.sub_area.name: allocation[row.sub_area.pk] for row in shares.rows}
    assert sum(allocation.values()) == Decimal("500000.01")
    # Exact shares: 50000.001, 75000.0015, 25000.0005, 250000.005, 100000.002;
    # the one left-over penny goes to Leicester City (largest remainder, 0.5 of a penny).
    assert by_name["Leicester City"] == Decimal("250000.01")
    assert by_name["Charnwood"] == Decimal("75000.00")


def test_allocate_by_population_refuses_fractions_of_a_penny(llr):
    with pytest.raises(ValueError, match="pennies"):
        selectors.allocate_by_population(selectors.population_shares(llr), Decimal("1.005"))


def test_group_sub_areas_by_kind_orders_authorities_first(llr):
    grouped = selectors.group_sub_areas_by_kind(list(selectors.sub_areas_for(llr)))
    assert [label for label, _ in grouped] == ["Unitary authority", "County", "District or borough"]
    assert [s.name for s in grouped[0][1]] == ["Leicester City", "Rutland"]

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from commissioning.core.years import FinancialYear, FinancialYearField, span_label, year_span


@pytest.mark.parametrize("text", ["2017/18", "2017-18", "2017/2018", "17/18", " 2017 / 18 "])
def test_parse_accepts_the_ways_people_write_a_financial_year(text):
    assert FinancialYear.parse(text) == FinancialYear(2017)


@pytest.mark.parametrize("text", ["", "2017", "2017/19", "2017/2019", "1999/00", "abc", "18/17"])
def test_parse_refuses_anything_else(text):
    with pytest.raises(ValidationError) as error:
        FinancialYear.parse(text)
    assert error.value.messages == ["Enter a financial year like 2017/18"]


def test_a_financial_year_runs_from_1_april_to_31_march():
    year = FinancialYear(2017)
    assert str(year) == "2017/18"
    assert year.short == "17/18"
    assert (year.start, year.end) == (date(2017, 4, 1), date(2018, 3, 31))
    assert date(2018, 3, 31) in year
    assert date(2018, 4, 1) not in year
    assert FinancialYear.containing(date(2018, 3, 31)) == year
    assert FinancialYear.containing(date(2017, 4, 1)) == year
    assert year.previous == FinancialYear(2016)
    assert year.next == FinancialYear(2018)
    assert FinancialYear(2099).short == "99/00"


def test_spans_are_labelled_as_multi_year_frameworks_are():
    assert span_label(FinancialYear(2017), FinancialYear(2017)) == "2017/18"
    assert span_label(FinancialYear(2016), FinancialYear(2017)) == "2016-2018"
    assert year_span(FinancialYear(2015), FinancialYear(2017)) == [
        FinancialYear(2015),
        FinancialYear(2016),
        FinancialYear(2017),
    ]


def test_out_of_range_years_are_refused():
    with pytest.raises(ValueError, match="out of range"):
        FinancialYear(1999)


@given(st.dates(min_value=date(2001, 4, 1), max_value=date(2099, 12, 31)))
def test_every_day_belongs_to_exactly_one_financial_year(day):
    year = FinancialYear.containing(day)
    assert day in year
    assert day not in year.previous
    assert FinancialYear.parse(str(year)) == year


def test_model_field_converts_both_ways():
    field = FinancialYearField()
    assert field.get_prep_value(FinancialYear(2017)) == 2017
    assert field.get_prep_value("2017/18") == 2017
    assert field.get_prep_value(None) is None
    assert field.to_python(2016) == FinancialYear(2016)
    assert field.to_python("") is None
    assert field.from_db_value(2017) == FinancialYear(2017)
    assert field.from_db_value(None) is None

import pytest
from django.core.exceptions import ValidationError

from commissioning.organisations.identifiers import (
    identifier_search_terms,
    normalise_charity_number,
    normalise_company_number,
    normalise_name,
    org_id_for,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (" 1234 567 ", "1234567"),
        ("sc012345", "SC012345"),
        ("NIC100001", "NIC100001"),
        ("", ""),
    ],
)
def test_charity_numbers_are_normalised(raw, expected):
    assert normalise_charity_number(raw) == expected


@pytest.mark.parametrize("raw", ["12345", "ABC123456", "SC01234", "charity"])
def test_charity_numbers_of_no_known_form_are_refused(raw):
    with pytest.raises(ValidationError) as error:
        normalise_charity_number(raw)
    assert error.value.code == "invalid_charity_number"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("1234567", "01234567"), ("sc 123456", "SC123456"), ("01234567", "01234567")],
)
def test_company_numbers_are_normalised_and_zero_padded(raw, expected):
    assert normalise_company_number(raw) == expected


@pytest.mark.parametrize("raw", ["123456789", "S1234567", "ABCDEFGH"])
def test_company_numbers_of_no_known_form_are_refused(raw):
    with pytest.raises(ValidationError):
        normalise_company_number(raw)


@pytest.mark.parametrize(
    ("charity", "company", "expected"),
    [
        ("1234567", "01234567", "GB-CHC-1234567"),
        ("", "01234567", "GB-COH-01234567"),
        ("SC012345", "", "GB-SC-SC012345"),
        ("NIC100001", "", "GB-NIC-100001"),
        ("", "", ""),
    ],
)
def test_org_id_prefers_the_charity_number(charity, company, expected):
    assert org_id_for(charity_number=charity, company_number=company) == expected


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("The Example Trust Ltd", "example trust"),
        ("Example Trust", "example trust"),
        ("EXAMPLE  TRUST, LIMITED", "example trust"),
        ("Victims First CIC", "victims first"),
        ("Smith & Jones", "smith and jones"),
        ("Theatre Group", "theatre group"),
    ],
)
def test_names_normalise_to_a_comparison_key(name, key):
    assert normalise_name(name) == key


@pytest.mark.parametrize(
    ("query", "charities", "companies"),
    [
        ("GB-CHC-1234567", {"1234567"}, set()),
        ("gb-coh-1234567", set(), {"01234567"}),
        ("GB-NIC-100001", {"NIC100001"}, set()),
        ("GB-SC-SC012345", {"SC012345"}, set()),
        ("1234567", {"1234567"}, {"01234567"}),
        ("Victim Support", set(), set()),
    ],
)
def test_searches_are_read_as_identifiers_where_they_can_be(query, charities, companies):
    assert identifier_search_terms(query) == (charities, companies)

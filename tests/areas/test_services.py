import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from commissioning.areas import services
from commissioning.areas.models import PolicingArea, SubArea
from commissioning.core.roles import Role
from tests.factories import PolicingAreaFactory, SubAreaFactory, SubAreaGroupFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(make_user):
    return make_user(Role.COMMISSIONING_OFFICER)


@pytest.fixture
def area():
    return PolicingAreaFactory(name="Leicester, Leicestershire and Rutland", slug="llr")


@pytest.fixture
def county(area):
    return SubAreaFactory(area=area, name="Leicestershire", kind=SubArea.Kind.COUNTY)


def _district(officer, area, county, **overrides):
    fields = {
        "actor": officer,
        "area": area,
        "name": "Charnwood Borough",
        "kind": SubArea.Kind.DISTRICT,
        "parent": county,
        "is_csp_area": True,
        "csp_name": "Charnwood Community Safety Partnership",
        "population": 179_600,
        "population_year": 2016,
        "population_source": "Illustrative estimate",
    }
    fields.update(overrides)
    return services.sub_area_create(**fields)


def _errors(excinfo):
    return excinfo.value.message_dict


# --- Policing areas ------------------------------------------------------------------


def test_policing_area_create_records_who_and_why(make_user):
    admin = make_user(Role.ADMIN)
    area = services.policing_area_create(
        actor=admin, name=" Lancashire ", short_name="Lancs", slug="Lancashire", force_name=""
    )
    assert (area.name, area.slug) == ("Lancashire", "lancashire")
    record = area.history.get()
    assert record.history_user == admin
    assert record.history_type == "+"
    assert record.history_change_reason == "Policing area created"


def test_policing_area_create_refuses_duplicate_name_and_slug(make_user, area):
    with pytest.raises(ValidationError) as excinfo:
        services.policing_area_create(
            actor=make_user(Role.ADMIN),
            name="leicester, leicestershire and rutland",
            short_name="LLR",
            slug="llr",
        )
    assert set(_errors(excinfo)) == {"name", "slug"}
    assert PolicingArea.objects.count() == 1


def test_policing_area_slug_new_is_reserved(make_user):
    with pytest.raises(ValidationError) as excinfo:
        services.policing_area_create(
            actor=make_user(Role.ADMIN), name="New", short_name="N", slug="new"
        )
    assert "slug" in _errors(excinfo)


def test_policing_area_update_keeps_own_slug_and_audits(make_user, area):
    admin = make_user(Role.ADMIN)
    updated = services.policing_area_update(
        actor=admin, area=area, name=area.name, short_name="LLR", slug="llr", force_name="X"
    )
    assert updated.force_name == "X"
    assert area.history.latest().history_user == admin
    assert area.history.count() == 2


# --- Sub-areas -----------------------------------------------------------------------


def test_sub_area_create_saves_and_audits(officer, area, county):
    district = _district(officer, area, county)
    district.refresh_from_db()
    assert district.parent == county
    assert district.population == 179_600
    assert district.history.get().history_user == officer


def test_name_must_be_unique_within_area_ignoring_case(officer, area, county):
    _district(officer, area, county)
    with pytest.raises(ValidationError) as excinfo:
        _district(officer, area, county, name="CHARNWOOD BOROUGH")
    assert "name" in _errors(excinfo)


def test_same_name_allowed_in_another_area(officer, area, county):
    _district(officer, area, county)
    other = PolicingAreaFactory()
    other_county = SubAreaFactory(area=other, kind=SubArea.Kind.COUNTY)
    assert _district(officer, other, other_county).area == other


@pytest.mark.parametrize("population", [0, -5])
def test_population_must_be_positive(officer, area, county, population):
    with pytest.raises(ValidationError) as excinfo:
        _district(officer, area, county, population=population)
    assert "population" in _errors(excinfo)


@pytest.mark.parametrize(
    ("year", "valid"),
    [(1990, False), (1991, True), ("next", True), ("after next", False)],
)
def test_population_year_range(officer, area, county, year, valid):
    this_year = timezone.localdate().year
    year = {"next": this_year + 1, "after next": this_year + 2}.get(year, year)
    if valid:
        assert _district(officer, area, county, population_year=year).population_year == year
    else:
        with pytest.raises(ValidationError) as excinfo:
            _district(officer, area, county, population_year=year)
        assert "population_year" in _errors(excinfo)


def test_population_needs_a_year(officer, area, county):
    with pytest.raises(ValidationError) as excinfo:
        _district(officer, area, county, population_year=None)
    assert "population_year" in _errors(excinfo)


def test_year_without_population_is_refused(officer, area, county):
    with pytest.raises(ValidationError) as excinfo:
        _district(officer, area, county, population=None)
    assert "population" in _errors(excinfo)


def test_population_may_be_unknown(officer, area, county):
    district = _district(officer, area, county, population=None, population_year=None)
    assert district.population is None


def test_district_needs_a_county(officer, area, county):
    with pytest.raises(ValidationError) as excinfo:
        _district(officer, area, county, parent=None)
    assert "parent" in _errors(excinfo)


def test_parent_must_be_a_county_not_a_district(officer, area, county):
    district = _district(officer, area, county)
    with pytest.raises(ValidationError) as excinfo:
        _district(officer, area, county, name="Blaby District", parent=district)
    assert "parent" in _errors(excinfo)


def test_parent_must_be_in_the_same_area(officer, area, county):
    foreign_county = SubAreaFactory(kind=SubArea.Kind.COUNTY)
    with pytest.raises(ValidationError) as excinfo:
        _district(officer, area, county, parent=foreign_county)
    assert "parent" in _errors(excinfo)


def test_unitary_authority_has_no_parent(officer, area, county):
    with pytest.raises(ValidationError) as excinfo:
        _district(officer, area, county, name="Rutland", kind=SubArea.Kind.UNITARY)
    assert "parent" in _errors(excinfo)


def test_csp_area_needs_a_partnership_name(officer, area, county):
    with pytest.raises(ValidationError) as excinfo:
        _district(officer, area, county, csp_name=" ")
    assert "csp_name" in _errors(excinfo)


def test_partnership_name_dropped_when_not_a_csp_area(officer, area, county):
    district = _district(officer, area, county, is_csp_area=False)
    assert district.csp_name == ""


def test_sub_area_update_changes_fields_and_audits(officer, area, county):
    district = _district(officer, area, county)
    updated = services.sub_area_update(
        actor=officer,
        sub_area=district,
        name="Charnwood Borough",
        kind=SubArea.Kind.DISTRICT,
        parent=county,
        is_csp_area=True,
        csp_name="Safer Charnwood",
        population=180_000,
        population_year=2017,
        population_source="ONS",
    )
    assert (updated.population, updated.population_year) == (180_000, 2017)
    latest = district.history.latest()
    assert latest.history_type == "~"
    assert latest.history_user == officer
    assert latest.history_change_reason == "Area changed"


def test_county_with_districts_cannot_stop_being_a_county(officer, area, county):
    _district(officer, area, county)
    with pytest.raises(ValidationError) as excinfo:
        services.sub_area_update(
            actor=officer, sub_area=county, name=county.name, kind=SubArea.Kind.UNITARY
        )
    assert "kind" in _errors(excinfo)
    county.refresh_from_db()
    assert county.kind == SubArea.Kind.COUNTY


def test_sub_area_update_keeps_its_own_name(officer, area, county):
    district = _district(officer, area, county)
    updated = services.sub_area_update(
        actor=officer,
        sub_area=district,
        name="charnwood borough",
        kind=SubArea.Kind.DISTRICT,
        parent=county,
    )
    assert updated.name == "charnwood borough"


# --- Groups --------------------------------------------------------------------------


def test_group_create_sets_members_and_audits(officer, area, county):
    rutland = SubAreaFactory(area=area, name="Rutland", kind=SubArea.Kind.UNITARY)
    group = services.sub_area_group_create(
        actor=officer, area=area, name="Leicestershire and Rutland", members=[county, rutland]
    )
    assert set(group.members.all()) == {county, rutland}
    assert group.history.filter(history_user=officer).exists()
    assert group.history.earliest().history_type == "+"


def test_group_needs_two_distinct_members(officer, area, county):
    with pytest.raises(ValidationError) as excinfo:
        services.sub_area_group_create(actor=officer, area=area, name="G", members=[county, county])
    assert "members" in _errors(excinfo)


def test_group_members_must_be_in_the_area(officer, area, county):
    foreign = SubAreaFactory()
    with pytest.raises(ValidationError) as excinfo:
        services.sub_area_group_create(
            actor=officer, area=area, name="G", members=[county, foreign]
        )
    assert "members" in _errors(excinfo)


def test_group_name_unique_within_area(officer, area, county):
    SubAreaGroupFactory(area=area, name="Districts and boroughs")
    rutland = SubAreaFactory(area=area)
    with pytest.raises(ValidationError) as excinfo:
        services.sub_area_group_create(
            actor=officer, area=area, name="districts and boroughs", members=[county, rutland]
        )
    assert "name" in _errors(excinfo)


def test_group_update_replaces_members(officer, area, county):
    a, b = SubAreaFactory(area=area), SubAreaFactory(area=area)
    group = services.sub_area_group_create(actor=officer, area=area, name="G", members=[a, b])
    updated = services.sub_area_group_update(
        actor=officer, group=group, name="G renamed", members=[county, b]
    )
    assert updated.name == "G renamed"
    assert set(updated.members.all()) == {county, b}
    assert group.history.latest().history_user == officer


def test_failed_group_update_changes_nothing(officer, area, county):
    a, b = SubAreaFactory(area=area), SubAreaFactory(area=area)
    group = services.sub_area_group_create(actor=officer, area=area, name="G", members=[a, b])
    with pytest.raises(ValidationError):
        services.sub_area_group_update(actor=officer, group=group, name="New", members=[a])
    group.refresh_from_db()
    assert group.name == "G"
    assert set(group.members.all()) == {a, b}

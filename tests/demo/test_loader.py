import re
from pathlib import Path

import pytest
from django.conf import settings
from django_otp.plugins.otp_totp.models import TOTPDevice

from commissioning.accounts.models import User
from commissioning.areas import selectors
from commissioning.areas.models import PolicingArea, SubArea, SubAreaGroup
from commissioning.core.roles import STAFF_ROLES, Role
from commissioning.demo import data
from commissioning.organisations.models import Organisation

pytestmark = pytest.mark.django_db

SEEDS = Path(settings.BASE_DIR).parent / "shared" / "seeds"


def test_llr_has_its_ten_sub_areas_with_populations(demo_loaded):
    llr = PolicingArea.objects.get(slug="llr")
    assert llr.name == "Leicester, Leicestershire and Rutland"
    assert llr.short_name == "LLR"
    assert llr.force_name == "Leicestershire Police"
    sub_areas = {s.name: s for s in SubArea.objects.filter(area=llr).select_related("parent")}
    assert set(sub_areas) == {
        "Leicester City",
        "Leicestershire",
        "Rutland",
        "Blaby District",
        "Charnwood Borough",
        "Harborough District",
        "Hinckley and Bosworth Borough",
        "Melton Borough",
        "North West Leicestershire District",
        "Oadby and Wigston Borough",
    }
    for sub_area in sub_areas.values():
        assert sub_area.population > 0
        assert sub_area.population_year == 2016
        assert "not an official statistic" in sub_area.population_source
    assert sub_areas["Leicester City"].kind == SubArea.Kind.UNITARY
    assert sub_areas["Rutland"].kind == SubArea.Kind.UNITARY
    county = sub_areas["Leicestershire"]
    assert county.kind == SubArea.Kind.COUNTY
    districts = [s for s in sub_areas.values() if s.kind == SubArea.Kind.DISTRICT]
    assert len(districts) == 7
    assert all(d.parent == county for d in districts)
    assert sum(d.population for d in districts) == county.population


def test_csp_areas_are_the_city_rutland_and_each_district(demo_loaded):
    csp_names = set(
        SubArea.objects.filter(area__slug="llr", is_csp_area=True).values_list("name", flat=True)
    )
    assert len(csp_names) == 9
    assert "Leicestershire" not in csp_names
    assert {"Leicester City", "Rutland", "Charnwood Borough"} <= csp_names
    assert not SubArea.objects.filter(is_csp_area=True, csp_name="").exists()
    # The partnerships cover the whole area once: their shares add up to the area's population.
    llr = PolicingArea.objects.get(slug="llr")
    shares = selectors.population_shares(llr)
    population = selectors.area_population(list(selectors.sub_areas_for(llr)))
    assert shares.total == population.total == 1_071_100
    assert sum(row.fraction for row in shares.rows) == 1


def test_groups_and_their_members(demo_loaded):
    groups = {g.name: g for g in SubAreaGroup.objects.filter(area__slug="llr")}
    assert set(groups) == {"Leicestershire and Rutland", "Districts and boroughs"}
    assert {m.name for m in groups["Leicestershire and Rutland"].members.all()} == {
        "Leicestershire",
        "Rutland",
    }
    members = groups["Districts and boroughs"].members.all()
    assert {m.kind for m in members} == {SubArea.Kind.DISTRICT}
    assert members.count() == 7


def test_other_areas_are_records_only(demo_loaded):
    assert PolicingArea.objects.get(slug="lancashire").name == "Lancashire"
    durham = PolicingArea.objects.get(slug="durham")
    assert durham.force_name == "Durham Constabulary"
    assert not SubArea.objects.filter(area__slug__in=["lancashire", "durham"]).exists()


def test_every_role_has_a_user_with_the_demo_password(demo_loaded):
    for role in Role:
        user = User.objects.get(role=role, email__endswith="@demo.example")
        assert user.is_active
        assert user.check_password(data.DEMO_PASSWORD)
    assert User.objects.get(email="provider@demo.example").organisation.name == "Catch 22"
    assert User.objects.get(email="csp@demo.example").csp_area.name == "Charnwood Borough"


def test_staff_have_a_confirmed_device_with_the_demo_secret_and_others_none(demo_loaded):
    for user in User.objects.filter(email__endswith="@demo.example"):
        devices = list(TOTPDevice.objects.filter(user=user, confirmed=True))
        if user.role in STAFF_ROLES:
            assert [d.key for d in devices] == [data.DEMO_TOTP_KEY_HEX], user.email
        else:
            assert devices == [], user.email


def test_demo_secret_is_the_documented_one():
    assert data.DEMO_TOTP_KEY_BASE32 == "OBRWGLLEMVWW6LLUN52HALLTMVRXEZLU"
    assert len(bytes.fromhex(data.DEMO_TOTP_KEY_HEX)) == 20
    assert len(data.DEMO_PASSWORD) >= 12


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Catch 22", Organisation.Kind.VCS),
        ("24/7 Locks", Organisation.Kind.PRIVATE_COMPANY),
        ("FreeVA", Organisation.Kind.VCS),
        ("Leicestershire Partnership NHS Trust", Organisation.Kind.HEALTH_BODY),
        ("United Against Violence and Abuse (UAVA)", Organisation.Kind.VCS),
        ("Living Without Abuse", Organisation.Kind.VCS),
        ("Leicestershire Police", Organisation.Kind.POLICE_FORCE),
        ("Turning Point", Organisation.Kind.VCS),
        ("Inclusion Healthcare", Organisation.Kind.HEALTH_BODY),
        ("Leicester City Council", Organisation.Kind.LOCAL_AUTHORITY),
        ("Leicestershire County Council", Organisation.Kind.LOCAL_AUTHORITY),
        ("Rutland County Council", Organisation.Kind.LOCAL_AUTHORITY),
        ("Barnardo's", Organisation.Kind.VCS),
        ("Leicestershire Cares", Organisation.Kind.VCS),
        ("The Hampton Trust", Organisation.Kind.VCS),
        ("New Dawn New Day", Organisation.Kind.VCS),
        ("Crimestoppers", Organisation.Kind.VCS),
        ("Go-Getta CIC", Organisation.Kind.CIC),
        ("Community Projects Plus", Organisation.Kind.VCS),
        ("Pedestrian Limited", Organisation.Kind.VCS),
        ("Charnwood Borough Council", Organisation.Kind.LOCAL_AUTHORITY),
        ("Oadby and Wigston Borough Council", Organisation.Kind.LOCAL_AUTHORITY),
        (
            "Office of the Police and Crime Commissioner for Leicestershire",
            Organisation.Kind.OPCC,
        ),
        ("Lancashire Constabulary", Organisation.Kind.POLICE_FORCE),
        ("Office of the Police and Crime Commissioner for Lancashire", Organisation.Kind.OPCC),
        ("Durham Constabulary", Organisation.Kind.POLICE_FORCE),
        (
            "Office of the Durham Police, Crime and Victims' Commissioner",
            Organisation.Kind.OPCC,
        ),
    ],
)
def test_organisations_from_the_seeds_have_the_right_type(name, kind, demo_loaded):
    organisation = Organisation.objects.get(name=name)
    assert organisation.kind == kind
    assert organisation.notes.startswith(data.DEMO_NOTE)


def test_every_district_and_borough_has_its_council(demo_loaded):
    for name, _ in data.DISTRICTS:
        assert Organisation.objects.get(name=f"{name} Council").kind == (
            Organisation.Kind.LOCAL_AUTHORITY
        )


def test_only_known_charity_numbers_are_filled_in(demo_loaded):
    numbered = dict(
        Organisation.objects.exclude(charity_number="").values_list("name", "charity_number")
    )
    assert numbered == {
        "Barnardo's": "216250",
        "Catch 22": "1124127",
        "Crimestoppers": "1108687",
        "Turning Point": "234887",
    }
    assert not Organisation.objects.exclude(company_number="").exists()


def test_every_delivery_organisation_in_the_llr_budget_is_loaded(demo_loaded):
    """Read Appendix A of seed 002: each named delivery organisation must be in the demo."""
    seed = next(iter(SEEDS.glob("002_*.txt")), None)
    if seed is None:
        pytest.skip(f"The seed documents are not at {SEEDS} (../shared is absent).")
    names = set(Organisation.objects.values_list("name", flat=True))
    # The header, lines with no provider yet ("Various – To be confirmed via strategic
    # commissioning review" is cut to "via strategic") and the councils collectively.
    not_organisations = (
        "Delivery organisation",
        "To be confirmed",
        "Various",
        "via strategic",
        "Districts, Boroughs",
    )
    found = set()
    for line in seed.read_text().splitlines():
        # Budget lines end: service, delivery organisation, provision, cost, reach (the
        # extraction sometimes puts garbled text in a cell before them).
        cells = line.split("\t")[-5:]
        if len(cells) != 5 or not re.search(r"\d", cells[3]):
            continue
        delivery = cells[1].strip()
        if not delivery or delivery.startswith(not_organisations):
            continue
        found.add(delivery)
        assert data.SEED_NAMES.get(delivery, delivery) in names, delivery
    # The table's text is garbled in places; enough rows must still have been read.
    assert {"Catch 22", "Force", "Turning Point", "Leicester Partnership Trust"} <= found

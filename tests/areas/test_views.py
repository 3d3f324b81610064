import pytest
from django.urls import reverse

from commissioning.areas import services
from commissioning.areas.models import PolicingArea, SubArea, SubAreaGroup
from commissioning.core.roles import EDITOR_ROLES, STAFF_ROLES, Role
from tests.factories import PolicingAreaFactory, SubAreaFactory, SubAreaGroupFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def llr():
    area = PolicingAreaFactory(
        name="Leicester, Leicestershire and Rutland",
        short_name="LLR",
        slug="llr",
        force_name="Leicestershire Police",
    )
    county = SubAreaFactory(
        area=area,
        name="Leicestershire",
        kind=SubArea.Kind.COUNTY,
        is_csp_area=False,
        csp_name="",
        population=684_200,
    )
    city = SubAreaFactory(
        area=area, name="Leicester City", kind=SubArea.Kind.UNITARY, population=348_300
    )
    rutland = SubAreaFactory(
        area=area, name="Rutland", kind=SubArea.Kind.UNITARY, population=38_600
    )
    districts = [
        SubAreaFactory(area=area, name=name, parent=county, population=population)
        for name, population in [
            ("Blaby District", 97_600),
            ("Charnwood Borough", 179_600),
            ("Harborough District", 90_800),
            ("Hinckley and Bosworth Borough", 110_400),
            ("Melton Borough", 51_000),
            ("North West Leicestershire District", 98_600),
            ("Oadby and Wigston Borough", 56_200),
        ]
    ]
    group = SubAreaGroupFactory(area=area, name="Leicestershire and Rutland")
    group.members.set([county, rutland])
    districts_group = SubAreaGroupFactory(area=area, name="Districts and boroughs")
    districts_group.members.set(districts)
    return {
        "area": area,
        "county": county,
        "city": city,
        "rutland": rutland,
        "districts": districts,
        "group": group,
    }


def _client(make_user, login, role, **kwargs):
    return login(make_user(role, **kwargs))


def _sub_area_url(sub_area, suffix="detail"):
    return reverse(f"areas:sub-area-{suffix}", args=[sub_area.area.slug, sub_area.pk])


# --- Access --------------------------------------------------------------------------


def test_anonymous_is_sent_to_sign_in(client, llr):
    response = client.get(reverse("areas:list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("role", sorted(STAFF_ROLES))
def test_staff_see_list_and_detail(make_user, login, llr, role):
    client = _client(make_user, login, role)
    assert client.get(reverse("areas:list")).status_code == 200
    assert client.get(reverse("areas:detail", args=["llr"])).status_code == 200
    assert client.get(_sub_area_url(llr["districts"][0])).status_code == 200
    assert client.get(reverse("areas:history", args=["llr"])).status_code == 200


@pytest.mark.parametrize("role", [Role.PROVIDER, Role.CSP])
def test_people_outside_the_office_get_404_for_lists_and_forms(make_user, login, llr, role):
    kwargs = {"csp_area": llr["districts"][1]} if role == Role.CSP else {}
    client = _client(make_user, login, role, **kwargs)
    for url in [
        reverse("areas:list"),
        reverse("areas:create"),
        reverse("areas:detail", args=["llr"]),
        reverse("areas:history", args=["llr"]),
        reverse("areas:sub-area-create", args=["llr"]),
        reverse("areas:group-create", args=["llr"]),
        reverse("areas:group-detail", args=["llr", llr["group"].pk]),
        _sub_area_url(llr["districts"][0]),
        _sub_area_url(llr["districts"][0], "edit"),
    ]:
        assert client.get(url).status_code == 404, url


def test_csp_user_sees_their_own_sub_area_only(make_user, login, llr):
    charnwood = llr["districts"][1]
    client = _client(make_user, login, Role.CSP, csp_area=charnwood)
    response = client.get(_sub_area_url(charnwood))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Charnwood Borough" in content
    assert "179,600 (2016 estimate)" in content
    # No links to pages they may not see: the list, the county, the history.
    assert reverse("areas:list") not in content
    assert _sub_area_url(llr["county"]) not in content
    assert _sub_area_url(charnwood, "history") not in content
    assert client.get(_sub_area_url(charnwood, "history")).status_code == 404
    assert client.get(_sub_area_url(llr["districts"][0])).status_code == 404


def test_dashboard_link_for_csp_user_works(make_user, login, llr):
    charnwood = llr["districts"][1]
    client = _client(make_user, login, Role.CSP, csp_area=charnwood)
    dashboard = client.get(reverse("core:dashboard")).content.decode()
    assert _sub_area_url(charnwood) in dashboard


def test_sub_area_in_another_area_is_404(officer_client, llr):
    other = PolicingAreaFactory(slug="other")
    url = reverse("areas:sub-area-detail", args=["other", llr["city"].pk])
    assert other.pk
    assert officer_client.get(url).status_code == 404


@pytest.mark.parametrize("role", [Role.PANEL_MEMBER, Role.ASSESSOR])
def test_read_only_staff_cannot_edit(make_user, login, llr, role):
    client = _client(make_user, login, role)
    detail = client.get(reverse("areas:detail", args=["llr"])).content.decode()
    assert reverse("areas:sub-area-create", args=["llr"]) not in detail
    assert reverse("areas:group-create", args=["llr"]) not in detail
    city = llr["city"]
    assert _sub_area_url(city, "edit") not in client.get(_sub_area_url(city)).content.decode()
    assert client.get(_sub_area_url(city, "edit")).status_code == 403
    response = client.post(_sub_area_url(city, "edit"), {"name": "Changed"})
    assert response.status_code == 403
    city.refresh_from_db()
    assert city.name == "Leicester City"
    assert client.post(reverse("areas:sub-area-create", args=["llr"])).status_code == 403
    assert client.get(reverse("areas:group-edit", args=["llr", llr["group"].pk])).status_code == 403


@pytest.mark.parametrize("role", sorted(STAFF_ROLES - {Role.ADMIN}))
def test_only_admins_add_or_change_policing_areas(make_user, login, llr, role):
    client = _client(make_user, login, role)
    assert client.get(reverse("areas:create")).status_code == 403
    assert client.get(reverse("areas:edit", args=["llr"])).status_code == 403
    response = client.post(reverse("areas:create"), {"name": "X", "short_name": "X", "slug": "x"})
    assert response.status_code == 403
    assert not PolicingArea.objects.filter(slug="x").exists()


# --- Content -------------------------------------------------------------------------


def test_detail_shows_sub_areas_by_kind_and_a_total_without_double_counting(officer_client, llr):
    response = officer_client.get(reverse("areas:detail", args=["llr"]))
    content = response.content.decode()
    # 348,300 + 38,600 + 684,200; the districts (which sum to 684,200) are not added again.
    assert "1,071,100" in content
    assert "1,755,300" not in content
    # Years are not numbers to be grouped in thousands.
    assert ">2016<" in content
    assert "2,016" not in content
    assert [label for label, _ in response.context["sub_areas_by_kind"]] == [
        "Unitary authority",
        "County",
        "District or borough",
    ]
    assert "Charnwood Borough Community Safety Partnership" in content
    assert "Leicestershire and Rutland" in content
    assert "Districts and boroughs" in content
    # Each partnership area's share of the partnership population (1,071,100).
    assert "32.5%" in content  # Leicester City: 348,300 / 1,071,100


def test_list_shows_each_area_and_its_population(officer_client, llr):
    PolicingAreaFactory(name="Lancashire", slug="lancashire")
    content = officer_client.get(reverse("areas:list")).content.decode()
    assert "Leicester, Leicestershire and Rutland" in content
    assert "Lancashire" in content
    assert "1,071,100" in content


def test_group_detail_lists_members_with_total(officer_client, llr):
    response = officer_client.get(reverse("areas:group-detail", args=["llr", llr["group"].pk]))
    content = response.content.decode()
    assert "Rutland" in content
    assert "722,800" in content  # 684,200 + 38,600


def test_sub_area_history_shows_changes(make_user, login, llr):
    officer = make_user(Role.COMMISSIONING_OFFICER, full_name="Olive Officer")
    city = llr["city"]
    services.sub_area_update(
        actor=officer,
        sub_area=city,
        name=city.name,
        kind=city.kind,
        is_csp_area=True,
        csp_name="Safer Leicester Partnership",
        population=350_000,
        population_year=2017,
    )
    content = login(officer).get(_sub_area_url(city, "history")).content.decode()
    assert "Olive Officer" in content
    assert "350000" in content
    assert "Area changed" in content


def test_group_history_page(officer_client, llr):
    url = reverse("areas:group-history", args=["llr", llr["group"].pk])
    response = officer_client.get(url)
    assert response.status_code == 200
    assert response.context["record"] == llr["group"]


# --- Forms ---------------------------------------------------------------------------


@pytest.mark.parametrize("role", sorted(EDITOR_ROLES))
def test_editor_adds_a_district(make_user, login, llr, role):
    client = _client(make_user, login, role)
    url = reverse("areas:sub-area-create", args=["llr"])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "name": "New Borough",
            "kind": SubArea.Kind.DISTRICT,
            "parent": llr["county"].pk,
            "is_csp_area": "yes",
            "csp_name": "New Borough CSP",
            "population": "1000",
            "population_year": "2016",
            "population_source": "Illustrative",
        },
    )
    created = SubArea.objects.get(name="New Borough")
    assert response.status_code == 302
    assert response["Location"] == _sub_area_url(created)
    assert created.parent == llr["county"]
    assert created.history.get().history_user.role == role


def test_invalid_sub_area_shows_errors_and_saves_nothing(officer_client, llr):
    response = officer_client.post(
        reverse("areas:sub-area-create", args=["llr"]),
        {
            "name": "Rutland",
            "kind": SubArea.Kind.DISTRICT,
            "parent": "",
            "is_csp_area": "yes",
            "csp_name": "",
            "population": "0",
            "population_year": "1066",
        },
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert set(errors) >= {"name", "parent", "csp_name", "population", "population_year"}
    assert SubArea.objects.filter(name="Rutland").count() == 1


def test_parent_choices_are_counties_of_this_area(officer_client, llr):
    SubAreaFactory(kind=SubArea.Kind.COUNTY, name="Elsewhere county")
    response = officer_client.get(reverse("areas:sub-area-create", args=["llr"]))
    choices = list(response.context["form"].fields["parent"].queryset)
    assert choices == [llr["county"]]


def test_editor_changes_a_sub_area(officer_client, llr):
    city = llr["city"]
    url = _sub_area_url(city, "edit")
    form = officer_client.get(url).context["form"]
    assert form.initial["population"] == 348_300
    data = {
        "name": "Leicester City",
        "kind": SubArea.Kind.UNITARY,
        "parent": "",
        "is_csp_area": "yes",
        "csp_name": "Safer Leicester Partnership",
        "population": "350000",
        "population_year": "2017",
        "population_source": "",
    }
    response = officer_client.post(url, data)
    assert response.status_code == 302
    city.refresh_from_db()
    assert (city.population, city.csp_name) == (350_000, "Safer Leicester Partnership")


def test_editor_adds_a_group_with_checkboxes(officer_client, llr):
    city, rutland = llr["city"], llr["rutland"]
    url = reverse("areas:group-create", args=["llr"])
    content = officer_client.get(url).content.decode()
    assert 'type="checkbox"' in content
    response = officer_client.post(
        url, {"name": "City and Rutland", "members": [city.pk, rutland.pk]}
    )
    group = SubAreaGroup.objects.get(name="City and Rutland")
    assert response.status_code == 302
    assert set(group.members.all()) == {city, rutland}


def test_group_with_one_member_is_refused(officer_client, llr):
    response = officer_client.post(
        reverse("areas:group-create", args=["llr"]), {"name": "Alone", "members": [llr["city"].pk]}
    )
    assert response.status_code == 200
    assert "members" in response.context["form"].errors
    assert not SubAreaGroup.objects.filter(name="Alone").exists()


def test_group_members_from_another_area_are_not_choices(officer_client, llr):
    foreign = SubAreaFactory()
    response = officer_client.post(
        reverse("areas:group-create", args=["llr"]),
        {"name": "Mixed", "members": [llr["city"].pk, foreign.pk]},
    )
    assert "members" in response.context["form"].errors
    assert not SubAreaGroup.objects.filter(name="Mixed").exists()


def test_editor_changes_a_group(officer_client, llr):
    group = llr["group"]
    url = reverse("areas:group-edit", args=["llr", group.pk])
    assert set(officer_client.get(url).context["form"].initial["members"]) == {
        llr["county"].pk,
        llr["rutland"].pk,
    }
    response = officer_client.post(
        url, {"name": group.name, "members": [llr["county"].pk, llr["city"].pk]}
    )
    assert response.status_code == 302
    assert set(group.members.all()) == {llr["county"], llr["city"]}


def test_admin_adds_and_changes_a_policing_area(opcc_admin_client):
    response = opcc_admin_client.post(
        reverse("areas:create"),
        {"name": "Durham", "short_name": "Durham", "slug": "durham", "force_name": ""},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("areas:detail", args=["durham"])
    response = opcc_admin_client.post(
        reverse("areas:edit", args=["durham"]),
        {
            "name": "Durham",
            "short_name": "Durham",
            "slug": "durham",
            "force_name": "Durham Constabulary",
        },
    )
    assert response.status_code == 302
    assert PolicingArea.objects.get(slug="durham").force_name == "Durham Constabulary"


def test_policing_area_with_taken_slug_is_refused(opcc_admin_client, llr):
    response = opcc_admin_client.post(
        reverse("areas:create"), {"name": "Another", "short_name": "A", "slug": "llr"}
    )
    assert response.status_code == 200
    assert "slug" in response.context["form"].errors


# --- Query counts --------------------------------------------------------------------


def _grow(llr, extra_areas=8):
    """More rows of everything, so that a query per row would show in the counts."""
    for n in range(extra_areas):
        area = PolicingAreaFactory(name=f"Area {n}", slug=f"area-{n}")
        county = SubAreaFactory(area=area, kind=SubArea.Kind.COUNTY, is_csp_area=False)
        for _ in range(3):
            SubAreaFactory(area=area, parent=county)
    for n in range(5):
        group = SubAreaGroupFactory(area=llr["area"], name=f"Group {n}")
        group.members.set(llr["districts"][n : n + 3])


def test_list_query_count(officer_client, llr, django_assert_num_queries):
    _grow(llr)
    # Session, user, two-factor device, then one query for the areas with their totals.
    with django_assert_num_queries(4):
        response = officer_client.get(reverse("areas:list"))
    assert len(response.context["areas"]) == 9


def test_detail_query_count(officer_client, llr, django_assert_num_queries):
    _grow(llr)
    # + area, sub-areas with parents, partnership shares, groups, their members.
    with django_assert_num_queries(8):
        response = officer_client.get(reverse("areas:detail", args=["llr"]))
    assert len(response.context["groups"]) == 7


def test_sub_area_detail_query_count(officer_client, llr, django_assert_num_queries):
    _grow(llr)
    # + sub-area with area and parent, its districts, its groups.
    with django_assert_num_queries(6):
        response = officer_client.get(_sub_area_url(llr["county"]))
    assert len(response.context["sub_area"].children.all()) == 7


def test_group_detail_query_count(officer_client, llr, django_assert_num_queries):
    with django_assert_num_queries(5):
        response = officer_client.get(reverse("areas:group-detail", args=["llr", llr["group"].pk]))
    assert len(response.context["members"]) == 2


def test_sub_area_history_query_count(make_user, login, llr, django_assert_num_queries):
    officer = make_user(Role.COMMISSIONING_OFFICER)
    city = llr["city"]
    for population in range(300_001, 300_011):
        services.sub_area_update(
            actor=officer,
            sub_area=city,
            name=city.name,
            kind=city.kind,
            is_csp_area=True,
            csp_name="x",
            population=population,
            population_year=2016,
        )
    client = login(officer)
    with django_assert_num_queries(6):
        response = client.get(_sub_area_url(city, "history"))
    assert len(response.context["history"]) == 11


def test_group_history_query_count(make_user, login, llr, django_assert_num_queries):
    officer = make_user(Role.COMMISSIONING_OFFICER)
    group = llr["group"]
    updates = 5
    for n in range(updates):
        services.sub_area_group_update(
            actor=officer, group=group, name=f"Renamed {n}", members=[llr["city"], llr["rutland"]]
        )
    # One history entry per update (the service records name and members together).
    assert group.history.count() == 2 + updates
    client = login(officer)
    # Six as for a sub-area's history, one for the names of the members changed, plus two
    # per changed entry: diff_against reads both sides of the many-to-many history.
    changed_entries = 1 + updates
    with django_assert_num_queries(7 + 2 * changed_entries):
        response = client.get(reverse("areas:group-history", args=["llr", group.pk]))
    assert len(response.context["history"]) == 2 + updates
    content = response.content.decode()
    assert "Renamed 4" in content
    # Members are shown by name, not as through-table rows.
    assert "Leicester City" in content
    assert "subareagroup" not in content

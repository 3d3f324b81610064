import re
import uuid
from urllib.parse import urlencode

import pytest
from django.urls import reverse

from commissioning.core.roles import Role
from tests.budgets.reports_support import Y16, Y17, add_line, framework_with_lines
from tests.factories import FrameworkFactory, PolicingAreaFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(make_user):
    return make_user(Role.COMMISSIONING_OFFICER)


@pytest.fixture
def years():
    """2016/17 and 2017/18 frameworks of one area, with matched and unmatched lines."""
    earlier = FrameworkFactory(first_year=Y16, title="Framework 2016/17")
    later = FrameworkFactory(area=earlier.area, first_year=Y17, title="Framework 2017/18")
    plf, iom = uuid.uuid4(), uuid.uuid4()
    add_line(earlier, "Cross cutting", "Partnership Locality Fund", "450000", identity=plf)
    add_line(later, "Cross cutting", "Partnership Locality Fund", "500000", identity=plf)
    add_line(earlier, "Prevention", "IOM", "300000", identity=iom)
    add_line(later, "Prevention", "Integrated Offender Management", "250000", identity=iom)
    add_line(earlier, "Prevention", "Hardship fund", "5000")
    add_line(later, "Prevention", "Hardship Fund", "5000")
    add_line(earlier, "Victims", "Ended service", "10000")
    add_line(later, "Victims", "New service", "20000")
    return earlier, later


def _url(framework, **params):
    url = reverse("budgets:compare", args=[framework.pk])
    return f"{url}?{urlencode(params)}" if params else url


def _text(response):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_compares_with_last_year_by_default(login, officer, years):
    earlier, later = years
    response = login(officer).get(_url(later))

    assert response.status_code == 200
    comparison = response.context["comparison"]
    assert (comparison.base, comparison.other) == (earlier, later)
    text = _text(response)
    assert "Changes from Framework 2016/17 (2016/17) to this framework (2017/18)" in text
    assert "Partnership Locality Fund: £450,000 → £500,000, +£50,000" in text
    assert "Integrated Offender Management: £300,000 → £250,000, -£50,000" in text
    # Per category and overall, in £ and %.
    assert "Cross cutting £450,000 £500,000 +£50,000 +11.1%" in text
    assert "Prevention £305,000 £255,000 -£50,000 -16.4%" in text
    assert "Total £765,000 £775,000 +£10,000 +1.3%" in text
    assert "Total: £765,000 → £775,000, +£10,000" in text
    # Renamed but the same service: changed, with what else changed.
    assert "Integrated Offender Management £300,000 £250,000 -£50,000 -16.7% Service name" in text
    assert "2 lines added" in text
    assert "New service Victims £20,000" in text
    assert "Hardship Fund Prevention £5,000" in text
    assert "2 lines removed" in text
    assert "Ended service Victims £10,000" in text


def test_editors_are_offered_suggested_links_and_can_link_them(login, officer, years):
    earlier, later = years
    client = login(officer)
    response = client.get(_url(later))
    pairs = response.context["comparison"].suggested_links
    assert [(a.name, b.name) for a, b in pairs] == [("Hardship fund", "Hardship Fund")]
    assert "These look like the same service" in _text(response)

    old, new = pairs[0]
    response = client.post(
        reverse("budgets:link-lines", args=[later.pk]),
        {
            "this_line": new.pk,
            "other_line": old.pk,
            "other": earlier.pk,
            "year": "2017/18",
            "other_year": "2016/17",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == _url(
        later, **{"with": earlier.pk, "year": "2017/18", "other_year": "2016/17"}
    )
    new.refresh_from_db()
    assert new.identity == old.identity
    assert new.history.first().history_user == officer

    response = client.get(response["Location"])
    assert "1 line added" in _text(response)
    assert response.context["comparison"].suggested_links == []


def test_any_two_lines_can_be_linked_by_hand(login, officer, years):
    earlier, later = years
    ended = earlier.lines.get(name="Ended service")
    new = later.lines.get(name="New service")
    response = login(officer).post(
        reverse("budgets:link-lines", args=[later.pk]),
        {
            "this_line": new.pk,
            "other_line": ended.pk,
            "other": earlier.pk,
            "year": "2017/18",
            "other_year": "2016/17",
        },
        follow=True,
    )
    assert "New service: £10,000 → £20,000, +£10,000" in _text(response)
    assert "‘New service’ is now matched with ‘Ended service’ in Framework 2016/17" in _text(
        response
    )


def test_linking_to_a_line_already_matched_is_refused_with_a_message(login, officer, years):
    earlier, later = years
    plf = earlier.lines.get(name="Partnership Locality Fund")
    new = later.lines.get(name="New service")
    response = login(officer).post(
        reverse("budgets:link-lines", args=[later.pk]),
        {
            "this_line": new.pk,
            "other_line": plf.pk,
            "other": earlier.pk,
            "year": "2017/18",
            "other_year": "2016/17",
        },
    )
    assert response.status_code == 200
    assert "Partnership Locality Fund is already linked to that line" in _text(response)
    assert response.context["link_form"].errors
    new.refresh_from_db()
    assert new.identity != plf.identity


def test_link_form_needs_both_lines(login, officer, years):
    earlier, later = years
    response = login(officer).post(
        reverse("budgets:link-lines", args=[later.pk]),
        {"other": earlier.pk, "year": "2017/18", "other_year": "2016/17"},
    )
    text = _text(response)
    assert "Select a service line in this framework" in text
    assert "Select the same service in the other framework" in text


def test_read_only_staff_see_the_report_but_cannot_link(login, make_user, years):
    earlier, later = years
    client = login(make_user(Role.PANEL_MEMBER))
    response = client.get(_url(later))
    assert response.status_code == 200
    assert "Partnership Locality Fund: £450,000 → £500,000, +£50,000" in _text(response)
    assert reverse("budgets:link-lines", args=[later.pk]) not in response.content.decode()
    old = earlier.lines.get(name="Hardship fund")
    new = later.lines.get(name="Hardship Fund")
    response = client.post(
        reverse("budgets:link-lines", args=[later.pk]),
        {
            "this_line": new.pk,
            "other_line": old.pk,
            "other": earlier.pk,
            "year": "2017/18",
            "other_year": "2016/17",
        },
    )
    assert response.status_code == 403


@pytest.mark.parametrize("role", [Role.PROVIDER, Role.CSP])
def test_providers_and_csps_get_404(login, make_user, years, role):
    _earlier, later = years
    assert login(make_user(role)).get(_url(later)).status_code == 404
    assert (
        login(make_user(role)).post(reverse("budgets:link-lines", args=[later.pk]), {}).status_code
        == 404
    )


def test_only_the_same_areas_frameworks_can_be_chosen(login, officer, years):
    _earlier, later = years
    elsewhere = FrameworkFactory(area=PolicingAreaFactory(), first_year=Y16)
    response = login(officer).get(
        _url(later, **{"with": elsewhere.pk, "year": "2017/18", "other_year": "2016/17"})
    )
    assert "Select a framework to compare with" in _text(response)
    assert "comparison" not in response.context


def test_the_other_year_must_be_one_the_other_framework_covers(login, officer, years):
    earlier, later = years
    client = login(officer)
    response = client.get(_url(later, **{"with": earlier.pk, "other_year": "2015/16"}))
    assert "Select a year of the other framework" in _text(response)
    # A year some framework of the area covers, but not the one chosen.
    FrameworkFactory(area=later.area, first_year=Y17, version=2)
    response = client.get(_url(later, **{"with": earlier.pk, "other_year": "2017/18"}))
    assert "Select a year that Framework 2016/17 covers (2016/17 to 2016/17)" in _text(response)


def test_a_refresh_is_compared_with_the_version_it_came_from(login, officer):
    first = framework_with_lines(categories=1, lines_per_category=1, first_year=Y17)
    FrameworkFactory(area=first.area, first_year=Y16)  # last year's, not chosen
    second = FrameworkFactory(area=first.area, first_year=Y17, based_on=first, version=2)
    response = login(officer).get(_url(second))
    comparison = response.context["comparison"]
    assert (comparison.base, comparison.base_year) == (first, Y17)


def test_nothing_to_compare_with(login, officer):
    framework = framework_with_lines(categories=1, lines_per_category=1)
    response = login(officer).get(_url(framework))
    assert "There is no other framework for" in _text(response)


def test_compare_query_count_does_not_grow_with_lines(login, officer, django_assert_num_queries):
    later = framework_with_lines(categories=4, lines_per_category=10)
    framework_with_lines(categories=4, lines_per_category=10, area=later.area, first_year=Y16)
    client = login(officer)
    # Sign-in (3), the framework, the candidates, the default choice, each side's lines
    # and costs (4), and the lines of both sides for the link form (2).
    with django_assert_num_queries(12):
        response = client.get(_url(later))
    assert len(response.context["comparison"].added) == 40

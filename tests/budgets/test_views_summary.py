import re
from decimal import Decimal

import pytest
from django.urls import reverse

from commissioning.budgets.models import FrameworkBudget
from commissioning.core.money import Unit
from commissioning.core.roles import Role
from tests.budgets.reports_support import (
    Y16,
    Y17,
    add_line,
    framework_with_lines,
    import_seed,
    make_llr,
)
from tests.factories import CategoryFactory, FrameworkFactory, PlanFactory, PriorityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(make_user):
    return make_user(Role.COMMISSIONING_OFFICER)


@pytest.fixture
def seeded(officer):
    framework = FrameworkFactory(area=make_llr(), first_year=Y17, title="Framework 2017/18")
    return import_seed(framework, officer)


def _url(framework, **params):
    url = reverse("budgets:summary", args=[framework.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else "")


def _text(response):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_summary_of_seed_002_shows_appendix_a_totals(login, officer, seeded):
    response = login(officer).get(_url(seeded, unit=Unit.POUNDS))

    assert response.status_code == 200
    themes = {t.category.name: t.amount for t in response.context["totals"].categories}
    assert themes["Victims"] == Decimal("1321114.00")
    assert themes["Prevention"] == Decimal("1280775.75")
    text = _text(response)
    assert "Victims £1,321,114" in text
    assert "Prevention £1,280,776" in text
    assert "Total £4,668,359" in text
    assert "Grand total, 2017/18 £4,668,359" in text
    assert "Prevention sub-total £1,280,776" in text
    # The footnoted line keeps its marker, and the note is shown.
    assert "£52,445*" in text
    assert "The PCC is aware that the safeguarding boards" in text
    # Pounds and pence on request.
    response = login(officer).get(_url(seeded, unit=Unit.PENCE))
    assert "Prevention £1,280,775.75" in _text(response)


def test_rounding_note_for_seed_000_table_1_in_millions(login, officer):
    # Amounts that show as 1.995, 1.185, 0.105, 0.206 and 0.450 (adding up to 3.941)
    # against a total that shows as 3.940, as in seed 000's Table 1.
    framework = FrameworkFactory(first_year=Y16)
    for name, amount in [
        ("Reducing offending", "1994900"),
        ("Supporting victims", "1184900"),
        ("Safer communities", "104900"),
        ("Protecting the vulnerable", "205900"),
        ("Partnership Locality Fund", "449500"),
    ]:
        add_line(framework, name, f"{name} services", amount)

    response = login(officer).get(_url(framework, unit=Unit.MILLIONS, year="2016/17"))

    text = _text(response)
    for shown in ("£1.995m", "£1.185m", "£0.105m", "£0.206m", "£0.450m", "Total £3.940m"):
        assert shown in text
    assert 'id="funding-by-theme-rounding"' in response.content.decode()
    assert "Figures may not sum due to rounding" in text

    # In pounds the same figures add up: no note.
    response = login(officer).get(_url(framework, unit=Unit.POUNDS))
    assert "Figures may not sum due to rounding" not in _text(response)


def test_categories_show_their_plan_priorities(login, officer):
    plan = PlanFactory()
    framework = FrameworkFactory(area=plan.area, plan=plan)
    victims = CategoryFactory(framework=framework, name="Victims")
    victims.priorities.set(
        [
            PriorityFactory(plan=plan, name="Victim Services", order=2),
            PriorityFactory(plan=plan, name="Viable Partnerships", order=1),
        ]
    )
    response = login(officer).get(_url(framework))
    assert "Victims Viable Partnerships, Victim Services £0" in _text(response)


def test_charts_are_accessible_svg_followed_by_tables(login, officer, seeded):
    earlier = FrameworkFactory(area=seeded.area, first_year=Y16, title="Framework 2016/17")
    add_line(earlier, "Victims", "Victim First", "300000")
    add_line(earlier, "Cross cutting", "Partnership Locality Fund", "450000")

    response = login(officer).get(_url(seeded))

    html = response.content.decode()
    figures = re.findall(r'<figure[^>]*role="img"[^>]*aria-label="([^"]+)"', html)
    assert len(figures) == 2
    assert figures[0].startswith("Bar chart of the budget by category in 2017/18")
    assert "2016/17 (£750,000 in total) and 2017/18 (£4,668,359 in total)" in figures[1]
    # Each figure is followed by its data as a table.
    for match in re.finditer(r"</figure>\s*<table class=\"govuk-table\"", html):
        assert match
    assert len(re.findall(r"</figure>\s*<table class=\"govuk-table\"", html)) == 2
    # The Content-Security-Policy forbids inline styles: SVG uses attributes only.
    assert " style=" not in html
    assert "<style" not in html
    text = _text(response)
    assert "Victims £300,000 £1,321,114 +£1,021,114" in text
    assert "Total £750,000 £4,668,359 +£3,918,359" in text


def test_year_on_year_is_explained_when_there_is_nothing_earlier(login, officer):
    framework = framework_with_lines(categories=1, lines_per_category=1)
    response = login(officer).get(_url(framework))
    assert "There is no earlier framework for this area to compare with." in _text(response)
    assert response.content.decode().count('role="img"') == 1


def test_year_on_year_compares_a_refresh_with_the_version_it_came_from(login, officer):
    first = framework_with_lines(categories=1, lines_per_category=1, amount="100")
    second = FrameworkFactory(area=first.area, first_year=Y17, based_on=first, version=2)
    add_line(second, "Theme 0", "Grown", "150")
    response = login(officer).get(_url(second))
    text = _text(response)
    assert "Theme 0 £100 £150 +£50" in text
    assert response.context["before_label"] == "2017/18 v1"
    assert response.context["after_label"] == "2017/18 v2"


def test_warns_when_lines_differ_from_the_stated_budget(login, officer):
    framework = framework_with_lines(categories=1, lines_per_category=2, amount="1000")
    FrameworkBudget.objects.create(framework=framework, year=Y17, amount=Decimal("2500"))
    response = login(officer).get(_url(framework))
    assert (
        "The service lines add up to £2,000.00, which is £500.00 less than the stated budget of £2,500.00"
        in _text(response)
    )


def test_unknown_unit_falls_back_to_the_framework_unit(login, officer):
    framework = framework_with_lines(categories=1, lines_per_category=1, amount="1234.56")
    response = login(officer).get(_url(framework, unit="furlongs"))
    assert response.status_code == 200
    assert response.context["unit"] == Unit.POUNDS
    assert "£1,235" in _text(response)


def test_multi_year_framework_shows_the_chosen_year(login, officer):
    framework = FrameworkFactory(first_year=Y16, last_year=Y17)
    line = add_line(framework, "Victims", "Victim First", "100")
    line.costs.create(year=Y17, amount=Decimal("175"))
    response = login(officer).get(_url(framework, year="2017/18"))
    text = _text(response)
    assert "Grand total, 2017/18 £175" in text
    # The year before is the same framework's first year.
    assert "Victims £100 £175 +£75" in text


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (Role.COMMISSIONING_OFFICER, 200),
        (Role.FINANCE_OFFICER, 200),
        (Role.PANEL_MEMBER, 200),
        (Role.ASSESSOR, 200),
        (Role.PROVIDER, 404),
        (Role.CSP, 404),
    ],
)
def test_who_may_see_the_summary(login, make_user, role, status):
    framework = framework_with_lines(categories=1, lines_per_category=1)
    response = login(make_user(role)).get(_url(framework))
    assert response.status_code == status


@pytest.mark.parametrize(("role", "can_import"), [(Role.PANEL_MEMBER, False), (Role.ADMIN, True)])
def test_only_editors_see_the_import_link(login, make_user, role, can_import):
    framework = framework_with_lines(categories=1, lines_per_category=1)
    html = login(make_user(role)).get(_url(framework)).content.decode()
    assert (reverse("budgets:import", args=[framework.pk]) in html) is can_import
    assert reverse("budgets:export", args=[framework.pk, "xlsx"]) in html


def test_anonymous_visitors_are_sent_to_sign_in(client):
    framework = framework_with_lines(categories=1, lines_per_category=1)
    response = client.get(_url(framework))
    assert response.status_code == 302


def test_summary_query_count_does_not_grow_with_lines(login, officer, django_assert_num_queries):
    framework = framework_with_lines(categories=4, lines_per_category=10)
    earlier = framework_with_lines(
        categories=4, lines_per_category=10, area=framework.area, first_year=Y16
    )
    assert earlier.lines.count() == 40
    client = login(officer)
    with django_assert_num_queries(17):
        response = client.get(_url(framework))
    assert sum(len(group.lines) for group in response.context["itemised"].categories) == 40


def test_budget_warning_is_exact_whatever_the_unit_shown(login, officer):
    # Seed 000's 2016/17 refresh: a £200 gap would round to "£0.000m" in millions.
    framework = framework_with_lines(categories=1, lines_per_category=1, amount="3940200")
    FrameworkBudget.objects.create(framework=framework, year=Y17, amount=Decimal("3940000"))
    response = login(officer).get(_url(framework), {"unit": "millions"})
    text = _text(response)
    assert "which is £200.00 more than the stated budget of £3,940,000.00" in text
    assert "£0.000m more" not in text

from decimal import Decimal
from typing import cast

import pytest
from django.template import Context, Template

from commissioning.budgets.models import Framework, FrameworkStatus
from commissioning.budgets.templatetags.budgets_tags import (
    financial_year,
    framework_tabs,
    money,
    money_plain,
    status_colour,
)
from commissioning.core.years import FinancialYear
from tests.factories import FrameworkFactory


def render(source: str, **context: object) -> str:
    return Template("{% load budgets_tags %}" + source).render(Context(context)).strip()


@pytest.mark.parametrize(
    ("unit", "expected"),
    [
        ("pence", "£4,668,358.75"),
        ("pounds", "£4,668,359"),
        ("thousands", "£4,668.4k"),
        ("millions", "£4.668m"),
    ],
)
def test_money_rounds_only_for_display_in_the_unit_given(unit: str, expected: str) -> None:
    assert money(Decimal("4668358.75"), unit) == expected
    assert render("{{ amount|money:unit }}", amount=Decimal("4668358.75"), unit=unit) == expected


def test_money_defaults_to_pounds_and_pence_and_shows_nothing_for_no_amount() -> None:
    assert money(Decimal("8683.75")) == "£8,683.75"
    assert money(8683) == "£8,683.00"
    assert money(None) == ""
    assert render('{{ amount|money:"pence" }}', amount=Decimal("-50000")) == "-£50,000.00"


def test_money_plain_has_no_symbol_or_suffix() -> None:
    assert money_plain(Decimal("1995000"), "millions") == "1.995"
    assert money_plain(Decimal("52445"), "pounds") == "52,445"


def test_financial_year_accepts_years_and_the_year_they_start_in() -> None:
    assert financial_year(FinancialYear(2017)) == "2017/18"
    assert financial_year(2099) == "2099/00"
    assert financial_year("2017-18") == "2017/18"
    assert financial_year(FinancialYear(2017), "short") == "17/18"
    assert financial_year(None) == ""


@pytest.mark.django_db
def test_framework_years_is_a_year_or_a_span() -> None:
    one = FrameworkFactory.build(first_year=FinancialYear(2017))
    several = FrameworkFactory.build(first_year=FinancialYear(2016), last_year=FinancialYear(2017))
    assert render("{{ f|framework_years }}", f=one) == "2017/18"
    assert render("{{ f|framework_years }}", f=several) == "2016-2018"


def test_status_colours_set_published_apart_from_draft() -> None:
    assert status_colour(FrameworkStatus.DRAFT) == "grey"
    assert status_colour(FrameworkStatus.CONSULTATION) == "blue"
    assert status_colour(FrameworkStatus.FINAL) == "turquoise"
    assert status_colour(FrameworkStatus.PUBLISHED) == "green"


@pytest.mark.django_db
def test_tabs_mark_the_current_page_and_link_to_the_framework() -> None:
    framework = cast(Framework, FrameworkFactory())
    tabs = framework_tabs(framework, "history")
    labels = [str(label) for label, _href, _current in tabs]
    assert labels == [
        "Overview",
        "Service lines",
        "Funding",
        "Summary",
        "Compare",
        "Documents",
        "Decisions",
        "Panel reports",
        "History",
    ]
    assert [current for _label, _href, current in tabs].count(True) == 1
    assert tabs[-1][2] is True
    assert tabs[0][1] == f"/frameworks/{framework.pk}/"
    html = render(
        '{% include "budgets/includes/tabs.html" with current="overview" %}', framework=framework
    )
    assert f'href="/frameworks/{framework.pk}/" aria-current="page"' in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("status", "linked"),
    [("draft", False), ("final", False), ("published", True), ("superseded", True)],
)
def test_the_header_links_to_the_public_page_only_once_public(status, linked):
    framework = FrameworkFactory(status=status)
    html = Template('{% include "budgets/includes/header.html" %}').render(
        Context({"framework": framework})
    )
    public = f"/transparency/{framework.area.slug}/frameworks/{framework.pk}/"
    assert (public in html) is linked

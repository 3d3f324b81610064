"""The Service lines tab, a line's page and history, and adding, changing, moving,
deleting and funding lines."""

import html
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from commissioning.budgets.models import (
    Footnote,
    FrameworkStatus,
    LineFunding,
    Mechanism,
    ReachScope,
    ServiceLine,
    ServiceLineCost,
)
from commissioning.core.money import Unit
from commissioning.core.roles import Role
from commissioning.core.years import FinancialYear
from tests.factories import (
    CategoryFactory,
    FrameworkFactory,
    FundingSourceFactory,
    OrganisationFactory,
    PolicingAreaFactory,
    ServiceLineCostFactory,
    ServiceLineFactory,
    SubAreaFactory,
    SubAreaGroupFactory,
)

pytestmark = pytest.mark.django_db

Y2017 = FinancialYear(2017)


def lines_url(framework):
    return reverse("budgets:lines", args=[framework.pk])


def line_url(name, line):
    return reverse(f"budgets:{name}", args=[line.framework_id, line.pk])


def text_of(response):
    """The page's text with tags removed and whitespace squashed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())


@pytest.fixture
def area():
    return PolicingAreaFactory(name="Leicester, Leicestershire and Rutland", short_name="LLR")


@pytest.fixture
def framework(area):
    return FrameworkFactory(area=area, title="Commissioning Framework 2017/18")


@pytest.fixture
def victims(framework):
    return CategoryFactory(framework=framework, name="Victims", order=1)


def make_line(category, amount="1000.00", **kwargs):
    line = ServiceLineFactory(category=category, **kwargs)
    ServiceLineCostFactory(line=line, year=Y2017, amount=Decimal(amount))
    return line


def line_form(category, **overrides):
    data = {
        "name": "Restorative justice",
        "category": category.pk,
        "organisation_text": "",
        "provision": "Conferencing between victims and offenders",
        "cost_2017": "52,445",
        "reach_scope": ReachScope.AREA,
        "mechanism": Mechanism.DIRECT,
    }
    data.update(overrides)
    return data


# --- The Service lines tab ---------------------------------------------------------------


def test_tab_groups_lines_by_category_with_sub_totals_and_grand_total(
    officer_client, framework, area, victims
):
    framework.display_unit = Unit.PENCE
    framework.save()
    prevention = CategoryFactory(framework=framework, name="Prevention", order=2)
    city = SubAreaFactory(area=area, name="Leicester City")
    county = SubAreaFactory(area=area, name="Leicestershire")
    group = SubAreaGroupFactory(area=area, name="Leicestershire and Rutland")
    note = Footnote.objects.create(
        framework=framework, marker="*", text="Room within the budget to negotiate"
    )
    make_line(
        victims,
        "8683.75",
        name="Victim First",
        organisation=OrganisationFactory(name="Victim Support"),
        organisation_text="",
        footnote=note,
    )
    in_city = make_line(victims, "1000.00", name="ISVA", reach_scope=ReachScope.SUB_AREAS)
    in_city.reach_sub_areas.set([city])
    make_line(
        prevention,
        "500.50",
        name="Youth diversion",
        reach_scope=ReachScope.GROUP,
        reach_group=group,
    )
    partial = make_line(
        prevention,
        "20.00",
        name="Triage",
        reach_scope=ReachScope.SUB_AREAS,
        reach_partial=True,
        mechanism=Mechanism.CO_COMMISSIONING,
        organisation_text="Various – to be confirmed",
    )
    partial.reach_sub_areas.set([county])

    response = officer_client.get(lines_url(framework))

    assert response.status_code == 200
    content = response.content.decode()
    assert '<caption class="govuk-table__caption govuk-table__caption--m">Victims</caption>' in (
        content
    )
    text = text_of(response)
    assert "Victim First Victim Support" in text
    assert "£8,683.75 * (see note)" in text
    assert "* Room within the budget to negotiate" in text
    assert "ISVA To be confirmed" in text
    assert "Leicester City" in text
    assert "Leicestershire and Rutland" in text
    assert "Sub - Leicestershire Co-commissioning" in text
    assert "Various – to be confirmed" in text
    assert "Sub-total: Victims £9,683.75" in text
    assert "Sub-total: Prevention £520.50" in text
    assert "Grand total £10,204.25" in text
    assert "LLR" in text
    assert "Figures may not sum due to rounding" not in text


def test_tab_orders_lines_within_a_category(officer_client, victims):
    make_line(victims, name="Second", order=2)
    make_line(victims, name="First", order=1)
    text = text_of(officer_client.get(lines_url(victims.framework)))
    assert text.index("First") < text.index("Second")


def test_tab_says_when_rounded_figures_do_not_add_up(officer_client, framework, victims):
    # Three lines of £0.50 show as £1 each (rounded half up) but total £2 (from £1.50).
    for name in ("A", "B", "C"):
        make_line(victims, "0.50", name=name)
    text = text_of(officer_client.get(lines_url(framework)))
    assert "Grand total £2" in text
    assert "Figures may not sum due to rounding." in text


def test_tab_shows_costs_for_each_year_of_a_multi_year_framework(officer_client, area):
    framework = FrameworkFactory(area=area, first_year=FinancialYear(2016), last_year=Y2017)
    category = CategoryFactory(framework=framework, name="Victims")
    line = ServiceLineFactory(category=category, name="Helpline")
    ServiceLineCostFactory(line=line, year=FinancialYear(2016), amount=Decimal("300"))
    text = text_of(officer_client.get(lines_url(framework)))
    assert "Cost 2016/17 Cost 2017/18" in text
    assert "£300 –" in text


def test_tab_without_categories_explains_what_to_do_first(officer_client, framework):
    response = officer_client.get(lines_url(framework))
    text = text_of(response)
    assert "has no budget categories yet" in text
    assert reverse("budgets:line-add", args=[framework.pk]) not in response.content.decode()
    assert reverse("budgets:categories", args=[framework.pk]) in response.content.decode()


def test_an_empty_category_offers_to_add_a_line_to_it(officer_client, victims):
    content = officer_client.get(lines_url(victims.framework)).content.decode()
    assert "No service lines in this category yet." in content
    add_url = reverse("budgets:line-add", args=[victims.framework_id])
    assert f"{add_url}?category={victims.pk}" in content


def test_editors_get_add_change_and_move_controls(officer_client, victims):
    first = make_line(victims, name="First", order=1)
    make_line(victims, name="Second", order=2)
    content = officer_client.get(lines_url(victims.framework)).content.decode()
    assert "Add a service line" in content
    assert f'href="/frameworks/{victims.framework.pk}/import/"' in content
    assert line_url("line-edit", first) in content
    assert line_url("line-move", first) in content
    # The first line can only go down and the last only up.
    assert content.count('value="up"') == 1
    assert content.count('value="down"') == 1
    assert 'Move down<span class="govuk-visually-hidden"> First</span>' in content
    assert 'Move up<span class="govuk-visually-hidden"> Second</span>' in content


def test_panel_members_read_the_tab_without_any_controls(make_user, login, victims):
    line = make_line(victims, name="First")
    make_line(victims, name="Second")
    client = login(make_user(Role.PANEL_MEMBER))
    response = client.get(lines_url(victims.framework))
    assert response.status_code == 200
    content = response.content.decode()
    assert "First" in content
    assert "Add a service line" not in content
    assert line_url("line-edit", line) not in content
    assert line_url("line-move", line) not in content
    assert client.get(line_url("line-detail", line)).status_code == 200
    assert client.get(line_url("line-edit", line)).status_code == 403
    assert client.get(reverse("budgets:line-add", args=[victims.framework_id])).status_code == 403
    assert client.post(line_url("line-move", line), {"direction": "down"}).status_code == 403
    assert client.post(line_url("line-delete", line)).status_code == 403
    assert ServiceLine.objects.count() == 2


@pytest.mark.parametrize("role", [Role.PROVIDER, Role.CSP])
def test_providers_and_partnerships_are_told_the_pages_do_not_exist(
    make_user, login, role, victims
):
    line = make_line(victims)
    client = login(make_user(role))
    for url in (
        lines_url(victims.framework),
        line_url("line-detail", line),
        line_url("line-history", line),
        line_url("line-edit", line),
        line_url("line-funding", line),
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(line_url("line-delete", line)).status_code == 404
    assert ServiceLine.objects.filter(pk=line.pk).exists()


def test_signed_out_visitors_are_sent_to_sign_in(client, victims):
    response = client.get(lines_url(victims.framework))
    assert response.status_code == 302
    assert "login" in response["Location"] or "sign-in" in response["Location"]


def test_a_final_framework_is_read_only_even_for_editors(officer_client, victims):
    line = make_line(victims)
    framework = victims.framework
    framework.status = FrameworkStatus.FINAL
    framework.save()
    response = officer_client.get(lines_url(framework))
    assert "can no longer be changed" in text_of(response)
    assert line_url("line-edit", line) not in response.content.decode()
    assert officer_client.get(line_url("line-edit", line)).status_code == 403
    assert officer_client.get(reverse("budgets:line-add", args=[framework.pk])).status_code == 403


def test_a_line_of_another_framework_is_not_found(officer_client, victims):
    other = make_line(CategoryFactory())
    url = reverse("budgets:line-detail", args=[victims.framework_id, other.pk])
    assert officer_client.get(url).status_code == 404


def test_tab_query_count_does_not_grow_with_lines(
    officer_client, framework, area, django_assert_num_queries
):
    sub_areas = [SubAreaFactory(area=area) for _ in range(3)]
    source = FundingSourceFactory(framework=framework, amount=Decimal("1000000"))
    note = Footnote.objects.create(framework=framework, marker="*", text="Note")
    for number in range(4):
        category = CategoryFactory(framework=framework, name=f"Category {number}")
        for _ in range(10):
            line = make_line(
                category,
                "1000.00",
                reach_scope=ReachScope.SUB_AREAS,
                organisation=OrganisationFactory(),
                organisation_text="",
                footnote=note,
            )
            line.reach_sub_areas.set(sub_areas[:2])
            LineFunding.objects.create(line=line, source=source, amount=Decimal("500"))
    # Session, user, two-factor device; the framework; categories; lines with their
    # category, organisation, group and footnote; sub-areas; costs; funding; sources.
    with django_assert_num_queries(10):
        response = officer_client.get(lines_url(framework))
    assert response.context["table"].line_count == 40
    assert "Grand total £40,000" in text_of(response)


# --- A line's page and history -----------------------------------------------------------


def test_line_page_shows_every_detail_and_its_funding(officer_client, framework, area, victims):
    county = SubAreaFactory(area=area, name="Leicestershire")
    line = make_line(
        victims,
        "8683.75",
        name="Victim First",
        provision="Support for victims",
        reach_scope=ReachScope.SUB_AREAS,
        reach_partial=True,
        mechanism=Mechanism.GRANT,
        intention_code="CI012",
        contract_end_date="2017-09-30",
    )
    line.reach_sub_areas.set([county])
    source = FundingSourceFactory(framework=framework, name="Victims' grant")
    LineFunding.objects.create(line=line, source=source, amount=Decimal("8000"))
    response = officer_client.get(line_url("line-detail", line))
    text = text_of(response)
    assert "Victim First" in text
    assert "Cost in 2017/18 £8,683.75" in text
    assert "Geographical reach Sub - Leicestershire" in text
    assert "Funding mechanism Commissioner's grant" in text
    assert "Contract end date 30 September 2017" in text
    assert "Commissioning intention CI012" in text
    assert "Victims' grant 2017/18 £8,000.00" in text
    assert "£683.75 of the cost in 2017/18 is not yet funded." in text
    content = response.content.decode()
    assert f"{line_url('line-edit', line)}#id_cost_2017" in content
    assert line_url("line-funding", line) in content
    assert line_url("line-delete", line) in content


def test_line_page_query_count(officer_client, framework, area, victims, django_assert_num_queries):
    line = make_line(victims, reach_scope=ReachScope.SUB_AREAS)
    line.reach_sub_areas.set([SubAreaFactory(area=area) for _ in range(5)])
    for number in range(6):
        source = FundingSourceFactory(framework=framework, name=f"Source {number}")
        LineFunding.objects.create(line=line, source=source, amount=Decimal("10"))
    # Session, user, device; the framework; the line; its sub-areas; costs; funding.
    with django_assert_num_queries(8):
        response = officer_client.get(line_url("line-detail", line))
    assert len(response.context["funding"]) == 6


def test_line_history_shows_the_line_its_costs_and_funding(officer_client, framework, victims):
    create = officer_client.post(
        reverse("budgets:line-add", args=[framework.pk]), line_form(victims)
    )
    assert create.status_code == 302
    line = ServiceLine.objects.get()
    officer_client.post(line_url("line-edit", line), line_form(victims, cost_2017="60,000"))
    source = FundingSourceFactory(framework=framework, name="Police grant")
    officer_client.post(line_url("line-funding", line), {f"source_{source.pk}": "1,000"})

    text = text_of(officer_client.get(line_url("line-history", line)))

    assert "Cost for 2017/18 changed" in text
    assert "£52,445.00 £60,000.00" in text
    assert "Cost for 2017/18 added" in text
    assert "Funding from Police grant (2017/18) added" in text
    assert "Created by" in text


# --- Adding a line -----------------------------------------------------------------------


def test_add_form_offers_the_framework_choices(officer_client, framework, area, victims):
    SubAreaFactory(area=area, name="Rutland")
    SubAreaFactory(name="Somewhere else")
    OrganisationFactory(name="Victim Support")
    OrganisationFactory(name="Closed charity", is_active=False)
    Footnote.objects.create(framework=framework, marker="*", text="Room to negotiate")
    response = officer_client.get(
        reverse("budgets:line-add", args=[framework.pk]), {"category": victims.pk}
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "Rutland" in content
    assert "Somewhere else" not in content
    assert "Victim Support" in content
    assert "Closed charity" not in content
    assert "Not yet confirmed" in content
    assert "The whole area (LLR)" in content
    assert "Cost in 2017/18" in content
    assert "Room to negotiate" in content
    assert re.search(rf'name="category" value="{victims.pk}"[^>]*checked', content)


def test_officer_adds_a_line_with_a_provider_to_be_confirmed_and_sub_areas(
    officer_client, framework, area, victims
):
    city = SubAreaFactory(area=area, name="Leicester City")
    response = officer_client.post(
        reverse("budgets:line-add", args=[framework.pk]),
        line_form(
            victims,
            reach_scope=ReachScope.SUB_AREAS,
            reach_sub_areas=[city.pk],
            reach_partial="on",
            organisation_text="To be confirmed via strategic commissioning review",
            intention_code="ci012",
            contract_end_date_day="30",
            contract_end_date_month="9",
            contract_end_date_year="2017",
        ),
    )
    line = ServiceLine.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{lines_url(framework)}#line-{line.pk}"
    assert line.organisation is None
    assert line.organisation_text == "To be confirmed via strategic commissioning review"
    assert list(line.reach_sub_areas.all()) == [city]
    assert line.reach_partial is True
    assert line.intention_code == "CI012"
    assert str(line.contract_end_date) == "2017-09-30"
    assert line.costs.get().amount == Decimal("52445.00")
    assert line.history.first().history_user.role == Role.COMMISSIONING_OFFICER


def test_a_line_with_no_description_of_its_provider_is_to_be_confirmed(officer_client, victims):
    officer_client.post(
        reverse("budgets:line-add", args=[victims.framework_id]), line_form(victims)
    )
    assert ServiceLine.objects.get().organisation_text == "To be confirmed"


def test_officer_adds_a_line_delivered_by_an_organisation_in_a_group(
    officer_client, framework, area, victims
):
    organisation = OrganisationFactory(name="Victim Support")
    group = SubAreaGroupFactory(area=area, name="Leicestershire and Rutland")
    officer_client.post(
        reverse("budgets:line-add", args=[framework.pk]),
        line_form(
            victims,
            organisation=organisation.pk,
            organisation_text="a description is for a provider not yet confirmed",
            reach_scope=ReachScope.GROUP,
            reach_group=group.pk,
        ),
    )
    line = ServiceLine.objects.get()
    assert line.organisation == organisation
    assert line.organisation_text == ""
    assert line.reach_group == group


def test_add_form_errors_are_the_gov_uk_kind(officer_client, framework, victims):
    response = officer_client.post(
        reverse("budgets:line-add", args=[framework.pk]),
        {"reach_scope": ReachScope.GROUP},
    )
    assert response.status_code == 200
    text = text_of(response)
    assert "There is a problem" in text
    for message in (
        "Enter the service name",
        "Select the category",
        "Select the group of sub-areas the service reaches",
        "Select the funding mechanism",
        "Enter the cost for at least one year",
    ):
        assert message in text, message
    assert response.content.decode().startswith("<!DOCTYPE html>") or "Error:" in text
    assert "<title>Error:" in response.content.decode()
    assert not ServiceLine.objects.exists()


def test_add_refuses_sub_areas_left_unchosen_and_a_bad_amount(officer_client, victims):
    response = officer_client.post(
        reverse("budgets:line-add", args=[victims.framework_id]),
        line_form(victims, reach_scope=ReachScope.SUB_AREAS, cost_2017="1,23,4"),
    )
    text = text_of(response)
    assert "Select the sub-areas the service reaches" in text
    assert "Enter an amount in pounds and pence, like £1,234.56" in text
    assert not ServiceLine.objects.exists()


def test_sub_areas_and_group_are_kept_only_for_the_reach_chosen(officer_client, area, victims):
    city = SubAreaFactory(area=area, name="Leicester City")
    group = SubAreaGroupFactory(area=area)
    officer_client.post(
        reverse("budgets:line-add", args=[victims.framework_id]),
        line_form(
            victims, reach_scope=ReachScope.AREA, reach_sub_areas=[city.pk], reach_group=group.pk
        ),
    )
    line = ServiceLine.objects.get()
    assert line.reach_scope == ReachScope.AREA
    assert not line.reach_sub_areas.exists()
    assert line.reach_group is None


def test_add_refuses_a_sub_area_of_another_area(officer_client, victims):
    elsewhere = SubAreaFactory(name="Elsewhere")
    response = officer_client.post(
        reverse("budgets:line-add", args=[victims.framework_id]),
        line_form(victims, reach_scope=ReachScope.SUB_AREAS, reach_sub_areas=[elsewhere.pk]),
    )
    assert response.status_code == 200
    assert "Select a valid choice" in text_of(response)
    assert not ServiceLine.objects.exists()


# --- Changing a line ---------------------------------------------------------------------


def test_edit_form_is_filled_in_with_the_line(officer_client, victims):
    line = make_line(victims, "8683.75", name="Victim First", intention_code="CI012")
    content = officer_client.get(line_url("line-edit", line)).content.decode()
    assert 'value="Victim First"' in content
    assert 'value="8,683.75"' in content
    assert 'value="CI012"' in content
    assert "Choose another category to move the line to it." in content


def test_officer_changes_the_cost_and_moves_the_line_to_another_category(
    officer_client, framework, victims
):
    prevention = CategoryFactory(framework=framework, name="Prevention")
    line = make_line(victims, "1000.00", name="Triage")
    response = officer_client.post(
        line_url("line-edit", line),
        line_form(prevention, name="Triage", cost_2017="1,250.50"),
    )
    assert response.status_code == 302
    assert response["Location"] == line_url("line-detail", line)
    line.refresh_from_db()
    assert line.category == prevention
    assert line.costs.get().amount == Decimal("1250.50")


def test_removing_a_cost_that_is_funded_is_refused_with_the_reason(officer_client, area):
    framework = FrameworkFactory(area=area, first_year=FinancialYear(2016), last_year=Y2017)
    category = CategoryFactory(framework=framework)
    line = ServiceLineFactory(category=category)
    ServiceLineCostFactory(line=line, year=FinancialYear(2016), amount=Decimal("100"))
    ServiceLineCostFactory(line=line, year=Y2017, amount=Decimal("100"))
    source = FundingSourceFactory(framework=framework, year=Y2017)
    LineFunding.objects.create(line=line, source=source, amount=Decimal("100"))
    response = officer_client.post(
        line_url("line-edit", line), line_form(category, cost_2016="100", cost_2017="")
    )
    assert response.status_code == 200
    assert "Remove the funding for 2017/18 before removing its cost" in text_of(response)
    assert line.costs.count() == 2


# --- Deleting and moving -----------------------------------------------------------------


def test_delete_asks_for_confirmation_then_deletes_with_costs_and_funding(
    officer_client, framework, victims
):
    line = make_line(victims, name="Old service")
    source = FundingSourceFactory(framework=framework)
    LineFunding.objects.create(line=line, source=source, amount=Decimal("10"))
    confirm = officer_client.get(line_url("line-delete", line))
    assert "Are you sure you want to delete Old service?" in text_of(confirm)
    assert "its funding from 1 source" in text_of(confirm)
    response = officer_client.post(line_url("line-delete", line))
    assert response.status_code == 302
    assert not ServiceLine.objects.exists()
    assert not ServiceLineCost.objects.exists()
    assert not LineFunding.objects.exists()
    follow = officer_client.get(response["Location"])
    assert "‘Old service’ has been deleted" in text_of(follow)


def test_move_up_swaps_a_line_with_the_one_above(officer_client, victims):
    first = make_line(victims, name="First", order=1)
    second = make_line(victims, name="Second", order=2)
    response = officer_client.post(line_url("line-move", second), {"direction": "up"})
    assert response.status_code == 302
    assert response["Location"].endswith(f"#line-{second.pk}")
    names = list(
        ServiceLine.objects.filter(category=victims)
        .order_by("order")
        .values_list("name", flat=True)
    )
    assert names == ["Second", "First"]
    first.refresh_from_db()
    assert first.order == 2


def test_move_needs_a_post_with_a_direction(officer_client, victims):
    line = make_line(victims)
    assert officer_client.get(line_url("line-move", line)).status_code == 405
    assert (
        officer_client.post(line_url("line-move", line), {"direction": "left"}).status_code == 400
    )


# --- Funding a line ----------------------------------------------------------------------


def test_funding_form_shows_a_box_per_source_with_what_is_available(
    officer_client, framework, victims
):
    line = make_line(victims, "1000")
    grant = FundingSourceFactory(framework=framework, name="Police grant", amount=Decimal("5000"))
    other_line = make_line(victims, "2000")
    LineFunding.objects.create(line=other_line, source=grant, amount=Decimal("2000"))
    moj = FundingSourceFactory(
        framework=framework, name="MoJ <victims>", is_ring_fenced=True, amount=Decimal("3000")
    )
    moj.ring_fenced_categories.set([victims])
    response = officer_client.get(line_url("line-funding", line))
    content = response.content.decode()
    assert response.status_code == 200
    assert "The line costs £1,000.00 in 2017/18." in text_of(response)
    assert f'name="source_{grant.pk}"' in content
    assert "£3,000 of £5,000 available." in content
    assert "Ring-fenced to Victims." in content
    assert "MoJ &lt;victims&gt;" in content


def test_officer_splits_a_line_across_two_sources(officer_client, framework, victims):
    line = make_line(victims, "1000")
    grant = FundingSourceFactory(framework=framework, name="Police grant")
    moj = FundingSourceFactory(framework=framework, name="MoJ", is_ring_fenced=True)
    moj.ring_fenced_categories.set([victims])
    response = officer_client.post(
        line_url("line-funding", line),
        {f"source_{grant.pk}": "400", f"source_{moj.pk}": "£600.00"},
    )
    assert response.status_code == 302
    assert {(f.source.name, f.amount) for f in line.funding.all()} == {
        ("Police grant", Decimal("400.00")),
        ("MoJ", Decimal("600.00")),
    }
    # Emptying a box removes that source from the line.
    officer_client.post(line_url("line-funding", line), {f"source_{grant.pk}": "400"})
    assert [f.source.name for f in line.funding.all()] == ["Police grant"]


def test_a_ring_fenced_source_outside_its_categories_is_refused_on_its_box(
    officer_client, framework, victims
):
    prevention = CategoryFactory(framework=framework, name="Prevention")
    line = make_line(prevention, "1000", name="Youth diversion")
    moj = FundingSourceFactory(framework=framework, name="MoJ victims' grant", is_ring_fenced=True)
    moj.ring_fenced_categories.set([victims])
    response = officer_client.post(line_url("line-funding", line), {f"source_{moj.pk}": "500"})
    assert response.status_code == 200
    message = (
        "MoJ victims' grant is ring-fenced to Victims, so it cannot fund Youth diversion in "
        "Prevention"
    )
    assert message in text_of(response)
    assert response.context["form"].errors[f"source_{moj.pk}"] == [message]
    assert f'href="#id_source_{moj.pk}"' in response.content.decode()
    assert not LineFunding.objects.exists()


def test_funding_more_than_the_line_costs_is_refused(officer_client, framework, victims):
    line = make_line(victims, "1000")
    grant = FundingSourceFactory(framework=framework)
    response = officer_client.post(
        line_url("line-funding", line), {f"source_{grant.pk}": "1,000.01"}
    )
    assert "The funding for 2017/18 (£1,000.01) is more than the line costs (£1,000.00)" in (
        text_of(response)
    )
    assert not LineFunding.objects.exists()


def test_funding_page_without_sources_offers_to_add_one(officer_client, victims):
    line = make_line(victims)
    response = officer_client.get(line_url("line-funding", line))
    assert "This framework has no funding sources yet." in text_of(response)

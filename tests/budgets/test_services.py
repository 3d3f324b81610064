from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from commissioning.budgets import services
from commissioning.budgets.models import (
    FrameworkStatus,
    FundingSourceKind,
    LineFunding,
    ReachScope,
    ServiceLine,
)
from commissioning.core.roles import Role
from commissioning.core.years import FinancialYear
from tests.decisions.factories import signed_decision_for
from tests.factories import (
    CategoryFactory,
    FrameworkFactory,
    FundingSourceFactory,
    OrganisationFactory,
    PlanFactory,
    PolicingAreaFactory,
    PriorityFactory,
    ServiceLineCostFactory,
    ServiceLineFactory,
    SubAreaFactory,
    SubAreaGroupFactory,
)

pytestmark = pytest.mark.django_db
Y17 = FinancialYear(2017)


@pytest.fixture
def officer(make_user):
    return make_user(Role.COMMISSIONING_OFFICER)


def test_framework_create_with_budget_and_categories_is_audited(officer):
    area = PolicingAreaFactory()
    framework = services.framework_create(
        actor=officer,
        area=area,
        title="Commissioning Framework 2017/18",
        first_year=Y17,
        budgets={Y17: Decimal("4668359.00")},
        categories=["Victims", "Vulnerable"],
    )
    assert framework.status == FrameworkStatus.DRAFT
    assert framework.last_year == Y17
    assert framework.budgets.get().amount == Decimal("4668359.00")
    assert list(framework.categories.values_list("name", "order")) == [
        ("Victims", 1),
        ("Vulnerable", 2),
    ]
    created = framework.history.get()
    assert created.history_user == officer
    assert created.history_type == "+"


def test_framework_create_refuses_years_out_of_order_and_another_areas_plan(officer):
    area = PolicingAreaFactory()
    with pytest.raises(ValidationError, match="same as or after"):
        services.framework_create(
            actor=officer, area=area, title="X", first_year=Y17, last_year=FinancialYear(2016)
        )
    with pytest.raises(ValidationError, match="Choose a Police and Crime Plan"):
        services.framework_create(
            actor=officer, area=area, title="X", first_year=Y17, plan=PlanFactory()
        )


def test_lifecycle_follows_the_transition_table(officer):
    framework = FrameworkFactory()
    ServiceLineCostFactory(line=ServiceLineFactory(category=CategoryFactory(framework=framework)))
    closes = timezone.localdate() + timedelta(days=14)
    framework = services.framework_transition(
        actor=officer, framework=framework, to=FrameworkStatus.CONSULTATION, closes_on=closes
    )
    assert framework.consultation_closes_on == closes
    with pytest.raises(ValidationError, match="cannot be made published"):
        services.framework_transition(
            actor=officer, framework=framework, to=FrameworkStatus.PUBLISHED
        )
    framework = services.framework_transition(
        actor=officer, framework=framework, to=FrameworkStatus.FINAL
    )
    signed_decision_for(framework)  # publishing needs one (tests/decisions)
    framework = services.framework_transition(
        actor=officer, framework=framework, to=FrameworkStatus.PUBLISHED
    )
    assert framework.published_at is not None
    latest = framework.history.first()
    assert latest.history_change_reason == "Status changed from Final to Published"
    assert latest.history_user == officer


def test_consultation_needs_a_closing_date_in_the_future(officer):
    framework = FrameworkFactory()
    with pytest.raises(ValidationError, match="Enter the date the consultation closes"):
        services.framework_transition(
            actor=officer, framework=framework, to=FrameworkStatus.CONSULTATION
        )
    with pytest.raises(ValidationError, match="close today or in the future"):
        services.framework_transition(
            actor=officer,
            framework=framework,
            to=FrameworkStatus.CONSULTATION,
            closes_on=date(2017, 2, 10),
        )


def test_a_framework_with_no_lines_cannot_be_made_final(officer):
    with pytest.raises(ValidationError, match="at least one service line"):
        services.framework_transition(
            actor=officer, framework=FrameworkFactory(), to=FrameworkStatus.FINAL
        )


def test_final_frameworks_cannot_be_edited(officer):
    framework = FrameworkFactory(status=FrameworkStatus.FINAL)
    with pytest.raises(ValidationError, match="is final, so it cannot be changed"):
        services.category_create(actor=officer, framework=framework, name="Victims")


def test_refresh_copies_everything_keeping_identities_and_supersedes_on_publish(officer):
    area = PolicingAreaFactory()
    framework = services.framework_create(
        actor=officer,
        area=area,
        title="2017/18",
        first_year=Y17,
        budgets={Y17: Decimal("100.00")},
        categories=["Victims"],
    )
    victims = framework.categories.get()
    source = services.funding_source_save(
        actor=officer,
        framework=framework,
        year=Y17,
        name="MoJ victims grant",
        kind=FundingSourceKind.MOJ_VICTIMS,
        amount=Decimal("80.00"),
        is_ring_fenced=True,
        ring_fenced_categories=[victims],
    )
    footnote = services.footnote_save(
        actor=officer, framework=framework, marker="*", text="Negotiable"
    )
    line = services.service_line_create(
        actor=officer,
        framework=framework,
        name="Victim First",
        category=victims,
        costs={Y17: Decimal("60.50")},
        footnote=footnote,
    )
    services.line_funding_set(actor=officer, line=line, splits={source: Decimal("60.50")})
    services.section_save(actor=officer, framework=framework, heading="Foreword", body="Text")
    framework.status = FrameworkStatus.PUBLISHED
    framework.save()

    refreshed = services.framework_refresh(
        actor=officer, framework=framework, title="2017/18 refresh"
    )

    assert refreshed.version == 2
    assert refreshed.based_on == framework
    new_line = refreshed.lines.get()
    assert new_line.identity == line.identity
    assert new_line.pk != line.pk
    assert new_line.costs.get().amount == Decimal("60.50")
    assert new_line.footnote.marker == "*"
    assert new_line.footnote.framework == refreshed
    new_source = refreshed.funding_sources.get()
    assert new_source.identity == source.identity
    assert list(new_source.ring_fenced_categories.all()) == [refreshed.categories.get()]
    assert new_line.funding.get().source == new_source
    assert refreshed.sections.get().heading == "Foreword"
    assert refreshed.budgets.get().amount == Decimal("100.00")
    assert refreshed.history.get().history_change_reason.startswith("Refreshed from 2017/18")

    services.framework_transition(actor=officer, framework=refreshed, to=FrameworkStatus.FINAL)
    signed_decision_for(refreshed)
    services.framework_transition(actor=officer, framework=refreshed, to=FrameworkStatus.PUBLISHED)
    framework.refresh_from_db()
    assert framework.status == FrameworkStatus.SUPERSEDED


def test_refresh_into_next_year_carries_last_years_costs(officer):
    framework = FrameworkFactory(first_year=FinancialYear(2015), last_year=FinancialYear(2016))
    line = ServiceLineFactory(category=CategoryFactory(framework=framework))
    ServiceLineCostFactory(line=line, year=FinancialYear(2015), amount=Decimal("10"))
    ServiceLineCostFactory(line=line, year=FinancialYear(2016), amount=Decimal("20"))
    new = services.framework_refresh(
        actor=officer, framework=framework, title="2017/18", first_year=Y17
    )
    assert (new.first_year, new.last_year, new.version) == (Y17, Y17, 1)
    assert [(c.year, c.amount) for c in new.lines.get().costs.all()] == [(Y17, Decimal("20.00"))]


def test_ring_fenced_source_cannot_fund_a_line_outside_its_categories(officer):
    framework = FrameworkFactory()
    victims = CategoryFactory(framework=framework, name="Victims")
    prevention = CategoryFactory(framework=framework, name="Prevention")
    source = services.funding_source_save(
        actor=officer,
        framework=framework,
        year=Y17,
        name="MoJ victims grant",
        kind=FundingSourceKind.MOJ_VICTIMS,
        amount=Decimal("1000"),
        is_ring_fenced=True,
        ring_fenced_categories=[victims],
    )
    line = services.service_line_create(
        actor=officer,
        framework=framework,
        name="IOM",
        category=prevention,
        costs={Y17: Decimal("500")},
    )
    with pytest.raises(ValidationError) as error:
        services.line_funding_set(actor=officer, line=line, splits={source: Decimal("100")})
    assert error.value.messages == [
        "MoJ victims grant is ring-fenced to Victims, so it cannot fund IOM in Prevention"
    ]
    assert not LineFunding.objects.exists()

    # Moving a funded victims line into Prevention is refused for the same reason.
    victims_line = services.service_line_create(
        actor=officer,
        framework=framework,
        name="Victim First",
        category=victims,
        costs={Y17: Decimal("500")},
    )
    services.line_funding_set(actor=officer, line=victims_line, splits={source: Decimal("500")})
    with pytest.raises(ValidationError, match="ring-fenced to Victims"):
        services.service_line_update(actor=officer, line=victims_line, category=prevention)
    victims_line.refresh_from_db()
    assert victims_line.category == victims


def test_funding_split_cannot_exceed_the_lines_cost(officer):
    framework = FrameworkFactory()
    category = CategoryFactory(framework=framework)
    a = FundingSourceFactory(framework=framework, name="A")
    b = FundingSourceFactory(framework=framework, name="B")
    line = services.service_line_create(
        actor=officer,
        framework=framework,
        name="PLF",
        category=category,
        costs={Y17: Decimal("500000")},
    )
    with pytest.raises(ValidationError, match=r"more than the line costs \(£500,000.00\)"):
        services.line_funding_set(
            actor=officer, line=line, splits={a: Decimal("300000"), b: Decimal("200000.01")}
        )
    funded = services.line_funding_set(
        actor=officer, line=line, splits={a: Decimal("300000"), b: Decimal("200000")}
    )
    assert sum(f.amount for f in funded) == Decimal("500000")
    # Replacing the split removes sources no longer named, with history of the removal.
    services.line_funding_set(actor=officer, line=line, splits={a: Decimal("500000")})
    assert list(line.funding.values_list("source__name", "amount")) == [("A", Decimal("500000.00"))]
    assert LineFunding.history.filter(history_type="-").count() == 1


def test_line_validation_messages(officer):
    framework = FrameworkFactory()
    category = CategoryFactory(framework=framework)
    other_area_sub = SubAreaFactory()
    with pytest.raises(ValidationError) as error:
        services.service_line_create(
            actor=officer,
            framework=framework,
            name="X",
            category=category,
            costs={},
            reach_scope=ReachScope.SUB_AREAS,
        )
    assert error.value.message_dict == {
        "reach_sub_areas": ["Select the sub-areas the service reaches"]
    }
    with pytest.raises(ValidationError) as error:
        services.service_line_create(
            actor=officer,
            framework=framework,
            name="X",
            category=category,
            costs={},
            reach_scope=ReachScope.SUB_AREAS,
            reach_sub_areas=[other_area_sub],
        )
    assert "reach_sub_areas" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.service_line_create(
            actor=officer, framework=framework, name="X", category=CategoryFactory(), costs={}
        )
    assert error.value.message_dict == {"category": ["Select a category of this framework"]}
    with pytest.raises(ValidationError, match="outside this framework's years"):
        services.service_line_create(
            actor=officer,
            framework=framework,
            name="X",
            category=category,
            costs={FinancialYear(2018): Decimal("1")},
        )
    assert not ServiceLine.objects.exists()


def test_line_reach_and_unconfirmed_provider(officer):
    framework = FrameworkFactory()
    category = CategoryFactory(framework=framework)
    group = SubAreaGroupFactory(area=framework.area)
    line = services.service_line_create(
        actor=officer,
        framework=framework,
        name="YOS - County + Rutland",
        category=category,
        costs={Y17: Decimal("77934")},
        reach_scope=ReachScope.GROUP,
        reach_group=group,
    )
    assert line.organisation_text == "To be confirmed"
    assert line.reach_group == group
    sub = SubAreaFactory(area=framework.area)
    line = services.service_line_update(
        actor=officer,
        line=line,
        reach_scope=ReachScope.SUB_AREAS,
        reach_sub_areas=[sub],
        organisation=OrganisationFactory(),
        organisation_text="",
    )
    assert line.reach_group is None
    assert list(line.reach_sub_areas.all()) == [sub]


def test_move_swaps_neighbours_within_a_category(officer):
    framework = FrameworkFactory()
    category = CategoryFactory(framework=framework)
    a, _b, c = (
        ServiceLineFactory(category=category, order=5, name=name) for name in ("A", "B", "C")
    )
    services.service_line_move(actor=officer, line=c, direction="up")
    names = list(framework.lines.order_by("order", "pk").values_list("name", flat=True))
    assert names == ["A", "C", "B"]
    services.service_line_move(actor=officer, line=a, direction="up")  # already first: no change
    assert list(framework.lines.order_by("order", "pk").values_list("name", flat=True)) == [
        "A",
        "C",
        "B",
    ]


def test_delete_line_removes_costs_and_funding_with_history(officer):
    framework = FrameworkFactory()
    line = ServiceLineFactory(category=CategoryFactory(framework=framework))
    ServiceLineCostFactory(line=line)
    services.service_line_delete(actor=officer, line=line)
    assert not ServiceLine.objects.exists()
    assert ServiceLine.history.filter(history_type="-", history_user=officer).count() == 1


def test_category_with_lines_cannot_be_deleted(officer):
    category = CategoryFactory()
    ServiceLineFactory(category=category)
    with pytest.raises(ValidationError, match="Move or delete the 1 lines"):
        services.category_delete(actor=officer, category=category)


def test_category_priorities_come_from_the_frameworks_plan(officer):
    plan = PlanFactory()
    framework = FrameworkFactory(plan=plan, area=plan.area)
    mine = PriorityFactory(plan=plan)
    with pytest.raises(ValidationError, match="framework's Police and Crime Plan"):
        services.category_create(
            actor=officer, framework=framework, name="V", priorities=[PriorityFactory()]
        )
    category = services.category_create(
        actor=officer, framework=framework, name="V", priorities=[mine]
    )
    assert list(category.priorities.all()) == [mine]
    with pytest.raises(ValidationError, match="already has a category called v"):
        services.category_create(actor=officer, framework=framework, name="v")


def test_link_lines_across_frameworks(officer):
    earlier = ServiceLineFactory()
    later = ServiceLineFactory()
    services.lines_link(actor=officer, earlier=earlier, later=later)
    later.refresh_from_db()
    assert later.identity == earlier.identity
    with pytest.raises(ValidationError, match="different framework"):
        services.lines_link(
            actor=officer, earlier=earlier, later=ServiceLineFactory(category=earlier.category)
        )

"""Query counts pinned on every plan page, with enough rows for an N+1 to show.

Each signed-in staff request costs a fixed few queries before the view runs (session,
user, two-factor device); the numbers below include them.
"""

import pytest
from django.urls import reverse

from commissioning.core.roles import Role
from commissioning.plans.services import kpq_update, plan_update, priority_update
from tests.factories import FrameworkFactory, PlanFactory, PolicingAreaFactory, PriorityFactory
from tests.plans.factories import QuestionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(make_user):
    return make_user(Role.COMMISSIONING_OFFICER)


@pytest.fixture
def client_for(login, officer):
    return login(officer)


def _plan_with_priorities(priorities=6, questions=3, frameworks=2):
    plan = PlanFactory()
    for _ in range(priorities):
        priority = PriorityFactory(plan=plan)
        QuestionFactory.create_batch(questions, priority=priority)
    PriorityFactory(plan=plan, is_cross_cutting=True)
    for _ in range(frameworks):
        FrameworkFactory(area=plan.area, plan=plan)
    return plan


def test_list_page(client_for, django_assert_num_queries):
    areas = [PolicingAreaFactory() for _ in range(3)]
    for number in range(12):
        plan = PlanFactory(area=areas[number % 3])
        PriorityFactory.create_batch(2, plan=plan)
        if number % 4 == 0:
            PlanFactory(area=plan.area, revises=plan)
    # Every plan with its area, the plan it revises and its counts, in one query.
    with django_assert_num_queries(4):
        response = client_for.get(reverse("plans:list"))
    assert sum(len(group.plans) for group in response.context["groups"]) == 15


def test_detail_page(client_for, django_assert_num_queries):
    plan = _plan_with_priorities()
    PlanFactory(area=plan.area, revises=plan)
    # The plan (with area and revises), priorities, their questions, revisions, frameworks.
    with django_assert_num_queries(8):
        response = client_for.get(reverse("plans:detail", args=[plan.pk]))
    assert len(response.context["priorities"]) == 6
    assert len(response.context["frameworks"]) == 2
    assert response.content.decode().count("Question 3") == 6


def test_detail_page_for_a_reader(login, make_user, django_assert_num_queries):
    plan = _plan_with_priorities()
    client = login(make_user(Role.PANEL_MEMBER))
    with django_assert_num_queries(8):
        response = client.get(reverse("plans:detail", args=[plan.pk]))
    assert len(response.context["themes"]) == 1


def test_history_page(client_for, officer, django_assert_num_queries):
    plan = _plan_with_priorities(priorities=5, questions=2, frameworks=0)
    for priority in plan.priorities.all():
        priority_update(actor=officer, priority=priority, data={"name": f"{priority.name}!"})
        for question in priority.questions.all():
            kpq_update(actor=officer, question=question, text=question.text + "?")
    plan_update(actor=officer, plan=plan, data={"title": "Changed"})
    # The plan, its history (and the name of its area), its priorities' history and their
    # questions' history.
    with django_assert_num_queries(8):
        response = client_for.get(reverse("plans:history", args=[plan.pk]))
    # 2 for the plan, 2 for each of 6 priorities, 2 for each of 10 questions.
    assert len(response.context["history"]) == 2 + 12 + 20


def test_edit_page(client_for, django_assert_num_queries):
    plan = _plan_with_priorities(frameworks=1)
    with django_assert_num_queries(6):
        response = client_for.get(reverse("plans:edit", args=[plan.pk]))
    assert "area" not in response.context["form"].fields

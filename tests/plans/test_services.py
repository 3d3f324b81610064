import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from commissioning.core.roles import Role
from commissioning.plans.models import KeyPerformanceQuestion, PoliceAndCrimePlan, Priority
from commissioning.plans.services import (
    kpq_create,
    kpq_delete,
    kpq_move,
    kpq_update,
    plan_create,
    plan_revise,
    plan_update,
    priority_create,
    priority_delete,
    priority_move,
    priority_update,
)
from tests.factories import (
    CategoryFactory,
    FrameworkFactory,
    PlanFactory,
    PolicingAreaFactory,
    PriorityFactory,
)
from tests.plans.factories import QuestionFactory

pytestmark = pytest.mark.django_db

START, END = dt.date(2017, 4, 1), dt.date(2021, 3, 31)


@pytest.fixture
def officer(make_user):
    return make_user(Role.COMMISSIONING_OFFICER)


def _codes(plan, cross_cutting=False):
    return list(
        plan.priorities.filter(is_cross_cutting=cross_cutting)
        .order_by("order")
        .values_list("code", flat=True)
    )


def _texts(priority):
    return list(priority.questions.order_by("order").values_list("text", flat=True))


# --- Plans ------------------------------------------------------------------------------


def test_plan_create_saves_the_plan_and_who_made_it(officer):
    area = PolicingAreaFactory()
    plan = plan_create(
        actor=officer,
        area=area,
        title="  Police and Crime Plan 2017–21 ",
        starts_on=START,
        ends_on=END,
        summary=" Safer communities ",
    )
    plan.refresh_from_db()
    assert (plan.area, plan.title, plan.summary) == (
        area,
        "Police and Crime Plan 2017–21",
        "Safer communities",
    )
    record = plan.history.get()
    assert record.history_user == officer
    assert record.history_type == "+"


@pytest.mark.parametrize("ends_on", [START, START - dt.timedelta(days=1)])
def test_plan_create_refuses_an_end_date_not_after_the_start(officer, ends_on):
    with pytest.raises(ValidationError) as caught:
        plan_create(
            actor=officer,
            area=PolicingAreaFactory(),
            title="Plan",
            starts_on=START,
            ends_on=ends_on,
        )
    assert caught.value.message_dict == {"ends_on": ["The end date must be after the start date"]}
    assert not PoliceAndCrimePlan.objects.exists()


def test_plan_create_needs_a_title(officer):
    with pytest.raises(ValidationError) as caught:
        plan_create(
            actor=officer, area=PolicingAreaFactory(), title="  ", starts_on=START, ends_on=END
        )
    assert caught.value.message_dict == {"title": ["Enter the plan's title"]}


def test_the_same_title_may_be_used_twice_in_an_area(officer):
    area = PolicingAreaFactory()
    for _ in range(2):
        plan_create(actor=officer, area=area, title="Plan", starts_on=START, ends_on=END)
    assert PoliceAndCrimePlan.objects.filter(area=area, title="Plan").count() == 2


@pytest.mark.parametrize("role", [Role.PANEL_MEMBER, Role.ASSESSOR, Role.PROVIDER])
def test_only_editors_may_write(make_user, role):
    user = make_user(role)
    plan = PlanFactory()
    with pytest.raises(PermissionDenied):
        plan_create(actor=user, area=plan.area, title="Plan", starts_on=START, ends_on=END)
    with pytest.raises(PermissionDenied):
        plan_update(actor=user, plan=plan, data={"title": "Changed"})
    with pytest.raises(PermissionDenied):
        priority_create(actor=user, plan=plan, code="A", name="A")


def test_the_system_may_write_without_a_person():
    plan = plan_create(
        actor=None, area=PolicingAreaFactory(), title="Plan", starts_on=START, ends_on=END
    )
    assert plan.history.get().history_user is None


def test_plan_update_changes_and_records_what_changed(officer):
    plan = PlanFactory(title="Old")
    plan_update(actor=officer, plan=plan, data={"title": "New", "ends_on": dt.date(2022, 3, 31)})
    plan.refresh_from_db()
    assert (plan.title, plan.ends_on) == ("New", dt.date(2022, 3, 31))
    latest = plan.history.latest("history_date")
    assert latest.history_user == officer
    assert latest.history_type == "~"


def test_plan_update_with_nothing_changed_records_nothing(officer):
    plan = plan_create(
        actor=officer, area=PolicingAreaFactory(), title="Plan", starts_on=START, ends_on=END
    )
    plan_update(actor=officer, plan=plan, data={"title": "Plan", "starts_on": START})
    assert plan.history.count() == 1


def test_plan_update_checks_the_period_against_the_stored_dates(officer):
    plan = PlanFactory(starts_on=START, ends_on=END)
    with pytest.raises(ValidationError) as caught:
        plan_update(actor=officer, plan=plan, data={"starts_on": dt.date(2021, 4, 1)})
    assert "ends_on" in caught.value.message_dict


def test_plan_update_refuses_unknown_fields(officer):
    with pytest.raises(ValueError, match="revises"):
        plan_update(actor=officer, plan=PlanFactory(), data={"revises": None})


def test_the_area_can_change_until_a_framework_is_aligned(officer):
    plan = PlanFactory()
    elsewhere = PolicingAreaFactory()
    plan_update(actor=officer, plan=plan, data={"area": elsewhere})
    plan.refresh_from_db()
    assert plan.area == elsewhere

    FrameworkFactory(area=elsewhere, plan=plan)
    with pytest.raises(ValidationError) as caught:
        plan_update(actor=officer, plan=plan, data={"area": PolicingAreaFactory()})
    assert "area" in caught.value.message_dict
    plan.refresh_from_db()
    assert plan.area == elsewhere


def test_a_revised_plan_keeps_its_area(officer):
    plan = PlanFactory()
    plan_revise(actor=officer, plan=plan)
    with pytest.raises(ValidationError):
        plan_update(actor=officer, plan=plan, data={"area": PolicingAreaFactory()})


# --- Revisions --------------------------------------------------------------------------


def test_plan_revise_copies_priorities_themes_and_questions_in_order(officer):
    plan = PlanFactory(title="Plan 2017–21", summary="Five priorities")
    victims = PriorityFactory(plan=plan, code="VS", name="Victim Services", order=2)
    partnerships = PriorityFactory(plan=plan, code="VP", name="Viable Partnerships", order=1)
    prevention = PriorityFactory(plan=plan, code="CP", is_cross_cutting=True, order=1)
    QuestionFactory(priority=victims, text="Are victims satisfied?", order=2)
    QuestionFactory(priority=victims, text="Do victims report more?", order=1)
    QuestionFactory(priority=prevention, text="Is crime prevented?", order=1)
    framework = FrameworkFactory(area=plan.area, plan=plan)

    revision = plan_revise(actor=officer, plan=plan, title="Plan 2017–21 (revised 2019)")

    assert revision.revises == plan
    assert revision.pk != plan.pk
    assert (revision.area, revision.starts_on, revision.ends_on, revision.summary) == (
        plan.area,
        plan.starts_on,
        plan.ends_on,
        "Five priorities",
    )
    assert revision.title == "Plan 2017–21 (revised 2019)"
    assert _codes(revision) == ["VP", "VS"]
    assert _codes(revision, cross_cutting=True) == ["CP"]
    copied_victims = revision.priorities.get(code="VS")
    assert copied_victims.pk != victims.pk
    assert copied_victims.name == "Victim Services"
    assert _texts(copied_victims) == ["Do victims report more?", "Are victims satisfied?"]
    assert _texts(revision.priorities.get(code="VP")) == []
    assert _texts(revision.priorities.get(code="CP")) == ["Is crime prevented?"]
    # The earlier plan is left as it was, its framework still aligned to it.
    assert _codes(plan) == ["VP", "VS"]
    assert _texts(victims) == ["Do victims report more?", "Are victims satisfied?"]
    framework.refresh_from_db()
    assert framework.plan == plan
    assert partnerships.plan == plan


def test_plan_revise_records_why_on_every_copy(officer):
    plan = PlanFactory(title="Plan 2017–21")
    QuestionFactory(priority=PriorityFactory(plan=plan))
    revision = plan_revise(actor=officer, plan=plan)
    assert revision.title == "Plan 2017–21"
    record = revision.history.get()
    assert (record.history_user, record.history_change_reason) == (
        officer,
        "Revision of Plan 2017–21",
    )
    priority = revision.priorities.get()
    assert priority.history.get().history_change_reason == "Revision of Plan 2017–21"
    question = priority.questions.get()
    assert question.history.get().history_user == officer
    assert question.history.get().history_change_reason == "Revision of Plan 2017–21"


def test_a_long_title_is_shortened_in_the_change_reason(officer):
    plan = PlanFactory(title="P" * 250)
    revision = plan_revise(actor=officer, plan=plan)
    reason = revision.history.get().history_change_reason
    assert len(reason) == 100
    assert reason.startswith("Revision of PPP")
    assert reason.endswith("…")


def test_a_plan_is_revised_once(officer):
    plan = PlanFactory()
    first = plan_revise(actor=officer, plan=plan, title="Second version")
    with pytest.raises(ValidationError) as caught:
        plan_revise(actor=officer, plan=plan)
    assert caught.value.messages == [
        "This plan has already been revised. Revise the latest version, ‘Second version’"
    ]
    # The revision itself can be revised: the chain goes on from the latest.
    third = plan_revise(actor=officer, plan=first)
    assert third.revises == first


# --- Priorities -------------------------------------------------------------------------


def test_priorities_and_themes_are_numbered_separately(officer):
    plan = PlanFactory()
    for code in ("A", "B"):
        priority_create(actor=officer, plan=plan, code=code, name=f"Priority {code}")
    theme = priority_create(actor=officer, plan=plan, code="T", name="Theme", is_cross_cutting=True)
    assert list(plan.priorities.values_list("code", "order")) == [("A", 1), ("B", 2), ("T", 1)]
    assert theme.is_cross_cutting
    assert theme.history.get().history_user == officer


@pytest.mark.parametrize("code", ["vs", "VS", " Vs "])
def test_a_code_is_unique_in_a_plan_whatever_its_case(officer, code):
    plan = PlanFactory()
    priority_create(actor=officer, plan=plan, code="VS", name="Victim Services")
    with pytest.raises(ValidationError) as caught:
        priority_create(actor=officer, plan=plan, code=code, name="Another")
    assert caught.value.message_dict == {
        "code": ["‘Victim Services’ already has the code VS. Enter a different code"]
    }


def test_the_same_code_may_be_used_in_another_plan(officer):
    PriorityFactory(code="VS")
    priority = priority_create(actor=officer, plan=PlanFactory(), code="VS", name="Victims")
    assert priority.code == "VS"


def test_a_priority_needs_a_code_and_a_name(officer):
    with pytest.raises(ValidationError) as caught:
        priority_create(actor=officer, plan=PlanFactory(), code=" ", name="")
    assert caught.value.message_dict == {
        "code": ["Enter a code for the priority"],
        "name": ["Enter the priority's name"],
    }


def test_priority_update_keeps_its_own_code_but_not_anothers(officer):
    plan = PlanFactory()
    first = PriorityFactory(plan=plan, code="A")
    PriorityFactory(plan=plan, code="B")
    priority_update(actor=officer, priority=first, data={"code": "a", "name": "Renamed"})
    first.refresh_from_db()
    assert (first.code, first.name) == ("a", "Renamed")
    with pytest.raises(ValidationError) as caught:
        priority_update(actor=officer, priority=first, data={"code": "b"})
    assert "code" in caught.value.message_dict


def test_a_priority_made_a_theme_goes_to_the_end_of_the_themes(officer):
    plan = PlanFactory()
    priority = PriorityFactory(plan=plan, code="P", order=1)
    PriorityFactory(plan=plan, code="T1", is_cross_cutting=True, order=1)
    PriorityFactory(plan=plan, code="T2", is_cross_cutting=True, order=2)
    priority_update(actor=officer, priority=priority, data={"is_cross_cutting": True})
    assert _codes(plan, cross_cutting=True) == ["T1", "T2", "P"]
    assert _codes(plan) == []


def test_priority_delete_removes_its_questions_and_records_who(officer):
    plan = PlanFactory()
    keep = PriorityFactory(plan=plan, code="K", order=2)
    doomed = PriorityFactory(plan=plan, code="D", order=1)
    question = QuestionFactory(priority=doomed)
    doomed_pk, question_pk = doomed.pk, question.pk
    priority_delete(actor=officer, priority=doomed)
    assert list(plan.priorities.all()) == [keep]
    assert not KeyPerformanceQuestion.objects.exists()
    deleted = Priority.history.filter(id=doomed_pk, history_type="-").get()
    assert deleted.history_user == officer
    gone = KeyPerformanceQuestion.history.filter(id=question_pk, history_type="-").get()
    assert gone.history_user == officer
    keep.refresh_from_db()
    assert keep.order == 1  # renumbered


def test_priority_delete_is_refused_while_a_budget_category_is_aligned(officer):
    plan = PlanFactory()
    priority = PriorityFactory(plan=plan, name="Victim Services")
    QuestionFactory(priority=priority)
    category = CategoryFactory(
        framework=FrameworkFactory(title="Framework 2017/18"), name="Victims"
    )
    category.priorities.add(priority)
    with pytest.raises(ValidationError) as caught:
        priority_delete(actor=officer, priority=priority)
    assert caught.value.messages == [
        "The budget category ‘Victims’ of ‘Framework 2017/18’ is aligned to this priority. "
        "Remove the priority from that category first"
    ]
    assert Priority.objects.filter(pk=priority.pk).exists()
    assert KeyPerformanceQuestion.objects.filter(priority=priority).exists()


def test_priority_move_swaps_with_its_neighbour_within_its_kind(officer):
    plan = PlanFactory()
    a = PriorityFactory(plan=plan, code="A", order=1)
    b = PriorityFactory(plan=plan, code="B", order=2)
    c = PriorityFactory(plan=plan, code="C", order=3)
    PriorityFactory(plan=plan, code="T", order=1, is_cross_cutting=True)
    assert priority_move(actor=officer, priority=c, direction="up")
    assert _codes(plan) == ["A", "C", "B"]
    assert priority_move(actor=officer, priority=a, direction="down")
    assert _codes(plan) == ["C", "A", "B"]
    assert not priority_move(actor=officer, priority=c, direction="up")
    assert not priority_move(actor=officer, priority=b, direction="down")
    assert _codes(plan) == ["C", "A", "B"]
    assert _codes(plan, cross_cutting=True) == ["T"]
    moved = Priority.history.filter(id=c.pk).latest("history_date")
    assert moved.history_user == officer
    assert moved.history_change_reason.startswith("Moved")


def test_priority_move_puts_duplicate_orders_right(officer):
    plan = PlanFactory()
    a = PriorityFactory(plan=plan, code="A", name="A", order=0)
    PriorityFactory(plan=plan, code="B", name="B", order=0)
    priority_move(actor=officer, priority=a, direction="down")
    assert list(plan.priorities.order_by("order").values_list("code", "order")) == [
        ("B", 1),
        ("A", 2),
    ]


def test_priority_move_refuses_a_made_up_direction(officer):
    with pytest.raises(ValueError, match="sideways"):
        priority_move(actor=officer, priority=PriorityFactory(), direction="sideways")


# --- Key Performance Questions ----------------------------------------------------------


def test_questions_are_added_changed_moved_and_deleted(officer):
    priority = PriorityFactory()
    first = kpq_create(actor=officer, priority=priority, text=" Are victims satisfied? ")
    second = kpq_create(actor=officer, priority=priority, text="Do more victims report?")
    assert _texts(priority) == ["Are victims satisfied?", "Do more victims report?"]

    kpq_update(actor=officer, question=first, text="Are victims more satisfied?")
    assert kpq_move(actor=officer, question=second, direction="up")
    assert not kpq_move(actor=officer, question=second, direction="up")
    assert _texts(priority) == ["Do more victims report?", "Are victims more satisfied?"]

    second_pk = second.pk
    kpq_delete(actor=officer, question=second)
    assert _texts(priority) == ["Are victims more satisfied?"]
    first.refresh_from_db()
    assert first.order == 1
    deleted = KeyPerformanceQuestion.history.filter(id=second_pk, history_type="-").get()
    assert deleted.history_user == officer
    assert first.history.filter(history_type="~").first().history_user == officer


def test_a_question_needs_text(officer):
    with pytest.raises(ValidationError) as caught:
        kpq_create(actor=officer, priority=PriorityFactory(), text="  ")
    assert caught.value.message_dict == {"text": ["Enter the question"]}
    question = QuestionFactory()
    with pytest.raises(ValidationError):
        kpq_update(actor=officer, question=question, text="")

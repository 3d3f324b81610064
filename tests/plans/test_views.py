import datetime as dt

import pytest
from django.conf import settings
from django.urls import reverse

from commissioning.core.roles import Role
from commissioning.plans.models import KeyPerformanceQuestion, PoliceAndCrimePlan, Priority
from tests.factories import (
    CategoryFactory,
    FrameworkFactory,
    PlanFactory,
    PolicingAreaFactory,
    PriorityFactory,
)
from tests.plans.factories import QuestionFactory

pytestmark = pytest.mark.django_db

EDITORS = [Role.ADMIN, Role.COMMISSIONING_OFFICER, Role.FINANCE_OFFICER]
READERS = [Role.ASSESSOR, Role.PANEL_MEMBER]
OUTSIDERS = [Role.PROVIDER, Role.CSP]
LIST_URL = reverse("plans:list")
CREATE_URL = reverse("plans:create")


def _record_urls(plan, priority, question):
    """Every page about one plan, GET-able, with the status a reader gets."""
    return {
        reverse("plans:detail", args=[plan.pk]): 200,
        reverse("plans:history", args=[plan.pk]): 200,
        reverse("plans:edit", args=[plan.pk]): 403,
        reverse("plans:revise", args=[plan.pk]): 403,
        reverse("plans:priority-add", args=[plan.pk]): 403,
        reverse("plans:priority-edit", args=[plan.pk, priority.pk]): 403,
        reverse("plans:priority-delete", args=[plan.pk, priority.pk]): 403,
        reverse("plans:question-add", args=[plan.pk, priority.pk]): 403,
        reverse("plans:question-edit", args=[plan.pk, priority.pk, question.pk]): 403,
        reverse("plans:question-delete", args=[plan.pk, priority.pk, question.pk]): 403,
    }


@pytest.fixture
def question():
    return QuestionFactory()


def _error_summary(response):
    return [str(error) for error in response.context["form"].errors.values() for error in error]


# --- Who may see what -------------------------------------------------------------------


@pytest.mark.parametrize("role", EDITORS)
def test_editors_reach_every_page(make_user, login, role, question):
    client = login(make_user(role))
    priority = question.priority
    assert client.get(LIST_URL).status_code == 200
    assert client.get(CREATE_URL).status_code == 200
    for url in _record_urls(priority.plan, priority, question):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("role", READERS)
def test_panel_members_and_assessors_read_but_change_nothing(make_user, login, role, question):
    client = login(make_user(role))
    priority = question.priority
    plan = priority.plan
    assert client.get(LIST_URL).status_code == 200
    assert client.get(CREATE_URL).status_code == 403
    for url, status in _record_urls(plan, priority, question).items():
        assert client.get(url).status_code == status, url
    move = reverse("plans:priority-move", args=[plan.pk, priority.pk])
    assert client.post(move, {"direction": "up"}).status_code == 403
    assert client.post(reverse("plans:revise", args=[plan.pk]), {"title": "X"}).status_code == 403
    assert client.post(CREATE_URL, {"title": "X"}).status_code == 403
    assert PoliceAndCrimePlan.objects.count() == 1


def test_a_reader_sees_no_change_links(make_user, login, question):
    client = login(make_user(Role.PANEL_MEMBER))
    plan = question.priority.plan
    response = client.get(reverse("plans:detail", args=[plan.pk]))
    body = response.content.decode()
    assert question.text in body
    assert reverse("plans:edit", args=[plan.pk]) not in body
    assert "Move up" not in body
    assert "Move down" not in body
    assert "Revise this plan" not in body


@pytest.mark.parametrize("role", OUTSIDERS)
def test_providers_and_csp_users_get_404_everywhere(make_user, login, role, question):
    client = login(make_user(role))
    priority = question.priority
    plan = priority.plan
    urls = [LIST_URL, CREATE_URL, *_record_urls(plan, priority, question)]
    for url in urls:
        assert client.get(url).status_code == 404, url
    move = reverse("plans:priority-move", args=[plan.pk, priority.pk])
    assert client.post(move, {"direction": "up"}).status_code == 404
    assert client.post(CREATE_URL, {"title": "X"}).status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(LIST_URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse(settings.LOGIN_URL))


def test_a_missing_plan_is_404(officer_client):
    assert officer_client.get(reverse("plans:detail", args=[999999])).status_code == 404


def test_a_priority_of_another_plan_is_404(officer_client):
    plan, other = PlanFactory(), PriorityFactory()
    url = reverse("plans:priority-edit", args=[plan.pk, other.pk])
    assert officer_client.get(url).status_code == 404
    question = QuestionFactory()
    url = reverse("plans:question-edit", args=[plan.pk, other.pk, question.pk])
    assert officer_client.get(url).status_code == 404


# --- List -------------------------------------------------------------------------------


def test_list_groups_plans_by_area_with_period_and_priority_counts(officer_client):
    leicester = PolicingAreaFactory(name="Leicester, Leicestershire and Rutland")
    durham = PolicingAreaFactory(name="Durham")
    llr = PlanFactory(area=leicester, title="Police and Crime Plan 2017–21")
    PriorityFactory.create_batch(5, plan=llr)
    PriorityFactory(plan=llr, is_cross_cutting=True)
    PlanFactory(area=durham, title="Durham plan", starts_on=dt.date(2018, 4, 1))
    response = officer_client.get(LIST_URL)
    groups = response.context["groups"]
    assert [group.area.name for group in groups] == [durham.name, leicester.name]
    plan = groups[1].plans[0]
    assert (plan.priority_count, plan.theme_count) == (5, 1)
    body = response.content.decode()
    assert "1 April 2017 to 31 March 2021" in body
    assert "Police and Crime Plan 2017–21" in body


def test_list_says_when_there_are_no_plans(officer_client):
    response = officer_client.get(LIST_URL)
    assert "No plans have been added yet" in response.content.decode()


# --- Create and edit --------------------------------------------------------------------


def _plan_data(area, **overrides):
    data = {
        "area": area.pk,
        "title": "Police and Crime Plan 2017–21",
        "starts_on_day": "1",
        "starts_on_month": "4",
        "starts_on_year": "2017",
        "ends_on_day": "31",
        "ends_on_month": "3",
        "ends_on_year": "2021",
        "summary": "Five priorities",
    }
    data.update(overrides)
    return data


def test_an_officer_adds_a_plan(officer_client):
    area = PolicingAreaFactory()
    response = officer_client.post(CREATE_URL, _plan_data(area))
    plan = PoliceAndCrimePlan.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("plans:detail", args=[plan.pk])
    assert (plan.area, plan.starts_on, plan.ends_on) == (
        area,
        dt.date(2017, 4, 1),
        dt.date(2021, 3, 31),
    )


def test_adding_a_plan_with_nothing_shows_every_error(officer_client):
    response = officer_client.post(CREATE_URL, {})
    assert response.status_code == 200
    errors = _error_summary(response)
    assert "Select the policing area" in errors
    assert "Enter the plan's title" in errors
    assert "Enter start date" in errors
    assert "Enter end date" in errors
    assert not PoliceAndCrimePlan.objects.exists()
    assert "govuk-error-summary" in response.content.decode()


def test_adding_a_plan_that_ends_before_it_starts_is_refused(officer_client):
    area = PolicingAreaFactory()
    response = officer_client.post(CREATE_URL, _plan_data(area, ends_on_year="2016"))
    assert response.status_code == 200
    assert response.context["form"].errors["ends_on"] == [
        "The end date must be after the start date"
    ]
    assert not PoliceAndCrimePlan.objects.exists()


def test_a_date_that_is_not_real_is_named(officer_client):
    area = PolicingAreaFactory()
    response = officer_client.post(CREATE_URL, _plan_data(area, starts_on_month="13"))
    assert response.context["form"].errors["starts_on"] == ["Start date must be a real date"]


def test_an_officer_changes_a_plan(officer_client):
    plan = PlanFactory(title="Old title")
    url = reverse("plans:edit", args=[plan.pk])
    form = officer_client.get(url).context["form"]
    assert form.initial["title"] == "Old title"
    response = officer_client.post(url, _plan_data(plan.area, title="New title"))
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.title == "New title"


def test_the_area_is_not_offered_once_a_framework_is_aligned(officer_client):
    plan = PlanFactory()
    FrameworkFactory(area=plan.area, plan=plan)
    url = reverse("plans:edit", args=[plan.pk])
    assert "area" not in officer_client.get(url).context["form"].fields
    other = PolicingAreaFactory()
    response = officer_client.post(url, _plan_data(other, title="Still here"))
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.area_id != other.pk
    assert plan.title == "Still here"


# --- Detail -----------------------------------------------------------------------------


def test_detail_shows_priorities_in_order_themes_apart_revisions_and_frameworks(officer_client):
    plan = PlanFactory(title="Plan 2017–21")
    PriorityFactory(plan=plan, name="Second", order=2)
    first = PriorityFactory(plan=plan, name="First", order=1)
    PriorityFactory(plan=plan, name="Crime prevention", is_cross_cutting=True)
    QuestionFactory(priority=first, text="Are victims satisfied?")
    framework = FrameworkFactory(area=plan.area, plan=plan, title="Framework 2017/18")
    revision = PlanFactory(area=plan.area, title="Plan 2017–21 revised", revises=plan)
    response = officer_client.get(reverse("plans:detail", args=[plan.pk]))
    context = response.context
    assert [p.name for p in context["priorities"]] == ["First", "Second"]
    assert [p.name for p in context["themes"]] == ["Crime prevention"]
    assert context["revisions"] == [revision]
    body = response.content.decode()
    assert "Are victims satisfied?" in body
    assert "Framework 2017/18" in body
    assert f'href="{reverse("budgets:detail", args=[framework.pk])}"' in body
    assert "Revised by" in body

    later = officer_client.get(reverse("plans:detail", args=[revision.pk])).content.decode()
    assert "Revises" in later
    assert reverse("plans:detail", args=[plan.pk]) in later


def test_move_buttons_name_the_priority_for_screen_readers(officer_client):
    plan = PlanFactory()
    PriorityFactory(plan=plan, name="Victim Services", order=1)
    PriorityFactory(plan=plan, name="Value for Money", order=2)
    body = officer_client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert 'Move down<span class="govuk-visually-hidden"> Victim Services</span>' in body
    assert 'Move up<span class="govuk-visually-hidden"> Value for Money</span>' in body
    # The first cannot go up and the last cannot go down.
    assert 'Move up<span class="govuk-visually-hidden"> Victim Services</span>' not in body
    assert 'Move down<span class="govuk-visually-hidden"> Value for Money</span>' not in body


# --- Priorities -------------------------------------------------------------------------


def test_an_officer_adds_a_priority_and_a_theme(officer_client):
    plan = PlanFactory()
    url = reverse("plans:priority-add", args=[plan.pk])
    response = officer_client.post(
        url, {"kind": "priority", "code": "VS", "name": "Victim Services", "description": ""}
    )
    priority = Priority.objects.get()
    assert response.url == reverse("plans:detail", args=[plan.pk]) + f"#priority-{priority.pk}"
    theme_form = officer_client.get(url, {"kind": "theme"}).context["form"]
    assert theme_form.initial["kind"] == "theme"
    officer_client.post(url, {"kind": "theme", "code": "CP", "name": "Crime prevention"})
    assert plan.priorities.get(code="CP").is_cross_cutting


def test_a_duplicate_code_is_shown_against_the_code(officer_client):
    plan = PlanFactory()
    PriorityFactory(plan=plan, code="VS", name="Victim Services")
    url = reverse("plans:priority-add", args=[plan.pk])
    response = officer_client.post(url, {"kind": "priority", "code": "vs", "name": "Victims"})
    assert response.status_code == 200
    assert response.context["form"].errors["code"] == [
        "‘Victim Services’ already has the code VS. Enter a different code"
    ]


def test_adding_an_empty_priority_shows_errors(officer_client):
    plan = PlanFactory()
    response = officer_client.post(reverse("plans:priority-add", args=[plan.pk]), {})
    errors = _error_summary(response)
    assert "Select whether this is a priority or a theme" in errors
    assert "Enter a code for the priority" in errors
    assert "Enter the priority's name" in errors


def test_an_officer_changes_a_priority(officer_client):
    priority = PriorityFactory(code="VS", name="Victims")
    url = reverse("plans:priority-edit", args=[priority.plan_id, priority.pk])
    assert officer_client.get(url).context["form"].initial["code"] == "VS"
    officer_client.post(url, {"kind": "priority", "code": "VS", "name": "Victim Services"})
    priority.refresh_from_db()
    assert priority.name == "Victim Services"


def test_deleting_a_priority_asks_first(officer_client):
    priority = PriorityFactory(name="Victim Services")
    QuestionFactory.create_batch(2, priority=priority)
    url = reverse("plans:priority-delete", args=[priority.plan_id, priority.pk])
    body = officer_client.get(url).content.decode()
    assert "Are you sure you want to delete Victim Services?" in body
    assert "Its 2 Key Performance Questions will be deleted too." in body
    response = officer_client.post(url)
    assert response.status_code == 302
    assert not Priority.objects.exists()
    assert not KeyPerformanceQuestion.objects.exists()


def test_a_priority_a_budget_category_is_aligned_to_is_not_deleted(officer_client):
    priority = PriorityFactory(name="Victim Services")
    category = CategoryFactory(name="Victims", framework__title="Framework 2017/18")
    category.priorities.add(priority)
    url = reverse("plans:priority-delete", args=[priority.plan_id, priority.pk])
    page = officer_client.get(url).content.decode()
    assert "You cannot delete Victim Services yet" in page
    assert "govuk-button--warning" not in page
    response = officer_client.post(url)
    assert response.status_code == 400
    assert "‘Victims’ of ‘Framework 2017/18’" in response.content.decode()
    assert Priority.objects.filter(pk=priority.pk).exists()


def test_move_buttons_reorder_priorities(officer_client):
    plan = PlanFactory()
    first = PriorityFactory(plan=plan, code="A", order=1)
    second = PriorityFactory(plan=plan, code="B", order=2)
    url = reverse("plans:priority-move", args=[plan.pk, second.pk])
    response = officer_client.post(url, {"direction": "up"})
    assert response.url.endswith(f"#priority-{second.pk}")
    assert list(plan.priorities.order_by("order")) == [second, first]
    assert officer_client.post(url, {"direction": "sideways"}).status_code == 404
    assert officer_client.get(url).status_code == 405


# --- Key Performance Questions ----------------------------------------------------------


def test_an_officer_adds_changes_and_deletes_a_question(officer_client):
    priority = PriorityFactory()
    plan_pk = priority.plan_id
    add = reverse("plans:question-add", args=[plan_pk, priority.pk])
    officer_client.post(add, {"text": "Are victims satisfied?"})
    question = priority.questions.get()
    edit = reverse("plans:question-edit", args=[plan_pk, priority.pk, question.pk])
    officer_client.post(edit, {"text": "Are more victims satisfied?"})
    question.refresh_from_db()
    assert question.text == "Are more victims satisfied?"
    delete = reverse("plans:question-delete", args=[plan_pk, priority.pk, question.pk])
    assert "Are more victims satisfied?" in officer_client.get(delete).content.decode()
    officer_client.post(delete)
    assert not priority.questions.exists()


def test_an_empty_question_is_refused(officer_client):
    priority = PriorityFactory()
    add = reverse("plans:question-add", args=[priority.plan_id, priority.pk])
    response = officer_client.post(add, {"text": " "})
    assert _error_summary(response) == ["Enter the question"]


# --- Revise and history -----------------------------------------------------------------


def test_revising_a_plan_asks_for_a_title_and_opens_the_new_version(officer_client):
    plan = PlanFactory(title="Plan 2017–21")
    QuestionFactory(priority=PriorityFactory(plan=plan))
    url = reverse("plans:revise", args=[plan.pk])
    assert officer_client.get(url).context["form"].initial["title"] == "Plan 2017–21"
    response = officer_client.post(url, {"title": "Plan 2017–21 (2019 revision)"})
    revision = PoliceAndCrimePlan.objects.get(revises=plan)
    assert response.url == reverse("plans:detail", args=[revision.pk])
    assert revision.priorities.get().questions.count() == 1
    # Now revised, the page points at the latest version instead of offering another.
    again = officer_client.get(url).content.decode()
    assert "This plan has already been revised" in again
    response = officer_client.post(url, {"title": "Another"})
    assert "This plan has already been revised" in str(response.context["form"].errors)
    assert PoliceAndCrimePlan.objects.count() == 2


def test_revising_with_no_title_is_refused(officer_client):
    plan = PlanFactory()
    response = officer_client.post(reverse("plans:revise", args=[plan.pk]), {"title": ""})
    assert _error_summary(response) == ["Enter the title of the revised plan"]


def test_history_lists_changes_to_the_plan_priorities_and_questions(
    officer_client, make_user, login
):
    area = PolicingAreaFactory()
    officer_client.post(CREATE_URL, _plan_data(area, title="Plan"))
    plan = PoliceAndCrimePlan.objects.get()
    officer_client.post(
        reverse("plans:priority-add", args=[plan.pk]),
        {"kind": "priority", "code": "VS", "name": "Victim Services"},
    )
    priority = plan.priorities.get()
    officer_client.post(
        reverse("plans:question-add", args=[plan.pk, priority.pk]), {"text": "Are they safe?"}
    )
    officer_client.post(reverse("plans:edit", args=[plan.pk]), _plan_data(area, title="Plan v2"))
    response = officer_client.get(reverse("plans:history", args=[plan.pk]))
    actions = [entry.action for entry in response.context["history"]]
    assert actions == [
        "Changed",
        "Key Performance Question added to ‘Victim Services’",
        "Priority ‘Victim Services’ added",
        "Created",
    ]
    newest = response.context["history"][0]
    assert [(c.field, c.before, c.after) for c in newest.changes] == [("Title", "Plan", "Plan v2")]
    body = response.content.decode()
    assert 'aria-current="page"' in body

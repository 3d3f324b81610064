"""A framework's budget categories: listing, adding, changing and deleting them."""

import html
import re

import pytest
from django.urls import reverse

from commissioning.budgets.models import BudgetCategory, FrameworkStatus
from commissioning.core.roles import Role
from tests.factories import (
    CategoryFactory,
    FrameworkFactory,
    PlanFactory,
    PriorityFactory,
    ServiceLineFactory,
)

pytestmark = pytest.mark.django_db


def text_of(response):
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())


def url(name, framework, category=None):
    args = [framework.pk] if category is None else [framework.pk, category.pk]
    return reverse(f"budgets:{name}", args=args)


@pytest.fixture
def plan():
    return PlanFactory(title="Police and Crime Plan 2017-21")


@pytest.fixture
def framework(plan):
    return FrameworkFactory(area=plan.area, plan=plan)


@pytest.fixture
def priorities(plan):
    return [
        PriorityFactory(plan=plan, code="VS", name="Victim Services", order=1),
        PriorityFactory(plan=plan, code="VG", name="Vulnerability Group Protection", order=2),
        PriorityFactory(plan=plan, code="VP", name="Viable Partnerships", order=3),
    ]


def test_list_shows_categories_in_order_with_priorities_and_line_counts(
    officer_client, framework, priorities
):
    prevention = CategoryFactory(framework=framework, name="Prevention", order=2)
    victims = CategoryFactory(framework=framework, name="Victims", order=1)
    victims.priorities.set(priorities[:2])
    for _ in range(3):
        ServiceLineFactory(category=victims)
    response = officer_client.get(url("categories", framework))
    text = text_of(response)
    assert response.status_code == 200
    assert text.index("Victims") < text.index("Prevention")
    assert "Victims Victim Services Vulnerability Group Protection 3" in text
    assert "Prevention – 0" in text
    content = response.content.decode()
    assert url("category-edit", framework, victims) in content
    assert url("category-delete", framework, prevention) in content
    assert url("category-add", framework) in content


def test_list_query_count(officer_client, framework, priorities, django_assert_num_queries):
    for number in range(8):
        category = CategoryFactory(framework=framework, name=f"Category {number}")
        category.priorities.set(priorities)
        ServiceLineFactory(category=category)
    # Session, user, device; the framework; categories with line counts; priorities.
    with django_assert_num_queries(6):
        response = officer_client.get(url("categories", framework))
    assert len(response.context["categories"]) == 8


def test_panel_members_read_but_cannot_change(make_user, login, framework):
    category = CategoryFactory(framework=framework)
    client = login(make_user(Role.PANEL_MEMBER))
    response = client.get(url("categories", framework))
    assert response.status_code == 200
    assert url("category-edit", framework, category) not in response.content.decode()
    assert client.get(url("category-add", framework)).status_code == 403
    assert client.post(url("category-add", framework), {"name": "New"}).status_code == 403
    assert client.post(url("category-delete", framework, category)).status_code == 403
    assert BudgetCategory.objects.count() == 1


def test_providers_are_told_the_pages_do_not_exist(make_user, login, framework):
    category = CategoryFactory(framework=framework)
    client = login(make_user(Role.PROVIDER))
    assert client.get(url("categories", framework)).status_code == 404
    assert client.get(url("category-edit", framework, category)).status_code == 404


def test_add_form_offers_the_plans_priorities_as_checkboxes(officer_client, framework, priorities):
    PriorityFactory(name="Another plan's priority")
    content = officer_client.get(url("category-add", framework)).content.decode()
    assert 'type="checkbox" name="priorities"' in content
    assert "VS – Victim Services" in content
    assert "Another plan&#x27;s priority" not in content


def test_officer_adds_a_category_mapped_to_priorities(officer_client, framework, priorities):
    response = officer_client.post(
        url("category-add", framework),
        {"name": " Victims ", "priorities": [priorities[0].pk, priorities[1].pk]},
    )
    assert response.status_code == 302
    assert response["Location"] == url("categories", framework)
    category = BudgetCategory.objects.get()
    assert category.name == "Victims"
    assert category.order == 1
    assert set(category.priorities.all()) == set(priorities[:2])


def test_a_framework_without_a_plan_has_no_priorities_to_choose(officer_client):
    framework = FrameworkFactory(plan=None)
    response = officer_client.get(url("category-add", framework))
    assert 'name="priorities"' not in response.content.decode()
    assert "not aligned to a Police and Crime Plan" in text_of(response)
    officer_client.post(url("category-add", framework), {"name": "Victims", "order": "4"})
    assert BudgetCategory.objects.get().order == 4


def test_a_duplicate_name_is_refused_with_the_services_message(officer_client, framework):
    CategoryFactory(framework=framework, name="Victims")
    response = officer_client.post(url("category-add", framework), {"name": "victims"})
    assert response.status_code == 200
    assert "This framework already has a category called victims" in text_of(response)
    assert BudgetCategory.objects.count() == 1


def test_a_name_is_required(officer_client, framework):
    response = officer_client.post(url("category-add", framework), {"name": ""})
    assert "Enter the category&#x27;s name" in response.content.decode()


def test_officer_renames_reorders_and_remaps_a_category(officer_client, framework, priorities):
    category = CategoryFactory(framework=framework, name="Victim", order=1)
    category.priorities.set([priorities[2]])
    form = officer_client.get(url("category-edit", framework, category)).content.decode()
    assert 'value="Victim"' in form
    assert re.search(rf'value="{priorities[2].pk}"[^>]*checked', form)
    response = officer_client.post(
        url("category-edit", framework, category),
        {"name": "Victims", "order": "3", "priorities": [priorities[0].pk]},
    )
    assert response.status_code == 302
    category.refresh_from_db()
    assert (category.name, category.order) == ("Victims", 3)
    assert list(category.priorities.all()) == [priorities[0]]


def test_deleting_a_category_with_lines_is_refused_with_the_services_message(
    officer_client, framework
):
    category = CategoryFactory(framework=framework, name="Victims")
    ServiceLineFactory(category=category)
    ServiceLineFactory(category=category)
    confirm = officer_client.get(url("category-delete", framework, category))
    assert "Victims has 2 service lines. Move them to other categories" in text_of(confirm)
    assert "Delete the category" not in text_of(confirm)
    response = officer_client.post(url("category-delete", framework, category))
    assert response.status_code == 200
    assert "Move or delete the 2 lines in Victims before deleting it" in text_of(response)
    assert "There is a problem" in text_of(response)
    assert BudgetCategory.objects.filter(pk=category.pk).exists()


def test_deleting_an_empty_category_after_confirming(officer_client, framework):
    category = CategoryFactory(framework=framework, name="Spare")
    confirm = officer_client.get(url("category-delete", framework, category))
    assert "Are you sure you want to delete Spare?" in text_of(confirm)
    response = officer_client.post(url("category-delete", framework, category))
    assert response.status_code == 302
    assert not BudgetCategory.objects.exists()


def test_a_published_frameworks_categories_cannot_change(officer_client, framework):
    category = CategoryFactory(framework=framework)
    framework.status = FrameworkStatus.PUBLISHED
    framework.save()
    assert officer_client.get(url("categories", framework)).status_code == 200
    assert officer_client.get(url("category-edit", framework, category)).status_code == 403


def test_a_category_of_another_framework_is_not_found(officer_client, framework):
    other = CategoryFactory()
    assert officer_client.get(url("category-edit", framework, other)).status_code == 404

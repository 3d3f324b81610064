"""Framework pages: list, create, overview, edit, lifecycle, refresh and versions, stated
budgets, narrative sections, footnotes and history."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from commissioning.budgets.models import (
    Footnote,
    Framework,
    FrameworkBudget,
    FrameworkStatus,
    NarrativeSection,
)
from commissioning.budgets.services import footnote_save, framework_budget_set, section_save
from commissioning.core.roles import Role
from commissioning.core.years import FinancialYear
from tests.decisions.factories import signed_decision_for
from tests.factories import (
    CategoryFactory,
    FrameworkFactory,
    PlanFactory,
    PolicingAreaFactory,
    ServiceLineCostFactory,
    ServiceLineFactory,
)

pytestmark = pytest.mark.django_db

S = FrameworkStatus
LIST_URL = reverse("budgets:list")
CREATE_URL = reverse("budgets:create")


def url(name, framework, *args):
    return reverse(f"budgets:{name}", args=[framework.pk, *args])


def content(response):
    return response.content.decode()


def with_line(framework, amount="1000.00"):
    category = CategoryFactory(framework=framework)
    line = ServiceLineFactory(category=category)
    ServiceLineCostFactory(line=line, amount=Decimal(amount))
    return line


def future(days=30):
    return timezone.localdate() + dt.timedelta(days=days)


def date_fields(prefix, day):
    return {f"{prefix}_day": day.day, f"{prefix}_month": day.month, f"{prefix}_year": day.year}


# --- Permissions per role ---------------------------------------------------------------


@pytest.fixture
def panel_client(make_user, login):
    return login(make_user(Role.PANEL_MEMBER))


@pytest.fixture
def provider_client(make_user, login):
    return login(make_user(Role.PROVIDER))


def test_anonymous_visitors_are_sent_to_sign_in(client):
    framework = FrameworkFactory()
    assert client.get(LIST_URL).status_code == 302
    assert client.get(url("detail", framework)).status_code == 302


def test_provider_and_csp_users_see_no_framework_pages(provider_client, make_user, login):
    framework = FrameworkFactory()
    assert provider_client.get(LIST_URL).status_code == 403
    for name in ("detail", "history", "versions", "sections", "footnotes", "edit", "status"):
        assert provider_client.get(url(name, framework)).status_code == 404, name
    assert provider_client.post(url("status", framework), {"to": S.FINAL}).status_code == 404
    csp = login(make_user(Role.CSP))
    assert csp.get(url("detail", framework)).status_code == 404


def test_panel_members_read_but_see_no_edit_actions_and_cannot_post(panel_client):
    framework = FrameworkFactory()
    section_save(actor=None, framework=framework, heading="Foreword", body="Hello")
    section = framework.sections.get()
    detail = panel_client.get(url("detail", framework))
    assert detail.status_code == 200
    page = content(detail)
    for name in ("edit", "status", "refresh", "budgets", "section-add", "footnote-add"):
        assert url(name, framework) not in page, name
    assert panel_client.get(LIST_URL).status_code == 200
    assert CREATE_URL not in content(panel_client.get(LIST_URL))
    for name in ("sections", "footnotes", "history", "versions"):
        assert panel_client.get(url(name, framework)).status_code == 200, name
    assert url("section-edit", framework, section.pk) not in content(
        panel_client.get(url("sections", framework))
    )
    posts = {
        CREATE_URL: {"title": "X"},
        url("edit", framework): {"title": "X"},
        url("status", framework): {"to": S.CONSULTATION},
        url("refresh", framework): {"title": "X", "first_year": "2017/18"},
        url("budgets", framework): {"budget_2017": "1"},
        url("section-add", framework): {"heading": "X"},
        url("section-edit", framework, section.pk): {"heading": "X"},
        url("section-move", framework, section.pk): {"direction": "up"},
        url("section-delete", framework, section.pk): {},
        url("footnote-add", framework): {"marker": "*", "text": "X"},
    }
    for target, data in posts.items():
        assert panel_client.post(target, data).status_code == 403, target
    framework.refresh_from_db()
    assert framework.status == S.DRAFT
    assert Framework.objects.count() == 1
    assert framework.sections.get().heading == "Foreword"


def test_editors_see_every_action(officer_client):
    framework = FrameworkFactory()
    page = content(officer_client.get(url("detail", framework)))
    for name in ("edit", "status", "refresh", "budgets", "history", "versions"):
        assert url(name, framework) in page, name


def test_a_final_framework_offers_status_and_refresh_but_no_edits(officer_client):
    framework = FrameworkFactory(status=S.FINAL)
    page = content(officer_client.get(url("detail", framework)))
    assert url("edit", framework) not in page
    assert url("budgets", framework) not in page
    assert url("status", framework) in page
    assert url("refresh", framework) in page
    assert officer_client.get(url("edit", framework)).status_code == 403
    assert officer_client.post(url("budgets", framework), {"budget_2017": "1"}).status_code == 403
    assert not FrameworkBudget.objects.exists()


# --- List -------------------------------------------------------------------------------


def test_list_groups_by_area_with_status_version_and_total(officer_client):
    llr = PolicingAreaFactory(name="Leicester, Leicestershire and Rutland")
    durham = PolicingAreaFactory(name="Durham")
    framework = FrameworkFactory(area=llr, title="Commissioning Framework 2017/18")
    with_line(framework, "4668358.75")
    FrameworkFactory(
        area=durham,
        title="Durham 2018/19",
        first_year=FinancialYear(2018),
        status=S.CONSULTATION,
        version=2,
    )
    page = content(officer_client.get(LIST_URL))
    assert page.index("Durham</caption>") < page.index(
        "Leicester, Leicestershire and Rutland</caption>"
    )
    assert "£4,668,359" in page
    assert "2018/19" in page
    assert 'govuk-tag--blue">Out for consultation' in page
    assert 'govuk-tag--grey">Draft' in page


def test_list_filters_by_area_and_status(officer_client):
    area = PolicingAreaFactory()
    FrameworkFactory(area=area, title="Wanted", status=S.PUBLISHED)
    FrameworkFactory(area=area, title="Draft one")
    FrameworkFactory(title="Elsewhere", status=S.PUBLISHED)
    response = officer_client.get(LIST_URL, {"area": area.pk, "status": S.PUBLISHED})
    assert [f.title for f in response.context["page_obj"].object_list] == ["Wanted"]
    assert 'govuk-tag--green">Published' in content(response)


def test_list_empty_states(officer_client):
    assert "No frameworks have been created yet" in content(officer_client.get(LIST_URL))
    FrameworkFactory()
    page = content(officer_client.get(LIST_URL, {"status": S.SUPERSEDED}))
    assert "No frameworks match your filters" in page
    assert CREATE_URL in page


# --- Create -----------------------------------------------------------------------------


def test_create_form_suggests_the_usual_categories(officer_client):
    page = content(officer_client.get(CREATE_URL))
    assert "Victims\nVulnerable\nPrevention\nCross cutting" in page


def test_create_a_framework_with_categories_plan_and_budget(officer_client):
    area = PolicingAreaFactory()
    plan = PlanFactory(area=area)
    response = officer_client.post(
        CREATE_URL,
        {
            "area": area.pk,
            "title": "Commissioning Framework 2017/18",
            "first_year": "2017/18",
            "last_year": "",
            "plan": plan.pk,
            "categories": "Victims\n\n Vulnerable \nPrevention\nCross cutting",
            "budget": "£4,668,717",
        },
    )
    framework = Framework.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("detail", framework)
    assert framework.first_year == framework.last_year == FinancialYear(2017)
    assert framework.plan == plan
    assert framework.status == S.DRAFT
    assert list(framework.categories.values_list("name", flat=True)) == [
        "Victims",
        "Vulnerable",
        "Prevention",
        "Cross cutting",
    ]
    assert framework.budgets.get().amount == Decimal("4668717.00")
    assert framework.history.first().history_user is not None


def test_create_refuses_bad_years_another_areas_plan_and_repeated_categories(officer_client):
    area = PolicingAreaFactory()
    other_plan = PlanFactory()
    response = officer_client.post(
        CREATE_URL,
        {
            "area": area.pk,
            "title": "Framework",
            "first_year": "2017/19",
            "plan": other_plan.pk,
            "categories": "Victims\nvictims",
        },
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["first_year"] == ["Enter a financial year like 2017/18"]
    assert errors["categories"] == ["Enter each category once: victims is there twice"]
    response = officer_client.post(
        CREATE_URL,
        {
            "area": area.pk,
            "title": "Framework",
            "first_year": "2018/19",
            "last_year": "2017/18",
            "plan": other_plan.pk,
        },
    )
    errors = response.context["form"].errors
    assert errors["last_year"] == ["The last financial year must be the same as or after the first"]
    assert errors["plan"] == [f"Choose a Police and Crime Plan for {area.name}"]
    assert not Framework.objects.exists()
    assert "govuk-error-summary" in content(response)


def test_create_needs_an_area_title_and_year(officer_client):
    errors = officer_client.post(CREATE_URL, {}).context["form"].errors
    assert errors["area"] == ["Select the area"]
    assert errors["title"] == ["Enter a title"]
    assert errors["first_year"] == ["Enter the first financial year"]


# --- Overview ---------------------------------------------------------------------------


def test_overview_shows_details_categories_sections_and_footnotes(officer_client):
    plan = PlanFactory(title="Police and Crime Plan 2017-21")
    framework = FrameworkFactory(
        area=plan.area,
        plan=plan,
        first_year=FinancialYear(2016),
        last_year=FinancialYear(2017),
        display_unit="pence",
    )
    victims = CategoryFactory(framework=framework, name="Victims", order=1)
    line = ServiceLineFactory(category=victims)
    ServiceLineCostFactory(line=line, year=FinancialYear(2016), amount=Decimal("8683.75"))
    section_save(actor=None, framework=framework, heading="Foreword", body="We **commission**.")
    footnote_save(actor=None, framework=framework, marker="*", text="Room to negotiate")
    page = content(officer_client.get(url("detail", framework)))
    assert f"{plan.area.name}, 2016-2018" in page
    assert f'href="{reverse("plans:detail", args=[plan.pk])}">Police and Crime Plan 2017-21' in page
    assert "Victims" in page
    assert "£8,683.75" in page
    assert "<strong>commission</strong>" in page
    assert "Room to negotiate" in page
    assert "Commissioning budget 2017/18" in page
    assert "Not stated" in page


def test_overview_warns_when_lines_differ_from_the_stated_budget(officer_client):
    framework = FrameworkFactory()
    with_line(framework, "4668358.75")
    framework_budget_set(
        actor=None, framework=framework, year=FinancialYear(2017), amount=Decimal("4668717.00")
    )
    page = content(officer_client.get(url("detail", framework)))
    assert (
        "The service lines add up to £4,668,358.75, which is £358.25 less than the stated "
        "budget of £4,668,717.00"
    ) in page
    assert "govuk-warning-text" in page


def test_overview_warns_per_year_when_lines_exceed_the_budget(officer_client):
    framework = FrameworkFactory(first_year=FinancialYear(2017), last_year=FinancialYear(2018))
    line = with_line(framework, "100.00")
    ServiceLineCostFactory(line=line, year=FinancialYear(2018), amount=Decimal("250.00"))
    for year in (2017, 2018):
        framework_budget_set(
            actor=None, framework=framework, year=FinancialYear(year), amount=Decimal("100")
        )
    page = content(officer_client.get(url("detail", framework)))
    assert "In 2017/18 the service lines" not in page
    assert (
        "In 2018/19 the service lines add up to £250.00, which is £150.00 more than the "
        "stated budget of £100.00"
    ) in page


def test_overview_gives_no_warning_when_the_lines_match_the_budget(officer_client):
    framework = FrameworkFactory()
    with_line(framework, "500.00")
    framework_budget_set(
        actor=None, framework=framework, year=FinancialYear(2017), amount=Decimal("500")
    )
    assert "govuk-warning-text" not in content(officer_client.get(url("detail", framework)))


def test_overview_notes_rounding_when_rounded_parts_do_not_add_up(officer_client):
    framework = FrameworkFactory(display_unit="millions")
    for amount in ("1995400", "1185400", "105400"):
        with_line(framework, amount)
    page = content(officer_client.get(url("detail", framework)))
    assert "£3.286m" in page
    assert "Figures may not sum due to rounding." in page


def test_narrative_is_sanitised_when_rendered(officer_client):
    framework = FrameworkFactory()
    section_save(
        actor=None,
        framework=framework,
        heading="Background",
        body='<script>alert("x")</script>\n\n[click](javascript:alert(1)) <img src=x onerror=y>',
    )
    page = content(officer_client.get(url("detail", framework)))
    assert "<script>alert" not in page
    assert "javascript:" not in page
    assert "onerror" not in page


def test_a_missing_framework_is_404(officer_client):
    assert officer_client.get(reverse("budgets:detail", args=[999])).status_code == 404


# --- Edit -------------------------------------------------------------------------------


def test_edit_changes_title_plan_and_display_unit(officer_client):
    framework = FrameworkFactory()
    plan = PlanFactory(area=framework.area)
    response = officer_client.post(
        url("edit", framework),
        {"title": "Refreshed framework", "plan": plan.pk, "display_unit": "thousands"},
    )
    assert response.status_code == 302
    framework.refresh_from_db()
    assert (framework.title, framework.plan, framework.display_unit) == (
        "Refreshed framework",
        plan,
        "thousands",
    )


def test_edit_offers_only_the_areas_plans(officer_client):
    framework = FrameworkFactory()
    other = PlanFactory()
    response = officer_client.post(
        url("edit", framework), {"title": "X", "plan": other.pk, "display_unit": "pounds"}
    )
    assert "plan" in response.context["form"].errors
    framework.refresh_from_db()
    assert framework.plan is None


def test_edit_asks_for_the_closing_date_only_during_consultation(officer_client):
    draft = FrameworkFactory()
    assert (
        "consultation_closes_on"
        not in officer_client.get(url("edit", draft)).context["form"].fields
    )
    consulting = FrameworkFactory(status=S.CONSULTATION, consultation_closes_on=future())
    shown = content(officer_client.get(url("edit", consulting)))
    assert f'value="{future().year}"' in shown
    day = future(60)
    response = officer_client.post(
        url("edit", consulting),
        {"title": "X", "display_unit": "pounds", **date_fields("consultation_closes_on", day)},
    )
    assert response.status_code == 302
    consulting.refresh_from_db()
    assert consulting.consultation_closes_on == day


# --- Lifecycle --------------------------------------------------------------------------


def test_status_page_offers_only_the_allowed_next_statuses(officer_client):
    framework = FrameworkFactory()
    form = officer_client.get(url("status", framework)).context["form"]
    assert [value for value, _label in form.fields["to"].choices] == [S.CONSULTATION, S.FINAL]
    response = officer_client.post(url("status", framework), {"to": S.PUBLISHED})
    assert "to" in response.context["form"].errors
    framework.refresh_from_db()
    assert framework.status == S.DRAFT


def test_consultation_needs_a_closing_date_in_the_future(officer_client):
    framework = FrameworkFactory()
    response = officer_client.post(url("status", framework), {"to": S.CONSULTATION})
    assert response.context["form"].errors["closes_on"] == [
        "Enter the date the consultation closes"
    ]
    past = timezone.localdate() - dt.timedelta(days=1)
    response = officer_client.post(
        url("status", framework), {"to": S.CONSULTATION, **date_fields("closes_on", past)}
    )
    assert "The consultation must close today or in the future" in content(response)
    framework.refresh_from_db()
    assert framework.status == S.DRAFT


def test_lifecycle_through_the_pages(officer_client):
    framework = FrameworkFactory()
    closes = future()
    response = officer_client.post(
        url("status", framework), {"to": S.CONSULTATION, **date_fields("closes_on", closes)}
    )
    assert response.status_code == 302
    framework.refresh_from_db()
    assert (framework.status, framework.consultation_closes_on) == (S.CONSULTATION, closes)
    assert closes.strftime("%-d %B %Y") in content(officer_client.get(url("detail", framework)))

    # Final needs lines: refused with the service's reason, nothing changed.
    response = officer_client.post(url("status", framework), {"to": S.FINAL})
    assert "Add at least one service line first" in content(response)
    framework.refresh_from_db()
    assert framework.status == S.CONSULTATION

    with_line(framework)
    officer_client.post(url("status", framework), {"to": S.FINAL})
    signed_decision_for(framework)  # publishing needs one (tests/decisions)
    officer_client.post(url("status", framework), {"to": S.PUBLISHED})
    framework.refresh_from_db()
    assert framework.status == S.PUBLISHED
    assert framework.published_at is not None
    reasons = list(framework.history.values_list("history_change_reason", flat=True))
    assert "Status changed from Final to Published" in reasons


def test_a_superseded_framework_offers_no_status_change(officer_client):
    framework = FrameworkFactory(status=S.SUPERSEDED)
    assert url("status", framework) not in content(officer_client.get(url("detail", framework)))
    page = content(officer_client.get(url("status", framework)))
    assert "A superseded framework keeps its status" in page
    response = officer_client.post(url("status", framework), {"to": S.DRAFT})
    assert response.status_code == 200
    framework.refresh_from_db()
    assert framework.status == S.SUPERSEDED


def test_refresh_creates_version_two_and_redirects_to_it(officer_client):
    framework = FrameworkFactory(status=S.PUBLISHED, title="Framework 2017/18")
    with_line(framework, "2500.00")
    response = officer_client.post(
        url("refresh", framework), {"title": "Framework 2017/18 refreshed", "first_year": "2017/18"}
    )
    new = Framework.objects.exclude(pk=framework.pk).get()
    assert response["Location"] == url("detail", new)
    assert (new.version, new.based_on, new.status) == (2, framework, S.DRAFT)
    assert new.lines.count() == 1
    page = content(officer_client.get(url("detail", new)))
    assert "Refreshed from" in page
    assert url("detail", framework) in page


def test_refresh_into_next_year(officer_client):
    framework = FrameworkFactory()
    officer_client.post(
        url("refresh", framework), {"title": "Framework 2018/19", "first_year": "2018/19"}
    )
    new = Framework.objects.get(title="Framework 2018/19")
    assert (new.first_year, new.last_year, new.version) == (
        FinancialYear(2018),
        FinancialYear(2018),
        1,
    )


def test_refresh_refuses_years_out_of_order(officer_client):
    framework = FrameworkFactory()
    response = officer_client.post(
        url("refresh", framework),
        {"title": "X", "first_year": "2018/19", "last_year": "2017/18"},
    )
    assert "last_year" in response.context["form"].errors
    assert Framework.objects.count() == 1


def test_versions_lists_the_whole_chain_with_compare_links(officer_client):
    first = FrameworkFactory(title="Version one", status=S.PUBLISHED)
    second = FrameworkFactory(area=first.area, title="Version two", based_on=first, version=2)
    third = FrameworkFactory(
        area=first.area,
        title="Next year",
        based_on=second,
        first_year=FinancialYear(2018),
    )
    FrameworkFactory(area=first.area, title="Unrelated")
    response = officer_client.get(url("versions", second))
    titles = [version.title for version, _compare in response.context["versions"]]
    assert titles == ["Version one", "Version two", "Next year"]
    page = content(response)
    assert "Unrelated" not in page
    assert url("detail", third) in page
    compare = {v.pk: c for v, c in response.context["versions"]}
    assert compare[second.pk] == ""
    try:
        compare_base = url("compare", second)
    except Exception:  # the Compare tab is another helper's; without it, no links
        assert compare[first.pk] == ""
    else:
        assert compare[first.pk] == (
            f"{compare_base}?with={first.pk}&year=2017%2F18&other_year=2017%2F18"
        )
        assert compare[third.pk] == (
            f"{compare_base}?with={third.pk}&year=2017%2F18&other_year=2018%2F19"
        )


# --- Stated budget ----------------------------------------------------------------------


def test_set_the_budget_for_each_year(officer_client):
    framework = FrameworkFactory(first_year=FinancialYear(2016), last_year=FinancialYear(2017))
    form = officer_client.get(url("budgets", framework)).context["form"]
    assert list(form.fields) == ["budget_2016", "budget_2017"]
    response = officer_client.post(
        url("budgets", framework), {"budget_2016": "£3,940,000", "budget_2017": ""}
    )
    assert response.status_code == 302
    assert {b.year: b.amount for b in framework.budgets.all()} == {
        FinancialYear(2016): Decimal("3940000.00")
    }
    # Once stated, a year's budget can be changed but not emptied.
    response = officer_client.post(
        url("budgets", framework), {"budget_2016": "", "budget_2017": "1,000.50"}
    )
    assert response.context["form"].errors["budget_2016"] == [
        "Enter the commissioning budget for 2016/17"
    ]
    assert framework.budgets.count() == 1


def test_budget_refuses_bad_amounts_and_saves_nothing(officer_client):
    framework = FrameworkFactory(first_year=FinancialYear(2016), last_year=FinancialYear(2017))
    response = officer_client.post(
        url("budgets", framework), {"budget_2016": "100", "budget_2017": "12.345"}
    )
    assert response.context["form"].errors["budget_2017"] == [
        "Enter an amount with no more than 2 decimal places, like £8,683.75"
    ]
    assert not framework.budgets.exists()


def test_an_unchanged_budget_writes_no_history(officer_client):
    framework = FrameworkFactory()
    officer_client.post(url("budgets", framework), {"budget_2017": "100"})
    officer_client.post(url("budgets", framework), {"budget_2017": "100.00"})
    assert FrameworkBudget.history.count() == 1


# --- Narrative sections -----------------------------------------------------------------


def test_add_preview_and_save_a_section(officer_client):
    framework = FrameworkFactory()
    form_page = content(officer_client.get(url("section-add", framework)))
    assert "govuk-character-count" in form_page
    body = "Our **priorities**.\n\n<script>alert(1)</script>"
    preview = officer_client.post(
        url("section-add", framework), {"heading": "Foreword", "body": body, "action": "preview"}
    )
    assert preview.status_code == 200
    page = content(preview)
    assert "<strong>priorities</strong>" in page
    assert "<script>alert(1)</script>" not in page
    assert not NarrativeSection.objects.exists()
    response = officer_client.post(
        url("section-add", framework), {"heading": "Foreword", "body": body, "action": "save"}
    )
    assert response["Location"] == url("sections", framework)
    section = framework.sections.get()
    assert (section.heading, section.body, section.order) == ("Foreword", body, 1)


def test_section_text_has_a_length_limit(officer_client):
    framework = FrameworkFactory()
    response = officer_client.post(
        url("section-add", framework), {"heading": "Long", "body": "x" * 10_001}
    )
    assert response.context["form"].errors["body"] == ["Text must be 10000 characters or fewer"]


def test_edit_reorder_and_delete_sections(officer_client):
    framework = FrameworkFactory()
    for heading in ("Foreword", "Background", "Value for money"):
        section_save(actor=None, framework=framework, heading=heading, body="")
    foreword, background, value = framework.sections.all()
    officer_client.post(
        url("section-edit", framework, background.pk), {"heading": "Background", "body": "New"}
    )
    background.refresh_from_db()
    assert background.body == "New"

    officer_client.post(url("section-move", framework, value.pk), {"direction": "up"})
    assert [s.heading for s in framework.sections.all()] == [
        "Foreword",
        "Value for money",
        "Background",
    ]
    officer_client.post(url("section-move", framework, foreword.pk), {"direction": "up"})
    assert framework.sections.first().heading == "Foreword"

    confirm = officer_client.get(url("section-delete", framework, foreword.pk))
    assert "Are you sure you want to delete ‘Foreword’?" in content(confirm)
    officer_client.post(url("section-delete", framework, foreword.pk))
    assert [s.heading for s in framework.sections.all()] == ["Value for money", "Background"]
    deleted = NarrativeSection.history.filter(history_type="-").get()
    assert deleted.history_user is not None


def test_sections_of_another_framework_are_404(officer_client):
    framework = FrameworkFactory()
    other = section_save(actor=None, framework=FrameworkFactory(), heading="X", body="")
    assert officer_client.get(url("section-edit", framework, other.pk)).status_code == 404
    assert officer_client.post(url("section-delete", framework, other.pk)).status_code == 404


# --- Footnotes --------------------------------------------------------------------------


def test_add_change_and_delete_a_footnote(officer_client):
    framework = FrameworkFactory()
    officer_client.post(
        url("footnote-add", framework), {"marker": "*", "text": "Room to negotiate"}
    )
    footnote = framework.footnotes.get()
    response = officer_client.post(url("footnote-add", framework), {"marker": "*", "text": "Again"})
    assert "This framework already has a footnote marked *" in content(response)
    officer_client.post(
        url("footnote-edit", framework, footnote.pk), {"marker": "†", "text": "Changed"}
    )
    footnote.refresh_from_db()
    assert (footnote.marker, footnote.text) == ("†", "Changed")

    line = with_line(framework)
    line.footnote = footnote
    line.save()
    confirm = content(officer_client.get(url("footnote-delete", framework, footnote.pk)))
    assert "1 service line carries this marker" in confirm
    officer_client.post(url("footnote-delete", framework, footnote.pk))
    assert not Footnote.objects.exists()
    line.refresh_from_db()
    assert line.footnote is None
    # The line's loss of its footnote is in its history, not done silently by the database.
    assert line.history.first().footnote_id is None


# --- History ----------------------------------------------------------------------------


def test_history_merges_the_framework_budgets_sections_and_footnotes(officer_client, make_user):
    officer = make_user(Role.FINANCE_OFFICER, full_name="Fran Finance")
    framework = FrameworkFactory()
    framework_budget_set(
        actor=officer, framework=framework, year=FinancialYear(2017), amount=Decimal("100")
    )
    framework_budget_set(
        actor=officer, framework=framework, year=FinancialYear(2017), amount=Decimal("250")
    )
    section = section_save(actor=officer, framework=framework, heading="Foreword", body="One")
    section_save(
        actor=officer, framework=framework, section=section, heading="Foreword", body="Two"
    )
    footnote_save(actor=officer, framework=framework, marker="*", text="Note")
    response = officer_client.get(url("history", framework))
    actions = [entry.action for entry in response.context["history"]]
    assert actions[:5] == [
        "Footnote * added",
        "Section ‘Foreword’ changed",
        "Section ‘Foreword’ added",
        "Budget for 2017/18 changed",
        "Budget for 2017/18 set",
    ]
    changed = response.context["history"][3]
    assert changed.who == "Fran Finance"
    assert [(c.field, c.before, c.after) for c in changed.changes] == [
        ("Commissioning budget", "£100.00", "£250.00")
    ]
    page = content(response)
    assert "Fran Finance" in page
    assert 'aria-current="page">History' in page


# --- Query counts -----------------------------------------------------------------------
# A signed-in staff request costs a fixed few queries before the view runs (session, user,
# two-factor device); the numbers include them.


@pytest.fixture
def big_framework():
    """4 categories, 40 lines with costs in both of 2 years, 3 sections, 2 footnotes,
    a stated budget per year and a plan."""
    plan = PlanFactory()
    framework = FrameworkFactory(
        area=plan.area,
        plan=plan,
        first_year=FinancialYear(2017),
        last_year=FinancialYear(2018),
        based_on=FrameworkFactory(area=plan.area),
        version=2,
    )
    categories = [CategoryFactory(framework=framework) for _ in range(4)]
    footnotes = [
        footnote_save(actor=None, framework=framework, marker=m, text="Note") for m in "*†"
    ]
    for number in range(40):
        line = ServiceLineFactory(category=categories[number % 4], footnote=footnotes[number % 2])
        for year in (2017, 2018):
            ServiceLineCostFactory(line=line, year=FinancialYear(year), amount=Decimal("1000.50"))
    for heading in ("Foreword", "Background", "Value for money"):
        section_save(actor=None, framework=framework, heading=heading, body="Some *text*.")
    for year in (2017, 2018):
        framework_budget_set(
            actor=None, framework=framework, year=FinancialYear(year), amount=Decimal("40000")
        )
    return framework


def test_list_page_query_count(officer_client, django_assert_num_queries):
    areas = [PolicingAreaFactory() for _ in range(3)]
    for number in range(12):
        framework = FrameworkFactory(
            area=areas[number % 3], first_year=FinancialYear(2010 + number)
        )
        with_line(framework)
    # Session, user, device; the count, the areas to filter by, and one page of frameworks
    # with their totals.
    with django_assert_num_queries(6):
        response = officer_client.get(LIST_URL)
    assert len(response.context["page_obj"].object_list) == 12


def test_overview_query_count(officer_client, big_framework, django_assert_num_queries):
    # The framework with its area, plan and version; budgets, categories with priorities,
    # footnotes, sections; then per year: categories, sums and stated budget.
    with django_assert_num_queries(15):
        response = officer_client.get(url("detail", big_framework))
    assert response.context["first_totals"].grand_total == Decimal("40020.00")
    assert len(response.context["sections"]) == 3
    assert len(response.context["footnotes"]) == 2


def test_sections_and_footnotes_pages_query_counts(
    officer_client, big_framework, django_assert_num_queries
):
    with django_assert_num_queries(5):
        officer_client.get(url("sections", big_framework))
    with django_assert_num_queries(5):
        officer_client.get(url("footnotes", big_framework))


def test_versions_page_query_count(officer_client, big_framework, django_assert_num_queries):
    for number in range(5):
        FrameworkFactory(area=big_framework.area, based_on=big_framework, version=3 + number)
    with django_assert_num_queries(5):
        response = officer_client.get(url("versions", big_framework))
    assert len(response.context["versions"]) == 7


def test_history_page_query_count(officer_client, big_framework, django_assert_num_queries):
    # The framework; its history and the names it refers to (area, plan, earlier version);
    # the history of its budgets, sections and footnotes, one query each.
    with django_assert_num_queries(11):
        response = officer_client.get(url("history", big_framework))
    # Created, 3 sections, 2 footnotes, 2 budgets.
    assert len(response.context["history"]) == 8

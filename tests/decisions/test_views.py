"""Decision record pages: list, create (also from a framework), detail, edit, sign,
publish, delete, history and a framework's Decisions tab."""

import datetime as dt

import pytest
from django.urls import reverse

from commissioning.budgets.models import FrameworkStatus
from commissioning.core.roles import Role
from commissioning.decisions.models import Decision, DecisionStatus
from tests.consultations.factories import ConsultationFactory
from tests.decisions.factories import DecisionFactory
from tests.documents.factories import DocumentFactory
from tests.factories import FrameworkFactory, PolicingAreaFactory

pytestmark = pytest.mark.django_db
D = DecisionStatus
LIST_URL = reverse("decisions:list")
CREATE_URL = reverse("decisions:create")


def url(name, decision):
    return reverse(f"decisions:{name}", args=[decision.pk])


def content(response):
    return response.content.decode()


def form_data(area, **overrides):
    data = {
        "area": area.pk,
        "reference": "PCC/2017/004",
        "title": "Commissioning Framework 2017/18",
        "decision": "To approve the **framework**.",
        "reasons": "It delivers the Plan.",
        "financial_implications": "",
        "legal_implications": "",
        "decided_on_day": "",
        "decided_on_month": "",
        "decided_on_year": "",
        "decided_by": "",
        "significant_public_interest": "yes",
        "framework": "",
        "consultation": "",
    }
    data.update(overrides)
    return data


def signable(number=0):
    return {
        "title": f"Title {number}",
        "decided_on_day": "1",
        "decided_on_month": "3",
        "decided_on_year": "2017",
        "decided_by": "Lord Willy Bach",
    }


@pytest.fixture
def panel_client(make_user, login):
    return login(make_user(Role.PANEL_MEMBER))


# --- Permissions -----------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_sign_in(client):
    decision = DecisionFactory()
    assert client.get(LIST_URL).status_code == 302
    assert client.get(url("detail", decision)).status_code == 302


@pytest.mark.parametrize("role", [Role.PROVIDER, Role.CSP])
def test_provider_and_csp_users_get_404_everywhere(make_user, login, role):
    client = login(make_user(role))
    decision = DecisionFactory(status=D.PUBLISHED, framework=FrameworkFactory())
    for path in [
        LIST_URL,
        CREATE_URL,
        url("detail", decision),
        url("edit", decision),
        url("sign", decision),
        url("publish", decision),
        url("delete", decision),
        url("history", decision),
        reverse("decisions:framework", args=[decision.framework.pk]),
    ]:
        assert client.get(path).status_code == 404, path
    assert client.post(url("sign", decision)).status_code == 404


def test_panel_members_read_but_do_not_change(panel_client):
    decision = DecisionFactory()
    page = content(panel_client.get(url("detail", decision)))
    assert decision.title in page
    assert url("sign", decision) not in page
    assert url("edit", decision) not in page
    assert panel_client.get(CREATE_URL).status_code == 403
    assert panel_client.get(url("edit", decision)).status_code == 403
    assert panel_client.post(url("sign", decision)).status_code == 403
    assert panel_client.post(url("delete", decision)).status_code == 403
    decision.refresh_from_db()
    assert decision.status == D.DRAFT


# --- List --------------------------------------------------------------------------------


def test_list_filters_by_status_and_says_when_empty(officer_client):
    assert "No decision records have been created yet" in content(officer_client.get(LIST_URL))
    DecisionFactory(reference="PCC/2017/001")
    DecisionFactory(reference="PCC/2017/002", status=D.SIGNED)
    page = content(officer_client.get(LIST_URL, {"status": "signed"}))
    assert "PCC/2017/002" in page
    assert "PCC/2017/001" not in page
    page = content(officer_client.get(LIST_URL, {"status": "published"}))
    assert "No decision records match your filter" in page


def test_list_page_query_count(officer_client, django_assert_num_queries):
    areas = [PolicingAreaFactory() for _ in range(3)]
    for number in range(12):
        area = areas[number % 3]
        DecisionFactory(area=area, framework=FrameworkFactory(area=area))
    # Session, user, device; the count and one page of records with area and framework.
    with django_assert_num_queries(5):
        response = officer_client.get(LIST_URL)
    assert len(response.context["page_obj"].object_list) == 12


def test_list_paginates(officer_client):
    area = PolicingAreaFactory()
    for number in range(51):
        DecisionFactory(area=area, reference=f"R/{number:03d}")
    response = officer_client.get(LIST_URL, {"page": 2})
    assert len(response.context["page_obj"].object_list) == 1


# --- Create and edit ---------------------------------------------------------------------


def test_create_from_a_framework_is_prefilled(officer_client):
    framework = FrameworkFactory(title="Commissioning Framework 2017/18")
    consultation = ConsultationFactory(area=framework.area, framework=framework)
    response = officer_client.get(CREATE_URL, {"framework": framework.pk})
    form = response.context["form"]
    assert form.initial["framework"] == framework.pk
    assert form.initial["area"] == framework.area_id
    assert form.initial["consultation"] == consultation.pk
    assert form.initial["title"] == "Commissioning Framework 2017/18"
    # A nonsense framework id is ignored, not an error.
    assert officer_client.get(CREATE_URL, {"framework": "x"}).status_code == 200


def test_create_then_edit(officer_client):
    framework = FrameworkFactory()
    response = officer_client.post(CREATE_URL, form_data(framework.area, framework=framework.pk))
    decision = Decision.objects.get()
    assert response.url == url("detail", decision)
    assert (decision.framework, decision.significant_public_interest) == (framework, True)
    response = officer_client.post(
        url("edit", decision),
        form_data(
            framework.area,
            title="Changed title",
            decided_on_day="27",
            decided_on_month="2",
            decided_on_year="2017",
            decided_by="Lord Willy Bach",
            significant_public_interest="no",
        ),
    )
    assert response.status_code == 302
    decision.refresh_from_db()
    assert decision.title == "Changed title"
    assert decision.decided_on == dt.date(2017, 2, 27)
    assert decision.significant_public_interest is False


def test_create_shows_errors(officer_client):
    area = PolicingAreaFactory(name="Durham")
    DecisionFactory(area=area, reference="PCC/2017/004")
    response = officer_client.post(CREATE_URL, form_data(area, decision=""))
    assert "Enter the decision" in content(response)
    response = officer_client.post(CREATE_URL, form_data(area))
    assert "Durham already has a decision record with the reference PCC/2017/004" in content(
        response
    )
    response = officer_client.post(
        CREATE_URL, form_data(area, reference="OK/1", framework=FrameworkFactory().pk)
    )
    assert "Choose a framework for Durham" in content(response)
    assert Decision.objects.count() == 1


def test_a_signed_record_cannot_be_edited(officer_client):
    decision = DecisionFactory(status=D.SIGNED)
    assert officer_client.get(url("edit", decision)).status_code == 403


# --- Detail, sign, publish, delete, history --------------------------------------------


def test_detail_shows_every_field_with_markdown(officer_client):
    framework = FrameworkFactory(title="Framework X")
    consultation = ConsultationFactory(area=framework.area, title="Consultation Y")
    decision = DecisionFactory(
        area=framework.area,
        framework=framework,
        consultation=consultation,
        decision="To **approve**.",
        financial_implications="£4.668m",
        legal_implications="Contracts",
        significant_public_interest=True,
    )
    DocumentFactory(decision=decision, framework=None, title="Signed record PDF")
    page = content(officer_client.get(url("detail", decision)))
    for text in [
        decision.reference,
        "<strong>approve</strong>",
        "£4.668m",
        "Contracts",
        "1 March 2017",
        "Police and Crime Commissioner",
        "Framework X",
        "Consultation Y",
        "Signed record PDF",
        url("sign", decision),
        reverse("documents:decision", args=[decision.pk]),
        url("history", decision),
    ]:
        assert text in page, text


def test_detail_query_count(officer_client, django_assert_num_queries):
    decision = DecisionFactory(framework=FrameworkFactory())
    for _ in range(5):
        DocumentFactory(decision=decision, framework=None)
    # Session, user, device; the record with its links; its documents.
    with django_assert_num_queries(5):
        response = officer_client.get(url("detail", decision))
    assert len(response.context["documents"]) == 5


def test_sign_confirms_then_signs(officer_client):
    decision = DecisionFactory()
    page = content(officer_client.get(url("sign", decision)))
    assert "cannot be changed or deleted" in page
    assert "1 March 2017" in page
    response = officer_client.post(url("sign", decision))
    assert response.url == url("detail", decision)
    decision.refresh_from_db()
    assert decision.status == D.SIGNED
    # Signed: no sign page any more.
    assert officer_client.get(url("sign", decision)).status_code == 403


def test_a_second_submission_is_told_it_is_done_not_refused(officer_client):
    """A double click or a second tab: the first POST signs, the second is told the record
    is already signed (not a 403) and nothing happens twice."""
    decision = DecisionFactory()
    officer_client.post(url("sign", decision))
    response = officer_client.post(url("sign", decision), follow=True)
    assert response.redirect_chain == [(url("detail", decision), 302)]
    assert "is already signed" in content(response)
    officer_client.post(url("publish", decision))
    response = officer_client.post(url("publish", decision), follow=True)
    assert "is already published" in content(response)
    reasons = list(decision.history.values_list("history_change_reason", flat=True))
    assert reasons.count("Signed") == 1
    assert reasons.count("Published") == 1


def test_a_submission_racing_another_is_told_it_is_done(officer_client, monkeypatch):
    """Both requests passed the view's check; the second finds the record signed under
    its lock (the service refuses) and is sent to the record, not shown an error."""
    from commissioning.decisions import services

    decision = DecisionFactory()
    real_sign = services.decision_sign

    def raced(**kwargs):
        real_sign(**kwargs)  # the other request, a moment earlier
        return real_sign(**kwargs)

    monkeypatch.setattr(services, "decision_sign", raced)
    response = officer_client.post(url("sign", decision), follow=True)
    assert response.redirect_chain == [(url("detail", decision), 302)]
    assert "is already signed" in content(response)


def test_panel_members_are_still_refused_once_signed(panel_client):
    decision = DecisionFactory(status=D.SIGNED)
    assert panel_client.post(url("sign", decision)).status_code == 403


def test_sign_refusal_is_shown(officer_client):
    decision = DecisionFactory(decided_on=None)
    response = officer_client.post(url("sign", decision))
    assert response.status_code == 200
    assert "Enter the date of the decision before signing" in content(response)


def test_publish_confirms_then_publishes(officer_client):
    decision = DecisionFactory(status=D.SIGNED)
    assert "public transparency site" in content(officer_client.get(url("publish", decision)))
    officer_client.post(url("publish", decision))
    decision.refresh_from_db()
    assert decision.status == D.PUBLISHED


def test_delete_a_draft(officer_client):
    decision = DecisionFactory()
    assert "Delete the draft" in content(officer_client.get(url("delete", decision)))
    response = officer_client.post(url("delete", decision))
    assert response.url == LIST_URL
    assert not Decision.objects.exists()


def test_history_tab(officer_client, django_assert_num_queries):
    decision = DecisionFactory()
    for number in range(5):
        officer_client.post(url("edit", decision), form_data(decision.area, **signable(number)))
    officer_client.post(url("sign", decision))
    assert decision.history.count() == 7
    # Session, user, device; the record; its history with users; then the names of the
    # related records it mentions, one query per model (users, areas), however many.
    with django_assert_num_queries(7):
        page = content(officer_client.get(url("history", decision)))
    assert "Signed" in page


def test_framework_decisions_tab_and_status_page_link(officer_client, django_assert_num_queries):
    framework = FrameworkFactory(status=FrameworkStatus.FINAL)
    for _ in range(4):
        DecisionFactory(area=framework.area, framework=framework)
    tab = reverse("decisions:framework", args=[framework.pk])
    with django_assert_num_queries(5):
        page = content(officer_client.get(tab))
    assert f"{CREATE_URL}?framework={framework.pk}" in page
    status_page = content(officer_client.get(reverse("budgets:status", args=[framework.pk])))
    assert f"{CREATE_URL}?framework={framework.pk}" in status_page
    assert "Create a decision record" in status_page

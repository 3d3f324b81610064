"""The Policy base class and PolicyView: safe defaults, and the same 404 for a record
that is missing and one that is hidden."""

from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.test import Client, RequestFactory
from django.urls import path

from commissioning import urls as project_urls
from commissioning.accounts.models import User
from commissioning.core.permissions import PUBLIC, Policy
from commissioning.core.roles import Role
from commissioning.core.views import AuthenticatedPolicy, PolicyView, StaffPolicy
from commissioning.organisations.models import Organisation
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


class BarePolicy(Policy[Organisation]):
    model = Organisation


class VoluntarySectorPolicy(Policy[Organisation]):
    """Sees voluntary-sector organisations only; anyone signed in may list them."""

    model = Organisation

    def visible(self, user: Any) -> QuerySet[Organisation]:
        return Organisation.objects.filter(kind=Organisation.Kind.VCS)

    def can_list(self, user: Any) -> bool:
        return bool(user.is_authenticated)


def test_a_policy_denies_everything_unless_told_otherwise(make_user: Callable[..., User]) -> None:
    admin = make_user(Role.ADMIN)
    organisation = OrganisationFactory.create()
    policy = BarePolicy()
    assert list(policy.visible(admin)) == []
    assert policy.can_list(admin) is False
    assert policy.can_create(admin) is False
    assert policy.can_view(admin, organisation) is False
    assert policy.can_edit(admin, organisation) is False
    assert policy.can_delete(admin, organisation) is False


def test_can_view_follows_visible(make_user: Callable[..., User]) -> None:
    user = make_user(Role.COMMISSIONING_OFFICER)
    shown = OrganisationFactory.create(kind=Organisation.Kind.VCS)
    hidden = OrganisationFactory.create(kind=Organisation.Kind.PRIVATE_COMPANY)
    policy = VoluntarySectorPolicy()
    assert policy.can_view(user, shown) is True
    assert policy.can_view(user, hidden) is False


def test_get_visible_or_404_returns_a_visible_record(make_user: Callable[..., User]) -> None:
    user = make_user(Role.COMMISSIONING_OFFICER)
    shown = OrganisationFactory.create(kind=Organisation.Kind.VCS)
    assert VoluntarySectorPolicy().get_visible_or_404(user, pk=shown.pk) == shown


def test_get_visible_or_404_is_the_same_for_hidden_and_missing(
    make_user: Callable[..., User],
) -> None:
    user = make_user(Role.COMMISSIONING_OFFICER)
    hidden = OrganisationFactory.create(kind=Organisation.Kind.PRIVATE_COMPANY)
    missing_pk = hidden.pk + 1000
    policy = VoluntarySectorPolicy()
    with pytest.raises(Http404) as for_hidden:
        policy.get_visible_or_404(user, pk=hidden.pk)
    with pytest.raises(Http404) as for_missing:
        policy.get_visible_or_404(user, pk=missing_pk)
    # Nothing in the exception tells the two apart.
    assert type(for_hidden.value) is type(for_missing.value)
    assert str(for_hidden.value) == str(for_missing.value)


def test_get_visible_or_404_narrows_a_given_queryset(make_user: Callable[..., User]) -> None:
    user = make_user(Role.COMMISSIONING_OFFICER)
    inactive = OrganisationFactory.create(kind=Organisation.Kind.VCS, is_active=False)
    policy = VoluntarySectorPolicy()
    with pytest.raises(Http404):
        policy.get_visible_or_404(user, Organisation.objects.filter(is_active=True), pk=inactive.pk)
    assert policy.get_visible_or_404(user, Organisation.objects.all(), pk=inactive.pk) == inactive


@pytest.mark.parametrize(
    ("role", "staff", "signed_in"),
    [
        (Role.ADMIN, True, True),
        (Role.COMMISSIONING_OFFICER, True, True),
        (Role.FINANCE_OFFICER, True, True),
        (Role.ASSESSOR, True, True),
        (Role.PANEL_MEMBER, True, True),
        (Role.PROVIDER, False, True),
        (Role.CSP, False, True),
    ],
)
def test_staff_and_authenticated_policies(
    make_user: Callable[..., User], role: Role, staff: bool, signed_in: bool
) -> None:
    user = make_user(role)
    assert StaffPolicy().can_list(user) is staff
    assert AuthenticatedPolicy().can_list(user) is signed_in


def test_inactive_people_pass_no_policy(make_user: Callable[..., User]) -> None:
    user = make_user(Role.ADMIN, is_active=False)
    assert StaffPolicy().can_list(user) is False
    assert AuthenticatedPolicy().can_list(user) is False


def test_anonymous_visitors_pass_only_the_public_policy() -> None:
    from django.contrib.auth.models import AnonymousUser

    anonymous = AnonymousUser()
    assert PUBLIC.can_list(anonymous) is True
    assert StaffPolicy().can_list(anonymous) is False
    assert AuthenticatedPolicy().can_list(anonymous) is False


# --- PolicyView ---------------------------------------------------------------------------


class _ListView(PolicyView):
    policy = VoluntarySectorPolicy()

    def get(self, request: HttpRequest) -> HttpResponse:
        return HttpResponse("listed")


class _CreateView(PolicyView):
    policy = VoluntarySectorPolicy()  # can_create is False for everyone
    permission = "create"

    def get(self, request: HttpRequest) -> HttpResponse:
        return HttpResponse("created")


class _EditView(PolicyView):
    policy = VoluntarySectorPolicy()
    permission = "edit"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        obj = self.policy.get_visible_or_404(request.user, pk=pk)
        self.authorise(obj, "edit")
        return HttpResponse("edited")


urlpatterns = [
    path("list/", _ListView.as_view()),
    path("create/", _CreateView.as_view()),
    path("edit/<int:pk>/", _EditView.as_view()),
    *project_urls.urlpatterns,
]
handler403 = project_urls.handler403
handler404 = project_urls.handler404


@pytest.mark.urls("tests.core.test_permissions")
def test_policy_view_sends_anonymous_visitors_to_sign_in(client: Client) -> None:
    response = client.get("/list/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/list/"


@pytest.mark.urls("tests.core.test_permissions")
def test_policy_view_checks_list_and_create_before_the_view_runs(
    make_user: Callable[..., User], login: Callable[[User], Client]
) -> None:
    client = login(make_user(Role.COMMISSIONING_OFFICER))
    assert client.get("/list/").content == b"listed"
    assert client.get("/create/").status_code == 403


@pytest.mark.urls("tests.core.test_permissions")
def test_policy_view_refuses_edit_of_a_visible_record_and_hides_the_rest(
    make_user: Callable[..., User], login: Callable[[User], Client]
) -> None:
    client = login(make_user(Role.COMMISSIONING_OFFICER))
    shown = OrganisationFactory.create(kind=Organisation.Kind.VCS)
    hidden = OrganisationFactory.create(kind=Organisation.Kind.PRIVATE_COMPANY)
    assert client.get(f"/edit/{shown.pk}/").status_code == 403
    assert client.get(f"/edit/{hidden.pk}/").status_code == 404
    assert client.get(f"/edit/{hidden.pk + 1000}/").status_code == 404


def test_authorise_raises_permission_denied_for_a_refused_action(
    make_user: Callable[..., User], rf: RequestFactory
) -> None:
    view = _EditView()
    view.request = rf.get("/")
    view.request.user = make_user(Role.ADMIN)
    organisation = OrganisationFactory.create(kind=Organisation.Kind.VCS)
    view.authorise(organisation, "view")  # seeing a visible record is always allowed
    with pytest.raises(PermissionDenied):
        view.authorise(organisation, "edit")
    with pytest.raises(PermissionDenied):
        view.authorise(organisation, "delete")

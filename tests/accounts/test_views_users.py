import pytest
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from commissioning.accounts import services
from commissioning.accounts.models import User, UserStatus
from commissioning.core.roles import Role
from tests.factories import OrganisationFactory, SubAreaFactory, make_totp_device

pytestmark = pytest.mark.django_db

LIST = reverse("accounts:user-list")
INVITE = reverse("accounts:user-invite")


@pytest.fixture
def admin(make_user):
    return make_user(Role.ADMIN, full_name="Ada Admin", email="ada@opcc.example")


@pytest.fixture
def admin_client(client, admin, login):
    return login(admin)


def _many_users(make_user, count=25):
    """Users of every kind, so that a query per row would show."""
    roles = list(Role)
    users = [make_user(roles[i % len(roles)], full_name=f"Person {i:02d}") for i in range(count)]
    services.user_invite(
        actor=users[0],
        email="pending@example.org",
        full_name="Pending Person",
        role=Role.CSP,
        csp_area=SubAreaFactory(),
    )
    return users


class TestList:
    def test_lists_users_with_role_scope_and_status(self, admin_client, make_user, admin):
        organisation = OrganisationFactory(name="Victim First")
        make_user(Role.PROVIDER, full_name="Pat Provider", organisation=organisation)
        make_user(Role.FINANCE_OFFICER, full_name="Fin Officer", is_active=False)
        services.user_invite(
            actor=admin, email="new@opcc.example", full_name="Nia New", role=Role.ASSESSOR
        )
        response = admin_client.get(LIST)
        assert response.status_code == 200
        html = response.content.decode()
        for text in ["Pat Provider", "Victim First", "Provider user", "Fin Officer", "Nia New"]:
            assert text in html
        assert "Deactivated" in html
        assert "Invited" in html
        assert "Active" in html

    def test_search_by_part_of_a_name_or_address(self, admin_client, make_user):
        make_user(full_name="Harriet Vane", email="hv@example.org")
        make_user(full_name="Peter Wimsey", email="pw@oxford.example")
        names = lambda r: [u.full_name for u in r.context["page_obj"].object_list]  # noqa: E731
        assert names(admin_client.get(LIST, {"q": "vane"})) == ["Harriet Vane"]
        assert names(admin_client.get(LIST, {"q": "OXFORD"})) == ["Peter Wimsey"]
        empty = admin_client.get(LIST, {"q": "nobody at all"})
        assert "No users match your search" in empty.content.decode()

    def test_filter_by_role(self, admin_client, make_user):
        make_user(Role.ASSESSOR, full_name="Ann Assessor")
        make_user(Role.PANEL_MEMBER, full_name="Pam Panel")
        response = admin_client.get(LIST, {"role": Role.ASSESSOR})
        assert [u.full_name for u in response.context["page_obj"].object_list] == ["Ann Assessor"]

    def test_pages_of_twenty(self, admin_client, make_user):
        _many_users(make_user, count=30)
        first = admin_client.get(LIST)
        assert len(first.context["page_obj"].object_list) == 20
        html = first.content.decode()
        assert "govuk-pagination" in html
        second = admin_client.get(LIST, {"page": 2})
        assert len(second.context["page_obj"].object_list) == 12  # 30 + pending + admin
        assert admin_client.get(LIST, {"page": 99}).status_code == 200

    def test_query_count_does_not_grow_with_users(
        self, admin_client, make_user, django_assert_num_queries
    ):
        _many_users(make_user, count=25)
        # session, user, OTP device; count, page of users (with organisation and area).
        with django_assert_num_queries(5):
            response = admin_client.get(LIST)
        assert len(response.context["page_obj"].object_list) == 20


class TestAdminOnly:
    @pytest.mark.parametrize("role", [r for r in Role if r != Role.ADMIN])
    def test_other_roles_get_404_for_every_user_page(self, client, make_user, login, role):
        user = make_user(role)
        other = make_user()
        login(user)
        pages = [
            LIST,
            INVITE,
            *[
                reverse(f"accounts:user-{name}", args=[pk])
                for pk in (other.pk, user.pk)
                for name in ("detail", "history", "role", "deactivate", "reactivate")
            ],
        ]
        for url in pages:
            assert client.get(url).status_code in (403, 404), url
        # Pages about one user answer 404: the same as for a user who does not exist.
        assert client.get(reverse("accounts:user-detail", args=[other.pk])).status_code == 404
        for name in ("deactivate", "reset-two-factor", "resend-invitation"):
            url = reverse(f"accounts:user-{name}", args=[other.pk])
            assert client.post(url).status_code == 404
        other.refresh_from_db()
        assert other.is_active

    def test_the_list_and_invite_pages_answer_403_not_a_redirect(self, client, make_user, login):
        login(make_user(Role.COMMISSIONING_OFFICER))
        assert client.get(LIST).status_code == 403
        assert client.get(INVITE).status_code == 403

    def test_anonymous_visitors_are_sent_to_sign_in(self, client, admin):
        for url in (LIST, reverse("accounts:user-detail", args=[admin.pk])):
            assert client.get(url)["Location"].startswith(reverse("accounts:login"))


class TestInvite:
    def test_the_form_shows_roles_with_descriptions(self, admin_client):
        html = admin_client.get(INVITE).content.decode()
        assert "OPCC administrator" in html
        assert "Scores grant applications and reviews monitoring returns." in html
        assert 'name="organisation"' in html
        assert 'name="csp_area"' in html

    def test_invites_a_provider_user_and_sends_the_email(
        self, admin_client, admin, mailoutbox, django_capture_on_commit_callbacks
    ):
        organisation = OrganisationFactory()
        with django_capture_on_commit_callbacks(execute=True):
            response = admin_client.post(
                INVITE,
                {
                    "full_name": "Pat Provider",
                    "email": "Pat@Provider.example",
                    "role": Role.PROVIDER,
                    "organisation": organisation.pk,
                },
            )
        user = User.objects.get(email="pat@provider.example")
        assert response["Location"] == reverse("accounts:user-detail", args=[user.pk])
        assert (user.role, user.organisation, user.invited_by) == (
            Role.PROVIDER,
            organisation,
            admin,
        )
        assert [m.to for m in mailoutbox] == [["pat@provider.example"]]

    @pytest.mark.parametrize(
        ("data", "messages"),
        [
            (
                {},
                [
                    "Enter the user&#x27;s full name",
                    "Enter the user&#x27;s e-mail address",
                    "Select the user&#x27;s role",
                ],
            ),
            (
                {"full_name": "A", "email": "not-an-address", "role": Role.ASSESSOR},
                ["Enter an e-mail address in the correct format"],
            ),
            (
                {"full_name": "A", "email": "a@example.org", "role": Role.PROVIDER},
                ["Select the user&#x27;s organisation"],
            ),
            (
                {"full_name": "A", "email": "a@example.org", "role": Role.CSP},
                ["Select the user&#x27;s Community Safety Partnership"],
            ),
            (
                {"full_name": "A", "email": "ADA@opcc.example", "role": Role.ASSESSOR},
                ["A user with this e-mail address already exists"],
            ),
        ],
    )
    def test_mistakes_are_explained(self, admin_client, data, messages):
        response = admin_client.post(INVITE, data)
        assert response.status_code == 200
        html = response.content.decode()
        assert "There is a problem" in html
        for message in messages:
            assert message in html
        assert User.objects.count() == 1

    def test_an_inactive_organisation_cannot_be_chosen(self, admin_client):
        organisation = OrganisationFactory(is_active=False)
        response = admin_client.post(
            INVITE,
            {
                "full_name": "A",
                "email": "a@example.org",
                "role": Role.PROVIDER,
                "organisation": organisation.pk,
            },
        )
        assert "Select an active organisation" in response.content.decode()


class TestDetail:
    def test_shows_the_user_and_actions(self, admin_client, make_user):
        officer = make_user(Role.COMMISSIONING_OFFICER, full_name="Olive Officer")
        make_totp_device(officer)
        response = admin_client.get(reverse("accounts:user-detail", args=[officer.pk]))
        html = response.content.decode()
        assert "Olive Officer" in html
        assert "Commissioning officer" in html
        assert reverse("accounts:user-role", args=[officer.pk]) in html
        assert reverse("accounts:user-deactivate", args=[officer.pk]) in html
        assert reverse("accounts:user-reset-two-factor", args=[officer.pk]) in html
        assert reverse("accounts:user-history", args=[officer.pk]) in html
        assert response.context["person"].has_two_factor

    def test_an_admin_is_not_offered_to_deactivate_themself(self, admin_client, admin):
        html = admin_client.get(reverse("accounts:user-detail", args=[admin.pk])).content.decode()
        assert reverse("accounts:user-deactivate", args=[admin.pk]) not in html

    def test_a_missing_user_is_404(self, admin_client):
        assert admin_client.get(reverse("accounts:user-detail", args=[999999])).status_code == 404

    def test_query_count(self, admin_client, admin, make_user, django_assert_num_queries):
        _many_users(make_user, count=10)
        provider = make_user(Role.PROVIDER, invited_by=admin)
        url = reverse("accounts:user-detail", args=[provider.pk])
        # session, user, OTP device; the user with organisation, area, inviter, two-factor.
        with django_assert_num_queries(4):
            response = admin_client.get(url)
        assert response.status_code == 200

    def test_history_tab_lists_changes_with_who(self, admin_client, admin, make_user):
        user = make_user(Role.ASSESSOR)
        services.user_update_role(actor=admin, user=user, role=Role.PANEL_MEMBER)
        services.user_deactivate(actor=admin, user=user)
        response = admin_client.get(reverse("accounts:user-history", args=[user.pk]))
        html = response.content.decode()
        assert "Deactivated" in html
        assert "Role changed" in html
        assert "Police and Crime Panel member" in html
        assert "Ada Admin" in html


class TestChanges:
    def test_change_role_to_csp(self, admin_client, make_user):
        user = make_user(Role.ASSESSOR)
        area = SubAreaFactory()
        url = reverse("accounts:user-role", args=[user.pk])
        page = admin_client.get(url)
        assert page.context["form"].initial["role"] == Role.ASSESSOR
        response = admin_client.post(url, {"role": Role.CSP, "csp_area": area.pk})
        assert response["Location"] == reverse("accounts:user-detail", args=[user.pk])
        user.refresh_from_db()
        assert (user.role, user.csp_area) == (Role.CSP, area)

    def test_the_last_admin_cannot_step_down(self, admin_client, admin):
        response = admin_client.post(
            reverse("accounts:user-role", args=[admin.pk]), {"role": Role.ASSESSOR}
        )
        assert response.status_code == 200
        assert "This is the only active administrator" in response.content.decode()
        admin.refresh_from_db()
        assert admin.role == Role.ADMIN

    def test_deactivate_after_confirmation(self, admin_client, make_user):
        user = make_user()
        url = reverse("accounts:user-deactivate", args=[user.pk])
        page = admin_client.get(url)
        assert "Are you sure you want to deactivate this user?" in page.content.decode()
        user.refresh_from_db()
        assert user.is_active
        response = admin_client.post(url)
        assert response["Location"] == reverse("accounts:user-detail", args=[user.pk])
        user.refresh_from_db()
        assert user.status == UserStatus.DEACTIVATED

    def test_an_admin_cannot_deactivate_themself(self, admin_client, admin, make_user):
        make_user(Role.ADMIN)
        response = admin_client.post(reverse("accounts:user-deactivate", args=[admin.pk]))
        assert response.status_code == 200
        assert "You cannot deactivate your own account" in response.content.decode()
        admin.refresh_from_db()
        assert admin.is_active

    def test_a_deactivated_user_is_signed_out(self, admin_client, make_user):
        user = make_user(Role.PROVIDER)
        other = Client()
        other.force_login(user)
        assert other.get("/dashboard/").status_code == 200
        admin_client.post(reverse("accounts:user-deactivate", args=[user.pk]))
        assert other.get("/dashboard/").status_code == 302

    def test_reactivate(self, admin_client, make_user):
        user = make_user(is_active=False)
        admin_client.post(reverse("accounts:user-reactivate", args=[user.pk]))
        user.refresh_from_db()
        assert user.is_active

    def test_reset_two_factor(self, admin_client, make_user):
        user = make_user(Role.FINANCE_OFFICER)
        make_totp_device(user)
        url = reverse("accounts:user-reset-two-factor", args=[user.pk])
        assert admin_client.get(url).status_code == 200
        admin_client.post(url)
        assert not TOTPDevice.objects.filter(user=user).exists()

    def test_resend_invitation(
        self, admin_client, admin, mailoutbox, django_capture_on_commit_callbacks
    ):
        user = services.user_invite(
            actor=admin, email="ivy@opcc.example", full_name="Ivy", role=Role.ASSESSOR
        )
        url = reverse("accounts:user-resend-invitation", args=[user.pk])
        assert admin_client.get(url).status_code == 405
        with django_capture_on_commit_callbacks(execute=True):
            response = admin_client.post(url, follow=True)
        assert [m.to for m in mailoutbox] == [["ivy@opcc.example"]]
        assert "Invitation sent again to ivy@opcc.example" in response.content.decode()


class TestAccount:
    def test_shows_own_details_and_two_factor(self, client, make_user, login):
        user = make_user(Role.FINANCE_OFFICER, full_name="Fran Finance")
        login(user)
        response = client.get(reverse("accounts:account"))
        html = response.content.decode()
        assert "Fran Finance" in html
        assert user.email in html
        assert "Finance officer" in html
        assert reverse("accounts:password-change") in html
        assert response.context["person"].has_two_factor

    def test_a_csp_user_sees_their_partnership_and_no_two_factor(self, client, make_user, login):
        area = SubAreaFactory(csp_name="Safer Rutland Partnership")
        login(make_user(Role.CSP, csp_area=area))
        html = client.get(reverse("accounts:account")).content.decode()
        assert "Safer Rutland Partnership" in html
        assert "Not required for this role" in html

    def test_query_count(self, client, make_user, login, django_assert_num_queries):
        login(make_user(Role.PROVIDER))
        with django_assert_num_queries(3):
            client.get(reverse("accounts:account"))

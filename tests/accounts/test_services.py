import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django_otp.plugins.otp_totp.models import TOTPDevice

from commissioning.accounts import services
from commissioning.accounts.models import User, UserStatus
from commissioning.accounts.tokens import (
    encode_uid,
    invitation_token_generator,
    invitation_user_from_token,
)
from commissioning.core.roles import Role
from tests.accounts.helpers import totp_code
from tests.factories import OrganisationFactory, SubAreaFactory, make_totp_device

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(make_user):
    return make_user(Role.ADMIN, full_name="Ada Admin")


def _invite(admin, **kwargs):
    values = {
        "actor": admin,
        "email": "New.Person@Example.org",
        "full_name": "New Person",
        "role": Role.COMMISSIONING_OFFICER,
    }
    values.update(kwargs)
    return services.user_invite(**values)


def _link_token(mail):
    """The uid and token from the link in an invitation e-mail."""
    line = next(line for line in mail.body.splitlines() if "/accounts/invitation/" in line)
    uidb64, token = line.rstrip("/").split("/")[-2:]
    return uidb64, token


class TestInvite:
    def test_creates_an_invited_user_without_a_usable_password(self, admin):
        user = _invite(admin)
        user.refresh_from_db()
        assert user.email == "new.person@example.org"
        assert not user.has_usable_password()
        assert user.invited_by == admin
        assert user.invited_at is not None
        assert user.status == UserStatus.INVITED

    def test_records_who_invited_in_the_history(self, admin):
        user = _invite(admin)
        record = user.history.get()
        assert record.history_user == admin
        assert record.history_change_reason == "Invited"

    def test_sends_the_email_only_after_commit(
        self, admin, mailoutbox, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            user = _invite(admin)
        assert mailoutbox == []
        for callback in callbacks:
            callback()
        assert len(mailoutbox) == 1
        mail = mailoutbox[0]
        assert mail.to == ["new.person@example.org"]
        assert "invited" in mail.subject
        assert "Ada Admin has invited you" in mail.body
        uidb64, token = _link_token(mail)
        assert uidb64 == encode_uid(user)
        assert invitation_user_from_token(uidb64, token) == user

    def test_refuses_an_address_already_in_use_whatever_its_case(self, admin, make_user):
        make_user(email="taken@example.org")
        with pytest.raises(ValidationError) as error:
            _invite(admin, email="TAKEN@example.org")
        assert "email" in error.value.message_dict

    def test_a_provider_needs_an_organisation(self, admin):
        with pytest.raises(ValidationError) as error:
            _invite(admin, role=Role.PROVIDER)
        assert error.value.message_dict == {"organisation": ["Select the user's organisation"]}

    def test_a_provider_needs_an_active_organisation(self, admin):
        with pytest.raises(ValidationError) as error:
            _invite(admin, role=Role.PROVIDER, organisation=OrganisationFactory(is_active=False))
        assert "organisation" in error.value.message_dict

    def test_a_csp_user_needs_a_partnership_area(self, admin):
        with pytest.raises(ValidationError) as error:
            _invite(admin, role=Role.CSP, csp_area=SubAreaFactory(is_csp_area=False))
        assert "csp_area" in error.value.message_dict
        user = _invite(admin, role=Role.CSP, csp_area=SubAreaFactory())
        assert user.csp_area is not None

    def test_staff_keep_no_organisation_or_area(self, admin):
        user = _invite(admin, organisation=OrganisationFactory(), csp_area=SubAreaFactory())
        assert user.organisation is None
        assert user.csp_area is None

    def test_refuses_an_unknown_role(self, admin):
        with pytest.raises(ValidationError):
            _invite(admin, role="superhero")
        assert not User.objects.filter(email="new.person@example.org").exists()


class TestInvitationLinks:
    def test_resending_makes_earlier_links_useless(
        self, admin, mailoutbox, django_capture_on_commit_callbacks
    ):
        user = _invite(admin)
        # An invitation sent a while ago (the token covers the invitation time, to the second).
        User.objects.filter(pk=user.pk).update(invited_at=user.invited_at.replace(year=2020))
        user.refresh_from_db()
        first = (encode_uid(user), invitation_token_generator.make_token(user))
        assert invitation_user_from_token(*first) == user
        with django_capture_on_commit_callbacks(execute=True):
            services.invitation_resend(actor=admin, user=user)
        second = _link_token(mailoutbox[0])
        assert invitation_user_from_token(*first) is None
        assert invitation_user_from_token(*second) == user
        assert user.history.first().history_change_reason == "Invitation sent again"

    def test_accepting_sets_the_password_and_uses_up_the_link(
        self, admin, mailoutbox, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            user = _invite(admin)
        link = _link_token(mailoutbox[0])
        services.invitation_accept(user=user, password="a long new password 1")
        user.refresh_from_db()
        assert user.check_password("a long new password 1")
        assert user.status == UserStatus.ACTIVE
        assert invitation_user_from_token(*link) is None
        assert user.history.first().history_change_reason == "Invitation accepted"

    def test_cannot_accept_twice(self, admin):
        user = _invite(admin)
        services.invitation_accept(user=user, password="a long new password 1")
        with pytest.raises(ValidationError):
            services.invitation_accept(user=user, password="another long password 2")

    def test_cannot_resend_an_accepted_invitation(self, admin):
        user = _invite(admin)
        services.invitation_accept(user=user, password="a long new password 1")
        with pytest.raises(ValidationError):
            services.invitation_resend(actor=admin, user=user)

    def test_a_deactivated_invitee_link_stops_working(
        self, admin, mailoutbox, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            user = _invite(admin)
        link = _link_token(mailoutbox[0])
        services.user_deactivate(actor=admin, user=user)
        assert invitation_user_from_token(*link) is None


class TestRoleChange:
    def test_changes_role_and_scope_with_history(self, admin, make_user):
        user = make_user(Role.COMMISSIONING_OFFICER)
        organisation = OrganisationFactory()
        services.user_update_role(
            actor=admin, user=user, role=Role.PROVIDER, organisation=organisation
        )
        user.refresh_from_db()
        assert (user.role, user.organisation) == (Role.PROVIDER, organisation)
        record = user.history.first()
        assert record.history_user == admin
        assert record.history_change_reason == "Role changed"

    def test_moving_away_from_provider_clears_the_organisation(self, admin, make_user):
        user = make_user(Role.PROVIDER)
        services.user_update_role(actor=admin, user=user, role=Role.FINANCE_OFFICER)
        user.refresh_from_db()
        assert user.organisation is None

    def test_the_last_active_admin_keeps_the_role(self, admin):
        with pytest.raises(ValidationError) as error:
            services.user_update_role(actor=admin, user=admin, role=Role.COMMISSIONING_OFFICER)
        assert "role" in error.value.message_dict
        admin.refresh_from_db()
        assert admin.role == Role.ADMIN

    def test_an_invited_or_deactivated_admin_does_not_count(self, admin, make_user):
        _invite(admin, email="pending@example.org", role=Role.ADMIN)
        make_user(Role.ADMIN, is_active=False)
        with pytest.raises(ValidationError):
            services.user_update_role(actor=admin, user=admin, role=Role.ASSESSOR)

    def test_an_admin_may_step_down_when_another_remains(self, admin, make_user):
        make_user(Role.ADMIN)
        services.user_update_role(actor=admin, user=admin, role=Role.ASSESSOR)
        admin.refresh_from_db()
        assert admin.role == Role.ASSESSOR


class TestDeactivation:
    def test_deactivate_and_reactivate(self, admin, make_user):
        user = make_user()
        services.user_deactivate(actor=admin, user=user)
        user.refresh_from_db()
        assert user.status == UserStatus.DEACTIVATED
        services.user_reactivate(actor=admin, user=user)
        user.refresh_from_db()
        assert user.is_active
        reasons = list(user.history.values_list("history_change_reason", flat=True)[:2])
        assert reasons == ["Reactivated", "Deactivated"]

    def test_an_admin_cannot_deactivate_themself(self, admin, make_user):
        make_user(Role.ADMIN)
        with pytest.raises(ValidationError, match="your own account"):
            services.user_deactivate(actor=admin, user=admin)

    def test_two_admins_cannot_deactivate_each_other(self, admin, make_user):
        other_admin = make_user(Role.ADMIN)
        stale_admin = User.objects.get(pk=admin.pk)
        # Both ask at the same moment; the row locks put one after the other.
        services.user_deactivate(actor=other_admin, user=admin)
        with pytest.raises(ValidationError, match="only active administrator"):
            services.user_deactivate(actor=stale_admin, user=other_admin)
        other_admin.refresh_from_db()
        assert other_admin.is_active

    def test_cannot_deactivate_twice(self, admin, make_user):
        user = make_user(is_active=False)
        with pytest.raises(ValidationError):
            services.user_deactivate(actor=admin, user=user)
        with pytest.raises(ValidationError):
            services.user_reactivate(actor=admin, user=make_user())


class TestTwoFactor:
    KEY = "00112233445566778899aabbccddeeff00112233"

    def test_confirm_creates_one_confirmed_device(self, make_user):
        user = make_user()
        make_totp_device(user, confirmed=False)
        device = services.totp_device_confirm(
            user=user, key_hex=self.KEY, token=totp_code(self.KEY)
        )
        assert list(TOTPDevice.objects.filter(user=user)) == [device]
        assert device.confirmed
        assert device.key == self.KEY
        assert user.history.first().history_change_reason == "Two-factor authentication set up"

    def test_the_confirming_code_cannot_be_used_again_to_sign_in(self, make_user):
        user = make_user()
        code = totp_code(self.KEY)
        device = services.totp_device_confirm(user=user, key_hex=self.KEY, token=code)
        assert not device.verify_token(code)

    @pytest.mark.parametrize("token", ["000000", "12345", "abcdef", ""])
    def test_confirm_refuses_a_wrong_code(self, make_user, token):
        user = make_user()
        if token == totp_code(self.KEY):
            pytest.skip("the random code happened to be right")
        with pytest.raises(ValidationError) as error:
            services.totp_device_confirm(user=user, key_hex=self.KEY, token=token)
        assert "token" in error.value.message_dict
        assert not TOTPDevice.objects.filter(user=user).exists()

    def test_reset_removes_every_device_and_is_recorded(self, admin, make_user):
        user = make_user()
        make_totp_device(user)
        services.user_reset_two_factor(actor=admin, user=user)
        assert not TOTPDevice.objects.filter(user=user).exists()
        record = user.history.first()
        assert (record.history_user, record.history_change_reason) == (
            admin,
            "Two-factor authentication reset",
        )

    def test_demo_device_is_made_once_and_follows_the_key(self, make_user):
        user = make_user()
        first = services.ensure_demo_totp_device(user, self.KEY)
        again = services.ensure_demo_totp_device(user, self.KEY)
        assert first.pk == again.pk
        assert first.confirmed
        other_key = "ff" * 20
        changed = services.ensure_demo_totp_device(user, other_key)
        assert changed.pk == first.pk
        assert TOTPDevice.objects.get(pk=first.pk).key == other_key
        assert changed.verify_token(totp_code(other_key))

    def test_demo_device_refuses_a_key_that_is_not_hex(self, make_user):
        with pytest.raises(ValidationError):
            services.ensure_demo_totp_device(make_user(), "not-hex")


def test_set_password_is_recorded_without_the_password(make_user):
    user = make_user()
    services.user_set_password(user=user, password="a new long password", reason="Password changed")
    user.refresh_from_db()
    assert user.check_password("a new long password")
    record = user.history.first()
    assert record.history_change_reason == "Password changed"
    assert not hasattr(record, "password")


@pytest.mark.parametrize("role", [r for r in Role if r != Role.ADMIN])
def test_only_administrators_may_manage_accounts(make_user, role):
    actor = make_user(role)
    user = make_user(Role.ASSESSOR)
    calls = [
        lambda: _invite(actor),
        lambda: services.user_update_role(actor=actor, user=user, role=Role.ADMIN),
        lambda: services.user_deactivate(actor=actor, user=user),
        lambda: services.user_reactivate(actor=actor, user=user),
        lambda: services.user_reset_two_factor(actor=actor, user=user),
        lambda: services.invitation_resend(actor=actor, user=user),
    ]
    for call in calls:
        with pytest.raises(PermissionDenied):
            call()
    user.refresh_from_db()
    assert (user.role, user.is_active) == (Role.ASSESSOR, True)

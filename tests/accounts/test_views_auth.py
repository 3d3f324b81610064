import re

import pytest
from django.urls import reverse

from commissioning.core.roles import Role

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery"  # the factories' password
LOGIN = reverse("accounts:login")
WRONG = "Enter a correct e-mail address and password"


def _sign_in(client, email, password=PASSWORD, **extra):
    return client.post(LOGIN, {"username": email, "password": password, **extra})


class TestLogin:
    def test_page_renders(self, client):
        response = client.get(LOGIN)
        assert response.status_code == 200
        html = response.content.decode()
        assert "<h1" in html
        assert "Sign in" in html
        assert 'name="username"' in html
        assert 'name="password"' in html

    def test_a_provider_signs_in_and_reaches_the_dashboard(self, client, make_user):
        make_user(Role.PROVIDER, email="pat@provider.example")
        response = _sign_in(client, "pat@provider.example")
        assert response.status_code == 302
        assert response["Location"] == reverse("core:dashboard")
        assert client.get(reverse("core:dashboard")).status_code == 200

    def test_the_email_address_is_not_case_sensitive(self, client, make_user):
        user = make_user(Role.PROVIDER, email="pat@provider.example")
        response = _sign_in(client, "  Pat@Provider.EXAMPLE")
        assert response.status_code == 302
        assert client.session["_auth_user_id"] == str(user.pk)

    def test_a_safe_next_address_is_followed(self, client, make_user):
        make_user(Role.PROVIDER, email="pat@provider.example")
        response = _sign_in(client, "pat@provider.example", next="/accounts/")
        assert response["Location"] == "/accounts/"

    def test_a_next_address_on_another_site_is_ignored(self, client, make_user):
        make_user(Role.PROVIDER, email="pat@provider.example")
        response = _sign_in(client, "pat@provider.example", next="https://evil.example/")
        assert response["Location"] == reverse("core:dashboard")

    @pytest.mark.parametrize(
        ("email", "password"),
        [("pat@provider.example", "wrong password"), ("nobody@provider.example", PASSWORD)],
    )
    def test_a_failure_does_not_say_whether_the_account_exists(
        self, client, make_user, email, password
    ):
        make_user(Role.PROVIDER, email="pat@provider.example")
        response = _sign_in(client, email, password)
        assert response.status_code == 200
        assert WRONG in response.content.decode()
        assert "_auth_user_id" not in client.session

    def test_a_deactivated_user_cannot_sign_in_and_gets_the_same_message(self, client, make_user):
        make_user(Role.PROVIDER, email="gone@provider.example", is_active=False)
        response = _sign_in(client, "gone@provider.example")
        assert response.status_code == 200
        assert WRONG in response.content.decode()

    def test_empty_fields_are_explained(self, client):
        html = client.post(LOGIN, {}).content.decode()
        assert "Enter your e-mail address" in html
        assert "Enter your password" in html
        assert "There is a problem" in html

    def test_staff_are_sent_to_two_factor_after_the_password(self, client, make_user):
        make_user(Role.COMMISSIONING_OFFICER, email="olive@opcc.example")
        response = _sign_in(client, "olive@opcc.example")
        dashboard = client.get(response["Location"])
        assert dashboard.status_code == 302
        assert dashboard["Location"].startswith(reverse("accounts:two-factor-setup"))


class TestLockOut:
    def test_five_failures_lock_the_account_out_even_with_the_right_password(
        self, client, make_user, settings
    ):
        assert settings.AXES_FAILURE_LIMIT == 5
        make_user(Role.PROVIDER, email="pat@provider.example")
        for _ in range(4):
            assert _sign_in(client, "pat@provider.example", "wrong").status_code == 200
        locked = _sign_in(client, "pat@provider.example", "wrong")
        assert locked.status_code == 429
        assert "accounts/locked_out.html" in [t.name for t in locked.templates]
        html = locked.content.decode()
        assert "You cannot sign in at the moment" in html
        assert "wait 30 minutes" in html
        again = _sign_in(client, "pat@provider.example")
        assert again.status_code == 429
        assert "_auth_user_id" not in client.session

    def test_four_failures_then_success_resets_the_count(self, client, make_user):
        make_user(Role.PROVIDER, email="pat@provider.example")
        for _ in range(4):
            _sign_in(client, "pat@provider.example", "wrong")
        assert _sign_in(client, "pat@provider.example").status_code == 302
        client.post(reverse("accounts:logout"))
        for _ in range(4):
            assert _sign_in(client, "pat@provider.example", "wrong").status_code == 200


class TestLogout:
    def test_post_signs_out_and_shows_the_signed_out_page(self, client, make_user, login):
        login(make_user(Role.ADMIN))
        response = client.post(reverse("accounts:logout"))
        assert response["Location"] == reverse("accounts:signed-out")
        page = client.get(response["Location"])
        assert page.status_code == 200
        assert "You have signed out" in page.content.decode()
        assert client.get(reverse("core:dashboard")).status_code == 302

    def test_get_does_not_sign_out(self, client, make_user, login):
        login(make_user(Role.PROVIDER))
        assert client.get(reverse("accounts:logout")).status_code == 405
        assert client.get(reverse("core:dashboard")).status_code == 200


def _reset_link(mail):
    match = re.search(r"https?://\S+/accounts/password/reset/(\S+)/(\S+)/", mail.body)
    assert match, mail.body
    return reverse("accounts:password-reset-confirm", args=match.groups())


class TestPasswordReset:
    def test_the_whole_journey(self, client, make_user, mailoutbox, settings):
        settings.SITE_URL = "https://commissioning.example"
        user = make_user(Role.PROVIDER, email="pat@provider.example")
        response = client.post(
            reverse("accounts:password-reset"), {"email": "PAT@provider.example"}
        )
        assert response["Location"] == reverse("accounts:password-reset-done")
        assert len(mailoutbox) == 1
        mail = mailoutbox[0]
        assert mail.to == ["pat@provider.example"]
        assert "https://commissioning.example/accounts/password/reset/" in mail.body

        form_page = client.get(_reset_link(mail), follow=True)
        assert form_page.context["validlink"]
        set_password_url = form_page.redirect_chain[-1][0]
        response = client.post(
            set_password_url,
            {"new_password1": "a brand new passphrase", "new_password2": "a brand new passphrase"},
        )
        assert response["Location"] == reverse("accounts:password-reset-complete")
        user.refresh_from_db()
        assert user.check_password("a brand new passphrase")
        assert user.history.first().history_change_reason == "Password reset by e-mail link"
        # The link works once.
        assert not client.get(_reset_link(mail), follow=True).context["validlink"]

    def test_an_unknown_address_looks_the_same_and_sends_nothing(self, client, mailoutbox):
        response = client.post(reverse("accounts:password-reset"), {"email": "who@example.org"})
        assert response["Location"] == reverse("accounts:password-reset-done")
        assert mailoutbox == []

    def test_weak_passwords_and_mismatches_are_refused(self, client, make_user, mailoutbox):
        make_user(Role.PROVIDER, email="pat@provider.example")
        client.post(reverse("accounts:password-reset"), {"email": "pat@provider.example"})
        url = client.get(_reset_link(mailoutbox[0]), follow=True).redirect_chain[-1][0]
        short = client.post(url, {"new_password1": "short", "new_password2": "short"})
        assert short.status_code == 200
        assert short.context["form"].errors["new_password2"]
        mismatch = client.post(
            url, {"new_password1": "a brand new passphrase", "new_password2": "another one"}
        )
        assert "Enter the same password in both fields" in mismatch.content.decode()

    def test_an_invited_user_without_a_password_gets_no_reset_email(
        self, client, make_user, mailoutbox
    ):
        user = make_user(Role.PROVIDER, email="new@provider.example")
        user.set_unusable_password()
        user.save()
        client.post(reverse("accounts:password-reset"), {"email": "new@provider.example"})
        assert mailoutbox == []


class TestPasswordChange:
    def test_changes_the_password_and_keeps_the_session(self, client, make_user, login):
        user = make_user(Role.ADMIN)
        login(user)
        url = reverse("accounts:password-change")
        assert client.get(url).status_code == 200
        response = client.post(
            url,
            {
                "old_password": PASSWORD,
                "new_password1": "a brand new passphrase",
                "new_password2": "a brand new passphrase",
            },
        )
        assert response["Location"] == reverse("accounts:account")
        user.refresh_from_db()
        assert user.check_password("a brand new passphrase")
        # Still signed in and still two-factor verified.
        assert client.get(reverse("accounts:account")).status_code == 200

    def test_a_wrong_current_password_is_refused(self, client, make_user, login):
        user = make_user(Role.PROVIDER)
        login(user)
        response = client.post(
            reverse("accounts:password-change"),
            {
                "old_password": "not it",
                "new_password1": "a brand new passphrase",
                "new_password2": "a brand new passphrase",
            },
        )
        assert "Your current password is not correct" in response.content.decode()
        user.refresh_from_db()
        assert user.check_password(PASSWORD)

    def test_needs_sign_in(self, client):
        response = client.get(reverse("accounts:password-change"))
        assert response["Location"].startswith(LOGIN)


def test_lock_out_counts_an_address_in_any_case_together(client, make_user, settings):
    settings.AXES_USERNAME_CALLABLE = "commissioning.accounts.lockout.axes_username"
    make_user(Role.PROVIDER, email="pat@provider.example")
    for email in ["pat@provider.example", "PAT@provider.example", "Pat@Provider.Example"] * 2:
        response = _sign_in(client, email, "wrong")
        if response.status_code == 429:
            break
    assert response.status_code == 429
    assert _sign_in(client, "pat@provider.example").status_code == 429

import re

import pytest
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from commissioning.accounts.views.two_factor import SETUP_KEY_SESSION_KEY
from commissioning.core.roles import Role
from tests.accounts.helpers import totp_code
from tests.factories import TEST_TOTP_KEY, make_totp_device

pytestmark = pytest.mark.django_db

SETUP = reverse("accounts:two-factor-setup")
VERIFY = reverse("accounts:two-factor-verify")


@pytest.fixture
def officer(make_user):
    return make_user(Role.COMMISSIONING_OFFICER, email="olive@opcc.example")


@pytest.fixture
def signed_in(client, officer):
    """An officer past the password, not yet past two-factor."""
    client.force_login(officer)
    return client


class TestSetUp:
    def test_shows_a_qr_code_and_the_key_without_inline_styles(self, signed_in):
        response = signed_in.get(SETUP)
        assert response.status_code == 200
        html = response.content.decode()
        svg = re.search(r"<svg[^>]*role=\"img\".*?</svg>", html, re.S)
        assert svg, "an inline SVG QR code"
        assert "style=" not in svg.group(0)
        assert "<title" in svg.group(0)
        key = signed_in.session[SETUP_KEY_SESSION_KEY]
        secret = response.context["secret"]
        assert secret.replace(" ", "") in html.replace(" ", "")
        assert len(secret.replace(" ", "")) == 32  # 20 bytes in base32
        assert 'inputmode="numeric"' in html
        assert 'autocomplete="one-time-code"' in html
        # Nothing is saved until the code is confirmed.
        assert not TOTPDevice.objects.exists()
        assert len(key) == 40

    def test_the_key_stays_the_same_between_visits(self, signed_in):
        signed_in.get(SETUP)
        key = signed_in.session[SETUP_KEY_SESSION_KEY]
        signed_in.get(SETUP)
        assert signed_in.session[SETUP_KEY_SESSION_KEY] == key

    def test_a_correct_code_sets_up_and_goes_to_the_page_first_asked_for(self, signed_in, officer):
        signed_in.get(SETUP)
        key = signed_in.session[SETUP_KEY_SESSION_KEY]
        response = signed_in.post(SETUP, {"token": totp_code(key), "next": "/accounts/"})
        assert response["Location"] == "/accounts/"
        device = TOTPDevice.objects.get(user=officer)
        assert device.confirmed
        assert device.key == key
        assert signed_in.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
        assert SETUP_KEY_SESSION_KEY not in signed_in.session
        assert signed_in.get(reverse("core:dashboard")).status_code == 200

    def test_a_code_typed_with_a_space_is_accepted(self, signed_in):
        signed_in.get(SETUP)
        code = totp_code(signed_in.session[SETUP_KEY_SESSION_KEY])
        response = signed_in.post(SETUP, {"token": f"{code[:3]} {code[3:]}"})
        assert response.status_code == 302

    @pytest.mark.parametrize(
        ("token", "message"),
        [
            ("", "Enter the 6-digit code from your authenticator app"),
            ("12ab56", "The code must be 6 digits"),
            ("1234567", "The code must be 6 digits"),
        ],
    )
    def test_malformed_codes_are_explained(self, signed_in, token, message):
        response = signed_in.post(SETUP, {"token": token})
        assert response.status_code == 200
        html = response.content.decode()
        assert message in html
        assert "There is a problem" in html
        assert not TOTPDevice.objects.exists()

    def test_a_wrong_code_is_refused(self, signed_in):
        signed_in.get(SETUP)
        key = signed_in.session[SETUP_KEY_SESSION_KEY]
        wrong = "000000" if totp_code(key) != "000000" else "111111"
        response = signed_in.post(SETUP, {"token": wrong})
        assert "The code is not correct" in response.content.decode()
        assert not TOTPDevice.objects.exists()
        assert DEVICE_ID_SESSION_KEY not in signed_in.session

    def test_someone_with_an_authenticator_must_verify_instead(self, signed_in, officer):
        make_totp_device(officer)
        response = signed_in.get(SETUP + "?next=/accounts/")
        assert response["Location"] == VERIFY + "?next=%2Faccounts%2F"

    def test_providers_have_no_two_factor_pages(self, client, make_user, login):
        login(make_user(Role.PROVIDER))
        assert client.get(SETUP).status_code == 404
        assert client.get(VERIFY).status_code == 404

    def test_anonymous_visitors_are_sent_to_sign_in(self, client):
        assert client.get(SETUP)["Location"].startswith(reverse("accounts:login"))


class TestVerify:
    @pytest.fixture
    def device(self, officer):
        return make_totp_device(officer)

    def test_asks_for_the_code_as_the_page_heading(self, signed_in, device):
        response = signed_in.get(VERIFY)
        html = response.content.decode()
        assert re.search(r'<h1 class="govuk-label-wrapper">\s*<label class="govuk-label', html)
        assert 'inputmode="numeric"' in html
        assert 'autocomplete="one-time-code"' in html

    def test_a_correct_code_verifies_and_follows_next(self, signed_in, device):
        response = signed_in.post(VERIFY, {"token": totp_code(TEST_TOTP_KEY), "next": "/users/"})
        assert response["Location"] == "/users/"
        assert signed_in.session[DEVICE_ID_SESSION_KEY] == device.persistent_id

    def test_next_on_another_site_is_ignored(self, signed_in, device):
        response = signed_in.post(
            VERIFY, {"token": totp_code(TEST_TOTP_KEY), "next": "//evil.example/"}
        )
        assert response["Location"] == reverse("core:dashboard")

    def test_a_wrong_code_is_refused_and_then_throttled(self, signed_in, device, settings):
        settings.OTP_TOTP_THROTTLE_FACTOR = 60  # a wait no slow test run can outlast
        right = totp_code(TEST_TOTP_KEY)
        wrong = "000000" if right != "000000" else "111111"
        first = signed_in.post(VERIFY, {"token": wrong})
        assert "The code is not correct" in first.content.decode()
        # Straight after a wrong code even the right one must wait (django-otp throttling).
        second = signed_in.post(VERIFY, {"token": right})
        assert "You have entered too many incorrect codes" in second.content.decode()
        assert DEVICE_ID_SESSION_KEY not in signed_in.session

    def test_a_code_cannot_be_used_twice(self, client, officer, device, settings):
        settings.OTP_TOTP_THROTTLE_FACTOR = 0
        code = totp_code(TEST_TOTP_KEY)
        client.force_login(officer)
        assert client.post(VERIFY, {"token": code}).status_code == 302
        client.post(reverse("accounts:logout"))
        client.force_login(officer)
        again = client.post(VERIFY, {"token": code})
        assert again.status_code == 200
        assert (
            client.post(VERIFY, {"token": totp_code(TEST_TOTP_KEY, steps_ahead=1)}).status_code
            == 302
        )

    def test_without_an_authenticator_goes_to_set_up(self, signed_in):
        response = signed_in.get(VERIFY + "?next=/users/")
        assert response["Location"] == SETUP + "?next=%2Fusers%2F"

    def test_already_verified_goes_on(self, client, officer, login):
        login(officer)
        assert client.get(VERIFY)["Location"] == reverse("core:dashboard")
        assert client.get(SETUP)["Location"] == reverse("accounts:account")

    def test_a_sign_in_journey_from_password_to_page(self, client, officer, device):
        target = reverse("accounts:account")
        response = client.post(
            reverse("accounts:login"),
            {"username": officer.email, "password": "correct horse battery", "next": target},
        )
        assert response["Location"] == target
        response = client.get(target)
        assert response["Location"] == VERIFY + "?next=%2Faccounts%2F"
        response = client.post(response["Location"], {"token": totp_code(TEST_TOTP_KEY)})
        assert response["Location"] == target
        assert client.get(target).status_code == 200

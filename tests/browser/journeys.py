"""Steps shared by the journeys: signing in and proving a second factor, by keyboard."""

import base64
import re

from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page

from tests.browser.helpers import press_and_follow, tab_to, type_into, visit

PASSWORD = "correct horse battery"  # what tests.factories.UserFactory sets
CODE_LABEL = "Enter the 6-digit code from your authenticator app"


def code_for_device(device: TOTPDevice) -> str:
    """The code an authenticator app holding this device's key shows now."""
    return code_for_key(bytes(device.bin_key), step=device.step, t0=device.t0, digits=device.digits)


def code_for_key(key: bytes, *, step: int = 30, t0: int = 0, digits: int = 6) -> str:
    return str(totp(key, step=step, t0=t0, digits=digits)).zfill(digits)


def key_from_setup_secret(secret: str) -> bytes:
    """The raw key from the base32 setup key shown for manual entry (spaces allowed)."""
    squashed = re.sub(r"\s+", "", secret).upper()
    return base64.b32decode(squashed + "=" * (-len(squashed) % 8))


def submit_sign_in_form(page: Page, email: str, password: str = PASSWORD) -> None:
    """On the sign-in page: fill in the form and submit it, by keyboard."""
    type_into(page, "E-mail address", email)
    type_into(page, "Password", password)
    # "Sign in" also names the header link, so aim at the form's button.
    tab_to(page, page.locator("main form button[type=submit]"))
    press_and_follow(page, "Enter")


def sign_in(page: Page, email: str, password: str = PASSWORD) -> None:
    """From the home page's start button to whatever the sign-in leads to."""
    visit(page, "/")
    tab_to(page, "a.govuk-button--start")
    press_and_follow(page, "Enter", status=200)
    submit_sign_in_form(page, email, password)


def enter_code(page: Page, code: str) -> None:
    """On a two-factor page: type the code and press Continue."""
    type_into(page, CODE_LABEL, code)
    tab_to(page, page.locator("main form button[type=submit]", has_text="Continue"))
    press_and_follow(page, "Enter")

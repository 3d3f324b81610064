"""Helpers for the accounts tests: TOTP codes as an authenticator app would show them."""

import time

from django_otp.oath import TOTP


def totp_code(key_hex: str, *, steps_ahead: int = 0) -> str:
    """The code an authenticator shows now (or ``steps_ahead`` 30-second steps later:
    a device refuses a code it has already accepted, so a second sign-in in the same
    step needs the next code, as a real person would wait for)."""
    totp = TOTP(bytes.fromhex(key_hex), step=30, t0=0, digits=6)
    totp.time = time.time() + 30 * steps_ahead
    return f"{totp.token():06d}"

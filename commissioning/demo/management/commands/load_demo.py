"""manage.py load_demo: load (or refresh) the demo data and print how to sign in."""

from typing import Any
from urllib.parse import quote, urlencode

from django.conf import settings
from django.core.management.base import BaseCommand

from commissioning.demo import data
from commissioning.demo.loader import LoadSummary, load_demo


def otpauth_uri() -> str:
    """The otpauth:// URI of the shared demo secret, for an authenticator app."""
    issuer = str(getattr(settings, "OTP_TOTP_ISSUER", "") or settings.SERVICE_NAME)
    issuer = issuer.replace(":", "")
    params = urlencode(
        {"secret": data.DEMO_TOTP_KEY_BASE32, "algorithm": "SHA1", "digits": 6, "period": 30}
    )
    return f"otpauth://totp/{quote(issuer)}:{quote('demo staff')}?{params}&issuer={quote(issuer)}"


class Command(BaseCommand):
    help = (
        "Load the demo data (areas, organisations and one account per role). Safe to run "
        "again: it changes only what differs and resets the demo accounts' password."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        summary = load_demo()
        self._print_summary(summary)
        self._print_log_ins()

    def _print_summary(self, summary: LoadSummary) -> None:
        self.stdout.write(self.style.MIGRATE_HEADING("Demo data"))
        for label, counts in summary.counts.items():
            self.stdout.write(
                f"  {label:<24} {counts['created']:>3} created  {counts['updated']:>3} updated"
                f"  {counts['unchanged']:>3} unchanged"
            )
        if summary.passwords_reset:
            self.stdout.write(f"  Demo password set for {len(summary.passwords_reset)} account(s).")
        if not summary.changed_anything:
            self.stdout.write("  Everything was already loaded: nothing changed.")

    def _print_log_ins(self) -> None:
        self.stdout.write("")
        self.stdout.write(self.style.MIGRATE_HEADING("Demo log-ins (local use only)"))
        width = max(len(spec.email) for spec in data.USERS)
        self.stdout.write(f"  {'E-mail':<{width}}  Role")
        for spec in data.USERS:
            role = str(spec.role.label)
            scope = spec.organisation or spec.csp_area
            if scope:
                role = f"{role} ({scope})"
            self.stdout.write(f"  {spec.email:<{width}}  {role}")
        self.stdout.write(f"  Password for every account: {data.DEMO_PASSWORD}")
        self.stdout.write("")
        self.stdout.write(self.style.MIGRATE_HEADING("Two-factor authentication (staff accounts)"))
        self.stdout.write("  Every demo staff account shares one authenticator secret.")
        self.stdout.write(f"  Secret (base32): {data.DEMO_TOTP_KEY_BASE32}")
        self.stdout.write(f"  otpauth URI:     {otpauth_uri()}")
        self.stdout.write(
            "  Or run `make otp` (EMAIL=admin@demo.example for another account) "
            "to print the current 6-digit code."
        )

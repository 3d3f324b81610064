"""Print the current two-factor code for an account: a demonstration and development aid.

For the demo data, whose staff accounts share one known TOTP key, and for local
development. Anyone who can run manage.py can read the keys from the database anyway,
so this reveals nothing new; still, do not use it as part of real operations.
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django_otp.oath import totp

from commissioning.accounts.models import User
from commissioning.accounts.selectors import confirmed_totp_device


class Command(BaseCommand):
    help = "Print the current 6-digit two-factor code of a user's authenticator (demo aid)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email", help="The user's e-mail address.")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(email__iexact=options["email"].strip()).first()
        if user is None:
            raise CommandError(f"No user has the e-mail address {options['email']}.")
        device = confirmed_totp_device(user=user)
        if device is None:
            raise CommandError(f"{user.email} has not set up two-factor authentication.")
        code = totp(
            device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=device.drift
        )
        self.stdout.write(f"{code:0{device.digits}d}")

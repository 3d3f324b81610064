import io

import pytest
from django.core.management import CommandError, call_command

from commissioning.accounts import services
from commissioning.core.roles import Role
from tests.accounts.helpers import totp_code

pytestmark = pytest.mark.django_db

KEY = "3132333435363738393031323334353637383930"


def test_prints_the_current_code_of_the_confirmed_device(make_user):
    user = make_user(Role.ADMIN, email="admin@demo.example")
    services.ensure_demo_totp_device(user, KEY)
    out = io.StringIO()
    call_command("totp_code", "ADMIN@demo.example", stdout=out)
    code = out.getvalue().strip()
    # The step may roll over between the command and this line.
    assert code in {totp_code(KEY), totp_code(KEY, steps_ahead=-1)}
    assert len(code) == 6
    assert code.isdigit()


def test_unknown_address(db):
    with pytest.raises(CommandError, match="No user"):
        call_command("totp_code", "nobody@example.org")


def test_user_without_two_factor(make_user):
    make_user(email="p@example.org")
    with pytest.raises(CommandError, match="not set up"):
        call_command("totp_code", "p@example.org")

from io import StringIO
from urllib.parse import parse_qs, urlparse

import pytest
from django.core.management import call_command

from commissioning.core.roles import Role
from commissioning.demo import data

pytestmark = pytest.mark.django_db


def _run():
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def test_prints_summary_log_ins_and_two_factor_secret():
    output = _run()
    assert "sub-areas                 10 created" in output
    for spec in data.USERS:
        assert spec.email in output
    assert str(Role.CSP.label) in output
    assert data.DEMO_PASSWORD in output
    assert data.DEMO_TOTP_KEY_BASE32 in output
    assert "make otp" in output
    uri = next(word for word in output.split() if word.startswith("otpauth://"))
    query = parse_qs(urlparse(uri).query)
    assert query["secret"] == [data.DEMO_TOTP_KEY_BASE32]
    assert query["issuer"]


def test_second_run_says_nothing_changed():
    _run()
    output = _run()
    assert "nothing changed" in output
    assert " 0 created" in output
    assert "Demo password set" not in output

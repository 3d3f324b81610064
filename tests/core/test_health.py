"""The load balancer's health check: 200 only while the database answers."""

from typing import Any

import pytest
from django.test import Client

from commissioning.core import views


@pytest.mark.django_db
def test_health_check_reports_ok(client: Client) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"status": "ok", "database": "ok"}


class _BrokenConnectionModule:
    """Stands in for ``django.db.connection``: the database refuses every cursor."""

    @staticmethod
    def cursor() -> Any:
        from django.db import OperationalError

        raise OperationalError("could not connect to server: Connection refused")


@pytest.mark.django_db
def test_health_check_answers_503_when_the_database_is_down(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(views, "connection", _BrokenConnectionModule())
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "unavailable"}


@pytest.mark.django_db
def test_health_check_needs_no_sign_in_and_sets_no_session(client: Client) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert "sessionid" not in response.cookies

import logging

import pytest


@pytest.mark.django_db
def test_request_log_names_the_route_never_the_path_with_its_token(client, caplog):
    with caplog.at_level(logging.INFO, logger="commissioning.request"):
        client.get("/have-your-say/some-consultation/resume/secret-token-value/")
    records = [r for r in caplog.records if r.name == "commissioning.request"]
    assert records
    assert all("secret-token-value" not in str(r.__dict__) for r in records)
    assert records[-1].route == "have-your-say/<slug:slug>/resume/<str:token>/"

import pytest

from commissioning.core.roles import Role


@pytest.mark.django_db
def test_login_fixture_signs_in_staff_with_two_factor(make_user, login):
    client = login(make_user(Role.ADMIN))
    response = client.get("/dashboard/")
    assert response.status_code == 200

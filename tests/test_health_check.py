"""/healthz: whether the database answers, for load balancers and monitoring."""

import pytest
from django.db import OperationalError, connection


def database_down(execute, sql, params, many, context):
    raise OperationalError("could not connect to server")


def test_it_needs_no_sign_in_and_reports_the_database(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_it_answers_head_as_load_balancers_send_it(client, db):
    assert client.head("/healthz").status_code == 200


def test_it_says_503_when_the_database_is_down(client, db):
    with connection.execute_wrapper(database_down):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "unavailable"}


@pytest.mark.parametrize("method", ["get", "head"])
def test_it_says_503_when_the_database_is_down_even_with_a_session_cookie(client, staff_user, method):
    client.force_login(staff_user)
    with connection.execute_wrapper(database_down):
        response = getattr(client, method)("/healthz")
    assert response.status_code == 503


def test_it_leaves_a_signed_in_visitors_session_alone(client, staff_user):
    client.force_login(staff_user)
    client.get("/healthz")
    assert client.get("/").status_code == 200

"""Log lines name their request; a refusal is one line without a traceback, a server error keeps it."""

import logging

from django.urls import reverse

from khuyenhoc.core.logs import RequestIdFilter


def test_a_refusal_is_logged_as_one_line_naming_the_user_and_the_request(client, world, caplog):
    client.force_login(world.viewer_a)

    with caplog.at_level(logging.WARNING, logger="django.request"):
        response = client.get(reverse("funds:fund-create"))

    refusals = [r for r in caplog.records if r.name == "django.request"]
    assert response.status_code == 403
    assert [r.getMessage() for r in refusals] == [
        "Refused: user=viewer_a GET /funds/new/: Bạn không có quyền thực hiện thao tác này."
    ]
    assert refusals[0].exc_info is None


def test_each_response_carries_its_request_id_and_a_proxy_id_is_kept(client, db):
    first = client.get("/healthz")
    second = client.get("/healthz")
    given = client.get("/healthz", headers={"X-Request-ID": "proxy-42.a"})
    forged = client.get("/healthz", headers={"X-Request-ID": "x\nInjected: 1"})

    assert len(first["X-Request-ID"]) == 32
    assert first["X-Request-ID"] != second["X-Request-ID"]
    assert given["X-Request-ID"] == "proxy-42.a"
    assert forged["X-Request-ID"] != "x\nInjected: 1"


def test_a_record_outside_a_request_has_a_dash_for_its_id():
    record = logging.LogRecord("x", logging.ERROR, __file__, 1, "boom", None, None)

    RequestIdFilter().filter(record)

    assert record.request_id == "-"

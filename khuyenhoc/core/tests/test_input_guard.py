"""A control character (NUL) anywhere in a request is refused with a 400 and a Vietnamese message,
before any view or database sees it (PostgreSQL answered 500: it stores no NUL in text)."""

import json

import pytest
from django.urls import reverse

from khuyenhoc.accounts.services import token_create
from khuyenhoc.people.models import Person

MESSAGE = "Dữ liệu gửi lên có ký tự điều khiển không hợp lệ (như ký tự NUL)."


@pytest.mark.parametrize(
    "url", ["/titles/verify/%00/", "/funds/public/%00/", "/titles/verify/abc%01/"]
)
def test_a_nul_in_a_public_path_is_a_400_with_a_vietnamese_message(client, db, url):
    response = client.get(url)

    assert response.status_code == 400
    assert MESSAGE in response.content.decode()


def test_a_nul_in_a_query_parameter_names_the_parameter(client, world):
    client.force_login(world.clerk_a)

    response = client.get(reverse("people:person-list"), {"q": "Nguyễn\x00"})

    assert response.status_code == 400
    assert "Trường: q" in response.content.decode()


def test_a_nul_in_a_posted_form_changes_nothing(client, world):
    client.force_login(world.clerk_a)

    response = client.post(reverse("people:person-create"), {
        "full_name": "Lê Văn\x00 An", "gender": "male", "org_node": world.commune_a.code})  # fmt: skip

    assert response.status_code == 400
    assert not Person.objects.exists()


def test_the_api_answers_a_nul_in_a_json_string_with_its_error_envelope(client, world):
    _token, raw = token_create(actor=world.clerk_a, name="thử")
    body = {"full_name": "Lê An", "gender": "male", "org_node": "HKH-A", "address": "Thôn\u0000 1"}

    response = client.post("/api/v1/persons/", json.dumps(body), content_type="application/json",
                           headers={"Authorization": f"Bearer {raw}"})  # fmt: skip

    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "address"
    assert MESSAGE in response.json()["errors"][0]["message"]
    assert not Person.objects.exists()


def test_line_breaks_and_tabs_in_text_still_pass(client, world):
    client.force_login(world.clerk_a)

    response = client.get(reverse("people:person-list"), {"q": "Nguyễn"})
    posted = client.post(reverse("people:person-create"), {
        "full_name": "Lê Văn An", "gender": "male", "org_node": world.commune_a.code,
        "address": "Thôn 1\r\nxã A\tNghệ An"})  # fmt: skip

    assert response.status_code == 200
    assert posted.status_code != 400

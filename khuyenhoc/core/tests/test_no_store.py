"""A signed-in user's pages are never stored by a browser or a proxy; public pages and static files may be."""

import pytest

from khuyenhoc.accounts.services import token_create

pytestmark = pytest.mark.django_db


def directives(response) -> set[str]:
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part.strip()}


@pytest.mark.parametrize(
    "url", ["/", "/people/persons/", "/orgs/", "/funds/", "/accounts/profile/", "/healthz"]
)
def test_every_page_of_a_signed_in_user_says_no_store(client, world, url):
    client.force_login(world.clerk_a)

    response = client.get(url)

    assert response.status_code == 200
    assert {"no-store", "private", "no-cache", "max-age=0"} <= directives(response)


def test_an_htmx_fragment_and_a_refusal_say_no_store_too(client, world):
    client.force_login(world.clerk_a)

    fragment = client.get("/people/persons/", {"q": "an"}, HTTP_HX_REQUEST="true")
    refused = client.get("/accounts/users/")  # a clerk may not manage users

    assert "no-store" in directives(fragment)
    assert refused.status_code == 403
    assert "no-store" in directives(refused)


def test_an_api_call_with_a_token_says_no_store(client, world):
    _, raw = token_create(actor=world.clerk_a, name="thử")

    response = client.get("/api/v1/persons/", HTTP_AUTHORIZATION=f"Bearer {raw}")

    assert response.status_code == 200
    assert "no-store" in directives(response)


def test_a_public_page_for_a_visitor_keeps_no_such_header(client, world):
    response = client.get("/titles/verify/KHONG-CO/")

    assert "no-store" not in directives(response)


def test_static_files_stay_cacheable_for_a_signed_in_user(client, world):
    client.force_login(world.clerk_a)

    response = client.get("/static/css/app.css")

    assert response.status_code == 200
    assert "no-store" not in directives(response)
    assert "private" not in directives(response)

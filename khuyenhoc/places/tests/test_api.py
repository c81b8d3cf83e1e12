"""The /api/v1/places/ endpoints: reference data for any token, villages added by clerks."""

from khuyenhoc.accounts.models import User
from khuyenhoc.accounts.services import token_create
from khuyenhoc.places.models import AdminUnit, Level
from khuyenhoc.testing import factories as f

URL = "/api/v1/places/"


def bearer(user: User) -> dict[str, str]:
    """Headers carrying a fresh API token of `user`."""
    _, raw = token_create(actor=user, name="t")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def test_places_need_a_token(client, world):
    response = client.get(URL)

    assert response.status_code == 401
    assert response.json()["errors"][0]["code"] == "unauthenticated"


def test_any_token_lists_provinces_found_without_diacritics(client, world):
    headers = bearer(world.clerk_b)

    response = client.get(URL, {"level": "province", "q": "nghe an"}, **headers)

    assert response.status_code == 200
    assert [unit["code"] for unit in response.json()["items"]] == ["40"]
    assert response.json()["items"][0]["name"] == "Nghệ An"


def test_communes_of_a_province_come_in_pages(client, world):
    province = AdminUnit.objects.get(level=Level.PROVINCE, code="40")
    headers = bearer(world.viewer_a)

    first = client.get(URL, {"parent": province.pk, "limit": 20}, **headers).json()
    second = client.get(
        URL, {"parent": province.pk, "limit": 20, "cursor": first["next_cursor"]}, **headers
    ).json()

    assert len(first["items"]) == 20
    assert {u["parent"]["id"] for u in first["items"] + second["items"]} == {province.pk}
    assert not {u["id"] for u in first["items"]} & {u["id"] for u in second["items"]}
    assert second["prev_cursor"] is not None


def test_former_provinces_are_listed_only_when_asked_for_and_name_their_successor(client, world):
    headers = bearer(world.clerk_a)

    current = client.get(URL, {"q": "ba ria"}, **headers).json()["items"]
    former = client.get(URL, {"level": "former_province", "q": "ba ria"}, **headers).json()
    detail = client.get(f"{URL}{former['items'][0]['id']}", **headers).json()

    assert all(unit["level"] != "former_province" for unit in current)
    assert [unit["code"] for unit in former["items"]] == ["77"]
    assert detail["successor"]["code"] == "79"


def test_unknown_parent_is_a_400_naming_the_filter(client, world):
    response = client.get(URL, {"parent": 999_999}, **bearer(world.clerk_a))

    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "parent"


def test_unknown_unit_is_404(client, world):
    response = client.get(f"{URL}999999", **bearer(world.clerk_a))

    assert response.status_code == 404
    assert response.json()["errors"][0]["code"] == "not_found"


def test_clerk_adds_a_village_under_a_commune(client, world):
    commune = f.commune("40", 0)
    body = {"commune": commune.pk, "name": "Thôn  Đông", "division_type": "Thôn"}

    response = client.post(
        f"{URL}villages", body, content_type="application/json", **bearer(world.clerk_a)
    )

    assert response.status_code == 201
    village = AdminUnit.objects.get(pk=response.json()["id"])
    assert (village.name, village.parent, village.level) == ("Thôn Đông", commune, Level.VILLAGE)
    assert response.json()["parent"]["id"] == commune.pk


def test_village_under_a_province_is_refused_naming_the_commune(client, world):
    province = AdminUnit.objects.get(level=Level.PROVINCE, code="40")
    body = {"commune": province.pk, "name": "Thôn Đông"}

    response = client.post(
        f"{URL}villages", body, content_type="application/json", **bearer(world.clerk_a)
    )

    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "commune"
    assert not AdminUnit.objects.filter(level=Level.VILLAGE).exists()


def test_village_under_an_unknown_commune_is_a_400_naming_the_commune(client, world):
    body = {"commune": 999_999, "name": "Thôn Đông"}

    response = client.post(
        f"{URL}villages", body, content_type="application/json", **bearer(world.clerk_a)
    )

    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "commune"


def test_viewer_may_not_add_villages(client, world):
    body = {"commune": f.commune("40", 0).pk, "name": "Thôn Đông"}

    response = client.post(
        f"{URL}villages", body, content_type="application/json", **bearer(world.viewer_a)
    )

    assert response.status_code == 403
    assert not AdminUnit.objects.filter(level=Level.VILLAGE).exists()

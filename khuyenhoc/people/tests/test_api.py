"""The /api/v1/ persons, households and clans endpoints: scope, errors, pages, history."""

from typing import Any

import pytest

from khuyenhoc.accounts.models import User
from khuyenhoc.accounts.services import token_create
from khuyenhoc.core.privacy import mask_cccd
from khuyenhoc.people.cccd import make_cccd
from khuyenhoc.people.models import Clan, Household, HouseholdMember, Person
from khuyenhoc.people.services.clans import clan_create
from khuyenhoc.people.services.households import household_create
from khuyenhoc.places.services import village_create
from khuyenhoc.testing import factories as f

API = "/api/v1"
JSON = "application/json"


def bearer(user: User) -> dict[str, str]:
    """Headers carrying a fresh API token of `user`."""
    _, raw = token_create(actor=user, name="t")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def person_body(world: Any, **overrides: Any) -> dict[str, Any]:
    """A valid request body for a new person in commune A."""
    body = {
        "org_node": world.commune_a.pk,
        "full_name": "Trần Thị Ánh",
        "gender": "female",
        "birth_date": "1990-05-17",
        "cccd": make_cccd(province="040", gender="female", birth_year=1990, serial=4242),
    }
    return {**body, **overrides}


@pytest.fixture
def family(world: Any) -> tuple[Person, Household, Clan]:
    """A person of commune A who heads a household that belongs to a clan."""
    head = f.person(world.commune_a, full_name="Lê Văn Đức")
    household = household_create(
        actor=None, scope=f.ROOT, org_node=world.commune_a, name="Gia đình Lê Văn Đức", head=head
    )
    clan = clan_create(actor=None, scope=f.ROOT, org_node=world.commune_a, name="Họ Lê")
    return head, household, clan


def test_requests_without_a_token_are_401(client, world):
    response = client.get(f"{API}/persons/")

    assert response.status_code == 401
    assert response.json()["errors"][0]["code"] == "unauthenticated"


def test_openapi_schema_renders_without_a_token(client):
    response = client.get(f"{API}/openapi.json")

    assert response.status_code == 200
    assert "/api/v1/persons/" in response.json()["paths"]


def test_clerk_of_sibling_commune_sees_none_of_its_records(client, world, family):
    headers = bearer(world.clerk_b)

    for kind in ("persons", "households", "clans"):
        response = client.get(f"{API}/{kind}/", **headers)
        assert response.status_code == 200
        assert response.json()["items"] == []


@pytest.mark.parametrize(
    "path",
    [
        "persons/{head}",
        "persons/{head}/history",
        "households/{household}",
        "households/{household}/members",
        "clans/{clan}",
        "clans/{clan}/households",
    ],
)
def test_clerk_of_sibling_commune_gets_404_on_details(client, world, family, path):
    head, household, clan = family
    url = f"{API}/" + path.format(head=head.pk, household=household.pk, clan=clan.pk)

    response = client.get(url, **bearer(world.clerk_b))

    assert response.status_code == 404
    assert response.json()["errors"][0]["code"] == "not_found"


def test_search_finds_names_typed_without_diacritics_and_cccds(client, world):
    wanted = f.person(world.commune_a, full_name="Nguyễn Văn Ân")
    f.person(world.commune_a, full_name="Phạm Thị Hoa")
    headers = bearer(world.clerk_a)

    by_name = client.get(f"{API}/persons/", {"q": "nguyen van an"}, **headers).json()
    by_cccd = client.get(f"{API}/persons/", {"q": wanted.cccd}, **headers).json()

    assert [p["full_name"] for p in by_name["items"]] == ["Nguyễn Văn Ân"]
    assert [p["id"] for p in by_cccd["items"]] == [wanted.pk]


def test_persons_filter_by_org_place_and_gender(client, world):
    commune = f.commune("40", 0)
    village = village_create(actor=None, scope=f.ROOT, commune=commune, name="Thôn Đông")
    placed = f.person(world.commune_a, gender="female", commune=commune, village=village)
    f.person(world.commune_b, gender="female")
    f.person(world.commune_a, gender="male")
    headers = bearer(world.province_admin)

    def ids(**params: Any) -> list[int]:
        return [p["id"] for p in client.get(f"{API}/persons/", params, **headers).json()["items"]]

    assert ids(org=world.commune_a.pk, gender="female") == [placed.pk]
    assert ids(commune=commune.pk) == ids(village=village.pk) == [placed.pk]


def test_filter_by_a_node_outside_the_scope_is_a_400_naming_the_filter(client, world):
    response = client.get(f"{API}/persons/", {"org": world.commune_a.pk}, **bearer(world.clerk_b))

    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "org"


def test_clerk_creates_a_person(client, world):
    response = client.post(
        f"{API}/persons/",
        person_body(world, ethnicity="01"),
        content_type=JSON,
        **bearer(world.clerk_a),
    )

    assert response.status_code == 201
    body = response.json()
    assert (body["birth_date"], body["birth_year"]) == ("1990-05-17", 1990)
    assert body["ethnicity"] == {"code": "01", "name": "Kinh"}
    assert body["org_node"]["id"] == world.commune_a.pk
    assert body["cccd"] == mask_cccd(
        Person.objects.get(pk=body["id"]).cccd
    )  # lists, writes: masked


def test_duplicate_cccd_is_a_400_naming_the_cccd_and_saves_nothing(client, world):
    headers = bearer(world.clerk_a)
    first = client.post(f"{API}/persons/", person_body(world), content_type=JSON, **headers)

    again = client.post(
        f"{API}/persons/", person_body(world, full_name="Người khác"), content_type=JSON, **headers
    )

    assert first.status_code == 201
    assert again.status_code == 400
    assert again.json()["errors"][0]["field"] == "cccd"
    assert again.json()["errors"][0]["code"] == "duplicate"
    assert Person.objects.count() == 1


@pytest.mark.parametrize(
    ("value", "status"), [("17/05/1990", 422), ("1990-02-30", 422), ("2999-01-01", 400)]
)
def test_bad_birth_date_names_the_field(client, world, value, status):
    body = person_body(world, birth_date=value, cccd=None)

    response = client.post(f"{API}/persons/", body, content_type=JSON, **bearer(world.clerk_a))

    assert response.status_code == status
    assert response.json()["errors"][0]["field"] == "birth_date"
    assert not Person.objects.exists()


def test_village_of_another_commune_is_a_400_naming_the_village(client, world):
    home, other = f.commune("40", 0), f.commune("40", 1)
    village = village_create(actor=None, scope=f.ROOT, commune=other, name="Thôn Tây")
    body = person_body(world, commune=home.pk, village=village.pk)

    response = client.post(f"{API}/persons/", body, content_type=JSON, **bearer(world.clerk_a))

    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "village"
    assert not Person.objects.exists()


@pytest.mark.parametrize(
    ("field", "value"), [("village", 999_999), ("commune", 999_999), ("ethnicity", "99")]
)
def test_unknown_referenced_id_is_a_400_naming_the_field(client, world, field, value):
    body = person_body(world, **{field: value})

    response = client.post(f"{API}/persons/", body, content_type=JSON, **bearer(world.clerk_a))

    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == field


def test_node_outside_the_scope_is_a_400_naming_org_node(client, world):
    response = client.post(
        f"{API}/persons/", person_body(world), content_type=JSON, **bearer(world.clerk_b)
    )

    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "org_node"
    assert not Person.objects.exists()


def test_viewer_may_not_create_or_change_persons(client, world):
    person = f.person(world.commune_a, full_name="Lê Văn Đức")
    headers = bearer(world.viewer_a)

    created = client.post(f"{API}/persons/", person_body(world), content_type=JSON, **headers)
    changed = client.patch(
        f"{API}/persons/{person.pk}", {"full_name": "Khác"}, content_type=JSON, **headers
    )

    assert (created.status_code, changed.status_code) == (403, 403)
    person.refresh_from_db()
    assert person.full_name == "Lê Văn Đức"
    assert Person.objects.count() == 1


def test_patch_changes_only_the_fields_sent(client, world):
    person = f.person(world.commune_a, full_name="Lê Văn Đức", occupation="Nông dân")

    response = client.patch(
        f"{API}/persons/{person.pk}",
        {"full_name": "Lê  Văn Đạt", "phone": "0912345678"},
        content_type=JSON,
        **bearer(world.clerk_a),
    )

    assert response.status_code == 200
    person.refresh_from_db()
    assert (person.full_name, person.phone, person.occupation) == (
        "Lê Văn Đạt",
        "0912345678",
        "Nông dân",
    )


def test_pages_walk_all_persons_without_repeats_both_ways(client, world):
    for _ in range(60):
        f.person(world.commune_a)
    headers = bearer(world.clerk_a)

    first = client.get(f"{API}/persons/", **headers).json()
    second = client.get(f"{API}/persons/", {"cursor": first["next_cursor"]}, **headers).json()
    back = client.get(f"{API}/persons/", {"cursor": second["prev_cursor"]}, **headers).json()

    ids = [p["id"] for p in first["items"] + second["items"]]
    assert (len(first["items"]), len(second["items"])) == (50, 10)
    assert len(set(ids)) == 60
    assert second["next_cursor"] is None
    assert [p["id"] for p in back["items"]] == [p["id"] for p in first["items"]]


def test_person_list_stays_within_its_query_budget(client, world, django_assert_max_num_queries):
    commune = f.commune("40", 0)
    for _ in range(30):
        f.person(world.commune_a, commune=commune, ethnicity=None)
    headers = bearer(world.clerk_a)

    # token, its last use, role grants, the name-order window (and its size when sparse), the rows
    with django_assert_max_num_queries(6):
        response = client.get(f"{API}/persons/", **headers)

    assert len(response.json()["items"]) == 30


def test_history_shows_who_changed_what(client, world):
    headers = bearer(world.clerk_a)
    created = client.post(f"{API}/persons/", person_body(world), content_type=JSON, **headers)
    url = f"{API}/persons/{created.json()['id']}"
    client.patch(url, {"occupation": "Giáo viên"}, content_type=JSON, **headers)

    history = client.get(f"{url}/history", **bearer(world.province_admin)).json()

    assert [(e["user"], e["kind"]) for e in history] == [("clerk_a", "Sửa"), ("clerk_a", "Tạo mới")]
    assert history[0]["changes"] == [{"field": "nghề nghiệp", "old": "", "new": "Giáo viên"}]


def test_clerk_creates_a_household_whose_head_is_its_first_member(client, world):
    head = f.person(world.commune_a)
    body = {"org_node": world.commune_a.pk, "name": "Gia đình ông A", "head": head.pk}
    headers = bearer(world.clerk_a)

    created = client.post(f"{API}/households/", body, content_type=JSON, **headers)
    members = client.get(f"{API}/households/{created.json()['id']}/members", **headers).json()

    assert created.status_code == 201
    assert created.json()["head"]["id"] == head.pk
    assert [(m["person"]["id"], m["relation"]) for m in members] == [(head.pk, "head")]


def test_household_head_from_another_commune_is_a_400_naming_the_head(client, world):
    stranger = f.person(world.commune_b)
    body = {"org_node": world.commune_a.pk, "name": "Gia đình ông A", "head": stranger.pk}

    response = client.post(f"{API}/households/", body, content_type=JSON, **bearer(world.clerk_a))

    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "head"
    assert not Household.objects.exists()


def test_clerk_adds_a_member_once(client, world, family):
    _, household, _ = family
    child = f.person(world.commune_a)
    url = f"{API}/households/{household.pk}/members"
    body = {"person": child.pk, "relation": "child", "joined_on": "2020-01-02"}
    headers = bearer(world.clerk_a)

    added = client.post(url, body, content_type=JSON, **headers)
    again = client.post(url, body, content_type=JSON, **headers)

    assert added.status_code == 201
    assert added.json()["joined_on"] == "2020-01-02"
    assert again.status_code == 400
    assert again.json()["errors"][0]["field"] == "person"
    assert HouseholdMember.objects.filter(person=child).count() == 1


def test_household_patch_may_not_drop_its_node(client, world, family):
    _, household, _ = family
    url = f"{API}/households/{household.pk}"
    headers = bearer(world.clerk_a)

    renamed = client.patch(url, {"name": "Gia đình họ Lê"}, content_type=JSON, **headers)
    dropped = client.patch(url, {"org_node": None}, content_type=JSON, **headers)

    assert renamed.status_code == 200
    assert renamed.json()["name"] == "Gia đình họ Lê"
    assert dropped.status_code == 422
    assert dropped.json()["errors"][0]["field"] == "org_node"


def test_households_join_clans_and_are_counted(client, world, family):
    head, household, clan = family
    headers = bearer(world.clerk_a)
    url = f"{API}/clans/{clan.pk}"

    added = client.post(
        f"{url}/households", {"household": household.pk}, content_type=JSON, **headers
    )
    listed = client.get(f"{url}/households", **headers).json()
    detail = client.get(url, **headers).json()

    assert added.status_code == 201
    assert [(row["household"]["id"], row["household"]["head"]["id"]) for row in listed] == [
        (household.pk, head.pk)
    ]
    assert detail["household_count"] == 1


def test_clerk_creates_and_renames_a_clan(client, world, family):
    head, _, _ = family
    headers = bearer(world.clerk_a)
    body = {"org_node": world.commune_a.pk, "name": "Họ Nguyễn", "code": "hn-01", "head": head.pk}

    created = client.post(f"{API}/clans/", body, content_type=JSON, **headers)
    url = f"{API}/clans/{created.json()['id']}"
    renamed = client.patch(url, {"origin": "Nhà thờ họ ở thôn Đông"}, content_type=JSON, **headers)

    assert created.status_code == 201
    assert (created.json()["code"], created.json()["head"]["id"]) == ("HN-01", head.pk)
    assert renamed.json()["origin"] == "Nhà thờ họ ở thôn Đông"
    assert Clan.objects.get(code="HN-01").origin == "Nhà thờ họ ở thôn Đông"

"""The /api/v1/orgs/ endpoints: scoped reads, writes by those who manage organisations."""

from django.http import HttpResponse

from khuyenhoc.accounts.models import User
from khuyenhoc.accounts.services import token_create
from khuyenhoc.orgs.models import OrgNode
from khuyenhoc.testing import factories as f

URL = "/api/v1/orgs/"
JSON = "application/json"


def bearer(user: User) -> dict[str, str]:
    """Headers carrying a fresh API token of `user`."""
    _, raw = token_create(actor=user, name="t")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def codes(response: HttpResponse) -> list[str]:
    """The codes of the nodes on a listed page."""
    return [node["code"] for node in response.json()["items"]]


def test_clerk_of_sibling_commune_sees_only_its_own_node(client, world):
    headers = bearer(world.clerk_b)

    listed = client.get(URL, **headers)
    other = client.get(f"{URL}{world.commune_a.pk}", **headers)
    children = client.get(f"{URL}{world.commune_a.pk}/children", **headers)

    assert codes(listed) == ["HKH-B"]
    assert other.status_code == 404
    assert other.json()["errors"][0]["code"] == "not_found"
    assert children.status_code == 404


def test_province_admin_lists_nodes_under_a_node_found_without_diacritics(client, world):
    headers = bearer(world.province_admin)

    under = client.get(URL, {"under": world.province.pk, "system": "hkh"}, **headers)
    found = client.get(URL, {"q": "khuyen hoc xa a"}, **headers)
    other_system = client.get(URL, {"system": "CD"}, **headers)

    assert codes(under) == ["HKH-A", "HKH-B"]
    assert codes(found) == ["HKH-A"]
    assert codes(other_system) == []


def test_under_a_node_outside_the_scope_is_a_400_naming_the_filter(client, world):
    response = client.get(URL, {"under": world.commune_a.pk}, **bearer(world.clerk_b))

    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "under"


def test_node_detail_and_children_name_the_system_and_count_grandchildren(client, world):
    f.orgnode(parent=world.commune_a, kind="branch", code="HKH-A-1", name="Chi hội thôn 1")
    headers = bearer(world.province_admin)

    detail = client.get(f"{URL}{world.province.pk}", **headers).json()
    children = client.get(f"{URL}{world.province.pk}/children", **headers).json()

    assert (detail["system"], detail["place"]["code"], detail["parent_id"]) == ("HKH", "40", None)
    assert [(c["code"], c["child_count"]) for c in children["items"]] == [
        ("HKH-A", 1),
        ("HKH-B", 0),
    ]


def test_node_list_pages_walk_the_tree_without_repeats(client, world):
    for i in range(5):
        f.orgnode(parent=world.commune_a, kind="branch", code=f"HKH-A-{i}", name=f"Chi hội {i}")
    headers = bearer(world.province_admin)

    seen, cursor = [], None
    while True:
        params = {"limit": 3, **({"cursor": cursor} if cursor else {})}
        page = client.get(URL, params, **headers).json()
        seen += [node["id"] for node in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break

    assert len(seen) == len(set(seen)) == 8


def test_node_list_stays_within_its_query_budget(client, world, django_assert_max_num_queries):
    for i in range(20):
        f.orgnode(parent=world.commune_a, kind="branch", code=f"HKH-A-{i}", name=f"Chi hội {i}")
    headers = bearer(world.province_admin)

    with django_assert_max_num_queries(5):
        response = client.get(URL, **headers)

    assert len(response.json()["items"]) == 23


def test_province_admin_creates_a_node_in_the_parents_system(client, world):
    body = {"parent": world.commune_a.pk, "kind": "branch", "code": "hkh-a-9", "name": "Chi hội 9"}

    response = client.post(URL, body, content_type=JSON, **bearer(world.province_admin))

    assert response.status_code == 201
    node = OrgNode.objects.get(pk=response.json()["id"])
    assert (node.code, node.parent, node.system.code) == ("HKH-A-9", world.commune_a, "HKH")
    assert node.path == f"{world.commune_a.path}{node.pk}."


def test_clerk_may_not_create_nodes(client, world):
    body = {"parent": world.commune_a.pk, "kind": "branch", "code": "HKH-A-9", "name": "Chi hội 9"}

    response = client.post(URL, body, content_type=JSON, **bearer(world.clerk_a))

    assert response.status_code == 403
    assert response.json()["errors"][0]["code"] == "forbidden"
    assert not OrgNode.objects.filter(code="HKH-A-9").exists()


def test_parent_outside_the_scope_is_a_400_naming_the_parent(client, world):
    body = {"parent": world.commune_a.pk, "kind": "branch", "code": "HKH-A-9", "name": "Chi hội 9"}

    response = client.post(URL, body, content_type=JSON, **bearer(world.clerk_b))

    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "parent"


def test_bad_date_and_unknown_kind_are_422_naming_the_fields(client, world):
    body = {"parent": world.province.pk, "code": "X", "name": "X", "valid_from": "31/02/2020"}

    response = client.post(
        URL, {**body, "kind": "planet"}, content_type=JSON, **bearer(world.province_admin)
    )

    assert response.status_code == 422
    assert {e["field"] for e in response.json()["errors"]} == {"valid_from", "kind"}


def test_province_admin_renames_a_node(client, world):
    body = {"name": "  Hội Khuyến học  phường A ", "phone": "0238 123 456"}

    response = client.patch(
        f"{URL}{world.commune_a.pk}", body, content_type=JSON, **bearer(world.province_admin)
    )

    assert response.status_code == 200
    world.commune_a.refresh_from_db()
    assert (world.commune_a.name, world.commune_a.code) == ("Hội Khuyến học phường A", "HKH-A")
    assert response.json()["phone"] == "0238 123 456"


def test_renaming_to_a_used_code_is_a_400_naming_the_code(client, world):
    response = client.patch(
        f"{URL}{world.commune_a.pk}",
        {"code": "hkh-b"},
        content_type=JSON,
        **bearer(world.province_admin),
    )

    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "code"


def test_viewer_may_not_change_a_node(client, world):
    response = client.patch(
        f"{URL}{world.commune_a.pk}",
        {"name": "Đổi tên"},
        content_type=JSON,
        **bearer(world.viewer_a),
    )

    assert response.status_code == 403
    world.commune_a.refresh_from_db()
    assert world.commune_a.name == "Hội Khuyến học xã A"


def test_null_name_is_refused_naming_the_field(client, world):
    response = client.patch(
        f"{URL}{world.commune_a.pk}",
        {"name": None},
        content_type=JSON,
        **bearer(world.province_admin),
    )

    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "name"

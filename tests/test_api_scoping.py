"""Every API operation: a token of a sibling commune's clerk reads nothing of commune A and changes nothing.

The operations come from the OpenAPI document, so a new endpoint fails `test_every_operation_is_classified`
until it is added below.
"""

import json

import pytest

from khuyenhoc.accounts.services import token_create
from khuyenhoc.api import api
from khuyenhoc.orgs.models import OrgNode
from khuyenhoc.people.models import Clan, ClanHousehold, Household, HouseholdMember, Person
from tests.conftest import SECRET

PREFIX = "/api/v1"
# path template → which record of commune A fills its id
RECORD_PATHS = {
    "/api/v1/orgs/{node_id}": "node",
    "/api/v1/orgs/{node_id}/children": "node",
    "/api/v1/persons/{person_id}": "person",
    "/api/v1/persons/{person_id}/history": "person",
    "/api/v1/households/{household_id}": "household",
    "/api/v1/households/{household_id}/members": "household",
    "/api/v1/clans/{clan_id}": "clan",
    "/api/v1/clans/{clan_id}/households": "clan",
}
LIST_PATHS = {"/api/v1/orgs/", "/api/v1/persons/", "/api/v1/households/", "/api/v1/clans/"}
EXEMPT = {
    "/api/v1/places/": "shared reference data",
    "/api/v1/places/{unit_id}": "shared reference data",
    "/api/v1/places/villages": "shared reference data",
}


def _operations() -> list[tuple[str, str]]:
    paths = api.get_openapi_schema()["paths"]
    return sorted((path, method) for path, item in paths.items() for method in item)


def _body_fields(path: str, method: str) -> set[str]:
    schema = api.get_openapi_schema()
    body = schema["paths"][path][method].get("requestBody")
    if body is None:
        return set()
    ref = body["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]
    return set(schema["components"]["schemas"][ref]["properties"])


@pytest.fixture
def sibling(client, world):
    _, raw = token_create(actor=world.clerk_b, name="t")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def _state() -> tuple:
    return (
        list(Person.objects.values_list("full_name", "org_node_id")),
        list(Household.objects.values_list("name", "head_id")),
        list(Clan.objects.values_list("name", flat=True)),
        HouseholdMember.objects.count(),
        ClanHousehold.objects.count(),
        list(OrgNode.objects.values_list("code", "name")),
    )


def test_every_operation_is_classified():
    paths = {path for path, _method in _operations()}

    assert paths - set(RECORD_PATHS) - LIST_PATHS - set(EXEMPT) == set()


@pytest.mark.parametrize(("path", "method"), [op for op in _operations() if op[0] in RECORD_PATHS])
def test_sibling_token_gets_404_on_every_record_operation(
    client, world, secrets, sibling, path, method
):
    url = path.replace(
        "{" + path.split("{")[1].split("}")[0] + "}", str(getattr(secrets, RECORD_PATHS[path]))
    )
    body = {
        "name": "Đã bị đổi",
        "full_name": "Đã bị đổi",
        "person": secrets.person,
        "household": secrets.household,
        "relation": "child",
    }
    # Bodies refuse fields their schema does not name (422): send only the operation's own.
    body = {key: value for key, value in body.items() if key in _body_fields(path, method)}
    before = _state()

    response = client.generic(
        method.upper(), url, json.dumps(body), content_type="application/json", **sibling
    )

    assert response.status_code == 404
    assert SECRET not in response.content.decode()
    assert _state() == before


@pytest.mark.parametrize("path", sorted(LIST_PATHS))
def test_sibling_token_lists_nothing_of_commune_a(client, world, secrets, sibling, path):
    response = client.get(path, {"q": "bi mat"}, **sibling)
    unfiltered = client.get(path, **sibling)

    assert response.status_code == 200
    assert unfiltered.status_code == 200
    assert "Bí Mật" not in response.content.decode() + unfiltered.content.decode()


@pytest.mark.parametrize("path", sorted(LIST_PATHS))
def test_sibling_token_cannot_create_records_under_commune_a(client, world, secrets, sibling, path):
    body = {
        "org_node": world.commune_a.pk,
        "parent": world.commune_a.pk,
        "name": "Mới",
        "full_name": "Mới",
        "gender": "male",
        "birth_year": 1980,
        "kind": "branch",
        "code": "MOI-1",
    }
    body = {key: value for key, value in body.items() if key in _body_fields(path, "post")}
    before = _state()

    response = client.post(path, json.dumps(body), content_type="application/json", **sibling)

    assert response.status_code in {400, 403}
    assert _state() == before
    assert response.json()["errors"]

"""Every API operation: a token of a sibling commune's clerk reads nothing of commune A and changes nothing.

The operations come from the OpenAPI document, so a new endpoint fails `test_every_operation_is_classified`
until it is added below.
"""

import json
import re

import pytest
from django.apps import apps

from khuyenhoc.accounts.services import token_create
from khuyenhoc.api import api
from khuyenhoc.orgs.models import OrgNode
from khuyenhoc.people.models import Clan, ClanHousehold, Household, HouseholdMember, Person
from khuyenhoc.testing import factories as f
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
    "/api/v1/places/villages": "a write: walked in API_WRITES below (the commune must be the token's)",
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


# The write walk: every write operation, on commune B's own record, with each reference of its body
# naming commune A's record in turn (the others B's). Refused with nothing changed; the control (B's
# records only) goes through. `{x}` is A's or B's record; `{b_x}` always B's.
API_WRITES = {
    ("/api/v1/places/villages", "post"): ({}, {"commune": "{commune}", "name": "Thôn Mới"}),
    ("/api/v1/orgs/", "post"): ({}, {"parent": "{node}", "kind": "branch", "code": "MOI-1",
                                     "name": "Chi hội Mới", "place": "{commune}"}),
    ("/api/v1/orgs/{node_id}", "patch"): ({"node_id": "{b_node}"},
                                          {"name": "Tên Đổi", "place": "{commune}"}),
    ("/api/v1/persons/", "post"): ({}, {"org_node": "{node}", "full_name": "Người Mới",
                                        "gender": "male"}),
    ("/api/v1/persons/{person_id}", "patch"): ({"person_id": "{b_person2}"},
                                               {"org_node": "{node}", "full_name": "Tên Đổi"}),
    ("/api/v1/households/", "post"): ({}, {"org_node": "{node}", "name": "Gia đình Mới",
                                           "head": "{person2}"}),
    ("/api/v1/households/{household_id}", "patch"): ({"household_id": "{b_household}"},
                                                     {"org_node": "{node}", "name": "Đổi"}),
    ("/api/v1/households/{household_id}/members", "post"): ({"household_id": "{b_household}"},
                                                            {"person": "{person2}",
                                                             "relation": "child"}),
    ("/api/v1/clans/", "post"): ({}, {"org_node": "{node}", "name": "Họ Mới", "head": "{person}"}),
    ("/api/v1/clans/{clan_id}", "patch"): ({"clan_id": "{b_clan}"},
                                           {"org_node": "{node}", "name": "Họ Đổi",
                                            "head": "{person}"}),
    ("/api/v1/clans/{clan_id}/households", "post"): ({"clan_id": "{b_clan}"},
                                                     {"household": "{household2}"}),
}  # fmt: skip
API_WRITE_CASES = [
    (path, method, key)
    for (path, method), (ids, body) in sorted(API_WRITES.items())
    for key in sorted(
        {k for v in [*ids.values(), *body.values()] for k in re.findall(r"{(\w+)}", v)}
    )
    if not key.startswith("b_")
]


def _fill(template: str, sides, foreign: str | None) -> str:
    values = {f"b_{k}": v for k, v in sides.b.refs().items()}
    values |= {k: (sides.a if k == foreign else sides.b).refs()[k] for k in sides.b.refs()}
    return template.format(**values)


def _write(path: str, method: str, sides, foreign: str | None) -> tuple[str, str]:
    ids, body = API_WRITES[(path, method)]
    for name, template in ids.items():
        path = path.replace("{" + name + "}", _fill(template, sides, foreign))
    filled = {k: _fill(v, sides, foreign) for k, v in body.items()}
    return path, json.dumps({k: int(v) if v.isdigit() else v for k, v in filled.items()})


def _rows() -> dict[str, int]:
    return {m._meta.db_table: m._base_manager.count() for m in apps.get_models()}


def _token(user) -> dict[str, str]:
    _, raw = token_create(actor=user, name="t")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def test_every_write_operation_is_in_the_write_walk():
    writes = {(path, method) for path, method in _operations() if method != "get"}

    assert writes == set(API_WRITES)


@pytest.mark.parametrize("who", ["clerk_b", "admin_b"])
@pytest.mark.parametrize(("path", "method", "foreign"), API_WRITE_CASES)
def test_sibling_token_cannot_write_naming_commune_as_records(
    client, world, sides, who, path, method, foreign
):
    user = f.user("admin_b", world.commune_b, ["org_admin"]) if who == "admin_b" else world.clerk_b
    headers = _token(user)
    url, body = _write(path, method, sides, foreign)
    before = _rows()

    response = client.generic(method.upper(), url, body, content_type="application/json", **headers)

    assert response.status_code in {400, 403, 404}, (url, body, response.content)
    assert response.json()["errors"]
    assert "Người A" not in response.content.decode()
    assert _rows() == before


@pytest.mark.parametrize(("path", "method"), sorted(API_WRITES))
def test_the_same_write_naming_bs_own_records_goes_through(client, world, sides, path, method):
    headers = _token(f.user("admin_b", world.commune_b, ["org_admin"]))
    url, body = _write(path, method, sides, None)
    before = _rows()

    response = client.generic(method.upper(), url, body, content_type="application/json", **headers)

    assert response.status_code in {200, 201}, (url, body, response.content)
    assert _rows() != before

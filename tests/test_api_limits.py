"""Every API input has the limits of the database and the web forms, and bad input is a 4xx naming the field.

The first tests walk the OpenAPI document, so a new endpoint or field is held to the same rules: each
string input has a maxLength (no longer than the model column it fills), each integer a range, each
operation lists its error statuses with the error envelope. The rest send what once gave a 500 — ten
thousand characters, a 17-character village code, huge and negative ids, wrong types, a NUL — and check
the answer is a 4xx JSON naming the field and that nothing was written.
"""

import json

import pytest
from django.apps import apps

from khuyenhoc.accounts.services import token_create
from khuyenhoc.api import api
from khuyenhoc.core.schemas import COLUMN_KEY, MAX_ID
from khuyenhoc.orgs.models import OrgNode
from khuyenhoc.people.models import Clan, Household, Person
from khuyenhoc.places.models import AdminUnit, Level

API = "/api/v1"
JSON = "application/json"


def _schema() -> dict:
    return api.get_openapi_schema()


def _resolve(schema: dict, node: dict) -> dict:
    ref = node.get("$ref")
    if ref:
        return schema["components"]["schemas"][ref.rsplit("/", 1)[1]]
    return node


def _leaves(schema: dict, node: dict, name: str):
    """(name, sub-schema) for each typed value a property accepts (anyOf branches, refs resolved)."""
    node = _resolve(schema, node)
    for branch in node.get("anyOf", []) + node.get("allOf", []):
        yield from _leaves(schema, branch, name)
    if "type" in node or "enum" in node:
        yield name, node


def _inputs():
    """Every input value of every operation: (operation, name, schema)."""
    schema = _schema()
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            label = f"{method.upper()} {path}"
            for param in operation.get("parameters", []):
                for name, leaf in _leaves(schema, param["schema"], param["name"]):
                    yield label, name, leaf
            body = operation.get("requestBody")
            if body:
                model = _resolve(schema, body["content"][JSON]["schema"])
                assert model.get("additionalProperties") is False, label
                for prop, node in model["properties"].items():
                    for name, leaf in _leaves(schema, node, prop):
                        yield label, name, leaf


INPUTS = list(_inputs())


def test_every_string_input_is_bounded_and_no_longer_than_its_column():
    unbounded, too_long = [], []
    for label, name, leaf in INPUTS:
        if leaf.get("type") != "string" or "enum" in leaf or leaf.get("format") == "date":
            continue
        if "maxLength" not in leaf or "pattern" not in leaf:
            unbounded.append(f"{label} {name}")
            continue
        if COLUMN_KEY in leaf:
            label_, model_name, field = leaf[COLUMN_KEY].split(".")
            column = apps.get_model(label_, model_name)._meta.get_field(field)
            if leaf["maxLength"] > column.max_length:
                too_long.append(f"{label} {name}: {leaf['maxLength']} > {column.max_length}")

    assert unbounded == []
    assert too_long == []


def test_every_integer_input_has_a_range_within_64_bits():
    unbounded = [
        f"{label} {name}"
        for label, name, leaf in INPUTS
        if leaf.get("type") == "integer"
        and not (leaf.get("minimum", -1) >= 0 and 0 < leaf.get("maximum", MAX_ID + 1) <= MAX_ID)
    ]

    assert unbounded == []


def test_every_operation_documents_its_error_statuses_with_the_envelope():
    schema = _schema()
    missing = []
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            expected = {"400", "401", "422"}
            if "{" in path or method != "get":
                expected.add("404")
            if method != "get":
                expected.add("403")
            for status in sorted(expected):
                answer = {str(k): v for k, v in operation["responses"].items()}.get(status)
                ref = answer and answer["content"][JSON]["schema"].get("$ref", "")
                if not ref or not ref.endswith("/ErrorsOut"):
                    missing.append(f"{method.upper()} {path} {status}")

    assert missing == []


@pytest.fixture
def admin(client, world):
    _, raw = token_create(actor=world.system_admin, name="t")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


@pytest.fixture
def commune():
    return AdminUnit.objects.filter(level=Level.COMMUNE).order_by("path").first()


def _state() -> tuple:
    return (
        AdminUnit.objects.filter(level=Level.VILLAGE).count(),
        OrgNode.objects.count(),
        Person.objects.count(),
        Household.objects.count(),
        Clan.objects.count(),
    )


def _bad_bodies(world, commune) -> list[tuple[str, dict, str]]:
    long = "A" * 10_000
    person = {"org_node": world.commune_a.pk, "full_name": "Lê Văn Bình", "gender": "male"}
    return [
        ("/places/villages", {"commune": commune.pk, "name": "Thôn Mới", "code": "A" * 17}, "code"),
        ("/places/villages", {"commune": commune.pk, "name": long}, "name"),
        ("/places/villages", {"commune": -1, "name": "Thôn Mới"}, "commune"),
        ("/places/villages", {"commune": 2**70, "name": "Thôn Mới"}, "commune"),
        ("/places/villages", {"commune": "một", "name": "Thôn Mới"}, "commune"),
        ("/places/villages", {"commune": commune.pk, "name": "Thôn\x00Mới"}, "name"),
        ("/places/villages", {"commune": commune.pk, "name": "Thôn", "division_type": "x"}, "division_type"),
        ("/orgs/", {"parent": world.commune_a.pk, "code": "X-1", "name": long}, "name"),
        ("/orgs/", {"parent": world.commune_a.pk, "code": "X" * 41, "name": "Chi hội"}, "code"),
        ("/orgs/", {"parent": world.commune_a.pk, "code": "X-1", "name": "C", "phone": "1" * 33}, "phone"),
        ("/orgs/", {"parent": 2**63, "code": "X-1", "name": "Chi hội"}, "parent"),
        ("/persons/", {**person, "full_name": long}, "full_name"),
        ("/persons/", {**person, "occupation": long}, "occupation"),
        ("/persons/", {**person, "email": "a@" + "b" * 260 + ".vn"}, "email"),
        ("/persons/", {**person, "birth_year": 10**12}, "birth_year"),
        ("/persons/", {**person, "birth_year": -5}, "birth_year"),
        ("/persons/", {**person, "cccd": "0" * 100}, "cccd"),
        ("/persons/", {**person, "ethnicity": "012"}, "ethnicity"),
        ("/persons/", {**person, "religion": ["Phật giáo"]}, "religion"),
        ("/persons/", {**person, "nickname": "Bình"}, "nickname"),
        ("/households/", {"org_node": world.commune_a.pk, "name": long}, "name"),
        ("/households/", {"org_node": world.commune_a.pk, "name": "G", "code": "C" * 41}, "code"),
        ("/clans/", {"org_node": world.commune_a.pk, "name": "Họ Lê", "origin": long}, "origin"),
        ("/clans/", {"org_node": 0, "name": "Họ Lê"}, "org_node"),
    ]  # fmt: skip


def test_bad_bodies_are_a_4xx_naming_the_field_in_vietnamese_and_write_nothing(
    client, world, admin, commune
):
    before = _state()
    for path, body, field in _bad_bodies(world, commune):
        response = client.post(API + path, json.dumps(body), content_type=JSON, **admin)

        assert response.status_code in {400, 422}, (path, body.keys(), response.content)
        errors = response.json()["errors"]
        assert [e["field"] for e in errors] == [field], (path, errors)
        assert errors[0]["message"].isascii() is False, errors[0]["message"]
    assert _state() == before


def test_patches_refuse_over_long_text_and_null_for_a_required_field(client, world, admin):
    node = world.commune_a
    person = Person.objects.create(
        org_node=node, org_path=node.path, full_name="Lê Văn Bình", gender="male"
    )
    cases = [
        (f"/orgs/{node.pk}", {"address": "A" * 256}, "address"),
        (f"/orgs/{node.pk}", {"kind": None}, "kind"),
        (f"/persons/{person.pk}", {"full_name": "A" * 10_000}, "full_name"),
        (f"/persons/{person.pk}", {"gender": None}, "gender"),
        (f"/persons/{person.pk}", {"phone": None}, "phone"),
    ]
    for path, body, field in cases:
        response = client.patch(API + path, json.dumps(body), content_type=JSON, **admin)

        assert response.status_code == 422, (path, response.content)
        assert [e["field"] for e in response.json()["errors"]] == [field]
    person.refresh_from_db()
    node.refresh_from_db()
    assert (person.full_name, person.gender, person.phone) == ("Lê Văn Bình", "male", "")
    assert node.address == ""


@pytest.mark.parametrize(
    ("url", "field"),
    [
        ("/persons/?q=" + "a" * 10_000, "q"),
        ("/persons/?org=-3", "org"),
        ("/persons/?org=99999999999999999999999", "org"),
        ("/orgs/?system=" + "H" * 17, "system"),
        ("/places/?limit=100000", "limit"),
        ("/places/?cursor=" + "a" * 3000, "cursor"),
        ("/households/?village=mot", "village"),
    ],
)
def test_bad_query_strings_are_a_422_naming_the_parameter(client, admin, url, field):
    response = client.get(API + url, **admin)

    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == [field]


@pytest.mark.parametrize("path", ["/persons/{}", "/orgs/{}", "/places/{}", "/clans/{}/households"])
def test_ids_beyond_64_bits_in_the_path_are_a_422_not_a_500(client, admin, path):
    response = client.get(API + path.format(2**64), **admin)

    assert response.status_code == 422
    assert response.json()["errors"][0]["field"].endswith("_id")


def test_a_multipart_body_without_boundary_is_a_4xx_not_a_logged_exception(client, world, admin):
    response = client.generic(
        "POST", f"{API}/clans/", b"--x\r\n", content_type="multipart/form-data", **admin
    )

    assert 400 <= response.status_code < 500
    assert _state()[4] == 0

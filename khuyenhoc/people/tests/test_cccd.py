"""The CCCD rule: one parse for the web form, the API, the importers and the search, one message."""

from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

from khuyenhoc.bulk.engine import run_import
from khuyenhoc.bulk.kinds import ImportContext
from khuyenhoc.core.middleware import scope_for_user
from khuyenhoc.people.cccd import CccdError, make_cccd, parse_cccd
from khuyenhoc.people.models import Person
from khuyenhoc.people.search import search_terms
from khuyenhoc.people.selectors import person_list
from khuyenhoc.people.tests.test_api import API, JSON, bearer, person_body
from khuyenhoc.testing import factories as f

RULE = "Số CCCD phải có đúng 12 chữ số (CMND 9 số cũ không dùng được)."
EXPONENT = "đã bị Excel đổi thành số mũ (E+)"
CCCD = make_cccd(province="040", gender="male", birth_year=1985, serial=123)  # 040085000123


def _refusal(call: Any, *args: Any) -> str:
    with pytest.raises(CccdError) as caught:
        call(*args)
    return caught.value.message


@pytest.mark.parametrize(
    ("cell", "cccd"),
    [
        (None, ""),
        ("", ""),
        ("  ", ""),
        ("001085012345", "001085012345"),
        ("'001085012345", "001085012345"),
        ("001 085 012 345", "001085012345"),
        ("001.085.012.345", "001085012345"),
        ("001-085-012-345", "001085012345"),
        (1085012345, "001085012345"),
        (1085012345.0, "001085012345"),
        (40085012345.0, "040085012345"),
        ("40085012345", "040085012345"),
        ("1085012345", "001085012345"),
        (123456789012, "123456789012"),
        ("4.0085012345E+10", "040085012345"),
    ],
)
def test_parse_cccd_ignores_separators_and_restores_the_zeros_a_spreadsheet_dropped(cell, cccd):
    assert parse_cccd(cell) == cccd


@pytest.mark.parametrize("cell", ["4.0085E+10", "4,0085E+10", "1.23E+11", 40085012345.5])
def test_parse_cccd_refuses_rounded_scientific_notation(cell):
    message = _refusal(parse_cccd, cell)

    assert EXPONENT in message
    assert "định dạng cột CCCD là Văn bản (Text)" in message


@pytest.mark.parametrize(
    "cell",
    [
        "123456789",  # an old CMND
        123456789,
        123456789.0,
        "01234",
        "04008500012",  # 11 digits with the leading zero: a digit is missing, not a zero
        "0012345678901",
        12345678,
        -10850123456,
        -1085012345,
        "1234567890123",
        "00108501234A",
        "CCCD 001085012345",
        True,
        "０01085012345",
    ],
)
def test_parse_cccd_refuses_everything_else_with_the_one_message(cell):
    assert _refusal(parse_cccd, cell) == RULE


# The same input through every interface: (typed, the CCCD kept, or the message refusing it).
TABLE = [
    (CCCD, CCCD, None),
    (" 040 085 000 123 ", CCCD, None),
    ("040.085.000.123", CCCD, None),
    ("040-085-000-123", CCCD, None),
    ("'040085000123", CCCD, None),
    ("40085000123", CCCD, None),
    ("123456789", None, RULE),
    ("04008500012", None, RULE),
    ("0400850001234", None, RULE),
    ("04008500012A", None, RULE),
    ("4.0085E+10", None, EXPONENT),
]


def _via_web(client: Any, world: Any, typed: str) -> str:
    client.force_login(world.clerk_a)
    data = {"org_node": world.commune_a.code, "full_name": "Lê Văn Tâm", "gender": "male"}
    response = client.post(
        reverse("people:person-create"), {**data, "birth_year": 1985, "cccd": typed}
    )
    if response.status_code == 302:
        person = Person.objects.get()
        assert response.url == reverse("people:person-detail", args=[person.pk])
        return person.cccd
    return " ".join(response.context["form"].errors["cccd"])


def _via_api(client: Any, world: Any, typed: str) -> str:
    body = person_body(world, gender="male", birth_date="1985-09-05", cccd=typed)
    response = client.post(f"{API}/persons/", body, content_type=JSON, **bearer(world.clerk_a))
    if response.status_code == 201:
        return Person.objects.get(pk=response.json()["id"]).cccd
    return " ".join(e["message"] for e in response.json()["errors"] if e["field"] == "cccd")


def _via_import(world: Any, tmp_path: Path, typed: str) -> str:
    path = tmp_path / "nguoi.csv"
    path.write_text(f'Họ và tên,Số CCCD,Giới tính,Ngày sinh\nLê Văn Tâm,"{typed}",Nam,1985\n')
    ctx = ImportContext(
        actor=world.clerk_a, scope=scope_for_user(world.clerk_a), org=world.commune_a
    )
    report = run_import("persons", path, ctx=ctx)
    if report.created:
        return Person.objects.get().cccd
    return " ".join(p.message for p in report.problems)


@pytest.mark.parametrize(("typed", "kept", "message"), TABLE)
@pytest.mark.parametrize("interface", ["web", "api", "import"])
def test_every_way_in_keeps_or_refuses_a_cccd_alike(
    client, world, tmp_path, interface, typed, kept, message
):
    answer = {
        "web": lambda: _via_web(client, world, typed),
        "api": lambda: _via_api(client, world, typed),
        "import": lambda: _via_import(world, tmp_path, typed),
    }[interface]()

    if kept:
        assert answer == kept
    else:
        assert message in answer
        assert not Person.objects.exists()


@pytest.mark.parametrize(("typed", "kept", "message"), TABLE)
def test_search_looks_up_the_same_whole_cccd(world, typed, kept, message):
    person = f.person(world.commune_a, gender="male", birth_year=1985, cccd=CCCD)

    found = list(person_list(scope=scope_for_user(world.clerk_a), search=typed))

    assert search_terms(typed).cccd == (kept or "")
    if kept:
        assert found == [person]


def test_search_for_the_first_digits_of_a_cccd_lists_those_it_begins(world):
    person = f.person(world.commune_a, gender="male", birth_year=1985, cccd=CCCD)
    f.person(world.commune_a, gender="male", birth_year=1985, cccd="040085000777")
    scope = scope_for_user(world.clerk_a)

    assert set(person_list(scope=scope, search="040 085")) == set(Person.objects.all())
    assert list(person_list(scope=scope, search="04008500012")) == [person]
    assert list(person_list(scope=scope, search="123456789")) == []

"""Villages belong to their commune's subtree: only someone who may change data in an organisation
whose place is that commune, or contains it, adds a village there (issue 13, point 1)."""

import pytest
from django.urls import reverse

from khuyenhoc.accounts.services import token_create
from khuyenhoc.core.errors import DomainError
from khuyenhoc.core.middleware import scope_for_user
from khuyenhoc.core.scope import Grant, Scope
from khuyenhoc.orgs.models import OrgNode
from khuyenhoc.orgs.services import orgnode_update
from khuyenhoc.places.models import AdminUnit, Level
from khuyenhoc.places.services import village_create
from khuyenhoc.testing import factories as f

URL = "/api/v1/places/villages"


def bearer(user) -> dict[str, str]:
    _, raw = token_create(actor=user, name="t")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def villages() -> int:
    return AdminUnit.objects.filter(level=Level.VILLAGE).count()


def test_the_scope_knows_the_places_of_the_grants_nodes(world):
    clerk_a, province = scope_for_user(world.clerk_a), scope_for_user(world.province_admin)
    commune_a, commune_b = f.commune("40", 0), f.commune("40", 1)
    central = Scope(user_id=1, grants=(Grant("1.", "org_admin", ""),))
    unplaced = Scope(user_id=1, grants=(Grant("1.2.", "clerk", None),))

    assert clerk_a.allows_place("change", commune_a.path)
    assert clerk_a.allows_place("change", f"{commune_a.path}X-001.")  # a village of commune A
    assert not clerk_a.allows_place("change", commune_b.path)
    assert not scope_for_user(world.viewer_a).allows_place("change", commune_a.path)
    assert province.allows_place("change", commune_b.path)
    assert not province.allows_place("change", f.commune("38", 0).path)
    assert central.allows_place("change", commune_b.path)
    assert not unplaced.allows_place("change", commune_a.path)


def test_phu_tho_clerk_cannot_add_a_village_to_a_nghe_an_commune_through_the_api(client, world):
    phu_tho = f.orgnode(kind="province", code="HKH-T25", name="Hội Khuyến học tỉnh Phú Thọ",
                        place_code="25")  # fmt: skip
    clerk = f.user("clerk_pt", phu_tho, ["clerk"])
    body = {"commune": f.commune("40", 0).pk, "name": "Thôn Lạ"}

    response = client.post(URL, body, content_type="application/json", **bearer(clerk))

    assert response.status_code == 403
    error = response.json()["errors"][0]
    assert (error["field"], error["code"]) == ("commune", "out_of_scope")
    assert error["message"] == "Xã/phường này nằm ngoài phạm vi tổ chức của bạn."
    assert villages() == 0


def test_sibling_clerk_is_refused_and_own_clerk_and_province_add_villages(client, world):
    commune_a = f.commune("40", 0)

    refused = client.post(URL, {"commune": commune_a.pk, "name": "Thôn B"},
                          content_type="application/json", **bearer(world.clerk_b))  # fmt: skip
    own = client.post(URL, {"commune": commune_a.pk, "name": "Thôn A"},
                      content_type="application/json", **bearer(world.clerk_a))  # fmt: skip
    above = client.post(URL, {"commune": commune_a.pk, "name": "Thôn Tỉnh"},
                        content_type="application/json", **bearer(world.province_admin))  # fmt: skip

    assert (refused.status_code, own.status_code, above.status_code) == (403, 201, 201)
    assert sorted(AdminUnit.objects.filter(level=Level.VILLAGE).values_list("name", flat=True)) == [
        "Thôn A",
        "Thôn Tỉnh",
    ]


def test_the_import_refuses_a_row_of_another_commune_naming_the_commune(world):
    with pytest.raises(DomainError) as err:
        village_create(actor=world.clerk_b, scope=scope_for_user(world.clerk_b),
                       commune=f.commune("40", 0), name="Thôn Lạ")  # fmt: skip

    assert err.value.field == "commune"
    assert villages() == 0


def test_the_web_form_is_offered_and_answers_only_for_the_users_communes(client, world):
    commune_a, commune_b = f.commune("40", 0), f.commune("40", 1)
    client.force_login(world.clerk_b)
    add_a = reverse("places:village-create", args=[commune_a.pk])

    page_a = client.get(reverse("places:detail", args=[commune_a.pk])).content.decode()
    page_b = client.get(reverse("places:detail", args=[commune_b.pk])).content.decode()
    form = client.get(add_a)
    posted = client.post(add_a, {"name": "Thôn Lạ", "division_type": "thôn"})
    own = client.post(
        reverse("places:village-create", args=[commune_b.pk]),
        {"name": "Thôn Mới", "division_type": "thôn"},
    )

    assert add_a not in page_a
    assert reverse("places:village-create", args=[commune_b.pk]) in page_b
    assert (form.status_code, posted.status_code, own.status_code) == (404, 404, 302)
    assert list(AdminUnit.objects.filter(level=Level.VILLAGE).values_list("name", flat=True)) == [
        "Thôn Mới"
    ]


def test_a_communes_admin_cannot_claim_another_place_for_their_node(client, world):
    scope = scope_for_user(world.admin_a)
    province = AdminUnit.objects.get(level=Level.PROVINCE, code="40")

    for place in (province, f.commune("40", 1)):
        with pytest.raises(DomainError) as err:
            orgnode_update(actor=world.admin_a, scope=scope, node=world.commune_a,
                           data={"place": place})  # fmt: skip
        assert err.value.field == "place"
    patched = client.patch(f"/api/v1/orgs/{world.commune_a.pk}", {"place": province.pk},
                           content_type="application/json", **bearer(world.admin_a))  # fmt: skip

    assert patched.status_code == 403
    assert patched.json()["errors"][0]["field"] == "place"
    assert OrgNode.objects.get(pk=world.commune_a.pk).place == f.commune("40", 0)
    moved = orgnode_update(actor=None, scope=scope_for_user(world.province_admin),
                           node=world.commune_a, data={"place": f.commune("40", 2)})  # fmt: skip
    assert moved.place == f.commune("40", 2)

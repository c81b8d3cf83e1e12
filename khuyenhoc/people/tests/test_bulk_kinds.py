"""Households, clans, memberships, organisation nodes and villages through the import engine."""

import io
from pathlib import Path

import pytest
from django.core.management import call_command

from khuyenhoc.bulk.engine import run_import
from khuyenhoc.bulk.kinds import ImportContext
from khuyenhoc.core.middleware import scope_for_user
from khuyenhoc.orgs.models import OrgNode
from khuyenhoc.people.models import Clan, ClanHousehold, Household, HouseholdMember, Membership
from khuyenhoc.places.models import AdminUnit
from khuyenhoc.testing import factories as f


def _run(world, kind: str, path: Path, user=None):
    user = user or world.clerk_a
    ctx = ImportContext(actor=user, scope=scope_for_user(user), org=world.commune_a)
    return run_import(kind, path, ctx=ctx)


def _file(tmp_path: Path, text: str, name: str = "ds.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_households_with_members_then_clans_then_memberships(world, tmp_path):
    head, wife = (
        f.person(world.commune_a, gender="male"),
        f.person(world.commune_a, gender="female"),
    )
    households = _file(
        tmp_path,
        (
            "Mã gia đình,Tên gia đình,Số CCCD thành viên,Quan hệ với chủ hộ\n"
            f"gd-1,Gia đình ông Thử,{head.cccd},Chủ hộ\n"
            f"GD-1,Gia đình ông Thử,{int(wife.cccd)},vo/chong\n"
        ),
    )

    first, second = _run(world, "households", households), _run(world, "households", households)

    household = Household.objects.get(code="GD-1")
    assert (first.created, first.updated, first.invalid) == (1, 1, 0)
    assert (second.unchanged, second.created + second.updated) == (2, 0)
    assert household.head == head
    assert HouseholdMember.objects.get(person=wife).relation == "spouse"

    clans = _file(tmp_path, "Mã dòng họ,Tên dòng họ,Mã gia đình\nDH-1,Họ Nguyễn Đình,GD-1\n")
    assert _run(world, "clans", clans).created == 1
    assert ClanHousehold.objects.get().clan == Clan.objects.get(code="DH-1")

    members = _file(
        tmp_path, f"Số CCCD,Loại,Chức vụ,Từ ngày\n{head.cccd},Hội viên,Chi hội trưởng,01/01/2020\n"
    )
    assert _run(world, "memberships", members).created == 1
    assert _run(world, "memberships", members).unchanged == 1
    assert Membership.objects.get().role == "Chi hội trưởng"


def test_member_unknown_or_outside_the_scope_is_refused(world, tmp_path):
    outsider = f.person(world.commune_b)
    path = _file(
        tmp_path,
        (
            "Mã gia đình,Tên gia đình,Số CCCD thành viên,Quan hệ với chủ hộ\n"
            "GD-2,Gia đình A,001099000001,Chủ hộ\n"
            f"GD-2,Gia đình A,{outsider.cccd},Con\n"
        ),
    )

    report = _run(world, "households", path)

    assert report.invalid == 2
    assert not Household.objects.exists()
    assert all("phạm vi" in p.message for p in report.problems)


def test_org_nodes_and_villages(world, tmp_path):
    nodes = _file(
        tmp_path,
        (
            "Mã đơn vị,Tên đơn vị,Mã đơn vị cấp trên,Loại,Địa bàn\n"
            "HKH-A-CH9,Chi hội thôn 9,HKH-A,Chi hội,\n"
            "HKH-X,Ngoài phạm vi,HKH-B,Chi hội,\n"
        ),
    )
    villages = _file(
        tmp_path,
        'Tỉnh/thành phố,Xã/phường,"Tên thôn, tổ dân phố"\nNghệ An,Phường Thành Vinh,Khối Mới\n',
        "thon.csv",
    )

    node_report = _run(world, "org-nodes", nodes, user=world.province_admin)
    clerk_report = _run(world, "org-nodes", nodes)

    assert (node_report.created, node_report.invalid) == (2, 0), (
        node_report.problems or node_report.fatal
    )
    assert OrgNode.objects.get(code="HKH-A-CH9").parent == world.commune_a
    assert clerk_report.invalid == 2  # a clerk may not change the organisation tree
    assert _run(world, "villages", villages).created == 1


def test_villages_import_is_idempotent(world, tmp_path):
    path = _file(
        tmp_path,
        'Tỉnh/thành phố,Xã/phường,"Tên thôn, tổ dân phố",Loại\nNghe An,phuong thanh vinh,Khối Mới,tổ dân phố\n',
    )

    first, second = _run(world, "villages", path), _run(world, "villages", path)

    village = AdminUnit.objects.get(level="village")
    assert (first.created, second.unchanged) == (1, 1)
    assert (village.name, village.parent.name) == ("Khối Mới", "Phường Thành Vinh")


@pytest.mark.parametrize(
    "kind", ["households", "clans", "memberships", "org-nodes", "villages", "persons"]
)
def test_every_kind_exports_and_imports_back_unchanged(world, tmp_path, kind):
    _demo_family(world)

    call_command(
        "export",
        kind,
        "--org",
        world.province.code,
        "--output",
        str(tmp_path / "e.xlsx"),
        "--full",
        stderr=io.StringIO(),
    )
    ctx = ImportContext(
        actor=world.province_admin, scope=scope_for_user(world.province_admin), org=world.commune_a
    )
    report = run_import(kind, tmp_path / "e.xlsx", ctx=ctx)

    assert report.read > 0
    assert (report.created, report.updated, report.invalid) == (0, 0, 0), report.problems
    assert report.unchanged == report.read


def _demo_family(world):
    from khuyenhoc.people.services.clans import clan_add_household, clan_create
    from khuyenhoc.people.services.households import household_add_member, household_create
    from khuyenhoc.people.services.memberships import membership_create
    from khuyenhoc.places.services import village_create

    commune = f.commune("40", 0)
    village = village_create(actor=None, scope=f.ROOT, commune=commune, name="Khối Yên Giang")
    head = f.person(world.commune_a, gender="male", commune=commune, village=village)
    child = f.person(world.commune_a, birth_year=2012)
    household = household_create(
        actor=None,
        scope=f.ROOT,
        org_node=world.commune_a,
        name="Gia đình A",
        code="GD-A",
        commune=commune,
        head=head,
    )
    household_add_member(
        actor=None, scope=f.ROOT, household=household, person=child, relation="child"
    )
    clan = clan_create(
        actor=None, scope=f.ROOT, org_node=world.commune_a, name="Họ Lê", code="DH-LE"
    )
    clan_add_household(actor=None, scope=f.ROOT, clan=clan, household=household)
    membership_create(
        actor=None,
        scope=f.ROOT,
        person=head,
        org_node=world.commune_a,
        kind="member",
        role="Hội viên",
    )

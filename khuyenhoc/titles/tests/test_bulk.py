"""Registrations by import: one row per subject, scores when the file has them, idempotent, round trip."""

from datetime import timedelta

from django.core.management import call_command

from khuyenhoc.bulk.engine import run_import
from khuyenhoc.bulk.kinds import ImportContext
from khuyenhoc.core import clock
from khuyenhoc.core.middleware import scope_for_user
from khuyenhoc.testing import factories as f
from khuyenhoc.titles.models import Assessment, Registration, Status
from khuyenhoc.titles.services.campaigns import campaign_open

CODES = ["1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3", "2.4", "3.1", "3.2"]
GROUP = "Người dân cư trú trên địa bàn xã"


def _campaign(world):
    today = clock.today()
    return campaign_open(
        actor=world.clerk_a, scope=scope_for_user(world.clerk_a), title="citizen",
        year=today.year, org_node=world.commune_a,
        registration_until=today + timedelta(days=5), self_assessment_until=today + timedelta(days=9),
        verification_until=today + timedelta(days=20), decision_until=today + timedelta(days=30),
    )  # fmt: skip


def _run(world, path, **options):
    ctx = ImportContext(actor=world.clerk_a, scope=scope_for_user(world.clerk_a))
    return run_import("registrations", path, ctx=ctx, **options)


def test_a_list_with_scores_registers_and_self_assesses_and_twice_changes_nothing(world, tmp_path):
    campaign = _campaign(world)
    an, binh = f.person(world.commune_a), f.person(world.commune_a)
    path = tmp_path / "dk.csv"
    header = "Mã đợt,Số CCCD,Họ và tên,Nhóm đối tượng," + ",".join(CODES)
    path.write_text(
        "\n".join([
            "DANH SÁCH ĐĂNG KÝ CÔNG DÂN HỌC TẬP", header,
            f"{campaign.pk},{an.cccd.lstrip('0')},{an.full_name},{GROUP}," + ",".join(["9"] * 10),
            f"{campaign.pk},{binh.cccd},{binh.full_name},{GROUP}" + "," * 10,
            f"{campaign.pk},040999999999,Không Có,{GROUP}" + "," * 10,
            f"{campaign.pk},{f.person(world.commune_a).cccd},X,{GROUP},11" + ",9" * 9,
        ]) + "\n"
    )  # fmt: skip

    first = _run(world, path, skip_invalid=True)
    second = _run(world, path, skip_invalid=True)

    assert (first.created, first.invalid) == (2, 2)
    assert [(p.row, p.column) for p in first.problems] == [
        (5, "Đối tượng (CCCD hoặc mã)"),
        (6, "Tiêu chí 1.1"),
    ]
    assert "từ 0 đến 10" in first.problems[1].message
    assert (second.created, second.updated, second.unchanged) == (0, 0, 2)
    reg = Registration.objects.get(person=an)
    assert (reg.status, reg.total) == (Status.SELF_ASSESSED, 90)
    assert Registration.objects.get(person=binh).status == Status.REGISTERED
    assert Assessment.objects.count() == 1


def test_an_exported_list_imports_back_unchanged(world, tmp_path):
    campaign = _campaign(world)
    person = f.person(world.commune_a)
    source = tmp_path / "in.csv"
    source.write_text(
        "Mã đợt,CCCD,Nhóm đối tượng," + ",".join(CODES) + "\n"
        f"{campaign.pk},{person.cccd},{GROUP}," + ",".join(["8"] * 10) + "\n"
    )
    _run(world, source)
    out = tmp_path / "out.csv"

    call_command("export", "registrations", "--output", str(out), "--user", "clerk_a", "--full")
    again = _run(world, out)

    assert (again.read, again.unchanged, again.invalid) == (1, 1, 0)

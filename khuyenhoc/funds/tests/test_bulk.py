"""`khuyenhoc import donations`: a unit's one-day-salary list, imported twice, records each gift once."""

from django.core.management import call_command

from khuyenhoc.bulk.engine import run_import
from khuyenhoc.bulk.kinds import ImportContext
from khuyenhoc.core.middleware import scope_for_user
from khuyenhoc.funds.models import Donation
from khuyenhoc.funds.selectors import available
from khuyenhoc.funds.services.funds import fund_open
from khuyenhoc.testing import factories as f

LIST = (
    "DANH SÁCH ỦNG HỘ MỘT NGÀY LƯƠNG NĂM 2025\n\n"
    "STT,Họ và tên,Số tiền,Ngày nhận,Mục đích,Hình thức\n"
    "1,Nguyễn Văn An,350.000,05/03/2025,Một ngày lương,Tiền mặt\n"
    "2,Trần Thị Bình,420000,05/03/2025,1 ngày lương,Chuyển khoản\n"
    "3,Lê Văn Sai,12.5,05/03/2025,Một ngày lương,Tiền mặt\n"
)


def _run(world, path, **options):
    ctx = ImportContext(
        actor=world.clerk_a, scope=scope_for_user(world.clerk_a), org=world.commune_a
    )
    return run_import("donations", path, ctx=ctx, **options)


def test_a_salary_list_is_recorded_once_and_a_bad_amount_is_reported(world, tmp_path):
    fund = fund_open(actor=None, scope=f.ROOT, org_node=world.commune_a, code="QA", name="Quỹ xã A")
    path = tmp_path / "luong.csv"
    path.write_text(LIST, encoding="utf-8")

    refused = _run(world, path)
    first = _run(world, path, skip_invalid=True)
    second = _run(world, path, skip_invalid=True)

    assert (refused.invalid, refused.written) == (1, False)
    assert [(p.row, p.column) for p in refused.problems] == [(6, "Số tiền")]
    assert (first.created, second.created, second.unchanged) == (2, 0, 2)
    assert sorted(Donation.objects.values_list("amount", "purpose")) == [
        (350_000, "one_day_salary"), (420_000, "one_day_salary"),
    ]  # fmt: skip
    assert available(fund, None) == 770_000


def test_exported_donations_import_back_unchanged(world, tmp_path):
    fund_open(actor=None, scope=f.ROOT, org_node=world.commune_a, code="QA", name="Quỹ xã A")
    source = tmp_path / "luong.csv"
    source.write_text(LIST.rsplit("\n", 2)[0] + "\n", encoding="utf-8")
    _run(world, source)
    exported = tmp_path / "xuat.xlsx"

    call_command("export", "donations", "--output", str(exported))
    again = _run(world, exported)

    assert (again.read, again.created, again.unchanged, again.invalid) == (2, 0, 2, 0)
    assert Donation.objects.count() == 2

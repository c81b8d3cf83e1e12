"""The fund ledger: balanced entries, numbered documents, maker-checker, restricted money, reversals."""

import pytest
from django.core.exceptions import PermissionDenied
from django.db.models import Sum

from khuyenhoc.core import clock
from khuyenhoc.core.errors import DomainError
from khuyenhoc.core.middleware import scope_for_user
from khuyenhoc.funds.models import Disbursement, Donation, JournalEntry, LedgerLine, PaymentStatus
from khuyenhoc.funds.selectors import available
from khuyenhoc.funds.services.corrections import correction_post
from khuyenhoc.funds.services.disbursements import disbursement_approve, disbursement_draft
from khuyenhoc.funds.services.donations import donation_create
from khuyenhoc.funds.services.funds import fund_open, sub_fund_open
from khuyenhoc.testing import factories as f


@pytest.fixture
def fund(world):
    return fund_open(
        actor=world.clerk_a, scope=scope_for_user(world.clerk_a), org_node=world.commune_a,
        code="QKH-A", name="Quỹ khuyến học xã A",
    )  # fmt: skip


def _give(world, fund, amount, **extra):
    data = {"method": "cash", "donor_kind": "business", "donor_name": "Công ty Bình Minh"} | extra
    return donation_create(
        actor=world.clerk_a, scope=scope_for_user(world.clerk_a), fund=fund, amount=amount, **data
    )


def _pay(world, fund, amount, approver=None, drafter=None, **extra):
    data = {"method": "cash", "purpose": "scholarship", "beneficiary_kind": "person"} | extra
    drafter = drafter or world.clerk_a
    draft = disbursement_draft(
        actor=drafter, scope=scope_for_user(drafter), fund=fund, amount=amount,
        beneficiary_name="Lê Văn Học", **data,
    )  # fmt: skip
    approver = approver or world.province_admin
    return disbursement_approve(actor=approver, scope=scope_for_user(approver), disbursement=draft)


def test_a_donation_posts_a_balanced_entry_and_a_numbered_receipt(world, fund):
    first = _give(world, fund, 1_200_000)
    second = _give(world, fund, 500_000, method="transfer", donor_kind="anonymous")

    lines = LedgerLine.objects.filter(entry=first.entry).values_list("account", "amount")
    assert sorted(lines) == [("cash", 1_200_000), ("income", -1_200_000)]
    year = clock.today().year
    assert (first.receipt_no, second.receipt_no) == (f"PT{year}-000001", f"PT{year}-000002")
    assert second.donor_name == "Giấu tên"
    assert available(fund, None) == 1_700_000


def test_the_same_idempotency_key_twice_records_one_donation(world, fund):
    first = _give(world, fund, 100_000, idempotency_key="form-7f3a")
    again = _give(world, fund, 100_000, idempotency_key="form-7f3a")

    assert again.pk == first.pk
    assert Donation.objects.count() == 1
    assert available(fund, None) == 100_000


@pytest.mark.parametrize("amount", [0, -5_000, 1_500.5, "100000", True, None])
def test_bad_amounts_are_refused_and_nothing_is_written(world, fund, amount):
    with pytest.raises(DomainError) as caught:
        _give(world, fund, amount)

    assert caught.value.field == "amount"
    assert not JournalEntry.objects.exists()
    assert not Donation.objects.exists()


def test_goods_need_a_description_and_a_person_is_named_from_the_record(world, fund):
    person = f.person(world.commune_a)

    with pytest.raises(DomainError, match="hiện vật"):
        _give(world, fund, 2_500_000, method="in_kind")
    bikes = _give(world, fund, 2_500_000, method="in_kind", goods="2 xe đạp", donor_kind="person",
                  person=person, named_publicly=True)  # fmt: skip

    assert (bikes.donor_name, bikes.named_publicly) == (person.full_name, True)
    assert LedgerLine.objects.filter(entry=bikes.entry, account="goods").get().amount == 2_500_000


def test_the_drafter_cannot_approve_a_payment_an_accountant_cannot_and_an_approver_can(world, fund):
    _give(world, fund, 3_000_000)

    with pytest.raises(PermissionDenied, match="không được tự duyệt"):
        _pay(world, fund, 1_000_000, drafter=world.admin_a, approver=world.admin_a)
    with pytest.raises(PermissionDenied, match="không có quyền duyệt chi"):
        _pay(world, fund, 1_000_000, approver=world.accountant_a)
    paid = _pay(world, fund, 1_000_000, approver=world.approver_a)

    assert (paid.status, paid.voucher_no) == (PaymentStatus.PAID, f"PC{clock.today().year}-000001")
    assert paid.approved_by == world.approver_a
    assert available(fund, None) == 2_000_000
    assert Disbursement.objects.filter(status="draft").count() == 2  # the ones refused stay drafts


def test_restricted_money_is_spent_only_on_its_sub_fund(world, fund):
    scope = scope_for_user(world.clerk_a)
    named = sub_fund_open(actor=world.clerk_a, scope=scope, fund=fund, code="HB-LE",
                          name="Học bổng Lê Văn Tám")  # fmt: skip
    _give(world, fund, 5_000_000)
    _give(world, fund, 2_000_000, sub_fund=named)

    with pytest.raises(DomainError, match=r"Học bổng Lê Văn Tám còn 2\.000\.000 đồng"):
        _pay(world, fund, 3_000_000, sub_fund=named)
    _pay(world, fund, 2_000_000, sub_fund=named)

    assert (available(fund, named), available(fund, None)) == (0, 5_000_000)


def test_a_correction_is_a_reversing_entry_and_the_original_stays(world, fund):
    scope = scope_for_user(world.clerk_a)
    gift = _give(world, fund, 800_000)
    spent = _give(world, fund, 400_000)
    _pay(world, fund, 1_000_000)

    with pytest.raises(DomainError, match="đã được chi"):
        correction_post(actor=world.clerk_a, scope=scope, record=gift, reason="Ghi nhầm")
    _give(world, fund, 600_000)
    reversal = correction_post(actor=world.clerk_a, scope=scope, record=spent, reason="Ghi trùng")
    with pytest.raises(DomainError, match="đã được đảo"):
        correction_post(actor=world.clerk_a, scope=scope, record=spent, reason="Lần nữa")

    assert reversal.reverses == spent.entry
    assert LedgerLine.objects.filter(entry=spent.entry).aggregate(s=Sum("amount"))["s"] == 0
    assert sorted(LedgerLine.objects.filter(entry=spent.entry).values_list("amount", flat=True)) == [
        -400_000, 400_000,
    ]  # fmt: skip
    assert available(fund, None) == 800_000 + 400_000 - 1_000_000 + 600_000 - 400_000


def test_a_sibling_commune_cannot_touch_the_fund(world, fund):
    with pytest.raises(PermissionDenied):
        donation_create(
            actor=world.clerk_b, scope=scope_for_user(world.clerk_b), fund=fund, amount=1000,
            method="cash", donor_kind="anonymous",
        )  # fmt: skip
    assert not Donation.objects.exists()

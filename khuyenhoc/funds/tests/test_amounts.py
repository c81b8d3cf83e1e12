"""Every amount of đồng is a whole number from 1 to MAX_AMOUNT on every path, and sums stay exact
(issue 14, point 1): forms, services, imports, bank statements, pledges, campaigns, VietQR codes."""

import datetime

import pytest
from django.urls import reverse

from khuyenhoc.bulk.engine import run_import
from khuyenhoc.bulk.kinds import ImportContext
from khuyenhoc.core import clock
from khuyenhoc.core.errors import DomainError
from khuyenhoc.core.middleware import scope_for_user
from khuyenhoc.core.money import MAX_AMOUNT, MAX_TOTAL, AmountError, parse_amount
from khuyenhoc.funds.models import (
    Disbursement,
    Donation,
    FundCampaign,
    LedgerLine,
    MonthTotal,
    Pledge,
    TransferRequest,
)
from khuyenhoc.funds.selectors import available, balances, report_by_month
from khuyenhoc.funds.services.campaigns import campaign_open, pledge_create
from khuyenhoc.funds.services.corrections import correction_post
from khuyenhoc.funds.services.disbursements import disbursement_draft
from khuyenhoc.funds.services.donations import donation_create
from khuyenhoc.funds.services.funds import fund_open
from khuyenhoc.funds.services.transfers import transfer_request_create
from khuyenhoc.funds.statements import statement_read
from khuyenhoc.funds.vietqr import payload

MESSAGE = "phải là số nguyên từ 1 đến 9.999.999.999.999 đồng."
BAD = ["0", "-1", "1.5", "1,5", "abc", "10000000000000", "99999999999999999999", "1\x002", "1e5"]


@pytest.fixture
def fund(world):
    return fund_open(
        actor=world.clerk_a, scope=scope_for_user(world.clerk_a), org_node=world.commune_a,
        code="QKH-A", name="Quỹ xã A", bank_bin="970436", bank_account="0011001234567",
        bank_account_name="HOI KHUYEN HOC XA A", is_public=True,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("typed", "amount"),
    [("1.200.000", 1_200_000), ("1 200 000", 1_200_000), ("1,200,000.00", 1_200_000),
     ("9.999.999.999.999", MAX_AMOUNT), (1_500_000.0, 1_500_000), ("350.000 đ", 350_000)],
)  # fmt: skip
def test_amounts_are_read_as_vietnamese_writes_them(typed, amount):
    assert parse_amount(typed) == amount


@pytest.mark.parametrize("typed", [*BAD, 0, -1, 1.5, 10**13, 2**63 - 1, True, float("nan")])
def test_anything_but_whole_dong_up_to_the_maximum_is_refused_naming_the_field(typed):
    with pytest.raises(AmountError) as refused:
        parse_amount(typed, "Tổng số tiền cam kết")
    assert refused.value.message == f"Tổng số tiền cam kết {MESSAGE}"


FORMS = [  # (url name, the other fields, the amount field, its label)
    ("funds:donation-create", {"party_kind": "anonymous", "method": "cash", "purpose": "donation",
                               "received_on": "01/01/2025"}, "amount", "Số tiền"),
    ("funds:payment-create", {"party_kind": "organisation", "name": "Trường", "method": "cash",
                              "purpose": "scholarship"}, "amount", "Số tiền"),
    ("funds:pledge-create", {"party_kind": "organisation", "name": "Công ty", "instalments": "2",
                             "every_months": "1", "first_due_on": "01/01/2025"},
     "total", "Tổng số tiền cam kết"),
    ("funds:campaign-create", {"name": "Một ngày lương", "purpose": "one_day_salary",
                               "starts_on": "01/01/2025", "ends_on": "31/01/2025"},
     "goal", "Mục tiêu"),
    ("funds:transfer-create", {"party_kind": "organisation", "name": "Công ty"}, "amount",
     "Số tiền"),
]  # fmt: skip


@pytest.mark.parametrize(("url", "fields", "field", "label"), FORMS)
def test_a_bad_amount_on_any_fund_form_shows_the_form_again_as_typed(
    client, world, fund, url, fields, field, label
):
    client.force_login(world.clerk_a)
    for typed in [*BAD, ""] if field != "goal" else BAD:
        sent = client.post(reverse(url, args=[fund.pk]), {**fields, field: typed})
        if "\x00" in typed:  # refused before any view by the input guard, naming the field
            assert (sent.status_code, sent.context["field"]) == (400, field)
            continue
        form = sent.context["form"]
        expected = f"{label} {MESSAGE}" if typed else "Trường này là bắt buộc."
        assert (sent.status_code, form.errors[field]) == (422, [expected]), typed
        assert form[field].value() == typed
        assert f'name="{field}" value="{typed}"' in sent.content.decode() or not typed
    written = [Donation, Disbursement, Pledge, FundCampaign, TransferRequest, LedgerLine]
    assert [m.objects.count() for m in written] == [0] * 6


def _refused(field, call, **kwargs):
    with pytest.raises(DomainError) as refused:
        call(**kwargs)
    assert refused.value.field == field
    assert MESSAGE in refused.value.message or "Mỗi lần góp" in refused.value.message
    return refused.value


@pytest.mark.parametrize("amount", [0, -1, 1.5, "100", 10**13, 2**63 - 1, 10**20, True, None])
def test_every_service_refuses_an_amount_outside_one_to_the_maximum(world, fund, amount):
    clerk = scope_for_user(world.clerk_a)
    common = {"actor": world.clerk_a, "scope": clerk, "fund": fund}
    _refused("amount", donation_create, **common, amount=amount, method="cash",
             donor_kind="anonymous")  # fmt: skip
    _refused("amount", disbursement_draft, **common, amount=amount, method="cash",
             purpose="scholarship", beneficiary_kind="organisation", beneficiary_name="Trường")  # fmt: skip
    _refused("amount", transfer_request_create, **common, amount=amount)
    _refused("total", pledge_create, **common, donor_kind="organisation", donor_name="Công ty",
             total=amount, instalments=1, first_due_on=datetime.date(2025, 1, 1))  # fmt: skip
    for field in ("goal", "monthly_amount"):
        if amount is not None:
            _refused(field, campaign_open, **common, name="Đợt", purpose="donation",
                     starts_on=datetime.date(2025, 1, 1), ends_on=datetime.date(2025, 2, 1),
                     **{field: amount})  # fmt: skip
    assert LedgerLine.objects.count() == Donation.objects.count() == Pledge.objects.count() == 0


def test_a_pledge_splits_into_instalments_of_at_least_one_dong_within_the_maximum(world, fund):
    clerk = scope_for_user(world.clerk_a)
    common = {"actor": world.clerk_a, "scope": clerk, "fund": fund, "donor_kind": "organisation",
              "donor_name": "Công ty", "first_due_on": datetime.date(2025, 1, 1)}  # fmt: skip
    refused = _refused("instalments", pledge_create, **common, total=5, instalments=10)
    assert "Mỗi lần góp phải ít nhất 1 đồng" in refused.message
    pledge = pledge_create(**common, total=MAX_AMOUNT, instalments=120)
    assert pledge.total == MAX_AMOUNT


def test_the_amount_that_lost_864_dong_is_refused_and_the_balance_stays_exact(world, fund):
    """The issue's case: 9.223.372.036.854.775.807 đ was accepted, and voiding it left 864 đ short
    (SQLite turned the overflowing monthly total into an inexact REAL)."""
    clerk = scope_for_user(world.clerk_a)
    gift = {"actor": world.clerk_a, "scope": clerk, "fund": fund, "method": "cash",
            "donor_kind": "anonymous"}  # fmt: skip
    donation_create(**gift, amount=1_500_000)
    _refused("amount", donation_create, **gift, amount=2**63 - 1)
    big = donation_create(**gift, amount=MAX_AMOUNT)
    correction_post(actor=world.clerk_a, scope=clerk, record=big, reason="Ghi nhầm")
    assert balances(fund=fund) == [(None, 1_500_000)]
    assert all(type(t) is int for t in MonthTotal.objects.values_list("total", flat=True))


def test_a_monthly_total_that_would_pass_its_limit_is_refused_and_nothing_is_written(world, fund):
    clerk = scope_for_user(world.clerk_a)
    gift = {"actor": world.clerk_a, "scope": clerk, "fund": fund, "method": "cash",
            "donor_kind": "anonymous"}  # fmt: skip
    first = donation_create(**gift, amount=MAX_AMOUNT)
    # A fund that has somehow already taken in almost MAX_TOTAL this month (10^5 maximal gifts).
    MonthTotal.objects.filter(fund=fund, account="cash").update(total=MAX_TOTAL - 1)
    MonthTotal.objects.filter(fund=fund, account="income").update(total=-(MAX_TOTAL - 1))
    refused = _refused_total(donation_create, **gift, amount=2)
    assert "vượt quá 1.000.000.000.000.000.000 đồng" in refused.message
    assert list(Donation.objects.all()) == [first]
    assert available(fund, None) == MAX_TOTAL - 1


def _refused_total(call, **kwargs):
    with pytest.raises(DomainError) as refused:
        call(**kwargs)
    return refused.value


def test_a_vietqr_code_carries_the_maximum_in_13_characters_and_refuses_more():
    text = payload(
        bank_bin="970436", account="0011001234567", amount=MAX_AMOUNT, reference="KH7F3A"
    )
    assert "5413" + str(MAX_AMOUNT) in text
    for amount in (MAX_AMOUNT + 1, 10**13, 0, -5):
        with pytest.raises(DomainError) as refused:
            payload(bank_bin="970436", account="0011001234567", amount=amount)
        assert refused.value.field == "amount"


@pytest.mark.parametrize(
    ("bank_bin", "account", "field"),
    [("VCB", "0011001234567", "bank_bin"), ("97043", "0011001234567", "bank_bin"),
     ("970436", "12 34-x", "bank_account"), ("970436", "12345", "bank_account"),
     ("970436", "1" * 20, "bank_account"), ("970436", "", "bank_account"),
     ("", "0011001234567", "bank_bin")],
)  # fmt: skip
def test_a_fund_takes_only_a_bank_and_account_a_vietqr_code_can_carry(
    world, bank_bin, account, field
):
    with pytest.raises(DomainError) as refused:
        fund_open(
            actor=world.clerk_a, scope=scope_for_user(world.clerk_a), org_node=world.commune_a,
            code="QKH-B", name="Quỹ", bank_bin=bank_bin, bank_account=account,
        )  # fmt: skip
    assert refused.value.field == field
    with pytest.raises(DomainError):
        payload(bank_bin=bank_bin, account=account, amount=1000)


def test_a_bad_amount_in_an_import_is_a_row_problem_and_nothing_is_written(world, fund, tmp_path):
    bad = [typed for typed in BAD if "\x00" not in typed]
    rows = "".join(f'{n},Người {n},"{a}",05/03/2025\n' for n, a in enumerate(bad, 1))
    path = tmp_path / "ung-ho.csv"
    path.write_text(f"STT,Họ và tên,Số tiền,Ngày nhận\n{rows}", encoding="utf-8")
    ctx = ImportContext(
        actor=world.clerk_a, scope=scope_for_user(world.clerk_a), org=world.commune_a
    )
    report = run_import("donations", path, ctx=ctx)
    assert (report.invalid, report.written) == (len(bad), False)
    assert {(p.column, p.message) for p in report.problems} == {("Số tiền", f"Số tiền {MESSAGE}")}
    # A NUL makes the file no text file at all: refused whole.
    path.write_text("STT,Họ và tên,Số tiền,Ngày nhận\n1,An,1\x002,05/03/2025\n", encoding="utf-8")
    assert run_import("donations", path, ctx=ctx).fatal
    assert Donation.objects.count() == 0


def test_a_bank_statement_line_with_a_bad_amount_is_listed_not_read(tmp_path):
    path = tmp_path / "sao-ke.csv"
    path.write_text(
        "Ngày,Số tiền,Nội dung\n01/03/2025,1.500.000,KHABCDEF\n01/03/2025,-200.000,Phí\n"
        '02/03/2025,10000000000000,KHABCDEG\n03/03/2025,"1,5",KHABCDEH\n'
        "04/03/2025,99999999999999999999,KHABCDEJ\n",
        encoding="utf-8",
    )
    lines, problems = statement_read(path)
    assert [line.amount for line in lines] == [1_500_000]
    assert problems == [(r, f"Số tiền ghi có {MESSAGE}") for r in (4, 5, 6)]


def test_the_pages_show_exact_totals_at_the_maximum(client, world, fund):
    clerk = scope_for_user(world.clerk_a)
    gift = {"actor": world.clerk_a, "scope": clerk, "fund": fund, "method": "transfer",
            "donor_kind": "anonymous"}  # fmt: skip
    for amount in (MAX_AMOUNT, MAX_AMOUNT, 1):
        donation_create(**gift, amount=amount)
    total = 2 * MAX_AMOUNT + 1  # 19.999.999.999.999, past what a double holds exactly with cents
    client.force_login(world.clerk_a)
    pages = [
        client.get(reverse("funds:fund-detail", args=[fund.pk])),
        client.get(reverse("funds:report")),
        client.get(reverse("funds:public", args=[fund.code])),
    ]
    assert balances(fund=fund)[0] == (None, total)
    year = clock.today().year
    months = report_by_month(scope=clerk, fund=fund, start=datetime.date(year, 1, 1),
                             end=datetime.date(year, 12, 31))  # fmt: skip
    assert [m.income for m in months] == [total]
    for page in pages:
        assert "19.999.999.999.999" in page.content.decode()

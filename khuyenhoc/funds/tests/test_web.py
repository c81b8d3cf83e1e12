"""The fund pages end to end: open, receive, pay with approval, correct, transfer, report, publish."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader

from khuyenhoc.core import clock
from khuyenhoc.core.errors import DomainError
from khuyenhoc.core.middleware import scope_for_user
from khuyenhoc.funds.models import Disbursement, Donation, Fund, TransferRequest
from khuyenhoc.funds.selectors import available
from khuyenhoc.funds.services.donations import donation_create
from khuyenhoc.funds.services.funds import fund_open
from khuyenhoc.funds.services.transfers import transfer_request_create
from khuyenhoc.testing import factories as f


@pytest.fixture
def fund(world):
    return fund_open(
        actor=world.clerk_a, scope=scope_for_user(world.clerk_a), org_node=world.commune_a,
        code="QKH-A", name="Quỹ khuyến học xã A", bank_bin="970436", bank_account="0011001234567",
        bank_account_name="HOI KHUYEN HOC XA A",
    )  # fmt: skip


def _today() -> str:
    return clock.today().strftime("%d/%m/%Y")


def test_a_clerk_records_a_gift_an_approver_approves_a_payment_and_both_print(client, world):
    client.force_login(world.clerk_a)
    opened = client.post(reverse("funds:fund-create"), {
        "org_node": world.commune_a.code, "code": "qkh-a", "name": "Quỹ khuyến học xã A"})  # fmt: skip
    fund = Fund.objects.get(code="QKH-A")
    form = client.get(reverse("funds:donation-create", args=[fund.pk])).context["form"]
    gift = {"party_kind": "business", "name": "Công ty Bình Minh", "amount": "1.200.000",
            "method": "cash", "purpose": "donation", "received_on": _today(),
            "token": form.initial["token"]}  # fmt: skip
    # The same form sent twice (a double click) must record one gift.
    sent = [client.post(reverse("funds:donation-create", args=[fund.pk]), gift) for _ in range(2)]
    client.force_login(world.admin_a)
    sent.append(client.post(reverse("funds:payment-create", args=[fund.pk]), {
        "party_kind": "person", "name": "Lê Văn Học", "amount": "500.000", "method": "cash",
        "purpose": "scholarship", "decision_ref": "QĐ 5/QĐ-HKH"}))  # fmt: skip
    payment = Disbursement.objects.get()
    own = client.post(
        reverse("funds:payment-decide", args=[payment.pk]), {"decision": "approve"}, follow=True
    )
    client.force_login(world.clerk_a)
    refused = client.post(
        reverse("funds:payment-decide", args=[payment.pk]), {"decision": "approve"}
    )
    client.force_login(world.approver_a)
    sent.append(
        client.post(reverse("funds:payment-decide", args=[payment.pk]), {"decision": "approve"})
    )
    receipt = client.get(reverse("funds:donation-receipt", args=[Donation.objects.get().pk]))
    voucher = client.get(reverse("funds:payment-voucher", args=[payment.pk]))

    page = reverse("funds:fund-detail", args=[fund.pk])
    assert [(r.status_code, r.url) for r in (opened, *sent)] == [(302, page)] * 5
    assert own.redirect_chain == [(page, 302)]
    assert Donation.objects.count() == 1
    assert refused.status_code == 403  # a clerk records money but never approves a payment
    assert "không được tự duyệt" in own.content.decode()
    payment.refresh_from_db()
    assert payment.status == "paid"
    assert available(fund, None) == 700_000
    assert (
        "Một triệu hai trăm nghìn đồng"
        in PdfReader(io.BytesIO(receipt.content)).pages[0].extract_text()
    )
    assert "Năm trăm nghìn đồng" in PdfReader(io.BytesIO(voucher.content)).pages[0].extract_text()


@pytest.mark.parametrize("amount", ["1.200.000,5", "abc", "0", "-100"])
def test_a_bad_amount_is_explained_on_the_form_and_nothing_is_recorded(client, world, fund, amount):
    client.force_login(world.clerk_a)

    page = client.post(reverse("funds:donation-create", args=[fund.pk]), {
        "party_kind": "anonymous", "amount": amount, "method": "cash", "purpose": "donation",
        "received_on": _today()})  # fmt: skip

    assert page.status_code == 422
    assert "Số tiền phải là số nguyên từ 1 đến 9.999.999.999.999 đồng." in page.content.decode()
    assert not Donation.objects.exists()


def test_a_correction_from_the_page_reverses_the_gift(client, world, fund):
    gift = donation_create(actor=None, scope=f.ROOT, fund=fund, amount=400_000, method="cash",
                           donor_kind="anonymous")  # fmt: skip
    client.force_login(world.clerk_a)

    corrected = client.post(
        reverse("funds:donation-correct", args=[gift.pk]), {"reason": "Ghi trùng"}
    )
    page = client.get(corrected.url).content.decode()

    assert corrected.status_code == 302
    assert corrected.url == reverse("funds:fund-detail", args=[fund.pk])
    assert available(fund, None) == 0
    assert "đã hủy" in page


def test_a_bank_statement_records_the_transfers_it_pays_once(client, world, fund):
    asked = transfer_request_create(actor=None, scope=f.ROOT, fund=fund, amount=300_000,
                                    donor_kind="business", donor_name="Công ty An Phát")  # fmt: skip
    twin = [
        transfer_request_create(actor=None, scope=f.ROOT, fund=fund, amount=50_000)
        for _ in range(2)
    ]
    statement = (
        "SAO KÊ TÀI KHOẢN 0011001234567\n\n"
        "Ngày giao dịch,Số tham chiếu,Nội dung,Ghi có\n"
        f"{_today()},FT001,CT AN PHAT UNG HO {asked.reference},300.000\n"
        f"{_today()},FT002,UNG HO {twin[0].reference} {twin[1].reference},50.000\n"
        f"{_today()},FT003,CHUYEN TIEN KHONG GHI MA,200.000\n"
    ).encode()
    client.force_login(world.clerk_a)

    first = client.post(reverse("funds:statement", args=[fund.pk]),
                        {"file": SimpleUploadedFile("sao-ke.csv", statement)})  # fmt: skip
    again = client.post(reverse("funds:statement", args=[fund.pk]),
                        {"file": SimpleUploadedFile("sao-ke.csv", statement)})  # fmt: skip

    report = first.context["report"]
    assert [line.row for line, _gift in report.matched] == [4]
    assert [line.row for line, _why in report.ambiguous] == [5]
    assert [line.row for line in report.unmatched] == [6]
    assert [line.row for line in again.context["report"].already] == [4]
    assert Donation.objects.get().donor_name == "Công ty An Phát"
    assert TransferRequest.objects.get(pk=asked.pk).donation is not None
    assert available(fund, None) == 300_000


def test_the_transfer_page_shows_a_vietqr_code_and_the_reference(client, world, fund):
    asked = transfer_request_create(actor=None, scope=f.ROOT, fund=fund, amount=300_000)
    client.force_login(world.clerk_a)

    page = client.get(reverse("funds:transfer-detail", args=[asked.pk])).content.decode()

    assert '<svg class="qr"' in page
    assert asked.reference in page


def test_the_report_and_the_public_page_show_only_what_they_may(client, world, fund):
    donation_create(actor=None, scope=f.ROOT, fund=fund, amount=2_000_000, method="cash",
                    donor_kind="business", donor_name="Công ty Bình Minh", named_publicly=True)  # fmt: skip
    donation_create(actor=None, scope=f.ROOT, fund=fund, amount=700_000, method="cash",
                    donor_kind="business", donor_name="Nhà hảo tâm kín tiếng")  # fmt: skip
    public = reverse("funds:public", args=[fund.code])

    hidden = client.get(public)
    Fund.objects.filter(pk=fund.pk).update(is_public=True)
    shown = client.get(public).content.decode()
    client.force_login(world.clerk_b)
    sibling = client.get(reverse("funds:report")).context["totals"]
    client.force_login(world.clerk_a)
    own = client.get(reverse("funds:report")).context["totals"]

    assert hidden.status_code == 404
    assert "Công ty Bình Minh" in shown
    assert "Nhà hảo tâm kín tiếng" not in shown
    assert "2.700.000" in shown
    assert sibling == (0, 0)
    assert own == (2_700_000, 0)


def test_a_campaign_shows_which_members_have_not_given(client, world, fund):
    from khuyenhoc.funds.services.campaigns import campaign_open
    from khuyenhoc.people.services.memberships import membership_create

    members = [f.person(world.commune_a) for _ in range(3)]
    for member in members:
        membership_create(actor=None, scope=f.ROOT, person=member, org_node=world.commune_a,
                          kind="cadre")  # fmt: skip
    f.person(world.commune_a, birth_year=2015)  # a child the unit manages: not a member
    campaign = campaign_open(actor=None, scope=f.ROOT, fund=fund, name="Một ngày lương 2026",
                             purpose="one_day_salary", starts_on=clock.today(), ends_on=clock.today(),
                             members_of=world.commune_a)  # fmt: skip
    donation_create(actor=None, scope=f.ROOT, fund=fund, amount=350_000, method="cash",
                    donor_kind="person", person=members[0], campaign=campaign,
                    purpose="one_day_salary")  # fmt: skip
    client.force_login(world.clerk_a)

    page = client.get(reverse("funds:campaign-detail", args=[campaign.pk]))

    assert (page.context["progress"].members, page.context["progress"].members_given) == (3, 1)
    assert [p.pk for p in page.context["missing"]] == sorted(
        [m.pk for m in members[1:]], key=lambda pk: next(m.name_key for m in members if m.pk == pk)
    )


def test_a_fund_with_many_donations_pages_newest_first_both_ways(client, world, fund):
    from datetime import timedelta

    today = clock.today()
    for n in range(120):  # three pages of 50, several gifts a day
        donation_create(actor=None, scope=f.ROOT, fund=fund, amount=1000 + n, method="cash",
                        donor_kind="anonymous", received_on=today - timedelta(days=n // 3))  # fmt: skip
    client.force_login(world.clerk_a)
    url = reverse("funds:fund-detail", args=[fund.pk])

    pages, cursor = [], None
    for _ in range(3):
        page = client.get(url, {"cursor": cursor} if cursor else {}).context["page"]
        pages.append([d.pk for d in page.items])
        cursor = page.next_cursor
    back = client.get(url, {"cursor": page.prev_cursor}).context["page"]

    walked = [pk for p in pages for pk in p]
    newest_first = list(
        Donation.objects.order_by("-received_on", "-id").values_list("pk", flat=True)
    )
    assert walked == newest_first
    assert cursor is None
    assert [d.pk for d in back.items] == pages[1]


def test_a_campaign_on_another_units_members_shows_a_clerk_only_those_it_may_see(
    client, world, fund
):
    from khuyenhoc.funds.services.campaigns import campaign_open

    f.person(world.commune_b, full_name="Trần Thị Bê")
    campaign = campaign_open(actor=None, scope=f.ROOT, fund=fund, name="Ống heo xã B",
                             purpose="donation", starts_on=clock.today(), ends_on=clock.today(),
                             members_of=world.commune_b)  # fmt: skip
    client.force_login(world.clerk_a)

    page = client.get(reverse("funds:campaign-detail", args=[campaign.pk]))

    assert page.status_code == 200
    assert "Trần Thị Bê" not in page.content.decode()
    assert page.context["progress"].members == 0


def test_the_fund_page_shows_the_year_by_purpose(client, world, fund):
    donation_create(actor=None, scope=f.ROOT, fund=fund, amount=270_000_000, method="cash",
                    donor_kind="business", donor_name="Công ty Sông Đà",
                    purpose="one_day_salary")  # fmt: skip
    client.force_login(world.clerk_a)

    page = client.get(reverse("funds:fund-detail", args=[fund.pk]))

    assert "Thu, chi năm nay theo mục đích" in page.content.decode()
    assert page.context["purposes"]["one_day_salary"] == (270_000_000, 0)


def test_a_transfer_request_names_its_donor_and_one_bad_line_spoils_no_other(client, world, fund):
    with pytest.raises(DomainError):
        transfer_request_create(actor=None, scope=f.ROOT, fund=fund, amount=100_000,
                                donor_kind="business", donor_name="  ")  # fmt: skip
    good = transfer_request_create(actor=None, scope=f.ROOT, fund=fund, amount=300_000,
                                   donor_kind="business", donor_name="Công ty An Phát")  # fmt: skip
    # A request kept from before donors were checked, that the ledger now refuses to record.
    stale = TransferRequest.objects.create(
        fund=fund, org_path=fund.org_path, reference="KHSTALE2", amount=100_000,
        donor_kind="business", donor_name="",
    )  # fmt: skip
    statement = (
        "Ngày giao dịch,Số tham chiếu,Nội dung,Ghi có\n"
        f"{_today()},FT001,UNG HO {good.reference},300.000\n"
        f"{_today()},FT002,UNG HO {stale.reference},100.000\n"
    ).encode()
    client.force_login(world.clerk_a)

    sent = client.post(reverse("funds:statement", args=[fund.pk]),
                       {"file": SimpleUploadedFile("sao-ke.csv", statement)})  # fmt: skip

    report = sent.context["report"]
    assert TransferRequest.objects.filter(donor_name="").count() == 1  # only the stale one
    assert [line.row for line, _gift in report.matched] == [2]
    assert [(line.row, why) for line, why in report.ambiguous] == [
        (3, "Cần ghi tên (hoặc chọn hồ sơ).")
    ]
    assert available(fund, None) == 300_000


def test_a_long_statement_is_matched_in_the_same_few_reads(world, fund):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from khuyenhoc.funds.services.transfers import statement_match
    from khuyenhoc.funds.statements import StatementLine

    def reads(count: int) -> int:
        lines = [
            StatementLine(n, clock.today(), 10_000 + n, f"CHUYEN KHOAN KHAC KHABCD{n % 10}", f"FT{count}-{n}")
            for n in range(count)
        ]  # fmt: skip
        with CaptureQueriesContext(connection) as seen:
            report = statement_match(actor=None, scope=f.ROOT, fund=fund, lines=lines)
        assert len(report.unmatched) == count
        return len(seen)

    assert reads(40) == reads(3)


def test_the_income_column_says_thu_not_thursday(client, world, fund):
    client.force_login(world.clerk_a)

    page = client.get(reverse("funds:fund-detail", args=[fund.pk])).content.decode()
    public = client.get(reverse("funds:report")).content.decode()

    assert "<th>Thu</th>" in page
    assert "Thứ 5" not in page + public  # Django's own catalogue reads a bare "Thu" as Thursday

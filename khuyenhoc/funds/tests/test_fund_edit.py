"""A fund's managers change its name, bank account and public page; banks are chosen and shown by
name from the NAPAS member list; the income columns say Thu/Income, never Thursday."""

import io
import re

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from khuyenhoc.core.errors import DomainError
from khuyenhoc.core.middleware import scope_for_user
from khuyenhoc.funds.banks import bank_choices, bank_get, banks
from khuyenhoc.funds.forms import BankField, FundForm
from khuyenhoc.funds.models import Fund
from khuyenhoc.funds.services.donations import donation_create
from khuyenhoc.funds.services.funds import fund_open, fund_update
from khuyenhoc.funds.services.transfers import transfer_request_create
from khuyenhoc.testing import factories as f

EDIT = {"name": "Quỹ khuyến học, khuyến tài xã A", "bank_bin": "970418",
        "bank_account": "12345678901234", "bank_account_name": "HOI KHUYEN HOC XA A",
        "is_public": "on"}  # fmt: skip


@pytest.fixture
def fund(world):
    return fund_open(
        actor=world.clerk_a, scope=scope_for_user(world.clerk_a), org_node=world.commune_a,
        code="QKH-A", name="Quỹ khuyến học xã A", bank_bin="970436", bank_account="0011001234567",
        bank_account_name="HOI KHUYEN HOC XA A",
    )  # fmt: skip


def _state(fund: Fund) -> tuple:
    fund.refresh_from_db()
    return (fund.name, fund.bank_bin, fund.bank_account, fund.bank_account_name, fund.is_public,
            fund.history.count())  # fmt: skip


def _errors(response) -> str:
    return " ".join(
        re.findall(r'class="errorlist[^"]*"[^>]*>(.*?)</ul>', response.content.decode(), re.S)
    )


# --- the bank list -------------------------------------------------------------------------------


def test_banks_are_napas_members_by_bin_with_short_and_full_names():
    vcb = bank_get("970436")

    assert (vcb.short_name, vcb.name) == ("Vietcombank", "Ngân hàng TMCP Ngoại Thương Việt Nam")
    assert vcb.label == "Vietcombank — Ngân hàng TMCP Ngoại Thương Việt Nam (970436)"
    assert bank_get("970418").short_name == "BIDV"
    assert bank_get("970449").short_name == "LPBank"  # renamed; the old name is not offered
    assert bank_get("999999") is None
    assert bank_get("") is None
    bins = [b.bin for b in banks()]
    assert len(bins) == len(set(bins)) > 50
    assert all(len(b) == 6 and b.isdigit() for b in bins)
    names = [b.short_name.casefold() for b in banks()]
    assert names == sorted(names)
    assert bank_choices()[0] == (banks()[0].bin, banks()[0].label)


def test_the_create_form_chooses_the_bank_by_name(client, world):
    client.force_login(world.clerk_a)

    response = client.get(reverse("funds:fund-create"))

    form = response.context["form"]
    assert isinstance(form, FundForm)
    assert isinstance(form.fields["bank_bin"], BankField)
    assert (
        '<option value="970436">Vietcombank — Ngân hàng TMCP Ngoại Thương Việt Nam (970436)</option>'
        in response.content.decode()
    )


def test_a_fund_opened_with_a_bank_not_in_the_list_is_refused(client, world):
    client.force_login(world.clerk_a)

    response = client.post(reverse("funds:fund-create"), {
        "org_node": world.commune_a.code, "code": "QKH-X", "name": "Quỹ X", "bank_bin": "123456",
        "bank_account": "0011001234567"})  # fmt: skip

    assert response.status_code == 422
    assert "không có trong danh sách" in _errors(response)
    assert not Fund.objects.filter(code="QKH-X").exists()


# --- editing -------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["clerk_a", "accountant_a", "admin_a", "province_admin"])
def test_those_who_record_money_edit_the_fund_and_the_history_keeps_both(client, world, fund, who):
    client.force_login(getattr(world, who))
    page = reverse("funds:fund-detail", args=[fund.pk])

    form = client.get(reverse("funds:fund-edit", args=[fund.pk]))
    response = client.post(reverse("funds:fund-edit", args=[fund.pk]), EDIT)

    assert form.status_code == 200
    assert form.context["form"].initial["bank_bin"] == "970436"
    assert (response.status_code, response.url) == (302, page)
    fund.refresh_from_db()
    assert (fund.name, fund.bank_bin, fund.bank_account, fund.is_public) == (
        "Quỹ khuyến học, khuyến tài xã A", "970418", "12345678901234", True
    )  # fmt: skip
    latest, before = fund.history.order_by("-history_id")[:2]
    assert latest.history_user == getattr(world, who)
    assert (latest.name, latest.bank_bin) == ("Quỹ khuyến học, khuyến tài xã A", "970418")
    assert (before.name, before.bank_bin) == ("Quỹ khuyến học xã A", "970436")
    shown = client.get(page).content.decode()
    assert "BIDV — Ngân hàng TMCP Đầu tư và Phát triển Việt Nam (970418)" in shown
    assert reverse("funds:fund-edit", args=[fund.pk]) in shown  # the "Sửa quỹ" button


def test_an_unchanged_form_writes_no_history(client, world, fund):
    client.force_login(world.clerk_a)
    before = _state(fund)
    same = {"name": fund.name, "bank_bin": fund.bank_bin, "bank_account": fund.bank_account,
            "bank_account_name": fund.bank_account_name}  # fmt: skip

    response = client.post(reverse("funds:fund-edit", args=[fund.pk]), same)

    assert response.status_code == 302
    assert _state(fund) == before


@pytest.mark.parametrize("who", ["viewer_a", "approver_a", "evaluator"])
def test_roles_that_do_not_record_money_are_refused(client, world, fund, who):
    client.force_login(getattr(world, who))
    before = _state(fund)

    shown = client.get(reverse("funds:fund-detail", args=[fund.pk])).content.decode()
    opened = client.get(reverse("funds:fund-edit", args=[fund.pk]))
    posted = client.post(reverse("funds:fund-edit", args=[fund.pk]), EDIT)

    assert (opened.status_code, posted.status_code) == (403, 403)
    assert _state(fund) == before
    assert reverse("funds:fund-edit", args=[fund.pk]) not in shown  # no "Sửa quỹ" button


def test_a_sibling_communes_clerk_gets_404(client, world, fund):
    client.force_login(world.clerk_b)
    before = _state(fund)

    opened = client.get(reverse("funds:fund-edit", args=[fund.pk]))
    posted = client.post(reverse("funds:fund-edit", args=[fund.pk]), EDIT)

    assert (opened.status_code, posted.status_code) == (404, 404)
    assert _state(fund) == before


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"bank_bin": "999999"}, "Ngân hàng này không có trong danh sách"),
        ({"bank_bin": "Vietcombank"}, "Ngân hàng này không có trong danh sách"),
        ({"bank_account": "12 34-x"}, "Số tài khoản chỉ gồm chữ số"),
        ({"bank_account": "12345"}, "từ 6 đến 19 số"),
        ({"bank_account": "1" * 20}, "từ 6 đến 19 số"),
        ({"bank_account": "١٢٣٤٥٦٧"}, "Số tài khoản chỉ gồm chữ số"),  # Arabic-Indic digits
        ({"bank_bin": ""}, "Cần chọn ngân hàng của tài khoản"),
        ({"bank_account": ""}, "Cần nhập số tài khoản tại ngân hàng đã chọn"),
        ({"name": "   "}, "Trường này là bắt buộc"),
        ({"name": "Q" * 256}, "255"),
        ({"bank_account_name": "A" * 71}, "70"),
    ],
)
def test_a_wrong_field_says_why_in_vietnamese_and_changes_nothing(
    client, world, fund, change, message
):
    client.force_login(world.clerk_a)
    before = _state(fund)

    response = client.post(reverse("funds:fund-edit", args=[fund.pk]), EDIT | change)

    assert response.status_code == 422
    assert message in _errors(response)
    assert _state(fund) == before


def test_a_nul_character_is_refused_and_changes_nothing(client, world, fund):
    client.force_login(world.clerk_a)
    before = _state(fund)

    response = client.post(reverse("funds:fund-edit", args=[fund.pk]), EDIT | {"name": "Quỹ\x00A"})

    assert response.status_code == 400
    assert "ký tự điều khiển" in response.content.decode()
    assert _state(fund) == before


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"name": "Quỹ\x00A"}, "name"),
        ({"bank_account_name": "HOI\x07KH"}, "bank_account_name"),
        ({"name": "Q" * 256}, "name"),
        ({"bank_bin": "970999"}, "bank_bin"),
        ({"bank_account": "0011-001"}, "bank_account"),
        ({"name": ""}, "name"),
    ],
)
def test_the_service_refuses_what_the_form_would_and_changes_nothing(world, fund, change, field):
    before = _state(fund)
    data = {"name": "Tên mới", "bank_bin": "970418", "bank_account": "1234567890"} | change

    with pytest.raises(DomainError) as refused:
        fund_update(actor=world.clerk_a, scope=scope_for_user(world.clerk_a), fund=fund, data=data)

    assert refused.value.field == field
    assert _state(fund) == before


def test_the_service_refuses_a_role_without_money_rights(world, fund):
    before = _state(fund)

    with pytest.raises(PermissionDenied):
        fund_update(actor=world.viewer_a, scope=scope_for_user(world.viewer_a), fund=fund,
                    data={"name": "Tên mới"})  # fmt: skip

    assert _state(fund) == before


def test_the_public_page_can_be_turned_off(client, world, fund):
    Fund.objects.filter(pk=fund.pk).update(is_public=True)
    client.force_login(world.clerk_a)
    public = reverse("funds:public", args=[fund.code])
    shown = client.get(public)

    client.post(reverse("funds:fund-edit", args=[fund.pk]), EDIT | {"is_public": ""})

    assert shown.status_code == 200
    assert client.get(public).status_code == 404


# --- the bank shown by name ----------------------------------------------------------------------


def test_every_page_and_the_receipt_show_the_bank_by_name(client, world, fund):
    Fund.objects.filter(pk=fund.pk).update(is_public=True)
    transfer = transfer_request_create(actor=None, scope=f.ROOT, fund=fund, amount=300_000,
                                       donor_kind="business", donor_name="Công ty An Phát")  # fmt: skip
    gift = donation_create(actor=None, scope=f.ROOT, fund=fund, amount=300_000, method="transfer",
                           donor_kind="business", donor_name="Công ty An Phát")  # fmt: skip
    client.force_login(world.clerk_a)
    pages = [
        client.get(reverse("funds:fund-detail", args=[fund.pk])).content.decode(),
        client.get(reverse("funds:transfer-detail", args=[transfer.pk])).content.decode(),
        client.get(reverse("funds:public", args=[fund.code])).content.decode(),
    ]
    receipt = client.get(reverse("funds:donation-receipt", args=[gift.pk]))
    text = PdfReader(io.BytesIO(receipt.content)).pages[0].extract_text()

    for page in pages:
        assert "Vietcombank — Ngân hàng TMCP Ngoại Thương Việt Nam (970436)" in page
        assert "Ngân hàng (BIN)" not in page
    assert "Vietcombank (970436)" in text
    assert "0011001234567" in text


# --- "Thu" is income, not Thursday ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "income", "spending"), [("vi", "Thu", "Chi"), ("en", "Income", "Expenditure")]
)
def test_the_income_column_says_income_not_thursday(
    client, world, fund, language, income, spending
):
    Fund.objects.filter(pk=fund.pk).update(is_public=True)
    donation_create(actor=None, scope=f.ROOT, fund=fund, amount=300_000, method="cash",
                    donor_kind="business", donor_name="Công ty An Phát")  # fmt: skip
    client.force_login(world.clerk_a)
    urls = [
        reverse("funds:fund-detail", args=[fund.pk]),
        reverse("funds:report"),
        reverse("funds:public", args=[fund.code]),
    ]

    with translation.override(
        "vi"
    ):  # the middleware's language stays with the request, not the thread
        pages = {
            url: client.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode() for url in urls
        }

    for url, page in pages.items():
        headings = re.findall(r"<th>([^<]*)</th>", page)
        assert f'<html lang="{language}">' in page
        assert income in headings, (url, headings)
        assert spending in headings, (url, headings)
        assert "Thứ 5" not in page, url  # Django's Vietnamese for a bare "Thu" (Thursday)
        assert "Thursday" not in page, url
        if language == "en":
            assert "Thu" not in headings, (url, headings)  # English "Thu" is Thursday

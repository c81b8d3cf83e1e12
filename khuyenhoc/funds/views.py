"""Pages of the study-promotion funds: funds, donations and receipts, payments with their approval and
vouchers, corrections, campaigns, pledges, VietQR transfers and bank statements, reports, and each
fund's public page."""

import datetime
import tempfile
from pathlib import Path
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from khuyenhoc.core import clock
from khuyenhoc.core.errors import DomainError, NotFoundError
from khuyenhoc.core.pagination import keyset_paginate
from khuyenhoc.core.pdf import qr_modules
from khuyenhoc.core.scope import Action
from khuyenhoc.core.text import whole_number
from khuyenhoc.core.web import add_domain_error, pdf_response, render_form, scoped, submit
from khuyenhoc.funds import selectors
from khuyenhoc.funds.documents import receipt_pdf, voucher_pdf
from khuyenhoc.funds.forms import (
    CampaignForm,
    CorrectionForm,
    DonationForm,
    FundEditForm,
    FundForm,
    PaymentForm,
    PledgeForm,
    StatementForm,
    SubFundForm,
    TransferForm,
)
from khuyenhoc.funds.services import (
    campaigns,
    corrections,
    disbursements,
    donations,
    funds,
    transfers,
)
from khuyenhoc.funds.statements import statement_read
from khuyenhoc.people.views.persons import home_org_code


@scoped()
def fund_list(request: HttpRequest) -> HttpResponse:
    rows = selectors.fund_list(scope=request.scope)[:200]
    return render(
        request,
        "funds/fund_list.html",
        {"funds": rows, "can_open": request.scope.can(Action.RECORD_MONEY)},
    )


@scoped(Action.RECORD_MONEY)
def fund_create(request: HttpRequest) -> HttpResponse:
    form = FundForm(request.POST or None, scope=request.scope, initial=home_org_code(request))
    saved = submit(
        request, form, lambda data: funds.fund_open(actor=request.user, scope=request.scope, **data),
        done=lambda fund: redirect("funds:fund-detail", pk=fund.pk),
        message=lambda fund: _("Đã lập %(name)s.") % {"name": fund.name},
    )  # fmt: skip
    return saved or render_form(request, form, title=_("Lập quỹ khuyến học"), cancel_url="/funds/")


@scoped(Action.RECORD_MONEY)
def fund_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change a fund's name, bank account and public page; the history keeps each version."""
    fund = selectors.fund_get(scope=request.scope, pk=pk)
    initial = {name: getattr(fund, name) for name in funds.FUND_FIELDS}
    form = FundEditForm(request.POST or None, initial=initial)
    saved = submit(
        request, form, lambda data: funds.fund_update(actor=request.user, scope=request.scope, fund=fund, data=data),
        done=lambda fund: redirect("funds:fund-detail", pk=fund.pk),
        message=lambda fund: _("Đã lưu %(name)s.") % {"name": fund.name},
    )  # fmt: skip
    title = _("Sửa quỹ %(code)s") % {"code": fund.code}
    return saved or render_form(request, form, title=title, cancel_url=f"/funds/{fund.pk}/")


@scoped()
def fund_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A fund: what it holds, what is waiting for approval, its donations, campaigns, pledges, report."""
    fund = selectors.fund_get(scope=request.scope, pk=pk)
    year = clock.today().year
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    context = {
        "fund": fund,
        "balances": selectors.balances(fund=fund),
        "pending": selectors.pending_payments(scope=request.scope, fund=fund),
        "payments": selectors.disbursement_list(scope=request.scope, fund=fund)[:20],
        "page": selectors.donation_page(
            scope=request.scope, fund=fund, cursor=request.GET.get("cursor")
        ),
        "campaigns": selectors.campaign_list(fund=fund),
        "pledges": selectors.pledge_list(fund=fund),
        "transfers": selectors.transfer_requests_open(fund=fund)[:20],
        "months": selectors.report_by_month(scope=request.scope, fund=fund, start=start, end=end),
        "purposes": selectors.report_by_purpose(
            scope=request.scope, fund=fund, start=start, end=end
        ),
        "can_change": request.scope.allows(Action.RECORD_MONEY, fund.org_path),
        "can_approve": request.scope.allows(Action.APPROVE_PAYMENT, fund.org_path),
    }
    return render(request, "funds/fund_detail.html", context)


@scoped(Action.RECORD_MONEY)
def sub_fund_create(request: HttpRequest, pk: int) -> HttpResponse:
    fund = selectors.fund_get(scope=request.scope, pk=pk)
    form = SubFundForm(request.POST or None)
    saved = submit(
        request, form, lambda data: funds.sub_fund_open(actor=request.user, scope=request.scope, fund=fund, **data),
        done=lambda sub: redirect("funds:fund-detail", pk=fund.pk),
        message=lambda sub: _("Đã lập quỹ thành phần %(name)s.") % {"name": sub.name},
    )  # fmt: skip
    return saved or render_form(
        request, form, title=_("Quỹ thành phần mới"), cancel_url=f"/funds/{fund.pk}/"
    )


def _party(data: dict[str, Any]) -> dict[str, Any]:
    return {"person": data["person"], "donor_name": data["name"]}


@scoped(Action.RECORD_MONEY)
def donation_create(request: HttpRequest, pk: int) -> HttpResponse:
    """Record money or goods received; the receipt is numbered and printable at once."""
    fund = selectors.fund_get(scope=request.scope, pk=pk)
    form = DonationForm(request.POST or None, scope=request.scope, fund=fund,
                        initial={"received_on": clock.today()})  # fmt: skip
    saved = submit(request, form, lambda d: donations.donation_create(
        actor=request.user, scope=request.scope, fund=fund, amount=d["amount"], method=d["method"],
        donor_kind=d["party_kind"], goods=d["goods"], purpose=d["purpose"],
        sub_fund=fund.sub_funds.filter(pk=d["sub_fund"]).first() if d["sub_fund"] else None,
        campaign=fund.campaigns.filter(pk=d["campaign"]).first() if d["campaign"] else None,
        received_on=d["received_on"], named_publicly=d["named_publicly"],
        idempotency_key=d["token"] or None, **_party(d),
    ), done=lambda gift: redirect("funds:fund-detail", pk=fund.pk),
        message=lambda gift: _("Đã ghi phiếu thu %(no)s.") % {"no": gift.receipt_no})  # fmt: skip
    return saved or render_form(
        request, form, title=_("Ghi khoản ủng hộ"), cancel_url=f"/funds/{fund.pk}/"
    )


@scoped()
def donation_receipt(request: HttpRequest, pk: int) -> HttpResponse:
    gift = selectors.donation_get(scope=request.scope, pk=pk)
    return pdf_response(receipt_pdf(gift), f"phieu-thu-{gift.receipt_no}.pdf")


@scoped(Action.RECORD_MONEY)
def payment_create(request: HttpRequest, pk: int) -> HttpResponse:
    """Draft a payment; another person approves it."""
    fund = selectors.fund_get(scope=request.scope, pk=pk)
    form = PaymentForm(request.POST or None, scope=request.scope, fund=fund)
    saved = submit(request, form, lambda d: disbursements.disbursement_draft(
        actor=request.user, scope=request.scope, fund=fund, amount=d["amount"], method=d["method"],
        purpose=d["purpose"], beneficiary_kind=d["party_kind"], person=d["person"],
        beneficiary_name=d["name"], decision_ref=d["decision_ref"], note=d["note"],
        sub_fund=fund.sub_funds.filter(pk=d["sub_fund"]).first() if d["sub_fund"] else None,
    ), done=lambda p: redirect("funds:fund-detail", pk=fund.pk),
        message=_("Đã lập khoản chi, chờ người khác duyệt."))  # fmt: skip
    return saved or render_form(
        request, form, title=_("Lập khoản chi"), cancel_url=f"/funds/{fund.pk}/"
    )


@require_POST
@scoped(Action.APPROVE_PAYMENT)
def payment_decide(request: HttpRequest, pk: int) -> HttpResponse:
    """Approve (and pay) or refuse a drafted payment."""
    payment = selectors.disbursement_get(scope=request.scope, pk=pk)
    try:
        if request.POST.get("decision") == "approve":
            payment = disbursements.disbursement_approve(
                actor=request.user, scope=request.scope, disbursement=payment
            )
            messages.success(
                request, _("Đã duyệt chi, phiếu chi %(no)s.") % {"no": payment.voucher_no}
            )
        else:
            disbursements.disbursement_reject(
                actor=request.user, scope=request.scope, disbursement=payment
            )
            messages.success(request, _("Đã không duyệt khoản chi."))
    except DomainError as err:
        messages.error(request, err.message)
    except PermissionDenied as err:  # the drafter approving their own payment
        messages.error(request, str(err))
    return redirect("funds:fund-detail", pk=payment.fund_id)


@scoped()
def payment_voucher(request: HttpRequest, pk: int) -> HttpResponse:
    payment = selectors.disbursement_get(scope=request.scope, pk=pk)
    if not payment.voucher_no:
        raise NotFoundError("Disbursement")
    return pdf_response(voucher_pdf(payment), f"phieu-chi-{payment.voucher_no}.pdf")


@scoped(Action.RECORD_MONEY)
def correction(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    """Undo a donation or a paid payment by a reversing entry (the record itself stays)."""
    getter = selectors.donation_get if kind == "donation" else selectors.disbursement_get
    record = getter(scope=request.scope, pk=pk)
    form = CorrectionForm(request.POST or None)
    saved = submit(request, form, lambda d: corrections.correction_post(
        actor=request.user, scope=request.scope, record=record, reason=d["reason"],
    ), done=lambda entry: redirect("funds:fund-detail", pk=record.fund_id),
        message=_("Đã hủy bằng bút toán đảo."))  # fmt: skip
    title = _("Hủy %(what)s") % {"what": getattr(record, "receipt_no", "") or record.voucher_no}
    return saved or render_form(request, form, title=title, cancel_url=f"/funds/{record.fund_id}/")


@scoped(Action.RECORD_MONEY)
def campaign_create(request: HttpRequest, pk: int) -> HttpResponse:
    fund = selectors.fund_get(scope=request.scope, pk=pk)
    form = CampaignForm(request.POST or None, scope=request.scope)
    saved = submit(request, form, lambda d: campaigns.campaign_open(
        actor=request.user, scope=request.scope, fund=fund, name=d["name"], purpose=d["purpose"],
        goal=d["goal"], starts_on=d["starts_on"], ends_on=d["ends_on"], members_of=d["org_node"],
        monthly_amount=d["monthly_amount"], member_kinds=d["member_kinds"],
    ), done=lambda c: redirect("funds:campaign-detail", pk=c.pk),
        message=lambda c: _("Đã mở %(name)s.") % {"name": c.name})  # fmt: skip
    return saved or render_form(
        request, form, title=_("Mở đợt vận động"), cancel_url=f"/funds/{fund.pk}/"
    )


@scoped()
def campaign_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A campaign's progress, and the members who have not given yet (a page at a time)."""
    campaign = selectors.campaign_get(scope=request.scope, pk=pk)
    page = keyset_paginate(
        selectors.campaign_missing(scope=request.scope, campaign=campaign),
        order=("name_key", "id"),
        cursor=request.GET.get("cursor"),
    )
    context = {
        "campaign": campaign,
        "members_text": selectors.campaign_members_text(campaign=campaign),
        "progress": selectors.campaign_progress(scope=request.scope, campaign=campaign),
        "page": page,
        "missing": page.items,
    }
    return render(request, "funds/campaign_detail.html", context)


@scoped(Action.RECORD_MONEY)
def pledge_create(request: HttpRequest, pk: int) -> HttpResponse:
    fund = selectors.fund_get(scope=request.scope, pk=pk)
    form = PledgeForm(request.POST or None, scope=request.scope)
    saved = submit(request, form, lambda d: campaigns.pledge_create(
        actor=request.user, scope=request.scope, fund=fund, donor_kind=d["party_kind"],
        person=d["person"], donor_name=d["name"], total=d["total"], instalments=d["instalments"],
        every_months=d["every_months"], first_due_on=d["first_due_on"],
    ), done=lambda p: redirect("funds:pledge-detail", pk=p.pk),
        message=_("Đã ghi cam kết."))  # fmt: skip
    return saved or render_form(
        request, form, title=_("Ghi cam kết ủng hộ"), cancel_url=f"/funds/{fund.pk}/"
    )


@scoped()
def pledge_detail(request: HttpRequest, pk: int) -> HttpResponse:
    pledge = selectors.pledge_get(scope=request.scope, pk=pk)
    rows, given, owed = selectors.pledge_schedule(pledge=pledge)
    context = {"pledge": pledge, "rows": rows, "given": given, "owed": owed}
    return render(request, "funds/pledge_detail.html", context)


@scoped(Action.RECORD_MONEY)
def transfer_create(request: HttpRequest, pk: int) -> HttpResponse:
    fund = selectors.fund_get(scope=request.scope, pk=pk)
    form = TransferForm(request.POST or None, scope=request.scope)
    saved = submit(request, form, lambda d: transfers.transfer_request_create(
        actor=request.user, scope=request.scope, fund=fund, amount=d["amount"],
        donor_kind=d["party_kind"], person=d["person"], donor_name=d["name"],
        named_publicly=d["named_publicly"],
    ), done=lambda t: redirect("funds:transfer-detail", pk=t.pk))  # fmt: skip
    return saved or render_form(
        request, form, title=_("Mã VietQR để chuyển khoản"), cancel_url=f"/funds/{fund.pk}/"
    )


@scoped()
def transfer_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The VietQR code to scan (and its reference, for those who type the transfer by hand)."""
    transfer = selectors.transfer_request_get(scope=request.scope, pk=pk)
    try:
        rows = qr_modules(selectors.vietqr_payload(transfer))
    except DomainError as err:  # a fund's bank account or an amount no VietQR code can carry
        messages.error(request, err.message)
        return redirect("funds:fund-detail", pk=transfer.fund_id)
    return render(request, "funds/transfer_detail.html", {"transfer": transfer, "rows": rows})


@scoped(Action.RECORD_MONEY)
def statement_upload(request: HttpRequest, pk: int) -> HttpResponse:
    """Match a bank statement to the open transfer requests; record what matches."""
    fund = selectors.fund_get(scope=request.scope, pk=pk)
    form = StatementForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "sao-ke"
            with path.open("wb") as out:
                for chunk in form.cleaned_data["file"].chunks():
                    out.write(chunk)
            try:
                lines, problems = statement_read(path)
                report = transfers.statement_match(
                    actor=request.user, scope=request.scope, fund=fund, lines=lines
                )
                report.problems = problems
            except DomainError as err:
                add_domain_error(form, err)
    context = {"fund": fund, "form": form, "report": report}
    return render(request, "funds/statement.html", context, status=422 if form.errors else 200)


@scoped()
def report(request: HttpRequest) -> HttpResponse:
    """Income and spending by month of every fund in the user's subtree, for a year."""
    year = _year(request)
    months = selectors.report_by_month(
        scope=request.scope, start=datetime.date(year, 1, 1), end=datetime.date(year, 12, 31)
    )
    totals = (sum(m.income for m in months), sum(m.spending for m in months))
    return render(request, "funds/report.html", {"months": months, "year": year, "totals": totals})


def public_page(request: HttpRequest, code: str) -> HttpResponse:
    """Public: a fund's income and spending by month and purpose, and the donors who agreed to be named."""
    try:
        fund = selectors.public_fund_get(code=code)
    except NotFoundError:
        return render(request, "funds/public.html", {"fund": None}, status=404)
    year = _year(request)
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    everyone = selectors.public_scope(fund)
    context = {
        "fund": fund,
        "year": year,
        "months": selectors.report_by_month(scope=everyone, fund=fund, start=start, end=end),
        "purposes": selectors.report_by_purpose(scope=everyone, fund=fund, start=start, end=end),
        "donors": selectors.named_donors(fund=fund),
    }
    return render(request, "funds/public.html", context)


def _year(request: HttpRequest) -> int:
    """?year=2025, or this year when absent or not a plausible year."""
    year = whole_number(request.GET.get("year"))
    return year if year is not None and 2000 <= year <= 2100 else clock.today().year

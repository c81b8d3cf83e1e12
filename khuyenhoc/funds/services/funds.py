"""Open and change funds and their restricted sub-funds."""

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from khuyenhoc.core.errors import DomainError, ErrorCode
from khuyenhoc.core.scope import Action, Scope
from khuyenhoc.core.services import apply_changes, require, stamp
from khuyenhoc.core.text import clean_text
from khuyenhoc.funds.banks import ACCOUNT_DIGITS, account_number_ok, bank_get
from khuyenhoc.funds.models import Fund, SubFund

FUND_FIELDS = ("name", "bank_bin", "bank_account", "bank_account_name", "is_public")


@transaction.atomic
def fund_open(
    *, actor: Any, scope: Scope, org_node: Any, code: str, name: str, is_public: bool = False,
    bank_bin: str = "", bank_account: str = "", bank_account_name: str = "",
) -> Fund:  # fmt: skip
    """Open a fund managed by `org_node` (the user must be allowed to change that node's records)."""
    if org_node is None:
        raise DomainError(ErrorCode.REQUIRED, _("Cần chọn đơn vị quản lý quỹ."), field="org_node")
    require(scope, Action.RECORD_MONEY, org_node.path)
    code = clean_text(code).upper()
    if not code:
        raise DomainError(ErrorCode.REQUIRED, _("Cần nhập mã quỹ."), field="code")
    fields = _checked({"name": name, "bank_bin": bank_bin, "bank_account": bank_account,
                       "bank_account_name": bank_account_name})  # fmt: skip
    if Fund.objects.filter(code=code).exists():
        raise DomainError(ErrorCode.DUPLICATE, _("Mã quỹ %(c)s đã có.") % {"c": code}, field="code")
    fund = Fund(
        org_node=org_node, org_path=org_node.path, province_code=org_node.province_code or "",
        code=code, is_public=bool(is_public), **fields,
    )  # fmt: skip
    stamp(fund, actor).save()
    return fund


@transaction.atomic
def fund_update(*, actor: Any, scope: Scope, fund: Fund, data: dict[str, Any]) -> Fund:
    """Change a fund's name, bank account and whether its public page is on; the history keeps each
    version. Its code (the public page's address) and managing unit (its ledger's place) stay."""
    require(scope, Action.RECORD_MONEY, fund.org_path)
    current = {name: getattr(fund, name) for name in FUND_FIELDS}
    wanted = current | {k: v for k, v in data.items() if k in FUND_FIELDS}
    checked = _checked(wanted) | {"is_public": bool(wanted["is_public"])}
    if apply_changes(fund, checked, FUND_FIELDS):
        stamp(fund, actor).save()
    return fund


def _checked(data: dict[str, Any]) -> dict[str, str]:
    """The name and bank fields cleaned, or a DomainError naming the first field that is wrong."""
    name = _text(data.get("name"), field="name", limit=255)
    if not name:
        raise DomainError(ErrorCode.REQUIRED, _("Cần nhập tên quỹ."), field="name")
    bank_bin = clean_text(data.get("bank_bin") or "")
    if bank_bin and bank_get(bank_bin) is None:
        raise DomainError(
            ErrorCode.INVALID,
            _("Ngân hàng này không có trong danh sách thành viên NAPAS; hãy chọn trong danh sách."),
            field="bank_bin",
        )
    account = clean_text(data.get("bank_account") or "")
    if account and not account_number_ok(account):
        raise DomainError(
            ErrorCode.INVALID,
            _("Số tài khoản chỉ gồm chữ số (không dấu cách, dấu gạch), từ %(low)s đến %(high)s số.")
            % {"low": ACCOUNT_DIGITS[0], "high": ACCOUNT_DIGITS[1]},
            field="bank_account",
        )
    if bank_bin and not account:
        raise DomainError(
            ErrorCode.REQUIRED,
            _("Cần nhập số tài khoản tại ngân hàng đã chọn."),
            field="bank_account",
        )
    if account and not bank_bin:
        raise DomainError(
            ErrorCode.REQUIRED, _("Cần chọn ngân hàng của tài khoản."), field="bank_bin"
        )
    holder = _text(data.get("bank_account_name"), field="bank_account_name", limit=70)
    return {
        "name": name,
        "bank_bin": bank_bin,
        "bank_account": account,
        "bank_account_name": holder,
    }


def _text(value: Any, *, field: str, limit: int) -> str:
    """One line of text, NFC with collapsed spaces, no control character, at most `limit` characters."""
    text = clean_text(value or "")
    if not text.isprintable():
        raise DomainError(
            ErrorCode.INVALID, _("Có ký tự điều khiển không hợp lệ (như ký tự NUL)."), field=field
        )
    if len(text) > limit:
        raise DomainError(ErrorCode.INVALID, _("Dài quá %(n)s ký tự.") % {"n": limit}, field=field)
    return text


@transaction.atomic
def sub_fund_open(
    *, actor: Any, scope: Scope, fund: Fund, code: str, name: str, purpose: str = ""
) -> SubFund:
    """A restricted sub-fund: money given to it may be spent only on its purpose."""
    require(scope, Action.RECORD_MONEY, fund.org_path)
    code, name = clean_text(code).upper(), clean_text(name)
    if not code or not name:
        raise DomainError(ErrorCode.REQUIRED, _("Cần nhập mã và tên quỹ thành phần."), field="code")
    if SubFund.objects.filter(fund=fund, code=code).exists():
        raise DomainError(
            ErrorCode.DUPLICATE, _("Mã %(c)s đã có trong quỹ.") % {"c": code}, field="code"
        )
    sub_fund = SubFund(fund=fund, code=code, name=name, purpose=clean_text(purpose))
    stamp(sub_fund, actor).save()
    return sub_fund

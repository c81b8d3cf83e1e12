"""Open funds and their restricted sub-funds."""

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from khuyenhoc.core.errors import DomainError, ErrorCode
from khuyenhoc.core.scope import Action, Scope
from khuyenhoc.core.services import require, stamp
from khuyenhoc.core.text import clean_text
from khuyenhoc.funds.models import Fund, SubFund
from khuyenhoc.funds.vietqr import check_bank_account


@transaction.atomic
def fund_open(
    *, actor: Any, scope: Scope, org_node: Any, code: str, name: str, is_public: bool = False,
    bank_bin: str = "", bank_account: str = "", bank_account_name: str = "",
) -> Fund:  # fmt: skip
    """Open a fund managed by `org_node` (the user must be allowed to change that node's records)."""
    if org_node is None:
        raise DomainError(ErrorCode.REQUIRED, _("Cần chọn đơn vị quản lý quỹ."), field="org_node")
    require(scope, Action.RECORD_MONEY, org_node.path)
    code, name = clean_text(code).upper(), clean_text(name)
    if not code:
        raise DomainError(ErrorCode.REQUIRED, _("Cần nhập mã quỹ."), field="code")
    if not name:
        raise DomainError(ErrorCode.REQUIRED, _("Cần nhập tên quỹ."), field="name")
    if Fund.objects.filter(code=code).exists():
        raise DomainError(ErrorCode.DUPLICATE, _("Mã quỹ %(c)s đã có.") % {"c": code}, field="code")
    bank_bin, bank_account = clean_text(bank_bin), clean_text(bank_account)
    check_bank_account(bank_bin, bank_account)
    fund = Fund(
        org_node=org_node, org_path=org_node.path, province_code=org_node.province_code or "",
        code=code, name=name, is_public=is_public, bank_bin=bank_bin, bank_account=bank_account,
        bank_account_name=clean_text(bank_account_name),
    )  # fmt: skip
    stamp(fund, actor).save()
    return fund


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

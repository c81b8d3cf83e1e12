"""Look-ups shared by the people kinds (units by code, persons and households by their keys), and the
CCCD column that other apps' kinds read too."""

from typing import Any

from django.utils.translation import gettext as _

from khuyenhoc.bulk.kinds import ImportContext, RowError
from khuyenhoc.bulk.values import clean_cell_text
from khuyenhoc.core.scope import Action
from khuyenhoc.core.text import whole_number
from khuyenhoc.orgs.models import OrgNode
from khuyenhoc.people.cccd import CccdError, cccd_typed_digits, parse_cccd
from khuyenhoc.people.models import Household, Person


class OrgCodes:
    """Organisation nodes named by code in a file, looked up once each, inside the importer's scope."""

    def __init__(self, ctx: ImportContext) -> None:
        self.ctx = ctx
        self.nodes: dict[str, OrgNode | None] = {}

    def get(self, code: str, field: str = "org_node") -> OrgNode:
        key = code.strip().upper()
        if key not in self.nodes:
            node = OrgNode.objects.filter(code=key).first()
            allowed = node is not None and self.ctx.scope.allows(Action.CHANGE, node.path)
            self.nodes[key] = node if allowed else None
        node = self.nodes[key]
        if node is None:
            raise RowError(
                field, _("Không có đơn vị mã “%(code)s” trong phạm vi của bạn.") % {"code": code}
            )
        return node


def org_of_row(raw: Any, ctx: ImportContext, field: str = "org_node") -> OrgNode:
    """The row's unit (by code), else the unit chosen for the whole import."""
    code = clean_cell_text(raw)
    if code:
        return ctx.cache.setdefault("orgs", OrgCodes(ctx)).get(code, field)
    if ctx.org is None:
        raise RowError(field, _("Cần mã đơn vị quản lý (cột đơn vị hoặc chọn đơn vị khi nhập)."))
    return ctx.org


def cccd_of_row(raw: Any, field: str = "cccd") -> str:
    """A CCCD cell read by the people rule (`parse_cccd`); "" when the cell is empty."""
    try:
        return parse_cccd(raw)
    except CccdError as err:
        raise RowError(field, err.message) from None


def person_of_row(raw: Any, ctx: ImportContext, field: str) -> Person:
    """The person named by CCCD (leading zero optional) or record number, inside the scope."""
    text = clean_cell_text(raw).lstrip("#")
    if not text:
        raise RowError(field, _("Cần số CCCD hoặc mã hồ sơ của người."))
    if whole_number(text) is not None and len(text) < 9:
        person = Person.objects.filter(pk=whole_number(text)).first()
    elif cccd_typed_digits(text) is not None:
        person = Person.objects.filter(cccd=cccd_of_row(text, field)).first()
    else:
        person = None
    if person is None or not ctx.scope.allows(Action.VIEW, person.org_path):
        raise RowError(
            field,
            _("Không có người “%(text)s” trong phạm vi của bạn (hãy nhập danh sách người trước).")
            % {"text": text},
        )
    return person


def household_of_row(raw: Any, ctx: ImportContext, field: str) -> Household | None:
    """The household with this code inside the scope, or None if the code is new."""
    code = clean_cell_text(raw).upper()
    household = Household.objects.filter(code=code).first()
    if household is not None and not ctx.scope.allows(Action.CHANGE, household.org_path):
        raise RowError(
            field,
            _("Gia đình mã %(code)s do đơn vị ngoài phạm vi của bạn quản lý.") % {"code": code},
        )
    return household

"""Create and change clans (dòng họ) and their member households."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from khuyenhoc.core.errors import DomainError, ErrorCode
from khuyenhoc.core.scope import Action, Scope
from khuyenhoc.core.services import apply_changes, require, stamp
from khuyenhoc.core.text import fold
from khuyenhoc.people.models import Clan, ClanHousehold, Household
from khuyenhoc.people.services.common import check_place, clean_fields, place_province

FIELDS = ("org_node", "code", "name", "head", "commune", "origin")


def _clean(data: dict[str, Any]) -> dict[str, Any]:
    return clean_fields(data, fields=FIELDS, text=("code", "name", "origin"))


def _save(clan: Clan, actor: Any, scope: Scope) -> Clan:
    if not clan.name:
        raise DomainError(ErrorCode.REQUIRED, _("Cần nhập tên dòng họ."), field="name")
    clan.commune = check_place(clan.commune, None)
    if clan.head is not None and not scope.allows(Action.VIEW, clan.head.org_path):
        raise DomainError(
            ErrorCode.OUT_OF_SCOPE, _("Trưởng họ nằm ngoài phạm vi của bạn."), field="head"
        )
    if clan.code and Clan.objects.filter(code=clan.code).exclude(pk=clan.pk).exists():
        raise DomainError(
            ErrorCode.DUPLICATE,
            _("Mã dòng họ %(code)s đã được dùng.") % {"code": clan.code},
            field="code",
        )
    clan.name_key = fold(clan.name)
    clan.org_path = clan.org_node.path
    clan.province_code = place_province(clan.commune, clan.org_node)
    stamp(clan, actor).save()
    return clan


@transaction.atomic
def clan_create(*, actor: Any, scope: Scope, **data: Any) -> Clan:
    """Create a clan managed by `org_node`."""
    data = _clean(data)
    if data.get("org_node") is None:
        raise DomainError(ErrorCode.REQUIRED, _("Cần chọn đơn vị quản lý."), field="org_node")
    require(scope, Action.CHANGE, data["org_node"].path)
    return _save(Clan(**data), actor, scope)


@transaction.atomic
def clan_update(*, actor: Any, scope: Scope, clan: Clan, data: dict[str, Any]) -> Clan:
    """Change a clan's own fields."""
    require(scope, Action.CHANGE, clan.org_path)
    data = _clean(data)
    if "org_node" in data and data["org_node"] is None:
        raise DomainError(ErrorCode.REQUIRED, _("Cần chọn đơn vị quản lý."), field="org_node")
    if not apply_changes(clan, data, FIELDS):
        return clan
    if not scope.allows(Action.CHANGE, clan.org_node.path):
        raise PermissionDenied(_("Đơn vị quản lý mới nằm ngoài phạm vi của bạn."))
    return _save(clan, actor, scope)


@transaction.atomic
def clan_add_household(
    *, actor: Any, scope: Scope, clan: Clan, household: Household
) -> ClanHousehold:
    """Add a household to a clan."""
    require(scope, Action.CHANGE, clan.org_path)
    require(scope, Action.VIEW, household.org_path)
    if ClanHousehold.objects.filter(clan=clan, household=household).exists():
        raise DomainError(
            ErrorCode.DUPLICATE, _("Gia đình này đã thuộc dòng họ."), field="household"
        )
    link = ClanHousehold(clan=clan, household=household)
    stamp(link, actor).save()
    return link


@transaction.atomic
def clan_remove_household(*, actor: Any, scope: Scope, link: ClanHousehold) -> None:
    """Take a household out of a clan (the history keeps the link)."""
    require(scope, Action.CHANGE, link.clan.org_path)
    stamp(link, actor).delete()

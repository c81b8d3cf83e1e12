"""Create and change households (gia đình) and their members."""

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from khuyenhoc.core.errors import DomainError, ErrorCode
from khuyenhoc.core.scope import Action, Scope
from khuyenhoc.core.services import apply_changes, require, stamp
from khuyenhoc.core.text import fold
from khuyenhoc.people.models import Household, HouseholdMember, Person, Relation
from khuyenhoc.people.services.common import check_place, clean_fields, place_province

FIELDS = ("org_node", "code", "name", "commune", "village", "address")


def _clean(data: dict[str, Any]) -> dict[str, Any]:
    return clean_fields(data, fields=FIELDS, text=("code", "name", "address"))


def _save(household: Household, actor: Any) -> Household:
    if not household.name:
        raise DomainError(ErrorCode.REQUIRED, _("Cần nhập tên gia đình."), field="name")
    household.commune = check_place(household.commune, household.village)
    if (
        household.code
        and Household.objects.filter(code=household.code).exclude(pk=household.pk).exists()
    ):
        raise DomainError(
            ErrorCode.DUPLICATE,
            _("Mã gia đình %(code)s đã được dùng.") % {"code": household.code},
            field="code",
        )
    household.name_key = fold(household.name)
    household.org_path = household.org_node.path
    household.province_code = place_province(household.commune, household.org_node)
    stamp(household, actor).save()
    return household


@transaction.atomic
def household_create(
    *, actor: Any, scope: Scope, head: Person | None = None, **data: Any
) -> Household:
    """Create a household; when a head is given, it becomes the first member."""
    data = _clean(data)
    if data.get("org_node") is None:
        raise DomainError(ErrorCode.REQUIRED, _("Cần chọn đơn vị quản lý."), field="org_node")
    require(scope, Action.CHANGE, data["org_node"].path)
    household = _save(Household(**data), actor)
    if head is not None:
        household_add_member(
            actor=actor, scope=scope, household=household, person=head, relation=Relation.HEAD
        )
    return household


@transaction.atomic
def household_update(
    *, actor: Any, scope: Scope, household: Household, data: dict[str, Any]
) -> Household:
    """Change a household's own fields."""
    require(scope, Action.CHANGE, household.org_path)
    data = _clean(data)
    if "org_node" in data and data["org_node"] is None:
        raise DomainError(ErrorCode.REQUIRED, _("Cần chọn đơn vị quản lý."), field="org_node")
    if not apply_changes(household, data, FIELDS):
        return household
    if not scope.allows(Action.CHANGE, household.org_node.path):
        raise PermissionDenied(_("Đơn vị quản lý mới nằm ngoài phạm vi của bạn."))
    return _save(household, actor)


@transaction.atomic
def household_add_member(
    *,
    actor: Any,
    scope: Scope,
    household: Household,
    person: Person,
    relation: str,
    joined_on: date | None = None,
) -> HouseholdMember:
    """Add `person` to `household`; a person belongs to one household at a time, a household has one head."""
    require(scope, Action.CHANGE, household.org_path)
    require(scope, Action.VIEW, person.org_path)
    if relation not in Relation.values:
        raise DomainError(
            ErrorCode.INVALID, _("Quan hệ với chủ hộ không hợp lệ."), field="relation"
        )
    current = HouseholdMember.objects.filter(person=person, left_on__isnull=True).select_related(
        "household"
    )
    existing = current.first()
    if existing is not None:
        raise DomainError(
            ErrorCode.DUPLICATE,
            _("%(person)s đang là thành viên của gia đình %(household)s.")
            % {"person": person.full_name, "household": existing.household.name},
            field="person",
        )
    if (
        relation == Relation.HEAD
        and household.members.filter(relation=Relation.HEAD, left_on__isnull=True).exists()
    ):
        raise DomainError(ErrorCode.DUPLICATE, _("Gia đình này đã có chủ hộ."), field="relation")
    member = HouseholdMember(
        household=household, person=person, relation=relation, joined_on=joined_on
    )
    try:
        with transaction.atomic():
            stamp(member, actor).save()
    except IntegrityError as exc:
        raise DomainError(
            ErrorCode.DUPLICATE, _("Người này đã thuộc một gia đình khác."), field="person"
        ) from exc
    if relation == Relation.HEAD:
        household.head = person
        stamp(household, actor).save(update_fields=["head", "updated_at"])
    return member


@transaction.atomic
def household_remove_member(
    *, actor: Any, scope: Scope, member: HouseholdMember, left_on: date
) -> HouseholdMember:
    """Record that a member left the household on `left_on` (the membership is kept as history)."""
    household = member.household
    require(scope, Action.CHANGE, household.org_path)
    if member.left_on is not None:
        raise DomainError(ErrorCode.INVALID, _("Người này đã rời gia đình."), field="member")
    if member.joined_on and left_on < member.joined_on:
        raise DomainError(ErrorCode.INVALID, _("Ngày rời phải sau ngày vào."), field="left_on")
    member.left_on = left_on
    stamp(member, actor).save(update_fields=["left_on", "updated_at"])
    if household.head_id == member.person_id:
        household.head = None
        stamp(household, actor).save(update_fields=["head", "updated_at"])
    return member

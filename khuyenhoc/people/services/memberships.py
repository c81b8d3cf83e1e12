"""Memberships of persons in organisation nodes (hội viên, đoàn viên, cán bộ, người lao động)."""

from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from khuyenhoc.core.errors import DomainError, ErrorCode
from khuyenhoc.core.scope import Action, Scope
from khuyenhoc.core.services import require, stamp
from khuyenhoc.core.text import clean_text
from khuyenhoc.orgs.models import OrgNode
from khuyenhoc.people.models import Membership, MembershipKind, Person


@transaction.atomic
def membership_create(
    *,
    actor: Any,
    scope: Scope,
    person: Person,
    org_node: OrgNode,
    kind: str,
    role: str = "",
    started_on: date | None = None,
) -> Membership:
    """Record that `person` is a member/cadre/worker of `org_node`; one current membership per kind."""
    require(scope, Action.CHANGE, org_node.path)
    require(scope, Action.VIEW, person.org_path)
    if kind not in MembershipKind.values:
        raise DomainError(ErrorCode.INVALID, _("Loại thành viên không hợp lệ."), field="kind")
    duplicate = Membership.objects.filter(
        person=person, org_node=org_node, kind=kind, ended_on__isnull=True
    ).exists()
    if duplicate:
        raise DomainError(
            ErrorCode.DUPLICATE,
            _("%(person)s đã là %(kind)s của %(node)s.")
            % {
                "person": person.full_name,
                "kind": MembershipKind(kind).label.lower(),
                "node": org_node.name,
            },
            field="kind",
        )
    membership = Membership(
        person=person,
        org_node=org_node,
        kind=kind,
        role=clean_text(role),
        started_on=started_on,
        org_path=org_node.path,
        province_code=org_node.province_code or person.province_code,
    )
    try:
        with transaction.atomic():
            stamp(membership, actor).save()
    except IntegrityError as exc:
        raise DomainError(ErrorCode.DUPLICATE, _("Thành viên này đã có."), field="kind") from exc
    return membership


@transaction.atomic
def membership_end(
    *, actor: Any, scope: Scope, membership: Membership, ended_on: date
) -> Membership:
    """Close a membership on `ended_on` (kept as history)."""
    require(scope, Action.CHANGE, membership.org_path)
    if membership.ended_on is not None:
        raise DomainError(
            ErrorCode.INVALID, _("Tư cách thành viên này đã kết thúc."), field="ended_on"
        )
    if membership.started_on and ended_on < membership.started_on:
        raise DomainError(
            ErrorCode.INVALID, _("Ngày kết thúc phải sau ngày bắt đầu."), field="ended_on"
        )
    membership.ended_on = ended_on
    stamp(membership, actor).save(update_fields=["ended_on", "updated_at"])
    return membership

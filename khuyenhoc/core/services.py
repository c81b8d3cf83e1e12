"""Helpers shared by every app's services: scope checks, recording who made a change, and the access
log of personal data."""

from typing import Any

from django.core.exceptions import PermissionDenied

from khuyenhoc.core.errors import DomainError, ErrorCode
from khuyenhoc.core.logs import request_id
from khuyenhoc.core.models import AccessRecord
from khuyenhoc.core.scope import Action, Scope


def require(scope: Scope, action: Action | str, path: str) -> None:
    """Refuse `action` on a record at `path` unless the policy (core.scope) allows it there."""
    if not scope.allows(action, path):
        raise PermissionDenied(scope.refusal(action, path))


def require_place(scope: Scope, action: Action | str, place_path: str, *, field: str) -> None:
    """Refuse `action` on an administrative unit at `place_path` (a commune; a village belongs to its
    commune's subtree) unless the policy allows it there; the refusal names the input `field`."""
    if not scope.allows_place(action, place_path):
        raise DomainError(ErrorCode.OUT_OF_SCOPE, scope.place_refusal(action), field=field)


def stamp(instance: Any, actor: Any) -> Any:
    """Name `actor` as the author of the next history row of `instance` (audit trail)."""
    if actor is not None and getattr(actor, "pk", None) is not None:
        instance._history_user = actor
    return instance


def apply_changes(instance: Any, data: dict[str, Any], fields: tuple[str, ...]) -> list[str]:
    """Copy the whitelisted `fields` from `data` onto `instance`; return the names that changed."""
    changed = []
    for name in fields:
        if name in data and getattr(instance, name) != data[name]:
            setattr(instance, name, data[name])
            changed.append(name)
    return changed


def access_record(
    *,
    actor: Any,
    kind: str,
    channel: str,
    subject: str,
    org_path: str,
    rows: int = 1,
    obj: Any = None,
    ip: str | None = None,
) -> AccessRecord:
    """Write one line of the access log of personal data (who, when, what, how many rows).

    Called where personal data leaves the masked default: a full CCCD on a page or in an API answer,
    every export of personal data, a person's whole record — before the data is sent.
    """
    return AccessRecord.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        actor_name=(getattr(actor, "username", "") or "hệ thống")[:150],
        kind=kind,
        channel=channel,
        subject=subject[:255],
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=obj.pk if obj is not None else None,
        rows=max(int(rows), 0),
        org_path=org_path,
        request_id=request_id(),
        ip=ip or None,
    )

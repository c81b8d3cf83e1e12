"""Reading the access log of personal data (core.AccessRecord): administrators read their subtree's."""

import datetime
from typing import Any

from django.db.models import QuerySet

from khuyenhoc.core.models import AccessKind, AccessRecord
from khuyenhoc.core.scope import Action, Scope


def access_records(
    *,
    scope: Scope,
    kind: str = "",
    actor: str = "",
    since: datetime.date | None = None,
    until: datetime.date | None = None,
) -> QuerySet[AccessRecord]:
    """The readings of personal data held in the subtrees the user administers (MANAGE_USERS), newest
    first, filtered by kind, user name and day range (both ends included)."""
    rows = AccessRecord.objects.filter(scope.q("org_path", Action.MANAGE_USERS))
    if kind in AccessKind.values:
        rows = rows.filter(kind=kind)
    if actor:
        rows = rows.filter(actor_name=actor.strip().lower())
    if since is not None:
        rows = rows.filter(at__date__gte=since)
    if until is not None:
        rows = rows.filter(at__date__lte=until)
    return rows


def access_row(record: AccessRecord) -> list[Any]:
    """One line of the log as the page and its CSV show it."""
    return [
        record.at,
        record.actor_name,
        record.get_kind_display(),
        record.subject,
        record.rows,
        record.get_channel_display(),
        record.ip or "",
        record.request_id,
    ]


ACCESS_HEADER = [
    "Lúc",
    "Tên đăng nhập",
    "Việc",
    "Dữ liệu",
    "Số dòng",
    "Qua",
    "Địa chỉ IP",
    "Mã yêu cầu",
]

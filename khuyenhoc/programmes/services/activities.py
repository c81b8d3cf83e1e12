"""Writes for the activities a party logs under a programme (never in a locked period)."""

import datetime
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from khuyenhoc.core.errors import DomainError, ErrorCode
from khuyenhoc.core.scope import Action, Scope
from khuyenhoc.core.services import require, stamp
from khuyenhoc.core.text import clean_text
from khuyenhoc.core.uploads import check_upload, stored_name, upload_name
from khuyenhoc.programmes.models import Activity, Content, Programme
from khuyenhoc.programmes.services.common import check_unlocked, party_of


@transaction.atomic
def activity_log(
    *, actor: Any, scope: Scope, programme: Programme, org_node: Any, happened_on: datetime.date,
    summary: str, content: Content | None = None, place_text: str = "", participants: int | None = None,
    attachment: Any = None,
) -> Activity:  # fmt: skip
    """Log an activity of a node under a party's subtree (the user's own subtree)."""
    require(scope, Action.CHANGE, org_node.path)
    party_of(programme, org_node)
    check_unlocked(programme, org_node, happened_on)
    summary = clean_text(summary)
    if not summary:
        raise DomainError(ErrorCode.REQUIRED, _("Cần ghi nội dung hoạt động."), field="summary")
    if content is not None and content.programme_id != programme.pk:
        raise DomainError(
            ErrorCode.INVALID, _("Nội dung không thuộc chương trình này."), field="content"
        )
    if not programme.starts_year <= happened_on.year <= programme.ends_year:
        raise DomainError(
            ErrorCode.INVALID, _("Ngày nằm ngoài thời gian của chương trình."), field="happened_on"
        )
    activity = Activity(
        programme=programme, content=content, org_node=org_node, org_path=org_node.path,
        happened_on=happened_on, place_text=clean_text(place_text), summary=summary,
        participants=participants,
    )  # fmt: skip
    if attachment is not None:
        check_upload(attachment, upload_name(attachment), field="attachment")
        activity.attachment.save(stored_name(attachment), attachment, save=False)
    stamp(activity, actor).save()
    return activity


@transaction.atomic
def activity_edit(*, actor: Any, scope: Scope, activity: Activity, **changes: Any) -> Activity:
    """Change an activity: only its own party's people, and not in a locked period."""
    require(scope, Action.CHANGE, activity.org_path)
    check_unlocked(activity.programme, activity.org_node, activity.happened_on)
    for name in ("summary", "place_text", "participants"):
        if name in changes:
            setattr(
                activity,
                name,
                clean_text(changes[name]) if isinstance(changes[name], str) else changes[name],
            )
    if not activity.summary:
        raise DomainError(ErrorCode.REQUIRED, _("Cần ghi nội dung hoạt động."), field="summary")
    stamp(activity, actor).save()
    return activity

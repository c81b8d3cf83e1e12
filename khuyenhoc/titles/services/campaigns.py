"""Open a title's yearly campaign at an organisation node, with its four deadlines in order."""

import itertools
from datetime import date
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from khuyenhoc.core import clock
from khuyenhoc.core.errors import DomainError, ErrorCode
from khuyenhoc.core.scope import Action, Scope
from khuyenhoc.core.services import require, stamp
from khuyenhoc.core.text import clean_text
from khuyenhoc.titles.models import Campaign, Title

DEADLINES = ("registration_until", "self_assessment_until", "verification_until", "decision_until")


@transaction.atomic
def campaign_open(
    *,
    actor: Any,
    scope: Scope,
    title: str,
    year: int,
    org_node: Any,
    name: str = "",
    **deadlines: date,
) -> Campaign:
    """Open a title's campaign for `year` at `org_node`, with its four deadlines in order."""
    if title not in Title.values:
        raise DomainError(ErrorCode.INVALID, _("Danh hiệu không hợp lệ."), field="title")
    if org_node is None:
        raise DomainError(ErrorCode.REQUIRED, _("Cần chọn đơn vị tổ chức."), field="org_node")
    require(scope, Action.CHANGE, org_node.path)
    if not 2000 <= int(year) <= clock.today().year + 1:
        raise DomainError(
            ErrorCode.INVALID, _("Năm phải trong khoảng 2000–%(y)s.") % {"y": clock.today().year + 1},
            field="year",
        )  # fmt: skip
    for field in DEADLINES:
        if deadlines.get(field) is None:
            raise DomainError(ErrorCode.REQUIRED, _("Cần nhập đủ các hạn."), field=field)
    for before, after in itertools.pairwise(DEADLINES):
        if deadlines[after] < deadlines[before]:
            raise DomainError(
                ErrorCode.INVALID, _("Các hạn phải theo thứ tự: đăng ký, tự đánh giá, thẩm định, quyết định."),
                field=after,
            )  # fmt: skip
    campaign = Campaign(
        title=title,
        year=int(year),
        name=clean_text(name) or f"{Title(title).label} năm {year} — {org_node.name}",
        org_node=org_node,
        org_path=org_node.path,
        **{f: deadlines[f] for f in DEADLINES},
    )
    stamp(campaign, actor).save()
    return campaign

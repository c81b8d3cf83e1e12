"""Writes for the reporting discipline: reported figures, reporting periods, and the submissions
sent up, approved bottom-up (which locks the figures) and re-opened."""

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from khuyenhoc.core.errors import DomainError, ErrorCode
from khuyenhoc.core.scope import Action, Scope, prefix_q
from khuyenhoc.core.services import require, stamp
from khuyenhoc.core.text import clean_text
from khuyenhoc.core.uploads import check_upload, stored_name, upload_name
from khuyenhoc.programmes.models import (
    Indicator,
    Programme,
    ReportedValue,
    ReportingPeriod,
    Source,
    Submission,
    Unit,
)
from khuyenhoc.programmes.services.common import (
    check_manage,
    check_unlocked,
    clean_number,
    party_of,
)


@transaction.atomic
def reported_value_set(
    *, actor: Any, scope: Scope, indicator: Indicator, year: int, org_node: Any, value: Any,
    note: str = "", evidence: Any = None,
) -> ReportedValue:  # fmt: skip
    """A party's figure for a reported indicator (with its evidence), while its period is open."""
    if indicator.source != Source.REPORTED:
        raise DomainError(
            ErrorCode.INVALID, _("Chỉ tiêu này do hệ thống tự tính, không nhập tay."), field="value"
        )
    require(scope, Action.CHANGE, org_node.path)
    party_of(indicator.programme, org_node)
    check_unlocked(indicator.programme, org_node, year)
    value = clean_number(value, "value")
    if indicator.unit == Unit.PERCENT and value > 100:
        raise DomainError(ErrorCode.INVALID, _("Tỷ lệ không vượt quá 100%."), field="value")
    row = ReportedValue.objects.filter(indicator=indicator, year=year, org_node=org_node).first()
    row = row or ReportedValue(
        indicator=indicator, year=year, org_node=org_node, org_path=org_node.path
    )
    row.value, row.note = value, clean_text(note)
    if evidence is not None:
        check_upload(evidence, upload_name(evidence), field="evidence")
        row.evidence.save(stored_name(evidence), evidence, save=False)
    stamp(row, actor).save()
    return row


@transaction.atomic
def period_open(
    *, actor: Any, scope: Scope, programme: Programme, kind: str, name: str, year_from: int,
    year_to: int, due_on: datetime.date,
) -> ReportingPeriod:  # fmt: skip
    """A reporting period inside the programme's own years."""
    check_manage(scope, programme)
    if kind not in ReportingPeriod.Kind.values:
        raise DomainError(ErrorCode.INVALID, _("Loại kỳ không hợp lệ."), field="kind")
    if not programme.starts_year <= year_from <= year_to <= programme.ends_year:
        raise DomainError(
            ErrorCode.INVALID,
            _("Kỳ báo cáo phải nằm trong thời gian của chương trình (%(a)s–%(b)s).")
            % {"a": programme.starts_year, "b": programme.ends_year},
            field="year_from",
        )
    period = ReportingPeriod(
        programme=programme, kind=kind, name=clean_text(name) or f"{year_from}–{year_to}",
        year_from=year_from, year_to=year_to, due_on=due_on,
    )  # fmt: skip
    stamp(period, actor).save()
    return period


@transaction.atomic
def submission_submit(
    *, actor: Any, scope: Scope, period: ReportingPeriod, org_node: Any, note: str = ""
) -> Submission:
    """Send a node's report of the period up for approval."""
    require(scope, Action.CHANGE, org_node.path)
    party_of(period.programme, org_node)
    row = Submission.objects.select_for_update().filter(period=period, org_node=org_node).first()
    row = row or Submission(period=period, org_node=org_node, org_path=org_node.path)
    if row.status == Submission.Status.APPROVED:
        raise DomainError(ErrorCode.INVALID, _("Báo cáo đã được duyệt và khóa."))
    row.status, row.note, row.submitted_at = (
        Submission.Status.SUBMITTED,
        clean_text(note),
        timezone.now(),
    )
    stamp(row, actor).save()
    return row


@transaction.atomic
def submission_approve(*, actor: Any, scope: Scope, submission: Submission) -> Submission:
    """Approve (and lock) a submitted report — only after every report below it in the period."""
    require(scope, Action.APPROVE_REPORT, submission.org_path)
    row = Submission.objects.select_for_update().get(pk=submission.pk)
    if row.status != Submission.Status.SUBMITTED:
        raise DomainError(ErrorCode.INVALID, _("Chỉ duyệt được báo cáo đã gửi."))
    waiting = (
        Submission.objects.filter(prefix_q("org_path", row.org_path), period=row.period)
        .exclude(pk=row.pk)
        .exclude(status=Submission.Status.APPROVED)
        .select_related("org_node")
    )
    if waiting.exists():
        names = ", ".join(str(s.org_node) for s in waiting[:5])
        raise DomainError(
            ErrorCode.INVALID,
            _("Cần duyệt báo cáo của các đơn vị cấp dưới trước: %(names)s.") % {"names": names},
        )
    row.status, row.approved_by = (
        Submission.Status.APPROVED,
        actor if getattr(actor, "pk", None) else None,
    )
    stamp(row, actor).save()
    return row


@transaction.atomic
def submission_reopen(*, actor: Any, scope: Scope, submission: Submission) -> Submission:
    """The approving level re-opens an approved report so that its figures can be corrected."""
    require(scope, Action.APPROVE_REPORT, submission.org_path)
    row = Submission.objects.select_for_update().get(pk=submission.pk)
    if row.status != Submission.Status.APPROVED:
        raise DomainError(ErrorCode.INVALID, _("Chỉ mở lại được báo cáo đã duyệt."))
    row.status = Submission.Status.REOPENED
    stamp(row, actor).save()
    return row

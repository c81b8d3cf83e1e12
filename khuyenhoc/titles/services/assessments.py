"""Self-assessments and their verification by the level above.

An assessment is never edited: each self-assessment or verification is a new record, scored by the
registration's criteria set, and the registration carries the latest total, band and status for lists and
counts (the tallies move in the same transaction).
"""

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from khuyenhoc.core import clock
from khuyenhoc.core.errors import DomainError, ErrorCode
from khuyenhoc.core.scope import Action, Scope
from khuyenhoc.core.services import require, stamp
from khuyenhoc.core.text import clean_text
from khuyenhoc.titles.models import (
    OPEN_STATUSES,
    Assessment,
    Registration,
    Stage,
    Status,
    Verdict,
)
from khuyenhoc.titles.rubric import Result, check_scores, load_rubric, score
from khuyenhoc.titles.services.registrations import registration_lock, registration_lock_own
from khuyenhoc.titles.services.tallies import tally_apply


@transaction.atomic
def assessment_submit(
    *, actor: Any, scope: Scope, registration: Registration, scores: dict[str, Any]
) -> Assessment:
    """Record the subject's (or its clerk's) self-assessment; may be repeated until verified."""
    reg = registration_lock(registration=registration)
    require(scope, Action.CHANGE, reg.org_path)
    return _record_self_assessment(actor, reg, scores)


@transaction.atomic
def assessment_submit_own(
    *, actor: Any, registration: Registration, scores: dict[str, Any]
) -> Assessment:
    """A citizen assesses their own learning-citizen registration."""
    return _record_self_assessment(
        actor, registration_lock_own(actor=actor, registration=registration), scores
    )


def _record_self_assessment(actor: Any, reg: Registration, scores: dict[str, Any]) -> Assessment:
    """A self-assessment of a locked registration the caller may assess."""
    if reg.status not in OPEN_STATUSES:
        raise DomainError(
            ErrorCode.INVALID,
            _("Đăng ký đang ở bước “%(s)s”, không tự đánh giá lại được.") % {"s": reg.get_status_display()},
        )  # fmt: skip
    if clock.today() > reg.campaign.self_assessment_until:
        raise DomainError(
            ErrorCode.INVALID,
            _("Đã hết hạn tự đánh giá (%(d)s).")
            % {"d": reg.campaign.self_assessment_until.strftime("%d/%m/%Y")},
        )
    rubric = load_rubric(reg.criteria_set)
    result = score(rubric, scores)
    assessment = Assessment.objects.create(
        registration=reg, stage=Stage.SELF, scores=check_scores(rubric, scores),
        total=result.total, band=result.band_label, achieved=result.achieved, reasons=result.reasons,
        by=actor if getattr(actor, "pk", None) else None,
    )  # fmt: skip
    _carry(reg, actor, Status.SELF_ASSESSED, result)
    return assessment


@transaction.atomic
def assessment_verify(
    *,
    actor: Any,
    scope: Scope,
    registration: Registration,
    scores: dict[str, Any],
    verdict: str,
    reasons: dict[str, str] | None = None,
    comment: str = "",
) -> Assessment:
    """The level above checks the self-assessment: adjusted scores need a reason each; then it
    accepts (proposes recognition), returns for correction or refuses."""
    reg = registration_lock(registration=registration)
    require(scope, Action.VERIFY, reg.org_path)
    _check_verifiable(reg, verdict)
    rubric = load_rubric(reg.criteria_set)
    clean = check_scores(rubric, scores)
    reasons = _adjustment_reasons(reg, clean, reasons)
    result = score(rubric, clean)
    _check_verdict(verdict, result, comment)
    assessment = Assessment.objects.create(
        registration=reg, stage=Stage.VERIFICATION, scores=clean, adjustments=reasons,
        total=result.total, band=result.band_label, achieved=result.achieved, reasons=result.reasons,
        verdict=verdict, comment=clean_text(comment), by=actor if getattr(actor, "pk", None) else None,
    )  # fmt: skip
    status = {
        Verdict.ACCEPTED: Status.VERIFIED,
        Verdict.RETURNED: Status.RETURNED,
        Verdict.REFUSED: Status.REFUSED,
    }[Verdict(verdict)]
    _carry(reg, actor, status, result)
    return assessment


def _check_verifiable(reg: Registration, verdict: str) -> None:
    """Only a self-assessed registration is verified, with a known verdict, before the deadline."""
    if reg.status != Status.SELF_ASSESSED:
        raise DomainError(
            ErrorCode.INVALID,
            _("Chỉ thẩm định được đăng ký đã tự đánh giá (hiện: “%(s)s”).") % {"s": reg.get_status_display()},
        )  # fmt: skip
    if verdict not in Verdict.values:
        raise DomainError(ErrorCode.INVALID, _("Kết luận không hợp lệ."), field="verdict")
    if clock.today() > reg.campaign.verification_until:
        raise DomainError(
            ErrorCode.INVALID,
            _("Đã hết hạn thẩm định (%(d)s).")
            % {"d": reg.campaign.verification_until.strftime("%d/%m/%Y")},
        )


def _adjustment_reasons(
    reg: Registration, clean: dict[str, Any], reasons: dict[str, str] | None
) -> dict[str, str]:
    """The reasons given, by criterion; every score changed from the self-assessment needs one."""
    own = reg.assessments.newest(stage=Stage.SELF)
    reasons = {k: clean_text(v) for k, v in (reasons or {}).items() if clean_text(v)}
    for code, value in clean.items():
        if own is not None and own.scores.get(code) != value and code not in reasons:
            raise DomainError(
                ErrorCode.REQUIRED,
                _("Cần ghi lý do điều chỉnh điểm tiêu chí %(code)s.") % {"code": code},
                field=code,
            )
    return reasons


def _check_verdict(verdict: str, result: Result, comment: str) -> None:
    """Accepting needs an achieved result; returning or refusing needs a comment."""
    if verdict == Verdict.ACCEPTED and not result.achieved:
        raise DomainError(
            ErrorCode.INVALID,
            _("Kết quả thẩm định chưa đạt: %(why)s") % {"why": " ".join(result.reasons)},
            field="verdict",
        )
    if verdict != Verdict.ACCEPTED and not clean_text(comment):
        raise DomainError(
            ErrorCode.REQUIRED, _("Cần ghi ý kiến khi trả lại hoặc không đề nghị."), field="comment"
        )


def _carry(reg: Registration, actor: Any, status: str, result: Any) -> None:
    tally_apply(moves=[(reg, reg.status, status)])
    reg.status, reg.total, reg.band = status, result.total, result.band_label
    stamp(reg, actor).save(update_fields=["status", "total", "band", "updated_at"])

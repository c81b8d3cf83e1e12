"""Recognition decisions: the competent level recognises verified subjects at once, by a numbered
decision; a later decision revokes a recognition, and both stay in the record.

The issuer must be the subjects' level or one above it (the "competent level") and inside the user's
scope; every subject must be verified for the same title and year; a subject is recognised once per
title and year (its registration moves to RECOGNISED inside the same transaction, rows locked).
"""

import secrets
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from khuyenhoc.core import clock
from khuyenhoc.core.errors import DomainError, ErrorCode
from khuyenhoc.core.scope import Action, Scope
from khuyenhoc.core.services import require, stamp
from khuyenhoc.core.text import clean_text
from khuyenhoc.titles.models import Decision, DecisionKind, DecisionLine, Registration, Status
from khuyenhoc.titles.services.tallies import tally_apply


def _check_header(number: str, signed_on: date | None, signer: str, signer_title: str) -> date:
    """Check a decision's number, signing date and signer; returns the signing date."""
    if not clean_text(number):
        raise DomainError(ErrorCode.REQUIRED, _("Cần nhập số quyết định."), field="number")
    if signed_on is None:
        raise DomainError(ErrorCode.REQUIRED, _("Cần nhập ngày ký."), field="signed_on")
    if signed_on > clock.today():
        raise DomainError(ErrorCode.INVALID, _("Ngày ký không thể ở tương lai."), field="signed_on")
    if not clean_text(signer):
        raise DomainError(ErrorCode.REQUIRED, _("Cần nhập người ký."), field="signer")
    if not clean_text(signer_title):
        raise DomainError(ErrorCode.REQUIRED, _("Cần nhập chức vụ người ký."), field="signer_title")
    return signed_on


def _create(
    *, actor: Any, kind: str, issuer: Any, number: str, signed_on: date, signer: str,
    signer_title: str, title: str, year: int, reason: str = "", revokes: Decision | None = None,
    registrations: list[Registration],
) -> Decision:  # fmt: skip
    decision = Decision(
        kind=kind, number=clean_text(number), signed_on=signed_on, signer=clean_text(signer),
        signer_title=clean_text(signer_title), issuer=issuer, org_path=issuer.path, title=title,
        year=year, reason=clean_text(reason), revokes=revokes,
        issued_by=actor if getattr(actor, "pk", None) else None,
    )  # fmt: skip
    try:
        with transaction.atomic():
            decision.save()
    except IntegrityError as exc:
        raise DomainError(
            ErrorCode.DUPLICATE,
            _("Số quyết định %(n)s của %(issuer)s đã có.")
            % {"n": decision.number, "issuer": issuer},
            field="number",
        ) from exc
    DecisionLine.objects.bulk_create(
        DecisionLine(
            decision=decision, registration=reg, position=i, public_code=secrets.token_urlsafe(12)
        )
        for i, reg in enumerate(registrations, start=1)
    )
    return decision


def _locked(ids: list[int]) -> list[Registration]:
    regs = list(
        Registration.objects.select_for_update().filter(pk__in=ids).order_by("subject_name", "id")
    )
    if len(regs) != len(set(ids)):
        raise DomainError(
            ErrorCode.NOT_FOUND, _("Có đăng ký không còn tồn tại."), field="registrations"
        )
    return regs


@transaction.atomic
def decision_issue(
    *, actor: Any, scope: Scope, issuer: Any, registrations: list[Registration], number: str,
    signed_on: date | None, signer: str, signer_title: str,
) -> Decision:  # fmt: skip
    """Issue a recognition decision for verified subjects (all of one title and year)."""
    require(scope, Action.ISSUE_DECISION, issuer.path)
    signed_on = _check_header(number, signed_on, signer, signer_title)
    if not registrations:
        raise DomainError(
            ErrorCode.REQUIRED, _("Danh sách công nhận đang trống."), field="registrations"
        )
    regs = _locked([r.pk for r in registrations])
    first = regs[0]
    _check_recognisable(regs, issuer)
    decision = _create(
        actor=actor, kind=DecisionKind.RECOGNITION, issuer=issuer, number=number,
        signed_on=signed_on, signer=signer, signer_title=signer_title, title=first.title,
        year=first.year, registrations=regs,
    )  # fmt: skip
    _move(regs, actor, Status.RECOGNISED)
    return decision


def _check_recognisable(regs: list[Registration], issuer: Any) -> None:
    """Every subject is of one title and year, at the issuer's level or below, and verified."""
    first = regs[0]
    for reg in regs:
        if (reg.title, reg.year) != (first.title, first.year):
            raise DomainError(
                ErrorCode.INVALID,
                _("Một quyết định chỉ công nhận một danh hiệu của một năm."),
                field="registrations",
            )
        if reg.org_path and not reg.org_path.startswith(issuer.path):
            raise PermissionDenied(
                _("%(name)s không thuộc cấp của cơ quan ban hành.") % {"name": reg.subject_name}
            )
        if reg.status == Status.RECOGNISED:
            raise DomainError(
                ErrorCode.DUPLICATE,
                _("%(name)s đã được công nhận danh hiệu này năm %(year)s.")
                % {"name": reg.subject_name, "year": reg.year},
                field="registrations",
            )
        if reg.status != Status.VERIFIED:
            raise DomainError(
                ErrorCode.INVALID,
                _("%(name)s chưa được thẩm định đề nghị công nhận (hiện: %(status)s).")
                % {"name": reg.subject_name, "status": reg.get_status_display()},
                field="registrations",
            )


@transaction.atomic
def decision_revoke(
    *, actor: Any, scope: Scope, decision: Decision, registrations: list[Registration], number: str,
    signed_on: date | None, signer: str, signer_title: str, reason: str,
) -> Decision:  # fmt: skip
    """Revoke recognitions made by `decision` with a new decision that points to it."""
    require(scope, Action.ISSUE_DECISION, decision.issuer.path)
    signed_on = _check_header(number, signed_on, signer, signer_title)
    if not clean_text(reason):
        raise DomainError(ErrorCode.REQUIRED, _("Cần ghi lý do thu hồi."), field="reason")
    if decision.kind != DecisionKind.RECOGNITION:
        raise DomainError(ErrorCode.INVALID, _("Chỉ thu hồi được quyết định công nhận."))
    regs = _locked([r.pk for r in registrations])
    named = set(decision.lines.values_list("registration_id", flat=True))
    for reg in regs:
        if reg.pk not in named or reg.status != Status.RECOGNISED:
            raise DomainError(
                ErrorCode.INVALID,
                _("%(name)s không đang được công nhận theo quyết định %(n)s.")
                % {"name": reg.subject_name, "n": decision.number},
                field="registrations",
            )
    revocation = _create(
        actor=actor, kind=DecisionKind.REVOCATION, issuer=decision.issuer, number=number,
        signed_on=signed_on, signer=signer, signer_title=signer_title, title=decision.title,
        year=decision.year, reason=reason, revokes=decision, registrations=regs,
    )  # fmt: skip
    _move(regs, actor, Status.REVOKED)
    return revocation


def _move(regs: list[Registration], actor: Any, status: str) -> None:
    tally_apply(moves=[(reg, reg.status, status) for reg in regs])
    for reg in regs:  # one history row each: who and when, for every state change
        reg.status = status
        stamp(reg, actor).save(update_fields=["status", "updated_at"])

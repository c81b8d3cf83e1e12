"""Writes for criteria sets: local variants, new versions, editing drafts, publishing.

A published set is frozen (assessments made under it must keep their meaning); a change is a new draft
version that supersedes it. A province adds its own criteria as a local variant owned by its node, which
needs the right to manage that node's organisations.
"""

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from khuyenhoc.core.errors import DomainError, ErrorCode
from khuyenhoc.core.scope import Action, Scope
from khuyenhoc.core.services import require
from khuyenhoc.core.text import clean_text
from khuyenhoc.titles.models import Band, CriteriaGroup, CriteriaSet, Criterion
from khuyenhoc.titles.models.criteria import frozen_error


def _require_owner(scope: Scope, cs: CriteriaSet) -> None:
    """An official set (no owner) is the country's: only a nationwide grant edits it."""
    if cs.owner is None and not scope.allows(Action.MANAGE_CRITERIA, ""):
        raise DomainError(
            ErrorCode.FORBIDDEN,
            _("Chỉ quản trị cấp toàn quốc được sửa bộ tiêu chí chính thức."),
        )
    require(scope, Action.MANAGE_CRITERIA, cs.owner.path if cs.owner else "")


@transaction.atomic
def criteria_set_copy(
    *, scope: Scope, source: CriteriaSet, code: str, owner: Any = None, name: str = ""
) -> CriteriaSet:
    """A new draft copied from `source`: a new version of it, or (with `owner`) a local variant."""
    code = clean_text(code).upper()
    if not code:
        raise DomainError(ErrorCode.REQUIRED, _("Cần nhập mã bộ tiêu chí."), field="code")
    if CriteriaSet.objects.filter(code=code).exists():
        raise DomainError(
            ErrorCode.DUPLICATE, _("Mã bộ tiêu chí %(code)s đã có.") % {"code": code}, field="code"
        )
    draft = CriteriaSet(
        code=code,
        title=source.title,
        subject_group=source.subject_group,
        name=clean_text(name) or source.name,
        legal_basis=source.legal_basis,
        note=source.note,
        method=source.method,
        version=source.version + 1 if owner is None else 1,
        valid_from=timezone.localdate(),
        owner=owner if owner is not None else source.owner,
        supersedes=source if owner is None else None,
        pass_total=source.pass_total,
        min_points_each=source.min_points_each,
    )
    _require_owner(scope, draft)
    draft.save()
    _copy_parts(source, draft)
    return draft


def _copy_parts(source: CriteriaSet, draft: CriteriaSet) -> None:
    """Copy the groups, criteria and bands of `source` into the new `draft`."""
    for group in source.groups.prefetch_related("criteria"):
        copy = CriteriaGroup.objects.create(
            criteria_set=draft, number=group.number, name=group.name
        )
        Criterion.objects.bulk_create(
            Criterion(
                group=copy,
                code=c.code,
                text=c.text,
                max_points=c.max_points,
                must_pass=c.must_pass,
                min_points=c.min_points,
                position=c.position,
                measure=c.measure,
            )
            for c in group.criteria.all()
        )
    Band.objects.bulk_create(
        Band(
            criteria_set=draft,
            code=b.code,
            label=b.label,
            min_total=b.min_total,
            achieved=b.achieved,
        )
        for b in source.bands.all()
    )


@transaction.atomic
def criterion_update(*, scope: Scope, criterion: Criterion, data: dict[str, Any]) -> Criterion:
    """Change a criterion of a draft set (text, points, must-pass, minimum)."""
    cs = criterion.group.criteria_set
    _require_owner(scope, cs)
    if cs.is_published:
        raise frozen_error()
    for name in ("text", "max_points", "must_pass", "min_points"):
        if name in data:
            setattr(criterion, name, clean_text(data[name]) if name == "text" else data[name])
    if not criterion.text:
        raise DomainError(ErrorCode.REQUIRED, _("Cần nhập nội dung tiêu chí."), field="text")
    low, high = criterion.min_points, criterion.max_points
    if low is not None and high is not None and low > high:
        raise DomainError(
            ErrorCode.INVALID,
            _("Điểm tối thiểu không được lớn hơn điểm tối đa."),
            field="min_points",
        )
    criterion.save()
    return criterion


@transaction.atomic
def criteria_set_publish(*, scope: Scope, criteria_set: CriteriaSet) -> CriteriaSet:
    """Freeze a draft after checking it is complete; from now on assessments may use it."""
    cs = CriteriaSet.objects.select_for_update().get(pk=criteria_set.pk)
    _require_owner(scope, cs)
    if cs.is_published:
        raise DomainError(ErrorCode.INVALID, _("Bộ tiêu chí này đã được công bố."))
    criteria = list(Criterion.objects.filter(group__criteria_set=cs))
    if not criteria:
        raise DomainError(ErrorCode.INVALID, _("Bộ tiêu chí chưa có tiêu chí nào."))
    bands = list(cs.bands.all())
    if bands and min(b.min_total for b in bands) != 0:
        raise DomainError(
            ErrorCode.INVALID,
            _("Các mức xếp loại phải phủ từ 0 điểm (mức thấp nhất bắt đầu từ 0)."),
        )
    top = sum(c.max_points or 0 for c in criteria)
    too_high = [b for b in bands if b.min_total > top] + (
        [cs] if cs.pass_total is not None and cs.pass_total > top else []
    )
    if too_high:
        raise DomainError(
            ErrorCode.INVALID,
            _("Mức điểm yêu cầu vượt tổng điểm tối đa %(top)s của bộ tiêu chí.") % {"top": top},
        )
    cs.published_at = timezone.now()
    cs.save(update_fields=["published_at", "updated_at"])
    return cs

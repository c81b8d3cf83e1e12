"""Writes for indicators and their targets: set a year's target, cascade it to the levels below, and
recount the denominators counted from the records (`programmes.bases`)."""

from typing import Any, cast

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from khuyenhoc.core import clock
from khuyenhoc.core.errors import DomainError, ErrorCode
from khuyenhoc.core.scope import Action, Scope
from khuyenhoc.core.services import require, stamp
from khuyenhoc.core.text import clean_text
from khuyenhoc.orgs.models import OrgNode
from khuyenhoc.places.models import AdminUnit, Level
from khuyenhoc.programmes.bases import count_bases, key
from khuyenhoc.programmes.models import (
    BaseSource,
    Content,
    Indicator,
    Programme,
    Source,
    Target,
    Unit,
)
from khuyenhoc.programmes.services.common import check_manage, clean_number
from khuyenhoc.titles.models import Title


@transaction.atomic
def indicator_add(
    *, actor: Any, scope: Scope, programme: Programme, code: str, name: str, unit: str, source: str,
    title: str = "", campaign: Any = None, content: Content | None = None, base_label: str = "",
    base_source: str = "",
) -> Indicator:  # fmt: skip
    """An indicator; a computed one must name its data source (the title, or the campaign); a
    percentage may have its denominators counted from the records (`base_source`)."""
    check_manage(scope, programme)
    code, name = clean_text(code).upper(), clean_text(name)
    if not code or not name:
        raise DomainError(ErrorCode.REQUIRED, _("Cần mã và tên chỉ tiêu."), field="code")
    if unit not in Unit.values or source not in Source.values:
        raise DomainError(
            ErrorCode.INVALID, _("Đơn vị hoặc nguồn số liệu không hợp lệ."), field="source"
        )
    if source in (Source.REGISTERED, Source.RECOGNISED) and title not in Title.values:
        raise DomainError(
            ErrorCode.INVALID,
            _("Chỉ tiêu tính từ danh hiệu cần chọn danh hiệu (nguồn số liệu)."),
            field="title",
        )
    if source == Source.FUND_RAISED and campaign is None:
        raise DomainError(
            ErrorCode.INVALID,
            _("Chỉ tiêu tiền vận động cần chọn đợt vận động (nguồn số liệu)."),
            field="campaign",
        )
    if source == Source.FUND_RAISED and unit != Unit.MONEY:
        raise DomainError(ErrorCode.INVALID, _("Tiền vận động tính bằng đồng."), field="unit")
    if base_source not in BaseSource.values:
        raise DomainError(ErrorCode.INVALID, _("Nguồn mẫu số không hợp lệ."), field="base_source")
    if base_source and (unit != Unit.PERCENT or source == Source.REPORTED):
        raise DomainError(
            ErrorCode.INVALID,
            _("Chỉ chỉ tiêu tỷ lệ do hệ thống tính mới đếm mẫu số từ dữ liệu."),
            field="base_source",
        )
    if programme.indicators.filter(code=code).exists():
        raise DomainError(
            ErrorCode.DUPLICATE, _("Đã có chỉ tiêu mã %(c)s.") % {"c": code}, field="code"
        )
    indicator = Indicator(
        programme=programme, content=content, code=code, name=name, unit=unit, source=source,
        title=title if source in (Source.REGISTERED, Source.RECOGNISED) else "",
        campaign=campaign if source == Source.FUND_RAISED else None, base_label=clean_text(base_label),
        base_source=base_source,
    )  # fmt: skip
    stamp(indicator, actor).save()
    return indicator


@transaction.atomic
def target_set(
    *, actor: Any, scope: Scope, indicator: Indicator, year: int, value: Any, org_node: Any = None,
    place: Any = None, base: int | None = None, parent: Target | None = None,
    counted: dict | None = None,
) -> Target:  # fmt: skip
    """Set (or change) the target of a year for a node's subtree or for a place. Without a `base`,
    an indicator that counts its denominators counts this holder's (`counted`: already counted by
    the caller, keyed by `bases.key`)."""
    programme = indicator.programme
    if not programme.starts_year <= year <= programme.ends_year:
        raise DomainError(
            ErrorCode.INVALID,
            _("Năm %(y)s nằm ngoài thời gian của chương trình (%(a)s–%(b)s).")
            % {"y": year, "a": programme.starts_year, "b": programme.ends_year},
            field="year",
        )
    if (org_node is None) == (place is None):
        raise DomainError(
            ErrorCode.REQUIRED, _("Chọn một đơn vị hoặc một địa bàn."), field="org_node"
        )
    value = clean_number(value, "value")
    if indicator.unit == Unit.PERCENT and value > 100:
        raise DomainError(
            ErrorCode.INVALID, _("Chỉ tiêu tỷ lệ không vượt quá 100%."), field="value"
        )
    if base is not None and (not isinstance(base, int) or base <= 0):
        raise DomainError(ErrorCode.INVALID, _("Mẫu số phải là số nguyên dương."), field="base")
    require(scope, Action.CHANGE, org_node.path if org_node is not None else programme.org_path)
    target = Target.objects.filter(
        indicator=indicator, year=year, org_node=org_node, place=place
    ).first()
    target = target or Target(indicator=indicator, year=year, org_node=org_node, place=place)
    counted_on = None
    if base is None and indicator.base_source and indicator.unit == Unit.PERCENT:
        holder = org_node if org_node is not None else place
        if counted is None:
            counted = count_bases(indicator.base_source, [holder])
        base, counted_on = counted.get(key(holder)) or None, clock.today()
    target.value, target.base, target.parent = value, base, parent or target.parent
    target.base_counted_on = counted_on
    target.org_path = org_node.path if org_node is not None else programme.org_path
    target.province_code = (
        place.province_code if place is not None else org_node.province_code
    ) or ""
    stamp(target, actor).save()
    return target


@transaction.atomic
def target_cascade(
    *, actor: Any, scope: Scope, target: Target, bases: dict[int, int] | None = None
) -> list[Target]:
    """Give every level below the target the same value: each child node of its node, or each commune
    of its province; `bases` (child id → base) fills the children's denominators when known."""
    bases = bases or {}
    children: list[Any]
    if target.org_node is not None:
        field = "org_node"
        children = list(OrgNode.objects.filter(parent=target.org_node).order_by("code"))
    elif target.place is not None and target.place.level == Level.PROVINCE:
        field = "place"
        children = list(
            AdminUnit.objects.filter(level=Level.COMMUNE, parent=target.place).order_by("code")
        )
    else:
        raise DomainError(ErrorCode.INVALID, _("Chỉ tiêu của một xã không có cấp dưới để giao."))
    counted = _counted(target.indicator, children, bases)
    common: dict[str, Any] = {
        "actor": actor, "scope": scope, "indicator": target.indicator, "year": target.year,
        "value": target.value, "parent": target, "counted": counted,
    }  # fmt: skip
    return [target_set(**common, base=bases.get(child.pk), **{field: child}) for child in children]


def _counted(indicator: Indicator, holders: list, bases: dict[int, int]) -> dict | None:
    """The bases of the holders not given one, counted together (None: nothing to count)."""
    if not indicator.base_source or indicator.unit != Unit.PERCENT:
        return None
    return count_bases(indicator.base_source, [h for h in holders if h.pk not in bases])


@transaction.atomic
def bases_refresh(*, actor: Any, scope: Scope, indicator: Indicator, year: int) -> int:
    """Recount the denominators of an indicator's targets of a year that were counted from the
    records (or still have none); bases typed in by hand are kept. Returns how many changed."""
    check_manage(scope, indicator.programme)
    if not indicator.base_source or indicator.unit != Unit.PERCENT:
        raise DomainError(
            ErrorCode.INVALID,
            _("Chỉ tiêu này không đếm mẫu số từ dữ liệu."),
            field="base_source",
        )
    targets = list(
        Target.objects.filter(indicator=indicator, year=year)
        .filter(Q(base__isnull=True) | Q(base_counted_on__isnull=False))
        .select_related("org_node", "place")
    )
    # A target is for a node or for a place, never neither (Target's check constraint).
    holders = [cast("OrgNode | AdminUnit", t.org_node or t.place) for t in targets]
    counted = count_bases(indicator.base_source, holders)
    today, changed = clock.today(), 0
    for target, holder in zip(targets, holders, strict=True):
        base = counted.get(key(holder)) or None
        if base != target.base or target.base_counted_on != today:
            changed += base != target.base
            target.base, target.base_counted_on = base, today
            stamp(target, actor).save(update_fields=["base", "base_counted_on", "updated_at"])
    return changed

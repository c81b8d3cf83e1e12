"""Writes for coordination programmes: the programme and its parties, contents, indicators and targets
(and their cascade to the levels below), activities, reported figures, and the reporting discipline
(submit, approve bottom-up, lock, re-open)."""

import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from khuyenhoc.core import clock
from khuyenhoc.core.errors import DomainError, ErrorCode
from khuyenhoc.core.scope import Action, Scope, path_prefixes, prefix_q
from khuyenhoc.core.services import require, stamp
from khuyenhoc.core.text import clean_text
from khuyenhoc.core.uploads import check_upload, stored_name, upload_name
from khuyenhoc.orgs.models import OrgNode
from khuyenhoc.places.models import AdminUnit, Level
from khuyenhoc.programmes.bases import count_bases, key
from khuyenhoc.programmes.models import (
    Activity,
    BaseSource,
    Content,
    Document,
    Indicator,
    Party,
    Programme,
    ReportedValue,
    ReportingPeriod,
    Source,
    Submission,
    Target,
    Unit,
)
from khuyenhoc.titles.models import Title


@transaction.atomic
def programme_create(
    *, actor: Any, scope: Scope, code: str, title: str, signed_on: datetime.date,
    starts_year: int, ends_year: int, parties: list[Any], signed_place: str = "",
    legal_basis: str = "", summary: str = "",
) -> Programme:  # fmt: skip
    """Record a signed programme; the first party leads it (the user must work for that body)."""
    code, title = clean_text(code).upper(), clean_text(title)
    if not code or not title:
        raise DomainError(ErrorCode.REQUIRED, _("Cần mã và tên chương trình."), field="code")
    if Programme.objects.filter(code=code).exists():
        raise DomainError(
            ErrorCode.DUPLICATE, _("Mã chương trình %(c)s đã có.") % {"c": code}, field="code"
        )
    if not parties:
        raise DomainError(ErrorCode.REQUIRED, _("Cần ít nhất một bên ký."), field="parties")
    if not 2000 <= starts_year <= ends_year <= 2100:
        raise DomainError(
            ErrorCode.INVALID,
            _("Thời gian thực hiện không hợp lệ (từ năm ≤ đến năm)."),
            field="ends_year",
        )
    lead = parties[0]
    require(scope, Action.CHANGE, lead.path)
    programme = Programme(
        code=code, title=title, signed_on=signed_on, signed_place=clean_text(signed_place),
        starts_year=starts_year, ends_year=ends_year, legal_basis=clean_text(legal_basis),
        summary=summary.strip(), lead=lead, org_path=lead.path,
    )  # fmt: skip
    stamp(programme, actor).save()
    for position, node in enumerate(dict.fromkeys(parties), start=1):
        stamp(
            Party(programme=programme, org_node=node, org_path=node.path, position=position), actor
        ).save()
    return programme


@transaction.atomic
def document_attach(
    *, actor: Any, scope: Scope, programme: Programme, name: str, upload: Any
) -> Document:
    """Attach a document (the signed text, a plan, a review) to a programme its user manages."""
    _manage(scope, programme)
    check_upload(upload, upload_name(upload))
    document = Document(programme=programme, name=clean_text(name) or upload_name(upload)[:255])
    document.file.save(stored_name(upload), upload, save=False)
    stamp(document, actor).save()
    return document


def _manage(scope: Scope, programme: Programme) -> None:
    require(scope, Action.CHANGE, programme.org_path)


@transaction.atomic
def content_add(
    *,
    actor: Any,
    scope: Scope,
    programme: Programme,
    number: int,
    text: str,
    responsible: list[Party] = (),
) -> Content:
    """A numbered content item; its number is unique in the programme."""
    _manage(scope, programme)
    text = clean_text(text)
    if not text:
        raise DomainError(ErrorCode.REQUIRED, _("Cần nội dung."), field="text")
    if programme.contents.filter(number=number).exists():
        raise DomainError(
            ErrorCode.DUPLICATE, _("Đã có nội dung số %(n)s.") % {"n": number}, field="number"
        )
    content = stamp(Content(programme=programme, number=number, text=text), actor)
    content.save()
    content.responsible.set([p for p in responsible if p.programme_id == programme.pk])
    return content


@transaction.atomic
def indicator_add(
    *, actor: Any, scope: Scope, programme: Programme, code: str, name: str, unit: str, source: str,
    title: str = "", campaign: Any = None, content: Content | None = None, base_label: str = "",
    base_source: str = "",
) -> Indicator:  # fmt: skip
    """An indicator; a computed one must name its data source (the title, or the campaign); a
    percentage may have its denominators counted from the records (`base_source`)."""
    _manage(scope, programme)
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


def _number(value: Any, field: str) -> Decimal:
    try:
        number = Decimal(str(value).strip().replace(",", "."))
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite() or number < 0:
        raise DomainError(ErrorCode.INVALID, _("Cần một số không âm."), field=field)
    return number


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
    value = _number(value, "value")
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
    if target.org_node is not None:
        field = "org_node"
        children = list(OrgNode.objects.filter(parent=target.org_node).order_by("code"))
    elif target.place.level == Level.PROVINCE:
        field = "place"
        children = list(
            AdminUnit.objects.filter(level=Level.COMMUNE, parent=target.place).order_by("code")
        )
    else:
        raise DomainError(ErrorCode.INVALID, _("Chỉ tiêu của một xã không có cấp dưới để giao."))
    counted = _counted(target.indicator, children, bases)
    common = {"actor": actor, "scope": scope, "indicator": target.indicator, "year": target.year,
              "value": target.value, "parent": target, "counted": counted}  # fmt: skip
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
    _manage(scope, indicator.programme)
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
    holders = [t.org_node or t.place for t in targets]
    counted = count_bases(indicator.base_source, holders)
    today, changed = clock.today(), 0
    for target, holder in zip(targets, holders, strict=True):
        base = counted.get(key(holder)) or None
        if base != target.base or target.base_counted_on != today:
            changed += base != target.base
            target.base, target.base_counted_on = base, today
            stamp(target, actor).save(update_fields=["base", "base_counted_on", "updated_at"])
    return changed


def _party_of(programme: Programme, node: Any) -> Party:
    """The party whose subtree holds `node` (a party acts only inside its own subtree)."""
    prefixes = path_prefixes(node.path)
    party = programme.parties.filter(org_path__in=prefixes).order_by("-org_path").first()
    if party is None:
        raise PermissionDenied(_("Đơn vị này không thuộc bên nào của chương trình."))
    return party


def _unlocked(programme: Programme, node: Any, day_or_year: Any) -> None:
    """Refuse a change to figures of a period whose report (of this node or one above it) is approved."""
    year = day_or_year if isinstance(day_or_year, int) else day_or_year.year
    locked = Submission.objects.filter(
        period__programme=programme, period__year_from__lte=year, period__year_to__gte=year,
        org_path__in=path_prefixes(node.path), status=Submission.Status.APPROVED,
    ).select_related("period").first()  # fmt: skip
    if locked is not None:
        raise DomainError(
            ErrorCode.INVALID,
            _("Kỳ “%(p)s” đã được duyệt và khóa số liệu; cần người duyệt mở lại.")
            % {"p": locked.period.name},
        )


@transaction.atomic
def activity_log(
    *, actor: Any, scope: Scope, programme: Programme, org_node: Any, happened_on: datetime.date,
    summary: str, content: Content | None = None, place_text: str = "", participants: int | None = None,
    attachment: Any = None,
) -> Activity:  # fmt: skip
    """Log an activity of a node under a party's subtree (the user's own subtree)."""
    require(scope, Action.CHANGE, org_node.path)
    _party_of(programme, org_node)
    _unlocked(programme, org_node, happened_on)
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
    _unlocked(activity.programme, activity.org_node, activity.happened_on)
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
    _party_of(indicator.programme, org_node)
    _unlocked(indicator.programme, org_node, year)
    value = _number(value, "value")
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
    _manage(scope, programme)
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
    _party_of(period.programme, org_node)
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

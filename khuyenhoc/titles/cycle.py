"""The yearly cycle of a learning title: open a campaign, register, self-assess, verify.

Every write goes through here (UI, API, imports). Each step checks the scope, the deadline and the state;
an assessment is never edited — each self-assessment or verification is a new record — and the
registration carries the latest total, band and status for lists and counts.
"""

import itertools
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from khuyenhoc.core import clock
from khuyenhoc.core.errors import DomainError, ErrorCode
from khuyenhoc.core.scope import Action, Scope, path_prefixes
from khuyenhoc.core.services import require, stamp
from khuyenhoc.core.text import clean_text
from khuyenhoc.titles.models import (
    OPEN_STATUSES,
    SUBJECT_OF_TITLE,
    Assessment,
    Campaign,
    CriteriaSet,
    Registration,
    Stage,
    Status,
    SubjectKind,
    Title,
    Verdict,
)
from khuyenhoc.titles.rubric import check_scores, load_rubric, score
from khuyenhoc.titles.selectors import subject_place
from khuyenhoc.titles.services.tallies import tally_apply

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


def _subject(kind: str, subject: Any) -> tuple[str, str, str]:
    """(key, name, managing org path) of a subject."""
    name = str(subject)
    if kind == SubjectKind.UNIT:
        return f"unit:{subject.pk}", name, subject.path
    if kind == SubjectKind.PLACE:
        return f"place:{subject.pk}", name, ""
    return f"{kind}:{subject.pk}", name, subject.org_path


def criteria_set_for(campaign: Campaign, subject_group: str = "") -> CriteriaSet:
    """The newest published set for the campaign's title (and subject group) that applies at its node:
    an official one, or a local variant owned by the campaign's node or a node above it."""
    ancestors = path_prefixes(campaign.org_path)
    candidates = CriteriaSet.objects.filter(
        title=campaign.title, published_at__isnull=False, valid_from__year__lte=campaign.year
    ).select_related("owner")
    if campaign.title == Title.CITIZEN and not subject_group:
        raise DomainError(
            ErrorCode.REQUIRED,
            _("Cần chọn nhóm đối tượng (mỗi nhóm có phiếu đánh giá riêng)."),
            field="subject_group",
        )
    if subject_group:
        candidates = candidates.filter(subject_group=subject_group)
    usable = [cs for cs in candidates if cs.owner is None or cs.owner.path in ancestors]
    if not usable:
        raise DomainError(
            ErrorCode.NOT_FOUND,
            _("Chưa có bộ tiêu chí đã công bố cho danh hiệu này."),
            field="criteria_set",
        )
    # A local variant wins over the official set; then the newest.
    return max(usable, key=lambda cs: (cs.owner is not None, cs.valid_from, cs.version, cs.pk))


@transaction.atomic
def register(
    *, actor: Any, scope: Scope, campaign: Campaign, subject: Any, subject_group: str = ""
) -> Registration:
    """Register one subject (person, household, clan, place or unit, by the title) in a campaign."""
    kind = SUBJECT_OF_TITLE[Title(campaign.title)]
    _key, _name, path = _subject(kind, subject)
    require(scope, Action.CHANGE, path or campaign.org_path)
    return _register_one(actor, campaign, kind, subject, subject_group)


def _register_one(
    actor: Any, campaign: Campaign, kind: str, subject: Any, subject_group: str
) -> Registration:
    """Register a subject whose registration the caller has allowed."""
    key, name, _path = _subject(kind, subject)
    _check_open(campaign)
    if Registration.objects.filter(
        title=campaign.title, year=campaign.year, subject_key=key
    ).exists():
        raise DomainError(
            ErrorCode.DUPLICATE,
            _("%(name)s đã đăng ký danh hiệu này trong năm %(year)s.")
            % {"name": name, "year": campaign.year},
        )
    criteria_set = criteria_set_for(campaign, subject_group)
    registration = _save_registration(actor, campaign, kind, subject, criteria_set)
    tally_apply(moves=[(registration, None, registration.status)])
    return registration


def _check_open(campaign: Campaign) -> None:
    if clock.today() > campaign.registration_until:
        raise DomainError(
            ErrorCode.INVALID,
            _("Đã hết hạn đăng ký (%(d)s).")
            % {"d": campaign.registration_until.strftime("%d/%m/%Y")},
        )


def _save_registration(
    actor: Any, campaign: Campaign, kind: str, subject: Any, criteria_set: CriteriaSet
) -> Registration:
    key, name, path = _subject(kind, subject)
    path = path or campaign.org_path
    province_code, commune_code = subject_place(kind=kind, subject=subject)
    registration = Registration(
        campaign=campaign, title=campaign.title, year=campaign.year, subject_kind=kind,
        subject_key=key, subject_name=name, org_path=path, criteria_set=criteria_set,
        province_code=province_code, commune_code=commune_code, **{kind: subject},
    )  # fmt: skip
    try:
        with transaction.atomic():
            stamp(registration, actor).save()
    except IntegrityError as exc:  # registered at the same moment by someone else
        raise DomainError(ErrorCode.DUPLICATE, _("Đối tượng này vừa được đăng ký.")) from exc
    return registration


@transaction.atomic
def self_assess(
    *, actor: Any, scope: Scope, registration: Registration, scores: dict[str, Any]
) -> Assessment:
    """Record the subject's (or its clerk's) self-assessment; may be repeated until verified."""
    reg = locked(registration)
    require(scope, Action.CHANGE, reg.org_path)
    return _record_self_assessment(actor, reg, scores)


def locked(registration: Registration) -> Registration:
    """The registration re-read and locked for the change that follows (no stale status)."""
    return (
        Registration.objects.select_for_update().select_related("campaign").get(pk=registration.pk)
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
def citizen_register(*, actor: Any, campaign: Campaign, subject_group: str) -> Registration:
    """A citizen registers themself as a learning citizen in a campaign that covers their unit."""
    person = _own_person(actor)
    if campaign.title != Title.CITIZEN or not person.org_path.startswith(campaign.org_path):
        raise PermissionDenied(_("Đợt đăng ký này không dành cho bạn."))
    return _register_one(actor, campaign, SubjectKind.PERSON, person, subject_group)


@transaction.atomic
def citizen_self_assess(
    *, actor: Any, registration: Registration, scores: dict[str, Any]
) -> Assessment:
    """A citizen assesses their own learning-citizen registration."""
    return _record_self_assessment(actor, own_registration(actor, registration), scores)


def own_registration(actor: Any, registration: Registration) -> Registration:
    """The citizen's own registration, locked; anyone else's is refused."""
    person = _own_person(actor)
    reg = locked(registration)
    if reg.person_id != person.pk:
        raise PermissionDenied(_("Đây không phải đăng ký của bạn."))
    return reg


def _own_person(actor: Any) -> Any:
    person = getattr(actor, "person", None)
    if person is None:
        raise PermissionDenied(_("Tài khoản này chưa gắn với hồ sơ người dân nào."))
    return person


@transaction.atomic
def verify(
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
    reg = locked(registration)
    require(scope, Action.VERIFY, reg.org_path)
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
    rubric = load_rubric(reg.criteria_set)
    clean = check_scores(rubric, scores)
    own = reg.assessments.newest(stage=Stage.SELF)
    reasons = {k: clean_text(v) for k, v in (reasons or {}).items() if clean_text(v)}
    for code, value in clean.items():
        if own is not None and own.scores.get(code) != value and code not in reasons:
            raise DomainError(
                ErrorCode.REQUIRED,
                _("Cần ghi lý do điều chỉnh điểm tiêu chí %(code)s.") % {"code": code},
                field=code,
            )
    result = score(rubric, clean)
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


def _carry(reg: Registration, actor: Any, status: str, result: Any) -> None:
    tally_apply(moves=[(reg, reg.status, status)])
    reg.status, reg.total, reg.band = status, result.total, result.band_label
    stamp(reg, actor).save(update_fields=["status", "total", "band", "updated_at"])


@transaction.atomic
def register_many(
    *, actor: Any, scope: Scope, campaign: Campaign, subjects: Any, subject_group: str = ""
) -> tuple[int, int]:
    """Register every subject of a list (e.g. every member of a unit); those already registered for the
    title this year are skipped. Returns (registered, skipped); any other refusal registers none.

    The criteria set and the subjects already registered are looked up once for the whole list."""
    kind = SUBJECT_OF_TITLE[Title(campaign.title)]
    _check_open(campaign)
    criteria_set = criteria_set_for(campaign, subject_group)
    subjects = list(subjects)
    keys = [_subject(kind, subject)[0] for subject in subjects]
    taken = set(
        Registration.objects.filter(
            title=campaign.title, year=campaign.year, subject_key__one_of=keys
        ).values_list("subject_key", flat=True)
    )
    made = []
    for subject, key in zip(subjects, keys, strict=True):
        if key not in taken:
            require(scope, Action.CHANGE, _subject(kind, subject)[2] or campaign.org_path)
            made.append(_save_registration(actor, campaign, kind, subject, criteria_set))
            taken.add(key)
    tally_apply(moves=[(reg, None, reg.status) for reg in made])  # one upsert for the whole list
    return len(made), len(subjects) - len(made)

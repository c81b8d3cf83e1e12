"""Register subjects in a title's campaign: one, a whole list, or a citizen themself; and lock a
registration for the change that follows.

Each registration checks the scope, the deadline and that the subject is not registered for the title
this year; it takes the criteria set that applies at the campaign's node and is counted in the tallies
in the same transaction.
"""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from khuyenhoc.core import clock
from khuyenhoc.core.errors import DomainError, ErrorCode
from khuyenhoc.core.scope import Action, Scope
from khuyenhoc.core.services import require, stamp
from khuyenhoc.titles.models import (
    SUBJECT_OF_TITLE,
    Campaign,
    CriteriaSet,
    Registration,
    SubjectKind,
    Title,
)
from khuyenhoc.titles.selectors import criteria_set_for_campaign, subject_place
from khuyenhoc.titles.services.tallies import tally_apply


def _subject(kind: str, subject: Any) -> tuple[str, str, str]:
    """(key, name, managing org path) of a subject."""
    name = str(subject)
    if kind == SubjectKind.UNIT:
        return f"unit:{subject.pk}", name, subject.path
    if kind == SubjectKind.PLACE:
        return f"place:{subject.pk}", name, ""
    return f"{kind}:{subject.pk}", name, subject.org_path


@transaction.atomic
def registration_create(
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
    criteria_set = criteria_set_for_campaign(campaign=campaign, subject_group=subject_group)
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
def registration_create_many(
    *, actor: Any, scope: Scope, campaign: Campaign, subjects: Any, subject_group: str = ""
) -> tuple[int, int]:
    """Register every subject of a list (e.g. every member of a unit); those already registered for the
    title this year are skipped. Returns (registered, skipped); any other refusal registers none.

    The criteria set and the subjects already registered are looked up once for the whole list."""
    kind = SUBJECT_OF_TITLE[Title(campaign.title)]
    _check_open(campaign)
    criteria_set = criteria_set_for_campaign(campaign=campaign, subject_group=subject_group)
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


@transaction.atomic
def registration_create_own(*, actor: Any, campaign: Campaign, subject_group: str) -> Registration:
    """A citizen registers themself as a learning citizen in a campaign that covers their unit."""
    person = _own_person(actor)
    if campaign.title != Title.CITIZEN or not person.org_path.startswith(campaign.org_path):
        raise PermissionDenied(_("Đợt đăng ký này không dành cho bạn."))
    return _register_one(actor, campaign, SubjectKind.PERSON, person, subject_group)


def _own_person(actor: Any) -> Any:
    person = getattr(actor, "person", None)
    if person is None:
        raise PermissionDenied(_("Tài khoản này chưa gắn với hồ sơ người dân nào."))
    return person


def registration_lock(*, registration: Registration) -> Registration:
    """The registration re-read and locked for the change that follows (no stale status)."""
    return (
        Registration.objects.select_for_update().select_related("campaign").get(pk=registration.pk)
    )


def registration_lock_own(*, actor: Any, registration: Registration) -> Registration:
    """The citizen's own registration, locked; anyone else's is refused."""
    person = _own_person(actor)
    reg = registration_lock(registration=registration)
    if reg.person_id != person.pk:
        raise PermissionDenied(_("Đây không phải đăng ký của bạn."))
    return reg

"""A person's personal data leaving the masked default: a full CCCD read, a person's whole record
exported, and erasure on request — each written to the access log (core.AccessRecord, docs/privacy.md)."""

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from khuyenhoc.core.errors import DomainError, ErrorCode
from khuyenhoc.core.history import history_of
from khuyenhoc.core.models import AccessKind, AccessRecord
from khuyenhoc.core.scope import Action, Scope
from khuyenhoc.core.services import access_record, require, stamp
from khuyenhoc.core.text import clean_text, fold
from khuyenhoc.people.models import HouseholdMember, Membership, Person

ERASED_NAME = "(Đã xoá theo yêu cầu)"
# What erasure blanks on the person and on every row of their change history.
ERASED_FIELDS: dict[str, Any] = {
    "cccd": None,
    "birth_date": None,
    "address": "",
    "phone": "",
    "email": "",
    "workplace": "",
}


def _record(
    person: Person, kind: str, *, actor: Any, channel: str, ip: str | None, subject: str = ""
) -> AccessRecord:
    """The access-log line of one reading (or erasure) of this person's data."""
    return access_record(
        actor=actor,
        kind=kind,
        channel=channel,
        subject=subject or f"{person.full_name} (#{person.pk})",
        org_path=person.org_path,
        obj=person,
        ip=ip,
    )


def identity_read(
    *, actor: Any, scope: Scope, person: Person, channel: str, ip: str | None = None
) -> AccessRecord:
    """Allow and record one reading of a person's full CCCD (a page, an edit form, an API answer)."""
    require(scope, Action.VIEW_IDENTITY, person.org_path)
    return _record(person, AccessKind.VIEW_IDENTITY, actor=actor, channel=channel, ip=ip)


def person_data(
    *, actor: Any, scope: Scope, person: Person, channel: str, ip: str | None = None
) -> dict[str, Any]:
    """Everything the platform holds about a person, for their request to see it (recorded)."""
    require(scope, Action.VIEW_IDENTITY, person.org_path)
    households = HouseholdMember.objects.filter(person=person).select_related("household")
    memberships = Membership.objects.filter(person=person).select_related("org_node")
    data = {
        "ho_so": {
            "ma_ho_so": person.pk,
            "ho_va_ten": person.full_name,
            "so_cccd": person.cccd,
            "gioi_tinh": person.get_gender_display(),
            "ngay_sinh": person.birth_date.isoformat() if person.birth_date else None,
            "nam_sinh": person.birth_year,
            "dan_toc": person.ethnicity.name if person.ethnicity else None,
            "ton_giao": person.religion,
            "xa_phuong": person.commune.name if person.commune else None,
            "thon_to": person.village.name if person.village else None,
            "dia_chi": person.address,
            "dien_thoai": person.phone,
            "thu_dien_tu": person.email,
            "noi_lam_viec": person.workplace,
            "nghe_nghiep": person.occupation,
            "don_vi_quan_ly": person.org_node.name,
        },
        "gia_dinh": [
            {
                "ho": link.household.name,
                "quan_he": link.get_relation_display(),
                "tu_ngay": link.joined_on.isoformat() if link.joined_on else None,
                "den_ngay": link.left_on.isoformat() if link.left_on else None,
            }
            for link in households
        ],
        "to_chuc": [
            {
                "to_chuc": m.org_node.name,
                "loai": m.get_kind_display(),
                "chuc_vu": m.role,
                "tu_ngay": m.started_on.isoformat() if m.started_on else None,
                "den_ngay": m.ended_on.isoformat() if m.ended_on else None,
            }
            for m in memberships
        ],
        "lich_su_thay_doi": [
            {
                "luc": entry["at"].isoformat(),
                "nguoi_sua": getattr(entry["user"], "username", None),
                "viec": str(entry["kind"]),
                "thay_doi": [
                    {"truong": c["field"], "cu": str(c["old"]), "moi": str(c["new"])}
                    for c in entry["changes"]
                ],
            }
            for entry in history_of(person, masked=False, limit=1000)
        ],
    }
    _record(person, AccessKind.PERSON_DATA, actor=actor, channel=channel, ip=ip)
    return data


@transaction.atomic
def person_erase(
    *, actor: Any, scope: Scope, person: Person, reason: str, channel: str, ip: str | None = None
) -> Person:
    """Erase a person's personal data on their request: name, CCCD, birth date, contacts are removed
    from the record and from every row of its change history; what they took part in (households,
    memberships, learning titles, donations) stays, under the erased record, for the movement's
    statistics. A citizen account of theirs is closed. The access log keeps who erased whom and why.
    """
    require(scope, Action.CHANGE, person.org_path)
    require(scope, Action.VIEW_IDENTITY, person.org_path)
    reason = clean_text(reason)
    if not reason:
        raise DomainError(
            ErrorCode.REQUIRED,
            _("Cần ghi căn cứ xoá (ví dụ: đơn đề nghị của công dân, ngày nhận)."),
            field="reason",
        )
    if len(reason) > 200:
        raise DomainError(ErrorCode.INVALID, _("Căn cứ xoá dài quá 200 ký tự."), field="reason")
    person = Person.objects.select_for_update().get(pk=person.pk)
    if person.full_name == ERASED_NAME:
        raise DomainError(ErrorCode.INVALID, _("Dữ liệu của người này đã được xoá."))
    subject = f"#{person.pk} — {reason}"
    person.full_name = ERASED_NAME
    person.name_key = fold(ERASED_NAME)
    for name, value in ERASED_FIELDS.items():
        setattr(person, name, value)
    stamp(person, actor).save()
    person.history.update(full_name=ERASED_NAME, name_key=fold(ERASED_NAME), **ERASED_FIELDS)
    account = getattr(person, "account", None)
    if account is not None:
        account.is_active = False
        account.username = f"da-xoa-{person.pk}"
        account.set_unusable_password()
        account.save(update_fields=["is_active", "username", "password"])
    _record(person, AccessKind.ERASE, actor=actor, channel=channel, ip=ip, subject=subject)
    return person

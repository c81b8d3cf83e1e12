"""Create and change persons."""

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.validators import validate_email
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_update_with_history

from khuyenhoc.core import clock
from khuyenhoc.core.bulkload import allocate_ids, insert_rows
from khuyenhoc.core.errors import DomainError, ErrorCode
from khuyenhoc.core.scope import Action, Scope
from khuyenhoc.core.services import apply_changes, require, stamp
from khuyenhoc.core.text import clean_text, fold
from khuyenhoc.people.cccd import cccd_problems, normalise_cccd
from khuyenhoc.people.models import Gender, Person, PersonNameKey
from khuyenhoc.people.namekeys import namekey_rows, namekeys_refresh
from khuyenhoc.people.services.common import check_place, place_province

GENDERS = frozenset(Gender.values)
FIELDS = (
    "org_node",
    "cccd",
    "full_name",
    "gender",
    "birth_date",
    "birth_year",
    "ethnicity",
    "religion",
    "commune",
    "village",
    "address",
    "phone",
    "email",
    "workplace",
    "occupation",
)
TEXT_FIELDS = ("full_name", "religion", "address", "phone", "email", "workplace", "occupation")


def _clean(data: dict[str, Any]) -> dict[str, Any]:
    data = {k: v for k, v in data.items() if k in FIELDS}
    for name in TEXT_FIELDS:
        if name in data:
            data[name] = clean_text(data[name])
    if "cccd" in data:
        data["cccd"] = normalise_cccd(data["cccd"]) or None
    return data


def _check_birth(person: Person) -> None:
    today = clock.today()
    if person.birth_date is not None:
        if person.birth_date > today:
            raise DomainError(
                ErrorCode.INVALID, _("Ngày sinh không thể ở tương lai."), field="birth_date"
            )
        if person.birth_year and person.birth_year != person.birth_date.year:
            raise DomainError(
                ErrorCode.INVALID, _("Năm sinh không khớp với ngày sinh."), field="birth_year"
            )
        person.birth_year = person.birth_date.year
    if person.birth_year is not None and not 1900 <= person.birth_year <= today.year:
        raise DomainError(
            ErrorCode.INVALID,
            _("Năm sinh phải trong khoảng 1900–%(year)s.") % {"year": today.year},
            field="birth_year",
        )


@dataclass(slots=True)
class PersonDraft:
    """A person being imported: the fields of Person without the cost of a model instance per row.

    `check_person` and `derive` accept it like a Person; the bulk writer reads its column values.
    """

    org_node: Any
    full_name: str
    gender: str
    cccd: str | None = None
    birth_date: Any = None
    birth_year: int | None = None
    ethnicity: Any = None
    religion: str = ""
    commune: Any = None
    village: Any = None
    address: str = ""
    phone: str = ""
    email: str = ""
    workplace: str = ""
    occupation: str = ""
    name_key: str = ""
    org_path: str = ""
    province_code: str = ""
    pk: int | None = None
    created_at: Any = None
    updated_at: Any = None

    @property
    def id(self) -> int | None:
        return self.pk

    @property
    def org_node_id(self) -> int:
        return self.org_node.pk

    @property
    def ethnicity_id(self) -> int | None:
        return self.ethnicity.pk if self.ethnicity else None

    @property
    def commune_id(self) -> int | None:
        return self.commune.pk if self.commune else None

    @property
    def village_id(self) -> int | None:
        return self.village.pk if self.village else None


def check_person(person: Person | PersonDraft) -> None:
    """Every rule on a person's own fields that needs no query (shared with bulk imports)."""
    if not person.full_name:
        raise DomainError(ErrorCode.REQUIRED, _("Cần nhập họ và tên."), field="full_name")
    if person.gender not in GENDERS:
        raise DomainError(ErrorCode.REQUIRED, _("Hãy chọn giới tính Nam hoặc Nữ."), field="gender")
    _check_birth(person)
    if person.email:
        try:
            validate_email(person.email)
        except Exception as exc:
            raise DomainError(
                ErrorCode.INVALID, _("Địa chỉ thư điện tử không hợp lệ."), field="email"
            ) from exc
    if person.cccd:
        problems = cccd_problems(person.cccd, gender=person.gender, birth_year=person.birth_year)
        if problems:
            raise DomainError(ErrorCode.INVALID, " ".join(problems), field="cccd")
    person.commune = check_place(person.commune, person.village)


def _check(person: Person) -> None:
    check_person(person)
    if person.cccd and Person.objects.filter(cccd=person.cccd).exclude(pk=person.pk).exists():
        raise DomainError(
            ErrorCode.DUPLICATE,
            _("Số CCCD %(cccd)s đã được dùng cho một người khác.") % {"cccd": person.cccd},
            field="cccd",
        )


def derive(person: Any) -> Any:
    """Fill the columns computed from the others: search key, org path, province."""
    person.name_key = fold(person.full_name)
    person.org_path = person.org_node.path
    person.province_code = place_province(person.commune, person.org_node)
    return person


def _save(person: Person, actor: Any) -> Person:
    before = (person.name_key, person.org_path) if person.pk else None
    derive(person)
    try:
        with transaction.atomic():
            stamp(person, actor).save()
    except IntegrityError as exc:  # a concurrent insert of the same CCCD
        raise DomainError(
            ErrorCode.DUPLICATE, _("Số CCCD đã được dùng cho một người khác."), field="cccd"
        ) from exc
    if before != (person.name_key, person.org_path):
        namekeys_refresh(person)
    return person


@transaction.atomic
def person_create(*, actor: Any, scope: Scope, **data: Any) -> Person:
    """Create a person managed by `org_node`, after checking CCCD, dates and place."""
    data = _clean(data)
    org_node = data.get("org_node")
    if org_node is None:
        raise DomainError(ErrorCode.REQUIRED, _("Cần chọn đơn vị quản lý."), field="org_node")
    require(scope, Action.CHANGE, org_node.path)
    person = Person(**data)
    _check(person)
    return _save(person, actor)


@transaction.atomic
def person_update(*, actor: Any, scope: Scope, person: Person, data: dict[str, Any]) -> Person:
    """Change a person's fields; moving it to another node needs the right on both nodes."""
    require(scope, Action.CHANGE, person.org_path)
    data = _clean(data)
    if "org_node" in data and data["org_node"] is None:
        raise DomainError(ErrorCode.REQUIRED, _("Cần chọn đơn vị quản lý."), field="org_node")
    if not apply_changes(person, data, FIELDS):
        return person
    if not scope.allows(Action.CHANGE, person.org_node.path):
        raise PermissionDenied(_("Đơn vị quản lý mới nằm ngoài phạm vi của bạn."))
    _check(person)
    return _save(person, actor)


@transaction.atomic
def persons_bulk_write(
    *, actor: Any, created: list[PersonDraft], updated: list[Person], fields: list[str]
) -> None:
    """Write checked persons in bulk (imports), with their history rows and name keys.

    The caller has run `check_person` and `derive` on each person and resolved duplicates. New persons
    go in through the database's bulk path; their history rows are copied from them in one statement.
    """
    if created:
        _bulk_create(created, actor)
    if updated:
        bulk_update_with_history(updated, Person, fields, batch_size=1000, default_user=actor)
        PersonNameKey.objects.filter(person__in=updated).delete()
        _insert_name_keys(updated)


def _bulk_create(persons: list[PersonDraft], actor: Any) -> None:
    now = timezone.now()
    columns = [f.column for f in Person._meta.concrete_fields]
    attnames = [f.attname for f in Person._meta.concrete_fields]
    for person, pk in zip(persons, allocate_ids(Person, len(persons)), strict=True):
        person.pk, person.created_at, person.updated_at = pk, now, now
    insert_rows(
        Person._meta.db_table, columns, ([getattr(p, a) for a in attnames] for p in persons)
    )
    _insert_name_keys(persons)
    _copy_history([p.pk for p in persons], columns, actor, now)


def _insert_name_keys(persons: list[Any]) -> None:
    insert_rows(
        PersonNameKey._meta.db_table, ["person_id", "key", "org_path"], namekey_rows(persons)
    )


def _copy_history(ids: list[int], columns: list[str], actor: Any, when: Any) -> None:
    """One history row per new person ("+", by `actor`), copied from the rows just written."""
    table, history = Person._meta.db_table, Person.history.model._meta.db_table
    names = ", ".join(f'"{c}"' for c in columns)
    marks = ", ".join(["%s"] * len(ids))
    sql = (
        f'INSERT INTO "{history}" ({names}, "history_date", "history_type", "history_user_id") '  # noqa: S608
        f'SELECT {names}, %s, %s, %s FROM "{table}" WHERE "id" IN ({marks})'
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [when, "+", getattr(actor, "pk", None), *ids])

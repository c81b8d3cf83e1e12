"""Create and change persons."""

import operator
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
from khuyenhoc.people.cccd import CccdError, cccd_problems, parse_cccd
from khuyenhoc.people.models import Gender, Person, PersonNameKey
from khuyenhoc.people.namekeys import name_keys, namekey_rows
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
# An imported person as the tuple of its column values, in this order, once `check_person` and `derive`
# have run; the id and timestamps are added when it is written. Cheap to compare, write and send between
# processes (bulk/parallel.py), where a model instance per row is not.
ROW_FIELDS = tuple(
    f for f in Person._meta.concrete_fields if f.attname not in ("id", "created_at", "updated_at")
)
ROW_ATTNAMES = tuple(f.attname for f in ROW_FIELDS)
_ORG_PATH = ROW_ATTNAMES.index("org_path")


def _clean(data: dict[str, Any]) -> dict[str, Any]:
    data = {k: v for k, v in data.items() if k in FIELDS}
    for name in TEXT_FIELDS:
        if name in data:
            data[name] = clean_text(data[name])
    if "cccd" in data:
        try:
            data["cccd"] = parse_cccd(data["cccd"]) or None
        except CccdError as err:
            raise DomainError(ErrorCode.INVALID, err.message, field="cccd") from None
    return data


def _check_birth(person: "Person | PersonDraft") -> None:
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
        _namekeys_refresh(person)
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


_ROW_VALUES = operator.attrgetter(*ROW_ATTNAMES)


# An imported person, checked and derived: (its column values in `ROW_ATTNAMES` order, the keys its
# name is searched by). A plain tuple: it pickles ten times faster than a named one.
PersonRow = tuple[tuple[Any, ...], tuple[str, ...]]


def person_row(person: PersonDraft) -> PersonRow:
    """The checked, derived person as a `PersonRow`."""
    return _ROW_VALUES(person), name_keys(person.name_key)


@transaction.atomic
def persons_bulk_write(*, actor: Any, created: list[PersonRow], updated: list[Person]) -> None:
    """Write checked persons in bulk (imports), with their history rows and name keys.

    The caller has run `check_person` and `derive` on each person and resolved duplicates. New persons
    go in through the database's bulk path; their history rows are copied from them in one statement.
    `updated` are persons whose `ROW_ATTNAMES` the caller has changed.
    """
    if created:
        _bulk_create(created, actor)
    if updated:
        fields = [f.name for f in ROW_FIELDS]
        bulk_update_with_history(updated, Person, fields, batch_size=1000, default_user=actor)
        PersonNameKey.objects.filter(person__in=updated).delete()
        _insert_name_keys(namekey_rows(updated))


def _bulk_create(rows: list[PersonRow], actor: Any) -> None:
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    ids = allocate_ids(Person, len(rows))
    columns = ["id", "created_at", "updated_at", *(str(f.column) for f in ROW_FIELDS)]
    pairs = list(zip(ids, rows, strict=True))
    insert_rows(Person._meta.db_table, columns, ((pk, now, now, *row[0]) for pk, row in pairs))
    _insert_name_keys([(pk, key, row[0][_ORG_PATH]) for pk, row in pairs for key in row[1]])
    _copy_history(ids, columns, actor, now)


def _insert_name_keys(rows: list[tuple[int, str, str]]) -> None:
    insert_rows(PersonNameKey._meta.db_table, ["person_id", "key", "org_path"], rows)


def _copy_history(ids: list[int], columns: list[str], actor: Any, when: Any) -> None:
    """One history row per new person ("+", by `actor`), copied from the rows just written."""
    table, history = Person._meta.db_table, Person.history.model._meta.db_table
    names = ", ".join(f'"{c}"' for c in columns)
    if ids == list(range(ids[0], ids[0] + len(ids))):  # allocated in one block: a range, not a list
        where, keys = '"id" BETWEEN %s AND %s', [ids[0], ids[-1]]
    else:
        where, keys = f'"id" IN ({", ".join(["%s"] * len(ids))})', ids
    sql = (
        f'INSERT INTO "{history}" ({names}, "history_date", "history_type", "history_user_id") '  # noqa: S608
        f'SELECT {names}, %s, %s, %s FROM "{table}" WHERE {where}'
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [when, "+", getattr(actor, "pk", None), *keys])


def _namekeys_refresh(person: Person) -> None:
    """Replace the person's name keys after its name or organisation changed."""
    PersonNameKey.objects.filter(person=person).delete()
    PersonNameKey.objects.bulk_create(
        PersonNameKey(person_id=pk, key=key, org_path=path)
        for pk, key, path in namekey_rows([person])
    )

"""API shapes for persons, households (gia đình) and clans (dòng họ)."""

from datetime import date, datetime
from typing import Annotated, Any

from django.utils.translation import gettext as _
from ninja import Field, Schema
from pydantic import field_validator

from khuyenhoc.core.privacy import mask_cccd, mask_phone
from khuyenhoc.core.schemas import (
    MAX_SEARCH_LENGTH,
    TEXT_PATTERN,
    Id,
    Input,
    Line,
    PageParams,
    Text,
    keep,
    refuse_null,
)
from khuyenhoc.core.scope import Action
from khuyenhoc.orgs.schemas import OrgNodeRef
from khuyenhoc.people.models import Clan, Ethnicity, Gender, Household, Person, Relation
from khuyenhoc.places.schemas import AdminUnitRef

# The web form's limit: 12 digits with the spaces or dots a clerk types between them.
CCCD_INPUT_LENGTH = 20
SEARCH = "Họ tên (không cần dấu) hoặc số CCCD."
BIRTH_YEARS = {"ge": 1900, "le": 2100}


def _required(value: Any) -> Any:
    """Refuse an explicit null (a record always has a managing node)."""
    if value is None:
        raise ValueError(_("Cần chọn đơn vị quản lý."))
    return value


class EthnicityOut(Schema):
    """An ethnic group by its General Statistics Office code."""

    code: str
    name: str


class PersonRef(Schema):
    """A person named inside another record."""

    id: int
    full_name: str
    gender: str
    birth_year: int | None


def _identified(person: Any, context: Any) -> bool:
    """Whether this answer may carry the person's full CCCD: only the one-person answer, after the
    reading was allowed and recorded (`identity_read`), marks the request so."""
    request = (context or {}).get("request")
    return getattr(request, "identity_shown_for", None) == person.pk


def _may_see(person: Any, context: Any) -> bool:
    """Birth date and phone in full for those who may see identities where the person is managed."""
    scope = getattr((context or {}).get("request"), "scope", None)
    return scope is not None and scope.allows(Action.VIEW_IDENTITY, person.org_path)


class PersonOut(Schema):
    """One person. In lists the CCCD is masked ("0401******76"); one person's answer carries it in
    full to tokens allowed to see identities there (and the reading is written to the access log).
    Tokens without that right get the birth date as null (the birth year stays) and a masked phone."""

    id: int
    cccd: str | None
    full_name: str
    gender: str
    birth_date: date | None
    birth_year: int | None
    ethnicity: EthnicityOut | None
    religion: str
    org_node: OrgNodeRef
    commune: AdminUnitRef | None
    village: AdminUnitRef | None
    address: str
    phone: str
    email: str
    workplace: str
    occupation: str
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_cccd(person: Any, context: Any) -> str | None:
        if not person.cccd or _identified(person, context):
            return person.cccd
        return mask_cccd(person.cccd)

    @staticmethod
    def resolve_birth_date(person: Any, context: Any) -> date | None:
        return person.birth_date if _may_see(person, context) else None

    @staticmethod
    def resolve_birth_year(person: Any, context: Any) -> int | None:
        return person.birth_year or (person.birth_date.year if person.birth_date else None)

    @staticmethod
    def resolve_phone(person: Any, context: Any) -> str:
        return person.phone if _may_see(person, context) else mask_phone(person.phone)


class PersonPage(Schema):
    """One page of persons, by name."""

    items: list[PersonOut]
    next_cursor: str | None
    prev_cursor: str | None


class PersonFilters(PageParams):
    """Query parameters of the person list."""

    q: Line(MAX_SEARCH_LENGTH, description=SEARCH) = ""  # type: ignore[valid-type]
    org: Id | None = Field(None, description="Id của tổ chức: người thuộc tổ chức và cấp dưới.")
    commune: Id | None = Field(None, description="Id của xã/phường.")
    village: Id | None = Field(None, description="Id của thôn/tổ dân phố.")
    gender: Gender | None = None


CccdInput = Annotated[str, Field(max_length=CCCD_INPUT_LENGTH, pattern=TEXT_PATTERN)]
BirthYear = Annotated[int, Field(**BIRTH_YEARS)]
FullName = Text(Person, "full_name", min_length=1)
EthnicityCode = Text(Ethnicity, "code", description="Mã dân tộc (01 = Kinh).")
Religion = Text(Person, "religion")
PersonAddress = Text(Person, "address")
Phone = Text(Person, "phone")
Email = Text(Person, "email")
Workplace = Text(Person, "workplace")
Occupation = Text(Person, "occupation")


class PersonIn(Input):
    """A new person; ids name the managing node and the places, the ethnicity is its code.

    Refused with a 400 naming the field: an id that names nothing in the token's scope, an unknown
    ethnicity code, a CCCD that is not 12 digits, is already recorded or contradicts the gender or
    birth year, a birth year after this year or unlike the birth date's, a birth date in the future,
    an e-mail address that is not one."""

    org_node: Id = Field(description="Id của đơn vị quản lý.")
    full_name: FullName  # type: ignore[valid-type]
    gender: Gender
    cccd: CccdInput | None = Field(None, description="Số CCCD, 12 chữ số.")
    birth_date: date | None = None
    birth_year: BirthYear | None = Field(
        None, description="Năm sinh (1900 đến năm nay), khi không biết ngày sinh."
    )
    ethnicity: EthnicityCode | None = None  # type: ignore[valid-type]
    religion: Religion = ""  # type: ignore[valid-type]
    commune: Id | None = None
    village: Id | None = None
    address: PersonAddress = ""  # type: ignore[valid-type]
    phone: Phone = ""  # type: ignore[valid-type]
    email: Email = ""  # type: ignore[valid-type]
    workplace: Workplace = ""  # type: ignore[valid-type]
    occupation: Occupation = ""  # type: ignore[valid-type]

    _org_node_required = field_validator("org_node", mode="before")(_required)


class PersonPatch(Input):
    """Fields of a person that may change; omitted fields stay (null clears only an optional one).
    Refused with a 400 naming the field as a new person is."""

    org_node: Id = keep()
    full_name: FullName = keep()  # type: ignore[valid-type]
    gender: Gender = keep()
    cccd: CccdInput | None = None
    birth_date: date | None = None
    birth_year: BirthYear | None = None
    ethnicity: EthnicityCode | None = None  # type: ignore[valid-type]
    religion: Religion = keep()  # type: ignore[valid-type]
    commune: Id | None = None
    village: Id | None = None
    address: PersonAddress = keep()  # type: ignore[valid-type]
    phone: Phone = keep()  # type: ignore[valid-type]
    email: Email = keep()  # type: ignore[valid-type]
    workplace: Workplace = keep()  # type: ignore[valid-type]
    occupation: Occupation = keep()  # type: ignore[valid-type]

    _org_node_required = field_validator("org_node", mode="before")(_required)
    _not_null = field_validator(
        "full_name",
        "gender",
        "religion",
        "address",
        "phone",
        "email",
        "workplace",
        "occupation",
        mode="before",
    )(refuse_null)


class ChangeOut(Schema):
    """One field changed by one history entry."""

    field: str
    old: Any
    new: Any


class HistoryOut(Schema):
    """Who changed a record, when, and how."""

    at: datetime
    user: str | None = Field(None, description="Tên đăng nhập của người sửa.")
    kind: str
    changes: list[ChangeOut]

    @staticmethod
    def resolve_user(entry: dict[str, Any]) -> str | None:
        """The author's username (None for changes made by the system)."""
        user = entry["user"]
        return user.username if user is not None else None


class HouseholdOut(Schema):
    """One household."""

    id: int
    code: str | None
    name: str
    org_node: OrgNodeRef
    head: PersonRef | None
    commune: AdminUnitRef | None
    village: AdminUnitRef | None
    address: str


class HouseholdPage(Schema):
    """One page of households, by name."""

    items: list[HouseholdOut]
    next_cursor: str | None
    prev_cursor: str | None


class PlaceFilters(PageParams):
    """Query parameters of the household and clan lists."""

    q: Line(MAX_SEARCH_LENGTH, description="Tên (không cần dấu) hoặc mã.") = ""  # type: ignore[valid-type]
    org: Id | None = Field(None, description="Id của tổ chức: bản ghi của tổ chức và cấp dưới.")
    commune: Id | None = Field(None, description="Id của xã/phường.")


class HouseholdFilters(PlaceFilters):
    """Query parameters of the household list."""

    village: Id | None = Field(None, description="Id của thôn/tổ dân phố.")


HouseholdName = Text(Household, "name", min_length=1)
HouseholdCode = Text(Household, "code")
HouseholdAddress = Text(Household, "address")


class HouseholdIn(Input):
    """A new household; a head, when given, becomes its first member.

    Refused with a 400 naming the field: an id that names nothing in the token's scope, a code
    already used, a head who already lives in another household."""

    org_node: Id = Field(description="Id của đơn vị quản lý.")
    name: HouseholdName  # type: ignore[valid-type]
    code: HouseholdCode = ""  # type: ignore[valid-type]
    head: Id | None = Field(None, description="Id của người làm chủ hộ.")
    commune: Id | None = None
    village: Id | None = None
    address: HouseholdAddress = ""  # type: ignore[valid-type]


class HouseholdPatch(Input):
    """Fields of a household that may change (the head changes through its members); omitted fields
    stay (null clears only the code and the places)."""

    org_node: Id = keep()
    name: HouseholdName = keep()  # type: ignore[valid-type]
    code: HouseholdCode | None = None  # type: ignore[valid-type]
    commune: Id | None = None
    village: Id | None = None
    address: HouseholdAddress = keep()  # type: ignore[valid-type]

    _org_node_required = field_validator("org_node", mode="before")(_required)
    _not_null = field_validator("name", "address", mode="before")(refuse_null)


class MemberOut(Schema):
    """A person's place in a household."""

    id: int
    person: PersonRef
    relation: str
    joined_on: date | None
    left_on: date | None


class MemberIn(Input):
    """A person joining a household (400 naming the field: a person not in scope, or who already
    lives in another household)."""

    person: Id = Field(description="Id của người.")
    relation: Relation
    joined_on: date | None = None


class ClanOut(Schema):
    """One clan."""

    id: int
    code: str | None
    name: str
    org_node: OrgNodeRef
    head: PersonRef | None
    commune: AdminUnitRef | None
    origin: str
    household_count: int = 0


class ClanPage(Schema):
    """One page of clans, by name."""

    items: list[ClanOut]
    next_cursor: str | None
    prev_cursor: str | None


ClanName = Text(Clan, "name", min_length=1)
ClanCode = Text(Clan, "code")
ClanOrigin = Text(Clan, "origin")


class ClanIn(Input):
    """A new clan (400 naming the field: an id that names nothing in the token's scope, a code
    already used)."""

    org_node: Id = Field(description="Id của đơn vị quản lý.")
    name: ClanName  # type: ignore[valid-type]
    code: ClanCode = ""  # type: ignore[valid-type]
    head: Id | None = Field(None, description="Id của người làm trưởng họ.")
    commune: Id | None = None
    origin: ClanOrigin = ""  # type: ignore[valid-type]

    _org_node_required = field_validator("org_node", mode="before")(_required)


class ClanPatch(Input):
    """Fields of a clan that may change; omitted fields stay (null clears only the code, the head
    and the commune)."""

    org_node: Id = keep()
    name: ClanName = keep()  # type: ignore[valid-type]
    code: ClanCode | None = None  # type: ignore[valid-type]
    head: Id | None = None
    commune: Id | None = None
    origin: ClanOrigin = keep()  # type: ignore[valid-type]

    _org_node_required = field_validator("org_node", mode="before")(_required)
    _not_null = field_validator("name", "origin", mode="before")(refuse_null)


class HouseholdRef(Schema):
    """A household named inside another record."""

    id: int
    code: str | None
    name: str
    head: PersonRef | None
    village: AdminUnitRef | None


class ClanHouseholdOut(Schema):
    """A household's link to a clan."""

    id: int
    household: HouseholdRef


class ClanHouseholdIn(Input):
    """A household joining a clan (400 naming the field: a household not in scope, or already in
    the clan)."""

    household: Id = Field(description="Id của gia đình.")

"""Small deterministic builders for tests, demo data and benchmarks; they call the real services."""

import itertools
from datetime import timedelta
from typing import Any

from khuyenhoc.accounts.models import RoleGrant, User
from khuyenhoc.core import clock
from khuyenhoc.core.scope import Scope
from khuyenhoc.orgs.models import OrgNode, OrgSystem
from khuyenhoc.orgs.services import orgnode_create
from khuyenhoc.people.cccd import make_cccd
from khuyenhoc.people.models import Person
from khuyenhoc.people.services.persons import person_create
from khuyenhoc.places.models import AdminUnit, Level
from khuyenhoc.titles.models import Campaign
from khuyenhoc.titles.services.assessments import assessment_submit, assessment_verify
from khuyenhoc.titles.services.campaigns import campaign_open
from khuyenhoc.titles.services.decisions import decision_issue
from khuyenhoc.titles.services.registrations import registration_create

TEST_PASSWORD = "mat-khau-42"  # noqa: S105  (test accounts only)
ROOT = Scope.system()
_serial = itertools.count(1)


def commune(province_code: str = "40", index: int = 0) -> AdminUnit:
    """The index-th commune (by code) of a province of the current map."""
    return AdminUnit.objects.filter(level=Level.COMMUNE, province_code=province_code).order_by(
        "code"
    )[index]


def orgnode(
    *,
    parent: OrgNode | None = None,
    kind: str = "commune",
    code: str,
    name: str,
    system: str = "HKH",
    place_code: str | None = None,
    place: AdminUnit | None = None,
) -> OrgNode:
    """An organisation node created through the real service."""
    if place is None and place_code:
        place = AdminUnit.objects.get(level=Level.PROVINCE, code=place_code)
    return orgnode_create(
        actor=None,
        scope=ROOT,
        system=OrgSystem.objects.get(code=system),
        parent=parent,
        kind=kind,
        code=code,
        name=name,
        place=place,
    )


def user(
    username: str, node: OrgNode | None, roles: list[str], password: str = TEST_PASSWORD
) -> User:
    """An account with `roles` granted on `node` (no node: the whole country)."""
    account = User.objects.create_user(username=username, password=password, org_node=node)
    for role in roles:
        RoleGrant.objects.create(
            user=account, org_node=None if role == "system_admin" else node, role=role
        )
    return account


def person(org_node: OrgNode, **overrides: Any) -> Person:
    """A person with a structurally valid CCCD, created through the real service."""
    n = next(_serial)
    gender = overrides.pop("gender", "male" if n % 2 else "female")
    birth_year = overrides.pop("birth_year", 1960 + n % 40)
    data: dict[str, Any] = {
        "org_node": org_node,
        "full_name": f"Nguyễn Văn Thử {n}",
        "gender": gender,
        "birth_year": birth_year,
        "cccd": make_cccd(province="040", gender=gender, birth_year=birth_year, serial=n),
    }
    data.update(overrides)
    return person_create(actor=None, scope=ROOT, **data)


CITIZEN_CODES = [f"{g}.{i}" for g, n in ((1, 4), (2, 4), (3, 2)) for i in range(1, n + 1)]


def recognised_citizens(issuer: OrgNode, persons: list[Person], year: int | None = None) -> Any:
    """Take `persons` through the learning-citizen cycle of `issuer`'s campaign for the year (opened
    the first time) — register, self-assess, verify — and recognise them in one decision."""
    today = clock.today()
    year = year or today.year
    campaign = Campaign.objects.filter(org_node=issuer, title="citizen", year=year).first()
    campaign = campaign or campaign_open(
        actor=None, scope=ROOT, title="citizen", year=year, org_node=issuer,
        registration_until=today, self_assessment_until=today,
        verification_until=today + timedelta(days=1), decision_until=today + timedelta(days=2),
    )  # fmt: skip
    scores = dict.fromkeys(CITIZEN_CODES, 9)
    regs = []
    for person in persons:
        reg = registration_create(actor=None, scope=ROOT, campaign=campaign, subject=person,
                                  subject_group="Người dân cư trú trên địa bàn xã")  # fmt: skip
        assessment_submit(actor=None, scope=ROOT, registration=reg, scores=scores)
        assessment_verify(
            actor=None, scope=ROOT, registration=reg, scores=scores, verdict="accepted"
        )
        regs.append(reg)
    return decision_issue(
        actor=None, scope=ROOT, issuer=issuer, registrations=regs, number=f"{next(_serial)}/QĐ",
        signed_on=today, signer="Ký", signer_title="Chủ tịch",
    )  # fmt: skip

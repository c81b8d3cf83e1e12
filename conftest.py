"""Shared test personas: two sibling communes of one province, and a user for each role that matters."""

import datetime
from dataclasses import dataclass

import pytest

from khuyenhoc.accounts.models import User
from khuyenhoc.core.middleware import scope_for_user
from khuyenhoc.orgs.models import OrgNode
from khuyenhoc.programmes.services.programmes import programme_create
from khuyenhoc.testing import factories as f
from khuyenhoc.testing.ids import ids_spread


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker) -> None:
    """The test database, with each table's ids starting at its own offset (see testing/ids.py)."""
    with django_db_blocker.unblock():
        ids_spread()


@dataclass
class World:
    """A province association with two sibling communes (A and B) and the users who work there; A
    covers the first commune of Nghệ An by code, B the second (`f.commune("40", 0)` and `(..., 1)`)."""

    province: OrgNode
    commune_a: OrgNode
    commune_b: OrgNode
    system_admin: User
    province_admin: User
    clerk_a: User
    clerk_b: User
    viewer_a: User
    admin_a: User
    approver_a: User
    accountant_a: User
    evaluator: User


@pytest.fixture
def world(db) -> World:
    province = f.orgnode(
        kind="province", code="HKH-T40", name="Hội Khuyến học tỉnh Nghệ An", place_code="40"
    )
    commune_a = f.orgnode(parent=province, kind="commune", code="HKH-A",
                          name="Hội Khuyến học xã A", place=f.commune("40", 0))  # fmt: skip
    commune_b = f.orgnode(parent=province, kind="commune", code="HKH-B",
                          name="Hội Khuyến học xã B", place=f.commune("40", 1))  # fmt: skip
    return World(
        province=province,
        commune_a=commune_a,
        commune_b=commune_b,
        system_admin=f.user("sysadmin", None, ["system_admin"]),
        province_admin=f.user("tinh", province, ["org_admin"]),
        clerk_a=f.user("clerk_a", commune_a, ["clerk"]),
        clerk_b=f.user("clerk_b", commune_b, ["clerk"]),
        viewer_a=f.user("viewer_a", commune_a, ["viewer"]),
        admin_a=f.user("admin_a", commune_a, ["org_admin"]),
        approver_a=f.user("approver_a", commune_a, ["approver"]),
        accountant_a=f.user("accountant_a", commune_a, ["accountant"]),
        evaluator=f.user("evaluator", province, ["evaluator"]),
    )


@pytest.fixture
def programme(world):
    """A coordination programme of the province association and a provincial labour federation."""
    labour = f.orgnode(
        kind="province", code="LDLD-40", name="Liên đoàn Lao động tỉnh Nghệ An", system="CD"
    )
    return programme_create(
        actor=world.province_admin, scope=scope_for_user(world.province_admin), code="ctph-na",
        title="Chương trình phối hợp LĐLĐ – Hội Khuyến học", signed_on=datetime.date(2023, 9, 12),
        starts_year=2023, ends_year=2030, parties=[world.province, labour], signed_place="Nghệ An",
    )  # fmt: skip

"""Shared test personas: two sibling communes of one province, and a user for each role that matters."""

from dataclasses import dataclass

import pytest

from khuyenhoc.accounts.models import User
from khuyenhoc.orgs.models import OrgNode
from khuyenhoc.testing import factories as f


@dataclass
class World:
    """A province association with two sibling communes (A and B) and the users who work there."""

    province: OrgNode
    commune_a: OrgNode
    commune_b: OrgNode
    system_admin: User
    province_admin: User
    clerk_a: User
    clerk_b: User
    viewer_a: User


@pytest.fixture
def world(db) -> World:
    province = f.orgnode(
        kind="province", code="HKH-T40", name="Hội Khuyến học tỉnh Nghệ An", place_code="40"
    )
    commune_a = f.orgnode(parent=province, kind="commune", code="HKH-A", name="Hội Khuyến học xã A")
    commune_b = f.orgnode(parent=province, kind="commune", code="HKH-B", name="Hội Khuyến học xã B")
    return World(
        province=province,
        commune_a=commune_a,
        commune_b=commune_b,
        system_admin=f.user("sysadmin", None, ["system_admin"]),
        province_admin=f.user("tinh", province, ["org_admin"]),
        clerk_a=f.user("clerk_a", commune_a, ["clerk"]),
        clerk_b=f.user("clerk_b", commune_b, ["clerk"]),
        viewer_a=f.user("viewer_a", commune_a, ["viewer"]),
    )

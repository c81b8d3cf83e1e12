"""A deterministic demo data set reproducing the organisations of the five seed programmes.

Everything is created through the real services, so the demo also exercises the write paths. Each
part has its module: accounts, places_orgs, people, titles, funds and programmes.
"""

import random
from dataclasses import dataclass

from django.db import transaction

from khuyenhoc.core.scope import Role
from khuyenhoc.demo.accounts import (
    ADMIN_USERNAME,
    CITIZEN_USERNAME,
    DEMO_PASSWORD,
    account,
    load_officers,
)
from khuyenhoc.demo.funds import load_funds, load_ward_fund
from khuyenhoc.demo.people import load_households
from khuyenhoc.demo.places_orgs import COMMUNES, load_commune_units, load_org_tree
from khuyenhoc.demo.programmes import load_programmes
from khuyenhoc.demo.titles import load_learning_citizens
from khuyenhoc.orgs.models import OrgNode

# seed_demo and the tests take the demo logins from here, with load_demo.
__all__ = [
    "ADMIN_USERNAME",
    "CITIZEN_USERNAME",
    "DEMO_PASSWORD",
    "DemoResult",
    "demo_exists",
    "load_demo",
]


@dataclass
class DemoResult:
    created: bool
    persons: int = 0


def demo_exists() -> bool:
    """Whether the demo set has already been loaded (so `make run` reuses it)."""
    return OrgNode.objects.filter(code="HKH-TW").exists()


@transaction.atomic
def load_demo() -> DemoResult:
    """Create the demo organisations, places, people and accounts (idempotent: a second call does nothing)."""
    if demo_exists():
        return DemoResult(created=False)
    admin = account(ADMIN_USERNAME, None, [Role.SYSTEM_ADMIN], "Quản trị hệ thống")
    nodes = load_org_tree(admin)
    rng = random.Random(20230908)  # the signing day of the Bà Rịa–Vũng Tàu programme  # noqa: S311  (deterministic demo data, not secrets)
    persons = 0
    for index, (province, commune_name, parent_code, villages) in enumerate(COMMUNES):
        units = load_commune_units(
            admin, nodes, index, province, commune_name, parent_code, villages
        )
        persons += load_households(admin, rng, units, province)
    load_officers(nodes)
    load_learning_citizens(admin, nodes["HKH-40"], nodes["HKH-40-C1"], rng)
    load_funds(admin, nodes, rng)
    load_ward_fund(nodes)  # after load_officers: its accountant keeps it
    load_programmes(admin, nodes)  # after load_funds: indicators read its campaigns and payments
    return DemoResult(created=True, persons=persons)

"""The demo's accounts, whose logins `seed_demo` prints, and the whole-country scope the demo acts
in."""

from khuyenhoc.accounts.models import User
from khuyenhoc.accounts.services import user_create
from khuyenhoc.core.scope import Role, Scope
from khuyenhoc.orgs.models import OrgNode

ADMIN_USERNAME = "admin"
CITIZEN_USERNAME = "congdan"  # a resident's own account (registers and assesses themself)
DEMO_PASSWORD = "KhuyenHoc@2025"  # noqa: S105  (printed by `make run`: a local demo account)
ROOT = Scope.system()


def load_officers(nodes: dict[str, OrgNode]) -> None:
    """Create the officers' accounts: Nghệ An's administrator, the clerks, those who sign off."""
    account("nghean", nodes["HKH-40"], [Role.ORG_ADMIN], "Văn phòng Hội Khuyến học tỉnh Nghệ An")
    account(
        "thanhvinh", nodes["HKH-40-C1"], [Role.CLERK], "Cán bộ Hội Khuyến học phường Thành Vinh"
    )
    account("hoabinh", nodes["HKH-25-C4"], [Role.CLERK], "Cán bộ Hội Khuyến học phường Hòa Bình")
    # One account for each role that signs off (docs/glossary.md): Thành Vinh's accountant and its
    # chairman, who approves payments and signs decisions, and the province's evaluator.
    account(
        "ketoan", nodes["HKH-40-C1"], [Role.ACCOUNTANT], "Kế toán Hội Khuyến học phường Thành Vinh"
    )
    account(
        "pheduyet", nodes["HKH-40-C1"], [Role.APPROVER], "Chủ tịch Hội Khuyến học phường Thành Vinh"
    )
    account(
        "thamdinh",
        nodes["HKH-40"],
        [Role.EVALUATOR],
        "Cán bộ thẩm định Hội Khuyến học tỉnh Nghệ An",
    )


def account(username: str, node: OrgNode | None, roles: list[str], full_name: str) -> User:
    """Create a demo login with the shared demo password."""
    return user_create(
        actor=None, scope=ROOT, username=username, password=DEMO_PASSWORD, org_node=node,
        roles=roles, full_name=full_name,
    )  # fmt: skip

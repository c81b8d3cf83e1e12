"""The demo's organisation tree on the real administrative units, and the units of each demo
commune: its association node, villages, village branches and school board."""

from dataclasses import dataclass
from datetime import date

from khuyenhoc.accounts.models import User
from khuyenhoc.demo.accounts import ROOT
from khuyenhoc.orgs.models import NodeKind, OrgNode, OrgSystem
from khuyenhoc.orgs.services import orgnode_create
from khuyenhoc.places.models import AdminUnit, Level
from khuyenhoc.places.services import village_create

REFORM_EVE = date(2025, 6, 30)

# (system, code, parent code, kind, name, place: ("province"|"former_province"|"commune", code or name))
ORG_TREE: list[tuple[str, str, str | None, str, str, tuple[str, str] | None]] = [
    ("HKH", "HKH-TW", None, NodeKind.CENTRAL, "Hội Khuyến học Việt Nam", None),
    (
        "HKH",
        "HKH-79",
        "HKH-TW",
        NodeKind.PROVINCE,
        "Hội Khuyến học Thành phố Hồ Chí Minh",
        ("province", "79"),
    ),
    (
        "HKH",
        "HKH-77",
        "HKH-79",
        NodeKind.PROVINCE,
        "Hội Khuyến học tỉnh Bà Rịa – Vũng Tàu",
        ("former_province", "77"),
    ),
    (
        "HKH",
        "HKH-40",
        "HKH-TW",
        NodeKind.PROVINCE,
        "Hội Khuyến học tỉnh Nghệ An",
        ("province", "40"),
    ),
    (
        "HKH",
        "HKH-38",
        "HKH-TW",
        NodeKind.PROVINCE,
        "Hội Khuyến học tỉnh Thanh Hóa",
        ("province", "38"),
    ),
    (
        "HKH",
        "HKH-25",
        "HKH-TW",
        NodeKind.PROVINCE,
        "Hội Khuyến học tỉnh Phú Thọ",
        ("province", "25"),
    ),
    (
        "HKH",
        "HKH-17",
        "HKH-25",
        NodeKind.PROVINCE,
        "Hội Khuyến học tỉnh Hòa Bình",
        ("former_province", "17"),
    ),
    ("CD", "CD-TW", None, NodeKind.CENTRAL, "Tổng Liên đoàn Lao động Việt Nam", None),
    (
        "CD",
        "CD-79",
        "CD-TW",
        NodeKind.PROVINCE,
        "Liên đoàn Lao động Thành phố Hồ Chí Minh",
        ("province", "79"),
    ),
    (
        "CD",
        "CD-77",
        "CD-79",
        NodeKind.PROVINCE,
        "Liên đoàn Lao động tỉnh Bà Rịa – Vũng Tàu",
        ("former_province", "77"),
    ),
    (
        "CD",
        "CD-40",
        "CD-TW",
        NodeKind.PROVINCE,
        "Liên đoàn Lao động tỉnh Nghệ An",
        ("province", "40"),
    ),
    (
        "CD",
        "CD-38",
        "CD-TW",
        NodeKind.PROVINCE,
        "Liên đoàn Lao động tỉnh Thanh Hóa",
        ("province", "38"),
    ),
    (
        "CD",
        "CD-25",
        "CD-TW",
        NodeKind.PROVINCE,
        "Liên đoàn Lao động tỉnh Phú Thọ",
        ("province", "25"),
    ),
    (
        "CD",
        "CD-17",
        "CD-25",
        NodeKind.PROVINCE,
        "Liên đoàn Lao động tỉnh Hòa Bình",
        ("former_province", "17"),
    ),
    ("DTN", "DTN-TW", None, NodeKind.CENTRAL, "Trung ương Đoàn TNCS Hồ Chí Minh", None),
    (
        "DTN",
        "DTN-79",
        "DTN-TW",
        NodeKind.PROVINCE,
        "Thành Đoàn Thành phố Hồ Chí Minh",
        ("province", "79"),
    ),
    (
        "DTN",
        "DTN-77",
        "DTN-79",
        NodeKind.PROVINCE,
        "Tỉnh Đoàn Bà Rịa – Vũng Tàu",
        ("former_province", "77"),
    ),
    ("DTN", "DTN-38", "DTN-TW", NodeKind.PROVINCE, "Tỉnh Đoàn Thanh Hóa", ("province", "38")),
    ("LHPN", "LHPN-TW", None, NodeKind.CENTRAL, "Trung ương Hội Liên hiệp Phụ nữ Việt Nam", None),
    (
        "LHPN",
        "LHPN-79",
        "LHPN-TW",
        NodeKind.PROVINCE,
        "Hội Liên hiệp Phụ nữ Thành phố Hồ Chí Minh",
        ("province", "79"),
    ),
    (
        "LHPN",
        "LHPN-77",
        "LHPN-79",
        NodeKind.PROVINCE,
        "Hội Liên hiệp Phụ nữ tỉnh Bà Rịa – Vũng Tàu",
        ("former_province", "77"),
    ),
    (
        "LHPN",
        "LHPN-38",
        "LHPN-TW",
        NodeKind.PROVINCE,
        "Hội Liên hiệp Phụ nữ tỉnh Thanh Hóa",
        ("province", "38"),
    ),
    ("HND", "HND-TW", None, NodeKind.CENTRAL, "Trung ương Hội Nông dân Việt Nam", None),
    (
        "HND",
        "HND-79",
        "HND-TW",
        NodeKind.PROVINCE,
        "Hội Nông dân Thành phố Hồ Chí Minh",
        ("province", "79"),
    ),
    (
        "HND",
        "HND-77",
        "HND-79",
        NodeKind.PROVINCE,
        "Hội Nông dân tỉnh Bà Rịa – Vũng Tàu",
        ("former_province", "77"),
    ),
    (
        "HND",
        "HND-38",
        "HND-TW",
        NodeKind.PROVINCE,
        "Hội Nông dân tỉnh Thanh Hóa",
        ("province", "38"),
    ),
    ("CCB", "CCB-TW", None, NodeKind.CENTRAL, "Trung ương Hội Cựu chiến binh Việt Nam", None),
    (
        "CCB",
        "CCB-38",
        "CCB-TW",
        NodeKind.PROVINCE,
        "Hội Cựu chiến binh tỉnh Thanh Hóa",
        ("province", "38"),
    ),
    ("CTD", "CTD-TW", None, NodeKind.CENTRAL, "Trung ương Hội Chữ thập đỏ Việt Nam", None),
    (
        "CTD",
        "CTD-79",
        "CTD-TW",
        NodeKind.PROVINCE,
        "Hội Chữ thập đỏ Thành phố Hồ Chí Minh",
        ("province", "79"),
    ),
    (
        "CTD",
        "CTD-77",
        "CTD-79",
        NodeKind.PROVINCE,
        "Hội Chữ thập đỏ tỉnh Bà Rịa – Vũng Tàu",
        ("former_province", "77"),
    ),
    ("NCT", "NCT-TW", None, NodeKind.CENTRAL, "Trung ương Hội Người cao tuổi Việt Nam", None),
    (
        "NCT",
        "NCT-79",
        "NCT-TW",
        NodeKind.PROVINCE,
        "Hội Người cao tuổi Thành phố Hồ Chí Minh",
        ("province", "79"),
    ),
    (
        "NCT",
        "NCT-77",
        "NCT-79",
        NodeKind.PROVINCE,
        "Hội Người cao tuổi tỉnh Bà Rịa – Vũng Tàu",
        ("former_province", "77"),
    ),
    (
        "MTTQ",
        "MTTQ-TW",
        None,
        NodeKind.CENTRAL,
        "Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam",
        None,
    ),
    (
        "MTTQ",
        "MTTQ-38",
        "MTTQ-TW",
        NodeKind.PROVINCE,
        "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Thanh Hóa",
        ("province", "38"),
    ),
    ("DU", "DU-TW", None, NodeKind.CENTRAL, "Đảng ủy Khối các cơ quan Trung ương", None),
    (
        "DU",
        "DU-79",
        None,
        NodeKind.PROVINCE,
        "Đảng ủy khối các cơ quan và doanh nghiệp Thành phố Hồ Chí Minh",
        ("province", "79"),
    ),
    (
        "DU",
        "DU-77",
        "DU-79",
        NodeKind.PROVINCE,
        "Đảng ủy khối Cơ quan và Doanh nghiệp tỉnh Bà Rịa – Vũng Tàu",
        ("former_province", "77"),
    ),
    (
        "CQNN",
        "CQNN-79",
        None,
        NodeKind.PROVINCE,
        "Ủy ban nhân dân Thành phố Hồ Chí Minh",
        ("province", "79"),
    ),
    (
        "CQNN",
        "CQNN-77-LDTBXH",
        "CQNN-79",
        NodeKind.DEPARTMENT,
        "Sở Lao động – Thương binh và Xã hội tỉnh Bà Rịa – Vũng Tàu",
        ("former_province", "77"),
    ),
]

# The communes where the demo keeps people: (province code, commune name, association node code, villages).
COMMUNES = [
    ("40", "Phường Thành Vinh", "HKH-40", ["Khối Yên Giang", "Khối Trung Hòa"]),
    ("38", "Phường Hạc Thành", "HKH-38", ["Tổ dân phố Ba Đình", "Tổ dân phố Đông Sơn"]),
    ("79", "Phường Vũng Tàu", "HKH-79", ["Khu phố 1", "Khu phố 2"]),
    ("25", "Phường Hòa Bình", "HKH-25", ["Tổ dân phố Phương Lâm", "Tổ dân phố Đồng Tiến"]),
]


@dataclass(frozen=True)
class CommuneUnits:
    """A demo commune with its villages and the association's nodes there."""

    commune: AdminUnit
    villages: list[AdminUnit]
    branches: list[OrgNode]
    school: OrgNode


def load_org_tree(admin: User) -> dict[str, OrgNode]:
    """Create the nodes of ORG_TREE; return them by code."""
    systems = {s.code: s for s in OrgSystem.objects.all()}
    nodes: dict[str, OrgNode] = {}
    for system, code, parent, kind, name, place in ORG_TREE:
        place_unit = _place(place)
        until = REFORM_EVE if place_unit is not None and not place_unit.is_current else None
        nodes[code] = orgnode_create(
            actor=admin,
            scope=ROOT,
            system=systems[system],
            parent=nodes.get(parent) if parent else None,
            kind=kind,
            code=code,
            name=name,
            place=place_unit,
            valid_until=until,
        )
    return nodes


def load_commune_units(
    admin: User,
    nodes: dict[str, OrgNode],
    index: int,
    province: str,
    commune_name: str,
    parent_code: str,
    village_names: list[str],
) -> CommuneUnits:
    """Find the commune and create its association node, villages, branches and school."""
    commune = AdminUnit.objects.filter(
        level=Level.COMMUNE, province_code=province, name=commune_name
    ).first()
    commune = (
        commune
        or AdminUnit.objects.filter(level=Level.COMMUNE, province_code=province).order_by("code")[0]
    )
    parent = nodes[parent_code]
    short = commune.name.replace("Phường ", "phường ").replace("Xã ", "xã ")
    node = _node(
        admin,
        parent,
        f"{parent_code}-C{index + 1}",
        NodeKind.COMMUNE,
        f"Hội Khuyến học {short}",
        commune,
    )
    nodes[node.code] = node
    villages = [
        village_create(actor=admin, scope=ROOT, commune=commune, name=v, division_type="tổ dân phố")
        for v in village_names
    ]
    branches = [
        _node(
            admin,
            node,
            f"{node.code}-CH{i + 1}",
            NodeKind.BRANCH,
            f"Chi hội khuyến học {v.name}",
            v,
        )
        for i, v in enumerate(villages)
    ]
    school = _node(
        admin,
        node,
        f"{node.code}-TH",
        NodeKind.SCHOOL,
        f"Ban khuyến học Trường THCS {commune.name.split(' ', 1)[1]}",
        commune,
    )
    return CommuneUnits(commune=commune, villages=villages, branches=branches, school=school)


def _place(spec: tuple[str, str] | None) -> AdminUnit | None:
    if spec is None:
        return None
    level, code = spec
    return AdminUnit.objects.get(level=level, code=code)


def _node(
    admin: User, parent: OrgNode, code: str, kind: str, name: str, place: AdminUnit
) -> OrgNode:
    return orgnode_create(
        actor=admin,
        scope=ROOT,
        system=parent.system,
        parent=parent,
        kind=kind,
        code=code,
        name=name,
        place=place,
    )

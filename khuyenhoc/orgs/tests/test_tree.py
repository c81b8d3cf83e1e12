from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from khuyenhoc.core.errors import DomainError
from khuyenhoc.core.middleware import scope_for_user
from khuyenhoc.orgs import selectors
from khuyenhoc.orgs.models import OrgNode
from khuyenhoc.orgs.services import orgnode_create, orgnode_update
from khuyenhoc.testing import factories as f


def test_subtree_is_one_prefix_query_and_excludes_siblings(world, django_assert_num_queries):
    branch = f.orgnode(parent=world.commune_a, kind="branch", code="HKH-A-1", name="Chi hội thôn 1")

    with django_assert_num_queries(1):
        under_a = list(OrgNode.objects.under(world.commune_a))

    assert under_a == [branch]
    assert branch.path == f"{world.province.pk}.{world.commune_a.pk}.{branch.pk}."
    assert set(OrgNode.objects.under(world.province)) == {world.commune_a, world.commune_b, branch}


def test_node_ids_of_similar_prefix_do_not_leak_into_each_other(world):
    # Paths "1.2." and "1.27." share a textual prefix; the trailing dot keeps them apart. Ids come from a
    # sequence that differs between databases, so the look-alike path is written directly.
    lookalike = f.orgnode(parent=world.province, code="N27", name="Xã 27")
    OrgNode.objects.filter(pk=lookalike.pk).update(path=world.commune_a.path[:-1] + "7.")

    assert list(OrgNode.objects.under(world.commune_a)) == []
    assert OrgNode.objects.under(world.province).filter(pk=lookalike.pk).exists()


def test_org_admin_creates_nodes_only_under_their_node(world):
    scope = scope_for_user(world.province_admin)
    system = world.province.system

    node = orgnode_create(
        actor=world.province_admin,
        scope=scope,
        system=system,
        parent=world.commune_a,
        kind="school",
        code="hkh-a-th",
        name=" Trường  THCS A ",
    )

    assert (node.code, node.name, node.depth) == ("HKH-A-TH", "Trường THCS A", 3)
    with pytest.raises(PermissionDenied):
        orgnode_create(
            actor=world.province_admin,
            scope=scope,
            system=system,
            parent=None,
            kind="central",
            code="X",
            name="X",
        )
    with pytest.raises(PermissionDenied):
        orgnode_create(
            actor=world.clerk_a,
            scope=scope_for_user(world.clerk_a),
            system=system,
            parent=world.commune_a,
            kind="branch",
            code="Y",
            name="Y",
        )


def test_duplicate_code_and_reversed_dates_are_refused(world):
    scope = scope_for_user(world.province_admin)

    with pytest.raises(DomainError) as dup:
        f.orgnode(parent=world.province, code="HKH-A", name="Trùng mã")
    with pytest.raises(DomainError) as dates:
        orgnode_update(
            actor=world.province_admin,
            scope=scope,
            node=world.commune_a,
            data={"valid_from": date(2024, 1, 2), "valid_until": date(2023, 1, 1)},
        )

    assert dup.value.field == "code"
    assert dates.value.field == "valid_until"
    world.commune_a.refresh_from_db()
    assert world.commune_a.valid_from is None


def test_tree_roots_for_a_clerk_are_their_own_nodes(world):
    roots = list(selectors.orgnode_roots(scope=scope_for_user(world.clerk_a)))

    assert roots == [world.commune_a]

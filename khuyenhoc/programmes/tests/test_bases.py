"""Denominators counted from the records: persons and households a node manages or a place holds, and
the units under a node or in a place — counted when a target is set or cascaded, recounted on request,
never overwriting a base typed in by hand."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from khuyenhoc.core import clock
from khuyenhoc.core.errors import DomainError
from khuyenhoc.core.middleware import scope_for_user
from khuyenhoc.people.services.households import household_create
from khuyenhoc.programmes.bases import count_bases
from khuyenhoc.programmes.models import BaseSource, Target
from khuyenhoc.programmes.services.targets import (
    bases_refresh,
    indicator_add,
    target_cascade,
    target_set,
)
from khuyenhoc.reports.indicators import figure
from khuyenhoc.testing import factories as f

YEAR = clock.today().year


def _share(programme, scope, base_source, title="citizen", code="ct1"):
    return indicator_add(actor=None, scope=scope, programme=programme, code=code, unit="percent",
                         name="Tỷ lệ được công nhận", source="recognised", title=title,
                         base_source=base_source)  # fmt: skip


def test_a_cascaded_share_counts_each_bodys_members_and_the_figure_uses_them(world, programme):
    scope = scope_for_user(world.province_admin)
    members_a = [f.person(world.commune_a) for _ in range(3)]
    f.person(world.commune_b)
    share = _share(programme, scope, BaseSource.PERSONS)

    top = target_set(actor=None, scope=scope, indicator=share, year=YEAR, value="80",
                     org_node=world.province)  # fmt: skip
    children = {t.org_node.code: t for t in target_cascade(actor=None, scope=scope, target=top)}
    f.recognised_citizens(world.province, members_a)

    assert (top.base, top.base_counted_on) == (4, clock.today())
    assert (children["HKH-A"].base, children["HKH-B"].base) == (3, 1)
    assert figure(children["HKH-A"]).actual == Decimal("100.00")
    assert figure(top).actual == Decimal("75.00")


def test_places_count_their_households_and_a_province_counts_its_communes(world, programme):
    scope = scope_for_user(world.province_admin)
    first, second, empty = f.commune("40", 0), f.commune("40", 1), f.commune("40", 2)
    for commune, n in ((first, 2), (second, 1)):
        for i in range(n):
            household_create(actor=None, scope=f.ROOT, org_node=world.commune_a,
                             name=f"Gia đình {commune.code}-{i}", commune=commune)  # fmt: skip
    household_create(actor=None, scope=f.ROOT, org_node=world.commune_a, name="Hộ tỉnh khác",
                     commune=f.commune("01", 0))  # fmt: skip
    families = _share(programme, scope, BaseSource.HOUSEHOLDS, title="family")

    top = target_set(actor=None, scope=scope, indicator=families, year=YEAR, value="90",
                     place=first.parent)  # fmt: skip
    communes = {t.place_id: t for t in target_cascade(actor=None, scope=scope, target=top)}

    assert top.base == 3
    assert (communes[first.pk].base, communes[second.pk].base) == (2, 1)
    # Nothing to count is no base (the dashboard says so), not a zero that divides.
    assert communes[empty.pk].base is None
    assert communes[empty.pk].base_counted_on == clock.today()
    assert figure(communes[empty.pk]).problem


def test_units_are_the_agencies_schools_and_enterprises_under_a_body_or_in_a_place(
    world, programme
):
    place = f.commune("40", 0)
    for i, kind in enumerate(("school", "agency", "enterprise", "branch")):
        f.orgnode(parent=world.commune_a, kind=kind, code=f"U{i}", name=f"Đơn vị {i}", place=place)
    f.orgnode(parent=world.commune_b, kind="school", code="U9", name="Trường B")
    f.orgnode(parent=world.province, kind="department", code="SO-GD", name="Sở Giáo dục",
              place=place.parent)  # fmt: skip

    counted = count_bases(
        BaseSource.UNITS, [world.province, world.commune_a, world.commune_b, place, place.parent]
    )

    assert counted[("node", world.province.pk)] == 5
    assert counted[("node", world.commune_a.pk)] == 3  # the branch is not a unit
    assert counted[("node", world.commune_b.pk)] == 1
    assert counted[("place", place.pk)] == 3
    assert counted[("place", place.parent.pk)] == 4  # the department sits at the province itself


def test_recounting_follows_the_records_and_keeps_hand_typed_bases(world, programme):
    scope = scope_for_user(world.province_admin)
    f.person(world.commune_a)
    share = _share(programme, scope, BaseSource.PERSONS)
    counted = target_set(actor=None, scope=scope, indicator=share, year=YEAR, value="50",
                         org_node=world.commune_a)  # fmt: skip
    typed = target_set(actor=None, scope=scope, indicator=share, year=YEAR, value="50",
                       org_node=world.commune_b, base=40)  # fmt: skip
    for _ in range(2):
        f.person(world.commune_a)
        f.person(world.commune_b)

    changed = bases_refresh(actor=world.province_admin, scope=scope, indicator=share, year=YEAR)

    counted.refresh_from_db()
    typed.refresh_from_db()
    assert changed == 1
    assert (counted.base, counted.base_counted_on) == (3, clock.today())
    assert (typed.base, typed.base_counted_on) == (40, None)
    assert counted.history.count() == 2  # the recount is in the target's history


def test_counting_a_hundred_bodies_takes_one_query(world, django_assert_num_queries):
    nodes = [
        f.orgnode(parent=world.commune_a, kind="branch", code=f"CH{i}", name=f"Chi hội {i}")
        for i in range(100)
    ]
    f.person(nodes[7])
    with django_assert_num_queries(1):
        counted = count_bases(BaseSource.PERSONS, nodes)
    assert counted[("node", nodes[7].pk)] == 1
    assert sum(counted.values()) == 1


@pytest.mark.parametrize(
    ("unit", "source", "base_source"),
    [
        ("count", "recognised", BaseSource.PERSONS),  # a count has no denominator
        ("percent", "reported", BaseSource.PERSONS),  # a reported share comes as a share
        ("percent", "recognised", "cadres"),  # not a source of denominators
    ],
)
def test_a_denominator_source_that_cannot_apply_is_refused(world, programme, unit, source,
                                                          base_source):  # fmt: skip
    scope = scope_for_user(world.province_admin)
    with pytest.raises(DomainError) as err:
        indicator_add(actor=None, scope=scope, programme=programme, code="x", name="X", unit=unit,
                      source=source, title="citizen", base_source=base_source)  # fmt: skip
    assert err.value.field == "base_source"
    assert not programme.indicators.exists()


def test_recounting_is_for_the_programme_managers_and_counting_indicators(world, programme):
    manager = scope_for_user(world.province_admin)
    share = _share(programme, manager, BaseSource.PERSONS)
    typed = _share(programme, manager, "", code="ct2")
    target_set(actor=None, scope=manager, indicator=share, year=YEAR, value="50",
               org_node=world.commune_a)  # fmt: skip
    with pytest.raises(PermissionDenied):
        bases_refresh(
            actor=world.clerk_a, scope=scope_for_user(world.clerk_a), indicator=share, year=YEAR
        )
    with pytest.raises(DomainError):
        bases_refresh(actor=None, scope=manager, indicator=typed, year=YEAR)
    assert Target.objects.get().base_counted_on == clock.today()
